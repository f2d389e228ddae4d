//! Checks that each incident's point lies in the district and province it names, in the
//! district set in force on the incident's last day.

use super::boundaries::{Boundaries, DistrictSet};
use crate::model::{Dataset, Incident};
use crate::problem::{Problem, Problems};

/// One warning per incident whose point is not where its columns say. The rows stay loaded.
/// The incidents are split among the cores (a point-in-polygon test per incident is the
/// costliest part of loading a large file); the warnings come back in file order.
pub fn check_placements(
    dataset: &Dataset,
    boundaries: &Boundaries,
    incidents_file: &str,
) -> Problems {
    let parts = crate::parallel::map_chunks(&dataset.incidents, |_, part| {
        check_part(part, boundaries, incidents_file)
    });
    let mut problems = Problems::default();
    // A panicked part is a bug, already in the log; the other parts' warnings stay.
    for part in parts.into_iter().filter_map(|(_, part)| part) {
        problems.extend(part);
    }
    problems
}

fn check_part(incidents: &[Incident], boundaries: &Boundaries, incidents_file: &str) -> Problems {
    let mut problems = Problems::default();
    for incident in incidents {
        let Some(point) = incident.position else {
            continue;
        };
        let line = Some(incident.line);
        let mut warn = |column: &str, message: String| {
            problems.push(Problem::warning(
                incidents_file,
                line,
                Some(column),
                message,
            ));
        };

        if !incident.province.is_empty() && !boundaries.provinces.is_empty() {
            match boundaries.province(&incident.province) {
                None => warn(
                    "province",
                    format!("unknown province \"{}\"", incident.province),
                ),
                Some(province) if !province.contains(point) => {
                    let actual = Boundaries::names_containing(&boundaries.provinces, point);
                    warn(
                        "lat",
                        format!(
                            "point {:.5}, {:.5} lies outside the province \"{}\" ({})",
                            point.lat,
                            point.lon,
                            incident.province,
                            describe(&actual)
                        ),
                    );
                }
                Some(_) => {}
            }
        }
        if incident.district.is_empty() {
            continue;
        }
        let set = incident
            .dates
            .map_or(DistrictSet::Y2025, |d| DistrictSet::in_force_on(d.last));
        let districts = boundaries.districts(set);
        if districts.is_empty() {
            continue; // The layer failed to load; that failure is reported on its own.
        }
        match districts
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(&incident.district))
        {
            None => warn(
                "district",
                format!(
                    "unknown district \"{}\" in the {}",
                    incident.district,
                    set.label()
                ),
            ),
            Some(district) if !district.contains(point) => {
                let actual = Boundaries::names_containing(districts, point);
                warn(
                    "lat",
                    format!(
                        "point {:.5}, {:.5} lies outside the district \"{}\" ({}; {})",
                        point.lat,
                        point.lon,
                        incident.district,
                        describe(&actual),
                        set.label()
                    ),
                );
            }
            Some(_) => {}
        }
    }
    problems
}

fn describe(names: &[&str]) -> String {
    match names {
        [] => "it lies in none".to_owned(),
        names => format!("it lies in {}", names.join(", ")),
    }
}
