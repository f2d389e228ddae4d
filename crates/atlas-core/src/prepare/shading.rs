//! District shading: the number of incidents, or the deaths (highest or lowest figure the
//! sources give), per district within the selected dates. Computed when the dates, the
//! district set or the mode change, never per frame. Fixed class breaks, so the legend
//! reads the same from one date window to the next.

use std::collections::HashMap;

use super::areas::AreaLayer;
use super::markers::PreparedMarker;
use crate::model::DateWindow;
use crate::model::GeoPrecision;
pub use crate::state::ShadingMode;

/// Each district's value (by lower-case name) in the current window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DistrictShades {
    pub mode: ShadingMode,
    pub values: HashMap<String, f64>,
    /// Incidents in the window that stand for the whole province and so shade no district.
    pub province_wide: usize,
}

/// Each marker's district (its index in one district set's `AreaLayer`), found once by point
/// so that reshading for new dates does no point-in-polygon test.
/// Split among the cores: a million point-in-polygon tests take a while.
pub fn locate_markers(markers: &[PreparedMarker], districts: &AreaLayer) -> Vec<Option<u32>> {
    let locate = |part: &[PreparedMarker]| -> Vec<Option<u32>> {
        part.iter()
            .map(|m| {
                districts
                    .index_at(m.world)
                    .and_then(|i| u32::try_from(i).ok())
            })
            .collect()
    };
    let mut located = Vec::with_capacity(markers.len());
    for (len, part) in crate::parallel::map_chunks(markers, |_, part| locate(part)) {
        // A panicking worker is a bug; its markers stay unlocated (unshaded), not lost.
        located.extend(part.unwrap_or_else(|| vec![None; len]));
    }
    located
}

impl DistrictShades {
    /// The shading of `districts` for the incidents in `window`, locating each marker and
    /// checking its dates first: the straightforward computation. `compute_located` is the
    /// same with the markers located once beforehand and those in the window found by index.
    pub fn compute(
        markers: &[PreparedMarker],
        districts: &AreaLayer,
        window: DateWindow,
        mode: ShadingMode,
    ) -> Self {
        let located = locate_markers(markers, districts);
        let in_window: Vec<usize> = markers
            .iter()
            .enumerate()
            .filter(|(_, m)| window.admits(m.dates))
            .map(|(i, _)| i)
            .collect();
        Self::compute_located(markers, districts, &located, &in_window, mode)
    }

    /// By the point, in the set drawn now: an incident its source places "in Kech" shades
    /// Tump once Tump is a district of its own. `located` is `locate_markers` for `districts`;
    /// `in_window` the markers (indices) whose dates the window admits.
    pub fn compute_located(
        markers: &[PreparedMarker],
        districts: &AreaLayer,
        located: &[Option<u32>],
        in_window: &[usize],
        mode: ShadingMode,
    ) -> Self {
        let mut out = Self {
            mode,
            ..Self::default()
        };
        if mode == ShadingMode::None {
            return out;
        }
        let mut sums: Vec<Option<f64>> = vec![None; districts.areas.len()];
        for &i in in_window {
            let (Some(marker), Some(district)) = (markers.get(i), located.get(i)) else {
                continue;
            };
            if marker.geo_precision == GeoPrecision::Province {
                out.province_wide += 1;
                continue;
            }
            let Some(sum) = district.and_then(|d| sums.get_mut(d as usize)) else {
                continue;
            };
            let value = match mode {
                ShadingMode::None => 0.0,
                ShadingMode::Incidents => 1.0,
                ShadingMode::KilledHighest => marker.killed.unwrap_or(0.0),
                ShadingMode::KilledLowest => marker.killed_lowest.unwrap_or(0.0),
            };
            *sum.get_or_insert(0.0) += value;
        }
        for (area, sum) in districts.areas.iter().zip(sums) {
            if let Some(sum) = sum {
                *out.values.entry(area.name.to_lowercase()).or_default() += sum;
            }
        }
        out
    }

    /// The class of a district (index into `breaks`), or `None` when it is not shaded.
    pub fn class_of(&self, district: &str) -> Option<usize> {
        let value = *self.values.get(&district.to_lowercase())?;
        self.mode.breaks().iter().rposition(|&lo| value >= lo)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_labels_cover_the_breaks() {
        assert_eq!(
            ShadingMode::Incidents.class_labels(),
            ["1", "2–3", "4–7", "8+"]
        );
        assert_eq!(
            ShadingMode::KilledHighest.class_labels(),
            ["1–9", "10–49", "50–99", "100–199", "200+"]
        );
    }

    #[test]
    fn a_value_falls_in_its_class() {
        let shades = DistrictShades {
            mode: ShadingMode::KilledHighest,
            values: HashMap::from([("gwadar".to_owned(), 31.0), ("quetta".to_owned(), 0.0)]),
            province_wide: 0,
        };
        assert_eq!(shades.class_of("Gwadar"), Some(1));
        assert_eq!(shades.class_of("Quetta"), None);
        assert_eq!(shades.class_of("Kech"), None);
    }
}
