//! The campaign comparison at scale: with tens of thousands of incidents in the dates, the
//! panel shows per figure how many incidents disagree and the widest spread, the widest
//! disagreements charted, and the findings counted and paged — not a row per incident. So
//! this pass builds each incident's rows, folds them into that summary and drops them,
//! keeping only the rows the panel and the footer show: memory stays flat whatever the
//! number of incidents (a million rows with their texts were the app's peak memory), and
//! the panel reads a summary instead of sorting a million rows every frame.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{
    Comparison, FindingKind, MetricRow, Scope, date_finding, figure_findings, incidents_in,
    rows_for,
};
use crate::model::{Claim, Dataset, DateSpan};

/// One figure across the incidents in scope.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureSummary {
    pub label: String,
    /// Incidents with this figure from two sources or more, or in conflict.
    pub incidents: usize,
    /// Of them, those whose claims cannot all hold.
    pub disputed: usize,
    /// The widest highest ÷ lowest among the disputed (infinite when a lowest is 0).
    pub widest: f64,
}

/// What the panel shows of a large scope instead of its rows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScaleSummary {
    /// By figure, the most disputed first.
    pub figures: Vec<FigureSummary>,
    /// Rows worth a chart (two sources or more, or a conflict), of which `rows` keeps the
    /// widest.
    pub charted: usize,
    /// Every row built (kept or not).
    pub rows_total: usize,
    pub finding_counts: Vec<(FindingKind, usize)>,
}

/// The order the charts take: conflicts first, then the widest spread.
fn chart_order(a: &MetricRow, b: &MetricRow) -> std::cmp::Ordering {
    let key = |r: &MetricRow| (!r.consistent, r.spread.unwrap_or(f64::INFINITY));
    let (a, b) = (key(a), key(b));
    b.0.cmp(&a.0).then(b.1.total_cmp(&a.1))
}

/// The order the footer takes: deaths first, then the widest spread (conflicts only).
fn footer_order(a: &MetricRow, b: &MetricRow) -> std::cmp::Ordering {
    let killed_later = |m: &str| !(m.contains("killed") || m.contains("bodies"));
    killed_later(&a.metric).cmp(&killed_later(&b.metric)).then(
        b.spread
            .unwrap_or(f64::INFINITY)
            .total_cmp(&a.spread.unwrap_or(f64::INFINITY)),
    )
}

/// The best `keep` rows by `order`, held in a buffer trimmed as it fills (each row is
/// looked at once; the buffer never grows past four times `keep`).
struct Best {
    keep: usize,
    order: fn(&MetricRow, &MetricRow) -> std::cmp::Ordering,
    rows: Vec<MetricRow>,
}

impl Best {
    fn offer(&mut self, row: &MetricRow) {
        self.rows.push(row.clone());
        if self.rows.len() >= 4 * self.keep.max(1) {
            self.trim();
        }
    }

    fn trim(&mut self) {
        self.rows.sort_by(self.order);
        self.rows.truncate(self.keep);
    }
}

/// The rows of the incidents compared so far, folded: the best rows for the charts and the
/// footer, and the counts per figure.
struct Folded {
    charts: Best,
    footer: Best,
    figures: BTreeMap<String, FigureSummary>,
    charted: usize,
    rows_total: usize,
}

impl Folded {
    fn new(keep: usize) -> Self {
        let best = |keep, order| Best {
            keep,
            order,
            rows: Vec::new(),
        };
        Self {
            charts: best(keep, chart_order),
            footer: best(3, footer_order),
            figures: BTreeMap::new(),
            charted: 0,
            rows_total: 0,
        }
    }

    /// One incident's rows.
    fn take(&mut self, rows: &[MetricRow]) {
        self.rows_total += rows.len();
        for row in rows.iter().filter(|r| r.sources > 1 || !r.consistent) {
            self.charted += 1;
            let figure = self
                .figures
                .entry(row.label.clone())
                .or_insert_with(|| FigureSummary {
                    label: row.label.clone(),
                    incidents: 0,
                    disputed: 0,
                    widest: 1.0,
                });
            figure.incidents += 1;
            if !row.consistent {
                figure.disputed += 1;
                figure.widest = figure.widest.max(row.spread.unwrap_or(f64::INFINITY));
                self.footer.offer(row);
            }
            self.charts.offer(row);
        }
    }

    /// The rows kept (the charts' in chart order, then the footer's not among them) and the
    /// summary, given the findings of every incident.
    fn finish(mut self, findings: &[super::Finding]) -> (Vec<MetricRow>, ScaleSummary) {
        self.charts.trim();
        self.footer.trim();
        let mut rows = self.charts.rows;
        for row in self.footer.rows {
            if !rows.contains(&row) {
                rows.push(row);
            }
        }
        let mut figures: Vec<FigureSummary> = self.figures.into_values().collect();
        figures.sort_by_key(|f| std::cmp::Reverse(f.disputed));
        let finding_counts = FindingKind::ALL
            .into_iter()
            .map(|kind| (kind, findings.iter().filter(|f| f.kind == kind).count()))
            .filter(|(_, n)| *n > 0)
            .collect();
        let summary = ScaleSummary {
            figures,
            charted: self.charted,
            rows_total: self.rows_total,
            finding_counts,
        };
        (rows, summary)
    }
}

/// `compare` for a large scope: findings all kept, rows summarised, and only the `keep`
/// widest charted rows (and the footer's three) kept in `rows`, in chart order. Given up
/// (`None`) as soon as `cancelled` is set: a comparison of a million incidents takes seconds
/// on a worker thread, and holds its dataset all along — when the app moves to other data,
/// the old one is let go at once rather than when it ends.
pub fn compare_at_scale_until(
    dataset: &Dataset,
    scope: &Scope,
    range: Option<DateSpan>,
    keep: usize,
    cancelled: &std::sync::atomic::AtomicBool,
) -> Option<Comparison> {
    let incidents = incidents_in(dataset, scope, range);
    let mut folded = Folded::new(keep);
    let mut findings = Vec::new();
    let mut sources = std::collections::BTreeSet::new();
    for (n, incident) in incidents.iter().enumerate() {
        if n % 4096 == 0 && cancelled.load(std::sync::atomic::Ordering::Relaxed) {
            return None;
        }
        let claims: Vec<&Claim> = dataset.claims_for(&incident.id).collect();
        sources.extend(claims.iter().map(|c| c.source_id.as_ref()));
        let rows = rows_for(&claims, &incident.id);
        findings.extend(figure_findings(dataset, incident, &rows, &claims));
        findings.extend(date_finding(dataset, incident, &claims));
        folded.take(&rows);
    }
    findings.sort_by_key(|f| f.kind);
    let (rows, summary) = folded.finish(&findings);
    Some(Comparison {
        incident_ids: incidents.iter().map(|i| i.id.to_string()).collect(),
        source_ids: dataset
            .sources
            .iter()
            .filter(|s| sources.contains(s.id.as_str()))
            .map(|s| s.id.clone())
            .collect(),
        rows,
        findings,
        summary: Some(summary),
    })
}

#[cfg(test)]
mod tests {
    use super::super::compare;
    use super::*;
    use crate::io::synth::{SynthSpec, generate};

    #[test]
    fn the_summary_and_kept_rows_are_those_of_the_full_comparison() {
        let dir = std::env::temp_dir().join(format!("atlas-scale-compare-{}", std::process::id()));
        let spec = SynthSpec {
            incidents: 4_000,
            claims_per_incident: 3,
            seed: 11,
        };
        generate(&dir, spec).expect("written");
        let loaded = crate::io::load(&crate::io::DataLocation::Dir(dir.clone()));
        let _ = std::fs::remove_dir_all(&dir);
        let dataset = &*loaded.dataset;
        let full = compare(dataset, &Scope::Campaign, None);
        let never = std::sync::atomic::AtomicBool::new(false);
        let scaled = compare_at_scale_until(dataset, &Scope::Campaign, None, 12, &never)
            .expect("not cancelled");
        assert_eq!(scaled.findings, full.findings);
        assert_eq!(scaled.incident_ids, full.incident_ids);
        assert_eq!(scaled.source_ids, full.source_ids);
        let summary = scaled.summary.as_ref().expect("a summary");
        assert_eq!(summary.rows_total, full.rows.len());
        let mut charted: Vec<&MetricRow> = full
            .rows
            .iter()
            .filter(|r| r.sources > 1 || !r.consistent)
            .collect();
        assert_eq!(summary.charted, charted.len());
        assert!(summary.charted > 12, "enough to summarise");
        // Per figure: the counts and widest spread a scan of every row gives.
        for figure in &summary.figures {
            let of: Vec<&&MetricRow> = charted.iter().filter(|r| r.label == figure.label).collect();
            assert_eq!(figure.incidents, of.len(), "{}", figure.label);
            let disputed: Vec<_> = of.iter().filter(|r| !r.consistent).collect();
            assert_eq!(figure.disputed, disputed.len(), "{}", figure.label);
        }
        // The charts: the first twelve of the full rows in chart order (spreads equal).
        charted.sort_by(|a, b| chart_order(a, b));
        let spreads = |rows: &[&MetricRow]| -> Vec<(bool, Option<f64>)> {
            rows.iter().map(|r| (r.consistent, r.spread)).collect()
        };
        let kept: Vec<&MetricRow> = scaled.rows.iter().take(12).collect();
        assert_eq!(spreads(&kept), spreads(&charted[..12]));
        // The footer reads the same contested figures from the kept rows.
        let footer_full = crate::derived::footer_facts(dataset, &full);
        let footer_scaled = crate::derived::footer_facts(dataset, &scaled);
        assert_eq!(footer_scaled.contested.len(), footer_full.contested.len());
        // Given up when asked, before the end.
        let cancelled = std::sync::atomic::AtomicBool::new(true);
        assert_eq!(
            compare_at_scale_until(dataset, &Scope::Campaign, None, 12, &cancelled),
            None
        );
    }
}
