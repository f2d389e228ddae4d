//! The links proposed between datasets' incidents — the same event in an article and in
//! ACLED — for the analyst to accept or reject one by one. An accepted link makes them one
//! incident (their figures side by side in the comparison); every decision is saved beside
//! the data and can be undone.

use egui::{RichText, Ui};

use atlas_core::model::links::{Decision, Link, MatchRule};

use crate::command::{CommandQueue, SettingsCommand, SourceCommand};

/// The window's contents. `rule` is the rule in force; the fields edit a copy kept in egui's
/// memory until *Propose again* sends it.
pub fn show(
    ui: &mut Ui,
    links: &[(Link, Option<Decision>)],
    rule: MatchRule,
    commands: &mut CommandQueue,
) {
    let undecided = links.iter().filter(|(_, d)| d.is_none()).count();
    ui.label(format!(
        "{} proposed, {} to decide: incidents of different datasets near each other in time and place (or in the same district).",
        links.len(),
        undecided
    ));
    let id = egui::Id::unique("match_rule_draft");
    let mut draft = ui
        .data(|d| d.get_temp::<(i32, f64)>(id))
        .unwrap_or((rule.max_days, rule.max_km));
    ui.horizontal(|ui| {
        ui.label("Within");
        ui.add(
            egui::DragValue::new(&mut draft.0)
                .range(0..=60)
                .suffix(" days"),
        );
        ui.label("and");
        ui.add(
            egui::DragValue::new(&mut draft.1)
                .range(0.5..=500.0)
                .speed(0.5)
                .suffix(" km"),
        );
        let changed = draft != (rule.max_days, rule.max_km);
        if ui
            .add_enabled(changed, egui::Button::new("Propose again"))
            .on_hover_text("Reads the data again with this rule; decisions already made are kept")
            .clicked()
        {
            commands.push(SettingsCommand::SetMatchRule(MatchRule {
                max_days: draft.0,
                max_km: draft.1,
            }));
        }
    });
    ui.data_mut(|d| d.insert_temp(id, draft));
    ui.separator();
    egui::ScrollArea::vertical()
        .max_height(420.0)
        .show_rows(ui, 58.0, links.len(), |ui, rows| {
            for (link, decision) in links.get(rows).unwrap_or_default() {
                row(ui, link, *decision, commands);
            }
        });
}

fn row(ui: &mut Ui, link: &Link, decision: Option<Decision>, commands: &mut CommandQueue) {
    let distance = match (link.km, link.same_district) {
        (Some(km), _) => format!("{km:.1} km"),
        (None, true) => "same district".to_owned(),
        (None, false) => String::new(),
    };
    ui.label(RichText::new(&link.first_label).strong());
    ui.horizontal(|ui| {
        ui.label(format!(
            "and {} · {distance}, {} day{} apart",
            link.second_label,
            link.days_apart,
            if link.days_apart == 1 { "" } else { "s" }
        ));
        let decide = |decision| SourceCommand::DecideLink {
            first: link.first.clone(),
            second: link.second.clone(),
            decision,
        };
        match decision {
            None => {
                if ui
                    .button("Accept")
                    .on_hover_text("The same event: one incident, its figures side by side")
                    .clicked()
                {
                    commands.push(decide(Some(Decision::Accepted)));
                }
                if ui.button("Reject").clicked() {
                    commands.push(decide(Some(Decision::Rejected)));
                }
            }
            Some(done) => {
                let word = match done {
                    Decision::Accepted => "accepted",
                    Decision::Rejected => "rejected",
                };
                ui.label(RichText::new(word).italics());
                if ui.button("Undo").clicked() {
                    commands.push(decide(None));
                }
            }
        }
    });
    ui.separator();
}
