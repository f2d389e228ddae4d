//! The window at start that says the last run crashed and offers its report, once.

use crate::diagnostics::{self, PendingCrash};

/// Shows the offer while `offer` holds a report; clears it when the user answers.
pub fn show(ctx: &egui::Context, offer: &mut Option<PendingCrash>) {
    let Some(crash) = offer.as_ref() else {
        return;
    };
    let mut answered = false;
    egui::Window::new("Incident Atlas hit an internal error last time")
        .collapsible(false)
        .resizable(false)
        .default_width(480.0)
        .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
        .show(ctx, |ui| {
            ui.label("It wrote a crash report. It holds the version, the platform, where the error happened and the last lines of the log — no data of yours beyond file names. Attach it to a bug report.");
            if !crash.summary.is_empty() {
                ui.label(egui::RichText::new(&crash.summary).monospace());
            }
            ui.label(egui::RichText::new(crash.path.display().to_string()).small());
            ui.horizontal(|ui| {
                if ui.button("Open the report").clicked() {
                    if let Err(e) = diagnostics::open_with_system(&crash.path) {
                        log::warn!("cannot open {}: {e}", crash.path.display());
                    }
                    answered = true;
                }
                if ui.button("Copy its path").clicked() {
                    ui.ctx().copy_text(crash.path.display().to_string());
                }
                if ui.button("Dismiss").clicked() {
                    answered = true;
                }
            });
        });
    if answered {
        *offer = None;
    }
}
