//! Notifications on screen: toasts at the top of the window (coloured by level, from the
//! theme; errors stay until dismissed) and the log window with every notification of the
//! session. Reads the notifications and pushes commands; the app owns them.

use egui::RichText;

use crate::command::{CommandQueue, WindowCommand};
use crate::notifications::{Level, Notification};
use crate::theme::Palette;

fn fill(level: Level, p: Palette) -> egui::Color32 {
    match level {
        Level::Info => p.info_fill(),
        Level::Warning => p.warning_fill(),
        Level::Error => p.error_fill(),
    }
}

/// The toasts, stacked under the top bar.
pub fn toasts<'a>(
    ctx: &egui::Context,
    toasts: impl Iterator<Item = &'a Notification>,
    p: Palette,
    commands: &mut CommandQueue,
) {
    egui::Area::new(egui::Id::unique("toasts"))
        .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 48.0))
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            for toast in toasts {
                egui::Frame::new()
                    .fill(fill(toast.level, p))
                    .stroke(egui::Stroke::new(1.0, p.label_text))
                    .corner_radius(6.0)
                    .inner_margin(egui::Margin::symmetric(12, 6))
                    .show(ui, |ui| {
                        ui.set_max_width(640.0);
                        ui.horizontal(|ui| {
                            let text = match toast.level {
                                Level::Error => RichText::new(&toast.text).strong(),
                                Level::Info | Level::Warning => RichText::new(&toast.text),
                            };
                            ui.label(text.color(p.label_text));
                            if ui.small_button("Dismiss").clicked() {
                                commands.push(WindowCommand::Dismiss(toast.id));
                            }
                        });
                    });
            }
        });
}

/// Every notification of the session, newest first.
pub fn log_window(
    ctx: &egui::Context,
    log: &[Notification],
    p: Palette,
    commands: &mut CommandQueue,
) {
    let mut open = true;
    egui::Window::new("Notifications")
        .open(&mut open)
        .resizable(true)
        .default_width(560.0)
        .default_height(300.0)
        .show(ctx, |ui| {
            if log.is_empty() {
                ui.label("Nothing to report");
            }
            egui::ScrollArea::vertical().show(ui, |ui| {
                for note in log.iter().rev() {
                    let colour = match note.level {
                        Level::Info => p.label_text,
                        Level::Warning => p.warning_text(),
                        Level::Error => p.error_text(),
                    };
                    ui.horizontal_wrapped(|ui| {
                        ui.label(RichText::new(note.level.label()).color(colour).strong());
                        ui.label(&note.text);
                    });
                }
            });
        });
    if !open {
        commands.push(WindowCommand::ShowLog(false));
    }
}
