//! The density of incidents as a grid of counts in world coordinates: what the heat map
//! draws when there are too many markers to read. Built in one pass over the markers shown
//! (a million in a few milliseconds), when the dates or the sources change.

use crate::geo::projection::World;
use crate::prepare::markers::PreparedMarker;

/// Cells along the longer side of the grid: fine enough at the province zooms the heat map
/// is for, small enough to upload as one texture.
pub const GRID_CELLS: usize = 512;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct DensityGrid {
    /// The world rectangle the grid covers (north-west and south-east corners).
    pub min: World,
    pub max: World,
    pub cols: usize,
    pub rows: usize,
    /// Incidents per cell, row by row from the north.
    pub counts: Vec<u32>,
    pub max_count: u32,
    /// Summed-area table, `(cols + 1) × (rows + 1)`: entry `(r, c)` holds the incidents in
    /// the cells above and left of it, so any rectangle of cells is counted in four reads.
    sums: Vec<u32>,
    /// Different for every grid built in this process: what a cached texture of it is keyed by.
    pub generation: u64,
}

/// Hands out `DensityGrid::generation`s.
static GENERATIONS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);

impl DensityGrid {
    /// The grid over `extent` of the markers at `shown` (indices into `markers`).
    pub fn new(markers: &[PreparedMarker], shown: &[usize], extent: (World, World)) -> Self {
        let (min, max) = extent;
        let (w, h) = ((max.x - min.x).max(1e-12), (max.y - min.y).max(1e-12));
        let (cols, rows) = if w >= h {
            (
                GRID_CELLS,
                ((GRID_CELLS as f64 * h / w).ceil() as usize).max(1),
            )
        } else {
            (
                ((GRID_CELLS as f64 * w / h).ceil() as usize).max(1),
                GRID_CELLS,
            )
        };
        let mut counts = vec![0u32; cols * rows];
        for marker in shown.iter().filter_map(|&i| markers.get(i)) {
            let p = marker.world;
            let col = ((p.x - min.x) / w * cols as f64).floor();
            let row = ((p.y - min.y) / h * rows as f64).floor();
            if col < 0.0 || row < 0.0 {
                continue;
            }
            let (col, row) = (col as usize, row as usize);
            if col < cols
                && row < rows
                && let Some(cell) = counts.get_mut(row * cols + col)
            {
                *cell += 1;
            }
        }
        let max_count = counts.iter().copied().max().unwrap_or(0);
        let sums = summed_area(&counts, cols, rows);
        Self {
            min,
            max,
            cols,
            rows,
            counts,
            max_count,
            sums,
            generation: GENERATIONS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }

    /// How many incidents lie in the cells the world rectangle `a`–`b` touches (cells cut by
    /// its edges count whole): what the automatic switch to the heat map asks every frame, in
    /// constant time.
    pub fn count_in(&self, a: World, b: World) -> u64 {
        let (w, h) = (
            (self.max.x - self.min.x).max(1e-12),
            (self.max.y - self.min.y).max(1e-12),
        );
        let col = |x: f64, up: bool| {
            let c = (x - self.min.x) / w * self.cols as f64;
            let c = if up { c.ceil() } else { c.floor() };
            c.clamp(0.0, self.cols as f64) as usize
        };
        let row = |y: f64, up: bool| {
            let r = (y - self.min.y) / h * self.rows as f64;
            let r = if up { r.ceil() } else { r.floor() };
            r.clamp(0.0, self.rows as f64) as usize
        };
        let (c0, c1) = (col(a.x.min(b.x), false), col(a.x.max(b.x), true));
        let (r0, r1) = (row(a.y.min(b.y), false), row(a.y.max(b.y), true));
        let at = |r: usize, c: usize| {
            u64::from(self.sums.get(r * (self.cols + 1) + c).copied().unwrap_or(0))
        };
        (at(r1, c1) + at(r0, c0)).saturating_sub(at(r0, c1) + at(r1, c0))
    }

    /// The world rectangle around every marker, a little wider so the edge cells are whole.
    pub fn extent_of(markers: &[PreparedMarker]) -> Option<(World, World)> {
        let first = markers.first()?.world;
        let (mut min, mut max) = (first, first);
        for m in markers {
            min.x = min.x.min(m.world.x);
            min.y = min.y.min(m.world.y);
            max.x = max.x.max(m.world.x);
            max.y = max.y.max(m.world.y);
        }
        let pad = ((max.x - min.x).max(max.y - min.y) * 0.01).max(1e-6);
        min.x -= pad;
        min.y -= pad;
        max.x += pad;
        max.y += pad;
        Some((min, max))
    }

    /// How much of the highest count a cell holds, 0 to 1, on a log scale: a heat map of
    /// raw counts would show one hot city and nothing else.
    pub fn intensity(&self, count: u32) -> f32 {
        if count == 0 || self.max_count == 0 {
            return 0.0;
        }
        let top = f64::from(self.max_count).ln_1p();
        (f64::from(count).ln_1p() / top) as f32
    }
}

/// The summed-area table of a grid of counts (see `DensityGrid::sums`).
fn summed_area(counts: &[u32], cols: usize, rows: usize) -> Vec<u32> {
    let stride = cols + 1;
    let mut sums = vec![0u32; stride * (rows + 1)];
    for r in 0..rows {
        let mut row_total = 0u32;
        for c in 0..cols {
            row_total += counts.get(r * cols + c).copied().unwrap_or(0);
            let above = sums.get(r * stride + c + 1).copied().unwrap_or(0);
            if let Some(cell) = sums.get_mut((r + 1) * stride + c + 1) {
                *cell = above + row_total;
            }
        }
    }
    sums
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(lon: f64, lat: f64) -> PreparedMarker {
        crate::prepare::markers::test_marker(0, lon, lat)
    }

    #[test]
    fn every_shown_marker_is_counted_once_in_its_cell() {
        let markers = vec![marker(66.0, 30.0), marker(66.0, 30.0), marker(62.0, 25.5)];
        let extent = DensityGrid::extent_of(&markers).expect("an extent");
        let grid = DensityGrid::new(&markers, &[0, 1, 2], extent);
        assert_eq!(grid.counts.iter().sum::<u32>(), 3);
        assert_eq!(grid.max_count, 2);
        let only_two = DensityGrid::new(&markers, &[0, 2], extent);
        assert_eq!(only_two.counts.iter().sum::<u32>(), 2);
        assert!(grid.intensity(2) > grid.intensity(1));
        assert!((grid.intensity(2) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn a_rectangle_counts_the_incidents_in_the_cells_it_touches() {
        let markers = vec![
            marker(66.0, 30.0),
            marker(66.0, 30.0),
            marker(62.0, 25.5),
            marker(64.0, 28.0),
        ];
        let extent = DensityGrid::extent_of(&markers).expect("an extent");
        let grid = DensityGrid::new(&markers, &[0, 1, 2, 3], extent);
        assert_eq!(grid.count_in(extent.0, extent.1), 4);
        let around = |m: &PreparedMarker, d: f64| {
            let w = m.world;
            (
                World {
                    x: w.x - d,
                    y: w.y - d,
                },
                World {
                    x: w.x + d,
                    y: w.y + d,
                },
            )
        };
        let (a, b) = around(&markers[0], 1e-4);
        assert_eq!(grid.count_in(a, b), 2, "the two at Quetta's point");
        let (a, b) = around(&markers[3], 1e-4);
        assert_eq!(grid.count_in(b, a), 1, "corners in either order");
        let far = World { x: 0.9, y: 0.9 };
        assert_eq!(grid.count_in(far, World { x: 0.95, y: 0.95 }), 0);
    }
}
