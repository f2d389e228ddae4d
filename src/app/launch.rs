//! Opening a dataset without freezing the window: the window paints at once with a progress
//! bar (the stage, and the rows read so far) while a worker thread loads the tables, checks
//! the places, prepares the map and groups the markers; then the app takes over the window.
//! A million incidents take seconds to open; the window answers all along.

use std::sync::Arc;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use atlas_core::io::{LoadProgress, LoadStage, load_matching};
use egui::RichText;

use super::{AtlasApp, read_settings};
use crate::io::DataLocation;
use crate::state::ViewSettings;

// One per window, replaced whole: the size of the loading variant costs nothing.
#[allow(clippy::large_enum_variant)]
enum LaunchState {
    Loading {
        progress: Arc<LoadProgress>,
        receive: Receiver<Box<AtlasApp>>,
        location: DataLocation,
        /// The app that was open before, back in the window if this load is cancelled.
        previous: Option<Box<AtlasApp>>,
    },
    Ready(Box<AtlasApp>),
    Failed(String),
}

/// The window's app until the data is ready, then a thin shell around `AtlasApp`.
pub struct Launcher {
    state: LaunchState,
    /// The theme the user chose, for the progress screen (the app sets it from then on).
    dark: bool,
    /// A crash report from the last run, offered until the user answers.
    crash: Option<crate::diagnostics::PendingCrash>,
}

impl Launcher {
    /// Starts loading `location` on a worker thread. `notice` (a settings store that could
    /// not be read) is handed to the app as a warning when it is ready.
    pub fn start(location: DataLocation, settings: ViewSettings, notice: Option<String>) -> Self {
        let dark = settings.dark_mode;
        let progress = Arc::new(LoadProgress::default());
        let (send, receive) = channel();
        let worker_progress = Arc::clone(&progress);
        let worker_location = location.clone();
        let spawned = std::thread::Builder::new()
            .name("open-dataset".to_owned())
            .spawn(move || {
                // Cancelled: nothing is sent, and the window has already moved on.
                if let Some(app) = open(worker_location, settings, notice, &worker_progress) {
                    // The window may have closed meanwhile; then nobody needs the app.
                    let _ = send.send(Box::new(app));
                }
            });
        let state = match spawned {
            Ok(_) => LaunchState::Loading {
                progress,
                receive,
                location,
                previous: None,
            },
            Err(e) => LaunchState::Failed(format!("cannot start loading the data: {e}")),
        };
        Self {
            state,
            dark,
            crash: None,
        }
    }

    /// Offers `crash` (a report the last run left) over whatever the window shows.
    #[must_use]
    pub fn with_crash_offer(mut self, crash: Option<crate::diagnostics::PendingCrash>) -> Self {
        self.crash = crash;
        self
    }

    /// Used by `main`: restores the settings saved by the last run, then starts loading.
    /// `layers` (from `--layer`) join the area layers the settings remember; `briefing` (a
    /// briefing file opened with the app) replaces the one they remember.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        location: DataLocation,
        layers: Vec<std::path::PathBuf>,
        briefing: Option<std::path::PathBuf>,
    ) -> Self {
        let store_file = eframe::storage_dir("Incident Atlas").map(|d| d.join("app.ron"));
        let (mut settings, notice) = read_settings(cc.storage, store_file.as_deref());
        for path in layers {
            settings.area_layer_mut(&path).visible = true;
        }
        if let Some(briefing) = briefing {
            log::info!("opening the briefing {}", briefing.display());
            settings.briefing_file = Some(briefing);
        }
        let crash = crate::diagnostics::data_dir()
            .and_then(|dir| crate::diagnostics::take_pending_crash(&dir));
        Self::start(location, settings, notice).with_crash_offer(crash)
    }

    /// The app, once the data is ready.
    pub fn app(&self) -> Option<&AtlasApp> {
        match &self.state {
            LaunchState::Ready(app) => Some(app),
            LaunchState::Loading { .. } | LaunchState::Failed(_) => None,
        }
    }

    /// The app, once the data is ready, to drive (tests send it commands).
    pub fn app_mut(&mut self) -> Option<&mut AtlasApp> {
        match &mut self.state {
            LaunchState::Ready(app) => Some(app),
            LaunchState::Loading { .. } | LaunchState::Failed(_) => None,
        }
    }

    /// One frame: the app's, or the progress while it is being built.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        crate::ui::crash_offer::show(ui.ctx(), &mut self.crash);
        if let LaunchState::Loading { receive, .. } = &self.state {
            match receive.try_recv() {
                Ok(app) => self.state = LaunchState::Ready(app),
                Err(TryRecvError::Empty) => {}
                Err(TryRecvError::Disconnected) => {
                    self.state = LaunchState::Failed(
                        "loading the data stopped with an internal error (see the log)".to_owned(),
                    );
                }
            }
        }
        match &mut self.state {
            LaunchState::Ready(app) => {
                app.show(ui);
                if let Some(location) = app.take_open_request() {
                    log::info!("opening {}", location.describe());
                    let (settings, dark) = (app.settings().clone(), app.settings().dark_mode);
                    let mut next = Self::start(location, settings, None);
                    next.dark = dark;
                    next.crash = self.crash.take();
                    let previous =
                        std::mem::replace(&mut self.state, LaunchState::Failed(String::new()));
                    if let (LaunchState::Loading { previous: kept, .. }, LaunchState::Ready(app)) =
                        (&mut next.state, previous)
                    {
                        *kept = Some(app);
                    }
                    *self = next;
                    ui.ctx().request_repaint();
                }
            }
            LaunchState::Loading {
                progress,
                location,
                previous,
                ..
            } => {
                let theme = if self.dark {
                    egui::Theme::Dark
                } else {
                    egui::Theme::Light
                };
                if ui.ctx().theme() != theme {
                    ui.ctx().set_theme(theme);
                }
                if progress_ui(ui, progress, location, previous.is_some()) {
                    self.cancel(ui.ctx());
                    return;
                }
                // The worker cannot reach this window: look again shortly.
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            LaunchState::Failed(message) => {
                egui::CentralPanel::default().show(ui, |ui| {
                    ui.heading("The data could not be opened");
                    ui.label(message.as_str());
                });
            }
        }
    }
}

impl Launcher {
    /// Stops the load under way: the worker stops reading at its next check, and the window
    /// goes back to the data that was open (or, at start-up, opens the bundled data).
    pub fn cancel(&mut self, ctx: &egui::Context) {
        let LaunchState::Loading { progress, .. } = &self.state else {
            return;
        };
        progress.cancel();
        let state = std::mem::replace(&mut self.state, LaunchState::Failed(String::new()));
        let LaunchState::Loading {
            previous, location, ..
        } = state
        else {
            return;
        };
        log::info!("cancelled opening {}", location.describe());
        if let Some(mut app) = previous {
            app.notifications
                .info(format!("Stopped opening {}", location.describe()));
            self.state = LaunchState::Ready(app);
        } else {
            let (dark, crash) = (self.dark, self.crash.take());
            *self = Self::start(DataLocation::Bundled, ViewSettings::default(), None);
            self.dark = dark;
            self.crash = crash;
        }
        ctx.request_repaint();
    }

    /// Whether a load is under way.
    pub fn is_loading(&self) -> bool {
        matches!(self.state, LaunchState::Loading { .. })
    }
}

/// Everything the app needs before its first frame, on the worker thread; `None` when the
/// load was cancelled.
fn open(
    location: DataLocation,
    settings: ViewSettings,
    notice: Option<String>,
    progress: &LoadProgress,
) -> Option<AtlasApp> {
    let started = std::time::Instant::now();
    let loaded = load_matching(&location, progress, settings.match_rule);
    if progress.is_cancelled() {
        return None;
    }
    log::info!(
        "loaded {} incidents and {} claims in {:?}",
        loaded.dataset.incidents.len(),
        loaded.dataset.claims.len(),
        started.elapsed()
    );
    for problem in loaded.problems.iter().take(1000) {
        log::warn!("{problem}");
    }
    progress.set_stage(LoadStage::Preparing);
    let mut layers = atlas_core::io::layer_paths(&location);
    for remembered in &settings.area_layers {
        if !layers.contains(&remembered.path) {
            layers.push(remembered.path.clone());
        }
    }
    let mut app = AtlasApp::new(loaded, location, settings);
    for path in layers {
        let mut problems = crate::io::Problems::default();
        let layer = atlas_core::prepare::user_layers::load(&path, &mut problems);
        app.layer_read(&path, layer.map(Arc::new), problems);
    }
    if let Some(notice) = notice {
        app.notifications.warning(notice);
    }
    progress.set_stage(LoadStage::Grouping);
    app.warm_up();
    progress.set_stage(LoadStage::Ready);
    Some(app)
}

/// The progress screen; returns whether Cancel was clicked.
fn progress_ui(
    ui: &mut egui::Ui,
    progress: &LoadProgress,
    location: &DataLocation,
    back_to_previous: bool,
) -> bool {
    let mut cancel = false;
    egui::CentralPanel::default().show(ui, |ui| {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 3.0);
            ui.heading(format!("Opening {}", location.describe()));
            ui.add_space(12.0);
            let stage = progress.stage();
            let rows = progress.rows();
            ui.label(RichText::new(stage.label()).strong());
            // Not animated: an animated bar repaints every frame, and without a GPU (a virtual
            // machine, a remote desktop) each frame is drawn on the cores the load needs. The
            // bar and the row count move ten times a second (the repaint below).
            ui.add(egui::ProgressBar::new(progress.fraction()).desired_width(420.0));
            if rows > 0 {
                ui.label(format!("{} rows read", group_digits(rows)));
            }
            ui.add_space(12.0);
            let hint = if back_to_previous {
                "Stop reading and go back to the data that was open"
            } else {
                "Stop reading and open the bundled data instead"
            };
            cancel = ui.button("Cancel").on_hover_text(hint).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape));
        });
    });
    cancel
}

/// 1234567 → "1,234,567".
fn group_digits(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

impl eframe::App for Launcher {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        if let LaunchState::Ready(app) = &mut self.state {
            eframe::App::save(app.as_mut(), storage);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::group_digits;

    #[test]
    fn large_counts_are_grouped_by_thousands() {
        assert_eq!(group_digits(7), "7");
        assert_eq!(group_digits(1_000), "1,000");
        assert_eq!(group_digits(1_234_567), "1,234,567");
    }
}
