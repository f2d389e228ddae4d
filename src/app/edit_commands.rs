//! Applying `EditCommand`s: forms opened and applied as undoable changes, saves (the data's
//! own folder, or a copy for data that is never written), a point picked on the map, and the
//! data files changed on disk (read again when nothing is unsaved; else the analyst chooses,
//! and neither side is lost).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use atlas_core::authoring::{Row, Table, place};

use super::AtlasApp;
use super::authoring::{Conflict, side_folder};
use crate::command::EditCommand;
use crate::io::DataLocation;
use crate::ui::edit_forms::{ClaimDraft, FormDraft, IncidentDraft, SourceDraft};

impl AtlasApp {
    pub(super) fn apply_edit(&mut self, command: EditCommand) {
        match command {
            EditCommand::NewIncident(at) => {
                let id = self.editor().fresh_id(Table::Incidents, "incident_");
                let mut draft = IncidentDraft::new(id);
                draft.date_start = self.playback.window().end.to_string();
                self.authoring.form = Some(FormDraft::Incident(draft));
                if let Some(at) = at {
                    self.place_picked(at);
                }
            }
            EditCommand::NewSource => {
                let id = self.editor().fresh_id(Table::Sources, "source_");
                let draft = SourceDraft {
                    id,
                    ..SourceDraft::default()
                };
                self.authoring.form = Some(FormDraft::Source(draft));
            }
            EditCommand::NewClaim(incident) => {
                let draft = self.new_claim_draft(incident);
                self.authoring.form = Some(FormDraft::Claim(draft));
            }
            EditCommand::EditRow(table, id) => self.open_row(table, &id),
            EditCommand::ApplyForm => self.apply_form(),
            EditCommand::CloseForm => self.authoring.form = None,
            EditCommand::Delete(table, id) => {
                let result = self.editor().delete(table, &id);
                self.after_edit(result.map(|()| None));
            }
            EditCommand::Undo => {
                if self.authoring.undo() {
                    self.data_edited();
                }
            }
            EditCommand::Redo => {
                if self.authoring.redo() {
                    self.data_edited();
                }
            }
            EditCommand::Save => self.save_edits(),
            EditCommand::PickFolderForCopy => {
                if let Some(dir) = rfd::FileDialog::new()
                    .set_title("A folder to save a copy of the data in")
                    .pick_folder()
                {
                    self.save_copy(&dir);
                }
            }
            EditCommand::SaveCopyTo(dir) => self.save_copy(&dir),
            EditCommand::PickOnMap(on) => {
                if let Some(FormDraft::Incident(d)) = self.authoring.form.as_mut() {
                    d.picking = on;
                }
            }
            EditCommand::PlacePicked(at) => self.place_picked(at),
            EditCommand::ResolveConflict { reload } => self.resolve_conflict(reload),
        }
    }

    fn editor(&mut self) -> &mut atlas_core::authoring::Editor {
        let dataset = Arc::clone(&self.data.loaded().dataset);
        self.authoring.editor_for(&dataset)
    }

    fn new_claim_draft(&mut self, incident: Option<String>) -> ClaimDraft {
        let id = self.editor().fresh_id(Table::Claims, "c");
        let incident = incident
            .or_else(|| self.interaction.selection.incident.clone())
            .unwrap_or_default();
        let source = self
            .evidence
            .source_id()
            .map(str::to_owned)
            .or_else(|| self.data.full().sources.first().map(|s| s.id.clone()))
            .unwrap_or_default();
        ClaimDraft::new(id, incident, source)
    }

    /// Opens the claim form pre-filled from a suggestion (a selected passage, or one of
    /// the document's suggested figures).
    pub(super) fn claim_from(&mut self, suggestion: &atlas_core::evidence::suggest::Suggestion) {
        let mut draft = self.new_claim_draft(None);
        draft.fill_from(suggestion);
        self.authoring.form = Some(FormDraft::Claim(draft));
    }

    fn open_row(&mut self, table: Table, id: &str) {
        let full = self.data.full();
        let form = match table {
            Table::Sources => full
                .source(id)
                .map(|s| FormDraft::Source(SourceDraft::of(s))),
            Table::Incidents => full
                .incident(id)
                .map(|i| FormDraft::Incident(IncidentDraft::of(i))),
            Table::Claims => full
                .claims
                .iter()
                .find(|c| c.id == id)
                .map(|c| FormDraft::Claim(ClaimDraft::of(c))),
        };
        match form {
            Some(form) => self.authoring.form = Some(form),
            None => self
                .notifications
                .error(format!("There is no {} \"{id}\" to edit", table.noun())),
        }
    }

    fn apply_form(&mut self) {
        let Some(form) = self.authoring.form.clone() else {
            return;
        };
        let row = match form.to_row() {
            Ok(row) => row,
            Err(why) => {
                if let Some(form) = self.authoring.form.as_mut() {
                    form.set_error(Some(why));
                }
                return;
            }
        };
        let new_incident =
            matches!((&row, form.editing()), (Row::Incident(_), None)).then(|| row.id().to_owned());
        let result = match form.editing() {
            Some(id) => self.editor().update(id, row),
            None => self.editor().add(row),
        };
        match result {
            Ok(()) => {
                self.authoring.form = None;
                self.after_edit(Ok(new_incident));
            }
            Err(e) => {
                if let Some(form) = self.authoring.form.as_mut() {
                    form.set_error(Some(e.to_string()));
                }
            }
        }
    }

    /// After an edit: the app shows the edited data; a new incident is selected; a refused
    /// edit says why.
    fn after_edit(&mut self, result: Result<Option<String>, atlas_core::authoring::EditError>) {
        match result {
            Ok(selected) => {
                let first = self
                    .authoring
                    .editor()
                    .is_some_and(|e| e.undo_label().is_some())
                    && !matches!(self.data.location(), DataLocation::Dir(_));
                self.data_edited();
                if let Some(id) = selected {
                    self.interaction.selection.incident = Some(id);
                    self.interaction.selection.district = None;
                }
                if first
                    && !self
                        .notifications
                        .log()
                        .iter()
                        .any(|n| n.text.contains("is never written"))
                {
                    self.notifications.warning(
                        "This data is never written (the bundled articles or an imported file). Save (Ctrl+S) asks for a folder to keep a copy of it, edits included.",
                    );
                }
            }
            Err(e) => self.notifications.error(format!("Not changed: {e}")),
        }
    }

    /// The editor's tables are the data now: markers, view, timeline and problems follow.
    fn data_edited(&mut self) {
        let Some(editor) = self.authoring.editor() else {
            return;
        };
        let (dataset, report) = editor.dataset();
        let problems = crate::io::problems_of_edited(
            &dataset,
            &report,
            &self.data.loaded().boundaries,
            self.data.location(),
        );
        self.show_dataset(&Arc::new(dataset), problems);
    }

    /// Shows another version of the data (edited, or read again), keeping the selection
    /// where it still exists, the dates and the view.
    pub(super) fn show_dataset(
        &mut self,
        dataset: &Arc<crate::model::Dataset>,
        problems: crate::io::Problems,
    ) {
        self.data.replace_dataset(dataset, problems);
        self.playback.data_changed(dataset);
        let selection = &mut self.interaction.selection;
        if selection
            .incident
            .as_deref()
            .is_some_and(|id| dataset.incident(id).is_none())
        {
            selection.incident = None;
        }
        self.interaction.fanned_out = None;
    }

    fn place_picked(&mut self, at: crate::model::LonLat) {
        let boundaries = &self.data.loaded().boundaries;
        let Some(FormDraft::Incident(d)) = self.authoring.form.as_mut() else {
            return;
        };
        d.picking = false;
        d.lat = format!("{:.5}", at.lat);
        d.lon = format!("{:.5}", at.lon);
        let last_day = d.dates().ok().flatten().map(|s| s.last);
        let facts = place::facts_at(boundaries, at, last_day);
        // Filled where empty; a name typed that disagrees is kept, with a warning.
        d.place_warning = place::disagreement(&facts, &d.district, &d.province);
        if d.district.is_empty() || d.place_warning.is_none() {
            d.district = facts.district.clone().unwrap_or_default();
        }
        if d.province.is_empty() || d.place_warning.is_none() {
            d.province = facts.province.clone().unwrap_or_default();
        }
        if d.geo_precision == Some(crate::model::GeoPrecision::None) {
            d.geo_precision = Some(crate::model::GeoPrecision::Approximate);
        }
    }

    /// Save: into the data's own folder; data that is never written asks for a folder.
    fn save_edits(&mut self) {
        let DataLocation::Dir(dir) = self.data.location().clone() else {
            self.apply_edit(EditCommand::PickFolderForCopy);
            return;
        };
        if !self.authoring.is_dirty() {
            self.notifications
                .info("Nothing to save: the data is as on disk.");
            return;
        }
        if self.authoring.keep_disk_copy {
            match keep_aside(&dir, &side_folder(&dir, "replaced-on-disk")) {
                Ok(kept) => self.notifications.info(format!(
                    "The tables as they were on disk are kept in {}",
                    kept.display()
                )),
                Err(e) => {
                    self.notifications.error(format!(
                        "Not saved: the tables on disk could not be kept aside first ({e})"
                    ));
                    return;
                }
            }
            self.authoring.keep_disk_copy = false;
        }
        self.write_to(&dir);
    }

    fn write_to(&mut self, dir: &Path) -> bool {
        let dataset = Arc::clone(&self.data.loaded().dataset);
        match atlas_core::io::tables::write_dataset(dir, &dataset) {
            Ok(()) => {
                self.authoring.saved();
                self.notifications
                    .info(format!("Saved to {}", dir.display()));
                true
            }
            Err(e) => {
                self.notifications
                    .error(format!("Not saved to {}: {e}", dir.display()));
                false
            }
        }
    }

    /// Saves the data into `dir` (which must not hold tables already: nothing of the
    /// analyst's is written over) and edits that copy from now on.
    fn save_copy(&mut self, dir: &Path) {
        if super::watch::TABLES.iter().any(|t| dir.join(t).exists()) {
            self.notifications.error(format!(
                "{} already holds a dataset; choose an empty folder (nothing was written)",
                dir.display()
            ));
            return;
        }
        if self.write_to(dir) {
            let location = DataLocation::Dir(dir.to_owned());
            self.settings.remember_data(dir.to_owned());
            self.data.set_location(location);
            self.authoring.watch(dir);
            self.data_edited();
        }
    }

    /// The files on disk changed: read them again when nothing is unsaved, else ask.
    pub(super) fn poll_disk(&mut self, ctx: &egui::Context) {
        self.take_reloaded();
        if self.authoring.reloading.is_some() {
            return; // what changed meanwhile is seen once these tables are shown
        }
        let Some(watch) = self.authoring.watch_mut() else {
            return;
        };
        watch.wake(ctx);
        let changed = watch.poll();
        if watch.is_pending() {
            ctx.request_repaint_after(std::time::Duration::from_millis(200));
        }
        if changed.is_empty() || self.authoring.conflict.is_some() {
            return;
        }
        if self.authoring.is_dirty() {
            self.authoring.conflict = Some(Conflict { files: changed });
        } else {
            self.reload_from_disk(&changed);
        }
    }

    /// Reads the tables again on a worker thread (the boundaries are the ones loaded); the
    /// result is taken by `take_reloaded` in a later frame.
    fn reload_from_disk(&mut self, changed: &[String]) {
        let location = self.data.location().clone();
        let loaded = Arc::clone(self.data.loaded());
        let (send, receive) = std::sync::mpsc::channel();
        let wake = self.authoring.watch_mut().and_then(|w| w.context());
        let spawned = std::thread::Builder::new()
            .name("reload".to_owned())
            .spawn(move || {
                let read = location
                    .path()
                    .map(super::watch::fingerprints)
                    .unwrap_or_default();
                let (dataset, problems) = crate::io::reload_tables(&location, &loaded.boundaries);
                let _ = send.send((dataset, problems, read));
                if let Some(ctx) = wake {
                    ctx.request_repaint();
                }
            });
        match spawned {
            Ok(_) => self.authoring.reloading = Some((receive, changed.to_vec())),
            Err(e) => self
                .notifications
                .error(format!("The changed files could not be read again: {e}")),
        }
    }

    /// The tables read again, shown (selection and view kept) with what changed.
    fn take_reloaded(&mut self) {
        let Some((receive, _)) = &self.authoring.reloading else {
            return;
        };
        let Ok((dataset, problems, read)) = receive.try_recv() else {
            return;
        };
        let changed = self
            .authoring
            .reloading
            .take()
            .map(|(_, c)| c)
            .unwrap_or_default();
        let what = describe_changes(&self.data.loaded().dataset, &dataset);
        self.authoring.reset();
        if let Some(watch) = self.authoring.watch_mut() {
            watch.remember(read);
        }
        self.show_dataset(&Arc::new(dataset), problems);
        self.notifications.info(format!(
            "{} changed on disk and was read again: {what}",
            changed.join(", ")
        ));
    }

    fn resolve_conflict(&mut self, reload: bool) {
        let Some(conflict) = self.authoring.conflict.take() else {
            return;
        };
        let DataLocation::Dir(dir) = self.data.location().clone() else {
            return;
        };
        if reload {
            // The edits first go to a folder of their own, complete, so nothing is lost.
            let aside = side_folder(&dir, "unsaved-edits");
            let dataset = Arc::clone(&self.data.loaded().dataset);
            match atlas_core::io::tables::write_dataset(&aside, &dataset) {
                Ok(()) => {
                    self.notifications.info(format!(
                        "Your unsaved edits are kept in {}",
                        aside.display()
                    ));
                    self.reload_from_disk(&conflict.files);
                }
                Err(e) => {
                    self.notifications.error(format!(
                        "Not read again: your edits could not be kept aside in {} ({e})",
                        aside.display()
                    ));
                    self.authoring.conflict = Some(conflict);
                }
            }
        } else {
            self.authoring.keep_disk_copy = true;
            if let Some(watch) = self.authoring.watch_mut() {
                watch.remember_disk();
            }
            self.notifications.info(
                "Your edits are kept; when you save, the tables now on disk are first kept aside in a folder beside them.",
            );
        }
    }
}

/// Copies the three tables of `dir` into `into` (made here).
fn keep_aside(dir: &Path, into: &Path) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(into)?;
    for table in super::watch::TABLES {
        let from = dir.join(table);
        if from.exists() {
            std::fs::copy(&from, into.join(table))?;
        }
    }
    Ok(into.to_owned())
}

/// "2 incidents added, 1 changed; 3 claims changed" — what differs between two versions.
pub fn describe_changes(before: &crate::model::Dataset, after: &crate::model::Dataset) -> String {
    fn count<T: PartialEq>(
        before: &[T],
        after: &[T],
        id: impl Fn(&T) -> &str,
        same: impl Fn(&T, &T) -> bool,
    ) -> [usize; 3] {
        let old: std::collections::HashMap<&str, &T> = before.iter().map(|r| (id(r), r)).collect();
        let new: std::collections::HashMap<&str, &T> = after.iter().map(|r| (id(r), r)).collect();
        let added = new.keys().filter(|k| !old.contains_key(*k)).count();
        let removed = old.keys().filter(|k| !new.contains_key(*k)).count();
        let changed = new
            .iter()
            .filter(|(k, r)| old.get(*k).is_some_and(|o| !same(o, r)))
            .count();
        [added, removed, changed]
    }
    fn same_row<T: Clone + PartialEq>(line: fn(&mut T) -> &mut u64) -> impl Fn(&T, &T) -> bool {
        move |a, b| {
            let (mut a, mut b) = (a.clone(), b.clone());
            *line(&mut a) = 0;
            *line(&mut b) = 0;
            a == b
        }
    }
    let parts = [
        (
            "source",
            count(
                &before.sources,
                &after.sources,
                |s| &s.id,
                same_row(|s: &mut crate::model::Source| &mut s.line),
            ),
        ),
        (
            "incident",
            count(
                &before.incidents,
                &after.incidents,
                |i| &i.id,
                same_row(|i: &mut crate::model::Incident| &mut i.line),
            ),
        ),
        (
            "claim",
            count(
                &before.claims,
                &after.claims,
                |c| &c.id,
                same_row(|c: &mut crate::model::Claim| &mut c.line),
            ),
        ),
    ];
    let said: Vec<String> = parts
        .iter()
        .filter(|(_, n)| n.iter().any(|&x| x > 0))
        .flat_map(|(noun, counts)| {
            counts
                .iter()
                .zip(["added", "removed", "changed"])
                .filter(|(n, _)| **n > 0)
                .map(move |(n, what)| {
                    format!("{n} {noun}{} {what}", if *n == 1 { "" } else { "s" })
                })
        })
        .collect();
    if said.is_empty() {
        "no row differs".to_owned()
    } else {
        said.join(", ")
    }
}
