//! Markers grouped by distance, one zoom at a time, when that zoom is first drawn.
//!
//! At each zoom the markers are grouped greedily, as supercluster does: taking the markers in
//! order, each one not yet grouped gathers every ungrouped marker within
//! [`CLUSTER_RADIUS_PX`] pixels of it (at that zoom) into a group drawn at their mean
//! position. Groups therefore sit where the incidents are, not on the corners of a grid (a
//! grid's cells showed as a rigid lattice at town zooms). Neighbours are found in a hash of
//! cells one radius wide, and a marker leaves its cell once grouped, so each level costs one
//! pass over the markers plus their near neighbours. Levels are computed lazily and kept: a
//! frame at one zoom never pays for the other fifteen, and a new date window (a new
//! `ClusterLevels`) costs only the zoom in view.

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap;

use crate::geo::lod::world_per_pixel;
use crate::geo::projection::World;
use crate::model::GeoPrecision;
use crate::prepare::markers::PreparedMarker;

/// Markers closer than this many pixels to a group's first marker join the group.
pub const CLUSTER_RADIUS_PX: f64 = 30.0;
/// Above this zoom nothing is grouped by distance any more; only markers that zooming in
/// cannot separate stay together (they fan out when clicked).
pub const MAX_CLUSTER_ZOOM: usize = 15;

/// The radius, in world units, within which markers group at `zoom`.
fn radius_at(zoom: usize) -> f64 {
    CLUSTER_RADIUS_PX * world_per_pixel(zoom as f64)
}

/// One group as a frame sees it.
#[derive(Debug, Clone, Copy)]
pub struct Cluster<'a> {
    /// The zoom level it was grouped at.
    pub zoom: usize,
    /// Mean position of the members.
    pub world: World,
    /// Indices into the markers, ascending.
    pub members: &'a [usize],
    /// A zoom at which this group is certain to have split (its members spread wider than
    /// two radii there), or `None` if zooming in cannot separate them (incidents at one
    /// point, or closer than the deepest zoom resolves): those fan out on click instead.
    pub splits_at: Option<usize>,
    /// Whether a member stands for the whole province (the group gets the province halo).
    pub has_province_wide: bool,
    /// Whether the sources disagree about any member.
    pub any_contested: bool,
}

/// A group as stored: its members are `members[start..end]` of its level.
#[derive(Debug, Clone)]
struct Group {
    world: World,
    start: u32,
    end: u32,
    splits_at: Option<u8>,
    has_province_wide: bool,
    any_contested: bool,
}

/// Points hashed into square cells of one size; each cell's points are one run of `order`.
#[derive(Debug, Clone, Default)]
struct CellIndex {
    size: f64,
    /// Point indices, cell by cell.
    order: Vec<u32>,
    /// Each cell's run in `order` (start, end).
    runs: Vec<(u32, u32)>,
    cells: FxHashMap<(i64, i64), u32>,
}

impl CellIndex {
    fn key(p: World, size: f64) -> (i64, i64) {
        ((p.x / size).floor() as i64, (p.y / size).floor() as i64)
    }

    fn new(points: &[World], size: f64) -> Self {
        let mut keyed: Vec<((i64, i64), u32)> = points
            .iter()
            .enumerate()
            .map(|(i, &p)| (Self::key(p, size), i as u32))
            .collect();
        keyed.sort_unstable();
        let mut index = Self {
            size,
            order: Vec::with_capacity(keyed.len()),
            ..Self::default()
        };
        for (key, point) in keyed {
            let at = index.order.len() as u32;
            index.order.push(point);
            let cell = *index.cells.entry(key).or_insert_with(|| {
                index.runs.push((at, at));
                (index.runs.len() - 1) as u32
            });
            if let Some(run) = index.runs.get_mut(cell as usize) {
                run.1 = at + 1;
            }
        }
        index
    }

    /// The cells touching the rectangle, or `None` when there are more of them than points
    /// (a caller then scans every point instead).
    fn cells_in(&self, min: World, max: World) -> Option<Vec<u32>> {
        let (a, b) = (Self::key(min, self.size), Self::key(max, self.size));
        let span = (b.0 - a.0 + 1).saturating_mul(b.1 - a.1 + 1);
        if span > i64::try_from(self.order.len()).unwrap_or(i64::MAX) {
            return None;
        }
        let mut found = Vec::new();
        for x in a.0..=b.0 {
            for y in a.1..=b.1 {
                found.extend(self.cells.get(&(x, y)).copied());
            }
        }
        Some(found)
    }
}

/// One zoom's groups, and an index of their centres for culling to the view.
#[derive(Debug, Clone, Default)]
struct Level {
    groups: Vec<Group>,
    members: Vec<usize>,
    /// Each grouped marker's group, by its position in `ClusterLevels::shown`.
    group_of: Vec<u32>,
    centres: CellIndex,
}

/// The groups of one set of markers at every zoom from 0 to `MAX_CLUSTER_ZOOM`, each made
/// when first asked for.
#[derive(Debug, Clone, Default)]
pub struct ClusterLevels {
    markers: Arc<Vec<PreparedMarker>>,
    /// The markers grouped (indices into `markers`, ascending).
    shown: Vec<usize>,
    levels: Vec<OnceLock<Level>>,
}

impl ClusterLevels {
    /// Groups the markers `shown` (indices into `markers`), lazily.
    pub fn new(markers: Arc<Vec<PreparedMarker>>, mut shown: Vec<usize>) -> Self {
        shown.sort_unstable();
        shown.dedup();
        shown.retain(|&i| i < markers.len());
        Self {
            markers,
            shown,
            levels: (0..=MAX_CLUSTER_ZOOM).map(|_| OnceLock::new()).collect(),
        }
    }

    /// The level drawn at a (fractional) zoom.
    fn level_index(zoom: f64) -> usize {
        (zoom.max(0.0).floor() as usize).min(MAX_CLUSTER_ZOOM)
    }

    fn level(&self, zoom: f64) -> Option<&Level> {
        let zoom = Self::level_index(zoom);
        let slot = self.levels.get(zoom)?;
        Some(slot.get_or_init(|| {
            let started = std::time::Instant::now();
            let level = group_level(&self.markers, &self.shown, zoom);
            log::debug!(
                "grouped {} markers into {} at zoom {zoom} in {:?}",
                self.shown.len(),
                level.groups.len(),
                started.elapsed()
            );
            level
        }))
    }

    /// The zoom to show when a group is clicked: the first deeper zoom at which its first
    /// member's group is smaller (what "click to zoom in" promises), computing those levels
    /// if need be; `None` for a group that never splits.
    pub fn expansion_zoom(&self, cluster: &Cluster<'_>) -> Option<usize> {
        let surely = cluster.splits_at?;
        let first = *cluster.members.first()?;
        let position = self.shown.binary_search(&first).ok()?;
        (cluster.zoom + 1..surely)
            .find(|&z| {
                self.group_size_at(z, position)
                    .is_some_and(|n| n < cluster.members.len())
            })
            .or(Some(surely))
    }

    /// The size of the group holding the marker at `position` in `shown`, at `zoom`.
    fn group_size_at(&self, zoom: usize, position: usize) -> Option<usize> {
        let level = self.level(zoom as f64)?;
        let group = level.groups.get(*level.group_of.get(position)? as usize)?;
        Some((group.end - group.start) as usize)
    }

    /// The groups at `zoom` whose centre lies in the world rectangle `min`–`max`, in the
    /// order they were formed.
    pub fn in_view(&self, zoom: f64, min: World, max: World) -> Vec<Cluster<'_>> {
        let Some(level) = self.level(zoom) else {
            return Vec::new();
        };
        let inside = |g: &Group| {
            g.world.x >= min.x && g.world.x <= max.x && g.world.y >= min.y && g.world.y <= max.y
        };
        let mut hits: Vec<u32> = match level.centres.cells_in(min, max) {
            Some(cells) => cells
                .into_iter()
                .filter_map(|c| level.centres.runs.get(c as usize))
                .filter_map(|&(a, b)| level.centres.order.get(a as usize..b as usize))
                .flatten()
                .copied()
                .filter(|&g| level.groups.get(g as usize).is_some_and(inside))
                .collect(),
            None => (0..level.groups.len() as u32)
                .filter(|&g| level.groups.get(g as usize).is_some_and(inside))
                .collect(),
        };
        hits.sort_unstable();
        hits.into_iter()
            .filter_map(|g| level.groups.get(g as usize))
            .map(|g| Cluster {
                zoom: Self::level_index(zoom),
                world: g.world,
                members: level
                    .members
                    .get(g.start as usize..g.end as usize)
                    .unwrap_or_default(),
                splits_at: g.splits_at.map(usize::from),
                has_province_wide: g.has_province_wide,
                any_contested: g.any_contested,
            })
            .collect()
    }
}

/// One zoom's groups (see the module's comment).
fn group_level(markers: &[PreparedMarker], shown: &[usize], zoom: usize) -> Level {
    let radius = radius_at(zoom);
    let points: Vec<World> = shown
        .iter()
        .map(|&m| markers.get(m).map_or(World::default(), |m| m.world))
        .collect();
    let mut cells = CellIndex::new(&points, radius);
    let mut grouped = vec![false; points.len()];
    let mut group_of = vec![u32::MAX; points.len()];
    let mut groups = Vec::new();
    let mut members: Vec<usize> = Vec::with_capacity(points.len());
    for (leader, &centre) in points.iter().enumerate() {
        if grouped.get(leader).copied().unwrap_or(true) {
            continue;
        }
        let start = members.len();
        let (cx, cy) = CellIndex::key(centre, radius);
        for x in cx - 1..=cx + 1 {
            for y in cy - 1..=cy + 1 {
                let Some(&cell) = cells.cells.get(&(x, y)) else {
                    continue;
                };
                take_within(&mut cells, cell, &points, centre, radius, |point| {
                    if let Some(flag) = grouped.get_mut(point) {
                        *flag = true;
                    }
                    members.push(point);
                });
            }
        }
        let local = members.get_mut(start..).unwrap_or_default();
        local.sort_unstable();
        for &m in local.iter() {
            if let Some(slot) = group_of.get_mut(m) {
                *slot = groups.len() as u32;
            }
        }
        groups.push(describe_group(markers, shown, &points, local, start, zoom));
        for m in local.iter_mut() {
            *m = shown.get(*m).copied().unwrap_or_default();
        }
    }
    let centres: Vec<World> = groups.iter().map(|g: &Group| g.world).collect();
    Level {
        centres: CellIndex::new(&centres, radius * 4.0),
        groups,
        members,
        group_of,
    }
}

/// Takes out of `cell` every point within `radius` of `centre`, handing each to `take`. Taken
/// points are swapped to the end of the cell's run and the run shortened, so later leaders
/// never look at them again.
fn take_within(
    cells: &mut CellIndex,
    cell: u32,
    points: &[World],
    centre: World,
    radius: f64,
    mut take: impl FnMut(usize),
) {
    let Some(&(start, mut end)) = cells.runs.get(cell as usize) else {
        return;
    };
    let r2 = radius * radius;
    let mut k = start;
    while k < end {
        let point = cells.order.get(k as usize).copied().unwrap_or_default() as usize;
        let p = points.get(point).copied().unwrap_or_default();
        let (dx, dy) = (p.x - centre.x, p.y - centre.y);
        if dx * dx + dy * dy <= r2 {
            take(point);
            cells.order.swap(k as usize, (end - 1) as usize);
            end -= 1;
        } else {
            k += 1;
        }
    }
    if let Some(run) = cells.runs.get_mut(cell as usize) {
        run.1 = end;
    }
}

/// A group's centre, flags and the zoom at which it has surely split, from its members
/// (`local`: indices into `points` and `shown`).
fn describe_group(
    markers: &[PreparedMarker],
    shown: &[usize],
    points: &[World],
    local: &[usize],
    start: usize,
    zoom: usize,
) -> Group {
    let (mut sx, mut sy) = (0.0, 0.0);
    let (mut min, mut max) = (
        World {
            x: f64::INFINITY,
            y: f64::INFINITY,
        },
        World {
            x: f64::NEG_INFINITY,
            y: f64::NEG_INFINITY,
        },
    );
    let (mut has_province_wide, mut any_contested) = (false, false);
    for &i in local {
        let p = points.get(i).copied().unwrap_or_default();
        (sx, sy) = (sx + p.x, sy + p.y);
        (min.x, min.y, max.x, max.y) = (
            min.x.min(p.x),
            min.y.min(p.y),
            max.x.max(p.x),
            max.y.max(p.y),
        );
        if let Some(marker) = shown.get(i).and_then(|&m| markers.get(m)) {
            has_province_wide |= marker.geo_precision == GeoPrecision::Province;
            any_contested |= marker.contested;
        }
    }
    let n = local.len().max(1) as f64;
    // Two members `spread` apart cannot share a group whose radius is under half of that.
    let spread = (max.x - min.x).max(max.y - min.y);
    let splits_at = (local.len() > 1 && spread > 0.0)
        .then(|| (zoom + 1..=MAX_CLUSTER_ZOOM).find(|&z| 2.0 * radius_at(z) < spread))
        .flatten()
        .and_then(|z| u8::try_from(z).ok());
    Group {
        world: World {
            x: sx / n,
            y: sy / n,
        },
        start: start as u32,
        end: (start + local.len()) as u32,
        splits_at,
        has_province_wide,
        any_contested,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::prepare::markers::test_marker as marker;
    use proptest::prelude::*;

    fn everywhere() -> (World, World) {
        (World { x: 0.0, y: 0.0 }, World { x: 1.0, y: 1.0 })
    }

    fn sizes(levels: &ClusterLevels, zoom: f64) -> Vec<usize> {
        let (min, max) = everywhere();
        let mut sizes: Vec<usize> = levels
            .in_view(zoom, min, max)
            .iter()
            .map(|c| c.members.len())
            .collect();
        sizes.sort_unstable();
        sizes
    }

    #[test]
    fn nearby_markers_group_when_zoomed_out_and_split_when_zoomed_in() {
        // Quetta and Mastung, about 45 km apart; Gwadar far away.
        let markers = Arc::new(vec![
            marker(0, 67.00, 30.18),
            marker(1, 66.85, 29.80),
            marker(2, 62.33, 25.12),
        ]);
        let levels = ClusterLevels::new(markers, vec![0, 1, 2]);
        assert_eq!(sizes(&levels, 4.0), [1, 2]);
        assert_eq!(sizes(&levels, 10.0), [1, 1, 1]);
        let (min, max) = everywhere();
        let pair = levels
            .in_view(4.0, min, max)
            .into_iter()
            .find(|c| c.members.len() == 2)
            .unwrap();
        let splits = pair.splits_at.unwrap();
        assert!((5..=10).contains(&splits), "{splits}");
        assert_eq!(
            sizes(&levels, splits as f64),
            [1, 1, 1],
            "the pair has split at the zoom it names"
        );
        let expands = levels.expansion_zoom(&pair).unwrap();
        assert!((5..=splits).contains(&expands), "{expands}");
        assert_eq!(sizes(&levels, expands as f64), [1, 1, 1]);
        assert_eq!(sizes(&levels, (expands - 1) as f64), [1, 2]);
    }

    #[test]
    fn markers_at_one_point_never_split() {
        let markers = Arc::new(vec![marker(0, 65.2, 27.6), marker(1, 65.2, 27.6)]);
        let levels = ClusterLevels::new(markers, vec![0, 1]);
        let (min, max) = everywhere();
        let top = levels.in_view(15.0, min, max);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].splits_at, None);
    }

    #[test]
    fn only_the_shown_markers_are_grouped() {
        let markers = Arc::new(vec![marker(0, 67.0, 30.18), marker(1, 66.85, 29.80)]);
        let levels = ClusterLevels::new(markers, vec![1]);
        let (min, max) = everywhere();
        let all: Vec<usize> = levels
            .in_view(3.0, min, max)
            .iter()
            .flat_map(|c| c.members.to_vec())
            .collect();
        assert_eq!(all, [1]);
    }

    #[test]
    fn groups_sit_where_the_markers_are_not_on_a_grid() {
        // Two tight knots of towns straddling where grid lines would fall: each knot is one
        // group centred on it, whatever the cell boundaries.
        let markers = Arc::new(vec![
            marker(0, 66.000, 30.000),
            marker(1, 66.002, 30.001),
            marker(2, 66.500, 29.500),
            marker(3, 66.501, 29.502),
        ]);
        let levels = ClusterLevels::new(Arc::clone(&markers), vec![0, 1, 2, 3]);
        let (min, max) = everywhere();
        let groups = levels.in_view(9.0, min, max);
        assert_eq!(groups.len(), 2);
        for group in groups {
            let (sx, sy) = group.members.iter().fold((0.0, 0.0), |(x, y), &m| {
                (x + markers[m].world.x, y + markers[m].world.y)
            });
            let n = group.members.len() as f64;
            assert!((group.world.x - sx / n).abs() < 1e-12);
            assert!((group.world.y - sy / n).abs() < 1e-12);
        }
    }

    #[test]
    fn culling_to_a_rectangle_keeps_the_groups_inside() {
        let markers: Arc<Vec<_>> = Arc::new(
            (0..400)
                .map(|i| {
                    marker(
                        i,
                        61.0 + (i % 20) as f64 * 0.4,
                        25.0 + (i / 20) as f64 * 0.4,
                    )
                })
                .collect(),
        );
        let levels = ClusterLevels::new(markers, (0..400).collect());
        let (min, max) = everywhere();
        let all = levels.in_view(12.0, min, max);
        let (a, b) = (all[30].world, all[210].world);
        let (lo, hi) = (
            World {
                x: a.x.min(b.x),
                y: a.y.min(b.y),
            },
            World {
                x: a.x.max(b.x),
                y: a.y.max(b.y),
            },
        );
        let culled: Vec<_> = levels
            .in_view(12.0, lo, hi)
            .iter()
            .map(|c| c.members[0])
            .collect();
        let expected: Vec<_> = all
            .iter()
            .filter(|c| {
                c.world.x >= lo.x && c.world.x <= hi.x && c.world.y >= lo.y && c.world.y <= hi.y
            })
            .map(|c| c.members[0])
            .collect();
        assert!(!expected.is_empty());
        assert_eq!(culled, expected);
    }

    proptest! {
        /// Every shown marker is in exactly one group at every zoom, and the greedy rule keeps
        /// each group inside a disc of one radius around its first marker, so no two members
        /// are more than two radii apart.
        #[test]
        fn every_marker_is_in_one_group_of_bounded_size(
            points in prop::collection::vec((60.0f64..70.0, 24.0f64..32.0), 1..300),
            zoom in 0usize..=MAX_CLUSTER_ZOOM,
        ) {
            let markers: Arc<Vec<_>> = Arc::new(
                points.iter().enumerate().map(|(i, &(lon, lat))| marker(i, lon, lat)).collect(),
            );
            let levels = ClusterLevels::new(Arc::clone(&markers), (0..points.len()).collect());
            let (min, max) = everywhere();
            let groups = levels.in_view(zoom as f64, min, max);
            let mut seen: Vec<usize> = groups.iter().flat_map(|g| g.members.to_vec()).collect();
            seen.sort_unstable();
            prop_assert_eq!(seen, (0..points.len()).collect::<Vec<_>>());
            let limit = 2.0 * radius_at(zoom) * (1.0 + 1e-9);
            for g in &groups {
                for &a in g.members {
                    for &b in g.members {
                        let (pa, pb) = (markers[a].world, markers[b].world);
                        prop_assert!(((pa.x - pb.x).powi(2) + (pa.y - pb.y).powi(2)).sqrt() <= limit);
                    }
                }
            }
        }
    }
}
