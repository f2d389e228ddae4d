//! The source comparison: every claim about a set of incidents laid side by side by metric,
//! and the discrepancies between them found by rule.
//!
//! Pure: takes a [`Dataset`] (already narrowed to the sources in view, see
//! [`Dataset::restricted_to`]) and a [`Scope`], returns a [`Comparison`] the side panel, the
//! `compare` command and the tests all read. The rules are written in `data/README.md`
//! ("How claims are compared").

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::vocabulary::{MetricKind, metric};
use super::{Claim, Dataset, DateSpan, Incident, Qualifier, Source};

/// Which incidents a comparison covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One incident, whatever its date.
    Incident(String),
    /// The incidents that name this district (case-insensitive) within the range.
    District(String),
    /// Every incident within the range: the campaign overview.
    Campaign,
}

impl Scope {
    /// What a selection compares: the selected incident, else the selected district, else
    /// the whole campaign.
    pub fn of_selection(incident: Option<&str>, district: Option<&str>) -> Scope {
        match (incident, district) {
            (Some(id), _) => Scope::Incident(id.to_owned()),
            (None, Some(name)) => Scope::District(name.to_owned()),
            (None, None) => Scope::Campaign,
        }
    }
}

/// Which sources' claims are in view: some may be switched off, or one chosen as the lens
/// (then only its claims count, whatever else is switched off).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceFilter {
    pub off: BTreeSet<String>,
    pub lens: Option<String>,
}

impl SourceFilter {
    /// This filter without the sources `dataset` lacks: a saved or slide filter naming them
    /// would hide everything.
    #[must_use]
    pub fn known_in(&self, dataset: &Dataset) -> SourceFilter {
        let known = |id: &String| dataset.source(id).is_some();
        let mut filter = self.clone();
        filter.off.retain(known);
        if filter.lens.as_ref().is_some_and(|id| !known(id)) {
            filter.lens = None;
        }
        filter
    }

    pub fn admits(&self, source_id: &str) -> bool {
        match &self.lens {
            Some(lens) => lens == source_id,
            None => !self.off.contains(source_id),
        }
    }

    /// Whether any claim could be left out.
    pub fn is_active(&self) -> bool {
        self.lens.is_some() || !self.off.is_empty()
    }
}

impl Dataset {
    /// The dataset as the admitted sources tell it: their claims only, and only the
    /// incidents at least one of them reports. Every source stays listed (its card is still
    /// shown). With nothing filtered, a plain copy.
    #[must_use]
    pub fn restricted_to(&self, filter: &SourceFilter) -> Dataset {
        if !filter.is_active() {
            return self.clone();
        }
        let claims: Vec<Claim> = self
            .claims
            .iter()
            .filter(|c| filter.admits(&c.source_id))
            .cloned()
            .collect();
        let reported: BTreeSet<&str> = claims.iter().map(|c| c.incident_id.as_str()).collect();
        let incidents = self
            .incidents
            .iter()
            .filter(|i| reported.contains(i.id.as_str()))
            .cloned()
            .collect();
        Dataset::new(self.sources.clone(), incidents, claims)
    }
}

/// The values a claim allows, both ends inclusive; `high` is infinite for a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    pub low: f64,
    pub high: f64,
}

impl Interval {
    pub fn meets(self, other: Interval) -> bool {
        self.low <= other.high && other.low <= self.high
    }
}

/// The give-or-take of "approximately N": 5 % of N, and at least 1.
fn tolerance(value: f64) -> f64 {
    (value.abs() * 0.05).max(1.0)
}

/// What a claim allows, by its qualifier (`data/README.md`, "How qualifiers are read").
/// `whole` counts (people, places) make "over 12" mean 13 or more.
pub fn interval_of(claim: &Claim, whole: bool) -> Interval {
    let (lo, hi) = (claim.value_min, claim.value_max.max(claim.value_min));
    let step = if whole {
        1.0
    } else {
        f64::EPSILON * lo.abs().max(1.0)
    };
    let (low, high) = match claim.qualifier {
        Qualifier::Exact => (lo, hi),
        Qualifier::AtLeast | Qualifier::Dozens => (lo, f64::INFINITY),
        Qualifier::Over => (lo + step, f64::INFINITY),
        Qualifier::Approximately => (lo - tolerance(lo), hi + tolerance(hi)),
        Qualifier::Nearly | Qualifier::Almost => (lo - tolerance(lo), hi),
        Qualifier::UpTo => (0.0, hi),
    };
    Interval { low, high }
}

/// The figure's number or range without its hedge: "216", "18–21", "2.5".
pub fn describe_range(min: f64, max: f64) -> String {
    let number = |v: f64| {
        if v.fract() == 0.0 {
            format!("{v:.0}")
        } else {
            format!("{v}")
        }
    };
    if max > min {
        format!("{}–{}", number(min), number(max))
    } else {
        number(min)
    }
}

/// The figure as a reader would say it: "at least 216", "over 12", "about 180", "dozens".
pub fn describe_value(claim: &Claim) -> String {
    let value = describe_range(claim.value_min, claim.value_max);
    match claim.qualifier {
        Qualifier::Exact => value,
        Qualifier::Dozens => "dozens".to_owned(),
        Qualifier::Approximately => format!("about {value}"),
        q => format!("{} {value}", q.as_str()),
    }
}

/// A short name for table columns and chart labels: the author's surname, else the title's
/// first words, else the kind and the document's number.
pub fn short_name(source: &Source) -> String {
    if let Some(surname) = source.author.split_whitespace().last() {
        return surname.to_owned();
    }
    let words: Vec<&str> = source.title.split_whitespace().collect();
    if !words.is_empty() {
        // Up to four words, stopping after one that ends a clause ("Escalation in
        // Balochistan:"), so the name is a phrase, not a fragment.
        let mut taken = Vec::new();
        for word in words.iter().take(4) {
            taken.push(word.trim_end_matches([':', ',', ';']));
            if word.ends_with([':', ',', ';']) {
                break;
            }
        }
        let mut name = taken.join(" ");
        if taken.len() < words.len() {
            name.push('…');
        }
        return name;
    }
    let number: String = source
        .document
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    let kind = source.kind.as_str();
    let mut kind = kind.to_owned();
    if let Some(first) = kind.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    if number.is_empty() {
        kind
    } else {
        format!("{kind} {number}")
    }
}

/// One claim as the comparison shows it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimCell {
    pub claim_id: String,
    pub source_id: String,
    /// The claim's own metric (differs from the row's when it counts as it, e.g. bodies).
    pub metric: String,
    pub value_min: f64,
    pub value_max: f64,
    pub qualifier: Qualifier,
    /// "at least 216", "about 180 bodies recovered".
    pub text: String,
    pub attributed_to: String,
    /// The date this source gives, ISO (`2026-01-31/2026-02-01`), empty when none.
    pub event_date: String,
    pub note: String,
    pub interval: Interval,
    /// Whether this claim cannot be squared with another in its row (another source's, or
    /// the same source's).
    pub disagrees: bool,
}

/// One metric of one incident: every claim, and what they add up to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MetricRow {
    pub incident_id: String,
    pub metric: String,
    pub label: String,
    pub claims: Vec<ClaimCell>,
    /// Lowest and highest stated figure. "Dozens" enters only when no claim gives a number.
    pub lowest: f64,
    pub highest: f64,
    /// Highest ÷ lowest (1 when they agree; `None` when the lowest is 0).
    pub spread: Option<f64>,
    pub sources: usize,
    /// Whether one value fits every claim in the row.
    pub consistent: bool,
}

impl MetricRow {
    /// The cells of one source, in dataset order.
    pub fn cells_of<'a>(&'a self, source_id: &'a str) -> impl Iterator<Item = &'a ClaimCell> {
        self.claims.iter().filter(move |c| c.source_id == source_id)
    }

    /// "67–216 across 5 sources", or "145 (2 sources agree)".
    pub fn summary(&self) -> String {
        let n = |v: f64| format!("{v:.0}");
        if self.highest > self.lowest {
            format!(
                "{}–{} across {} source{}",
                n(self.lowest),
                n(self.highest),
                self.sources,
                plural(self.sources)
            )
        } else {
            format!(
                "{} ({} source{})",
                n(self.lowest),
                self.sources,
                plural(self.sources)
            )
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// The kinds of discrepancy the engine finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FindingKind {
    /// Casualty figures from different sources that no one value satisfies.
    FiguresDisagree,
    /// The same incident dated on days that do not overlap by different sources.
    DatesDisagree,
    /// Counts of the same thing (places attacked, bombers) that differ between sources.
    CountsDisagree,
    /// One source giving two figures for the same thing that cannot both hold.
    SelfContradiction,
    /// A figure only one source gives, for an incident others also report.
    SingleSource,
}

impl FindingKind {
    pub const ALL: [FindingKind; 5] = [
        FindingKind::FiguresDisagree,
        FindingKind::DatesDisagree,
        FindingKind::CountsDisagree,
        FindingKind::SelfContradiction,
        FindingKind::SingleSource,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FindingKind::FiguresDisagree => "Figures disagree",
            FindingKind::DatesDisagree => "Dates disagree",
            FindingKind::CountsDisagree => "Counts disagree",
            FindingKind::SelfContradiction => "Contradicts itself",
            FindingKind::SingleSource => "One source only",
        }
    }
}

/// One discrepancy, with the claims it rests on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub kind: FindingKind,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub metric: Option<String>,
    pub incident_ids: Vec<String>,
    pub claim_ids: Vec<String>,
    pub source_ids: Vec<String>,
    /// The seed documents of those sources.
    pub documents: Vec<String>,
    pub explanation: String,
}

/// Everything the panel and the `compare` command show for one scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Comparison {
    /// The incidents covered, in dataset order.
    pub incident_ids: Vec<String>,
    /// The sources with at least one claim here, in dataset order.
    pub source_ids: Vec<String>,
    /// Figure rows (not `incident_reported`), by incident then by the vocabulary's order.
    pub rows: Vec<MetricRow>,
    pub findings: Vec<Finding>,
    /// For a large scope (`scale::compare_at_scale_until`): the figures summarised, and `rows`
    /// only the widest disagreements (`None`: `rows` holds every row).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<scale::ScaleSummary>,
}

impl Comparison {
    pub fn rows_of<'a>(&'a self, incident_id: &'a str) -> impl Iterator<Item = &'a MetricRow> {
        self.rows
            .iter()
            .filter(move |r| r.incident_id == incident_id)
    }

    /// The rows a slide charts or tabulates: each named figure's rows in the order named
    /// (an incident's before the next), else the rows the sources dispute, the widest
    /// spread first, then the rest that more than one source gives; at most `limit`.
    pub fn rows_for_slide(&self, figures: &[String], limit: usize) -> Vec<&MetricRow> {
        if !figures.is_empty() {
            return figures
                .iter()
                .flat_map(|f| self.rows.iter().filter(move |r| r.metric == *f))
                .take(limit)
                .collect();
        }
        let mut rows: Vec<&MetricRow> = self
            .rows
            .iter()
            .filter(|r| !r.consistent || r.sources > 1)
            .collect();
        // Stable: ties keep the comparison's order (by incident, then the vocabulary's).
        rows.sort_by(|a, b| {
            a.consistent.cmp(&b.consistent).then(
                b.spread
                    .unwrap_or(f64::INFINITY)
                    .total_cmp(&a.spread.unwrap_or(f64::INFINITY)),
            )
        });
        rows.truncate(limit);
        rows
    }
}

/// The incidents a scope covers. `range` narrows districts and the campaign (overlap, both
/// ends inclusive, undated incidents out: the map's rule); a chosen incident is always in.
pub fn incidents_in<'a>(
    dataset: &'a Dataset,
    scope: &Scope,
    range: Option<DateSpan>,
) -> Vec<&'a Incident> {
    let in_range = |i: &Incident| range.is_none_or(|r| i.dates.is_some_and(|d| d.overlaps(&r)));
    if let Scope::Incident(id) = scope {
        // Looked up, not searched: the map asks this once per marker.
        return dataset.incident(id).into_iter().collect();
    }
    dataset
        .incidents
        .iter()
        .filter(|i| match scope {
            Scope::Incident(id) => &i.id == id,
            Scope::District(name) => i.district.eq_ignore_ascii_case(name) && in_range(i),
            Scope::Campaign => in_range(i),
        })
        .collect()
}

/// Builds the comparison for a scope over the dataset given (already filtered by source).
pub fn compare(dataset: &Dataset, scope: &Scope, range: Option<DateSpan>) -> Comparison {
    let incidents = incidents_in(dataset, scope, range);
    let mut rows = Vec::new();
    let mut findings = Vec::new();
    let mut sources: BTreeSet<&str> = BTreeSet::new();
    for incident in &incidents {
        let claims: Vec<&Claim> = dataset.claims_for(&incident.id).collect();
        sources.extend(claims.iter().map(|c| c.source_id.as_ref()));
        let incident_rows = rows_for(&claims, &incident.id);
        findings.extend(figure_findings(dataset, incident, &incident_rows, &claims));
        findings.extend(date_finding(dataset, incident, &claims));
        rows.extend(incident_rows);
    }
    findings.sort_by_key(|f| f.kind);
    let source_ids = dataset
        .sources
        .iter()
        .filter(|s| sources.contains(s.id.as_str()))
        .map(|s| s.id.clone())
        .collect();
    Comparison {
        incident_ids: incidents.iter().map(|i| i.id.to_string()).collect(),
        source_ids,
        rows,
        findings,
        summary: None,
    }
}

/// The metric a claim is compared under: its own, or the one it counts as.
fn row_metric(claim: &Claim) -> &str {
    metric(&claim.metric)
        .and_then(|m| m.counts_as)
        .unwrap_or(&claim.metric)
}

fn is_whole(metric_id: &str) -> bool {
    metric(metric_id).is_none_or(super::vocabulary::MetricInfo::is_whole)
}

fn vocabulary_rank(metric_id: &str) -> usize {
    super::vocabulary::METRICS
        .iter()
        .position(|m| m.id == metric_id)
        .unwrap_or(usize::MAX)
}

fn cell_of(claim: &Claim, row_metric_id: &str) -> ClaimCell {
    let own = &*claim.metric != row_metric_id;
    let mut text = describe_value(claim);
    if own {
        let label = metric(&claim.metric).map_or(claim.metric.as_ref(), |m| m.label);
        text = format!("{text} {label}");
    }
    let mut interval = interval_of(claim, is_whole(&claim.metric));
    if own {
        // A metric that counts as another bounds it from below: bodies found are dead.
        interval.high = f64::INFINITY;
    }
    ClaimCell {
        claim_id: claim.id.to_string(),
        source_id: claim.source_id.to_string(),
        metric: claim.metric.to_string(),
        value_min: claim.value_min,
        value_max: claim.value_max.max(claim.value_min),
        qualifier: claim.qualifier,
        text,
        attributed_to: claim.attributed_to.to_string(),
        event_date: claim.event_date.map(|d| d.to_iso()).unwrap_or_default(),
        note: claim.note.to_string(),
        interval,
        disagrees: false,
    }
}

fn rows_for(claims: &[&Claim], incident_id: &str) -> Vec<MetricRow> {
    let mut by_metric: BTreeMap<(usize, &str), Vec<ClaimCell>> = BTreeMap::new();
    for claim in claims {
        if metric(&claim.metric).is_some_and(|m| m.kind == MetricKind::Report) {
            continue;
        }
        let row = row_metric(claim);
        by_metric
            .entry((vocabulary_rank(row), row))
            .or_default()
            .push(cell_of(claim, row));
    }
    by_metric
        .into_iter()
        .map(|((_, metric_id), mut cells)| {
            let intervals: Vec<_> = cells.iter().map(|c| c.interval).collect();
            for (i, cell) in cells.iter_mut().enumerate() {
                cell.disagrees = intervals
                    .iter()
                    .enumerate()
                    .any(|(j, other)| j != i && !cell.interval.meets(*other));
            }
            let consistent = common_value(&cells);
            let numbered: Vec<&ClaimCell> = cells
                .iter()
                .filter(|c| c.qualifier != Qualifier::Dozens)
                .collect();
            let stated = if numbered.is_empty() {
                cells.iter().collect()
            } else {
                numbered
            };
            let lowest = stated
                .iter()
                .map(|c| c.value_min)
                .fold(f64::INFINITY, f64::min);
            let highest = stated
                .iter()
                .map(|c| c.value_max)
                .fold(f64::NEG_INFINITY, f64::max);
            let sources: BTreeSet<&str> = cells.iter().map(|c| c.source_id.as_ref()).collect();
            MetricRow {
                incident_id: incident_id.to_owned(),
                metric: metric_id.to_owned(),
                label: metric(metric_id).map_or(metric_id, |m| m.label).to_owned(),
                spread: (lowest > 0.0).then(|| highest / lowest),
                lowest,
                highest,
                sources: sources.len(),
                consistent,
                claims: cells,
            }
        })
        .collect()
}

/// Whether one value satisfies every claim: the intervals share a point.
fn common_value(cells: &[ClaimCell]) -> bool {
    let low = cells
        .iter()
        .map(|c| c.interval.low)
        .fold(f64::NEG_INFINITY, f64::max);
    let high = cells
        .iter()
        .map(|c| c.interval.high)
        .fold(f64::INFINITY, f64::min);
    low <= high
}

struct FindingBuilder<'a> {
    dataset: &'a Dataset,
    incident: &'a Incident,
}

impl FindingBuilder<'_> {
    fn finding(
        &self,
        kind: FindingKind,
        metric: Option<&str>,
        claim_ids: Vec<String>,
        source_ids: Vec<String>,
        explanation: String,
    ) -> Finding {
        let documents = source_ids
            .iter()
            .filter_map(|id| self.dataset.source(id))
            .map(|s| s.document.clone())
            .collect();
        Finding {
            kind,
            metric: metric.map(str::to_owned),
            incident_ids: vec![self.incident.id.to_string()],
            claim_ids,
            source_ids,
            documents,
            explanation,
        }
    }

    fn name(&self, source_id: &str) -> String {
        self.dataset
            .source(source_id)
            .map_or_else(|| source_id.to_owned(), short_name)
    }

    /// Source ids in dataset order, each once.
    fn ordered<'b>(&self, ids: impl IntoIterator<Item = &'b str>) -> Vec<String> {
        let set: BTreeSet<&str> = ids.into_iter().collect();
        self.dataset
            .sources
            .iter()
            .filter(|s| set.contains(s.id.as_str()))
            .map(|s| s.id.clone())
            .collect()
    }
}

fn figure_findings(
    dataset: &Dataset,
    incident: &Incident,
    rows: &[MetricRow],
    claims: &[&Claim],
) -> Vec<Finding> {
    let b = FindingBuilder { dataset, incident };
    let reporting: BTreeSet<&str> = claims.iter().map(|c| c.source_id.as_ref()).collect();
    let mut out = Vec::new();
    for row in rows {
        out.extend(disagreement(&b, row));
        out.extend(self_contradictions(&b, row));
        out.extend(single_source(&b, row, reporting.len()));
    }
    out
}

/// Sources whose figures for a metric no one value can satisfy.
fn disagreement(b: &FindingBuilder<'_>, row: &MetricRow) -> Option<Finding> {
    let cells = &row.claims;
    let across_sources = cells.iter().enumerate().any(|(i, a)| {
        cells
            .iter()
            .skip(i + 1)
            .any(|b| a.source_id != b.source_id && !a.interval.meets(b.interval))
    });
    if !across_sources {
        return None;
    }
    let kind = if metric(&row.metric).is_some_and(|m| m.kind == MetricKind::Casualties) {
        FindingKind::FiguresDisagree
    } else {
        FindingKind::CountsDisagree
    };
    let sources = b.ordered(cells.iter().map(|c| c.source_id.as_ref()));
    let by_source = sources
        .iter()
        .map(|s| {
            let values: Vec<&str> = row.cells_of(s).map(|c| c.text.as_str()).collect();
            format!("{} ({})", values.join(", "), b.name(s))
        })
        .collect::<Vec<_>>()
        .join(" · ");
    let explanation = format!(
        "{}, {}: {} — {by_source}; no one figure fits them all",
        b.incident.title,
        row.label,
        row.summary()
    );
    Some(b.finding(
        kind,
        Some(&row.metric),
        cells.iter().map(|c| c.claim_id.clone()).collect(),
        sources,
        explanation,
    ))
}

/// A source that gives one figure two ways that cannot both hold.
fn self_contradictions(b: &FindingBuilder<'_>, row: &MetricRow) -> Vec<Finding> {
    let mut out = Vec::new();
    for source in b.ordered(row.claims.iter().map(|c| c.source_id.as_ref())) {
        let own: Vec<&ClaimCell> = row.cells_of(&source).collect();
        let clash = own.iter().enumerate().find_map(|(i, a)| {
            own.iter()
                .skip(i + 1)
                .find(|b| !a.interval.meets(b.interval))
                .map(|b| (*a, *b))
        });
        if let Some((a, c)) = clash {
            let explanation = format!(
                "{} gives {} for {} as {} and, elsewhere in the same text, as {}",
                b.name(&source),
                row.label,
                b.incident.title,
                a.text,
                c.text
            );
            out.push(b.finding(
                FindingKind::SelfContradiction,
                Some(&row.metric),
                vec![a.claim_id.clone(), c.claim_id.clone()],
                vec![source.clone()],
                explanation,
            ));
        }
    }
    out
}

/// A figure only one of the sources reporting the incident gives.
fn single_source(b: &FindingBuilder<'_>, row: &MetricRow, reporting: usize) -> Option<Finding> {
    let cells = &row.claims;
    let source = &cells.first()?.source_id;
    if row.sources != 1 || reporting <= 1 {
        return None;
    }
    let others = reporting - 1;
    let values: Vec<&str> = cells.iter().map(|c| c.text.as_str()).collect();
    let explanation = format!(
        "Only {} gives {} for {} ({}); the other {others} source{} reporting it give{} none",
        b.name(source),
        row.label,
        b.incident.title,
        values.join(", "),
        plural(others),
        if others == 1 { "s" } else { "" },
    );
    Some(b.finding(
        FindingKind::SingleSource,
        Some(&row.metric),
        cells.iter().map(|c| c.claim_id.clone()).collect(),
        vec![source.clone()],
        explanation,
    ))
}

/// Groups the sources by the dates they give (each source's dates joined into one span);
/// sources whose spans overlap, directly or through another, tell the same date. More than
/// one group is a finding.
fn date_finding(dataset: &Dataset, incident: &Incident, claims: &[&Claim]) -> Option<Finding> {
    let b = FindingBuilder { dataset, incident };
    let mut spans: BTreeMap<&str, DateSpan> = BTreeMap::new();
    for claim in claims {
        if let Some(date) = claim.event_date {
            spans
                .entry(claim.source_id.as_ref())
                .and_modify(|s| {
                    s.first = s.first.min(date.first);
                    s.last = s.last.max(date.last);
                })
                .or_insert(date);
        }
    }
    let mut ordered: Vec<(&str, DateSpan)> = spans.into_iter().collect();
    ordered.sort_by_key(|(_, span)| span.first);
    let mut groups: Vec<(DateSpan, Vec<&str>)> = Vec::new();
    for (source, span) in ordered {
        match groups.last_mut() {
            Some((hull, members)) if hull.overlaps(&span) => {
                hull.last = hull.last.max(span.last);
                members.push(source);
            }
            _ => groups.push((span, vec![source])),
        }
    }
    if groups.len() < 2 {
        return None;
    }
    let told = groups
        .iter()
        .map(|(hull, members)| {
            let names: Vec<String> = b
                .ordered(members.iter().copied())
                .iter()
                .map(|s| b.name(s))
                .collect();
            format!("{} by {}", describe_span(*hull), names.join(", "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let sources = b.ordered(groups.iter().flat_map(|(_, m)| m.iter().copied()));
    let claim_ids = claims
        .iter()
        .filter(|c| c.event_date.is_some())
        .map(|c| c.id.to_string())
        .collect();
    Some(b.finding(
        FindingKind::DatesDisagree,
        None,
        claim_ids,
        sources,
        format!("{} is dated {told}", incident.title),
    ))
}

/// "13 Jan 2026", "30 Jan – 1 Feb 2026".
pub fn describe_span(span: DateSpan) -> String {
    let day = |d: jiff::civil::Date| d.strftime("%-d %b").to_string();
    if span.first.day() == 1 && span.last == span.first.last_of_month() {
        span.first.strftime("%B %Y").to_string()
    } else if span.is_single_day() {
        format!("{} {}", day(span.first), span.first.year())
    } else if span.first.year() == span.last.year() {
        format!(
            "{} – {} {}",
            day(span.first),
            day(span.last),
            span.last.year()
        )
    } else {
        format!(
            "{} {} – {} {}",
            day(span.first),
            span.first.year(),
            day(span.last),
            span.last.year()
        )
    }
}

pub mod scale;

#[cfg(test)]
pub(crate) mod tests;
