//! Any spreadsheet, by a column mapping: which column holds the latitude, the longitude, the
//! date (or a start and an end), the title, the kind of event, the place and the figures.
//! A mapping is guessed from the header's names, corrected by the analyst in the app's
//! mapping dialog or written as JSON for `import --mapping FILE`, and remembered per header
//! (`header_key`) so the next file of the same shape maps itself.

use super::acled::event_type_of;
use super::dates::parse_day;
use super::sheet::{Sheet, SheetRow};
use super::{Imported, clean_id};
use crate::model::{Claim, DatePrecision, DateSpan, EventType, GeoPrecision, Incident, Qualifier};
use crate::problem::{Problem, Problems};

pub use crate::model::column_mapping::{ColumnMapping, FigureColumn};

/// The fields a mapping needs before anything can load.
pub const REQUIRED: [&str; 3] = ["latitude", "longitude", "date"];

const LATITUDE: &[&str] = &["latitude", "lat", "y"];
const LONGITUDE: &[&str] = &["longitude", "lon", "lng", "long", "x"];
const DATE: &[&str] = &[
    "date",
    "event_date",
    "date_start",
    "start_date",
    "start",
    "day",
];
const END: &[&str] = &["date_end", "end_date", "end"];
const TITLE: &[&str] = &["title", "name", "event", "headline", "description"];
const KIND: &[&str] = &["event_type", "type", "category", "kind", "sub_event_type"];
const PLACE: &[&str] = &["place", "location", "town", "city", "village"];
const ID: &[&str] = &["id", "event_id", "incident_id", "ref"];
/// Figure columns recognised by name, and the metric each becomes.
const FIGURES: &[(&[&str], &str)] = &[
    (
        &["killed", "fatalities", "deaths", "dead", "total_killed"],
        "total_killed",
    ),
    (&["injured", "wounded"], "injured"),
    (&["civilians_killed"], "civilians_killed"),
    (&["militants_killed"], "militants_killed"),
    (
        &["security_killed", "security_forces_killed"],
        "security_forces_killed",
    ),
];

/// The key a mapping is remembered under: the header's names, trimmed, in lower case.
pub fn header_key(header: &[String]) -> String {
    header
        .iter()
        .map(|h| h.trim().trim_start_matches('\u{feff}').to_lowercase())
        .collect::<Vec<_>>()
        .join("\u{1f}")
}

impl ColumnMapping {
    /// The mapping the header's names suggest (the first matching column for each field).
    pub fn guess(header: &[String]) -> Self {
        let find = |names: &[&str]| -> String {
            names
                .iter()
                .find_map(|name| {
                    header
                        .iter()
                        .find(|h| h.trim().eq_ignore_ascii_case(name))
                        .map(|h| h.trim().to_owned())
                })
                .unwrap_or_default()
        };
        let figures = FIGURES
            .iter()
            .filter_map(|(names, metric)| {
                let column = find(names);
                (!column.is_empty()).then(|| FigureColumn {
                    column,
                    metric: (*metric).to_owned(),
                })
            })
            .collect();
        Self {
            latitude: find(LATITUDE),
            longitude: find(LONGITUDE),
            date: find(DATE),
            end: find(END),
            title: find(TITLE),
            event_type: find(KIND),
            place: find(PLACE),
            id: find(ID),
            figures,
        }
    }

    /// The required fields left unmapped, by name.
    pub fn missing(&self) -> Vec<&'static str> {
        [&self.latitude, &self.longitude, &self.date]
            .into_iter()
            .zip(REQUIRED)
            .filter(|(column, _)| column.trim().is_empty())
            .map(|(_, field)| field)
            .collect()
    }

    /// Mapped columns the header does not have.
    pub fn absent_from(&self, sheet: &Sheet<'_>) -> Vec<String> {
        let mut named: Vec<&String> = vec![
            &self.latitude,
            &self.longitude,
            &self.date,
            &self.end,
            &self.title,
            &self.event_type,
            &self.place,
            &self.id,
        ];
        named.extend(self.figures.iter().map(|f| &f.column));
        named
            .into_iter()
            .filter(|c| !c.trim().is_empty() && !sheet.has(&c.trim().to_lowercase()))
            .cloned()
            .collect()
    }

    /// Reads a mapping file (JSON); the error says what is wrong with it.
    pub fn from_json(text: &str) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| format!("not a column mapping: {e}"))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Reads a table by `mapping`. A mapping without latitude, longitude and date, or naming a
/// column the file lacks, is one error and nothing loads; a row that cannot be used is an
/// error with its line, and the rest load.
pub fn read(
    sheet: &Sheet<'_>,
    mapping: &ColumnMapping,
    stem: &str,
    problems: &mut Problems,
) -> Imported {
    let mut imported = Imported::default();
    let missing = mapping.missing();
    let absent = mapping.absent_from(sheet);
    if !missing.is_empty() || !absent.is_empty() {
        let mut reasons = Vec::new();
        if !missing.is_empty() {
            reasons.push(format!("no column chosen for {}", missing.join(", ")));
        }
        if !absent.is_empty() {
            reasons.push(format!("the file has no column {}", absent.join(", ")));
        }
        problems.push(Problem::error(
            sheet.file,
            Some(1),
            None,
            format!("the column mapping cannot be used: {}", reasons.join("; ")),
        ));
        return imported;
    }
    let key = |column: &str| column.trim().to_lowercase();
    let columns = Columns {
        latitude: key(&mapping.latitude),
        longitude: key(&mapping.longitude),
        date: key(&mapping.date),
        end: key(&mapping.end),
        title: key(&mapping.title),
        event_type: key(&mapping.event_type),
        place: key(&mapping.place),
        id: key(&mapping.id),
        figures: mapping
            .figures
            .iter()
            .filter(|f| !f.column.trim().is_empty())
            .map(|f| (key(&f.column), f.metric.trim().to_owned()))
            .collect(),
    };
    let source_id = clean_id(&format!("sheet-{stem}"));
    sheet.rows(problems, |row, problems| {
        match incident(row, &columns, stem) {
            Ok(incident) => {
                figure_claims(
                    row,
                    &incident,
                    &columns,
                    &source_id,
                    problems,
                    &mut imported,
                );
                imported.incidents.push(incident);
            }
            Err(problem) => problems.push(problem),
        }
    });
    imported.sources.push(super::dataset_source(
        source_id,
        format!("Spreadsheet {stem}"),
        sheet.file,
        "Imported from a spreadsheet by a column mapping",
    ));
    imported
}

/// Each mapped figure of the row as a claim of the sheet's source; a cell that is not a
/// number or is negative is left out with a warning.
fn figure_claims(
    row: &SheetRow<'_>,
    incident: &Incident,
    columns: &Columns,
    source_id: &str,
    problems: &mut Problems,
    imported: &mut Imported,
) {
    for (column, metric) in &columns.figures {
        match row.number(column) {
            Ok(Some(value)) if value >= 0.0 => imported.claims.push(Claim {
                line: row.line,
                id: format!("{}-{metric}", incident.id).into(),
                incident_id: incident.id.clone(),
                source_id: source_id.into(),
                metric: metric.as_str().into(),
                value_min: value,
                value_max: value,
                qualifier: Qualifier::Exact,
                attributed_to: crate::model::Shared::default(),
                event_date: incident.dates,
                note: crate::model::Text::default(),
                locator: None,
            }),
            Ok(Some(value)) => {
                problems.push(row.warning(column, format!("{value} is negative; figure left out")));
            }
            Ok(None) => {}
            Err(_) => problems.push(row.warning(
                column,
                format!("\"{}\" is not a number; figure left out", row.get(column)),
            )),
        }
    }
}

/// The mapping's columns as the sheet's keys (lower case).
struct Columns {
    latitude: String,
    longitude: String,
    date: String,
    end: String,
    title: String,
    event_type: String,
    place: String,
    id: String,
    figures: Vec<(String, String)>,
}

fn incident(row: &SheetRow<'_>, columns: &Columns, stem: &str) -> Result<Incident, Problem> {
    let number = |column: &str| -> Result<f64, Problem> {
        row.number(column)?
            .ok_or_else(|| row.error(column, "empty; a row needs coordinates; row skipped"))
    };
    let (lat, lon) = (number(&columns.latitude)?, number(&columns.longitude)?);
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(row.error(
            &columns.latitude,
            format!("{lat}, {lon} is not a latitude and longitude; row skipped"),
        ));
    }
    let day = |column: &str| -> Result<jiff::civil::Date, Problem> {
        let text = row.get(column);
        parse_day(text)
            .ok_or_else(|| row.error(column, format!("\"{text}\" is not a date; row skipped")))
    };
    let start = day(&columns.date)?;
    let end = if columns.end.is_empty() || row.get(&columns.end).is_empty() {
        start
    } else {
        day(&columns.end)?
    };
    let dates = DateSpan::new(start, end)
        .ok_or_else(|| row.error(&columns.end, "the end is before the start; row skipped"))?;
    let id_cell = if columns.id.is_empty() {
        ""
    } else {
        row.get(&columns.id)
    };
    let id = if id_cell.is_empty() {
        clean_id(&format!("{stem}-{}", row.line))
    } else {
        clean_id(id_cell)
    };
    let text = |column: &str| {
        if column.is_empty() {
            String::new()
        } else {
            row.get(column).to_owned()
        }
    };
    let kind = text(&columns.event_type);
    let place = text(&columns.place);
    let title = text(&columns.title);
    Ok(Incident {
        line: row.line,
        title: match (title.is_empty(), place.is_empty()) {
            (false, _) => title.into(),
            (true, false) => format!("{place}, {start}").into(),
            (true, true) => format!("Row {}", row.line).into(),
        },
        id: id.into(),
        dates: Some(dates),
        date_precision: if dates.is_single_day() {
            DatePrecision::Day
        } else {
            DatePrecision::Approximate
        },
        place: place.into(),
        district: "".into(),
        province: "".into(),
        position: Some(crate::model::LonLat { lon, lat }),
        geo_precision: GeoPrecision::Town,
        event_type: EventType::parse(&kind).unwrap_or_else(|| event_type_of(&kind, &kind)),
        targets: Vec::new().into(),
        actors: Vec::new().into(),
        summary: crate::model::Text::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &[&str]) -> Vec<String> {
        names.iter().map(|&n| n.to_owned()).collect()
    }

    #[test]
    fn a_mapping_is_guessed_from_the_names() {
        let guessed = ColumnMapping::guess(&header(&[
            "Ref", "Datum", "Lat", "LNG", "Killed", "Wounded", "Town",
        ]));
        assert_eq!(guessed.latitude, "Lat");
        assert_eq!(guessed.longitude, "LNG");
        assert_eq!(guessed.date, "", "Datum is not a name we know");
        assert_eq!(guessed.missing(), ["date"]);
        assert_eq!(guessed.place, "Town");
        assert_eq!(guessed.id, "Ref");
        let metrics: Vec<&str> = guessed.figures.iter().map(|f| f.metric.as_str()).collect();
        assert_eq!(metrics, ["total_killed", "injured"]);
    }

    #[test]
    fn the_key_ignores_case_spaces_and_a_bom() {
        assert_eq!(
            header_key(&header(&["\u{feff}Lat ", "Lon"])),
            header_key(&header(&["lat", "LON"]))
        );
        assert_ne!(
            header_key(&header(&["lat", "lon"])),
            header_key(&header(&["lon", "lat"]))
        );
    }

    #[test]
    fn a_mapping_survives_json() {
        let mapping = ColumnMapping::guess(&header(&["date", "lat", "lon", "killed"]));
        assert_eq!(ColumnMapping::from_json(&mapping.to_json()), Ok(mapping));
        assert!(ColumnMapping::from_json("[1, 2]").is_err());
    }
}
