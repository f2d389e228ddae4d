//! `GeoJSON` from colleagues and other tools: each Point feature is an incident, its
//! properties matched by name (a date, or a start and an end; a title; a kind of event; a
//! death figure). Features are read one by one, so a broken feature (no geometry, coordinates
//! that are not numbers or out of range, no date) is reported with its index and the rest load;
//! a file that is not JSON at all is reported with its line and column.

use serde_json::{Map, Value};

use super::acled::event_type_of;
use super::dates::parse_day;
use super::{Imported, clean_id};
use crate::model::{
    Claim, DatePrecision, DateSpan, EventType, GeoPrecision, Incident, LonLat, Qualifier,
};
use crate::problem::{Problem, Problems};

const DATE: &[&str] = &[
    "date",
    "event_date",
    "date_start",
    "start",
    "start_date",
    "from",
];
const END: &[&str] = &["date_end", "end", "end_date", "to"];
const TITLE: &[&str] = &["title", "name", "event", "description", "location"];
const KIND: &[&str] = &["event_type", "type", "sub_event_type", "category"];
const FIGURE: &[&str] = &["fatalities", "killed", "deaths", "best", "casualties"];

/// Reads a `GeoJSON` text. `None` (with an error) when it is not a `FeatureCollection` or `Feature`.
pub fn read(file: &str, text: &str, stem: &str, problems: &mut Problems) -> Option<Imported> {
    let value = parse_collection(file, text, "", problems)?;
    let features = features_of(&value);
    let source_id = clean_id(&format!("geojson-{stem}"));
    let mut imported = Imported::default();
    for (index, feature) in features.into_iter().enumerate() {
        let kind = feature
            .get("geometry")
            .and_then(|g| g.get("type"))
            .and_then(Value::as_str);
        if let Some(area @ ("Polygon" | "MultiPolygon")) = kind {
            // Not an incident, and not an error: the same file is read as an area layer.
            problems.push(Problem::warning(
                file,
                None,
                Some("geometry"),
                format!(
                    "feature {index}: a {area} is an area, not an incident; add the file as an area layer to draw it"
                ),
            ));
            continue;
        }
        match incident(feature, index, stem) {
            Ok((incident, figure)) => {
                if let Some(value) = figure {
                    imported
                        .claims
                        .push(figure_claim(&incident, &source_id, value));
                }
                imported.incidents.push(incident);
            }
            Err(message) => problems.push(Problem::error(
                file,
                None,
                None,
                format!("feature {index}: {message}; skipped"),
            )),
        }
    }
    imported.sources.push(super::dataset_source(
        source_id,
        format!("GeoJSON {stem}"),
        file,
        "Imported from GeoJSON point features",
    ));
    Some(imported)
}

/// A `GeoJSON` text parsed and checked to be a `FeatureCollection` or a `Feature`, its `crs`
/// member warned about. `None` (with an error ending in `outcome`, e.g. "; layer not loaded")
/// when it is not JSON (its line named) or not one of those. The point and the area readers
/// both start here.
pub(super) fn parse_collection(
    file: &str,
    text: &str,
    outcome: &str,
    problems: &mut Problems,
) -> Option<Value> {
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            problems.push(Problem::error(
                file,
                Some(e.line() as u64),
                None,
                format!("not valid JSON: {e}{outcome}"),
            ));
            return None;
        }
    };
    if value.get("crs").is_some() {
        problems.push(Problem::warning(
            file,
            None,
            Some("crs"),
            "a crs member (removed from GeoJSON by RFC 7946) is ignored; coordinates are read as longitude, latitude in WGS 84",
        ));
    }
    match value.get("type").and_then(Value::as_str) {
        Some("FeatureCollection" | "Feature") => Some(value),
        other => {
            problems.push(Problem::error(
                file,
                None,
                Some("type"),
                format!(
                    "a GeoJSON FeatureCollection or Feature was expected, not {}{outcome}",
                    other.unwrap_or("a JSON value without a type")
                ),
            ));
            None
        }
    }
}

/// The features of a collection `parse_collection` accepted (the one, for a `Feature`).
pub(super) fn features_of(value: &Value) -> Vec<&Value> {
    match value.get("features").and_then(Value::as_array) {
        Some(features) => features.iter().collect(),
        None if value.get("type").and_then(Value::as_str) == Some("Feature") => vec![value],
        None => Vec::new(),
    }
}

/// The first property among `names` (any case), as text.
fn property(properties: &Map<String, Value>, names: &[&str]) -> Option<String> {
    names.iter().find_map(|name| {
        properties
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .and_then(|(_, v)| match v {
                Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
                Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
    })
}

fn point_of(feature: &Value) -> Result<LonLat, String> {
    let geometry = feature
        .get("geometry")
        .filter(|g| !g.is_null())
        .ok_or("no geometry")?;
    match geometry.get("type").and_then(Value::as_str) {
        Some("Point") => {}
        Some(other) => {
            return Err(format!(
                "a {other}, not a Point (only points become incidents)"
            ));
        }
        None => return Err("a geometry without a type".to_owned()),
    }
    let coordinates = geometry
        .get("coordinates")
        .and_then(Value::as_array)
        .ok_or("a Point without coordinates")?;
    let number = |i: usize| coordinates.get(i).and_then(Value::as_f64);
    match (number(0), number(1)) {
        (Some(lon), Some(lat))
            if (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat) =>
        {
            Ok(LonLat { lon, lat })
        }
        (Some(lon), Some(lat)) => Err(format!("coordinates {lon}, {lat} are out of range")),
        _ => Err("coordinates that are not two numbers".to_owned()),
    }
}

fn incident(feature: &Value, index: usize, stem: &str) -> Result<(Incident, Option<f64>), String> {
    let empty = Map::new();
    let properties = feature
        .get("properties")
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let position = point_of(feature)?;
    let start_text = property(properties, DATE).ok_or("no date property (date, start, …)")?;
    let start = parse_day(&start_text).ok_or_else(|| format!("\"{start_text}\" is not a date"))?;
    let end = match property(properties, END) {
        Some(text) => parse_day(&text).ok_or_else(|| format!("\"{text}\" is not a date"))?,
        None => start,
    };
    let dates = DateSpan::new(start, end).ok_or("the end is before the start")?;
    let id = match feature.get("id").or_else(|| properties.get("id")) {
        Some(Value::String(s)) => clean_id(s),
        Some(Value::Number(n)) => clean_id(&format!("{stem}-{n}")),
        _ => clean_id(&format!("{stem}-{index}")),
    };
    let kind = property(properties, KIND).unwrap_or_default();
    let event_type = EventType::parse(&kind).unwrap_or_else(|| event_type_of(&kind, &kind));
    let figure = property(properties, FIGURE).and_then(|t| t.parse::<f64>().ok());
    Ok((
        Incident {
            line: 0,
            title: property(properties, TITLE)
                .unwrap_or_else(|| format!("Feature {index}"))
                .into(),
            id: id.into(),
            dates: Some(dates),
            date_precision: if dates.is_single_day() {
                DatePrecision::Day
            } else {
                DatePrecision::Approximate
            },
            place: property(properties, &["place", "location"])
                .unwrap_or_default()
                .into(),
            district: property(properties, &["district", "admin2"])
                .unwrap_or_default()
                .into(),
            province: property(properties, &["province", "admin1"])
                .unwrap_or_default()
                .into(),
            position: Some(position),
            geo_precision: GeoPrecision::Town,
            event_type,
            targets: Vec::new().into(),
            actors: Vec::new().into(),
            summary: property(properties, &["summary", "notes"])
                .unwrap_or_default()
                .into(),
        },
        figure.filter(|v| v.is_finite() && *v >= 0.0),
    ))
}

fn figure_claim(incident: &Incident, source_id: &str, value: f64) -> Claim {
    Claim {
        line: 0,
        id: format!("{}-killed", incident.id).into(),
        incident_id: incident.id.clone(),
        source_id: source_id.into(),
        metric: "total_killed".into(),
        value_min: value,
        value_max: value,
        qualifier: Qualifier::Exact,
        attributed_to: crate::model::Shared::default(),
        event_date: incident.dates,
        note: crate::model::Text::default(),
        locator: None,
    }
}
