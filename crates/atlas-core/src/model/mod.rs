//! The dataset as the app understands it: sources, incidents and the claims that tie them.
//!
//! Pure data and queries. Never imports egui, never touches files: `io` builds a
//! [`Dataset`], everything else reads it through an `Arc`.

pub mod column_mapping;
pub mod compare;
pub mod dates;
pub mod id_index;
pub mod incident_figures;
pub mod links;
pub mod locator;
mod shared;
pub mod timeline;
pub mod vocabulary;

pub use dates::{DateSpan, DateWindow};
pub use locator::Locator;
pub use vocabulary::{DatePrecision, EventType, GeoPrecision, MetricKind, Qualifier, SourceKind};

pub use shared::{Shared, Text};

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
    /// The SHA-256 of the document (lower-case hex) when its claims were located; empty
    /// when not recorded. A document that no longer matches has moved its passages.
    pub document_sha256: String,
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
    pub id: Text,
    pub title: Text,
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
    /// Who or what was attacked, and who acted: few distinct names across many rows, so
    /// each is shared (a boxed slice: 16 bytes where a `Vec` is 24).
    pub targets: Box<[Shared]>,
    pub actors: Box<[Shared]>,
    pub summary: Text,
}

/// One figure, as one source gives it, for one incident.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The row's line in its file, so later checks can point at it (0 when built in code).
    pub line: u64,
    pub id: Text,
    pub incident_id: Text,
    pub source_id: Shared,
    pub metric: Shared,
    /// The figure as stated; `value_max` equals it unless the source gives a range.
    pub value_min: f64,
    pub value_max: f64,
    pub qualifier: Qualifier,
    pub attributed_to: Shared,
    /// The date this source gives for the event, at the precision it gives it.
    pub event_date: Option<DateSpan>,
    pub note: Text,
    /// Where in the source's document the figure is stated (`L5:44-78`), when located.
    pub locator: Option<Locator>,
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
    incident_index: id_index::IdIndex,
    source_index: id_index::IdIndex,
    /// Each incident's claims, compressed-row: the claims of incident `i` are
    /// `claim_order[claim_start[i]..claim_start[i + 1]]` (indices into `claims`, file order).
    /// Claims naming an unknown incident are in no row.
    claim_start: Vec<u32>,
    claim_order: Vec<u32>,
}

impl Dataset {
    /// The dataset of these rows, indexed. A row whose id an earlier row of its table has is
    /// left out (`checked` says which).
    pub fn new(sources: Vec<Source>, incidents: Vec<Incident>, claims: Vec<Claim>) -> Self {
        Self::checked(sources, incidents, claims).0
    }

    /// `new`, and what indexing found: rows left out for a duplicate id, claims naming an
    /// unknown incident or source, incidents no claim backs. One hash insert per row and one
    /// lookup per claim reference, no id copied.
    pub fn checked(
        sources: Vec<Source>,
        incidents: Vec<Incident>,
        claims: Vec<Claim>,
    ) -> (Self, IdReport) {
        Self::checked_with(sources, incidents, claims, None)
    }

    /// `checked`, given which claims come first with their id when that is known already
    /// (`first_of_each_id`: a loader works it out on the thread that read the claims while
    /// the incidents are still being read).
    pub fn checked_with(
        sources: Vec<Source>,
        incidents: Vec<Incident>,
        claims: Vec<Claim>,
        first_claims: Option<Vec<bool>>,
    ) -> (Self, IdReport) {
        let first_claims = first_claims.filter(|keep| keep.len() == claims.len());
        let mut report = IdReport::default();
        let (sources, source_index) = unique(
            sources,
            |s| s.id.as_str(),
            |s| s.line,
            &mut report.duplicate_sources,
        );
        // The incidents' index and the claims' duplicate check are independent: one core each.
        let ((incidents, incident_index), keep) = std::thread::scope(|scope| {
            let claim_ids =
                scope.spawn(|| first_claims.unwrap_or_else(|| first_of_each_id(&claims)));
            let incidents = unique(
                incidents,
                |i| i.id.as_str(),
                |i| i.line,
                &mut report.duplicate_incidents,
            );
            // A panic there is a bug; the check is made again here rather than skipped.
            let keep = claim_ids
                .join()
                .unwrap_or_else(|_| first_of_each_id(&claims));
            (incidents, keep)
        });
        let claims = {
            let mut claims = claims;
            if keep.contains(&false) {
                for (claim, _) in claims.iter().zip(&keep).filter(|(_, k)| !**k) {
                    report
                        .duplicate_claims
                        .push((claim.id.to_string(), claim.line));
                }
                let mut keep = keep.into_iter();
                claims.retain(|_| keep.next().unwrap_or(true));
            }
            claims
        };
        let (claim_start, claim_order, unknown) =
            index_claims(&incidents, &claims, &incident_index);
        report.unknown_incident = unknown;
        // Claims name few sources, each id shared: looked up once per run of one source.
        let mut last: Option<(&Shared, bool)> = None;
        report.unknown_source = claims
            .iter()
            .enumerate()
            .filter(|(_, c)| match last {
                Some((source, unknown)) if source.is_same(&c.source_id) => unknown,
                _ => {
                    let unknown = source_index
                        .get(&sources, &c.source_id, |s| &s.id)
                        .is_none();
                    last = Some((&c.source_id, unknown));
                    unknown
                }
            })
            .map(|(i, _)| i)
            .collect();
        report.unclaimed = claim_start
            .windows(2)
            .enumerate()
            .filter(|(_, w)| w.first() == w.get(1))
            .map(|(i, _)| i)
            .collect();
        let dataset = Self {
            sources,
            incidents,
            claims,
            incident_index,
            source_index,
            claim_start,
            claim_order,
        };
        (dataset, report)
    }

    /// The index of an incident in `incidents`.
    pub fn incident_position(&self, id: &str) -> Option<usize> {
        self.incident_index.get(&self.incidents, id, |i| &i.id)
    }

    pub fn incident(&self, id: &str) -> Option<&Incident> {
        self.incident_position(id)
            .and_then(|i| self.incidents.get(i))
    }

    pub fn source(&self, id: &str) -> Option<&Source> {
        self.source_index
            .get(&self.sources, id, |s| &s.id)
            .and_then(|i| self.sources.get(i))
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

    /// The highest figure any source gives for deaths in this incident. Sizes the markers.
    pub fn highest_killed(&self, incident_id: &str) -> Option<f64> {
        self.incident_position(incident_id)
            .and_then(|i| self.figures_of(i).highest_killed)
    }

    /// The lowest death figure among the sources that give one (each source counted by its
    /// largest single figure: "67 militants and 31 civilians" is 67, never summed, because
    /// sources overlap their categories).
    pub fn lowest_killed(&self, incident_id: &str) -> Option<f64> {
        self.incident_position(incident_id)
            .and_then(|i| self.figures_of(i).lowest_killed)
    }

    /// Whether the sources disagree about this incident: any finding of the comparison
    /// engine other than "one source only" (figures, dates, counts, or a source against
    /// itself; `model/compare.rs`), read from the claims without building the comparison
    /// (`incident_figures.rs`). The map marks such incidents.
    pub fn is_contested(&self, incident_id: &str) -> bool {
        self.incident_position(incident_id)
            .is_some_and(|i| self.contested_at(i))
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
/// The rows with each id once (the first kept; the others' ids and lines go to `taken`),
/// and their index.
fn unique<T>(
    rows: Vec<T>,
    id: impl Fn(&T) -> &str,
    line: impl Fn(&T) -> u64,
    taken: &mut Vec<(String, u64)>,
) -> (Vec<T>, id_index::IdIndex) {
    let (index, duplicates) = id_index::IdIndex::build(&rows, &id);
    if duplicates.is_empty() {
        return (rows, index);
    }
    for &i in &duplicates {
        if let Some(row) = rows.get(i) {
            taken.push((id(row).to_owned(), line(row)));
        }
    }
    let mut drop = duplicates.into_iter().peekable();
    let rows: Vec<T> = rows
        .into_iter()
        .enumerate()
        .filter(|(i, _)| {
            let dropped = drop.peek() == Some(i);
            if dropped {
                drop.next();
            }
            !dropped
        })
        .map(|(_, r)| r)
        .collect();
    let (index, _) = id_index::IdIndex::build(&rows, &id);
    (rows, index)
}

/// For each claim, whether it is the first with its id (later ones are left out).
pub fn first_of_each_id(claims: &[Claim]) -> Vec<bool> {
    let mut seen: rustc_hash::FxHashSet<&str> = rustc_hash::FxHashSet::default();
    seen.reserve(claims.len());
    claims.iter().map(|c| seen.insert(c.id.as_str())).collect()
}

/// What `Dataset::checked` found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IdReport {
    /// Rows left out because an earlier row of their table has their id: (id, line).
    pub duplicate_sources: Vec<(String, u64)>,
    pub duplicate_incidents: Vec<(String, u64)>,
    pub duplicate_claims: Vec<(String, u64)>,
    /// Positions in `claims` of claims naming an incident or a source the data lacks.
    pub unknown_incident: Vec<usize>,
    pub unknown_source: Vec<usize>,
    /// Positions in `incidents` of incidents no claim backs.
    pub unclaimed: Vec<usize>,
}

/// Each incident's claims in compressed rows, and the claims naming no known incident.
fn index_claims(
    incidents: &[Incident],
    claims: &[Claim],
    incident_index: &id_index::IdIndex,
) -> (Vec<u32>, Vec<u32>, Vec<usize>) {
    // A million lookups, read-only: on every core.
    let owner: Vec<Option<usize>> = crate::parallel::map_chunks(claims, |_, part| {
        part.iter()
            .map(|c| incident_index.get(incidents, &c.incident_id, |i| &i.id))
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flat_map(|(len, part)| part.unwrap_or_else(|| vec![None; len]))
    .collect();
    let unknown = owner
        .iter()
        .enumerate()
        .filter(|(_, o)| o.is_none())
        .map(|(c, _)| c)
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
    (start, order, unknown)
}
