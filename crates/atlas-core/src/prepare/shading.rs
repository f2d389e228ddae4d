//! District shading: the number of incidents, or the deaths (highest or lowest figure the
//! sources give), per district within the selected dates. Computed when the dates, the
//! district set or the mode change, never per frame. Fixed class breaks, so the legend
//! reads the same from one date window to the next.

use std::collections::HashMap;

use super::areas::AreaLayer;
use super::markers::PreparedMarker;
use crate::model::DateWindow;
use crate::model::{Dataset, GeoPrecision};
pub use crate::state::ShadingMode;

/// Each district's value (by lower-case name) in the current window.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DistrictShades {
    pub mode: ShadingMode,
    pub values: HashMap<String, f64>,
    /// Incidents in the window that stand for the whole province and so shade no district.
    pub province_wide: usize,
}

impl DistrictShades {
    pub fn compute(
        dataset: &Dataset,
        markers: &[PreparedMarker],
        districts: &AreaLayer,
        window: DateWindow,
        mode: ShadingMode,
    ) -> Self {
        let mut out = Self {
            mode,
            ..Self::default()
        };
        if mode == ShadingMode::None {
            return out;
        }
        for marker in markers {
            let Some(incident) = dataset.incidents.get(marker.incident_index) else {
                continue;
            };
            if !window.admits(incident.dates) {
                continue;
            }
            if marker.geo_precision == GeoPrecision::Province {
                out.province_wide += 1;
                continue;
            }
            // By the point, in the set drawn now: an incident its source places "in Kech"
            // shades Tump once Tump is a district of its own.
            let Some(district) = districts.at(marker.world) else {
                continue;
            };
            let value = match mode {
                ShadingMode::None => 0.0,
                ShadingMode::Incidents => 1.0,
                ShadingMode::KilledHighest => dataset.highest_killed(&incident.id).unwrap_or(0.0),
                ShadingMode::KilledLowest => dataset.lowest_killed(&incident.id).unwrap_or(0.0),
            };
            *out.values.entry(district.name.to_lowercase()).or_default() += value;
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
