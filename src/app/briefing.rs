//! The briefing document inside the app: which file it lives in (and whether it may be
//! written), the slide shown last, the Briefing window's edits in progress, and the edits to
//! the list, each saved atomically. Showing a slide touches the rest of the app and is in
//! `commands.rs`.

use std::path::{Path, PathBuf};

use crate::briefing::{Briefing, Slide};
use crate::io::DataLocation;
use crate::io::briefing_file::{self, BUNDLED_BRIEFING, BriefingError};
use crate::ui::briefing_panel::BriefingPanelState;

/// Where the briefing came from, and so where edits go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BriefingOrigin {
    /// The briefing inside the binary; the first edit writes a copy to the user's data folder.
    Bundled,
    File(PathBuf),
}

/// The briefing the app shows, where it lives, and whether it may be written.
#[derive(Debug, Clone)]
pub struct BriefingState {
    pub briefing: Briefing,
    pub origin: BriefingOrigin,
    /// The file could not be read: the app shows it and never writes over it.
    pub broken: Option<String>,
    /// The slide shown last (0-based).
    pub current: Option<usize>,
}

impl BriefingState {
    /// The briefing for a launch: the file the user last used, else `briefing.json` next to
    /// a dataset folder, else the bundled briefing (bundled data only).
    pub fn open(location: &DataLocation, last_file: Option<&Path>) -> Self {
        let file = last_file.map(Path::to_path_buf).or_else(|| {
            location
                .folder()
                .map(|dir| dir.join(briefing_file::FILE_NAME))
        });
        match file {
            Some(path) if path.exists() || last_file.is_some() => Self::read(path),
            // A dataset folder without a briefing: an empty one, written there on first edit.
            Some(path) => Self {
                briefing: Briefing::default(),
                origin: BriefingOrigin::File(path),
                broken: None,
                current: None,
            },
            None => Self::bundled(),
        }
    }

    pub fn bundled() -> Self {
        let (name, text) = BUNDLED_BRIEFING;
        match briefing_file::parse(name, text) {
            Ok(briefing) => Self {
                briefing,
                origin: BriefingOrigin::Bundled,
                broken: None,
                current: None,
            },
            Err(e) => Self {
                briefing: Briefing::default(),
                origin: BriefingOrigin::Bundled,
                broken: Some(e.to_string()),
                current: None,
            },
        }
    }

    /// Reads a file; a broken one is kept as the origin (so it is named) but marked broken.
    pub fn read(path: PathBuf) -> Self {
        match briefing_file::read(&path) {
            Ok(briefing) => Self {
                briefing,
                origin: BriefingOrigin::File(path),
                broken: None,
                current: None,
            },
            Err(e) => {
                log::warn!("{e}");
                Self {
                    briefing: Briefing::default(),
                    origin: BriefingOrigin::File(path),
                    broken: Some(e.to_string()),
                    current: None,
                }
            }
        }
    }

    /// Where edits are written: the file, or for the bundled briefing a copy in the user's
    /// data folder.
    pub fn target(&self) -> Option<PathBuf> {
        match &self.origin {
            BriefingOrigin::File(path) => Some(path.clone()),
            BriefingOrigin::Bundled => {
                directories::ProjectDirs::from("org", "IncidentAtlas", "incident-atlas")
                    .map(|dirs| dirs.data_dir().join(briefing_file::FILE_NAME))
            }
        }
    }

    pub fn describe(&self) -> String {
        match &self.origin {
            BriefingOrigin::File(path) => path.display().to_string(),
            BriefingOrigin::Bundled => {
                "the bundled briefing (read-only; edits are saved to your data folder)".to_owned()
            }
        }
    }

    /// Writes the briefing atomically where it belongs. A broken file is never written over.
    pub fn save(&mut self) -> Result<PathBuf, String> {
        if let Some(error) = &self.broken {
            return Err(format!(
                "not saved: the briefing file could not be read ({error}); use Save as… to keep these slides"
            ));
        }
        let Some(target) = self.target() else {
            return Err("not saved: no folder to save the briefing in".to_owned());
        };
        if let Some(dir) = target.parent()
            && !dir.as_os_str().is_empty()
        {
            std::fs::create_dir_all(dir)
                .map_err(|e| format!("not saved: cannot create {}: {e}", dir.display()))?;
        }
        briefing_file::write(&target, &self.briefing).map_err(|e: BriefingError| e.to_string())?;
        self.origin = BriefingOrigin::File(target.clone());
        Ok(target)
    }
}

/// The briefing subsystem: the document and the Briefing window's edits in progress.
#[derive(Default)]
pub struct BriefingDoc {
    state: BriefingState,
    panel: BriefingPanelState,
    /// Counts changes to the slides, so their thumbnails are drawn again only when needed.
    revision: u64,
    thumbnails: super::thumbnails::Thumbnails,
}

impl BriefingDoc {
    pub fn new(state: BriefingState) -> Self {
        Self {
            state,
            panel: BriefingPanelState::default(),
            revision: 0,
            thumbnails: super::thumbnails::Thumbnails::default(),
        }
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }

    pub fn thumbnails(&self) -> &super::thumbnails::Thumbnails {
        &self.thumbnails
    }

    pub fn thumbnails_mut(&mut self) -> &mut super::thumbnails::Thumbnails {
        &mut self.thumbnails
    }

    pub fn state(&self) -> &BriefingState {
        &self.state
    }

    pub fn briefing(&self) -> &Briefing {
        &self.state.briefing
    }

    pub fn current(&self) -> Option<usize> {
        self.state.current
    }

    pub fn current_slide(&self) -> Option<&Slide> {
        self.state
            .current
            .and_then(|i| self.state.briefing.slides.get(i))
    }

    pub fn set_current(&mut self, index: Option<usize>) {
        self.state.current = index;
    }

    pub fn len(&self) -> usize {
        self.state.briefing.slides.len()
    }

    pub fn is_empty(&self) -> bool {
        self.state.briefing.slides.is_empty()
    }

    /// The document and the panel's edits, to draw the Briefing window.
    pub fn parts(&mut self) -> (&BriefingState, &mut BriefingPanelState) {
        (&self.state, &mut self.panel)
    }

    /// Replaces the document (another file was opened).
    pub fn replace(&mut self, state: BriefingState) {
        self.state = state;
        self.revision += 1;
    }

    /// Applies an edit to the list (the current slide kept within it) and saves the file.
    pub fn edit(
        &mut self,
        edit: impl FnOnce(&mut Briefing, &mut Option<usize>),
    ) -> Result<PathBuf, String> {
        self.revision += 1;
        let state = &mut self.state;
        edit(&mut state.briefing, &mut state.current);
        if let Some(i) = state.current
            && i >= state.briefing.slides.len()
        {
            state.current = state.briefing.slides.len().checked_sub(1);
        }
        state.save()
    }

    /// Saves to a new file and keeps using it; an unreadable file stays as it was.
    pub fn save_as(&mut self, path: PathBuf) -> Result<PathBuf, String> {
        self.state.origin = BriefingOrigin::File(path);
        self.state.broken = None;
        self.state.save()
    }
}

impl Default for BriefingState {
    fn default() -> Self {
        Self::bundled()
    }
}

/// Inserts `slide` after the current one and makes it current.
pub fn insert_after_current(briefing: &mut Briefing, current: &mut Option<usize>, slide: Slide) {
    let at = current.map_or(briefing.slides.len(), |i| i + 1);
    briefing.slides.insert(at, slide);
    *current = Some(at);
}

/// Moves a slide up (negative) or down; the current slide follows it.
pub fn move_slide(
    briefing: &mut Briefing,
    current: &mut Option<usize>,
    index: usize,
    delta: isize,
) {
    let len = briefing.slides.len();
    let Some(to) = index.checked_add_signed(delta).filter(|to| *to < len) else {
        return;
    };
    if index >= len {
        return;
    }
    let slide = briefing.slides.remove(index);
    briefing.slides.insert(to, slide);
    if *current == Some(index) {
        *current = Some(to);
    } else if *current == Some(to) {
        *current = Some(index);
    }
}

/// Deletes a slide; the current one stays current (or none, if it was deleted).
pub fn delete_slide(briefing: &mut Briefing, current: &mut Option<usize>, index: usize) {
    if index < briefing.slides.len() {
        briefing.slides.remove(index);
        *current = match *current {
            Some(i) if i > index => Some(i - 1),
            Some(i) if i == index => None,
            other => other,
        };
    }
}
