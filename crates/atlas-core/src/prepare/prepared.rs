//! Geometry and markers prepared once from the loaded data: projected, simplified per zoom
//! band, tessellated and indexed. Per frame, the map only culls these and applies one
//! world→screen transform.

use geo::BoundingRect;

use super::areas::AreaLayer;
use super::markers::PreparedMarker;
use crate::geo::boundaries::{DistrictSet, Region};
use crate::io::Loaded;
use crate::model::LonLat;

#[derive(Debug, Clone, Default)]
pub struct PreparedMap {
    pub land: AreaLayer,
    pub countries: AreaLayer,
    /// The countries other than Pakistan, whose borders and names the map draws; Pakistan's
    /// own edge comes from the province file.
    pub foreign_countries: AreaLayer,
    pub provinces: AreaLayer,
    pub districts_2025: AreaLayer,
    pub districts_2026: AreaLayer,
    /// One marker per incident that has a place, in dataset order (shared with the view of
    /// the sources in view when nothing is filtered).
    pub markers: std::sync::Arc<Vec<PreparedMarker>>,
    /// Balochistan's bounding box, for "fit Balochistan".
    pub balochistan_bounds: Option<(LonLat, LonLat)>,
}

fn bounds(region: &Region) -> Option<(LonLat, LonLat)> {
    region.shape.bounding_rect().map(|r| {
        (
            LonLat {
                lon: r.min().x,
                lat: r.min().y,
            },
            LonLat {
                lon: r.max().x,
                lat: r.max().y,
            },
        )
    })
}

impl PreparedMap {
    pub fn new(loaded: &Loaded) -> Self {
        let b = &loaded.boundaries;
        let foreign: Vec<Region> = b
            .countries
            .iter()
            .filter(|c| c.name != "Pakistan")
            .cloned()
            .collect();
        let dataset = &loaded.dataset;
        Self {
            land: AreaLayer::new(&b.land),
            countries: AreaLayer::new(&b.countries),
            foreign_countries: AreaLayer::new(&foreign),
            provinces: AreaLayer::new(&b.provinces),
            districts_2025: AreaLayer::new(&b.districts_2025),
            districts_2026: AreaLayer::new(&b.districts_2026),
            markers: std::sync::Arc::new(PreparedMarker::for_dataset(dataset)),
            balochistan_bounds: b.province("Balochistan").and_then(bounds),
        }
    }

    pub fn districts(&self, set: DistrictSet) -> &AreaLayer {
        match set {
            DistrictSet::Y2025 => &self.districts_2025,
            DistrictSet::Y2026 => &self.districts_2026,
        }
    }
}
