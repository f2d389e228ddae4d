//! The campaign view of the comparison panel: every claim chart when there are a few; with
//! many, a summary by figure, the widest disagreements charted and the findings counted and
//! paged (from the comparison's `ScaleSummary` when the scope was compared at scale).

use egui::{RichText, Ui};

use super::{PanelView, capitalise, claim_chart, findings};
use crate::command::CommandQueue;
use crate::model::compare::MetricRow;

/// At most this many claim charts in the campaign view; beyond, the figures are summarised
/// and the widest disagreements charted.
const CHARTS_SHOWN: usize = 12;
/// Findings are listed a page at a time beyond this many.
const FINDINGS_PAGE: usize = 50;

pub(super) fn campaign_scope(ui: &mut Ui, view: &PanelView<'_>, commands: &mut CommandQueue) {
    if let Some(summary) = &view.comparison.summary {
        return campaign_at_scale(ui, view, summary, commands);
    }
    // A chart where there is something to compare: two sources or more, or a clash.
    let mut charted: Vec<&MetricRow> = view
        .comparison
        .rows
        .iter()
        .filter(|r| r.sources > 1 || !r.consistent)
        .collect();
    if charted.is_empty() {
        ui.label(
            RichText::new("No figure is given by more than one source in these dates.").weak(),
        );
    }
    if charted.len() > CHARTS_SHOWN {
        disagreement_summary(ui, &charted);
        // The widest disagreements first: what a room should see.
        let spread = |r: &MetricRow| (!r.consistent, r.spread.unwrap_or(f64::INFINITY));
        charted.sort_by(|a, b| {
            let (a, b) = (spread(a), spread(b));
            b.0.cmp(&a.0).then(b.1.total_cmp(&a.1))
        });
        let rest = charted.len() - CHARTS_SHOWN;
        charted.truncate(CHARTS_SHOWN);
        for row in charted {
            claim_chart(ui, view, row);
        }
        ui.label(
            RichText::new(format!(
                "… and {rest} more figures given by two sources or more (select a district or an incident for its table)"
            ))
            .weak(),
        );
    } else {
        for row in charted {
            claim_chart(ui, view, row);
        }
    }
    if view.comparison.findings.len() > FINDINGS_PAGE {
        paged_findings(ui, view, commands);
    } else {
        findings(ui, view, &view.comparison.findings, true, commands);
    }
}

/// A large campaign, from its summary (made once with the comparison, not per frame): the
/// figures summarised, the widest disagreements charted, the findings counted and paged.
fn campaign_at_scale(
    ui: &mut Ui,
    view: &PanelView<'_>,
    summary: &crate::model::compare::scale::ScaleSummary,
    commands: &mut CommandQueue,
) {
    if summary.charted == 0 {
        ui.label(
            RichText::new("No figure is given by more than one source in these dates.").weak(),
        );
    } else {
        figure_table(
            ui,
            summary
                .figures
                .iter()
                .map(|f| (f.label.as_str(), f.incidents, f.disputed, f.widest)),
        );
    }
    let shown: Vec<&MetricRow> = view
        .comparison
        .rows
        .iter()
        .filter(|r| r.sources > 1 || !r.consistent)
        .take(CHARTS_SHOWN)
        .collect();
    for row in &shown {
        claim_chart(ui, view, row);
    }
    let rest = summary.charted.saturating_sub(shown.len());
    if rest > 0 {
        ui.label(
            RichText::new(format!(
                "… and {rest} more figures given by two sources or more (select a district or an incident for its table)"
            ))
            .weak(),
        );
    }
    if view.comparison.findings.len() > FINDINGS_PAGE {
        paged_findings(ui, view, commands);
    } else {
        findings(ui, view, &view.comparison.findings, true, commands);
    }
}

/// Per figure: how many incidents' sources disagree on it, and the widest spread.
fn disagreement_summary(ui: &mut Ui, rows: &[&MetricRow]) {
    let mut by_metric: std::collections::BTreeMap<&str, (usize, usize, f64)> =
        std::collections::BTreeMap::new();
    for row in rows {
        let entry = by_metric.entry(row.label.as_str()).or_insert((0, 0, 1.0));
        entry.0 += 1;
        if !row.consistent {
            entry.1 += 1;
            entry.2 = entry.2.max(row.spread.unwrap_or(f64::INFINITY));
        }
    }
    let mut lines: Vec<_> = by_metric.into_iter().collect();
    lines.sort_by_key(|(_, (_, disputed, _))| std::cmp::Reverse(*disputed));
    figure_table(
        ui,
        lines
            .into_iter()
            .map(|(label, (incidents, disputed, widest))| (label, incidents, disputed, widest)),
    );
}

/// The table of figures: label, incidents (disputed), widest spread.
fn figure_table<'a>(ui: &mut Ui, lines: impl Iterator<Item = (&'a str, usize, usize, f64)>) {
    ui.label(RichText::new("Disagreements by figure").strong());
    egui::Grid::new("disagreement_summary")
        .striped(true)
        .num_columns(3)
        .show(ui, |ui| {
            ui.label(RichText::new("Figure").strong());
            ui.label(RichText::new("Incidents (disputed)").strong());
            ui.label(RichText::new("Widest spread").strong());
            ui.end_row();
            for (label, incidents, disputed, widest) in lines {
                ui.label(capitalise(label));
                ui.label(format!("{incidents} ({disputed})"));
                ui.label(if disputed == 0 {
                    "—".to_owned()
                } else if widest.is_finite() {
                    format!("×{widest:.1}")
                } else {
                    "from 0".to_owned()
                });
                ui.end_row();
            }
        });
    ui.add_space(6.0);
}

/// Many findings: their counts by kind, then one page of them (worst kinds first, as the
/// engine orders them), with buttons to page.
fn paged_findings(ui: &mut Ui, view: &PanelView<'_>, commands: &mut CommandQueue) {
    let all = &view.comparison.findings;
    let mut counts: Vec<(crate::model::compare::FindingKind, usize)> = Vec::new();
    for f in all {
        match counts.iter_mut().find(|(k, _)| *k == f.kind) {
            Some((_, n)) => *n += 1,
            None => counts.push((f.kind, 1)),
        }
    }
    ui.add_space(8.0);
    ui.label(
        RichText::new(
            counts
                .iter()
                .map(|(kind, n)| format!("{}: {n}", kind.label()))
                .collect::<Vec<_>>()
                .join(" · "),
        )
        .strong(),
    );
    // Which page: widget state of this panel (like a scroll offset), not the app's.
    let id = ui.scope_id().with("findings_page");
    let pages = all.len().div_ceil(FINDINGS_PAGE);
    let mut page = ui
        .data(|d| d.get_temp::<usize>(id))
        .unwrap_or(0)
        .min(pages - 1);
    ui.horizontal(|ui| {
        if ui
            .add_enabled(page > 0, egui::Button::new("Previous"))
            .clicked()
        {
            page -= 1;
        }
        ui.label(format!("Page {} of {pages}", page + 1));
        if ui
            .add_enabled(page + 1 < pages, egui::Button::new("Next"))
            .clicked()
        {
            page += 1;
        }
    });
    ui.data_mut(|d| d.insert_temp(id, page));
    let start = page * FINDINGS_PAGE;
    let shown = all
        .get(start..(start + FINDINGS_PAGE).min(all.len()))
        .unwrap_or_default();
    findings(ui, view, shown, true, commands);
}
