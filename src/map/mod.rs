//! The map: walkers widget, the prepared geometry it paints, and the layer plugin.

pub mod layer;
pub mod prepared;
