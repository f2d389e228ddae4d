//! The eframe app: panel order, the map and its overlays, applying commands at the end of the
//! frame, the caches that depend on the date window, and saving settings. The briefing
//! (slides, presentation, export) is in `slides`.

pub mod slides;

use std::sync::Arc;

use egui::{Color32, Key, RichText, Shape};
use walkers::{MapMemory, Tiles, lon_lat};

use crate::command::Command;
use crate::geo::boundaries::DistrictSet;
use crate::geo::projection::{fit, lon_lat_from_world, world_from_lon_lat, world_size_px};
use crate::io::{ATTRIBUTION, DataLocation, Loaded, Problems};
use crate::map::areas::AreaLayer;
use crate::map::layer::{AtlasLayer, MapHits};
use crate::map::markers::{ClusterLevels, PreparedMarker};
use crate::map::prepared::PreparedMap;
use crate::map::shading::{DistrictShades, ShadingMode};
use crate::map::tiles::{OnlineTiles, TileNetwork};
use crate::model::compare::{Comparison, Scope, SourceFilter, compare};
use crate::model::timeline::{Histogram, Player, Timeline, shift};
use crate::model::{Dataset, DateSpan, GeoPrecision, LonLat};
use crate::state::{DateWindow, Selection, ViewSettings};
use crate::ui::briefing_panel::{self, BriefingPanelState, BriefingPanelView};
use crate::ui::compare_panel::{self, PanelView};
use crate::ui::presentation::{self, CaptionView, FooterView};
use crate::ui::theme::Palette;
use crate::ui::timeline::{DateFields, TimelineLayout, TimelineView};
use crate::ui::{about, map_overlay, problems, timeline};
use slides::{BriefingState, ExportJob, MapTransition};

const SETTINGS_KEY: &str = "incident-atlas/view-settings";

/// Seconds without mouse movement before presentation mode hides the cursor.
const CURSOR_IDLE_SECONDS: f64 = 3.0;

/// Room the legend takes on the map's left, kept clear when fitting a view.
const LEGEND_WIDTH: f64 = 250.0;
/// Room the zoom and fit buttons take on the map's right.
const CONTROLS_WIDTH: f64 = 130.0;

/// The window to open on: the last one saved if it still meets the data, else the default.
fn opening_window(timeline: &Timeline, saved: Option<DateWindow>) -> DateWindow {
    saved
        .map(DateWindow::span)
        .filter(|w| w.first <= w.last && w.overlaps(&timeline.domain))
        .map_or(DateWindow::from_span(timeline.default_window), |w| {
            DateWindow::from_span(timeline.clamp(w))
        })
}

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

/// The markers shown in a date window, grouped: rebuilt when the window changes.
struct GroupCache {
    key: (DateWindow, bool),
    clusters: ClusterLevels,
    shown: usize,
    /// The kinds of event among the placed incidents in the window, in the legend's order
    /// (the compact legend's rows).
    events: Vec<crate::model::EventType>,
}

/// The district shading: rebuilt when the window, the district set or the mode changes.
struct ShadeCache {
    key: (DateWindow, DistrictSet, ShadingMode),
    shades: DistrictShades,
}

/// The comparison shown in the side panel: rebuilt when the scope, the dates or the sources
/// in view change.
struct ComparisonCache {
    key: (Scope, DateSpan, SourceFilter),
    comparison: Comparison,
    /// What a slide's footer says about it (built with it, not every frame).
    footer: FooterFacts,
}

/// The footer's facts: the sources' short names and the contested figures' lines.
#[derive(Default)]
struct FooterFacts {
    sources: Vec<String>,
    contested: Vec<String>,
}

/// The sources the view draws on (short names, sources.csv order) and its contested
/// figures, widest disagreement on deaths first, at most three.
fn footer_facts(dataset: &Dataset, comparison: &Comparison) -> FooterFacts {
    let sources = dataset
        .sources
        .iter()
        .filter(|s| comparison.source_ids.contains(&s.id))
        .map(crate::model::compare::short_name)
        .collect();
    let mut rows: Vec<_> = comparison.rows.iter().filter(|r| !r.consistent).collect();
    let killed_first = |metric: &str| !(metric.contains("killed") || metric.contains("bodies"));
    rows.sort_by(|a, b| {
        killed_first(&a.metric).cmp(&killed_first(&b.metric)).then(
            b.spread
                .unwrap_or(f64::INFINITY)
                .total_cmp(&a.spread.unwrap_or(f64::INFINITY)),
        )
    });
    let mut contested = Vec::new();
    for row in rows {
        let line = format!("{}: {}", row.label.to_lowercase(), row.summary());
        if !contested.contains(&line) {
            contested.push(line);
        }
        if contested.len() == 3 {
            break;
        }
    }
    FooterFacts { sources, contested }
}

/// The optional tehsil layer: parsed and tessellated on a worker thread the first time it is
/// turned on (554 polygons at four levels of detail would stall a frame).
enum TehsilLayer {
    NotLoaded,
    Loading(std::sync::mpsc::Receiver<(AreaLayer, Problems)>),
    Ready(Arc<AreaLayer>),
}

// Independent flags (which windows are open, which mode): a state machine would not fit.
#[allow(clippy::struct_excessive_bools)]
pub struct AtlasApp {
    loaded: Arc<Loaded>,
    prepared: Arc<PreparedMap>,
    /// The dataset as the sources in view tell it (`settings.sources`): the map, the
    /// timeline and the panel read this; the source cards read `loaded`.
    view: Arc<Dataset>,
    /// The markers of `view`'s incidents (the full set is in `prepared`).
    markers: Arc<Vec<PreparedMarker>>,
    comparison: Option<ComparisonCache>,
    location: DataLocation,
    settings: ViewSettings,
    selection: Selection,
    window: DateWindow,
    map_memory: MapMemory,
    hits: MapHits,
    network: TileNetwork,
    online: Option<OnlineTiles>,
    tehsils: TehsilLayer,
    /// Every problem met: loading's, then any from layers loaded later.
    problems: Problems,
    groups: Option<GroupCache>,
    shading: Option<ShadeCache>,
    timeline: Timeline,
    player: Player,
    date_fields: DateFields,
    /// The histogram of the focus period and the period it was built for.
    focus_histogram: Option<(DateSpan, Histogram)>,
    /// The histogram of every dated day, for the slider's density ticks: built once.
    overview_histogram: Histogram,
    timeline_layout: TimelineLayout,
    fanned_out: Option<usize>,
    show_about: bool,
    show_problems: bool,
    needs_fit: bool,
    commands: Vec<Command>,
    briefing: BriefingState,
    briefing_panel: BriefingPanelState,
    show_briefing: bool,
    /// Presentation mode: caption bar, map, footer; nothing else.
    presenting: bool,
    /// Drawn without a window (export, `render`): no cursor, no animation, nothing saved.
    offscreen: bool,
    /// Whether entering presentation mode made the window fullscreen (leaving undoes it).
    presentation_fullscreen: bool,
    /// A slide's view waiting for the map's size (known while the map is laid out).
    pending_view: Option<(crate::briefing::MapView, bool)>,
    transition: Option<MapTransition>,
    /// When the pointer last moved (egui time), for hiding the cursor while presenting.
    last_pointer_activity: f64,
    /// The UI scale last set on the context; a different one means the user zoomed.
    applied_scale: Option<f32>,
    /// Messages for the user (a settings store that could not be read, an export's result).
    notices: Vec<String>,
    export: Option<ExportJob>,
    /// The caption bar numbers the slide (off for an export of the view as it stands).
    numbered: bool,
}

impl AtlasApp {
    /// Builds the app from loaded data; geometry is prepared here, once. No network request is
    /// made unless the settings ask for an online layer.
    pub fn new(loaded: Loaded, location: DataLocation, settings: ViewSettings) -> Self {
        let prepared = Arc::new(PreparedMap::new(&loaded));
        let briefing = BriefingState::open(&location, settings.briefing_file.as_deref());
        let mut app = Self::from_shared(Arc::new(loaded), prepared, location, settings, briefing);
        if let Some(error) = app.briefing.broken.clone() {
            app.notices
                .push(format!("The briefing could not be read: {error}"));
        }
        app.report_unknown_references();
        app
    }

    /// The app for drawing slides offscreen: shares the loaded data and prepared geometry,
    /// presents, never animates, never saves.
    pub fn for_render(
        loaded: Arc<Loaded>,
        prepared: Arc<PreparedMap>,
        location: DataLocation,
        settings: ViewSettings,
        briefing: crate::briefing::Briefing,
    ) -> Self {
        let state = BriefingState {
            briefing,
            origin: slides::BriefingOrigin::Bundled,
            broken: None,
            current: None,
        };
        let mut app = Self::from_shared(loaded, prepared, location, settings, state);
        app.offscreen = true;
        app.presenting = true;
        app.show_problems = false;
        app
    }

    fn from_shared(
        loaded: Arc<Loaded>,
        prepared: Arc<PreparedMap>,
        location: DataLocation,
        settings: ViewSettings,
        briefing: BriefingState,
    ) -> Self {
        let mut settings = settings;
        // A saved filter naming a source this data lacks would hide everything: drop it.
        let known = |id: &String| loaded.dataset.source(id).is_some();
        settings.sources.off.retain(known);
        if settings.sources.lens.as_ref().is_some_and(|id| !known(id)) {
            settings.sources.lens = None;
        }
        let view = Arc::new(loaded.dataset.restricted_to(&settings.sources));
        let markers = Arc::new(PreparedMarker::for_dataset(&view));
        // Open the problems window by itself when the data has errors: nothing is hidden.
        let show_problems = loaded.problems.errors() > 0;
        let timeline = Timeline::of(&loaded.dataset, &[DistrictSet::LAST_NOTIFIED]);
        let window = opening_window(&timeline, settings.window);
        let overview_histogram = Histogram::new(&view, timeline.domain);
        let problems = loaded.problems.clone();
        Self {
            loaded,
            prepared,
            view,
            markers,
            comparison: None,
            location,
            settings,
            selection: Selection::default(),
            window,
            map_memory: MapMemory::default(),
            hits: MapHits::default(),
            network: TileNetwork::from_platform(),
            online: None,
            tehsils: TehsilLayer::NotLoaded,
            problems,
            groups: None,
            shading: None,
            timeline,
            player: Player::default(),
            date_fields: DateFields::default(),
            focus_histogram: None,
            overview_histogram,
            timeline_layout: TimelineLayout::default(),
            fanned_out: None,
            show_about: false,
            show_problems,
            needs_fit: true,
            commands: Vec::new(),
            briefing,
            briefing_panel: BriefingPanelState::default(),
            show_briefing: false,
            presenting: false,
            offscreen: false,
            presentation_fullscreen: false,
            pending_view: None,
            transition: None,
            last_pointer_activity: 0.0,
            applied_scale: None,
            notices: Vec::new(),
            export: None,
            numbered: true,
        }
    }

    /// Readies the app to draw a slide (or the view as it stands) offscreen: presenting,
    /// the slide applied at once.
    pub fn prepare_offscreen(&mut self, slide: Option<usize>) {
        self.presenting = true;
        self.offscreen = true;
        if let Some(index) = slide {
            self.show_slide(index, false);
        }
    }

    /// Whether the caption bar shows the slide's number ("3 / 7").
    pub fn set_numbered(&mut self, numbered: bool) {
        self.numbered = numbered;
    }

    /// Nothing still loading or moving: a frame drawn now is the final picture.
    pub fn settled(&self) -> bool {
        let tehsils_pending = self.settings.show_tehsils && !self.tehsils_ready();
        !tehsils_pending && !self.in_transition()
    }

    /// Messages waiting for the user.
    pub fn notices(&self) -> &[String] {
        &self.notices
    }

    /// Where tiles are cached and fetched from (tests point it at a closed port).
    #[must_use]
    pub fn with_tile_network(mut self, network: TileNetwork) -> Self {
        self.network = network;
        self.online = None;
        self
    }

    /// Used by `main`: restores the settings saved by the last run, if any.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        loaded: Loaded,
        location: DataLocation,
    ) -> Self {
        let store_file = eframe::storage_dir("Incident Atlas").map(|d| d.join("app.ron"));
        let (settings, notice) = read_settings(cc.storage, store_file.as_deref());
        let mut app = Self::new(loaded, location, settings);
        app.notices.extend(notice);
        app
    }

    /// Queues a command, applied at the end of the next frame like a panel's (tests, and
    /// later the briefing's steps, drive the app through this).
    pub fn send(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn settings(&self) -> &ViewSettings {
        &self.settings
    }

    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    pub fn prepared(&self) -> &PreparedMap {
        &self.prepared
    }

    /// The dataset as the sources in view tell it.
    pub fn view(&self) -> &Dataset {
        &self.view
    }

    /// The comparison the side panel shows (built during the last frame).
    pub fn comparison(&self) -> Option<&Comparison> {
        self.comparison.as_ref().map(|c| &c.comparison)
    }

    /// What the side panel compares: the selected incident, else the selected district,
    /// else the whole campaign.
    pub fn scope(&self) -> Scope {
        match (&self.selection.incident, &self.selection.district) {
            (Some(id), _) => Scope::Incident(id.clone()),
            (None, Some(name)) => Scope::District(name.clone()),
            (None, None) => Scope::Campaign,
        }
    }

    /// Rebuilds what depends on the sources in view, after one was switched or a lens
    /// chosen.
    fn refilter(&mut self) {
        self.view = Arc::new(self.loaded.dataset.restricted_to(&self.settings.sources));
        self.markers = Arc::new(PreparedMarker::for_dataset(&self.view));
        self.overview_histogram = Histogram::new(&self.view, self.timeline.domain);
        self.focus_histogram = None;
        self.groups = None;
        self.shading = None;
        self.comparison = None;
        self.fanned_out = None;
    }

    pub fn hits(&self) -> &MapHits {
        &self.hits
    }

    /// Whether the tehsil layer has been prepared (it is, off the UI thread, once turned on).
    pub fn tehsils_ready(&self) -> bool {
        matches!(self.tehsils, TehsilLayer::Ready(_))
    }

    pub fn window(&self) -> DateWindow {
        self.window
    }

    pub fn set_window(&mut self, window: DateWindow) {
        self.window = DateWindow::from_span(self.timeline.clamp(window.span()));
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn player(&self) -> &Player {
        &self.player
    }

    /// Where the timeline's strips were laid out last frame.
    pub fn timeline_layout(&self) -> TimelineLayout {
        self.timeline_layout
    }

    /// How many placed incidents the map shows now.
    pub fn markers_shown(&self) -> usize {
        self.groups.as_ref().map_or(0, |g| g.shown)
    }

    /// The district set in force at the end of the selected dates.
    pub fn district_set(&self) -> DistrictSet {
        DistrictSet::in_force_on(self.window.end)
    }

    /// Regroups the markers when the window changed, and reshades the districts when the
    /// window, the district set or the mode changed.
    fn refresh_caches(&mut self) {
        let window = self.window;
        let group_key = (window, self.settings.hide_undated);
        if self.groups.as_ref().is_none_or(|g| g.key != group_key) {
            let dataset = &self.view;
            let markers = &self.markers;
            let show_undated = !self.settings.hide_undated;
            let shown: Vec<usize> = markers
                .iter()
                .enumerate()
                .filter(|(_, m)| {
                    let dates = dataset.incidents[m.incident_index].dates;
                    window.admits(dates) || (dates.is_none() && show_undated)
                })
                .map(|(i, _)| i)
                .collect();
            let present: std::collections::HashSet<_> = markers
                .iter()
                .filter(|m| window.admits(dataset.incidents[m.incident_index].dates))
                .map(|m| m.event_type)
                .collect();
            let events = map_overlay::LEGEND_EVENTS
                .into_iter()
                .filter(|e| present.contains(e))
                .collect();
            self.groups = Some(GroupCache {
                key: group_key,
                clusters: ClusterLevels::new(markers, &shown),
                shown: shown.len(),
                events,
            });
        }
        let key = (window, self.district_set(), self.settings.shading);
        if self.shading.as_ref().is_none_or(|c| c.key != key) {
            let shades = DistrictShades::compute(
                &self.view,
                &self.markers,
                self.prepared.districts(key.1),
                window,
                key.2,
            );
            self.shading = Some(ShadeCache { key, shades });
        }
        let key = (self.scope(), window.span(), self.settings.sources.clone());
        if self.comparison.as_ref().is_none_or(|c| c.key != key) {
            let comparison = compare(&self.view, &key.0, Some(key.1));
            let footer = footer_facts(&self.loaded.dataset, &comparison);
            self.comparison = Some(ComparisonCache {
                key,
                comparison,
                footer,
            });
        }
    }

    /// Turns the chosen online layer on or off. Only here is a network client ever built.
    fn sync_tiles(&mut self, ctx: &egui::Context) {
        let wanted = self.settings.tile_layer;
        let current = self.online.as_ref().map(|o| o.layer);
        if wanted.is_online() && current != Some(wanted) {
            self.online = Some(OnlineTiles::new(wanted, &self.network, ctx));
        } else if !wanted.is_online() && current.is_some() {
            self.online = None;
        }
    }

    /// Starts preparing the tehsils the first time they are wanted; picks them up when ready.
    fn sync_tehsils(&mut self, ctx: &egui::Context) {
        match &self.tehsils {
            TehsilLayer::NotLoaded if self.settings.show_tehsils => {
                let (send, receive) = std::sync::mpsc::channel();
                let ctx = ctx.clone();
                let spawned = std::thread::Builder::new()
                    .name("tehsils".to_owned())
                    .spawn(move || {
                        let mut problems = Problems::default();
                        let layer = AreaLayer::new(&crate::io::load_tehsils(&mut problems));
                        // The app may have closed meanwhile; nothing to do then.
                        let _ = send.send((layer, problems));
                        ctx.request_repaint();
                    });
                match spawned {
                    Ok(_) => self.tehsils = TehsilLayer::Loading(receive),
                    Err(e) => log::warn!("cannot start preparing the tehsils: {e}"),
                }
            }
            TehsilLayer::Loading(receive) => {
                if let Ok((layer, problems)) = receive.try_recv() {
                    self.problems.extend(problems);
                    self.tehsils = TehsilLayer::Ready(Arc::new(layer));
                }
            }
            _ => {}
        }
    }

    /// Centres and zooms so the lon/lat box fills the map, clear of the legend on the left.
    fn fit_to(&mut self, min: LonLat, max: LonLat, max_zoom: f64) {
        let Some(rect) = self.hits.map_rect.filter(|r| r.width() >= 1.0) else {
            self.needs_fit = true;
            return;
        };
        let left_inset = if self.settings.hide_legend {
            0.0
        } else {
            LEGEND_WIDTH
        };
        let (center, zoom) = fit(
            min,
            max,
            [
                f64::from(rect.width()) - left_inset - CONTROLS_WIDTH,
                f64::from(rect.height()),
            ],
            30.0,
        );
        let zoom = zoom.min(max_zoom);
        // Shift the centre so the box sits in the part the overlays leave clear.
        let mut world = world_from_lon_lat(center);
        world.x -= (left_inset - CONTROLS_WIDTH) / 2.0 / world_size_px(zoom);
        let center = lon_lat_from_world(world);
        self.map_memory.center_at(lon_lat(center.lon, center.lat));
        if let Err(e) = self.map_memory.set_zoom(zoom) {
            log::warn!("cannot zoom to {zoom}: {e}");
        }
    }

    /// Selects an incident and brings it into view: the window widened to take in its
    /// dates (if it does not already), the map centred on it unless it stands for the whole
    /// province. The zoom is left as it is: the analyst chose it.
    fn show_incident(&mut self, id: &str) {
        let loaded = Arc::clone(&self.loaded);
        let Some(incident) = loaded.dataset.incident(id) else {
            return;
        };
        self.selection.incident = Some(id.to_owned());
        self.selection.district = None;
        if let Some(dates) = incident.dates {
            let window = self.window.span();
            if !(window.first <= dates.first && dates.last <= window.last) {
                self.player.playing = false;
                let wider = DateSpan {
                    first: window.first.min(dates.first),
                    last: window.last.max(dates.last),
                };
                self.set_window(DateWindow::from_span(wider));
            }
        }
        if let Some(p) = incident.position
            && incident.geo_precision != GeoPrecision::Province
        {
            self.map_memory.center_at(lon_lat(p.lon, p.lat));
        }
    }

    fn fit_selection(&mut self) {
        if let Some(incident) = self
            .selection
            .incident
            .as_deref()
            .and_then(|id| self.loaded.dataset.incident(id))
            && let Some(p) = incident.position
        {
            let zoom = self.map_memory.zoom().max(9.0);
            self.map_memory.center_at(lon_lat(p.lon, p.lat));
            if let Err(e) = self.map_memory.set_zoom(zoom) {
                log::warn!("cannot zoom to {zoom}: {e}");
            }
        } else if let Some(name) = self.selection.district.clone()
            && let Some(area) = self.prepared.districts(self.district_set()).by_name(&name)
        {
            let (a, b) = area.bounds();
            let (min, max) = (lon_lat_from_world(a), lon_lat_from_world(b));
            // World y grows southwards: a is the north-west corner.
            self.fit_to(
                LonLat {
                    lon: min.lon,
                    lat: max.lat,
                },
                LonLat {
                    lon: max.lon,
                    lat: min.lat,
                },
                11.0,
            );
        }
    }

    fn apply(&mut self, ctx: &egui::Context) {
        if !self.commands.is_empty() {
            // This frame was drawn before the change: draw the next one with it.
            ctx.request_repaint();
        }
        for command in std::mem::take(&mut self.commands) {
            log::debug!("apply {command:?}");
            match command {
                Command::SelectIncident(id) => {
                    self.selection.incident = id;
                    self.selection.district = None;
                }
                Command::SelectDistrict(name) => {
                    self.selection.district = name;
                    self.selection.incident = None;
                    self.fanned_out = None;
                }
                Command::FitBalochistan => self.needs_fit = true,
                Command::FitSelection => self.fit_selection(),
                Command::ZoomBy(delta) => {
                    let zoom = (self.map_memory.zoom() + delta).clamp(2.0, 18.0);
                    if let Err(e) = self.map_memory.set_zoom(zoom) {
                        log::warn!("cannot zoom to {zoom}: {e}");
                    }
                }
                Command::ZoomTo(at, zoom) => {
                    self.map_memory.center_at(lon_lat(at.lon, at.lat));
                    if let Err(e) = self.map_memory.set_zoom(zoom) {
                        log::warn!("cannot zoom to {zoom}: {e}");
                    }
                }
                Command::FanOut(first) => {
                    self.fanned_out = if self.fanned_out == first {
                        None
                    } else {
                        first
                    };
                }
                Command::SetDarkMode(dark) => self.settings.dark_mode = dark,
                Command::SetTileLayer(layer) => self.settings.tile_layer = layer,
                Command::SetShading(mode) => self.settings.shading = mode,
                Command::SetShowTehsils(on) => self.settings.show_tehsils = on,
                Command::SetHideLegend(hide) => self.settings.hide_legend = hide,
                Command::SetWindow(window) => {
                    self.player.playing = false;
                    self.set_window(window);
                }
                Command::ResetWindow => {
                    self.player.playing = false;
                    self.window = DateWindow::from_span(self.timeline.default_window);
                }
                Command::TogglePlay => {
                    if self.player.playing {
                        self.player.playing = false;
                    } else {
                        let bounds = self.timeline.focus(self.window.span());
                        let first =
                            self.player
                                .play(self.window.span(), bounds, self.settings.playback);
                        self.window = DateWindow::from_span(first);
                        // Commands apply after this frame's `play`: ask for the next frame,
                        // or playback would wait for the next input event to start.
                        ctx.request_repaint();
                    }
                }
                Command::SetPlayback(playback) => self.settings.playback = playback,
                Command::SetHideUndated(hide) => self.settings.hide_undated = hide,
                Command::SetHidePanel(hide) => self.settings.hide_panel = hide,
                Command::SetSourceOn(id, on) => {
                    if on {
                        self.settings.sources.off.remove(&id);
                    } else {
                        self.settings.sources.off.insert(id);
                    }
                    self.refilter();
                }
                Command::SetLens(lens) => {
                    self.settings.sources.lens = lens;
                    self.refilter();
                }
                Command::ShowIncident(id) => self.show_incident(&id),
                Command::ShowAbout => self.show_about = true,
                Command::ShowProblems => self.show_problems = true,
                other => self.apply_briefing(other, ctx),
            }
        }
        let theme = if self.settings.dark_mode {
            egui::Theme::Dark
        } else {
            egui::Theme::Light
        };
        if ctx.theme() != theme {
            ctx.set_theme(theme);
        }
    }

    /// The briefing's commands: presenting, slides, files, exports, scale.
    fn apply_briefing(&mut self, command: Command, ctx: &egui::Context) {
        match command {
            Command::SetPresenting(on) => self.set_presenting(on, ctx),
            Command::ToggleFullscreen => {
                let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
                self.presentation_fullscreen = false;
            }
            Command::SetUiScale(scale) => self.settings.ui_scale = Some(scale),
            Command::SetPresentationScale(scale) => self.settings.presentation_scale = Some(scale),
            Command::ShowBriefingPanel(show) => self.show_briefing = show,
            Command::GoToSlide(index) => self.show_slide(index, true),
            Command::StepSlide(delta) => self.step_slide(delta),
            Command::AddSlide => self.add_slide(),
            Command::UpdateSlide(index) => self.update_slide(index),
            Command::RenameSlide(index, title) => self.edit_briefing(|b, _| {
                if let Some(slide) = b.slides.get_mut(index) {
                    slide.title = title;
                }
            }),
            Command::SetSlideCaption(index, caption) => self.edit_briefing(|b, _| {
                if let Some(slide) = b.slides.get_mut(index) {
                    slide.caption = caption;
                }
            }),
            Command::SetBriefingTitle(title) => self.edit_briefing(|b, _| b.title = title),
            Command::MoveSlide(index, delta) => self.move_slide(index, delta),
            Command::DeleteSlide(index) => self.delete_slide(index),
            Command::OpenBriefing(path) => self.open_briefing(path),
            Command::SaveBriefingAs(path) => self.save_briefing_as(path),
            // One export at a time.
            Command::ExportView if self.export.is_none() => self.export_view_dialog(ctx),
            Command::ExportSlides
                if self.export.is_none() && !self.briefing.briefing.slides.is_empty() =>
            {
                self.export_slides_dialog(ctx);
            }
            Command::SetExportSize(size) => self.settings.export_size = size,
            Command::DismissNotice(i) if i < self.notices.len() => {
                self.notices.remove(i);
            }
            // The map and timeline commands are applied in `apply`.
            _ => {}
        }
    }

    /// Presenting goes fullscreen (unless the window already is) and starts at the current
    /// slide, or the first; leaving restores the window.
    fn set_presenting(&mut self, on: bool, ctx: &egui::Context) {
        if on == self.presenting {
            return;
        }
        self.presenting = on;
        let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        if on {
            self.player.playing = false;
            self.last_pointer_activity = ctx.input(|i| i.time);
            if !fullscreen {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                self.presentation_fullscreen = true;
            }
            let start = self.briefing.current.unwrap_or(0);
            if start < self.briefing.briefing.slides.len() {
                self.show_slide(start, false);
            }
        } else if self.presentation_fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            self.presentation_fullscreen = false;
        }
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        ui.horizontal(|ui| {
            ui.heading("Incident Atlas");
            ui.label(
                RichText::new(format!(
                    "Balochistan, Jan–Feb 2026 · {}",
                    self.location.describe()
                ))
                .weak(),
            );
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if ui.button("About…").clicked() {
                    self.commands.push(Command::ShowAbout);
                }
                let errors = self.problems.errors();
                let total = errors + self.problems.warnings();
                let text = format!("Problems ({total})…");
                let text = if errors > 0 {
                    RichText::new(text).color(Color32::from_rgb(0xC0, 0x39, 0x2B))
                } else {
                    RichText::new(text)
                };
                if ui.button(text).clicked() {
                    self.commands.push(Command::ShowProblems);
                }
                self.view_menu(ui);
                if ui
                    .button("Export PNG…")
                    .on_hover_text(
                        "The map as a slide, with title, dates, sources and attribution (Ctrl+E)",
                    )
                    .clicked()
                {
                    self.commands.push(Command::ExportView);
                }
                if ui
                    .button("Present")
                    .on_hover_text(
                        "Presentation mode: large type, map and captions only (F5; Esc leaves)",
                    )
                    .clicked()
                {
                    self.commands.push(Command::SetPresenting(true));
                }
                if ui
                    .selectable_label(self.show_briefing, "Briefing…")
                    .on_hover_text(
                        "Saved views: add, rename, reorder, step through (PageDown / PageUp)",
                    )
                    .clicked()
                {
                    self.commands
                        .push(Command::ShowBriefingPanel(!self.show_briefing));
                }
                let hidden = self.settings.hide_panel;
                if ui
                    .button(if hidden {
                        "Show comparison"
                    } else {
                        "Hide comparison"
                    })
                    .clicked()
                {
                    self.commands.push(Command::SetHidePanel(!hidden));
                }
                let dark = self.settings.dark_mode;
                if ui
                    .button(if dark { "Light theme" } else { "Dark theme" })
                    .clicked()
                {
                    self.commands.push(Command::SetDarkMode(!dark));
                }
            });
        });
    }

    /// Fullscreen, the two UI scales, and the size exports are drawn at.
    fn view_menu(&mut self, ui: &mut egui::Ui) {
        ui.menu_button("View", |ui| {
            if ui.button("Fullscreen (F11)").clicked() {
                self.commands.push(Command::ToggleFullscreen);
            }
            if ui.button("Present (F5)").clicked() {
                self.commands.push(Command::SetPresenting(true));
            }
            ui.separator();
            let scales = [
                (
                    false,
                    "Text and controls size",
                    Command::SetUiScale as fn(f32) -> Command,
                ),
                (true, "Size while presenting", Command::SetPresentationScale),
            ];
            for (presenting, label, command) in scales {
                let mut scale = self.settings.scale(presenting);
                ui.label(label);
                let slider = egui::Slider::new(&mut scale, crate::state::SCALE_RANGE)
                    .step_by(0.25)
                    .suffix("×");
                if ui.add(slider).changed() {
                    self.commands.push(command(scale));
                }
            }
            ui.separator();
            ui.label("Export size");
            let sizes = [
                (None, "Window size".to_owned()),
                (Some([1280, 720]), "1280 × 720".to_owned()),
                (Some([1920, 1080]), "1920 × 1080".to_owned()),
                (Some([3840, 2160]), "3840 × 2160".to_owned()),
            ];
            for (size, label) in sizes {
                if ui.radio(self.settings.export_size == size, label).clicked() {
                    self.commands.push(Command::SetExportSize(size));
                }
            }
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        let dataset = &self.view;
        let placed = self.markers.len();
        let shown = self.groups.as_ref().map_or(0, |g| g.shown);
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Map: {}", self.district_set().label())).strong());
            ui.separator();
            ui.label(format!(
                "{} – {}: {shown} of {placed} placed incidents shown ({} without a place) · {} claims from {} sources",
                self.window.start,
                self.window.end,
                dataset.incidents.len() - placed,
                dataset.claims.len(),
                dataset.sources.len()
            ));
            if let Some((name, division)) = &self.hits.hovered_district {
                ui.separator();
                ui.label(RichText::new(format!("{name} district, {division} division")).strong());
            }
        });
        let tiles = if self.settings.tile_layer.is_online() {
            format!("Tiles: {} · ", self.settings.tile_layer.attribution().text)
        } else {
            String::new()
        };
        ui.label(
            RichText::new(format!("{tiles}{ATTRIBUTION}"))
                .small()
                .weak(),
        );
    }

    fn side_panel(&mut self, ui: &mut egui::Ui) {
        let Some(cache) = self.comparison.as_ref() else {
            return;
        };
        let view = PanelView {
            full: &self.loaded.dataset,
            view: &self.view,
            comparison: &cache.comparison,
            scope: &cache.key.0,
            range: cache.key.1,
            filter: &self.settings.sources,
            palette: Palette::for_dark_mode(self.settings.dark_mode),
        };
        compare_panel::show(ui, &view, &mut self.commands);
    }

    /// ←/→ move the window a day (a week with Shift), Home/End jump to the ends, Space plays
    /// or pauses: unless a text field has the keyboard (a focused button does not stop them). Keys are consumed first thing in the
    /// frame, so a focused button never also sees the Space as a click.
    fn keyboard(&mut self, ctx: &egui::Context) {
        if ctx.text_edit_focused() {
            return;
        }
        let domain = self.timeline.domain;
        let window = self.window.span();
        let consume = |key, shift: bool| {
            let modifiers = if shift {
                egui::Modifiers::SHIFT
            } else {
                egui::Modifiers::NONE
            };
            ctx.input_mut(|i| i.consume_key(modifiers, key))
        };
        let mut moved = None;
        if consume(Key::ArrowRight, true) {
            moved = Some(shift(window, 7, domain));
        } else if consume(Key::ArrowLeft, true) {
            moved = Some(shift(window, -7, domain));
        } else if consume(Key::ArrowRight, false) {
            moved = Some(shift(window, 1, domain));
        } else if consume(Key::ArrowLeft, false) {
            moved = Some(shift(window, -1, domain));
        } else if consume(Key::Home, false) {
            moved = Some(shift(window, -domain.days(), domain));
        } else if consume(Key::End, false) {
            moved = Some(shift(window, domain.days(), domain));
        }
        if let Some(span) = moved {
            self.commands
                .push(Command::SetWindow(DateWindow::from_span(span)));
        }
        if consume(Key::Space, false) {
            self.commands.push(Command::TogglePlay);
        }
    }

    /// Advances playback by this frame's time; asks for the next frame only while playing.
    fn play(&mut self, ctx: &egui::Context) {
        if !self.player.playing {
            return;
        }
        let seconds = f64::from(ctx.input(|i| i.stable_dt).min(0.25));
        let bounds = self.timeline.focus(self.window.span());
        if let Some(next) =
            self.player
                .advance(self.window.span(), bounds, self.settings.playback, seconds)
        {
            self.window = DateWindow::from_span(next);
        }
        ctx.request_repaint();
    }

    fn timeline_panel(&mut self, ui: &mut egui::Ui) {
        let focus = self.timeline.focus(self.window.span());
        if self
            .focus_histogram
            .as_ref()
            .is_none_or(|(k, _)| *k != focus)
        {
            self.focus_histogram = Some((focus, Histogram::new(&self.view, focus)));
        }
        let Some((_, histogram)) = self.focus_histogram.as_ref() else {
            return;
        };
        let view = TimelineView {
            timeline: &self.timeline,
            dataset: &self.view,
            window: self.window,
            histogram,
            overview: &self.overview_histogram,
            player: &self.player,
            playback: self.settings.playback,
            hide_undated: self.settings.hide_undated,
            palette: Palette::for_dark_mode(self.settings.dark_mode),
        };
        self.timeline_layout = timeline::show(ui, &view, &mut self.date_fields, &mut self.commands);
    }

    fn lens_banner(&mut self, ctx: &egui::Context, rect: egui::Rect, palette: Palette) {
        let lens = self.settings.sources.lens.as_deref();
        if let Some(source) = lens.and_then(|id| self.loaded.dataset.source(id)) {
            let name = crate::model::compare::short_name(source);
            map_overlay::lens_banner(ctx, rect, &name, palette, &mut self.commands);
        }
    }

    fn map(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        self.hits.map_rect = Some(rect);
        self.begin_pending_view(ui.ctx(), rect.size());
        self.animate_map(ui.ctx());
        if self.needs_fit && rect.width() > 1.0 {
            if let Some((min, max)) = self.prepared.balochistan_bounds {
                self.fit_to(min, max, 12.0);
            }
            self.needs_fit = false;
        }
        self.refresh_caches();
        let (Some(groups), Some(shading)) = (self.groups.as_ref(), self.shading.as_ref()) else {
            return;
        };
        let home = self
            .prepared
            .balochistan_bounds
            .map_or(lon_lat(66.0, 28.5), |(a, b)| {
                lon_lat(f64::midpoint(a.lon, b.lon), f64::midpoint(a.lat, b.lat))
            });
        let palette = self.palette();
        // Reserve the bottom of the paint order for the basemap, under walkers' tiles.
        let basemap_slot = self.online.is_some().then(|| ui.painter().add(Shape::Noop));
        let mut hits = MapHits {
            map_rect: Some(rect),
            ..MapHits::default()
        };
        let layer = AtlasLayer {
            prepared: &self.prepared,
            markers: &self.markers,
            palette,
            district_set: self.district_set(),
            shades: &shading.shades,
            clusters: &groups.clusters,
            tehsils: match &self.tehsils {
                TehsilLayer::Ready(layer) if self.settings.show_tehsils => Some(layer),
                _ => None,
            },
            basemap_slot,
            selected_incident: self.selection.incident.as_deref(),
            selected_district: self.selection.district.as_deref(),
            fanned_out: self.fanned_out,
            fade_in: self
                .player
                .playing
                .then_some((self.window.end, self.player.progress as f32)),
            hits: &mut hits,
        };
        let tiles = self.online.as_mut().map(|o| &mut o.tiles as &mut dyn Tiles);
        let response = ui.add(
            walkers::Map::new(tiles, &mut self.map_memory, home)
                .with_plugin(layer)
                .double_click_to_zoom(true),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Image, true, "Map of Balochistan")
        });
        if let Some(id) = hits.clicked_incident.clone() {
            self.commands.push(Command::SelectIncident(Some(id)));
        } else if let Some((at, zoom)) = hits.zoom_into {
            self.commands.push(Command::ZoomTo(at, zoom as f64));
        } else if let Some(first) = hits.fan_out {
            self.commands.push(Command::FanOut(Some(first)));
        } else if response.clicked() {
            self.commands
                .push(Command::SelectDistrict(hits.clicked_district.clone()));
        }

        self.map_overlays(ui, rect, &hits, palette);
        self.hits = hits;
    }

    /// What is drawn over the map: scale bar, legend; outside presentation also the
    /// navigation, the lens banner and the tile status.
    fn map_overlays(&mut self, ui: &egui::Ui, rect: egui::Rect, hits: &MapHits, palette: Palette) {
        // Taken out for the call and put back: the overlays push commands (`&mut self`)
        // while reading the shades, without copying them each frame.
        let Some(shading) = self.shading.take() else {
            return;
        };
        self.paint_overlays(ui, rect, hits, palette, &shading.shades);
        self.shading = Some(shading);
    }

    fn paint_overlays(
        &mut self,
        ui: &egui::Ui,
        rect: egui::Rect,
        hits: &MapHits,
        palette: Palette,
        shades: &DistrictShades,
    ) {
        let ctx = ui.ctx().clone();
        map_overlay::scale_bar(
            ui.painter(),
            rect,
            hits.zoom,
            hits.center.map_or(28.0, |c| c.lat),
            palette,
        );
        if self.presenting {
            if !self.settings.hide_legend {
                let events = self.groups.as_ref().map_or(&[][..], |g| &g.events);
                presentation::compact_legend(&ctx, rect, shades, events, palette);
            }
            return;
        }
        let has_selection = self.selection.incident.is_some() || self.selection.district.is_some();
        map_overlay::controls(
            &ctx,
            rect,
            &self.settings,
            has_selection,
            palette,
            &mut self.commands,
        );
        if !self.settings.hide_legend {
            map_overlay::legend(&ctx, rect, shades, palette);
        }
        self.lens_banner(&ctx, rect, palette);
        let reachability = self.online.as_mut().map(|o| o.reachability(&ctx));
        map_overlay::tile_status(
            &ctx,
            rect,
            self.settings.tile_layer,
            reachability.as_ref(),
            palette,
        );
    }
}

impl AtlasApp {
    /// One frame of the whole app (eframe calls this; so do tests and the offscreen
    /// renderer, which have no `eframe::Frame`).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.sync_scale(&ctx);
        self.sync_tiles(&ctx);
        self.sync_tehsils(&ctx);
        self.poll_export(&ctx);
        self.briefing_keys(&ctx);
        if self.presenting {
            self.presentation(ui);
        } else {
            self.workspace(ui);
        }
        if !self.offscreen {
            about::show(&ctx, &mut self.show_about);
            problems::show(&ctx, &mut self.show_problems, &self.problems);
            self.briefing_window(&ctx);
            self.notices_window(&ctx);
            self.export_window(&ctx);
        }
        self.apply(&ctx);
    }

    /// The everyday layout: top bar, timeline, status line, comparison panel, map.
    fn workspace(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar(ui));
        self.keyboard(&ctx);
        self.play(&ctx);
        // Before any panel reads them: the status line and the map agree within a frame.
        self.refresh_caches();
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar(ui));
        egui::Panel::bottom("timeline")
            .resizable(false)
            .show(ui, |ui| self.timeline_panel(ui));
        // Collapsed by the top bar's button, or by dragging its edge shut.
        let mut open = !self.settings.hide_panel;
        egui::Panel::right("comparison")
            .min_size(340.0)
            .max_size(760.0)
            .resizable(true)
            // Wide enough for five sources' columns on a 1600-px screen; narrower on a
            // small one so the map keeps most of it.
            .default_size((ctx.content_rect().width() * 0.36).clamp(340.0, 560.0))
            .show_collapsible(ui, &mut open, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.side_panel(ui));
            });
        self.settings.hide_panel = !open;
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.map(ui));
    }

    /// Presentation mode (and every exported slide): caption bar, map, footer.
    fn presentation(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        self.refresh_caches();
        let palette = self.palette();
        let bar = egui::Frame::new()
            .fill(palette.overlay_fill)
            .inner_margin(egui::Margin::symmetric(16, 8));
        let (title, caption) = self.caption_text();
        let dates = crate::model::compare::describe_span(self.window.span());
        let lens = self
            .settings
            .sources
            .lens
            .as_deref()
            .and_then(|id| self.loaded.dataset.source(id))
            .map(crate::model::compare::short_name);
        let position = self
            .briefing
            .current
            .filter(|_| self.numbered)
            .map(|i| (i + 1, self.briefing.briefing.slides.len()));
        egui::Panel::top("caption_bar").frame(bar).show(ui, |ui| {
            presentation::caption_bar(
                ui,
                &CaptionView {
                    title: &title,
                    caption: &caption,
                    dates: &dates,
                    lens: lens.as_deref(),
                    position,
                    palette,
                },
            );
        });
        let attribution = self.attribution();
        let empty = FooterFacts::default();
        let facts = self.comparison.as_ref().map_or(&empty, |c| &c.footer);
        egui::Panel::bottom("slide_footer")
            .frame(bar)
            .show(ui, |ui| {
                presentation::footer(
                    ui,
                    &FooterView {
                        sources: &facts.sources,
                        contested: &facts.contested,
                        attribution: &attribution,
                        palette,
                    },
                );
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.map(ui));
        if !self.offscreen {
            self.hide_idle_cursor(&ctx);
        }
    }

    /// The title and caption of what is shown: the slide's, else the briefing's title.
    fn caption_text(&self) -> (String, String) {
        match self
            .briefing
            .current
            .and_then(|i| self.briefing.briefing.slides.get(i))
        {
            Some(slide) => (slide.title.clone(), slide.caption.clone()),
            None => (
                self.briefing.briefing.title.clone(),
                "Incident Atlas · Balochistan".to_owned(),
            ),
        }
    }

    /// The attribution line every map carries, with the tile provider's when tiles show.
    fn attribution(&self) -> String {
        if self.settings.tile_layer.is_online() && !self.offscreen {
            format!(
                "Tiles: {} · {ATTRIBUTION}",
                self.settings.tile_layer.attribution().text
            )
        } else {
            ATTRIBUTION.to_owned()
        }
    }

    fn palette(&self) -> Palette {
        let palette = Palette::for_dark_mode(self.settings.dark_mode);
        if self.presenting {
            palette.high_contrast()
        } else {
            palette
        }
    }

    /// While presenting, the cursor disappears after a few still seconds and comes back
    /// when the mouse moves.
    fn hide_idle_cursor(&mut self, ctx: &egui::Context) {
        let (now, moved) = ctx.input(|i| {
            (
                i.time,
                i.pointer.delta() != egui::Vec2::ZERO || i.pointer.any_down(),
            )
        });
        if moved {
            self.last_pointer_activity = now;
        }
        let idle = now - self.last_pointer_activity;
        if idle >= CURSOR_IDLE_SECONDS {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                CURSOR_IDLE_SECONDS - idle + 0.05,
            ));
        }
    }

    /// Keeps egui's scale at the user's choice for the mode; a change made with egui's
    /// own zoom keys (Ctrl +/-) becomes the choice.
    fn sync_scale(&mut self, ctx: &egui::Context) {
        let wanted = self.settings.scale(self.presenting);
        let actual = ctx.zoom_factor();
        if let Some(applied) = self.applied_scale
            && !self.offscreen
            && (actual - applied).abs() > 1e-3
        {
            let chosen = actual.clamp(
                *crate::state::SCALE_RANGE.start(),
                *crate::state::SCALE_RANGE.end(),
            );
            if self.presenting {
                self.settings.presentation_scale = Some(chosen);
            } else {
                self.settings.ui_scale = Some(chosen);
            }
            self.applied_scale = Some(actual);
            return;
        }
        if (actual - wanted).abs() > 1e-3 {
            ctx.set_zoom_factor(wanted);
        }
        self.applied_scale = Some(wanted);
    }

    /// F5 presents, Esc stops, F11 fullscreen, Ctrl+E exports; PageDown/PageUp (what a
    /// clicker sends) step the slides, and while presenting so do the arrows and Space.
    fn briefing_keys(&mut self, ctx: &egui::Context) {
        if ctx.text_edit_focused() || self.offscreen {
            return;
        }
        let pressed = |key| ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key));
        if pressed(Key::F5) {
            self.commands.push(Command::SetPresenting(!self.presenting));
        }
        if pressed(Key::F11) {
            self.commands.push(Command::ToggleFullscreen);
        }
        if ctx.input_mut(|i| i.consume_key(egui::Modifiers::COMMAND, Key::E)) {
            self.commands.push(Command::ExportView);
        }
        if self.presenting && pressed(Key::Escape) {
            self.commands.push(Command::SetPresenting(false));
        }
        let mut forward = [Key::PageDown].as_slice();
        let mut back = [Key::PageUp].as_slice();
        if self.presenting {
            forward = &[Key::PageDown, Key::ArrowRight, Key::ArrowDown, Key::Space];
            back = &[Key::PageUp, Key::ArrowLeft, Key::ArrowUp, Key::Backspace];
        }
        for &key in forward {
            if pressed(key) {
                self.commands.push(Command::StepSlide(1));
            }
        }
        for &key in back {
            if pressed(key) {
                self.commands.push(Command::StepSlide(-1));
            }
        }
        if self.presenting {
            let len = self.briefing.briefing.slides.len();
            if pressed(Key::Home) && len > 0 {
                self.commands.push(Command::GoToSlide(0));
            }
            if pressed(Key::End) && len > 0 {
                self.commands.push(Command::GoToSlide(len - 1));
            }
        }
    }

    fn briefing_window(&mut self, ctx: &egui::Context) {
        if !self.show_briefing || self.presenting {
            return;
        }
        let file = self.briefing.describe();
        let view = BriefingPanelView {
            briefing: &self.briefing.briefing,
            current: self.briefing.current,
            file: &file,
            broken: self.briefing.broken.as_deref(),
            palette: self.palette(),
        };
        let mut open = true;
        briefing_panel::show(
            ctx,
            &mut open,
            &view,
            &mut self.briefing_panel,
            &mut self.commands,
        );
        if !open {
            self.commands.push(Command::ShowBriefingPanel(false));
        }
    }

    /// Notices stay until dismissed: nothing the user should know disappears by itself.
    fn notices_window(&mut self, ctx: &egui::Context) {
        if self.notices.is_empty() || self.presenting {
            return;
        }
        let palette = self.palette();
        egui::Area::new(egui::Id::unique("notices"))
            .anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, 48.0))
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (i, notice) in self.notices.iter().enumerate() {
                    egui::Frame::new()
                        .fill(palette.warning_fill())
                        .stroke(egui::Stroke::new(1.0, palette.label_text))
                        .corner_radius(6.0)
                        .inner_margin(egui::Margin::symmetric(12, 6))
                        .show(ui, |ui| {
                            ui.set_max_width(640.0);
                            ui.horizontal(|ui| {
                                ui.label(RichText::new(notice).color(palette.label_text));
                                if ui.small_button("Dismiss").clicked() {
                                    self.commands.push(Command::DismissNotice(i));
                                }
                            });
                        });
                }
            });
    }

    fn export_window(&mut self, ctx: &egui::Context) {
        let Some(job) = self.export.as_ref() else {
            return;
        };
        let mut cancel = false;
        egui::Window::new("Exporting")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                let fraction = if job.total == 0 {
                    1.0
                } else {
                    job.done as f32 / job.total as f32
                };
                ui.label(format!(
                    "Drawing slide {} of {}…",
                    (job.done + 1).min(job.total),
                    job.total
                ));
                ui.add(egui::ProgressBar::new(fraction).show_percentage());
                cancel = ui.button("Cancel").clicked();
            });
        if cancel {
            job.cancel();
        }
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.settings.window = Some(self.window);
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
