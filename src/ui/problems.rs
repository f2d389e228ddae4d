//! The problems window: every error and warning from loading, with file and line.

use egui::RichText;

use crate::io::{Problems, Severity};
use crate::theme::Palette;

pub fn show(ctx: &egui::Context, open: &mut bool, problems: &Problems, palette: Palette) {
    egui::Window::new("Data problems")
        .open(open)
        .resizable(true)
        .default_width(640.0)
        .default_height(360.0)
        .show(ctx, |ui| {
            ui.label(format!(
                "{} error(s), {} warning(s). Everything valid is shown on the map.",
                problems.errors(),
                problems.warnings()
            ));
            ui.separator();
            egui::ScrollArea::vertical().show(ui, |ui| {
                if problems.is_empty() {
                    ui.label("No problems found");
                }
                for problem in problems.iter() {
                    let (tag, colour) = match problem.severity {
                        Severity::Error => ("error", palette.error_text()),
                        Severity::Warning => ("warning", palette.warning_text()),
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(tag).color(colour).strong());
                        ui.label(RichText::new(problem.location()).monospace());
                        if let Some(column) = &problem.column {
                            ui.label(RichText::new(format!("column {column}")).weak());
                        }
                        ui.label(&problem.message);
                    });
                }
            });
        });
}
