//! The map: prepared geometry (areas, markers, groups), the walkers plugin that paints it,
//! district shading, and the optional online tiles.

pub mod areas;
pub mod layer;
pub mod markers;
pub mod prepared;
pub mod shading;
pub mod stroke;
pub mod tiles;
