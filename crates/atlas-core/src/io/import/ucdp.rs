//! UCDP's Georeferenced Event Dataset (GED) as CSV, current and older layouts: `best`/`high`/
//! `low` or `best_est`/`high_est`/`low_est`, an HXL hashtag row under the header, trailing
//! commas, dates as `1989-01-01 00:00:00.000` or `03/27/1990 00:00:00`.
//!
//! Each row is an incident; its deaths are one claim — low to high, the best estimate kept in
//! the note — attributed to the wording UCDP quotes (`source_original`), from a source made of
//! the article it cites (`source_headline`, `source_office`, `source_date`; one source row per
//! distinct article).

use rustc_hash::FxHashMap;

use super::dates::parse_day;
use super::sheet::{Sheet, SheetRow};
use super::{Imported, clean_id};
use crate::model::{
    Claim, DatePrecision, DateSpan, EventType, GeoPrecision, Incident, Qualifier, Shared, Source,
    SourceKind,
};
use crate::problem::{Problem, Problems};

/// Whether a header is UCDP GED's.
pub fn looks_like(sheet: &Sheet<'_>) -> bool {
    sheet.first_of(&["best", "best_est"]).is_some()
        && (sheet.has("where_prec") || sheet.has("date_prec") || sheet.has("dyad_name"))
}

pub const CITATION: &str = "Uppsala Conflict Data Program (UCDP) Georeferenced Event Dataset. \
Sundberg, R. and Melander, E. (2013). Introducing the UCDP Georeferenced Event Dataset. \
Journal of Peace Research 50(4), 523–532.";

/// Reads a GED table.
pub fn read(sheet: &Sheet<'_>, stem: &str, problems: &mut Problems) -> Imported {
    let mut imported = Imported::default();
    if !sheet.require(
        &["date_start", "latitude", "longitude"],
        "a UCDP GED file",
        problems,
    ) {
        return imported;
    }
    let mut sources: FxHashMap<(String, String, String), String> = FxHashMap::default();
    let document = super::document_name(sheet.file);
    sheet.rows(problems, |row, problems| {
        let incident = match incident(row, problems) {
            Ok(incident) => incident,
            Err(problem) => return problems.push(problem),
        };
        let key = (
            row.get("source_headline").to_owned(),
            row.get("source_office").to_owned(),
            row.get("source_date").to_owned(),
        );
        let next = sources.len();
        let source_id = sources
            .entry(key.clone())
            .or_insert_with(|| {
                let id = clean_id(&format!("ucdp-{stem}-{}", next + 1));
                imported
                    .sources
                    .push(source_of(&id, &key, &document, row.line));
                id
            })
            .clone();
        match deaths_claim(row, &incident, &source_id, problems) {
            Ok(Some(claim)) => imported.claims.push(claim),
            Ok(None) => {}
            Err(problem) => problems.push(problem),
        }
        imported.incidents.push(incident);
    });
    imported
}

fn source_of(
    id: &str,
    (headline, office, date): &(String, String, String),
    document: &str,
    line: u64,
) -> Source {
    Source {
        line,
        id: id.to_owned(),
        title: if headline.is_empty() {
            "UCDP GED (no article named)".to_owned()
        } else {
            headline.clone()
        },
        outlet: office.clone(),
        author: String::new(),
        published: date.split(';').next().and_then(parse_day),
        kind: SourceKind::News,
        document: document.to_owned(),
        document_sha256: String::new(),
        url: "https://ucdp.uu.se".to_owned(),
        notes: format!("Cited by the UCDP GED. {CITATION}"),
    }
}

/// `where_prec`: 1 the place; 2 within 25 km; 3 a district; 4 a province; 5 a line or area
/// between places; 6 the country; 7 waters or airspace.
fn geo_precision_of(row: &SheetRow<'_>, placed: bool, problems: &mut Problems) -> GeoPrecision {
    match (placed, row.get("where_prec")) {
        (false, _) => GeoPrecision::None,
        (true, "1") => GeoPrecision::Town,
        (true, "3") => GeoPrecision::District,
        (true, "4" | "6") => GeoPrecision::Province,
        (true, "" | "2" | "5" | "7") => GeoPrecision::Approximate,
        (true, other) => {
            problems.push(row.warning(
                "where_prec",
                format!("\"{other}\" is not 1–7; read as approximate"),
            ));
            GeoPrecision::Approximate
        }
    }
}

fn incident(row: &SheetRow<'_>, problems: &mut Problems) -> Result<Incident, Problem> {
    let raw_id = row.first(&["id", "relid"]);
    let id = if raw_id.is_empty() {
        format!("ucdp-row-{}", row.line)
    } else {
        clean_id(&format!("ucdp-{raw_id}"))
    };
    let start = parse_day(row.get("date_start")).ok_or_else(|| {
        row.error(
            "date_start",
            format!("\"{}\" is not a date; row skipped", row.get("date_start")),
        )
    })?;
    let end = match row.get("date_end") {
        "" => start,
        text => parse_day(text).ok_or_else(|| {
            row.error("date_end", format!("\"{text}\" is not a date; row skipped"))
        })?,
    };
    let dates = DateSpan::new(start, end)
        .ok_or_else(|| row.error("date_end", "the end is before the start; row skipped"))?;
    let date_precision = match row.get("date_prec") {
        "" | "1" if dates.is_single_day() => DatePrecision::Day,
        "4" => DatePrecision::Month,
        "5" => DatePrecision::Year,
        _ => DatePrecision::Approximate,
    };
    let position = row.position()?;
    let geo_precision = geo_precision_of(row, position.is_some(), problems);
    let place = row.first(&["where_coordinates", "where_description"]);
    let dyad = row.first(&["dyad_name", "conflict_name"]);
    Ok(Incident {
        line: row.line,
        id: id.into(),
        title: match (dyad.is_empty(), place.is_empty()) {
            (false, false) => format!("{dyad} — {place}").into(),
            (false, true) => dyad.into(),
            (true, false) => format!("Event at {place}").into(),
            (true, true) => "UCDP event".into(),
        },
        dates: Some(dates),
        date_precision,
        place: place.into(),
        district: row.get("adm_2").trim_end_matches(" district").into(),
        province: row.get("adm_1").trim_end_matches(" province").into(),
        position,
        geo_precision,
        // type_of_violence: 1 state-based, 2 non-state, 3 one-sided (against civilians).
        event_type: EventType::ArmedAssault,
        targets: if row.get("type_of_violence") == "3" {
            Box::new([Shared::from("civilians")])
        } else {
            Box::default()
        },
        actors: ["side_a", "side_b"]
            .iter()
            .map(|c| row.get(c))
            .filter(|a| !a.is_empty())
            .map(Shared::from)
            .collect(),
        summary: row.get("where_description").into(),
    })
}

/// The deaths as one claim, low to high; a row breaking low ≤ best ≤ high is kept, with a
/// warning.
fn deaths_claim(
    row: &SheetRow<'_>,
    incident: &Incident,
    source_id: &str,
    problems: &mut Problems,
) -> Result<Option<Claim>, Problem> {
    fn column(row: &SheetRow<'_>, names: [&'static str; 2]) -> &'static str {
        let [current, old] = names;
        if row.get(current).is_empty() && !row.get(old).is_empty() {
            old
        } else {
            current
        }
    }
    let (best_col, low_col, high_col) = (
        column(row, ["best", "best_est"]),
        column(row, ["low", "low_est"]),
        column(row, ["high", "high_est"]),
    );
    let Some(best) = row.number(best_col)? else {
        return Ok(None);
    };
    let low = row.number(low_col)?.unwrap_or(best);
    let high = row.number(high_col)?.unwrap_or(best);
    if !(low <= best && best <= high) {
        problems.push(row.warning(
            best_col,
            format!("low {low}, best {best}, high {high} are out of order; kept as given"),
        ));
    }
    Ok(Some(Claim {
        line: row.line,
        id: format!("{}-deaths", incident.id).into(),
        incident_id: incident.id.clone(),
        source_id: source_id.into(),
        metric: "total_killed".into(),
        value_min: low.min(high),
        value_max: high.max(low),
        qualifier: Qualifier::Exact,
        attributed_to: row.get("source_original").into(),
        event_date: incident.dates,
        note: format!("UCDP best estimate {best} (low {low}, high {high})").into(),
        locator: None,
    }))
}
