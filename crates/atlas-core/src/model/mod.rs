//! The dataset as the app understands it: sources, incidents and the claims that tie them.
//!
//! Pure data and queries. Never imports egui, never touches files: `io` builds a
//! [`Dataset`], everything else reads it through an `Arc`.

pub mod column_mapping;
pub mod compare;
pub mod dates;
pub mod links;
pub mod timeline;
pub mod vocabulary;

use std::collections::HashMap;

use rustc_hash::FxHashMap;

pub use dates::{DateSpan, DateWindow};
pub use vocabulary::{DatePrecision, EventType, GeoPrecision, MetricKind, Qualifier, SourceKind};

/// Text that many rows repeat (a district, a metric, a source id): one allocation per
/// distinct value, shared by every row that names it, instead of one per row.
pub type Shared = std::sync::Arc<str>;

/// Hands out one `Shared` per distinct text (a loader keeps one per table it reads).
#[derive(Debug, Default)]
pub struct Interner(rustc_hash::FxHashSet<Shared>);

impl Interner {
    pub fn get(&mut self, text: &str) -> Shared {
        if let Some(shared) = self.0.get(text) {
            return Shared::clone(shared);
        }
        let shared: Shared = Shared::from(text);
        self.0.insert(Shared::clone(&shared));
        shared
    }
}

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
    pub place: Shared,
    pub district: Shared,
    pub province: Shared,
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
    pub source_id: Shared,
    pub metric: Shared,
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

/// The whole dataset, immutable once loaded. Indexes are built once here, in one pass each,
/// so that nothing asked per incident scans the claims.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub sources: Vec<Source>,
    pub incidents: Vec<Incident>,
    pub claims: Vec<Claim>,
    incident_index: FxHashMap<String, usize>,
    source_index: FxHashMap<String, usize>,
    /// Each incident's claims, compressed-row: the claims of incident `i` are
    /// `claim_order[claim_start[i]..claim_start[i + 1]]` (indices into `claims`, file order).
    /// Claims naming an unknown incident are in no row.
    claim_start: Vec<u32>,
    claim_order: Vec<u32>,
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
        let (claim_start, claim_order) = index_claims(&incidents, &claims, &incident_index);
        Self {
            sources,
            incidents,
            claims,
            incident_index,
            source_index,
            claim_start,
            claim_order,
        }
    }

    /// The index of an incident in `incidents`.
    pub fn incident_position(&self, id: &str) -> Option<usize> {
        self.incident_index.get(id).copied()
    }

    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incident_index
            .get(id)
            .and_then(|&i| self.incidents.get(i))
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index.get(id).and_then(|&i| self.sources.get(i))
    }

    /// The claims about an incident, in file order (indexed: no scan of the claims).
    pub fn claims_for<'a>(&'a self, incident_id: &str) -> impl Iterator<Item = &'a Claim> + 'a {
        let index = self.incident_position(incident_id);
        index.into_iter().flat_map(move |i| self.claims_of(i))
    }

    /// The claims about the incident at `index` in `incidents`, in file order.
    pub fn claims_of(&self, index: usize) -> impl Iterator<Item = &Claim> + '_ {
        let at = |i: usize| self.claim_start.get(i).map_or(0, |&s| s as usize);
        let (start, end) = (at(index), at(index + 1));
        self.claim_order
            .get(start..end)
            .unwrap_or_default()
            .iter()
            .filter_map(|&c| self.claims.get(c as usize))
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
    fn killed_by_source<'a>(&'a self, incident_id: &str) -> HashMap<&'a str, (f64, f64)> {
        let mut per_source: HashMap<&str, (f64, f64)> = HashMap::new();
        for claim in self.claims_for(incident_id) {
            if KILLED_METRICS.contains(&claim.metric.as_ref()) {
                let entry = per_source
                    .entry(claim.source_id.as_ref())
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
        let reporting: std::collections::HashSet<&str> = self
            .claims_for(incident_id)
            .map(|c| c.source_id.as_ref())
            .collect();
        self.sources
            .iter()
            .filter(|s| reporting.contains(s.id.as_str()))
            .collect()
    }
}

/// Groups the claims by incident in two passes over them (count, then place): the
/// compressed rows `Dataset::claims_of` reads.
fn index_claims(
    incidents: &[Incident],
    claims: &[Claim],
    incident_index: &FxHashMap<String, usize>,
) -> (Vec<u32>, Vec<u32>) {
    let owner: Vec<Option<usize>> = claims
        .iter()
        .map(|c| incident_index.get(&c.incident_id).copied())
        .collect();
    let mut counts = vec![0u32; incidents.len() + 1];
    for &i in owner.iter().flatten() {
        if let Some(count) = counts.get_mut(i + 1) {
            *count += 1;
        }
    }
    for i in 1..counts.len() {
        let before = counts.get(i - 1).copied().unwrap_or(0);
        if let Some(count) = counts.get_mut(i) {
            *count += before;
        }
    }
    let start = counts.clone();
    let mut next = counts;
    let mut order = vec![0u32; start.last().map_or(0, |&n| n as usize)];
    for (c, owner) in owner.iter().enumerate() {
        let Some(i) = owner else {
            continue;
        };
        if let Some(slot) = next.get_mut(*i) {
            if let Some(place) = order.get_mut(*slot as usize) {
                *place = c as u32;
            }
            *slot += 1;
        }
    }
    (start, order)
}
