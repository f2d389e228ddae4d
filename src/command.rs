//! Every user intent that changes state. Panels push these; the app applies them once, at
//! the end of the frame, so no panel mutates what another panel is reading.

use crate::map::shading::ShadingMode;
use crate::map::tiles::TileLayer;
use crate::model::LonLat;
use crate::model::timeline::PlaybackSettings;
use crate::state::DateWindow;

#[derive(Debug, Clone, PartialEq)]
pub enum Command {
    SelectIncident(Option<String>),
    SelectDistrict(Option<String>),
    FitBalochistan,
    FitSelection,
    /// Zoom in (positive) or out by whole levels, keeping the centre.
    ZoomBy(f64),
    /// Centre on a point at a zoom (a group of markers that splits there).
    ZoomTo(LonLat, f64),
    /// Fan out the group of markers that share one point (its first member), or fold it.
    FanOut(Option<usize>),
    SetDarkMode(bool),
    SetTileLayer(TileLayer),
    SetShading(ShadingMode),
    SetShowTehsils(bool),
    SetHideLegend(bool),
    /// Show these dates (clamped to the data's dates); a user's choice also pauses playback.
    SetWindow(DateWindow),
    /// Back to the window the timeline opens on.
    ResetWindow,
    TogglePlay,
    SetPlayback(PlaybackSettings),
    SetHideUndated(bool),
    /// Collapse or open the comparison panel.
    SetHidePanel(bool),
    /// Switch a source's claims on or off in every view.
    SetSourceOn(String, bool),
    /// Show the map, shading and panel as one source tells it (`None`: every source on).
    SetLens(Option<String>),
    /// Select an incident and bring it into view: its dates on the timeline, its place on
    /// the map (a finding or a district's list was clicked).
    ShowIncident(String),
    ShowAbout,
    ShowProblems,
    /// Enter (true) or leave presentation mode.
    SetPresenting(bool),
    ToggleFullscreen,
    /// The UI scale outside presentation mode, and while presenting.
    SetUiScale(f32),
    SetPresentationScale(f32),
    ShowBriefingPanel(bool),
    /// Show a slide (0-based), with a smooth move of the map.
    GoToSlide(usize),
    /// Show the slide `n` steps on (negative: back).
    StepSlide(isize),
    /// Save what the map shows now as a new slide after the current one.
    AddSlide,
    /// Replace a slide's view with what the map shows now (title and caption kept).
    UpdateSlide(usize),
    RenameSlide(usize, String),
    SetSlideCaption(usize, String),
    SetBriefingTitle(String),
    /// Move a slide up (negative) or down the list.
    MoveSlide(usize, isize),
    DeleteSlide(usize),
    /// Read another briefing file (a file dialog picked it).
    OpenBriefing(std::path::PathBuf),
    /// Write the briefing to a new file and keep using that one.
    SaveBriefingAs(std::path::PathBuf),
    /// Export the current view as PNG (asks where).
    ExportView,
    /// Export every slide as PNG into a folder (asks which).
    ExportSlides,
    /// The size exports are drawn at (`None`: the window's).
    SetExportSize(Option<[u32; 2]>),
    DismissNotice(usize),
}
