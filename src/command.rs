//! Every user intent that changes state, grouped by the part of the app it changes. Panels
//! push these; the app applies them once, at the end of the frame, so no panel mutates what
//! another panel is reading. Each group is handled by one `match` without a catch-all arm
//! (`app/commands.rs`), so a new variant does not compile until it is handled.

use std::path::PathBuf;

use crate::model::LonLat;
use crate::model::timeline::PlaybackSettings;
use crate::state::ShadingMode;
use crate::state::{DateWindow, DensityMode};
use atlas_core::tiles::TileLayer;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    Selection(SelectionCommand),
    Camera(CameraCommand),
    Time(TimeCommand),
    Sources(SourceCommand),
    Settings(SettingsCommand),
    Briefing(BriefingCommand),
    Window(WindowCommand),
    Edit(EditCommand),
    Evidence(EvidenceCommand),
}

/// What is selected.
#[derive(Debug, Clone, PartialEq)]
pub enum SelectionCommand {
    SelectIncident(Option<String>),
    SelectDistrict(Option<String>),
    /// Select an incident and bring it into view: its dates on the timeline, its place on
    /// the map (a finding or a district's list was clicked).
    ShowIncident(String),
    /// Fan out the group of markers that share one point (its first member), or fold it.
    FanOut(Option<usize>),
}

/// Where the map looks.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CameraCommand {
    FitBalochistan,
    FitSelection,
    /// Zoom in (positive) or out by whole levels, keeping the centre.
    ZoomBy(f64),
    /// Centre on a point at a zoom (a group of markers that splits there).
    ZoomTo(LonLat, f64),
}

/// The selected dates and playback.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum TimeCommand {
    /// Show these dates (clamped to the data's dates); a user's choice also pauses playback.
    SetWindow(DateWindow),
    /// Move the window by whole days (negative: earlier), within the data's dates.
    ShiftWindow(i32),
    /// Move the window to the first (`false`) or last (`true`) dates of the data.
    WindowToEnd(bool),
    /// Back to the window the timeline opens on.
    ResetWindow,
    TogglePlay,
    SetPlayback(PlaybackSettings),
    SetHideUndated(bool),
}

/// Which sources' claims are in view.
#[derive(Debug, Clone, PartialEq)]
pub enum SourceCommand {
    /// Switch a source's claims on or off in every view.
    SetSourceOn(String, bool),
    /// Show the map, shading and panel as one source tells it (`None`: every source on).
    SetLens(Option<String>),
    /// Accept or reject a proposed link between two datasets' incidents (`None`: undecided
    /// again); saved beside the data, then the data is reopened with it.
    DecideLink {
        first: String,
        second: String,
        decision: Option<atlas_core::model::links::Decision>,
    },
}

/// The saved view settings: theme, layers, panel, scales, export size.
#[derive(Debug, Clone, PartialEq)]
pub enum SettingsCommand {
    SetDarkMode(bool),
    SetTileLayer(TileLayer),
    SetShading(ShadingMode),
    SetShowTehsils(bool),
    /// Markers, or the density of incidents.
    SetDensity(DensityMode),
    SetHideLegend(bool),
    /// Collapse or open the comparison panel.
    SetHidePanel(bool),
    /// The UI scale outside presentation mode, and while presenting.
    SetUiScale(f32),
    SetPresentationScale(f32),
    /// The size exports are drawn at (`None`: the window's).
    SetExportSize(Option<[u32; 2]>),
    /// Remember a column mapping for a header (`io::import::mapping::header_key`).
    RememberMapping(String, atlas_core::model::column_mapping::ColumnMapping),
    /// How near incidents of different datasets must be to be proposed as one event (the
    /// data is read again with it).
    SetMatchRule(atlas_core::model::links::MatchRule),
    /// The analyst's own tile server and file (the layer is chosen with `SetTileLayer`).
    SetPrivateTiles(atlas_core::tiles::PrivateTiles),
    /// How an area layer is shown (visible, filled by, labelled by); found by its path.
    SetAreaLayer(atlas_core::state::AreaLayerSettings),
}

/// Presenting, the slides, the briefing's file and exports.
#[derive(Debug, Clone, PartialEq)]
pub enum BriefingCommand {
    /// Enter (true) or leave presentation mode.
    SetPresenting(bool),
    /// Show a slide (0-based), with a smooth move of the map.
    GoToSlide(usize),
    /// Show the slide `n` steps on (negative: back).
    StepSlide(isize),
    /// Show the first (`false`) or last (`true`) slide.
    SlideAtEnd(bool),
    /// Save what the map shows now as a new slide after the current one.
    AddSlide,
    /// Replace a slide's view with what the map shows now (title and caption kept).
    UpdateSlide(usize),
    RenameSlide(usize, String),
    SetSlideCaption(usize, String),
    /// What a slide shows beside or instead of the map.
    SetSlideLayout(usize, crate::briefing::SlideLayout),
    /// The figures (metric names) a slide charts, in order; empty: the disputed ones.
    SetSlideFigures(usize, Vec<String>),
    /// A slide's speaker notes.
    SetSlideNotes(usize, String),
    SetBriefingTitle(String),
    /// Move a slide up (negative) or down the list.
    MoveSlide(usize, isize),
    DeleteSlide(usize),
    /// Ask for a briefing file to open (a file dialog), then open it.
    PickBriefingToOpen,
    /// Ask where to save the briefing (a file dialog), then save it there.
    PickBriefingSaveAs,
    /// Read another briefing file.
    OpenBriefing(PathBuf),
    /// Write the briefing to a new file and keep using that one.
    SaveBriefingAs(PathBuf),
    /// Export the current view as PNG (asks where).
    ExportView,
    /// Export every slide as PNG into a folder (asks which).
    ExportSlides,
    /// Play the selected dates into an animated GIF (asks where).
    ExportAnimation,
    /// Play the selected dates into `path` (a GIF, or a folder of PNGs) at `size`.
    ExportAnimationTo(PathBuf, [u32; 2]),
    /// Write the briefing as a PDF handout (asks where).
    ExportHandout,
    /// Show (true) or not the presenter window while presenting.
    SetPresenterView(bool),
    /// Write the briefing as a PDF handout to `path`.
    ExportHandoutTo(PathBuf),
}

/// Windows and notifications around the map.
#[derive(Debug, Clone, PartialEq)]
pub enum WindowCommand {
    ShowAbout(bool),
    ShowProblems(bool),
    ShowBriefingPanel(bool),
    ShowShortcuts(bool),
    ShowLog(bool),
    ToggleFullscreen,
    /// Close a notification's toast (it stays in the log).
    Dismiss(u64),
    /// Ask for a data folder or file with the system's dialog, then open it.
    PickDataToOpen,
    /// Open this data instead of what is open (a folder of our tables, or a file to import):
    /// loaded on a worker thread with a progress bar, as at start.
    OpenData(std::path::PathBuf),
    /// Ask for a file or folder with the system's dialog, then add it beside what is open.
    PickDataToAdd,
    /// Add this data beside what is open (the articles and an ACLED export side by side).
    AddData(std::path::PathBuf),
    ShowLinks(bool),
    /// Open (or add, `add`) a table of no known kind by the column mapping chosen for it.
    OpenMapped {
        path: std::path::PathBuf,
        mapping: Box<atlas_core::model::column_mapping::ColumnMapping>,
        add: bool,
    },
    /// Close the column-mapping dialog without opening its file.
    CloseMapping,
    /// Ask for a `GeoJSON` file of areas with the system's dialog, then add it as a layer.
    PickLayerToAdd,
    /// Read a `GeoJSON` file of areas (on a worker thread) and draw it over the districts.
    AddLayer(std::path::PathBuf),
    /// Take an area layer off the map and forget it.
    RemoveLayer(std::path::PathBuf),
    /// Open (or close) the window where the analyst's tile server or file is set.
    ShowPrivateTiles(bool),
    /// Ask for a `PMTiles` file with the system's dialog, then put it in the tiles window.
    PickTileFile,
}

/// Editing the data: the forms, undo and redo, saving, and the data changed on disk.
#[derive(Debug, Clone, PartialEq)]
pub enum EditCommand {
    /// Open the incident form for a new incident (at a point picked on the map, if given).
    NewIncident(Option<LonLat>),
    NewSource,
    /// Open the claim form for a new claim (about this incident, if given).
    NewClaim(Option<String>),
    /// Open the form of an existing row.
    EditRow(atlas_core::authoring::Table, String),
    /// Apply the open form to the data (an undoable change), and close it.
    ApplyForm,
    CloseForm,
    /// Delete a row (an incident or source with its claims), undoably.
    Delete(atlas_core::authoring::Table, String),
    Undo,
    Redo,
    /// Write the edits to the data's folder (atomically); asks for a folder when the data
    /// is the bundled dataset or an imported file, which are never written.
    Save,
    /// Ask for a folder, then save a copy of the data there and keep editing that copy.
    PickFolderForCopy,
    SaveCopyTo(PathBuf),
    /// The next click on the map places the incident form's point (`false`: stop).
    PickOnMap(bool),
    /// A point was picked on the map for the incident form.
    PlacePicked(LonLat),
    /// The data files changed on disk while edits were unsaved: keep the edits aside in a
    /// folder and read the files (`true`), or keep editing and keep the disk's version aside
    /// when saving (`false`).
    ResolveConflict {
        reload: bool,
    },
}

/// The evidence view: documents, passages, and claims made from them.
#[derive(Debug, Clone, PartialEq)]
pub enum EvidenceCommand {
    /// Open a claim's document at its passage.
    ShowClaim(String),
    /// Ask for the folder that holds the sources' documents (remembered).
    PickDocumentsFolder,
    SetDocumentsFolder(PathBuf),
    /// Ask for a document to read (a new article), then open it.
    PickDocument,
    OpenDocument(PathBuf),
    /// The passage selected in the open document (byte offsets into its text).
    SetSelection(Option<(usize, usize)>),
    /// Open the claim form pre-filled from the selected passage.
    NewClaimFromSelection,
    /// List every figure phrase of the open document as suggested claims.
    Suggest,
    /// Take a suggestion (opens the claim form pre-filled) or drop it from the list.
    AcceptSuggestion(usize),
    RejectSuggestion(usize),
    Close,
}

macro_rules! into_command {
    ($($group:ident => $variant:ident),+ $(,)?) => {
        $(impl From<$group> for Command {
            fn from(command: $group) -> Self {
                Command::$variant(command)
            }
        })+
    };
}

into_command!(
    SelectionCommand => Selection,
    CameraCommand => Camera,
    TimeCommand => Time,
    SourceCommand => Sources,
    SettingsCommand => Settings,
    BriefingCommand => Briefing,
    WindowCommand => Window,
    EditCommand => Edit,
    EvidenceCommand => Evidence,
);

/// Where panels put their commands for the end of the frame.
#[derive(Debug, Default)]
pub struct CommandQueue {
    queued: Vec<Command>,
}

impl CommandQueue {
    pub fn push(&mut self, command: impl Into<Command>) {
        self.queued.push(command.into());
    }

    pub fn is_empty(&self) -> bool {
        self.queued.is_empty()
    }

    /// Everything queued, in order; the queue is left empty.
    pub fn take(&mut self) -> Vec<Command> {
        std::mem::take(&mut self.queued)
    }
}
