//! What a point picked on the map says: the district (in the set in force on the incident's
//! date) and the province it lies in, and whether the names typed agree.

use jiff::civil::Date;

use crate::geo::boundaries::{Boundaries, DistrictSet};
use crate::model::LonLat;

/// The district and province containing a point.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlaceFacts {
    pub district: Option<String>,
    pub province: Option<String>,
    /// Which district set answered ("districts as on 1 Jan 2026 (36)").
    pub set: &'static str,
}

/// The district and province at `point`, districts as in force on `last_day` (the 2025 set
/// when undated, as `check` reads them).
pub fn facts_at(boundaries: &Boundaries, point: LonLat, last_day: Option<Date>) -> PlaceFacts {
    let set = last_day.map_or(DistrictSet::Y2025, DistrictSet::in_force_on);
    let first = |names: Vec<&str>| names.first().map(|n| (*n).to_owned());
    PlaceFacts {
        district: first(Boundaries::names_containing(
            boundaries.districts(set),
            point,
        )),
        province: first(Boundaries::names_containing(&boundaries.provinces, point)),
        set: set.label(),
    }
}

/// A warning when the typed names disagree with the boundaries (empty names agree with
/// anything: "not one district").
pub fn disagreement(facts: &PlaceFacts, district: &str, province: &str) -> Option<String> {
    let differs = |typed: &str, found: &Option<String>| {
        !typed.is_empty()
            && found
                .as_deref()
                .is_none_or(|f| !f.eq_ignore_ascii_case(typed))
    };
    let mut said = Vec::new();
    if differs(district, &facts.district) {
        said.push(format!(
            "the point lies in {} ({}), not in the district \"{district}\"",
            facts
                .district
                .as_deref()
                .unwrap_or("no district of Balochistan"),
            facts.set
        ));
    }
    if differs(province, &facts.province) {
        said.push(format!(
            "the point lies in {}, not in the province \"{province}\"",
            facts
                .province
                .as_deref()
                .unwrap_or("no province of Pakistan")
        ));
    }
    (!said.is_empty()).then(|| said.join("; "))
}
