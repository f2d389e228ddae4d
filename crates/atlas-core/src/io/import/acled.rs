//! ACLED exports (Armed Conflict Location & Event Data Project), in every layout it has
//! published: the current 31 columns (`event_id_cnty`, `disorder_type`, `civilian_targeting`,
//! `tags`, …), the 2019–22 one (`data_id`, `event_id_no_cnty`, `iso3`), older ones (`gwno`,
//! `ally_actor_*`, numeric `inter` codes) and any subset with a date, a place and coordinates.
//!
//! Each row is an incident; its `fatalities` is a claim attributed to ACLED, marked "at least"
//! because ACLED codes the lowest figure its sources report (competing figures live only in
//! `notes`, which is kept verbatim as the incident's summary). One source row stands for the
//! file, with the citation ACLED asks for.

use jiff::civil::Date;

use super::dates::parse_day;
use super::sheet::{Sheet, SheetRow};
use super::{Imported, clean_id};
use crate::model::{
    Claim, DatePrecision, DateSpan, EventType, GeoPrecision, Incident, Qualifier, Shared, Source,
};
use crate::problem::{Problem, Problems};

/// Whether a header is ACLED's: an event id of one of its layouts and its fatalities, or its
/// event and sub-event types.
pub fn looks_like(sheet: &Sheet<'_>) -> bool {
    let id = sheet
        .first_of(&["event_id_cnty", "data_id", "event_id_no_cnty"])
        .is_some();
    let types = sheet.has("event_type") && sheet.has("sub_event_type");
    (id && sheet.has("fatalities")) || (types && sheet.has("event_date"))
}

/// The citation ACLED's terms of use ask for, kept in the source row.
pub const CITATION: &str = "Armed Conflict Location & Event Data Project (ACLED); acleddata.com. \
Raleigh, C., Linke, A., Hegre, H. and Karlsen, J. (2010). Introducing ACLED: An Armed Conflict \
Location and Event Dataset. Journal of Peace Research 47(5), 651–660.";

/// Reads an ACLED table. `stem` names the source row (`acled-<stem>`).
pub fn read(sheet: &Sheet<'_>, stem: &str, problems: &mut Problems) -> Imported {
    let source_id = clean_id(&format!("acled-{stem}"));
    let mut imported = Imported::default();
    if !sheet.require(
        &["event_date", "latitude", "longitude"],
        "an ACLED file",
        problems,
    ) {
        return imported;
    }
    let mut latest: Option<Date> = None;
    sheet.rows(problems, |row, problems| match incident(row, problems) {
        Ok((incident, fatalities)) => {
            if let Some(dates) = incident.dates {
                latest = latest.max(Some(dates.last));
            }
            if let Some(value) = fatalities {
                imported
                    .claims
                    .push(fatality_claim(row, &incident, &source_id, value));
            }
            imported.incidents.push(incident);
        }
        Err(problem) => problems.push(problem),
    });
    imported.sources.push(Source {
        outlet: "Armed Conflict Location & Event Data Project (ACLED)".to_owned(),
        author: "ACLED".to_owned(),
        published: latest,
        url: "https://acleddata.com".to_owned(),
        ..super::dataset_source(
            source_id,
            format!("ACLED export {stem}"),
            sheet.file,
            CITATION,
        )
    });
    imported
}

/// The row's incident and its fatalities, or why the row cannot be used.
fn incident(
    row: &SheetRow<'_>,
    problems: &mut Problems,
) -> Result<(Incident, Option<f64>), Problem> {
    let raw_id = row.first(&["event_id_cnty", "data_id", "event_id_no_cnty"]);
    let id = if raw_id.is_empty() {
        format!("acled-row-{}", row.line)
    } else {
        clean_id(raw_id)
    };
    let day = parse_day(row.get("event_date")).ok_or_else(|| {
        row.error(
            "event_date",
            format!("\"{}\" is not a date; row skipped", row.get("event_date")),
        )
    })?;
    let (dates, date_precision) = dates_of(row, day, problems);
    let position = row.position()?;
    let geo_precision = geo_precision_of(row, position.is_some(), problems);
    let fatalities = match row.number("fatalities") {
        Ok(Some(v)) if v >= 0.0 => Some(v),
        Ok(Some(_)) | Err(_) => {
            problems.push(row.warning(
                "fatalities",
                format!(
                    "\"{}\" is not a count; no figure kept",
                    row.get("fatalities")
                ),
            ));
            None
        }
        Ok(None) => None,
    };
    let (event, sub_event) = (row.get("event_type"), row.get("sub_event_type"));
    let place = row.get("location");
    let targets = if row.get("civilian_targeting").is_empty() {
        Vec::new()
    } else {
        vec!["civilians".to_owned()]
    };
    let incident = Incident {
        line: row.line,
        title: title_of(event, sub_event, place, &id).into(),
        id: id.into(),
        dates: Some(dates),
        date_precision,
        place: place.into(),
        district: row.get("admin2").into(),
        province: row.get("admin1").into(),
        position,
        geo_precision,
        event_type: event_type_of(event, sub_event),
        targets: targets.into_iter().map(Shared::from).collect(),
        actors: actors_of(row).into_iter().map(Shared::from).collect(),
        summary: row.get("notes").into(),
    };
    Ok((incident, fatalities))
}

/// `geo_precision`: 1 the town; 2 near it; 3 a district (or larger) centroid.
fn geo_precision_of(row: &SheetRow<'_>, placed: bool, problems: &mut Problems) -> GeoPrecision {
    match (placed, row.get("geo_precision")) {
        (false, _) => GeoPrecision::None,
        (true, "1") => GeoPrecision::Town,
        (true, "3") => GeoPrecision::District,
        (true, "" | "2") => GeoPrecision::Approximate,
        (true, other) => {
            problems.push(row.warning(
                "geo_precision",
                format!("\"{other}\" is not 1, 2 or 3; read as approximate"),
            ));
            GeoPrecision::Approximate
        }
    }
}

/// "Armed clash — Mastung": the sub-event type (or the event type) and the place.
fn title_of(event: &str, sub_event: &str, place: &str, id: &str) -> String {
    let kind = if sub_event.is_empty() {
        event
    } else {
        sub_event
    };
    match (kind.is_empty(), place.is_empty()) {
        (false, false) => format!("{kind} — {place}"),
        (false, true) => kind.to_owned(),
        (true, false) => format!("Event in {place}"),
        (true, true) => format!("ACLED event {id}"),
    }
}

/// Both sides and their associated actors (`assoc_actor_*`, or `ally_actor_*` in old files).
fn actors_of(row: &SheetRow<'_>) -> Vec<String> {
    [
        "actor1",
        "assoc_actor_1",
        "ally_actor_1",
        "actor2",
        "assoc_actor_2",
        "ally_actor_2",
    ]
    .iter()
    .flat_map(|c| row.get(c).split(';'))
    .map(str::trim)
    .filter(|a| !a.is_empty())
    .map(str::to_owned)
    .collect()
}

/// `time_precision`: 1 the day; 2 a span of about a week around it; 3 the month.
fn dates_of(row: &SheetRow<'_>, day: Date, problems: &mut Problems) -> (DateSpan, DatePrecision) {
    let around = |days: i64| {
        let first = day.checked_sub(jiff::Span::new().days(days)).unwrap_or(day);
        let last = day.checked_add(jiff::Span::new().days(days)).unwrap_or(day);
        DateSpan { first, last }
    };
    match row.get("time_precision") {
        "" | "1" => (DateSpan::day(day), DatePrecision::Day),
        "2" => (around(3), DatePrecision::Approximate),
        "3" => (
            DateSpan {
                first: day.first_of_month(),
                last: day.last_of_month(),
            },
            DatePrecision::Month,
        ),
        other => {
            problems.push(row.warning(
                "time_precision",
                format!("\"{other}\" is not 1, 2 or 3; read as the day"),
            ));
            (DateSpan::day(day), DatePrecision::Day)
        }
    }
}

/// ACLED's event and sub-event types onto our symbols (README, "Importing other data").
pub fn event_type_of(event: &str, sub_event: &str) -> EventType {
    let sub = sub_event.to_lowercase();
    let event = event.to_lowercase();
    match sub.as_str() {
        "suicide bomb" => return EventType::SuicideBombing,
        "remote explosive/landmine/ied" => return EventType::IedAttack,
        "abduction/forced disappearance" => return EventType::Hijacking,
        "government regains territory" | "arrests" | "air/drone strike" => {
            return EventType::SecurityOperation;
        }
        "disrupted weapons use" => return EventType::FoiledAttack,
        _ => {}
    }
    // Current names, and the older ones ("Battle-No change of territory", "Remote violence",
    // "Riots/Protests", "Strategic development").
    if event.starts_with("battle")
        || event.contains("violence against civilians")
        || event.contains("remote violence")
    {
        EventType::ArmedAssault
    } else if event.contains("protest") || event.contains("riot") {
        EventType::Protest
    } else {
        EventType::Other
    }
}

fn fatality_claim(row: &SheetRow<'_>, incident: &Incident, source_id: &str, value: f64) -> Claim {
    let scale = row.get("source_scale");
    let mut note = "ACLED codes the lowest figure its sources report".to_owned();
    if !scale.is_empty() {
        note = format!("{note}; source scale: {scale}");
    }
    Claim {
        line: row.line,
        id: format!("{}-fatalities", incident.id).into(),
        incident_id: incident.id.clone(),
        source_id: source_id.into(),
        metric: "total_killed".into(),
        value_min: value,
        value_max: value,
        qualifier: Qualifier::AtLeast,
        attributed_to: row.get("source").into(),
        event_date: incident.dates,
        note: note.into(),
        locator: None,
    }
}
