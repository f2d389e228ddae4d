//! The links proposed between datasets' incidents — the same event in an article and in
//! ACLED — for the analyst to accept or reject one by one. An accepted link makes them one
//! incident (their figures side by side in the comparison); every decision is saved beside
//! the data and can be undone.

use egui::{RichText, Ui};

use atlas_core::model::links::{Decision, Link};

use crate::command::{CommandQueue, SourceCommand};

/// The window's contents.
pub fn show(ui: &mut Ui, links: &[(Link, Option<Decision>)], commands: &mut CommandQueue) {
    let undecided = links.iter().filter(|(_, d)| d.is_none()).count();
    ui.label(format!(
        "{} proposed, {} to decide. Incidents of different datasets within 2 days and 25 km (or in the same district).",
        links.len(),
        undecided
    ));
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
