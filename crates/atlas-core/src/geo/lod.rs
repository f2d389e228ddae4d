//! Levels of detail: each area is simplified (Ramer–Douglas–Peucker, in world coordinates)
//! and tessellated once per zoom band, so a frame at any zoom draws a shape whose error stays
//! under half a pixel without carrying vertices it cannot show.
//!
//! A level is made the first time a frame asks for it, then kept: simplifying and
//! triangulating nine levels of every boundary was most of the bundled data's load (earcut
//! and RDP, `perf`), and a start at the province zoom draws two of them.

use std::sync::{Arc, OnceLock};

use geo::{BoundingRect, MultiPolygon, Simplify};

use super::tessellate::{WorldShape, project, tessellate_world};

/// The highest zoom each level is drawn at; the last level is the full geometry. One level
/// per zoom step at the scales analysts use: a level drawn a whole zoom below its own carries
/// four times the vertices it can show, and outlines cost per vertex.
pub const LEVEL_MAX_ZOOM: [f64; 9] = [4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 12.0, f64::INFINITY];

/// The largest error we accept on screen, in pixels.
const MAX_ERROR_PX: f64 = 0.5;

/// World units (0..1 across the whole Mercator square) per screen pixel at `zoom`.
pub fn world_per_pixel(zoom: f64) -> f64 {
    1.0 / (256.0 * 2f64.powf(zoom))
}

/// Which level to draw at `zoom`.
pub fn level_for_zoom(zoom: f64) -> usize {
    LEVEL_MAX_ZOOM
        .iter()
        .position(|&max| zoom <= max)
        .unwrap_or(LEVEL_MAX_ZOOM.len() - 1)
}

static EMPTY_SHAPE: WorldShape = WorldShape::EMPTY;

/// One area at every level of detail, each made when first asked for.
#[derive(Debug, Clone)]
pub struct LodShape {
    /// The area in world coordinates (shared by the clones of a prepared map).
    world: Arc<MultiPolygon<f64>>,
    levels: Vec<OnceLock<WorldShape>>,
    /// Bounds in world units (empty shape: infinite min, so nothing meets it).
    pub min: super::projection::World,
    pub max: super::projection::World,
}

impl Default for LodShape {
    /// No area: draws nothing, meets no view.
    fn default() -> Self {
        Self::new(&MultiPolygon(Vec::new()))
    }
}

impl LodShape {
    /// Projects a lon/lat multipolygon; its levels are made when drawn.
    pub fn new(shape: &MultiPolygon<f64>) -> Self {
        let world = MultiPolygon(shape.0.iter().map(project).collect());
        let (min, max) = world.bounding_rect().map_or(
            (
                super::projection::World {
                    x: f64::INFINITY,
                    y: f64::INFINITY,
                },
                super::projection::World {
                    x: f64::NEG_INFINITY,
                    y: f64::NEG_INFINITY,
                },
            ),
            |r| {
                (
                    super::projection::World {
                        x: r.min().x,
                        y: r.min().y,
                    },
                    super::projection::World {
                        x: r.max().x,
                        y: r.max().y,
                    },
                )
            },
        );
        Self {
            world: Arc::new(world),
            levels: LEVEL_MAX_ZOOM.iter().map(|_| OnceLock::new()).collect(),
            min,
            max,
        }
    }

    /// Level `index` (0 the coarsest, the last the full geometry), made now if it was not.
    pub fn level(&self, index: usize) -> &WorldShape {
        let (Some(slot), Some(&max_zoom)) = (self.levels.get(index), LEVEL_MAX_ZOOM.get(index))
        else {
            return &EMPTY_SHAPE;
        };
        slot.get_or_init(|| {
            if max_zoom.is_finite() {
                let tolerance = MAX_ERROR_PX * world_per_pixel(max_zoom);
                tessellate_world(&self.world.simplify(tolerance))
            } else {
                tessellate_world(&self.world)
            }
        })
    }

    /// Makes every level now (a worker thread preparing a layer calls this, so no frame
    /// pays for it).
    pub fn make_all(&self) {
        for index in 0..self.levels.len() {
            self.level(index);
        }
    }

    pub fn at_zoom(&self, zoom: f64) -> &WorldShape {
        self.level(level_for_zoom(zoom))
    }

    /// The full-detail shape.
    pub fn full(&self) -> &WorldShape {
        self.level(LEVEL_MAX_ZOOM.len() - 1)
    }

    /// The area in world units² (the shoelace formula over the rings, holes subtracted).
    pub fn area(&self) -> f64 {
        use geo::Area;
        self.world.unsigned_area()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::Polygon;

    /// A wiggly circle with many vertices, like a real district border.
    fn wiggly() -> MultiPolygon<f64> {
        let ring: Vec<(f64, f64)> = (0..2000)
            .map(|i| {
                let a = f64::from(i) / 2000.0 * std::f64::consts::TAU;
                let r = 1.0 + 0.002 * (f64::from(i) * 1.7).sin();
                (66.0 + r * a.cos(), 28.0 + r * a.sin())
            })
            .collect();
        MultiPolygon(vec![Polygon::new(ring.into(), vec![])])
    }

    #[test]
    fn coarser_levels_have_fewer_vertices_and_keep_the_area() {
        let lod = LodShape::new(&wiggly());
        let counts: Vec<usize> = (0..LEVEL_MAX_ZOOM.len())
            .map(|i| lod.level(i).vertices.len())
            .collect();
        assert!(counts.windows(2).all(|w| w[0] <= w[1]), "{counts:?}");
        assert!(counts[0] * 5 < counts[counts.len() - 1], "{counts:?}");
        // At zoom 5 the 1° circle is only ~23 px across its radius: half a pixel of error
        // is a few percent of its area; at the finer levels it is far less.
        let full = lod.full().triangle_area();
        let error = |zoom: f64| (lod.at_zoom(zoom).triangle_area() - full).abs() / full;
        assert!(error(5.0) < 0.05, "{}", error(5.0));
        assert!(error(9.0) < 0.005, "{}", error(9.0));
    }

    #[test]
    fn the_level_follows_the_zoom() {
        assert_eq!(level_for_zoom(3.0), 0);
        assert_eq!(level_for_zoom(4.0), 0);
        assert_eq!(level_for_zoom(5.0), 1);
        assert_eq!(level_for_zoom(6.2), 3);
        assert_eq!(level_for_zoom(8.0), 4);
        assert_eq!(level_for_zoom(12.0), 7);
        assert_eq!(level_for_zoom(12.5), LEVEL_MAX_ZOOM.len() - 1);
    }
}
