//! Reads `sources.csv`, `incidents.csv` and `claims.csv` into a [`Dataset`], row by row.
//!
//! A row that cannot be understood is skipped with an error; a row that is understood but
//! doubtful (unknown metric, unknown reference, min above max, end before start) is kept
//! with a warning. Cross-file references are checked after all three files are read.

use std::collections::HashSet;

use jiff::civil::Date;

use super::table::{Row, Table};
use crate::model::vocabulary::metric;
use crate::model::{
    Claim, Dataset, DatePrecision, DateSpan, EventType, GeoPrecision, Incident, LonLat, Qualifier,
    Source, SourceKind,
};
use crate::problem::{Problem, Problems};

pub const SOURCE_COLUMNS: &[&str] = &[
    "id",
    "title",
    "outlet",
    "author",
    "published",
    "kind",
    "document",
    "url",
    "notes",
];
pub const INCIDENT_COLUMNS: &[&str] = &[
    "id",
    "title",
    "date_start",
    "date_end",
    "date_precision",
    "place",
    "district",
    "province",
    "lat",
    "lon",
    "geo_precision",
    "event_type",
    "targets",
    "actors",
    "summary",
];
pub const CLAIM_COLUMNS: &[&str] = &[
    "id",
    "incident_id",
    "source_id",
    "metric",
    "value_min",
    "value_max",
    "qualifier",
    "attributed_to",
    "event_date",
    "note",
];

/// The three tables' bytes and the names to report them under.
pub struct DatasetFiles<'a> {
    pub sources: (&'a str, &'a [u8]),
    pub incidents: (&'a str, &'a [u8]),
    pub claims: (&'a str, &'a [u8]),
}

/// Parses the three tables. Never panics; every skipped row has a problem.
pub fn parse_dataset(files: &DatasetFiles<'_>, problems: &mut Problems) -> Dataset {
    let sources = read_rows(files.sources, SOURCE_COLUMNS, problems, parse_source);
    let incidents = read_rows(files.incidents, INCIDENT_COLUMNS, problems, parse_incident);
    let claims = read_rows(files.claims, CLAIM_COLUMNS, problems, parse_claim);

    let sources = dedup(sources, |s| &s.id, files.sources.0, problems);
    let incidents = dedup(incidents, |i| &i.id, files.incidents.0, problems);
    let claims = dedup(claims, |c| &c.id, files.claims.0, problems);

    let source_ids: HashSet<&str> = sources.iter().map(|(_, s)| s.id.as_str()).collect();
    let incident_ids: HashSet<&str> = incidents.iter().map(|(_, i)| i.id.as_str()).collect();
    let claimed: HashSet<&str> = claims.iter().map(|(_, c)| c.incident_id.as_str()).collect();
    let file = files.claims.0;
    for (line, claim) in &claims {
        if !incident_ids.contains(claim.incident_id.as_str()) {
            problems.push(Problem::warning(
                file,
                Some(*line),
                Some("incident_id"),
                format!("unknown incident \"{}\"", claim.incident_id),
            ));
        }
        if !source_ids.contains(claim.source_id.as_str()) {
            problems.push(Problem::warning(
                file,
                Some(*line),
                Some("source_id"),
                format!("unknown source \"{}\"", claim.source_id),
            ));
        }
    }
    for (line, incident) in &incidents {
        if !claimed.contains(incident.id.as_str()) {
            problems.push(Problem::warning(
                files.incidents.0,
                Some(*line),
                Some("id"),
                format!(
                    "incident \"{}\" has no claim, so no source backs it",
                    incident.id
                ),
            ));
        }
    }
    Dataset::new(
        sources.into_iter().map(|(_, s)| s).collect(),
        incidents.into_iter().map(|(_, i)| i).collect(),
        claims.into_iter().map(|(_, c)| c).collect(),
    )
}

/// Each parser gets the row and a place for warnings; an `Err` skips the row.
type RowParser<T> = fn(&Row<'_>, &mut Problems) -> Result<T, Problem>;

fn read_rows<T>(
    (file, bytes): (&str, &[u8]),
    columns: &[&str],
    problems: &mut Problems,
    parse: RowParser<T>,
) -> Vec<(u64, T)> {
    let Some(table) = Table::read(file, bytes, columns, problems) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for row in table.rows() {
        match parse(&row, problems) {
            Ok(item) => out.push((row.line, item)),
            Err(problem) => problems.push(problem),
        }
    }
    out
}

/// Keeps the first row of each id; later ones are errors (two rows cannot share an id).
fn dedup<T>(
    rows: Vec<(u64, T)>,
    id: fn(&T) -> &String,
    file: &str,
    problems: &mut Problems,
) -> Vec<(u64, T)> {
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(rows.len());
    for (line, item) in rows {
        if seen.insert(id(&item).clone()) {
            out.push((line, item));
        } else {
            problems.push(Problem::error(
                file,
                Some(line),
                Some("id"),
                format!(
                    "id \"{}\" is used by an earlier row; row skipped",
                    id(&item)
                ),
            ));
        }
    }
    out
}

fn checked_id(row: &Row<'_>, column: &str) -> Result<String, Problem> {
    let id = row.required(column)?;
    if id
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
    {
        Ok(id)
    } else {
        Err(row.error(
            column,
            format!("\"{id}\" is not a valid id (letters, digits, _ - . only); row skipped"),
        ))
    }
}

fn word<T>(
    row: &Row<'_>,
    column: &str,
    parse: fn(&str) -> Option<T>,
    allowed: &str,
) -> Result<T, Problem> {
    let text = row.get(column);
    parse(text).ok_or_else(|| {
        row.error(
            column,
            format!("\"{text}\" is not one of {allowed}; row skipped"),
        )
    })
}

fn day(row: &Row<'_>, column: &str) -> Result<Option<Date>, Problem> {
    let text = row.get(column);
    if text.is_empty() {
        return Ok(None);
    }
    match DateSpan::parse(text) {
        Ok(span) if span.is_single_day() && text.len() == 10 => Ok(Some(span.first)),
        _ => Err(row.error(
            column,
            format!("\"{text}\" is not a date (YYYY-MM-DD); row skipped"),
        )),
    }
}

fn words_of<T: Copy + std::fmt::Display>(all: &[T]) -> String {
    all.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_source(row: &Row<'_>, _: &mut Problems) -> Result<Source, Problem> {
    Ok(Source {
        line: row.line,
        id: checked_id(row, "id")?,
        title: row.get("title").to_owned(),
        outlet: row.get("outlet").to_owned(),
        author: row.get("author").to_owned(),
        published: day(row, "published")?,
        kind: word(row, "kind", SourceKind::parse, &words_of(SourceKind::ALL))?,
        document: row.required("document")?,
        url: row.get("url").to_owned(),
        notes: row.get("notes").to_owned(),
    })
}

fn parse_incident(row: &Row<'_>, problems: &mut Problems) -> Result<Incident, Problem> {
    let id = checked_id(row, "id")?;
    let title = row.required("title")?;
    let date_precision = word(
        row,
        "date_precision",
        DatePrecision::parse,
        &words_of(DatePrecision::ALL),
    )?;
    let start = day(row, "date_start")?;
    let end = day(row, "date_end")?;
    let dates = match (start, end) {
        (None, None) if date_precision == DatePrecision::Unknown => None,
        (None, _) => {
            return Err(row.error(
                "date_start",
                "is empty but required unless date_precision is unknown; row skipped",
            ));
        }
        (Some(first), None) => Some(DateSpan::day(first)),
        (Some(first), Some(last)) if last < first => {
            problems.push(row.warning(
                "date_end",
                format!("ends ({last}) before it starts ({first}); read as {last} – {first}"),
            ));
            Some(DateSpan {
                first: last,
                last: first,
            })
        }
        (Some(first), Some(last)) => Some(DateSpan { first, last }),
    };
    if dates.is_some() && date_precision == DatePrecision::Unknown {
        problems.push(row.warning("date_precision", "is unknown but dates are given"));
    }
    let geo_precision = word(
        row,
        "geo_precision",
        GeoPrecision::parse,
        &words_of(GeoPrecision::ALL),
    )?;
    let position = incident_position(row, geo_precision)?;
    Ok(Incident {
        line: row.line,
        id,
        title,
        dates,
        date_precision,
        place: row.get("place").to_owned(),
        district: row.get("district").to_owned(),
        province: row.get("province").to_owned(),
        position,
        geo_precision,
        event_type: word(
            row,
            "event_type",
            EventType::parse,
            &words_of(EventType::ALL),
        )?,
        targets: row.list("targets"),
        actors: row.list("actors"),
        summary: row.get("summary").to_owned(),
    })
}

/// The incident's point: both coordinates in range, or neither when its place is unknown.
fn incident_position(
    row: &Row<'_>,
    geo_precision: GeoPrecision,
) -> Result<Option<LonLat>, Problem> {
    Ok(match (row.number("lon")?, row.number("lat")?) {
        (Some(lon), Some(lat)) => {
            if !(-180.0..=180.0).contains(&lon) {
                return Err(row.error("lon", format!("{lon} is outside -180..180; row skipped")));
            }
            if !(-90.0..=90.0).contains(&lat) {
                return Err(row.error("lat", format!("{lat} is outside -90..90; row skipped")));
            }
            Some(LonLat { lon, lat })
        }
        (None, None) if geo_precision == GeoPrecision::None => None,
        (None, None) => {
            return Err(row.error(
                "lat",
                "lat and lon are empty but required unless geo_precision is none; row skipped",
            ));
        }
        (Some(_), None) => return Err(row.error("lat", "is empty while lon is given; row skipped")),
        (None, Some(_)) => return Err(row.error("lon", "is empty while lat is given; row skipped")),
    })
}

fn parse_claim(row: &Row<'_>, problems: &mut Problems) -> Result<Claim, Problem> {
    let id = checked_id(row, "id")?;
    let metric_id = row.required("metric")?;
    if metric(&metric_id).is_none() {
        problems.push(row.warning(
            "metric",
            format!("\"{metric_id}\" is not in the metric vocabulary (data/README.md); kept as is"),
        ));
    }
    let value_min = row
        .number("value_min")?
        .ok_or_else(|| row.error("value_min", "is empty but required; row skipped"))?;
    let mut value_max = row.number("value_max")?.unwrap_or(value_min);
    let mut value_min = value_min;
    if value_min > value_max {
        problems.push(row.warning(
            "value_max",
            format!("value_min {value_min} is above value_max {value_max}; the two are swapped"),
        ));
        std::mem::swap(&mut value_min, &mut value_max);
    }
    if value_min < 0.0 && !metric_id.ends_with("_change") && !metric_id.ends_with("_pct") {
        problems.push(row.warning("value_min", format!("{value_min} is negative for a count")));
    }
    let event_date = match row.get("event_date") {
        "" => None,
        text => match DateSpan::parse(text) {
            Ok(span) => Some(span),
            Err(crate::model::dates::DateError::EndsBeforeStart(_)) => {
                problems.push(row.warning(
                    "event_date",
                    format!("\"{text}\" ends before it starts; date ignored"),
                ));
                None
            }
            Err(e) => return Err(row.error("event_date", format!("{e}; row skipped"))),
        },
    };
    let qualifier_text = row.get("qualifier");
    let qualifier = Qualifier::parse(qualifier_text).ok_or_else(|| {
        let allowed: Vec<&str> = Qualifier::ALL.iter().skip(1).map(|q| q.as_str()).collect();
        row.error(
            "qualifier",
            format!(
                "\"{qualifier_text}\" is not empty or one of {}; row skipped",
                allowed.join(", ")
            ),
        )
    })?;
    Ok(Claim {
        line: row.line,
        id,
        incident_id: row.required("incident_id")?,
        source_id: row.required("source_id")?,
        metric: metric_id,
        value_min,
        value_max,
        qualifier,
        attributed_to: row.get("attributed_to").to_owned(),
        event_date,
        note: row.get("note").to_owned(),
    })
}
