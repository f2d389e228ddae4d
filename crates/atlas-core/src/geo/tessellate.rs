//! Turns (concave, holed, multi-part) polygons into triangles and outline rings in world
//! coordinates, once, at load. Ear clipping handles concavity and holes; convex fills would
//! paint across the bays of a district like Gwadar or Kech.

use geo::{MultiPolygon, Polygon, TriangulateEarcut};

use super::outline::OutlineRing;
use super::projection::{World, world_from_lon_lat};
use crate::model::LonLat;

/// Triangles and outlines of one area, in world coordinates.
#[derive(Debug, Clone, Default)]
pub struct WorldShape {
    pub vertices: Vec<World>,
    /// Three indices into `vertices` per triangle.
    pub triangles: Vec<u32>,
    /// Closed rings (exterior and holes), ready to stroke.
    pub rings: Vec<OutlineRing>,
    pub min: World,
    pub max: World,
}

impl WorldShape {
    /// No vertices, no triangles: what an area collapsed to nothing draws.
    pub const EMPTY: WorldShape = WorldShape {
        vertices: Vec::new(),
        triangles: Vec::new(),
        rings: Vec::new(),
        min: World { x: 0.0, y: 0.0 },
        max: World { x: 0.0, y: 0.0 },
    };

    /// The corners of each triangle (a triangle naming a missing vertex is skipped: earcut
    /// never makes one).
    pub fn triangle_corners(&self) -> impl Iterator<Item = [World; 3]> + '_ {
        self.triangles.chunks_exact(3).filter_map(|t| {
            let corner = |n: usize| {
                t.get(n)
                    .and_then(|&i| self.vertices.get(i as usize))
                    .copied()
            };
            Some([corner(0)?, corner(1)?, corner(2)?])
        })
    }

    pub fn triangle_count(&self) -> usize {
        self.triangles.len() / 3
    }

    /// Area of all triangles, in world units squared (for tests and sanity checks).
    pub fn triangle_area(&self) -> f64 {
        self.triangle_corners()
            .map(|[a, b, c]| ((b.x - a.x) * (c.y - a.y) - (c.x - a.x) * (b.y - a.y)).abs() / 2.0)
            .sum()
    }
}

/// Projects and triangulates a multipolygon given in lon/lat degrees.
pub fn tessellate(shape: &MultiPolygon<f64>) -> WorldShape {
    tessellate_world(&MultiPolygon(shape.0.iter().map(project).collect()))
}

/// Triangulates a multipolygon already in world coordinates.
pub fn tessellate_world(shape: &MultiPolygon<f64>) -> WorldShape {
    let mut out = WorldShape {
        min: World {
            x: f64::INFINITY,
            y: f64::INFINITY,
        },
        max: World {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        },
        ..WorldShape::default()
    };
    for projected in &shape.0 {
        if projected.exterior().0.len() < 4 {
            continue; // Collapsed by simplification: nothing to fill or outline.
        }
        let raw = projected.earcut_triangles_raw();
        let Ok(base) = u32::try_from(out.vertices.len()) else {
            log::warn!("shape too large to index with u32; remaining parts skipped");
            break;
        };
        out.vertices
            .extend(raw.vertices.iter().map(|&[x, y]| World { x, y }));
        out.triangles.extend(
            raw.triangle_indices
                .iter()
                .filter_map(|&i| u32::try_from(i).ok())
                .map(|i| base + i),
        );
        for ring in std::iter::once(projected.exterior()).chain(projected.interiors()) {
            let points: Vec<World> = ring.0.iter().map(|c| World { x: c.x, y: c.y }).collect();
            for p in &points {
                out.min = World {
                    x: out.min.x.min(p.x),
                    y: out.min.y.min(p.y),
                };
                out.max = World {
                    x: out.max.x.max(p.x),
                    y: out.max.y.max(p.y),
                };
            }
            out.rings.extend(OutlineRing::new(&points));
        }
    }
    out
}

/// A lon/lat polygon in world coordinates.
pub fn project(polygon: &Polygon<f64>) -> Polygon<f64> {
    use geo::MapCoords;
    polygon.map_coords(|c| {
        let w = world_from_lon_lat(LonLat { lon: c.x, lat: c.y });
        geo::Coord { x: w.x, y: w.y }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Area, polygon};

    fn world_area(p: &Polygon<f64>) -> f64 {
        project(p).unsigned_area()
    }

    #[test]
    fn a_concave_polygon_is_filled_exactly() {
        // A "C" shape: a convex fill would cover the notch.
        let c = polygon![(x: 60.0, y: 25.0), (x: 64.0, y: 25.0), (x: 64.0, y: 26.0), (x: 61.0, y: 26.0),
                         (x: 61.0, y: 28.0), (x: 64.0, y: 28.0), (x: 64.0, y: 29.0), (x: 60.0, y: 29.0)];
        let shape = tessellate(&MultiPolygon(vec![c.clone()]));
        assert_eq!(shape.triangle_count(), 6);
        let expected = world_area(&c);
        assert!((shape.triangle_area() - expected).abs() < expected * 1e-9);
    }

    #[test]
    fn a_polygon_with_a_hole_leaves_the_hole_empty() {
        let outer = polygon![(x: 60.0, y: 25.0), (x: 66.0, y: 25.0), (x: 66.0, y: 31.0), (x: 60.0, y: 31.0)];
        let holed = Polygon::new(
            outer.exterior().clone(),
            vec![polygon![(x: 62.0, y: 27.0), (x: 64.0, y: 27.0), (x: 64.0, y: 29.0), (x: 62.0, y: 29.0)].exterior().clone()],
        );
        let shape = tessellate(&MultiPolygon(vec![holed.clone()]));
        assert_eq!(shape.rings.len(), 2);
        let expected = world_area(&holed);
        assert!((shape.triangle_area() - expected).abs() < expected * 1e-9);
        assert!(shape.triangle_area() < world_area(&outer));
    }
}
