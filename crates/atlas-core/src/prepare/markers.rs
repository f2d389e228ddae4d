//! Incident markers and their grouping. Grouping is precomputed for every integer zoom, as a
//! quadtree of grid cells (each zoom's cells split the last one's in four), so a frame only
//! queries the clusters in view at its zoom; a cluster knows the zoom at which it splits, and
//! clusters that never split (incidents at one point) fan out when clicked instead.

use rustc_hash::FxHashMap;

use rstar::primitives::GeomWithData;
use rstar::{AABB, RTree};

use crate::geo::lod::world_per_pixel;
use crate::geo::projection::{World, world_from_lon_lat};
use crate::model::{Dataset, EventType, GeoPrecision, Incident};

/// In a level's membership array: the marker is not among those grouped.
const NOT_SHOWN: u32 = u32::MAX;

/// Markers closer than this many pixels (one grid cell) are grouped.
pub const CLUSTER_CELL_PX: f64 = 44.0;
/// Above this zoom nothing is grouped by distance any more; only shared points stay together.
pub const MAX_CLUSTER_ZOOM: usize = 15;

/// One incident's marker: what its symbol needs, computed once. Small on purpose (a million of
/// them are held at once): the title, id and hover card are read from the dataset when asked.
#[derive(Debug, Clone)]
pub struct PreparedMarker {
    /// The incident's index in the dataset the marker was built from.
    pub incident_index: usize,
    pub world: World,
    pub event_type: EventType,
    pub geo_precision: GeoPrecision,
    /// The highest death figure any source gives (sizes the marker, shades by "highest").
    pub killed: Option<f64>,
    /// The lowest death figure among the sources that give one (shades by "lowest").
    pub killed_lowest: Option<f64>,
    pub contested: bool,
    /// The first day of its dates: playback fades a marker in as this day arrives.
    pub first_day: Option<jiff::civil::Date>,
}

impl PreparedMarker {
    /// One marker per incident that has a place, in dataset order.
    pub fn for_dataset(dataset: &Dataset) -> Vec<Self> {
        dataset
            .incidents
            .iter()
            .enumerate()
            .filter_map(|(i, incident)| Self::from_incident(dataset, i, incident))
            .collect()
    }

    pub fn from_incident(dataset: &Dataset, index: usize, incident: &Incident) -> Option<Self> {
        let position = incident.position?;
        Some(Self {
            incident_index: index,
            world: world_from_lon_lat(position),
            event_type: incident.event_type,
            geo_precision: incident.geo_precision,
            killed: dataset.highest_killed(&incident.id),
            killed_lowest: dataset.lowest_killed(&incident.id),
            contested: dataset.is_contested(&incident.id),
            first_day: incident.dates.map(|d| d.first),
        })
    }
}

/// The hover card: what an analyst needs before clicking (built when the pointer is on it).
pub fn hover_card(dataset: &Dataset, incident: &Incident) -> String {
    let dates = incident
        .dates
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    let sources = dataset.sources_for(&incident.id);
    let killed = match (
        dataset.lowest_killed(&incident.id),
        dataset.highest_killed(&incident.id),
    ) {
        (Some(lo), Some(hi)) if (hi - lo).abs() > f64::EPSILON => {
            format!("\nKilled: {lo}–{hi}, depending on the source")
        }
        (_, Some(hi)) => format!("\nKilled: {hi}"),
        _ => String::new(),
    };
    let contested = if dataset.is_contested(&incident.id) {
        "\nSources disagree on the figures"
    } else {
        ""
    };
    format!(
        "{}\n{dates} ({} dates)\n{} — location {}{killed}{contested}\n{} source(s): {}",
        incident.title,
        incident.date_precision,
        incident.place,
        incident.geo_precision,
        sources.len(),
        sources
            .iter()
            .map(|s| s.display_name())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// Markers at one point or one grid cell at one zoom.
#[derive(Debug, Clone)]
pub struct Cluster {
    /// Mean position of the members.
    pub world: World,
    /// Indices into the markers.
    pub members: Vec<usize>,
    /// The zoom at which this group splits, or `None` if its members share one point (or lie
    /// closer than zooming in can separate): those fan out on click instead.
    pub splits_at: Option<usize>,
    /// Whether a member stands for the whole province (the group gets the province halo).
    pub has_province_wide: bool,
    /// Whether the sources disagree about any member.
    pub any_contested: bool,
}

type Entry = GeomWithData<[f64; 2], usize>;

/// The clusters of one set of markers at every zoom from 0 to `MAX_CLUSTER_ZOOM`.
#[derive(Debug, Clone, Default)]
pub struct ClusterLevels {
    levels: Vec<(Vec<Cluster>, RTree<Entry>)>,
}

impl ClusterLevels {
    /// Groups the markers `shown` (indices into `markers`).
    pub fn new(markers: &[PreparedMarker], shown: &[usize]) -> Self {
        // Level by level, each member's cell key; the finest level decides "same point".
        // The extra last level groups by exact point only.
        let cell = |zoom: usize| {
            if zoom <= MAX_CLUSTER_ZOOM {
                CLUSTER_CELL_PX * world_per_pixel(zoom as f64)
            } else {
                0.0
            }
        };
        // The levels are independent of each other: they are grouped on every core at once
        // (alternate levels per thread, so each gets coarse and fine ones).
        let threads = std::thread::available_parallelism()
            .map_or(1, std::num::NonZero::get)
            .min(MAX_CLUSTER_ZOOM + 2);
        let mut grouped: Vec<Option<(Vec<Cluster>, Vec<u32>)>> =
            (0..=MAX_CLUSTER_ZOOM + 1).map(|_| None).collect();
        std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|t| {
                    scope.spawn(move || {
                        (t..=MAX_CLUSTER_ZOOM + 1)
                            .step_by(threads)
                            .map(|zoom| (zoom, group_level(markers, shown, cell(zoom))))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            for worker in workers {
                // A panicking worker leaves its levels empty (no groups) rather than
                // bringing the app down; it would be a bug, and the log says so.
                let Ok(levels) = worker.join() else {
                    log::error!("a grouping thread panicked");
                    continue;
                };
                for (zoom, level) in levels {
                    if let Some(slot) = grouped.get_mut(zoom) {
                        *slot = Some(level);
                    }
                }
            }
        });
        let (mut levels, membership): (Vec<Vec<Cluster>>, Vec<Vec<u32>>) =
            grouped.into_iter().map(Option::unwrap_or_default).unzip();
        mark_splits(&mut levels, &membership);
        levels.pop(); // The exact-point level only served to find shared points.
        let levels = levels
            .into_iter()
            .map(|clusters| {
                let entries = clusters
                    .iter()
                    .enumerate()
                    .map(|(i, c)| GeomWithData::new([c.world.x, c.world.y], i))
                    .collect();
                (clusters, RTree::bulk_load(entries))
            })
            .collect();
        Self { levels }
    }

    /// How many markers the clusters at `zoom` in the world rectangle hold (without listing
    /// them: the density switch asks this every frame).
    pub fn count_in_view(&self, zoom: f64, min: World, max: World) -> usize {
        let level = (zoom.max(0.0).floor() as usize).min(MAX_CLUSTER_ZOOM);
        let Some((clusters, index)) = self.levels.get(level) else {
            return 0;
        };
        index
            .locate_in_envelope(AABB::from_corners([min.x, min.y], [max.x, max.y]))
            .filter_map(|e| clusters.get(e.data))
            .map(|c| c.members.len())
            .sum()
    }

    /// The clusters at `zoom` whose centre lies in the world rectangle `min`–`max`.
    pub fn in_view(&self, zoom: f64, min: World, max: World) -> Vec<&Cluster> {
        let level = (zoom.max(0.0).floor() as usize).min(MAX_CLUSTER_ZOOM);
        let Some((clusters, index)) = self.levels.get(level) else {
            return Vec::new();
        };
        let mut hits: Vec<usize> = index
            .locate_in_envelope(AABB::from_corners([min.x, min.y], [max.x, max.y]))
            .map(|e| e.data)
            .collect();
        hits.sort_unstable();
        hits.into_iter().filter_map(|i| clusters.get(i)).collect()
    }
}

/// One level's groups: markers in the same grid cell of `cell` world units (the same exact
/// point when `cell` is 0), and each member's group.
fn group_level(markers: &[PreparedMarker], shown: &[usize], cell: f64) -> (Vec<Cluster>, Vec<u32>) {
    let mut by_cell: FxHashMap<(i64, i64), usize> = FxHashMap::default();
    let mut clusters: Vec<Cluster> = Vec::new();
    // Each marker's group at this level (by marker index; `NOT_SHOWN` for the others): a
    // dense array, not a map, since every level of a million markers is looked up.
    let mut member_of = vec![NOT_SHOWN; markers.len()];
    for &m in shown {
        let Some(marker) = markers.get(m) else {
            continue;
        };
        let w = marker.world;
        let key = if cell > 0.0 {
            ((w.x / cell).floor() as i64, (w.y / cell).floor() as i64)
        } else {
            (w.x.to_bits().cast_signed(), w.y.to_bits().cast_signed())
        };
        let id = *by_cell.entry(key).or_insert_with(|| {
            clusters.push(Cluster {
                world: World::default(),
                members: Vec::new(),
                splits_at: None,
                has_province_wide: false,
                any_contested: false,
            });
            clusters.len() - 1
        });
        let Some(cluster) = clusters.get_mut(id) else {
            continue;
        };
        cluster.members.push(m);
        cluster.has_province_wide |= marker.geo_precision == GeoPrecision::Province;
        cluster.any_contested |= marker.contested;
        if let Some(slot) = member_of.get_mut(m) {
            *slot = u32::try_from(id).unwrap_or(NOT_SHOWN);
        }
    }
    for c in &mut clusters {
        let n = c.members.len() as f64;
        let (sx, sy) = c.members.iter().fold((0.0, 0.0), |(x, y), &m| {
            markers
                .get(m)
                .map_or((x, y), |marker| (x + marker.world.x, y + marker.world.y))
        });
        c.world = World {
            x: sx / n,
            y: sy / n,
        };
    }
    (clusters, member_of)
}

/// A cluster splits at the first deeper level where its first member's group is smaller.
fn mark_splits(levels: &mut [Vec<Cluster>], membership: &[Vec<u32>]) {
    // A cluster splits at the first deeper level where its first member's group is smaller.
    for zoom in 0..=MAX_CLUSTER_ZOOM {
        let (here, deeper) = levels.split_at_mut(zoom + 1);
        let Some(here) = here.last_mut() else {
            continue;
        };
        for c in here {
            let Some(&first) = c.members.first() else {
                continue;
            };
            // Level zoom + 1 + k is deeper[k]; its membership is membership[zoom + 1 + k].
            c.splits_at = deeper
                .iter()
                .zip(membership.iter().skip(zoom + 1))
                .position(|(level, member_of)| {
                    member_of
                        .get(first)
                        .filter(|&&id| id != NOT_SHOWN)
                        .and_then(|&id| level.get(id as usize))
                        .is_some_and(|group| group.members.len() < c.members.len())
                })
                .map(|k| zoom + 1 + k)
                .filter(|&z| z <= MAX_CLUSTER_ZOOM);
        }
    }
}

/// A plain marker at a point, for tests here and in `density`.
#[cfg(test)]
pub(crate) fn test_marker(i: usize, lon: f64, lat: f64) -> PreparedMarker {
    use crate::model::LonLat;
    PreparedMarker {
        incident_index: i,
        world: world_from_lon_lat(LonLat { lon, lat }),
        event_type: EventType::ArmedAssault,
        geo_precision: GeoPrecision::Town,
        killed: None,
        killed_lowest: None,
        contested: false,
        first_day: None,
    }
}

#[cfg(test)]
mod tests {
    use super::test_marker as marker;
    use super::*;

    fn everywhere() -> (World, World) {
        (World { x: 0.0, y: 0.0 }, World { x: 1.0, y: 1.0 })
    }

    #[test]
    fn nearby_markers_group_when_zoomed_out_and_split_when_zoomed_in() {
        // Quetta and Mastung, about 45 km apart; Gwadar far away.
        let markers = vec![
            marker(0, 67.00, 30.18),
            marker(1, 66.85, 29.80),
            marker(2, 62.33, 25.12),
        ];
        let levels = ClusterLevels::new(&markers, &[0, 1, 2]);
        let (min, max) = everywhere();
        let at = |zoom: f64| {
            let mut sizes: Vec<usize> = levels
                .in_view(zoom, min, max)
                .iter()
                .map(|c| c.members.len())
                .collect();
            sizes.sort_unstable();
            sizes
        };
        assert_eq!(at(4.0), [1, 2]);
        assert_eq!(at(10.0), [1, 1, 1]);
        let pair = levels
            .in_view(4.0, min, max)
            .into_iter()
            .find(|c| c.members.len() == 2)
            .unwrap();
        let splits = pair.splits_at.unwrap();
        assert!((5..=10).contains(&splits), "{splits}");
    }

    #[test]
    fn markers_at_one_point_never_split() {
        let markers = vec![marker(0, 65.2, 27.6), marker(1, 65.2, 27.6)];
        let levels = ClusterLevels::new(&markers, &[0, 1]);
        let (min, max) = everywhere();
        let top = levels.in_view(15.0, min, max);
        assert_eq!(top.len(), 1);
        assert_eq!(top[0].splits_at, None);
    }

    #[test]
    fn only_the_shown_markers_are_grouped() {
        let markers = vec![marker(0, 67.0, 30.18), marker(1, 66.85, 29.80)];
        let levels = ClusterLevels::new(&markers, &[1]);
        let (min, max) = everywhere();
        let all: Vec<usize> = levels
            .in_view(3.0, min, max)
            .iter()
            .flat_map(|c| c.members.clone())
            .collect();
        assert_eq!(all, [1]);
    }
}
