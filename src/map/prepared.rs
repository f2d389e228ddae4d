//! Geometry and markers prepared once from the loaded data: projected, tessellated, grouped.
//! Per frame, the map only culls these and applies one world→screen transform.

use std::collections::HashMap;

use crate::geo::boundaries::{DistrictSet, Region};
use crate::geo::projection::{World, world_from_lon_lat};
use crate::geo::tessellate::{WorldShape, tessellate};
use crate::io::Loaded;
use crate::model::{EventType, GeoPrecision, LonLat};

/// One area ready to paint.
#[derive(Debug, Clone)]
pub struct PreparedArea {
    pub name: String,
    pub group: String,
    pub shape: WorldShape,
    pub label: World,
}

impl PreparedArea {
    fn from_region(region: &Region) -> Self {
        Self {
            name: region.name.clone(),
            group: region.group.clone(),
            shape: tessellate(&region.shape),
            label: world_from_lon_lat(region.label_point),
        }
    }
}

/// One incident's marker. Incidents that share a point are fanned out around it by
/// `fan_offset_px` so each stays visible and clickable.
#[derive(Debug, Clone)]
pub struct PreparedMarker {
    pub incident_index: usize,
    pub incident_id: String,
    pub title: String,
    pub world: World,
    pub event_type: EventType,
    pub geo_precision: GeoPrecision,
    pub killed: Option<f64>,
    pub contested: bool,
    pub fan_offset_px: [f32; 2],
    /// Shown on hover: dates, place and sources.
    pub card: String,
}

#[derive(Debug, Clone, Default)]
pub struct PreparedMap {
    pub land: Vec<PreparedArea>,
    pub countries: Vec<PreparedArea>,
    /// The countries other than Pakistan, whose borders the map outlines.
    pub foreign_countries: Vec<PreparedArea>,
    pub provinces: Vec<PreparedArea>,
    pub districts_2025: Vec<PreparedArea>,
    pub districts_2026: Vec<PreparedArea>,
    pub markers: Vec<PreparedMarker>,
    /// Balochistan's bounding box, for "fit Balochistan".
    pub balochistan_bounds: Option<(LonLat, LonLat)>,
}

impl PreparedMap {
    pub fn new(loaded: &Loaded) -> Self {
        let areas = |regions: &[Region]| {
            regions
                .iter()
                .map(PreparedArea::from_region)
                .collect::<Vec<_>>()
        };
        let b = &loaded.boundaries;
        let balochistan_bounds = b.province("Balochistan").and_then(|p| {
            use geo::BoundingRect;
            p.shape.bounding_rect().map(|r| {
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
        });
        let countries = areas(&b.countries);
        let foreign_countries = countries
            .iter()
            .filter(|c| c.name != "Pakistan")
            .cloned()
            .collect();
        Self {
            land: areas(&b.land),
            countries,
            foreign_countries,
            provinces: areas(&b.provinces),
            districts_2025: areas(&b.districts_2025),
            districts_2026: areas(&b.districts_2026),
            markers: prepare_markers(loaded),
            balochistan_bounds,
        }
    }

    pub fn districts(&self, set: DistrictSet) -> &[PreparedArea] {
        match set {
            DistrictSet::Y2025 => &self.districts_2025,
            DistrictSet::Y2026 => &self.districts_2026,
        }
    }
}

fn prepare_markers(loaded: &Loaded) -> Vec<PreparedMarker> {
    let dataset = &loaded.dataset;
    let mut markers: Vec<PreparedMarker> = dataset
        .incidents
        .iter()
        .enumerate()
        .filter_map(|(index, incident)| {
            let position = incident.position?;
            let sources = dataset.sources_for(&incident.id);
            let dates = incident
                .dates
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            let card = format!(
                "{}\n{dates} ({} dates)\n{} ({} location)\n{} source(s): {}",
                incident.title,
                incident.date_precision,
                incident.place,
                incident.geo_precision,
                sources.len(),
                sources
                    .iter()
                    .map(|s| s.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            );
            Some(PreparedMarker {
                incident_index: index,
                incident_id: incident.id.clone(),
                title: incident.title.clone(),
                world: world_from_lon_lat(position),
                event_type: incident.event_type,
                geo_precision: incident.geo_precision,
                killed: dataset.highest_killed(&incident.id),
                contested: dataset.is_contested(&incident.id),
                fan_offset_px: [0.0, 0.0],
                card,
            })
        })
        .collect();

    // Fan out markers that share a point exactly (province-wide incidents, two events in one
    // town): a ring around the point, larger rings for more markers.
    let mut groups: HashMap<(u64, u64), Vec<usize>> = HashMap::new();
    for (i, m) in markers.iter().enumerate() {
        groups
            .entry((m.world.x.to_bits(), m.world.y.to_bits()))
            .or_default()
            .push(i);
    }
    for members in groups.values().filter(|m| m.len() > 1) {
        let n = members.len() as f32;
        let radius = 14.0 + 2.5 * n;
        for (k, &i) in members.iter().enumerate() {
            let angle = std::f32::consts::TAU * (k as f32) / n - std::f32::consts::FRAC_PI_2;
            markers[i].fan_offset_px = [radius * angle.cos(), radius * angle.sin()];
        }
    }
    // Big markers first, so small ones are painted on top and stay clickable.
    markers.sort_by(|a, b| b.killed.unwrap_or(0.0).total_cmp(&a.killed.unwrap_or(0.0)));
    markers
}
