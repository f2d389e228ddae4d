//! `incident-atlas compare`: the source comparison and its findings, as text for people or
//! as JSON for scripts (the JSON is documented in the README, "The compare command").

use std::io::Write;

use serde::Serialize;

use atlas_core::io::{DataLocation, load};
use atlas_core::model::compare::{
    Comparison, Finding, MetricRow, Scope, SourceFilter, compare, describe_span, short_name,
};
use atlas_core::model::{Dataset, DateSpan};

/// What to compare: the scope, the dates, which sources.
#[derive(Debug, Clone, Default)]
pub struct CompareRequest {
    pub from: Option<jiff::civil::Date>,
    pub to: Option<jiff::civil::Date>,
    pub incident: Option<String>,
    pub district: Option<String>,
    pub filter: SourceFilter,
    pub json: bool,
}

impl CompareRequest {
    fn scope(&self) -> Scope {
        match (&self.incident, &self.district) {
            (Some(id), _) => Scope::Incident(id.clone()),
            (None, Some(name)) => Scope::District(name.clone()),
            (None, None) => Scope::Campaign,
        }
    }

    /// The date range, open ends filled by the data's own extent.
    fn range(&self, dataset: &Dataset) -> Option<DateSpan> {
        if self.from.is_none() && self.to.is_none() {
            return None;
        }
        let extent = dataset.date_extent()?;
        DateSpan::new(
            self.from.unwrap_or(extent.first),
            self.to.unwrap_or(extent.last),
        )
    }
}

#[derive(Serialize)]
struct JsonScope<'a> {
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    incident: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    district: Option<&'a str>,
    from: Option<String>,
    to: Option<String>,
    sources_off: Vec<&'a str>,
    lens: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonSource<'a> {
    id: &'a str,
    name: String,
    title: &'a str,
    author: &'a str,
    outlet: &'a str,
    published: Option<String>,
    kind: &'static str,
    document: &'a str,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    scope: JsonScope<'a>,
    incident_ids: &'a [String],
    sources: Vec<JsonSource<'a>>,
    rows: &'a [MetricRow],
    findings: &'a [Finding],
}

/// Runs the comparison, writing to `out` (problems loading go to `err`); returns the exit
/// code: 0, or 2 when the request names an incident, district or source the data lacks.
pub fn run(
    location: &DataLocation,
    request: &CompareRequest,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<i32> {
    let loaded = load(location);
    for problem in loaded.problems.iter() {
        writeln!(err, "{problem}")?;
    }
    let full = &loaded.dataset;
    if let Some(message) = unknown_names(full, request) {
        writeln!(err, "error: {message}")?;
        return Ok(2);
    }
    let dataset = full.restricted_to(&request.filter);
    let range = request.range(full);
    let scope = request.scope();
    let comparison = compare(&dataset, &scope, range);
    if request.json {
        let report = JsonReport {
            scope: JsonScope {
                kind: match scope {
                    Scope::Incident(_) => "incident",
                    Scope::District(_) => "district",
                    Scope::Campaign => "campaign",
                },
                incident: request.incident.as_deref(),
                district: request.district.as_deref(),
                from: range.map(|r| r.first.to_string()),
                to: range.map(|r| r.last.to_string()),
                sources_off: request.filter.off.iter().map(String::as_str).collect(),
                lens: request.filter.lens.as_deref(),
            },
            incident_ids: &comparison.incident_ids,
            sources: comparison
                .source_ids
                .iter()
                .filter_map(|id| full.source(id))
                .map(|s| JsonSource {
                    id: &s.id,
                    name: short_name(s),
                    title: &s.title,
                    author: &s.author,
                    outlet: &s.outlet,
                    published: s.published.map(|d| d.to_string()),
                    kind: s.kind.as_str(),
                    document: &s.document,
                })
                .collect(),
            rows: &comparison.rows,
            findings: &comparison.findings,
        };
        serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
        writeln!(out)?;
    } else {
        write_text(&dataset, &scope, range, &comparison, out)?;
    }
    Ok(0)
}

fn unknown_names(dataset: &Dataset, request: &CompareRequest) -> Option<String> {
    if let Some(id) = &request.incident
        && dataset.incident(id).is_none()
    {
        return Some(format!("no incident with id \"{id}\" (see incidents.csv)"));
    }
    if let Some(name) = &request.district
        && !dataset
            .incidents
            .iter()
            .any(|i| i.district.eq_ignore_ascii_case(name))
    {
        return Some(format!("no incident names the district \"{name}\""));
    }
    let named = request.filter.off.iter().chain(&request.filter.lens);
    for id in named {
        if dataset.source(id).is_none() {
            return Some(format!("no source with id \"{id}\" (see sources.csv)"));
        }
    }
    None
}

fn write_text(
    dataset: &Dataset,
    scope: &Scope,
    range: Option<DateSpan>,
    comparison: &Comparison,
    out: &mut impl Write,
) -> std::io::Result<()> {
    let what = match scope {
        Scope::Incident(id) => format!("incident {id}"),
        Scope::District(name) => format!("{name} district"),
        Scope::Campaign => "the whole campaign".to_owned(),
    };
    let dates = range.map_or_else(|| "all dates".to_owned(), describe_span);
    writeln!(
        out,
        "Comparison: {what}, {dates} — {} incident(s), {} source(s), {} finding(s)",
        comparison.incident_ids.len(),
        comparison.source_ids.len(),
        comparison.findings.len()
    )?;
    writeln!(out, "\nSources")?;
    for id in &comparison.source_ids {
        if let Some(s) = dataset.source(id) {
            writeln!(
                out,
                "  {:<28} {} · {} · {}",
                short_name(s),
                s.kind,
                s.document,
                s.id
            )?;
        }
    }
    let mut current = "";
    for row in &comparison.rows {
        if row.incident_id != current {
            current = &row.incident_id;
            let title = dataset.incident(current).map_or("", |i| i.title.as_str());
            writeln!(out, "\n{title} ({current})")?;
        }
        let spread = row
            .spread
            .filter(|s| *s > 1.0)
            .map(|s| format!(", spread {s:.1}×"))
            .unwrap_or_default();
        let flag = if row.consistent { "" } else { "  [disagree]" };
        writeln!(out, "  {} — {}{spread}{flag}", row.label, row.summary())?;
        for cell in &row.claims {
            let name = dataset
                .source(&cell.source_id)
                .map_or(cell.source_id.clone(), short_name);
            let mut context: Vec<&str> = Vec::new();
            if !cell.attributed_to.is_empty() {
                context.push(&cell.attributed_to);
            }
            if !cell.event_date.is_empty() {
                context.push(&cell.event_date);
            }
            let context = if context.is_empty() {
                String::new()
            } else {
                format!(" ({})", context.join(", "))
            };
            let mark = if cell.disagrees { "≠" } else { " " };
            writeln!(
                out,
                "    {mark} {name:<28} {}{context}  [{}]",
                cell.text, cell.claim_id
            )?;
        }
    }
    writeln!(out, "\nFindings")?;
    if comparison.findings.is_empty() {
        writeln!(out, "  none")?;
    }
    for f in &comparison.findings {
        writeln!(out, "  [{}] {}", f.kind.label(), f.explanation)?;
        writeln!(
            out,
            "      claims {} · {}",
            f.claim_ids.join(", "),
            f.documents.join(", ")
        )?;
    }
    Ok(())
}
