//! What authoring and evidence add to the workspace: the Edit menu of the top bar, the
//! editing form, the evidence window, and the question asked when the data files changed
//! on disk under unsaved edits.

use atlas_core::authoring::Table;
use egui::RichText;

use super::AtlasApp;
use crate::action::{Action, Mode};
use crate::command::{EditCommand, EvidenceCommand};
use crate::io::DataLocation;
use crate::theme::Palette;
use crate::ui::edit_forms::{self, FormChoices};

impl AtlasApp {
    pub(super) fn authoring_windows(&mut self, ctx: &egui::Context, palette: Palette) {
        if let Some(doc) = self.evidence.open() {
            crate::ui::evidence::show(ctx, doc, palette, &mut self.commands);
        }
        if let Some(draft) = self.authoring.form.as_mut() {
            let full = self.data.loaded().dataset.as_ref();
            let choices = FormChoices {
                incidents: &full.incidents,
                sources: &full.sources,
                needs_copy: !matches!(self.data.location(), DataLocation::Dir(_)),
            };
            edit_forms::show(ctx, draft, &choices, &mut self.commands);
        }
        if let Some(conflict) = &self.authoring.conflict {
            let files = conflict.files.join(", ");
            egui::Modal::new(egui::Id::unique("disk_conflict")).show(ctx, |ui| {
                ui.set_max_width(460.0);
                ui.heading("The data changed on disk");
                ui.label(format!(
                    "{files} changed on disk while you have edits that are not saved. Neither side is lost, whichever you choose."
                ));
                ui.add_space(8.0);
                if ui
                    .button("Read the files again")
                    .on_hover_text("Your edits are first saved, complete, in a folder beside the data (unsaved-edits-…)")
                    .clicked()
                {
                    self.commands.push(EditCommand::ResolveConflict { reload: true });
                }
                if ui
                    .button("Keep my edits")
                    .on_hover_text("Keep editing; when you save, the tables now on disk are first kept in a folder beside them (replaced-on-disk-…)")
                    .clicked()
                {
                    self.commands.push(EditCommand::ResolveConflict { reload: false });
                }
            });
        }
    }

    /// The Edit menu: new rows, the selected incident's form, undo and redo, save.
    pub(super) fn edit_menu(&mut self, ui: &mut egui::Ui) {
        let dirty = self.authoring.is_dirty();
        // An asterisk, as editors mark a modified file (the UI font has no bullet glyph).
        let label = if dirty { "Edit *" } else { "Edit" };
        let editor = self.authoring.editor();
        let undo = editor.and_then(|e| e.undo_label()).map(str::to_owned);
        let redo = editor.and_then(|e| e.redo_label()).map(str::to_owned);
        let selected = self.interaction.selection.incident.clone();
        let commands = &mut self.commands;
        ui.menu_button(label, |ui| {
            let entry = |ui: &mut egui::Ui, text: String, enabled: bool, action: Action| {
                ui.add_enabled(
                    enabled,
                    egui::Button::new(text).shortcut_text(action.keys_text(Mode::Workspace)),
                )
                .clicked()
            };
            if entry(
                ui,
                undo.as_ref()
                    .map_or("Undo".to_owned(), |l| format!("Undo {l}")),
                undo.is_some(),
                Action::Undo,
            ) {
                commands.push(EditCommand::Undo);
            }
            if entry(
                ui,
                redo.as_ref()
                    .map_or("Redo".to_owned(), |l| format!("Redo {l}")),
                redo.is_some(),
                Action::Redo,
            ) {
                commands.push(EditCommand::Redo);
            }
            ui.separator();
            if ui
                .button("New incident…")
                .on_hover_text("Then pick its place on the map")
                .clicked()
            {
                commands.push(EditCommand::NewIncident(None));
            }
            if ui.button("New source…").clicked() {
                commands.push(EditCommand::NewSource);
            }
            if ui.button("New claim…").clicked() {
                commands.push(EditCommand::NewClaim(selected.clone()));
            }
            if let Some(id) = &selected
                && ui.button(format!("Edit incident {id}…")).clicked()
            {
                commands.push(EditCommand::EditRow(Table::Incidents, id.clone()));
            }
            ui.separator();
            if ui
                .button("Open document…")
                .on_hover_text("A new article to take claims from")
                .clicked()
            {
                commands.push(EvidenceCommand::PickDocument);
            }
            if ui.button("Documents folder…").clicked() {
                commands.push(EvidenceCommand::PickDocumentsFolder);
            }
            ui.separator();
            if entry(ui, "Save".to_owned(), dirty, Action::Save) {
                commands.push(EditCommand::Save);
            }
        })
        .response
        .on_hover_text(if dirty {
            RichText::new("Edits not saved yet")
        } else {
            RichText::new("Add and change sources, incidents and claims")
        });
    }
}
