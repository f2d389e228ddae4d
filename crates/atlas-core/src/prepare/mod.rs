//! Geometry and derived data prepared for drawing, once: areas at every level of detail with
//! an R-tree over their bounds, one marker per placed incident, the markers indexed by date
//! and grouped by distance per zoom, the density grid and the district shading for a date
//! window, and `PreparedMap`, which holds them all. Plain buffers in world coordinates: the
//! app's `map` module turns them into pixels.

pub mod areas;
pub mod by_date;
pub mod clusters;
pub mod density;
pub mod markers;
pub mod prepared;
pub mod shading;
pub mod user_layers;
