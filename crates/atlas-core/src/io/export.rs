//! Exports of the dataset for GIS tools and spreadsheets: `GeoJSON` (RFC 7946, one Feature per
//! incident with its claims) and CSV (one row per claim, joined with incident and source).

use std::io::Write;

use jiff::civil::Date;
use serde_json::{Map, Value, json};

use crate::model::{Claim, Dataset, DateSpan, Incident};

/// Which incidents an export covers: those whose dates overlap the window (both ends
/// inclusive). Undated incidents are only included when no window is set.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateFilter {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl DateFilter {
    pub fn includes(&self, incident: &Incident) -> bool {
        if self.from.is_none() && self.to.is_none() {
            return true;
        }
        let Some(dates) = incident.dates else {
            return false;
        };
        let window = DateSpan {
            first: self.from.unwrap_or(Date::MIN),
            last: self.to.unwrap_or(Date::MAX),
        };
        dates.overlaps(&window)
    }
}

fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        format!("{}", v as i64)
    } else {
        v.to_string()
    }
}

fn incident_properties(incident: &Incident) -> Map<String, Value> {
    let mut p = Map::new();
    p.insert("id".into(), json!(incident.id));
    p.insert("title".into(), json!(incident.title));
    p.insert(
        "date_start".into(),
        json!(incident.dates.map(|d| d.first.to_string())),
    );
    p.insert(
        "date_end".into(),
        json!(incident.dates.map(|d| d.last.to_string())),
    );
    p.insert(
        "date_precision".into(),
        json!(incident.date_precision.as_str()),
    );
    p.insert("place".into(), json!(incident.place));
    p.insert("district".into(), json!(incident.district));
    p.insert("province".into(), json!(incident.province));
    p.insert("lat".into(), json!(incident.position.map(|p| p.lat)));
    p.insert("lon".into(), json!(incident.position.map(|p| p.lon)));
    p.insert(
        "geo_precision".into(),
        json!(incident.geo_precision.as_str()),
    );
    p.insert("event_type".into(), json!(incident.event_type.as_str()));
    p.insert("targets".into(), json!(incident.targets.join(";")));
    p.insert("actors".into(), json!(incident.actors.join(";")));
    p.insert("summary".into(), json!(incident.summary));
    p
}

fn claim_object(dataset: &Dataset, claim: &Claim) -> Value {
    json!({
        "id": claim.id,
        "incident_id": claim.incident_id,
        "source_id": claim.source_id,
        "metric": claim.metric,
        "value_min": number(claim.value_min),
        "value_max": number(claim.value_max),
        "qualifier": claim.qualifier.as_str(),
        "attributed_to": claim.attributed_to,
        "event_date": claim.event_date.map(|d| d.to_iso()),
        "note": claim.note,
        "document": dataset.source(&claim.source_id).map(|s| s.document.clone()),
    })
}

/// The `GeoJSON` `FeatureCollection` text. Unplaced incidents get a `null` geometry, which RFC 7946
/// allows for features without a location; coordinates are `[lon, lat]`.
pub fn to_geojson(dataset: &Dataset, filter: DateFilter) -> String {
    let features: Vec<Value> = dataset
        .incidents
        .iter()
        .filter(|i| filter.includes(i))
        .map(|incident| {
            let mut properties = incident_properties(incident);
            let claims: Vec<Value> = dataset.claims_for(&incident.id).map(|c| claim_object(dataset, c)).collect();
            properties.insert("claims".into(), Value::Array(claims));
            let geometry = incident.position.map_or(Value::Null, |p| json!({"type": "Point", "coordinates": [p.lon, p.lat]}));
            json!({"type": "Feature", "id": incident.id, "geometry": geometry, "properties": properties})
        })
        .collect();
    let collection = json!({"type": "FeatureCollection", "features": features});
    serde_json::to_string_pretty(&collection).unwrap_or_else(|e| {
        // Serialising plain JSON values cannot fail; keep the output valid JSON if it ever does.
        log::error!("GeoJSON serialisation failed: {e}");
        String::from("{\"type\":\"FeatureCollection\",\"features\":[]}")
    })
}

/// Neutralises a text cell that a spreadsheet would run as a formula (OWASP CSV injection).
pub fn formula_safe(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{cell}")
    } else {
        cell.to_owned()
    }
}

pub const CSV_COLUMNS: &[&str] = &[
    "claim_id",
    "incident_id",
    "source_id",
    "metric",
    "value_min",
    "value_max",
    "qualifier",
    "attributed_to",
    "event_date",
    "note",
    "incident_title",
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
    "source_title",
    "source_author",
    "source_kind",
    "document",
];

/// Writes one row per claim of the included incidents. Text cells are formula-safe; numbers
/// and dates, which we format ourselves, are written as they are.
pub fn write_csv(dataset: &Dataset, filter: DateFilter, out: impl Write) -> Result<(), csv::Error> {
    let mut writer = csv::Writer::from_writer(out);
    writer.write_record(CSV_COLUMNS)?;
    for incident in dataset.incidents.iter().filter(|i| filter.includes(i)) {
        for claim in dataset.claims_for(&incident.id) {
            let source = dataset.source(&claim.source_id);
            let text = |s: &str| formula_safe(s);
            let opt = |v: Option<String>| v.unwrap_or_default();
            writer.write_record([
                text(&claim.id),
                text(&claim.incident_id),
                text(&claim.source_id),
                text(&claim.metric),
                number_text(claim.value_min),
                number_text(claim.value_max),
                claim.qualifier.as_str().to_owned(),
                text(&claim.attributed_to),
                opt(claim.event_date.map(|d| d.to_iso())),
                text(&claim.note),
                text(&incident.title),
                opt(incident.dates.map(|d| d.first.to_string())),
                opt(incident.dates.map(|d| d.last.to_string())),
                incident.date_precision.as_str().to_owned(),
                text(&incident.place),
                text(&incident.district),
                text(&incident.province),
                opt(incident.position.map(|p| p.lat.to_string())),
                opt(incident.position.map(|p| p.lon.to_string())),
                incident.geo_precision.as_str().to_owned(),
                incident.event_type.as_str().to_owned(),
                text(source.map_or("", |s| s.title.as_str())),
                text(source.map_or("", |s| s.author.as_str())),
                source.map_or("", |s| s.kind.as_str()).to_owned(),
                text(source.map_or("", |s| s.document.as_str())),
            ])?;
        }
    }
    writer.flush()?;
    Ok(())
}

/// The comparison shown in the panel as CSV, one row per claim in the table (a long table a
/// spreadsheet can pivot), with the row's range and whether the claim clashes. Formula-safe.
pub fn comparison_csv(dataset: &Dataset, comparison: &crate::model::compare::Comparison) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "incident_id",
        "incident",
        "metric",
        "source_id",
        "source",
        "document",
        "claim_id",
        "value_min",
        "value_max",
        "qualifier",
        "as_stated",
        "attributed_to",
        "event_date",
        "row_lowest",
        "row_highest",
        "row_sources",
        "disagrees",
    ];
    // Writing to memory fails only on a broken record; report it in the text itself.
    let mut write = || -> Result<(), csv::Error> {
        writer.write_record(header)?;
        for row in &comparison.rows {
            let incident = dataset
                .incident(&row.incident_id)
                .map_or("", |i| i.title.as_str());
            for cell in &row.claims {
                let source = dataset.source(&cell.source_id);
                writer.write_record([
                    formula_safe(&row.incident_id),
                    formula_safe(incident),
                    formula_safe(&row.metric),
                    formula_safe(&cell.source_id),
                    formula_safe(source.map_or("", |s| s.display_name())),
                    formula_safe(source.map_or("", |s| s.document.as_str())),
                    formula_safe(&cell.claim_id),
                    number_text(cell.value_min),
                    number_text(cell.value_max),
                    cell.qualifier.as_str().to_owned(),
                    formula_safe(&cell.text),
                    formula_safe(&cell.attributed_to),
                    cell.event_date.clone(),
                    number_text(row.lowest),
                    number_text(row.highest),
                    row.sources.to_string(),
                    cell.disagrees.to_string(),
                ])?;
            }
        }
        writer.flush()?;
        Ok(())
    };
    let result = write();
    let bytes = writer.into_inner().unwrap_or_default();
    let mut text = String::from_utf8_lossy(&bytes).into_owned();
    if let Err(e) = result {
        text.push_str("# incomplete: ");
        text.push_str(&e.to_string());
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_start_a_formula_are_neutralised() {
        assert_eq!(formula_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(formula_safe("+1"), "'+1");
        assert_eq!(formula_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(formula_safe("Quetta"), "Quetta");
    }
}
