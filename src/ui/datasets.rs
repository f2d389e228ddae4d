//! The datasets open side by side (the articles and an imported export, say): each with its
//! colour, its name, how many incidents it holds, and a switch that shows or hides all of its
//! sources at once (the source switches underneath do the work, so the lens and the cards
//! stay consistent).

use egui::{RichText, Ui};

use atlas_core::io::merge::DatasetPart;
use atlas_core::model::compare::SourceFilter;
use atlas_core::model::links::{Decision, Link};

use crate::command::{CommandQueue, SourceCommand, WindowCommand};
use crate::theme::Palette;

/// The list, when more than one dataset is open, and the matches between them.
pub fn show(
    ui: &mut Ui,
    parts: &[DatasetPart],
    links: &[(Link, Option<Decision>)],
    filter: &SourceFilter,
    palette: Palette,
    commands: &mut CommandQueue,
) {
    if parts.len() < 2 {
        return;
    }
    ui.label(RichText::new(format!("Datasets ({})", parts.len())).strong());
    for (i, part) in parts.iter().enumerate() {
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter()
                .rect_filled(swatch, 2.0, palette.dataset_colour(i));
            let shown = part.source_ids.iter().any(|id| filter.admits(id));
            let mut on = shown;
            let plural = if part.incidents == 1 { "" } else { "s" };
            let label = format!("{} · {} incident{plural}", part.name, part.incidents);
            let response = ui.checkbox(&mut on, label).on_hover_text(format!(
                "{}: show or hide all of its sources",
                part.location.describe()
            ));
            if response.changed() {
                for id in &part.source_ids {
                    commands.push(SourceCommand::SetSourceOn(id.clone(), on));
                }
            }
        });
    }
    let undecided = links.iter().filter(|(_, d)| d.is_none()).count();
    let accepted = links
        .iter()
        .filter(|(_, d)| *d == Some(Decision::Accepted))
        .count();
    if ui
        .button(format!(
            "Matches: {undecided} to decide, {accepted} accepted…"
        ))
        .on_hover_text("Incidents of different datasets that may be one event")
        .clicked()
    {
        commands.push(WindowCommand::ShowLinks(true));
    }
    ui.separator();
}
