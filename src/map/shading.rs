//! District shading: the number of incidents, or the deaths (highest or lowest figure the
//! sources give), per district within the selected dates. Computed when the dates, the
//! district set or the mode change, never per frame. Fixed class breaks, so the legend
//! reads the same from one date window to the next.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::areas::AreaLayer;
use super::markers::PreparedMarker;
use crate::model::{Dataset, GeoPrecision};
use crate::state::DateWindow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ShadingMode {
    None,
    #[default]
    Incidents,
    KilledHighest,
    KilledLowest,
}

impl ShadingMode {
    pub const ALL: [ShadingMode; 4] = [
        ShadingMode::None,
        ShadingMode::Incidents,
        ShadingMode::KilledHighest,
        ShadingMode::KilledLowest,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ShadingMode::None => "No shading",
            ShadingMode::Incidents => "Incidents",
            ShadingMode::KilledHighest => "Killed (highest claim)",
            ShadingMode::KilledLowest => "Killed (lowest claim)",
        }
    }

    /// Lower bounds of the classes; a value of 0 is not shaded.
    pub fn breaks(self) -> &'static [f64] {
        match self {
            ShadingMode::None => &[],
            ShadingMode::Incidents => &[1.0, 2.0, 4.0, 8.0],
            ShadingMode::KilledHighest | ShadingMode::KilledLowest => {
                &[1.0, 10.0, 50.0, 100.0, 200.0]
            }
        }
    }

    /// Legend text per class, e.g. "10–49".
    pub fn class_labels(self) -> Vec<String> {
        let breaks = self.breaks();
        breaks
            .iter()
            .enumerate()
            .map(|(i, &lo)| match breaks.get(i + 1) {
                Some(&next) if next - 1.0 > lo => format!("{lo}–{}", next - 1.0),
                Some(_) => format!("{lo}"),
                None => format!("{lo}+"),
            })
            .collect()
    }
}

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
            let incident = &dataset.incidents[marker.incident_index];
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
