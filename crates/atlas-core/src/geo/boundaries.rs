//! The boundary layers in geographic coordinates, and the questions asked of them:
//! which district set is in force on a date, and which district or province holds a point.

use geo::{BoundingRect, InteriorPoint, Intersects, MultiPolygon, Point, Rect};
use jiff::civil::{Date, date};

use super::point_grid::PointGrid;
use crate::model::LonLat;

/// Every ring of a multipolygon (exteriors and holes) as plain coordinate lists, in `map`'s
/// plane: what a `PointGrid` is built from.
pub fn rings_of(
    shape: &MultiPolygon<f64>,
    map: impl Fn(f64, f64) -> [f64; 2],
) -> Vec<Vec<[f64; 2]>> {
    shape
        .0
        .iter()
        .flat_map(|polygon| std::iter::once(polygon.exterior()).chain(polygon.interiors()))
        .map(|ring| ring.coords().map(|c| map(c.x, c.y)).collect())
        .collect()
}

/// One named area of a boundary file, with its other properties kept as text.
#[derive(Debug, Clone)]
pub struct RegionFeature {
    pub name: String,
    pub properties: serde_json::Map<String, serde_json::Value>,
    pub shape: MultiPolygon<f64>,
}

impl RegionFeature {
    /// A text property, empty when absent.
    pub fn text(&self, key: &str) -> String {
        match self.properties.get(key) {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(serde_json::Value::Null) | None => String::new(),
            Some(other) => other.to_string(),
        }
    }
}

/// A named area: a district, province, country, or the land.
#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    /// The enclosing unit where the file gives one (a district's division).
    pub group: String,
    pub shape: MultiPolygon<f64>,
    /// A point well inside the area, for its label and for area-level markers.
    pub label_point: LonLat,
    /// Each polygon's bounding box, computed once: `contains` tests a point against a
    /// polygon's rings only when the box holds it (a million checks at load).
    bounds: Vec<Option<Rect<f64>>>,
    /// A point-location grid, made the first time the region is asked about a point.
    grid: std::sync::OnceLock<PointGrid>,
}

impl Region {
    pub fn new(name: String, group: String, shape: MultiPolygon<f64>, label_point: LonLat) -> Self {
        let bounds = shape.0.iter().map(BoundingRect::bounding_rect).collect();
        Self {
            name,
            group,
            shape,
            label_point,
            bounds,
            grid: std::sync::OnceLock::new(),
        }
    }

    pub fn from_feature(feature: RegionFeature, group_key: &str) -> Self {
        let label_point =
            feature
                .shape
                .interior_point()
                .map_or(LonLat { lon: 0.0, lat: 0.0 }, |p| LonLat {
                    lon: p.x(),
                    lat: p.y(),
                });
        let group = feature.text(group_key);
        Self::new(feature.name, group, feature.shape, label_point)
    }

    /// Whether the point lies in the region, by its point-location grid (a few edge tests;
    /// a point exactly on a border may fall on either side).
    pub fn contains(&self, point: LonLat) -> bool {
        self.grid
            .get_or_init(|| {
                let rings = rings_of(&self.shape, |x, y| [x, y]);
                PointGrid::new(rings.iter().map(Vec::as_slice))
            })
            .contains([point.lon, point.lat])
    }

    /// `contains` the plain way, against the rings themselves (a point on a border belongs
    /// to both sides): the reference the grid is tested against.
    pub fn contains_by_rings(&self, point: LonLat) -> bool {
        let p = Point::new(point.lon, point.lat);
        let in_box = |b: &Option<Rect<f64>>| {
            b.is_some_and(|b| {
                (b.min().x..=b.max().x).contains(&point.lon)
                    && (b.min().y..=b.max().y).contains(&point.lat)
            })
        };
        // Intersects rather than Contains: a point exactly on a border belongs to both sides.
        self.shape
            .0
            .iter()
            .zip(&self.bounds)
            .any(|(polygon, b)| in_box(b) && polygon.intersects(&p))
    }
}

/// Which Balochistan district set a date falls under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum DistrictSet {
    /// The 36 districts in force on 1 January 2026.
    Y2025,
    /// The 39 districts after Tump, Upper Dera Bugti (Feb 2026) and Barshore (Mar 2026).
    Y2026,
}

impl DistrictSet {
    /// The first day of the 2026 set: Tump's notification. Barshore followed on 12 March;
    /// with two drawn sets, the earlier switch keeps Tump events in Tump.
    pub const SWITCH: Date = date(2026, 2, 24);
    /// The last of the three notifications (Barshore, 12 Mar 2026): the timeline reaches at
    /// least this far so the 39-district map can be chosen by date.
    pub const LAST_NOTIFIED: Date = date(2026, 3, 12);

    pub fn in_force_on(day: Date) -> Self {
        if day < Self::SWITCH {
            Self::Y2025
        } else {
            Self::Y2026
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DistrictSet::Y2025 => "districts as on 1 Jan 2026 (36)",
            DistrictSet::Y2026 => "districts after the Feb–Mar 2026 notifications (39)",
        }
    }
}

/// Every boundary layer the app draws or checks against. Empty layers are allowed: a layer
/// that failed to load has a problem reported and is simply not drawn.
#[derive(Debug, Clone, Default)]
pub struct Boundaries {
    pub land: Vec<Region>,
    pub countries: Vec<Region>,
    pub provinces: Vec<Region>,
    pub districts_2025: Vec<Region>,
    pub districts_2026: Vec<Region>,
}

impl Boundaries {
    pub fn districts(&self, set: DistrictSet) -> &[Region] {
        match set {
            DistrictSet::Y2025 => &self.districts_2025,
            DistrictSet::Y2026 => &self.districts_2026,
        }
    }

    pub fn province(&self, name: &str) -> Option<&Region> {
        self.provinces
            .iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
    }

    /// The names of the regions in `layer` that hold the point.
    pub fn names_containing(layer: &[Region], point: LonLat) -> Vec<&str> {
        layer
            .iter()
            .filter(|r| r.contains(point))
            .map(|r| r.name.as_str())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_2026_districts_apply_from_tumps_notification() {
        assert_eq!(
            DistrictSet::in_force_on(date(2026, 1, 31)),
            DistrictSet::Y2025
        );
        assert_eq!(
            DistrictSet::in_force_on(date(2026, 2, 23)),
            DistrictSet::Y2025
        );
        assert_eq!(
            DistrictSet::in_force_on(date(2026, 2, 24)),
            DistrictSet::Y2026
        );
    }
}
