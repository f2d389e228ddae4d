//! The keyboard shortcuts window (F1 or ?): every action of the table in `action`, with its
//! keys in the everyday layout and while presenting.

use egui::RichText;

use crate::action::{Action, Mode};
use crate::command::{CommandQueue, WindowCommand};

pub fn show(ctx: &egui::Context, commands: &mut CommandQueue) {
    let mut open = true;
    egui::Window::new("Keyboard shortcuts")
        .open(&mut open)
        .resizable(false)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label("Keys work whenever no text field has the keyboard.");
            ui.add_space(4.0);
            egui::Grid::new("shortcuts")
                .num_columns(3)
                .striped(true)
                .spacing(egui::vec2(18.0, 4.0))
                .show(ui, |ui| {
                    ui.label(RichText::new("Action").strong());
                    ui.label(RichText::new("On the map").strong());
                    ui.label(RichText::new("Presenting").strong());
                    ui.end_row();
                    for action in Action::ALL {
                        ui.label(action.label());
                        ui.label(RichText::new(action.keys_text(Mode::Workspace)).monospace());
                        ui.label(RichText::new(action.keys_text(Mode::Presenting)).monospace());
                        ui.end_row();
                    }
                });
        });
    if !open {
        commands.push(WindowCommand::ShowShortcuts(false));
    }
}
