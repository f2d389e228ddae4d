//! The authoring subsystem: the dataset as the analyst edits it (`atlas_core::authoring::
//! Editor`, made at the first edit), the form open, where edits are saved, and the watch on
//! the data files (`watch.rs`). The commands that drive it are applied in `edit_commands.rs`.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;

use atlas_core::authoring::Editor;

use super::watch::DataWatch;
use crate::ui::edit_forms::FormDraft;

/// The data files changed on disk while the app held unsaved edits: the analyst decides.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The files that changed, by name.
    pub files: Vec<String>,
}

#[derive(Default)]
pub struct Authoring {
    editor: Option<Editor>,
    pub(super) form: Option<FormDraft>,
    watch: Option<DataWatch>,
    pub(super) conflict: Option<Conflict>,
    /// Keep the disk's version of the tables aside before the next save writes over it (the
    /// analyst chose to keep their edits over a change made elsewhere).
    pub(super) keep_disk_copy: bool,
    /// The tables being read again on a worker thread, and the files that changed.
    pub(super) reloading: Option<(Receiver<Reloaded>, Vec<String>)>,
}

/// The tables read again from disk, with their problems and the fingerprints of the files
/// as they were read.
pub type Reloaded = (crate::model::Dataset, crate::io::Problems, [Option<u64>; 3]);

impl Authoring {
    pub fn editor(&self) -> Option<&Editor> {
        self.editor.as_ref()
    }

    /// The editor, made from `dataset` at the first edit.
    pub fn editor_for(&mut self, dataset: &crate::model::Dataset) -> &mut Editor {
        self.editor.get_or_insert_with(|| Editor::new(dataset))
    }

    /// Forget the edits' history (the data was read again from disk).
    pub fn reset(&mut self) {
        self.editor = None;
        self.form = None;
        self.conflict = None;
    }

    /// Takes back the last edit; whether there was one (no editor yet: nothing edited).
    pub fn undo(&mut self) -> bool {
        self.editor.as_mut().is_some_and(|e| e.undo().is_some())
    }

    /// Makes the last edit taken back again; whether there was one.
    pub fn redo(&mut self) -> bool {
        self.editor.as_mut().is_some_and(|e| e.redo().is_some())
    }

    /// The data was just written: the edits are saved, and the files on disk are the app's
    /// own (not a change to read again).
    pub fn saved(&mut self) {
        if let Some(editor) = self.editor.as_mut() {
            editor.mark_saved();
        }
        if let Some(watch) = self.watch.as_mut() {
            watch.remember_disk();
        }
    }

    pub fn is_dirty(&self) -> bool {
        self.editor.as_ref().is_some_and(Editor::is_dirty)
    }

    pub fn form(&self) -> Option<&FormDraft> {
        self.form.as_ref()
    }

    /// Watch `dir`'s tables (replacing any earlier watch); the app's own saves are told
    /// apart by their contents.
    pub fn watch(&mut self, dir: &Path) {
        self.watch = DataWatch::start(dir);
    }

    pub fn watch_mut(&mut self) -> Option<&mut DataWatch> {
        self.watch.as_mut()
    }

    pub fn watched_dir(&self) -> Option<&Path> {
        self.watch.as_ref().map(DataWatch::dir)
    }
}

/// A folder beside the data for one side of a conflict: `<dir>/<what>-<UTC stamp>`.
pub fn side_folder(dir: &Path, what: &str) -> PathBuf {
    let stamp = jiff::Timestamp::now().strftime("%Y%m%d-%H%M%S").to_string();
    dir.join(format!("{what}-{stamp}"))
}
