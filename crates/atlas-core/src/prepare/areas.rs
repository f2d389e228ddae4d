//! A layer of areas (districts, provinces, countries, tehsils) prepared for drawing: each
//! area at every level of detail, and an R-tree over their bounds so a frame only touches the
//! areas in view and a hover only tests the areas under the pointer.

use rstar::primitives::{GeomWithData, Rectangle};
use rstar::{AABB, RTree};

use crate::geo::boundaries::{Region, rings_of};
use crate::geo::lod::LodShape;
use crate::geo::point_grid::PointGrid;
use crate::geo::projection::{World, world_from_lon_lat};
use crate::geo::tessellate::WorldShape;
use crate::model::LonLat;

/// One area ready to paint.
#[derive(Debug, Clone)]
pub struct PreparedArea {
    pub name: String,
    pub group: String,
    pub lod: LodShape,
    pub label: World,
    /// Area in world units², computed once (labels go largest first).
    pub area: f64,
    /// The full-detail rings in world units, and the point-location grid made from them
    /// the first time the area is asked about a point (most areas never are).
    rings: Vec<Vec<[f64; 2]>>,
    grid: std::sync::OnceLock<PointGrid>,
}

impl PreparedArea {
    pub fn from_region(region: &Region) -> Self {
        let lod = LodShape::new(&region.shape);
        let rings = rings_of(&region.shape, |lon, lat| {
            let w = world_from_lon_lat(LonLat { lon, lat });
            [w.x, w.y]
        });
        Self {
            rings,
            grid: std::sync::OnceLock::new(),
            name: region.name.clone(),
            group: region.group.clone(),
            area: lod.area(),
            lod,
            label: world_from_lon_lat(region.label_point),
        }
    }

    pub fn bounds(&self) -> (World, World) {
        (self.lod.min, self.lod.max)
    }

    /// Whether a world point lies in the area (by its point-location grid over the full
    /// outline: locating a million markers must not test thousands of triangles each).
    pub fn contains(&self, point: World) -> bool {
        self.grid
            .get_or_init(|| PointGrid::new(self.rings.iter().map(Vec::as_slice)))
            .contains([point.x, point.y])
    }
}

/// Whether `point` lies in one of the shape's triangles.
pub fn shape_contains(shape: &WorldShape, point: World) -> bool {
    let (min, max) = (shape.min, shape.max);
    if point.x < min.x || point.x > max.x || point.y < min.y || point.y > max.y {
        return false;
    }
    // Same-side test against each edge: the point is inside when all signs agree.
    let side = |p: World, q: World, r: World| (p.x - r.x) * (q.y - r.y) - (q.x - r.x) * (p.y - r.y);
    shape.triangle_corners().any(|[a, b, c]| {
        let (d1, d2, d3) = (side(point, a, b), side(point, b, c), side(point, c, a));
        let negative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
        let positive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
        !(negative && positive)
    })
}

type Entry = GeomWithData<Rectangle<[f64; 2]>, usize>;

/// Areas with a spatial index over their bounding boxes.
#[derive(Debug, Clone, Default)]
pub struct AreaLayer {
    pub areas: Vec<PreparedArea>,
    index: RTree<Entry>,
}

impl AreaLayer {
    pub fn new(regions: &[Region]) -> Self {
        Self::from_areas(regions.iter().map(PreparedArea::from_region).collect())
    }

    pub fn from_areas(areas: Vec<PreparedArea>) -> Self {
        let entries = areas
            .iter()
            .enumerate()
            .filter(|(_, a)| a.bounds().0.x.is_finite())
            .map(|(i, a)| {
                let (min, max) = a.bounds();
                GeomWithData::new(Rectangle::from_corners([min.x, min.y], [max.x, max.y]), i)
            })
            .collect();
        Self {
            areas,
            index: RTree::bulk_load(entries),
        }
    }

    /// Makes every level of detail of every area now (layers prepared on a worker thread:
    /// no frame then pays for them).
    pub fn make_all_levels(&self) {
        for area in &self.areas {
            area.lod.make_all();
        }
    }

    /// The areas whose bounds meet the world rectangle `min`–`max`, in file order (so the
    /// painting order does not flicker as the view moves).
    pub fn in_view(&self, min: World, max: World) -> Vec<&PreparedArea> {
        self.in_view_indexed(min, max)
            .into_iter()
            .map(|(_, area)| area)
            .collect()
    }

    /// `in_view`, each area with its index in `areas` (to find what else is known of it).
    pub fn in_view_indexed(&self, min: World, max: World) -> Vec<(usize, &PreparedArea)> {
        let envelope = AABB::from_corners([min.x, min.y], [max.x, max.y]);
        let mut hits: Vec<usize> = self
            .index
            .locate_in_envelope_intersecting(envelope)
            .map(|e| e.data)
            .collect();
        hits.sort_unstable();
        hits.into_iter()
            .filter_map(|i| self.areas.get(i).map(|a| (i, a)))
            .collect()
    }

    /// The area that holds `point`, if any.
    /// The index in `areas` of the area that holds `point`, if any.
    pub fn index_at(&self, point: World) -> Option<usize> {
        self.index
            .locate_all_at_point([point.x, point.y])
            .map(|e| e.data)
            .find(|&i| self.areas.get(i).is_some_and(|a| a.contains(point)))
    }

    pub fn at(&self, point: World) -> Option<&PreparedArea> {
        self.index
            .locate_all_at_point([point.x, point.y])
            .filter_map(|e| self.areas.get(e.data))
            .find(|a| a.contains(point))
    }

    pub fn by_name(&self, name: &str) -> Option<&PreparedArea> {
        self.areas
            .iter()
            .find(|a| a.name.eq_ignore_ascii_case(name))
    }

    pub fn len(&self) -> usize {
        self.areas.len()
    }

    pub fn is_empty(&self) -> bool {
        self.areas.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LonLat;
    use geo::{MultiPolygon, polygon};

    fn square(name: &str, lon: f64, lat: f64) -> Region {
        let p = polygon![(x: lon, y: lat), (x: lon + 1.0, y: lat), (x: lon + 1.0, y: lat + 1.0), (x: lon, y: lat + 1.0)];
        Region::new(
            name.to_owned(),
            String::new(),
            MultiPolygon(vec![p]),
            LonLat {
                lon: lon + 0.5,
                lat: lat + 0.5,
            },
        )
    }

    fn w(lon: f64, lat: f64) -> World {
        world_from_lon_lat(LonLat { lon, lat })
    }

    #[test]
    fn culling_keeps_only_the_areas_in_view() {
        let layer = AreaLayer::new(&[
            square("a", 60.0, 25.0),
            square("b", 62.0, 25.0),
            square("c", 70.0, 30.0),
        ]);
        let names = |min, max| {
            layer
                .in_view(min, max)
                .iter()
                .map(|a| a.name.clone())
                .collect::<Vec<_>>()
        };
        // World y grows southwards: the north-west corner is the minimum.
        assert_eq!(names(w(59.0, 27.0), w(63.5, 24.0)), ["a", "b"]);
        assert_eq!(names(w(69.5, 31.5), w(75.0, 29.0)), ["c"]);
        assert!(names(w(80.0, 10.0), w(81.0, 9.0)).is_empty());
    }

    #[test]
    fn a_point_finds_the_area_that_holds_it() {
        let layer = AreaLayer::new(&[square("a", 60.0, 25.0), square("b", 62.0, 25.0)]);
        assert_eq!(layer.at(w(62.5, 25.5)).map(|a| a.name.as_str()), Some("b"));
        assert!(layer.at(w(61.5, 25.5)).is_none(), "the gap between them");
    }
}
