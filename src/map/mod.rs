//! The map on screen: the walkers plugin that paints the prepared geometry (`layer`), strokes
//! of prepared outlines (`stroke`), and the optional online tiles (`tiles`). What is painted
//! is prepared once in `atlas_core::prepare`, re-exported here.

pub use atlas_core::prepare::{areas, clusters, markers, prepared, shading};

pub mod area_meshes;
pub mod camera;
mod labels;
pub mod layer;
pub mod stroke;
pub mod symbols;
pub mod tiles;
