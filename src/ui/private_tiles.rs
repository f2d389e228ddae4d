//! The window where the analyst sets their own tiles, for restricted networks: an XYZ server
//! (`https://maps.internal/{z}/{x}/{y}.png`) with the credit its terms require, or a `PMTiles`
//! file of raster tiles. Nothing is fetched until *Use this server* is clicked; a template
//! missing `{z}`, `{x}` or `{y}` is refused with the reason.

use egui::RichText;

use atlas_core::tiles::{PrivateTiles, TileLayer, check_template};

use crate::command::{CommandQueue, SettingsCommand, WindowCommand};

/// The fields being edited (applied only by the buttons).
#[derive(Debug, Clone)]
pub struct TilesDraft {
    pub tiles: PrivateTiles,
}

impl TilesDraft {
    pub fn new(current: &PrivateTiles) -> Self {
        Self {
            tiles: current.clone(),
        }
    }
}

pub fn show(ctx: &egui::Context, draft: &mut TilesDraft, commands: &mut CommandQueue) {
    let mut open = true;
    egui::Window::new("Your own tiles")
        .open(&mut open)
        .default_width(520.0)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(RichText::new("A tile server on your network").strong());
            ui.horizontal(|ui| {
                ui.label("URL");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.tiles.url)
                        .hint_text("https://maps.internal/{z}/{x}/{y}.png")
                        .desired_width(400.0),
                );
            });
            ui.horizontal(|ui| {
                ui.label("Credit");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.tiles.url_attribution)
                        .hint_text("as the server's terms require")
                        .desired_width(390.0),
                );
            });
            let checked = check_template(&draft.tiles.url);
            if let Err(why) = &checked
                && !draft.tiles.url.trim().is_empty()
            {
                ui.label(RichText::new(format!("Cannot use it: {why}")).italics());
            }
            if ui
                .add_enabled(checked.is_ok(), egui::Button::new("Use this server"))
                .clicked()
            {
                commands.push(SettingsCommand::SetPrivateTiles(draft.tiles.clone()));
                commands.push(SettingsCommand::SetTileLayer(TileLayer::CustomServer));
                commands.push(WindowCommand::ShowPrivateTiles(false));
            }
            ui.separator();
            ui.label(RichText::new("A tile file (PMTiles, raster)").strong());
            ui.horizontal(|ui| {
                let shown = draft
                    .tiles
                    .file
                    .as_ref()
                    .map_or_else(|| "none chosen".to_owned(), |f| f.display().to_string());
                ui.label(shown);
                if ui.button("Choose…").clicked() {
                    commands.push(WindowCommand::PickTileFile);
                }
            });
            ui.horizontal(|ui| {
                ui.label("Credit");
                ui.add(
                    egui::TextEdit::singleline(&mut draft.tiles.file_attribution)
                        .desired_width(390.0),
                );
            });
            if ui
                .add_enabled(
                    draft.tiles.file.is_some(),
                    egui::Button::new("Use this file"),
                )
                .clicked()
            {
                commands.push(SettingsCommand::SetPrivateTiles(draft.tiles.clone()));
                commands.push(SettingsCommand::SetTileLayer(TileLayer::TileFile));
                commands.push(WindowCommand::ShowPrivateTiles(false));
            }
        });
    if !open {
        commands.push(WindowCommand::ShowPrivateTiles(false));
    }
}
