//! What a marker needs from one incident's claims — the highest and lowest death figures and
//! whether the sources disagree — read straight from its few claims, without building the
//! comparison's rows, cells and texts.
//!
//! The map asks this of every incident at load (a million of them), so it must cost a pass
//! over each incident's claims and allocate nothing for an incident with one claim. The
//! rules are the comparison engine's (`compare.rs`, `data/README.md` "How claims are
//! compared"); a test holds the two to the same answer on the bundled data and on random
//! claims.

use super::compare::interval_of;
use super::vocabulary::{MetricKind, metric};
use super::{Claim, Dataset, DateSpan, KILLED_METRICS};

/// One incident's figures as its marker shows them.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct IncidentFigures {
    /// The highest figure any source gives for deaths (sizes the marker).
    pub highest_killed: Option<f64>,
    /// The lowest death figure among the sources that give one: each source counted by its
    /// largest single figure (never summed: sources overlap their categories).
    pub lowest_killed: Option<f64>,
    /// Whether the comparison engine would find anything here but "one source only".
    pub contested: bool,
}

impl Dataset {
    /// The figures of the incident at `index` in `incidents`.
    pub fn figures_of(&self, index: usize) -> IncidentFigures {
        let killed = |c: &&Claim| KILLED_METRICS.contains(&c.metric.as_ref());
        let highest_killed = self
            .claims_of(index)
            .filter(killed)
            .map(|c| c.value_max)
            .reduce(f64::max);
        // Each source's death figure is its largest; the lowest is the smallest of those.
        let lowest_killed = self
            .claims_of(index)
            .filter(killed)
            .map(|first| {
                self.claims_of(index)
                    .filter(killed)
                    .filter(|c| c.source_id == first.source_id)
                    .map(|c| c.value_min)
                    .fold(f64::NEG_INFINITY, f64::max)
            })
            .reduce(f64::min);
        IncidentFigures {
            highest_killed,
            lowest_killed,
            contested: self.contested_at(index),
        }
    }

    /// Whether the sources disagree about the incident at `index`: two figures in one row of
    /// the comparison that no one value satisfies (whether from two sources or from one
    /// contradicting itself), or dates that fall into more than one group.
    pub fn contested_at(&self, index: usize) -> bool {
        let mut claims = self.claims_of(index);
        if claims.nth(1).is_none() {
            return false; // One claim cannot disagree with anything.
        }
        let figures: Vec<(&str, super::compare::Interval)> =
            self.claims_of(index).filter_map(row_interval).collect();
        let figures_clash = figures.iter().enumerate().any(|(i, (row, a))| {
            figures
                .iter()
                .skip(i + 1)
                .any(|(other_row, b)| row == other_row && !a.meets(*b))
        });
        figures_clash || self.dates_disagree(index)
    }

    /// Whether the sources' dates for the incident (each source's joined into one span) fall
    /// into more than one group of overlapping spans.
    fn dates_disagree(&self, index: usize) -> bool {
        let mut hulls: Vec<(&str, DateSpan)> = Vec::new();
        for claim in self.claims_of(index) {
            let Some(date) = claim.event_date else {
                continue;
            };
            match hulls
                .iter_mut()
                .find(|(s, _)| *s == claim.source_id.as_ref())
            {
                Some((_, hull)) => {
                    hull.first = hull.first.min(date.first);
                    hull.last = hull.last.max(date.last);
                }
                None => hulls.push((claim.source_id.as_ref(), date)),
            }
        }
        hulls.sort_by_key(|(_, span)| span.first);
        let mut spans = hulls.into_iter().map(|(_, span)| span);
        let Some(mut reach) = spans.next() else {
            return false;
        };
        for span in spans {
            if !reach.overlaps(&span) {
                return true;
            }
            reach.last = reach.last.max(span.last);
        }
        false
    }
}

/// The comparison row a claim falls in (its metric, or the one it counts as) and the values
/// it allows there; `None` for a claim that is no figure (`incident_reported`).
fn row_interval(claim: &Claim) -> Option<(&str, super::compare::Interval)> {
    let info = metric(&claim.metric);
    if info.is_some_and(|m| m.kind == MetricKind::Report) {
        return None;
    }
    let whole = info.is_none_or(super::vocabulary::MetricInfo::is_whole);
    let mut interval = interval_of(claim, whole);
    let row = match info.and_then(|m| m.counts_as) {
        Some(counted_as) => {
            // A metric that counts as another bounds it from below: bodies found are dead.
            interval.high = f64::INFINITY;
            counted_as
        }
        None => claim.metric.as_ref(),
    };
    Some((row, interval))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::model::Qualifier;
    use crate::model::compare::tests::{claim, incident, source};
    use crate::model::compare::{FindingKind, Scope, compare};

    /// The comparison engine's answer, which the fast path must equal.
    fn contested_by_comparison(dataset: &Dataset, id: &str) -> bool {
        compare(dataset, &Scope::Incident(id.to_owned()), None)
            .findings
            .iter()
            .any(|f| f.kind != FindingKind::SingleSource)
    }

    #[test]
    fn the_bundled_incidents_agree_with_the_comparison() {
        let mut problems = crate::problem::Problems::default();
        let dataset = crate::io::bundled_dataset(&mut problems);
        let mut contested = 0;
        for (i, incident) in dataset.incidents.iter().enumerate() {
            let expected = contested_by_comparison(&dataset, &incident.id);
            assert_eq!(dataset.contested_at(i), expected, "{}", incident.id);
            contested += usize::from(expected);
        }
        assert!(contested >= 2, "the bundled sources disagree: {contested}");
    }

    const METRICS: &[&str] = &[
        "militants_killed",
        "civilians_killed",
        "bodies_recovered",
        "locations_attacked",
        "incident_reported",
        "not_in_the_vocabulary",
    ];

    prop_compose! {
        fn claim_strategy()(
            source in 0..3usize,
            metric in 0..METRICS.len(),
            low in 0..40u32,
            width in 0..5u32,
            qualifier in 0..Qualifier::ALL.len(),
            day in proptest::option::of((0..6i8, 0..3i8)),
        ) -> (usize, usize, f64, f64, usize, Option<(i8, i8)>) {
            (source, metric, f64::from(low), f64::from(low + width), qualifier, day)
        }
    }

    proptest! {
        #[test]
        fn random_claims_agree_with_the_comparison(
            claims in proptest::collection::vec(claim_strategy(), 0..7)
        ) {
            let claims: Vec<Claim> = claims
                .into_iter()
                .enumerate()
                .map(|(n, (s, m, lo, hi, q, day))| {
                    let mut claim = claim(&format!("c{n}"), &format!("s{s}"), METRICS[m], lo, Qualifier::ALL[q]);
                    claim.value_max = hi;
                    claim.event_date = day.map(|(d, len)| {
                        let first = jiff::civil::date(2026, 1, 1 + d * 2);
                        DateSpan::new(first, first + jiff::Span::new().days(i64::from(len)))
                            .expect("ordered")
                    });
                    claim
                })
                .collect();
            let killed: Vec<&Claim> = claims
                .iter()
                .filter(|c| KILLED_METRICS.contains(&c.metric.as_ref()))
                .collect();
            let sources = (0..3).map(|s| source(&format!("s{s}"))).collect();
            let dataset = Dataset::new(sources, vec![incident("x")], claims.clone());
            let figures = dataset.figures_of(0);
            prop_assert_eq!(figures.contested, contested_by_comparison(&dataset, "x"));
            // Each source by its largest figure; the highest and lowest of those.
            let by_source = (0..3).filter_map(|s| {
                let source = format!("s{s}");
                let own = killed.iter().filter(|c| *c.source_id == *source);
                let min = own.clone().map(|c| c.value_min).reduce(f64::max)?;
                let max = own.map(|c| c.value_max).reduce(f64::max)?;
                Some((min, max))
            });
            let highest = by_source.clone().map(|(_, max)| max).reduce(f64::max);
            let lowest = by_source.map(|(min, _)| min).reduce(f64::min);
            prop_assert_eq!(figures.highest_killed, highest);
            prop_assert_eq!(figures.lowest_killed, lowest);
        }
    }
}
