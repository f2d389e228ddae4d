//! The briefing inside the app: which file it lives in, showing a slide (with a smooth move
//! of the map), capturing the current view as one, editing the list, and exporting PNGs on
//! a worker thread.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

use walkers::lon_lat;

use super::AtlasApp;
use crate::briefing::{Briefing, Layers, MapView, Slide, slide_file_name, slug, step};
use crate::geo::projection::{lon_lat_from_world, world_from_lon_lat};
use crate::io::DataLocation;
use crate::io::briefing_file::{self, BUNDLED_BRIEFING, BriefingError};
use crate::model::LonLat;
use crate::render::slide::{RenderJob, render_job};
use crate::state::ViewSettings;

/// How long the map takes to move from one slide to the next.
const TRANSITION_SECONDS: f64 = 0.8;

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
        let file = last_file.map(Path::to_path_buf).or_else(|| match location {
            DataLocation::Dir(dir) => Some(dir.join(briefing_file::FILE_NAME)),
            DataLocation::Bundled => None,
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

/// A move of the map between two views, eased.
#[derive(Debug, Clone, Copy)]
pub struct MapTransition {
    from: (walkers::Position, f64),
    to: (walkers::Position, f64),
    started: f64,
}

impl MapTransition {
    /// Where the map is `now`, and whether the move is over.
    fn at(&self, now: f64) -> ((walkers::Position, f64), bool) {
        let t = ((now - self.started) / TRANSITION_SECONDS).clamp(0.0, 1.0);
        // Smoothstep: no jolt at either end.
        let e = t * t * (3.0 - 2.0 * t);
        let a = world_from_lon_lat(LonLat {
            lon: self.from.0.x(),
            lat: self.from.0.y(),
        });
        let b = world_from_lon_lat(LonLat {
            lon: self.to.0.x(),
            lat: self.to.0.y(),
        });
        let mut world = a;
        world.x = a.x + (b.x - a.x) * e;
        world.y = a.y + (b.y - a.y) * e;
        let p = lon_lat_from_world(world);
        let zoom = self.from.1 + (self.to.1 - self.from.1) * e;
        ((lon_lat(p.lon, p.lat), zoom), t >= 1.0)
    }
}

/// Exporting PNGs on a worker thread: progress comes back over the channel.
pub struct ExportJob {
    pub total: usize,
    pub done: usize,
    pub written: Vec<PathBuf>,
    pub failed: Option<String>,
    receive: Receiver<ExportProgress>,
    cancel: Arc<AtomicBool>,
}

pub enum ExportProgress {
    Wrote(PathBuf),
    Failed(String),
    Finished,
}

impl ExportJob {
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl AtlasApp {
    /// The view shown now, as a slide (title and caption empty).
    pub fn capture_view(&self) -> Slide {
        let size = self
            .hits
            .map_rect
            .map(|r| [r.width(), r.height()])
            .filter(|[w, h]| *w >= 1.0 && *h >= 1.0);
        let centre = self.hits.center.unwrap_or(LonLat {
            lon: 66.0,
            lat: 28.5,
        });
        Slide {
            title: String::new(),
            caption: String::new(),
            map: MapView {
                centre,
                zoom: self.map_memory.zoom(),
                frame: size,
            },
            dates: self.window,
            selected_incident: self.selection.incident.clone(),
            selected_district: self.selection.district.clone(),
            sources: self.settings.sources.clone(),
            layers: Layers {
                shading: self.settings.shading,
                show_tehsils: self.settings.show_tehsils,
                hide_undated: self.settings.hide_undated,
                hide_legend: self.settings.hide_legend,
            },
        }
    }

    /// Shows a slide: dates, selection, sources and layers at once; the map moves there
    /// smoothly (or jumps, when `animate` is off) once its size is known this frame.
    pub(super) fn show_slide(&mut self, index: usize, animate: bool) {
        let Some(slide) = self.briefing.briefing.slides.get(index).cloned() else {
            return;
        };
        self.briefing.current = Some(index);
        self.player.playing = false;
        self.set_window(slide.dates);
        let known = |id: &String| self.loaded.dataset.source(id).is_some();
        let mut sources = slide.sources.clone();
        sources.off.retain(known);
        if sources.lens.as_ref().is_some_and(|id| !known(id)) {
            sources.lens = None;
        }
        if sources != self.settings.sources {
            self.settings.sources = sources;
            self.refilter();
        }
        self.settings.shading = slide.layers.shading;
        self.settings.show_tehsils = slide.layers.show_tehsils;
        self.settings.hide_undated = slide.layers.hide_undated;
        self.settings.hide_legend = slide.layers.hide_legend;
        self.selection.incident = slide
            .selected_incident
            .filter(|id| self.loaded.dataset.incident(id).is_some());
        self.selection.district = slide.selected_district;
        self.fanned_out = None;
        self.needs_fit = false;
        self.pending_view = Some((slide.map, animate));
    }

    /// Starts the move to a slide's view, now that the map's size is known.
    pub(super) fn begin_pending_view(&mut self, ctx: &egui::Context, map_size: egui::Vec2) {
        // Entering presentation changes the UI scale from the next frame: the map's size in
        // points is only final once the scale is in force.
        let scale = self.settings.scale(self.presenting);
        if (ctx.zoom_factor() - scale).abs() > 1e-3 {
            ctx.request_repaint();
            return;
        }
        let Some((view, animate)) = self.pending_view.take() else {
            return;
        };
        let now = ctx.input(|i| i.time);
        let zoom = view.zoom_for([map_size.x, map_size.y]);
        let to = (lon_lat(view.centre.lon, view.centre.lat), zoom);
        let from = self
            .hits
            .center
            .map(|c| (lon_lat(c.lon, c.lat), self.map_memory.zoom()));
        match from {
            Some(from) if animate => {
                self.transition = Some(MapTransition {
                    from,
                    to,
                    started: now,
                });
            }
            _ => {
                self.transition = None;
                self.place_map(to);
            }
        }
    }

    /// Moves the map along the transition; asks for frames until it is over.
    pub(super) fn animate_map(&mut self, ctx: &egui::Context) {
        let Some(transition) = self.transition else {
            return;
        };
        let (at, done) = transition.at(ctx.input(|i| i.time));
        self.place_map(at);
        if done {
            self.transition = None;
        } else {
            ctx.request_repaint();
        }
    }

    fn place_map(&mut self, (centre, zoom): (walkers::Position, f64)) {
        self.map_memory.center_at(centre);
        if let Err(e) = self.map_memory.set_zoom(zoom) {
            log::warn!("cannot zoom to {zoom}: {e}");
        }
    }

    /// Whether the map is still moving to a slide.
    pub fn in_transition(&self) -> bool {
        self.transition.is_some() || self.pending_view.is_some()
    }

    pub fn briefing(&self) -> &BriefingState {
        &self.briefing
    }

    pub fn presenting(&self) -> bool {
        self.presenting
    }

    /// Steps through the slides; the first step from no slide shows the first.
    pub(super) fn step_slide(&mut self, delta: isize) {
        let len = self.briefing.briefing.slides.len();
        if let Some(next) = step(self.briefing.current, delta, len)
            && (Some(next) != self.briefing.current || self.briefing.current.is_none())
        {
            self.show_slide(next, true);
        }
    }

    /// Applies an edit to the list and saves the file; a failed save becomes a notice.
    pub(super) fn edit_briefing(&mut self, edit: impl FnOnce(&mut Briefing, &mut Option<usize>)) {
        let state = &mut self.briefing;
        edit(&mut state.briefing, &mut state.current);
        if let Some(i) = state.current
            && i >= state.briefing.slides.len()
        {
            state.current = state.briefing.slides.len().checked_sub(1);
        }
        self.save_briefing();
    }

    pub(super) fn save_briefing(&mut self) {
        match self.briefing.save() {
            Ok(path) => self.settings.briefing_file = Some(path),
            Err(e) => self.notices.push(e),
        }
    }

    pub(super) fn add_slide(&mut self) {
        let mut slide = self.capture_view();
        let n = self.briefing.briefing.slides.len() + 1;
        slide.title = format!("View {n}");
        slide.caption = crate::model::compare::describe_span(self.window.span());
        self.edit_briefing(|briefing, current| {
            let at = current.map_or(briefing.slides.len(), |i| i + 1);
            briefing.slides.insert(at, slide);
            *current = Some(at);
        });
    }

    pub(super) fn update_slide(&mut self, index: usize) {
        let view = self.capture_view();
        self.edit_briefing(|briefing, _| {
            if let Some(slide) = briefing.slides.get_mut(index) {
                let (title, caption) = (slide.title.clone(), slide.caption.clone());
                *slide = Slide {
                    title,
                    caption,
                    ..view
                };
            }
        });
    }

    pub(super) fn move_slide(&mut self, index: usize, delta: isize) {
        self.edit_briefing(|briefing, current| {
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
        });
    }

    pub(super) fn delete_slide(&mut self, index: usize) {
        self.edit_briefing(|briefing, current| {
            if index < briefing.slides.len() {
                briefing.slides.remove(index);
                *current = match *current {
                    Some(i) if i > index => Some(i - 1),
                    Some(i) if i == index => None,
                    other => other,
                };
            }
        });
    }

    pub(super) fn open_briefing(&mut self, path: PathBuf) {
        self.briefing = BriefingState::read(path.clone());
        if let Some(error) = &self.briefing.broken {
            self.notices
                .push(format!("The briefing could not be read: {error}"));
        }
        self.settings.briefing_file = Some(path);
        self.report_unknown_references();
    }

    pub(super) fn save_briefing_as(&mut self, path: PathBuf) {
        self.briefing.origin = BriefingOrigin::File(path);
        // A copy in a new file: the unreadable one stays as it was, untouched.
        self.briefing.broken = None;
        self.save_briefing();
    }

    /// Slides naming incidents or sources the data lacks still show; say what is left out.
    pub(super) fn report_unknown_references(&mut self) {
        for message in self
            .briefing
            .briefing
            .unknown_references(&self.loaded.dataset)
        {
            self.notices.push(format!("Briefing: {message} (left out)"));
        }
    }

    /// The size exports are drawn at: the chosen one, else the window's in pixels.
    pub fn export_size(&self, ctx: &egui::Context) -> [u32; 2] {
        self.settings.export_size.unwrap_or_else(|| {
            let size = ctx.content_rect().size() * ctx.pixels_per_point();
            [
                size.x.round().max(320.0) as u32,
                size.y.round().max(240.0) as u32,
            ]
        })
    }

    /// Exports what the map shows now to `path`, on a worker thread.
    pub fn export_view_to(&mut self, path: PathBuf, size: [u32; 2]) {
        let mut slide = self.capture_view();
        let current = self
            .briefing
            .current
            .and_then(|i| self.briefing.briefing.slides.get(i));
        slide.title =
            current.map_or_else(|| self.briefing.briefing.title.clone(), |s| s.title.clone());
        slide.caption = current.map(|s| s.caption.clone()).unwrap_or_default();
        let briefing = Briefing {
            slides: vec![slide],
            ..self.briefing.briefing.clone()
        };
        self.start_export(briefing, vec![path], size, false);
    }

    /// Exports every slide into `dir` as `01-<slug>.png`, … on a worker thread.
    pub fn export_slides_to(&mut self, dir: &Path, size: [u32; 2]) {
        let briefing = self.briefing.briefing.clone();
        let paths = briefing
            .slides
            .iter()
            .enumerate()
            .map(|(i, s)| dir.join(slide_file_name(i, s)))
            .collect();
        self.start_export(briefing, paths, size, true);
    }

    fn start_export(
        &mut self,
        briefing: Briefing,
        paths: Vec<PathBuf>,
        size: [u32; 2],
        numbered: bool,
    ) {
        let (send, receive) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let total = paths.len();
        let job = RenderJob {
            loaded: Arc::clone(&self.loaded),
            prepared: Arc::clone(&self.prepared),
            location: self.location.clone(),
            settings: ViewSettings {
                tile_layer: crate::map::tiles::TileLayer::Offline,
                ..self.settings.clone()
            },
            briefing,
            paths,
            size,
            numbered,
        };
        let worker_cancel = Arc::clone(&cancel);
        let spawned = std::thread::Builder::new()
            .name("export".to_owned())
            .spawn(move || {
                let result = render_job(&job, &worker_cancel, |path| {
                    // The app may have closed meanwhile; nothing to do then.
                    let _ = send.send(ExportProgress::Wrote(path.clone()));
                });
                if let Err(e) = result {
                    let _ = send.send(ExportProgress::Failed(e.to_string()));
                }
                let _ = send.send(ExportProgress::Finished);
            });
        match spawned {
            Ok(_) => {
                self.export = Some(ExportJob {
                    total,
                    done: 0,
                    written: Vec::new(),
                    failed: None,
                    receive,
                    cancel,
                });
            }
            Err(e) => self.notices.push(format!("Cannot start the export: {e}")),
        }
    }

    /// Picks up the export's progress; the finished job becomes a notice.
    pub(super) fn poll_export(&mut self, ctx: &egui::Context) {
        let Some(job) = self.export.as_mut() else {
            return;
        };
        let mut finished = false;
        while let Ok(progress) = job.receive.try_recv() {
            match progress {
                ExportProgress::Wrote(path) => {
                    job.done += 1;
                    job.written.push(path);
                }
                ExportProgress::Failed(e) => job.failed = Some(e),
                ExportProgress::Finished => finished = true,
            }
        }
        if finished {
            let message = if let Some(e) = &job.failed {
                format!("Export failed: {e}")
            } else if let ([one], 1) = (job.written.as_slice(), job.total) {
                format!("Exported {}", one.display())
            } else {
                format!(
                    "Exported {} of {} slides to {}",
                    job.written.len(),
                    job.total,
                    job.written
                        .first()
                        .and_then(|p| p.parent())
                        .map_or_else(String::new, |d| d.display().to_string())
                )
            };
            self.notices.push(message);
            self.export = None;
        } else {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
    }

    /// Whether an export is running.
    pub fn exporting(&self) -> bool {
        self.export.is_some()
    }

    /// Asks where to put the current view's PNG, then exports it.
    pub(super) fn export_view_dialog(&mut self, ctx: &egui::Context) {
        let name = self
            .briefing
            .current
            .and_then(|i| self.briefing.briefing.slides.get(i))
            .map_or_else(|| "incident-atlas-view".to_owned(), |s| slug(&s.title));
        if let Some(path) = rfd::FileDialog::new()
            .add_filter("PNG image", &["png"])
            .set_file_name(format!("{name}.png"))
            .save_file()
        {
            let size = self.export_size(ctx);
            self.export_view_to(path, size);
        }
    }

    pub(super) fn export_slides_dialog(&mut self, ctx: &egui::Context) {
        if let Some(dir) = rfd::FileDialog::new().pick_folder() {
            let size = self.export_size(ctx);
            self.export_slides_to(&dir, size);
        }
    }
}
