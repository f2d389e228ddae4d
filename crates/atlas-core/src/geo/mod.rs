//! Geometry: projection to Web Mercator, tessellation, boundary layers and placement checks.
//! Never imports egui; the map module turns what this prepares into pixels.

pub mod boundaries;
pub mod lod;
pub mod outline;
pub mod placement;
pub mod point_grid;
pub mod projection;
pub mod tessellate;
