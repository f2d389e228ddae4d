//! The eframe app, as a composition of subsystems: each field below is a type with private
//! fields and its own API. The `impl` is split by role, as Rerun's `app/` is: `frame.rs` runs
//! a frame (keys, background work, derived data, then the layout), `layout.rs` draws the
//! panels and windows (reading state, pushing commands), `commands.rs` applies the commands
//! at the end of the frame. This file builds the app, answers questions about it (tests and
//! the benchmarks ask), and saves the settings.

mod authoring;
mod authoring_layout;
mod briefing;
mod commands;
mod data;
mod edit_commands;
mod evidence_commands;
mod frame;
mod jobs;
mod launch;
mod layout;
mod playback;
mod presenter;
mod presenting;
mod thumbnails;
mod watch;

use std::sync::Arc;

use atlas_core::derived::Derived;
use atlas_core::evidence::desk::EvidenceDesk;

use authoring::Authoring;

use briefing::BriefingDoc;
pub use briefing::{BriefingOrigin, BriefingState};
use data::AtlasData;
use jobs::Jobs;
pub use launch::Launcher;
use playback::Playback;
use presenting::Presentation;

use crate::command::CommandQueue;
use crate::geo::boundaries::DistrictSet;
use crate::io::{DataLocation, Loaded};
use crate::map::camera::Camera;
use crate::map::layer::MapHits;
use crate::map::prepared::PreparedMap;
use crate::map::tiles::{TileNetwork, TileService};
use crate::model::Dataset;
use crate::model::compare::{Comparison, Scope};
use crate::model::timeline::{Player, Timeline};
use crate::notifications::Notifications;
use crate::state::{DateWindow, Selection, ViewSettings};

const SETTINGS_KEY: &str = "incident-atlas/view-settings";

/// The settings saved by the last run. A store that holds them but cannot be read (damaged,
/// or written by an incompatible version) gives the defaults and a notice; it never stops
/// the app from starting.
pub fn read_settings(
    storage: Option<&dyn eframe::Storage>,
    store_file: Option<&std::path::Path>,
) -> (ViewSettings, Option<String>) {
    const NOTICE: &str = "The saved settings could not be read, so the defaults are in use; they will be saved again when you quit.";
    let Some(storage) = storage else {
        return (ViewSettings::default(), None);
    };
    if storage.get_string(SETTINGS_KEY).is_some() {
        if let Some(settings) = eframe::get_value::<ViewSettings>(storage, SETTINGS_KEY) {
            return (settings, None);
        }
        log::warn!("the saved settings could not be parsed; using defaults");
        return (ViewSettings::default(), Some(NOTICE.to_owned()));
    }
    // eframe drops a store file it cannot parse and starts empty: if the file is there and
    // names our settings, they were lost to damage, and the user should know.
    let damaged = store_file
        .and_then(|f| std::fs::read_to_string(f).ok())
        .is_some_and(|text| text.contains(SETTINGS_KEY));
    (ViewSettings::default(), damaged.then(|| NOTICE.to_owned()))
}

/// Which windows are open, what is selected, and which group of markers is fanned out:
/// what the user points at, never saved.
// Independent flags, one per window: a state machine would not fit them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Default)]
struct Interaction {
    selection: Selection,
    fanned_out: Option<usize>,
    about: bool,
    problems: bool,
    briefing: bool,
    shortcuts: bool,
    log: bool,
    links: bool,
    /// Data the user asked to open; the launcher loads it in place of this app.
    open_data: Option<crate::io::DataLocation>,
    /// The analyst's tile server and file as being edited (the window is open while set).
    private_tiles: Option<crate::ui::private_tiles::TilesDraft>,
    /// A table waiting for its column mapping (the dialog is open while this is set).
    mapping: Option<crate::ui::mapping::MappingDraft>,
    /// The claim whose passage was asked for last (shown again once the documents folder
    /// is chosen).
    evidence_claim: Option<String>,
}

pub struct AtlasApp {
    data: AtlasData,
    derived: Derived,
    camera: Camera,
    playback: Playback,
    tiles: TileService,
    jobs: Jobs,
    briefing: BriefingDoc,
    notifications: Notifications,
    presentation: Presentation,
    settings: ViewSettings,
    interaction: Interaction,
    commands: CommandQueue,
    authoring: Authoring,
    evidence: EvidenceDesk,
}

impl AtlasApp {
    /// Takes an area layer read from `path` (on a worker thread, or at start-up): shown and
    /// remembered, or, when nothing in it could be drawn, forgotten with an error. Its
    /// problems go to the Problems window either way.
    pub fn layer_read(
        &mut self,
        path: &std::path::Path,
        layer: Option<Arc<atlas_core::prepare::user_layers::UserLayer>>,
        problems: crate::io::Problems,
    ) {
        let count = problems.0.len();
        self.data.add_problems(problems);
        if let Some(layer) = layer {
            {
                let areas = layer.areas.len();
                let name = layer.name.clone();
                self.settings.area_layer_mut(path);
                self.data.add_layer(layer);
                let note = if count > 0 {
                    format!("; {count} problem(s), see Problems")
                } else {
                    String::new()
                };
                self.notifications
                    .info(format!("Area layer {name}: {areas} areas{note}"));
            }
        } else {
            {
                self.settings.area_layers.retain(|l| l.path != path);
                self.data.remove_layer(path);
                self.notifications.error(format!(
                    "The area layer {} could not be drawn; see Problems",
                    path.display()
                ));
            }
        }
    }

    /// Builds the app from loaded data; geometry is prepared here, once. No network request is
    /// made unless the settings ask for an online layer.
    pub fn new(loaded: Loaded, location: DataLocation, settings: ViewSettings) -> Self {
        let started = std::time::Instant::now();
        let prepared = Arc::new(PreparedMap::new(&loaded));
        log::info!("prepared the map in {:?}", started.elapsed());
        crate::io::progress::log_memory("prepared the map");
        let briefing = BriefingState::open(&location, settings.briefing_file.as_deref());
        let mut data = AtlasData::new(Arc::new(loaded), prepared, location);
        let mut settings = settings;
        for part in data.location().parts().into_iter().rev() {
            if let Some(path) = part.path() {
                settings.remember_data(path.to_path_buf());
            }
        }
        settings.sources = data.known_sources(&settings.sources);
        data.set_filter(&settings.sources);
        let playback = Playback::new(data.full(), settings.window);
        let interaction = Interaction {
            // Open the problems window by itself when the data has errors: nothing is hidden.
            problems: data.problems().errors() > 0,
            ..Interaction::default()
        };
        let mut app = Self {
            data,
            derived: Derived::default(),
            camera: Camera::fitting(),
            playback,
            tiles: TileService::new(TileNetwork::from_platform()),
            jobs: Jobs::default(),
            briefing: BriefingDoc::new(briefing),
            notifications: Notifications::default(),
            presentation: Presentation::default(),
            settings,
            interaction,
            commands: CommandQueue::default(),
            authoring: Authoring::default(),
            evidence: EvidenceDesk::default(),
        };
        if let DataLocation::Dir(dir) = app.data.location().clone() {
            app.authoring.watch(&dir);
        }
        if let Some(error) = app.briefing.state().broken.clone() {
            app.notifications
                .error(format!("The briefing could not be read: {error}"));
        }
        app.report_unknown_references();
        app
    }

    /// Where tiles are cached and fetched from (tests point it at a closed port).
    #[must_use]
    #[cfg(feature = "testing")]
    pub fn with_tile_network(mut self, network: TileNetwork) -> Self {
        self.tiles = TileService::new(network);
        self
    }

    /// Queues a command, applied at the end of the next frame like a panel's (tests drive
    /// the app through this).
    #[cfg(feature = "testing")]
    pub fn send(&mut self, command: impl Into<crate::command::Command>) {
        self.commands.push(command);
    }

    pub fn selection(&self) -> &Selection {
        &self.interaction.selection
    }

    /// Data the user asked to open, taken once: the launcher then loads it in this app's
    /// place, with these settings.
    pub fn take_open_request(&mut self) -> Option<crate::io::DataLocation> {
        self.interaction.open_data.take()
    }

    pub fn settings(&self) -> &ViewSettings {
        &self.settings
    }

    pub fn loaded(&self) -> &Loaded {
        self.data.loaded()
    }

    pub fn prepared(&self) -> &PreparedMap {
        self.data.prepared()
    }

    /// The dataset as the sources in view tell it.
    pub fn view(&self) -> &Dataset {
        self.data.view().dataset()
    }

    /// The comparison the side panel shows (built during the last frame).
    pub fn comparison(&self) -> Option<&Comparison> {
        self.derived.comparison().map(|c| &c.comparison)
    }

    /// What the side panel compares: the selected incident, else the selected district,
    /// else the whole campaign.
    pub fn scope(&self) -> Scope {
        let selection = &self.interaction.selection;
        Scope::of_selection(selection.incident.as_deref(), selection.district.as_deref())
    }

    /// What the map saw last frame.
    pub fn hits(&self) -> &MapHits {
        self.camera.hits()
    }

    /// Whether the tehsil layer has been prepared (it is, off the UI thread, once turned on).
    /// The area layers read so far, and whether more are being read.
    pub fn area_layers(&self) -> (&[Arc<atlas_core::prepare::user_layers::UserLayer>], bool) {
        (self.data.layers(), self.jobs.reading_layers())
    }

    /// What is open.
    pub fn data_location(&self) -> &DataLocation {
        self.data.location()
    }

    /// The file waiting in the column-mapping dialog, if it is open.
    pub fn mapping_dialog(&self) -> Option<&std::path::Path> {
        self.interaction.mapping.as_ref().map(|d| d.path.as_path())
    }

    pub fn tehsils_ready(&self) -> bool {
        self.jobs.tehsils().is_some()
    }

    pub fn window(&self) -> DateWindow {
        self.playback.window()
    }

    /// Shows these dates (clamped to the data's) from the next frame.
    #[cfg(feature = "testing")]
    pub fn set_window(&mut self, window: DateWindow) {
        self.playback.set_window(window);
    }

    pub fn timeline(&self) -> &Timeline {
        self.playback.timeline()
    }

    pub fn player(&self) -> &Player {
        self.playback.player()
    }

    /// Where the timeline's strips were laid out last frame.
    #[cfg(feature = "testing")]
    pub fn timeline_layout(&self) -> crate::ui::timeline::TimelineLayout {
        self.playback.layout()
    }

    /// How many placed incidents the map shows now.
    pub fn markers_shown(&self) -> usize {
        self.derived.markers_shown()
    }

    /// The district set in force at the end of the selected dates.
    pub fn district_set(&self) -> DistrictSet {
        DistrictSet::in_force_on(self.playback.window().end)
    }

    pub fn briefing(&self) -> &BriefingState {
        self.briefing.state()
    }

    /// How many slide thumbnails are drawn and uploaded.
    pub fn thumbnails_ready(&self) -> usize {
        self.briefing.thumbnails().ready()
    }

    pub fn presenting(&self) -> bool {
        self.presentation.presenting()
    }

    /// Whether the map is still moving to a slide.
    pub fn in_transition(&self) -> bool {
        self.camera.in_transition()
    }

    /// Every notification's text this session, oldest first (faded toasts included).
    #[cfg(feature = "testing")]
    pub fn notices(&self) -> Vec<&str> {
        self.notifications
            .log()
            .iter()
            .map(|n| n.text.as_str())
            .collect()
    }

    /// The notifications themselves, with their levels.
    pub fn notifications(&self) -> &Notifications {
        &self.notifications
    }

    /// The editing form open, if any.
    pub fn edit_form(&self) -> Option<&crate::ui::edit_forms::FormDraft> {
        self.authoring.form()
    }

    /// Whether the data holds edits not saved yet.
    pub fn has_unsaved_edits(&self) -> bool {
        self.authoring.is_dirty()
    }

    /// The document the evidence view shows, if it is open.
    pub fn evidence(&self) -> Option<&atlas_core::evidence::desk::OpenDocument> {
        self.evidence.open()
    }

    /// The folder the data files are watched in, if any.
    pub fn watched_folder(&self) -> Option<&std::path::Path> {
        self.authoring.watched_dir()
    }

    /// Whether an export is running.
    pub fn exporting(&self) -> bool {
        self.jobs.exporting().is_some()
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.window = Some(self.playback.window());
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
