//! Point-in-polygon for shapes asked about a million times (every incident is placed in its
//! province and district at load, and located in the district set drawn).
//!
//! A grid over the shape's bounding box: each cell knows whether its centre is inside (found
//! for a whole row of cells at once by a scanline) and which ring edges cross it. A point in a
//! cell that no edge crosses has its centre's answer; otherwise the segment from the centre to
//! the point is tested against the cell's few edges, and each crossing flips the answer. So a
//! query costs a handful of edge tests instead of one per vertex of a ring thousands long.
//! Even-odd over every ring: holes and the parts of a multipolygon need no special case.

/// A grid for one shape; coordinates are any plane pair (degrees or world units).
#[derive(Debug, Clone, Default)]
pub struct PointGrid {
    min: [f64; 2],
    max: [f64; 2],
    cell: [f64; 2],
    nx: usize,
    ny: usize,
    /// Per cell: centre inside, and its run in `cell_edges`.
    cells: Vec<(bool, u32, u32)>,
    /// Ring segments `[x0, y0, x1, y1]`.
    edges: Vec<[f64; 4]>,
    cell_edges: Vec<u32>,
}

/// Which side of the line a→b the point c lies on (positive: left).
fn orient(a: [f64; 2], b: [f64; 2], c: [f64; 2]) -> f64 {
    (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
}

impl PointGrid {
    /// The grid of the shape bounded by `rings` (each a closed or open list of points).
    pub fn new<'a>(rings: impl IntoIterator<Item = &'a [[f64; 2]]>) -> Self {
        let mut edges = Vec::new();
        for ring in rings {
            let n = ring.len();
            for i in 0..n {
                let (Some(&a), Some(&b)) = (ring.get(i), ring.get((i + 1) % n)) else {
                    continue;
                };
                // A repeated vertex is no edge (exact comparison on purpose: any length counts).
                #[allow(clippy::float_cmp)]
                let repeated = a == b;
                if !repeated {
                    edges.push([a[0], a[1], b[0], b[1]]);
                }
            }
        }
        let Some(first) = edges.first() else {
            return Self::default();
        };
        let (mut min, mut max) = ([first[0], first[1]], [first[0], first[1]]);
        for e in &edges {
            for (x, y) in [(e[0], e[1]), (e[2], e[3])] {
                (min[0], min[1]) = (min[0].min(x), min[1].min(y));
                (max[0], max[1]) = (max[0].max(x), max[1].max(y));
            }
        }
        // About one edge per cell on average, within bounds that keep the grid small.
        let side = ((edges.len() as f64).sqrt().ceil() as usize).clamp(4, 256);
        let (nx, ny) = (side, side);
        let cell = [
            ((max[0] - min[0]) / nx as f64).max(f64::MIN_POSITIVE),
            ((max[1] - min[1]) / ny as f64).max(f64::MIN_POSITIVE),
        ];
        let mut grid = Self {
            min,
            max,
            cell,
            nx,
            ny,
            cells: Vec::new(),
            edges,
            cell_edges: Vec::new(),
        };
        grid.bucket_edges();
        grid.mark_centres();
        grid
    }

    fn column(&self, x: f64) -> usize {
        (((x - self.min[0]) / self.cell[0]).floor().max(0.0) as usize).min(self.nx - 1)
    }

    fn row(&self, y: f64) -> usize {
        (((y - self.min[1]) / self.cell[1]).floor().max(0.0) as usize).min(self.ny - 1)
    }

    /// Each cell's edges: every edge goes into the cells its bounding box touches.
    fn bucket_edges(&mut self) {
        let mut per_cell: Vec<Vec<u32>> = vec![Vec::new(); self.nx * self.ny];
        for (k, e) in self.edges.iter().enumerate() {
            let (c0, c1) = (self.column(e[0].min(e[2])), self.column(e[0].max(e[2])));
            let (r0, r1) = (self.row(e[1].min(e[3])), self.row(e[1].max(e[3])));
            for r in r0..=r1 {
                for c in c0..=c1 {
                    if let Some(list) = per_cell.get_mut(r * self.nx + c) {
                        list.push(k as u32);
                    }
                }
            }
        }
        self.cells = Vec::with_capacity(per_cell.len());
        for list in per_cell {
            let start = self.cell_edges.len() as u32;
            self.cell_edges.extend(list);
            self.cells
                .push((false, start, self.cell_edges.len() as u32));
        }
    }

    /// Whether each cell's centre is inside, a row at a time: the crossings of the row's
    /// centre line, sorted, and the parity of those left of each centre.
    fn mark_centres(&mut self) {
        let mut crossings = Vec::new();
        for r in 0..self.ny {
            let y = self.min[1] + (r as f64 + 0.5) * self.cell[1];
            crossings.clear();
            for e in &self.edges {
                if (e[1] <= y) != (e[3] <= y) {
                    crossings.push(e[0] + (y - e[1]) / (e[3] - e[1]) * (e[2] - e[0]));
                }
            }
            crossings.sort_by(f64::total_cmp);
            let mut left = 0;
            for c in 0..self.nx {
                let x = self.min[0] + (c as f64 + 0.5) * self.cell[0];
                while crossings.get(left).is_some_and(|&cx| cx < x) {
                    left += 1;
                }
                if let Some(cell) = self.cells.get_mut(r * self.nx + c) {
                    cell.0 = left % 2 == 1;
                }
            }
        }
    }

    /// Whether the point lies inside the shape.
    pub fn contains(&self, p: [f64; 2]) -> bool {
        if self.edges.is_empty()
            || p[0] < self.min[0]
            || p[0] > self.max[0]
            || p[1] < self.min[1]
            || p[1] > self.max[1]
        {
            return false;
        }
        let (c, r) = (self.column(p[0]), self.row(p[1]));
        let Some(&(mut inside, start, end)) = self.cells.get(r * self.nx + c) else {
            return false;
        };
        let centre = [
            self.min[0] + (c as f64 + 0.5) * self.cell[0],
            self.min[1] + (r as f64 + 0.5) * self.cell[1],
        ];
        for &k in self
            .cell_edges
            .get(start as usize..end as usize)
            .unwrap_or_default()
        {
            let Some(e) = self.edges.get(k as usize) else {
                continue;
            };
            let (a, b) = ([e[0], e[1]], [e[2], e[3]]);
            // Proper crossing of centre→p with a→b; a vertex exactly on the segment counts on
            // one side only (`> 0`), so the two edges meeting there add up to the right parity.
            if (orient(centre, p, a) > 0.0) != (orient(centre, p, b) > 0.0)
                && (orient(a, b, centre) > 0.0) != (orient(a, b, p) > 0.0)
            {
                inside = !inside;
            }
        }
        inside
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use geo::{Contains, Coord, LineString, Point, Polygon};
    use proptest::prelude::*;

    fn square_with_hole() -> Vec<Vec<[f64; 2]>> {
        vec![
            vec![[0.0, 0.0], [10.0, 0.0], [10.0, 10.0], [0.0, 10.0]],
            vec![[4.0, 4.0], [6.0, 4.0], [6.0, 6.0], [4.0, 6.0]],
        ]
    }

    #[test]
    fn a_square_with_a_hole() {
        let rings = square_with_hole();
        let grid = PointGrid::new(rings.iter().map(Vec::as_slice));
        assert!(grid.contains([1.0, 1.0]));
        assert!(grid.contains([9.5, 5.0]));
        assert!(!grid.contains([5.0, 5.0]), "in the hole");
        assert!(!grid.contains([11.0, 5.0]));
        assert!(!grid.contains([-0.1, 5.0]));
        assert!(!PointGrid::new(std::iter::empty()).contains([0.0, 0.0]));
    }

    /// A star-shaped ring around (50, 50) with the given radii, one vertex per radius.
    fn star(radii: &[f64]) -> Vec<[f64; 2]> {
        let n = radii.len() as f64;
        radii
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let a = std::f64::consts::TAU * i as f64 / n;
                [50.0 + r * a.cos(), 50.0 + r * a.sin()]
            })
            .collect()
    }

    #[test]
    fn the_bundled_boundaries_answer_as_their_rings_and_triangles_do() {
        use crate::geo::projection::world_from_lon_lat;
        use crate::model::LonLat;
        use crate::prepare::areas::{PreparedArea, shape_contains};
        let boundaries = crate::io::load_boundaries(&mut crate::problem::Problems::default());
        let regions: Vec<_> = boundaries
            .districts_2025
            .iter()
            .chain(&boundaries.districts_2026)
            .chain(&boundaries.provinces)
            .collect();
        assert!(regions.len() > 70);
        let areas: Vec<PreparedArea> = regions
            .iter()
            .map(|r| PreparedArea::from_region(r))
            .collect();
        // A deterministic scatter over Balochistan and around it.
        let mut state = 12_345u64;
        let mut next = || {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        for _ in 0..3_000 {
            let point = LonLat {
                lon: 60.5 + 10.0 * next(),
                lat: 24.5 + 7.0 * next(),
            };
            let world = world_from_lon_lat(point);
            for (region, area) in regions.iter().zip(&areas) {
                assert_eq!(
                    region.contains(point),
                    region.contains_by_rings(point),
                    "{} at {point:?}",
                    region.name
                );
                assert_eq!(
                    area.contains(world),
                    shape_contains(area.lod.full(), world),
                    "{} at {point:?}",
                    area.name
                );
            }
        }
    }

    proptest! {
        /// The grid answers as `geo` does for any point off the boundary of a jagged ring.
        #[test]
        fn agrees_with_geo(
            radii in prop::collection::vec(5.0f64..45.0, 3..400),
            points in prop::collection::vec((0.0f64..100.0, 0.0f64..100.0), 1..200),
        ) {
            let ring = star(&radii);
            let grid = PointGrid::new([ring.as_slice()]);
            let polygon = Polygon::new(
                LineString::from(ring.iter().map(|p| Coord { x: p[0], y: p[1] }).collect::<Vec<_>>()),
                vec![],
            );
            for (x, y) in points {
                let expected = polygon.contains(&Point::new(x, y));
                prop_assert_eq!(grid.contains([x, y]), expected, "{} {}", x, y);
            }
        }
    }
}
