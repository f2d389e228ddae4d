//! The dataset as the app understands it: sources, incidents and the claims that tie them.
//!
//! Pure data and queries. Never imports egui, never touches files: `io` builds a
//! [`Dataset`], everything else reads it through an `Arc`.

pub mod compare;
pub mod dates;
pub mod timeline;
pub mod vocabulary;

use std::collections::HashMap;

pub use dates::{DateSpan, DateWindow};
pub use vocabulary::{DatePrecision, EventType, GeoPrecision, MetricKind, Qualifier, SourceKind};

/// A point on the Earth in WGS84 degrees.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LonLat {
    pub lon: f64,
    pub lat: f64,
}

/// One published text about the events.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    /// The row's line in its file, so later checks can point at it (0 when built in code).
    pub line: u64,
    pub id: String,
    pub title: String,
    pub outlet: String,
    pub author: String,
    pub published: Option<jiff::civil::Date>,
    pub kind: SourceKind,
    /// The article's file name in the seed folder.
    pub document: String,
    pub url: String,
    pub notes: String,
}

impl Source {
    /// A short name for charts and tables: the title if there is one, else the author,
    /// else the document name.
    pub fn display_name(&self) -> &str {
        [&self.title, &self.author, &self.document]
            .into_iter()
            .find(|s| !s.is_empty())
            .map_or(self.id.as_str(), String::as_str)
    }
}

/// Something that happened (or a statistic about a period), placed and dated as well as the
/// sources allow.
#[derive(Debug, Clone, PartialEq)]
pub struct Incident {
    /// The row's line in its file, so later checks can point at it (0 when built in code).
    pub line: u64,
    pub id: String,
    pub title: String,
    /// `None` when no source dates it (`date_precision = unknown`).
    pub dates: Option<DateSpan>,
    pub date_precision: DatePrecision,
    pub place: String,
    pub district: String,
    pub province: String,
    /// `None` when the incident has no place on the map (`geo_precision = none`).
    pub position: Option<LonLat>,
    pub geo_precision: GeoPrecision,
    pub event_type: EventType,
    pub targets: Vec<String>,
    pub actors: Vec<String>,
    pub summary: String,
}

/// One figure, as one source gives it, for one incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The row's line in its file, so later checks can point at it (0 when built in code).
    pub line: u64,
    pub id: String,
    pub incident_id: String,
    pub source_id: String,
    pub metric: String,
    /// The figure as stated; `value_max` equals it unless the source gives a range.
    pub value_min: f64,
    pub value_max: f64,
    pub qualifier: Qualifier,
    pub attributed_to: String,
    /// The date this source gives for the event, at the precision it gives it.
    pub event_date: Option<DateSpan>,
    pub note: String,
}

/// The metrics that count deaths; markers and shading size by them.
pub const KILLED_METRICS: &[&str] = &[
    "militants_killed",
    "security_personnel_killed",
    "navy_personnel_killed",
    "civilians_killed",
    "civilians_and_security_killed",
    "total_killed",
];

/// The whole dataset, immutable once loaded. Indexes are built once here.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub incidents: Vec<Incident>,
    pub claims: Vec<Claim>,
    incident_index: HashMap<String, usize>,
    source_index: HashMap<String, usize>,
}

impl Dataset {
    pub fn new(sources: Vec<Source>, incidents: Vec<Incident>, claims: Vec<Claim>) -> Self {
        let incident_index = incidents
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i))
            .collect();
        let source_index = sources
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.clone(), i))
            .collect();
        Self {
            sources,
            incidents,
            claims,
            incident_index,
            source_index,
        }
    }

    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incident_index
            .get(id)
            .and_then(|&i| self.incidents.get(i))
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).and_then(|&i| self.sources.get(i))
    }

    pub fn claims_for<'a>(&'a self, incident_id: &'a str) -> impl Iterator<Item = &'a Claim> + 'a {
        self.claims
            .iter()
            .filter(move |c| c.incident_id == incident_id)
    }

    /// The earliest and latest day any incident covers.
    pub fn date_extent(&self) -> Option<DateSpan> {
        let first = self
            .incidents
            .iter()
            .filter_map(|i| i.dates)
            .map(|d| d.first)
            .min()?;
        let last = self
            .incidents
            .iter()
            .filter_map(|i| i.dates)
            .map(|d| d.last)
            .max()?;
        DateSpan::new(first, last)
    }

    /// Each source's death figure for the incident: the largest value it gives under any
    /// killed metric (a source that says "67 militants and 31 civilians" is counted by its
    /// largest single figure, never summed, because sources overlap their categories).
    fn killed_by_source<'a>(&'a self, incident_id: &'a str) -> HashMap<&'a str, (f64, f64)> {
        let mut per_source: HashMap<&str, (f64, f64)> = HashMap::new();
        for claim in self.claims_for(incident_id) {
            if KILLED_METRICS.contains(&claim.metric.as_str()) {
                let entry = per_source
                    .entry(claim.source_id.as_str())
                    .or_insert((claim.value_min, claim.value_max));
                *entry = (entry.0.max(claim.value_min), entry.1.max(claim.value_max));
            }
        }
        per_source
    }

    /// The highest figure any source gives for deaths in this incident. Sizes the markers.
    pub fn highest_killed(&self, incident_id: &str) -> Option<f64> {
        self.killed_by_source(incident_id)
            .into_values()
            .map(|(_, max)| max)
            .reduce(f64::max)
    }

    /// The lowest death figure among the sources that give one (the low end of its range).
    pub fn lowest_killed(&self, incident_id: &str) -> Option<f64> {
        self.killed_by_source(incident_id)
            .into_values()
            .map(|(min, _)| min)
            .reduce(f64::min)
    }

    /// Whether the sources disagree about this incident: any finding of the comparison
    /// engine other than "one source only" (figures, dates, counts, or a source against
    /// itself; `model/compare.rs`). The map marks such incidents.
    pub fn is_contested(&self, incident_id: &str) -> bool {
        compare::compare(
            self,
            &compare::Scope::Incident(incident_id.to_owned()),
            None,
        )
        .findings
        .iter()
        .any(|f| f.kind != compare::FindingKind::SingleSource)
    }

    /// The sources that make at least one claim about the incident, in `sources.csv` order.
    pub fn sources_for(&self, incident_id: &str) -> Vec<&Source> {
        self.sources
            .iter()
            .filter(|s| self.claims_for(incident_id).any(|c| c.source_id == s.id))
            .collect()
    }
}
