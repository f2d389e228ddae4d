//! Command handling: every `Command` the frame queued is applied here, once, at the end of
//! the frame. One handler per group, each an exhaustive `match` (no catch-all arm), so a new
//! variant does not compile until it is handled. File dialogs open only here.

use std::path::PathBuf;

use super::AtlasApp;
use super::briefing::{BriefingState, delete_slide, insert_after_current, move_slide};
use crate::briefing::{Briefing, Layers, Slide, slide_file_name, slug, step};
use crate::command::{
    BriefingCommand, CameraCommand, Command, SelectionCommand, SettingsCommand, SourceCommand,
    TimeCommand, WindowCommand,
};
use crate::model::{GeoPrecision, LonLat};
use crate::render::slide::RenderJob;

/// How much of a file is read to tell what it is (and to preview a table's first rows).
const SNIFF_BYTES: u64 = 256 * 1024;

impl AtlasApp {
    /// Applies everything queued this frame.
    pub(super) fn apply_commands(&mut self, ctx: &egui::Context) {
        if !self.commands.is_empty() {
            // This frame was drawn before the change: draw the next one with it.
            ctx.request_repaint();
        }
        for command in self.commands.take() {
            log::debug!("apply {command:?}");
            match command {
                Command::Selection(c) => self.apply_selection(c),
                Command::Camera(c) => self.apply_camera(c),
                Command::Time(c) => self.apply_time(c, ctx),
                Command::Sources(c) => self.apply_sources(c),
                Command::Settings(c) => self.apply_settings(c),
                Command::Briefing(c) => self.apply_briefing(c, ctx),
                Command::Window(c) => self.apply_window(c, ctx),
                Command::Edit(c) => self.apply_edit(c),
                Command::Evidence(c) => self.apply_evidence(c),
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

    fn apply_selection(&mut self, command: SelectionCommand) {
        let interaction = &mut self.interaction;
        match command {
            SelectionCommand::SelectIncident(id) => {
                interaction.selection.incident = id;
                interaction.selection.district = None;
            }
            SelectionCommand::SelectDistrict(name) => {
                interaction.selection.district = name;
                interaction.selection.incident = None;
                interaction.fanned_out = None;
            }
            SelectionCommand::ShowIncident(id) => self.show_incident(&id),
            SelectionCommand::FanOut(first) => {
                interaction.fanned_out = if interaction.fanned_out == first {
                    None
                } else {
                    first
                };
            }
        }
    }

    fn apply_camera(&mut self, command: CameraCommand) {
        match command {
            CameraCommand::FitBalochistan => self.camera.request_fit(),
            CameraCommand::FitSelection => self.fit_selection(),
            CameraCommand::ZoomBy(delta) => self.camera.zoom_by(delta),
            CameraCommand::ZoomTo(at, zoom) => {
                self.camera.center_at(at);
                self.camera.set_zoom(zoom);
            }
        }
    }

    fn apply_time(&mut self, command: TimeCommand, ctx: &egui::Context) {
        let playback = &mut self.playback;
        match command {
            TimeCommand::SetWindow(window) => playback.choose_window(window),
            TimeCommand::ShiftWindow(days) => playback.shift(i64::from(days)),
            TimeCommand::WindowToEnd(last) => playback.jump_to_end(last),
            TimeCommand::ResetWindow => playback.reset(),
            TimeCommand::TogglePlay => {
                playback.toggle_play(self.settings.playback);
                // Commands apply after this frame's playback step: ask for the next frame,
                // or playback would wait for the next input event to start.
                ctx.request_repaint();
            }
            TimeCommand::SetPlayback(settings) => self.settings.playback = settings,
            TimeCommand::SetHideUndated(hide) => self.settings.hide_undated = hide,
        }
    }

    fn apply_sources(&mut self, command: SourceCommand) {
        let mut filter = self.settings.sources.clone();
        match command {
            SourceCommand::SetSourceOn(id, true) => {
                filter.off.remove(&id);
            }
            SourceCommand::SetSourceOn(id, false) => {
                filter.off.insert(id);
            }
            SourceCommand::SetLens(lens) => filter.lens = lens,
            SourceCommand::DecideLink {
                first,
                second,
                decision,
            } => return self.decide_link(&first, &second, decision),
        }
        self.set_sources(filter);
    }

    /// Saves the decision beside the data, then reopens it (accepted links merge incidents,
    /// which every prepared layer depends on). A decisions file that cannot be read is not
    /// written over; the error says so.
    fn decide_link(
        &mut self,
        first: &str,
        second: &str,
        decision: Option<atlas_core::model::links::Decision>,
    ) {
        let Some(path) = self.data.loaded().links_file.clone() else {
            self.notifications
                .error("Links between datasets need two datasets open");
            return;
        };
        match atlas_core::io::links_file::decide(&path, first, second, decision) {
            Ok(()) => {
                self.interaction.open_data = Some(self.data.location().clone());
            }
            Err(e) => self.notifications.error(format!(
                "The decision could not be saved to {}: {e}",
                path.display()
            )),
        }
    }

    /// Shows the data as these sources tell it; a group fanned out no longer exists.
    fn set_sources(&mut self, filter: crate::model::compare::SourceFilter) {
        if self.data.set_filter(&filter) {
            self.interaction.fanned_out = None;
        }
        self.settings.sources = filter;
    }

    fn apply_settings(&mut self, command: SettingsCommand) {
        let settings = &mut self.settings;
        match command {
            SettingsCommand::SetDarkMode(dark) => settings.dark_mode = dark,
            SettingsCommand::SetTileLayer(layer) => settings.tile_layer = layer,
            SettingsCommand::SetShading(mode) => settings.shading = mode,
            SettingsCommand::SetShowTehsils(on) => settings.show_tehsils = on,
            SettingsCommand::SetDensity(mode) => settings.density = mode,
            SettingsCommand::SetHideLegend(hide) => settings.hide_legend = hide,
            SettingsCommand::SetHidePanel(hide) => settings.hide_panel = hide,
            SettingsCommand::SetPrivateTiles(tiles) => settings.private_tiles = tiles,
            SettingsCommand::SetMatchRule(rule) => {
                settings.match_rule = rule;
                // Proposals are made when the data is read: read it again.
                self.interaction.open_data = Some(self.data.location().clone());
            }
            SettingsCommand::RememberMapping(key, mapping) => {
                settings.remember_mapping(key, mapping);
            }
            SettingsCommand::SetAreaLayer(layer) => {
                let path = layer.path.clone();
                *settings.area_layer_mut(&path) = layer;
            }
            SettingsCommand::SetUiScale(scale) => settings.ui_scale = Some(scale),
            SettingsCommand::SetPresentationScale(scale) => {
                settings.presentation_scale = Some(scale);
            }
            SettingsCommand::SetExportSize(size) => settings.export_size = size,
        }
    }

    fn apply_window(&mut self, command: WindowCommand, ctx: &egui::Context) {
        let open = &mut self.interaction;
        match command {
            WindowCommand::ShowAbout(show) => open.about = show,
            WindowCommand::ShowProblems(show) => open.problems = show,
            WindowCommand::ShowBriefingPanel(show) => open.briefing = show,
            WindowCommand::ShowShortcuts(show) => open.shortcuts = show,
            WindowCommand::ShowLog(show) => open.log = show,
            WindowCommand::ToggleFullscreen => self.presentation.toggle_fullscreen(ctx),
            WindowCommand::Dismiss(id) => self.notifications.dismiss(id),
            WindowCommand::PickDataToOpen => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Open data: an ACLED or UCDP GED file (or cancel and pick a folder)")
                    .add_filter("Tables", &["csv", "tsv", "txt"])
                    .pick_file()
                    .or_else(|| {
                        rfd::FileDialog::new()
                            .set_title(
                                "Open a folder with sources.csv, incidents.csv and claims.csv",
                            )
                            .pick_folder()
                    })
                {
                    open.open_data = Some(crate::io::DataLocation::of_path(path));
                }
            }
            WindowCommand::OpenData(path) => self.route_file(path, false, ctx),
            WindowCommand::PickDataToAdd => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title(
                        "Add data beside what is open: ACLED, UCDP GED, GeoJSON or any table",
                    )
                    .add_filter(
                        "Tables and GeoJSON",
                        &["csv", "tsv", "txt", "geojson", "json"],
                    )
                    .pick_file()
                {
                    self.route_file(path, true, ctx);
                }
            }
            WindowCommand::ShowLinks(show) => open.links = show,
            WindowCommand::AddData(path) => self.route_file(path, true, ctx),
            WindowCommand::OpenMapped { path, mapping, add } => {
                open.mapping = None;
                self.open_location(crate::io::DataLocation::Table { path, mapping }, add);
            }
            WindowCommand::CloseMapping => open.mapping = None,
            WindowCommand::PickLayerToAdd => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("Add an area layer: a GeoJSON file of polygons")
                    .add_filter("GeoJSON", &["geojson", "json"])
                    .pick_file()
                {
                    self.add_layer(path, ctx);
                }
            }
            WindowCommand::AddLayer(path) => self.add_layer(path, ctx),
            WindowCommand::ShowPrivateTiles(show) => {
                open.private_tiles = show.then(|| {
                    crate::ui::private_tiles::TilesDraft::new(&self.settings.private_tiles)
                });
            }
            WindowCommand::PickTileFile => {
                if let Some(path) = rfd::FileDialog::new()
                    .set_title("A PMTiles file of raster tiles")
                    .add_filter("PMTiles", &["pmtiles"])
                    .pick_file()
                    && let Some(draft) = open.private_tiles.as_mut()
                {
                    draft.tiles.file = Some(path);
                }
            }
            WindowCommand::RemoveLayer(path) => {
                self.settings.area_layers.retain(|l| l.path != path);
                self.data.remove_layer(&path);
            }
        }
    }

    /// Opens data instead of, or beside (`add`), what is open.
    fn open_location(&mut self, location: crate::io::DataLocation, add: bool) {
        self.interaction.open_data = Some(if add {
            self.data.location().with(location)
        } else {
            location
        });
    }

    fn add_layer(&mut self, path: std::path::PathBuf, ctx: &egui::Context) {
        let ctx = ctx.clone();
        self.notifications
            .info(format!("Reading the area layer {}…", path.display()));
        self.jobs.read_layer(path, move || ctx.request_repaint());
    }

    /// A file opened, added or dropped goes where its content says: a folder or a known
    /// kind is data; `GeoJSON` polygons become an area layer (and its points, if any, data);
    /// a table of no known kind opens the column-mapping dialog, unless a mapping is
    /// remembered for its header.
    fn route_file(&mut self, path: std::path::PathBuf, add: bool, ctx: &egui::Context) {
        use atlas_core::io::import::{Sniffed, areas, sniff};
        if path.is_dir() {
            return self.open_location(crate::io::DataLocation::Dir(path), add);
        }
        // The head is enough to tell a table's kind and show its first rows: a large export
        // is read once, by the loader, not twice.
        let head = std::fs::File::open(&path).and_then(|file| {
            use std::io::Read;
            let mut head = Vec::new();
            file.take(SNIFF_BYTES).read_to_end(&mut head).map(|_| head)
        });
        let bytes = match head {
            Ok(bytes) => bytes,
            Err(e) => {
                return self
                    .notifications
                    .error(format!("Cannot read {}: {e}", path.display()));
            }
        };
        let shown = path.display().to_string();
        let mut problems = crate::io::Problems::default();
        match sniff(&shown, &bytes, 8, &mut problems) {
            Sniffed::Known(atlas_core::io::import::Format::Geojson) => {
                // Whether it holds areas, points or both takes the whole file.
                let whole = std::fs::read(&path).unwrap_or(bytes);
                let text = String::from_utf8_lossy(&whole);
                let (has_areas, has_points) = (areas::has_areas(&text), areas::has_points(&text));
                if has_areas {
                    self.add_layer(path.clone(), ctx);
                }
                if has_points || !has_areas {
                    self.open_location(crate::io::DataLocation::File(path), add || has_areas);
                }
            }
            Sniffed::Known(_) => self.open_location(crate::io::DataLocation::File(path), add),
            Sniffed::Table { header, rows } => {
                let key = atlas_core::io::import::mapping::header_key(&header);
                if let Some(mapping) = self.settings.mapping_for(&key) {
                    let mapping = Box::new(mapping.clone());
                    self.notifications.info(format!(
                        "{} read with the column mapping chosen before for this header",
                        path.display()
                    ));
                    return self
                        .open_location(crate::io::DataLocation::Table { path, mapping }, add);
                }
                self.interaction.mapping = Some(crate::ui::mapping::MappingDraft::new(
                    path, add, header, rows, &bytes,
                ));
            }
            Sniffed::Unreadable => {
                let reason = problems
                    .iter()
                    .next()
                    .map_or_else(String::new, |p| format!(": {}", p.message));
                self.notifications
                    .error(format!("Cannot open {}{reason}", path.display()));
                self.data.add_problems(problems);
            }
        }
    }

    fn apply_briefing(&mut self, command: BriefingCommand, ctx: &egui::Context) {
        match command {
            BriefingCommand::SetPresenting(on) => self.set_presenting(on, ctx),
            BriefingCommand::GoToSlide(index) => self.show_slide(index, true),
            BriefingCommand::StepSlide(delta) => self.step_slide(delta),
            BriefingCommand::SlideAtEnd(last) => {
                let len = self.briefing.len();
                if len > 0 {
                    self.show_slide(if last { len - 1 } else { 0 }, true);
                }
            }
            BriefingCommand::AddSlide => self.add_slide(),
            BriefingCommand::UpdateSlide(index) => self.update_slide(index),
            BriefingCommand::RenameSlide(index, title) => {
                self.edit_slide(index, |slide| slide.title = title);
            }
            BriefingCommand::SetSlideCaption(index, caption) => {
                self.edit_slide(index, |slide| slide.caption = caption);
            }
            BriefingCommand::SetSlideLayout(index, layout) => {
                self.edit_slide(index, |slide| slide.layout = layout);
            }
            BriefingCommand::SetSlideFigures(index, figures) => {
                self.edit_slide(index, |slide| slide.figures = figures);
            }
            BriefingCommand::SetSlideNotes(index, notes) => {
                self.edit_slide(index, |slide| slide.notes = notes);
            }
            BriefingCommand::SetBriefingTitle(title) => {
                self.edit_briefing(|b, _| b.title = title);
            }
            BriefingCommand::MoveSlide(index, delta) => {
                self.edit_briefing(|b, current| move_slide(b, current, index, delta));
            }
            BriefingCommand::DeleteSlide(index) => {
                self.edit_briefing(|b, current| delete_slide(b, current, index));
            }
            BriefingCommand::PickBriefingToOpen => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("Briefing", &["atlasbrief", "json"])
                    .pick_file()
                {
                    self.open_briefing(path);
                }
            }
            BriefingCommand::PickBriefingSaveAs => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("Briefing", &["atlasbrief", "json"])
                    .set_file_name("briefing.json")
                    .save_file()
                {
                    self.save_briefing_as(path);
                }
            }
            BriefingCommand::OpenBriefing(path) => self.open_briefing(path),
            BriefingCommand::SaveBriefingAs(path) => self.save_briefing_as(path),
            BriefingCommand::ExportView => self.export_view_dialog(ctx),
            BriefingCommand::SetPresenterView(on) => self.settings.presenter_view = on,
            BriefingCommand::ExportSlides
            | BriefingCommand::ExportAnimation
            | BriefingCommand::ExportAnimationTo(..)
            | BriefingCommand::ExportHandout
            | BriefingCommand::ExportHandoutTo(_) => self.apply_export(command, ctx),
        }
    }

    /// The briefing's exports: slides, animation, handout (the dialogs, then the job).
    fn apply_export(&mut self, command: BriefingCommand, ctx: &egui::Context) {
        match command {
            BriefingCommand::ExportSlides => self.export_slides_dialog(ctx),
            BriefingCommand::ExportAnimation => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("Animated GIF", &["gif"])
                    .set_file_name("timeline.gif")
                    .save_file()
                {
                    let size = self.export_size(ctx);
                    self.export_animation_to(&path, size);
                }
            }
            BriefingCommand::ExportAnimationTo(path, size) => self.export_animation_to(&path, size),
            BriefingCommand::ExportHandout => {
                if let Some(path) = rfd::FileDialog::new()
                    .add_filter("PDF", &["pdf"])
                    .set_file_name(format!("{}.pdf", slug(&self.briefing.briefing().title)))
                    .save_file()
                {
                    self.export_handout_to(&path);
                }
            }
            BriefingCommand::ExportHandoutTo(path) => self.export_handout_to(&path),
            _ => {}
        }
    }

    /// Presenting starts at the current slide, or the first.
    fn set_presenting(&mut self, on: bool, ctx: &egui::Context) {
        if self.presentation.set(on, ctx) && on {
            self.playback.pause();
            let start = self.briefing.current().unwrap_or(0);
            if start < self.briefing.len() {
                self.show_slide(start, false);
            }
        }
    }

    /// Selects an incident and brings it into view: the window widened to take in its
    /// dates (if it does not already), the map centred on it unless it stands for the whole
    /// province. The zoom is left as it is: the analyst chose it.
    fn show_incident(&mut self, id: &str) {
        let Some(incident) = self.data.full().incident(id) else {
            return;
        };
        let (dates, position, precision) =
            (incident.dates, incident.position, incident.geo_precision);
        self.interaction.selection.incident = Some(id.to_owned());
        self.interaction.selection.district = None;
        if let Some(dates) = dates {
            self.playback.widen_to(dates);
        }
        if let Some(p) = position
            && precision != GeoPrecision::Province
        {
            self.camera.center_at(p);
        }
    }

    fn fit_selection(&mut self) {
        let selection = &self.interaction.selection;
        if let Some(incident) = selection
            .incident
            .as_deref()
            .and_then(|id| self.data.full().incident(id))
            && let Some(p) = incident.position
        {
            let zoom = self.camera.zoom().max(9.0);
            self.camera.center_at(p);
            self.camera.set_zoom(zoom);
        } else if let Some(name) = selection.district.as_deref()
            && let Some(area) = self
                .data
                .prepared()
                .districts(self.district_set())
                .by_name(name)
        {
            let (a, b) = area.bounds();
            let (min, max) = (
                crate::geo::projection::lon_lat_from_world(a),
                crate::geo::projection::lon_lat_from_world(b),
            );
            // World y grows southwards: a is the north-west corner.
            let (south_west, north_east) = (
                LonLat {
                    lon: min.lon,
                    lat: max.lat,
                },
                LonLat {
                    lon: max.lon,
                    lat: min.lat,
                },
            );
            let legend = !self.settings.hide_legend;
            self.camera.fit_to(south_west, north_east, 11.0, legend);
        }
    }

    /// Shows a slide: dates, selection, sources and layers at once; the map moves there
    /// smoothly (or jumps, when `animate` is off) once its size is known.
    fn show_slide(&mut self, index: usize, animate: bool) {
        let Some(slide) = self.briefing.briefing().slides.get(index).cloned() else {
            return;
        };
        self.briefing.set_current(Some(index));
        self.playback.pause();
        self.playback.set_window(slide.dates);
        let sources = self.data.known_sources(&slide.sources);
        self.set_sources(sources);
        self.settings.shading = slide.layers.shading;
        self.settings.show_tehsils = slide.layers.show_tehsils;
        self.settings.hide_undated = slide.layers.hide_undated;
        self.settings.hide_legend = slide.layers.hide_legend;
        let known = slide
            .selected_incident
            .filter(|id| self.data.full().incident(id).is_some());
        self.interaction.selection.incident = known;
        self.interaction.selection.district = slide.selected_district;
        self.interaction.fanned_out = None;
        self.camera.go_to(slide.map, animate);
    }

    /// Steps through the slides; the first step from no slide shows the first.
    fn step_slide(&mut self, delta: isize) {
        let current = self.briefing.current();
        if let Some(next) = step(current, delta, self.briefing.len())
            && (Some(next) != current || current.is_none())
        {
            self.show_slide(next, true);
        }
    }

    /// The view shown now, as a slide (title and caption empty).
    pub fn capture_view(&self) -> Slide {
        let settings = &self.settings;
        Slide {
            title: String::new(),
            caption: String::new(),
            map: self.camera.capture(),
            dates: self.playback.window(),
            selected_incident: self.interaction.selection.incident.clone(),
            selected_district: self.interaction.selection.district.clone(),
            sources: settings.sources.clone(),
            layers: Layers {
                shading: settings.shading,
                show_tehsils: settings.show_tehsils,
                hide_undated: settings.hide_undated,
                hide_legend: settings.hide_legend,
            },
            layout: crate::briefing::SlideLayout::Map,
            figures: Vec::new(),
            notes: String::new(),
        }
    }

    /// Applies an edit to slide `index` (if it is there) and saves the file.
    fn edit_slide(&mut self, index: usize, edit: impl FnOnce(&mut Slide)) {
        self.edit_briefing(|briefing, _| {
            if let Some(slide) = briefing.slides.get_mut(index) {
                edit(slide);
            }
        });
    }

    /// Applies an edit to the list and saves the file; a failed save is an error.
    fn edit_briefing(&mut self, edit: impl FnOnce(&mut Briefing, &mut Option<usize>)) {
        match self.briefing.edit(edit) {
            Ok(path) => self.settings.briefing_file = Some(path),
            Err(e) => self.notifications.error(e),
        }
    }

    fn add_slide(&mut self) {
        let mut slide = self.capture_view();
        slide.title = format!("View {}", self.briefing.len() + 1);
        slide.caption = crate::model::compare::describe_span(self.playback.window().span());
        self.edit_briefing(|briefing, current| insert_after_current(briefing, current, slide));
    }

    fn update_slide(&mut self, index: usize) {
        let view = self.capture_view();
        self.edit_briefing(|briefing, _| {
            if let Some(slide) = briefing.slides.get_mut(index) {
                // The view changes; what the slide says and how it is laid out stay.
                *slide = Slide {
                    title: std::mem::take(&mut slide.title),
                    caption: std::mem::take(&mut slide.caption),
                    layout: slide.layout,
                    figures: std::mem::take(&mut slide.figures),
                    notes: std::mem::take(&mut slide.notes),
                    ..view
                };
            }
        });
    }

    fn open_briefing(&mut self, path: PathBuf) {
        self.briefing.replace(BriefingState::read(path.clone()));
        if let Some(error) = &self.briefing.state().broken {
            self.notifications
                .error(format!("The briefing could not be read: {error}"));
        }
        self.settings.briefing_file = Some(path);
        self.report_unknown_references();
    }

    fn save_briefing_as(&mut self, path: PathBuf) {
        // A copy in a new file: the unreadable one stays as it was, untouched.
        match self.briefing.save_as(path) {
            Ok(path) => self.settings.briefing_file = Some(path),
            Err(e) => self.notifications.error(e),
        }
    }

    /// Slides naming incidents or sources the data lacks still show; say what is left out.
    pub(super) fn report_unknown_references(&mut self) {
        let full = self.data.full();
        for message in self.briefing.briefing().unknown_references(full) {
            self.notifications
                .warning(format!("Briefing: {message} (left out)"));
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

    /// Asks where to put the current view's PNG, then exports it. One export at a time.
    fn export_view_dialog(&mut self, ctx: &egui::Context) {
        if self.jobs.exporting().is_some() {
            return;
        }
        let name = self
            .briefing
            .current_slide()
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

    fn export_slides_dialog(&mut self, ctx: &egui::Context) {
        if self.jobs.exporting().is_some() || self.briefing.is_empty() {
            return;
        }
        if let Some(dir) = rfd::FileDialog::new().pick_folder() {
            let size = self.export_size(ctx);
            let briefing = self.briefing.briefing().clone();
            let paths = briefing
                .slides
                .iter()
                .enumerate()
                .map(|(i, s)| dir.join(slide_file_name(i, s)))
                .collect();
            self.start_export(briefing, paths, size, true);
        }
    }

    /// Plays the selected dates into an animation at `path`, on a worker thread: a frame a
    /// day, each showing a week (a day when the dates span a fortnight or less), with the
    /// sources and layers in view now.
    pub fn export_animation_to(&mut self, path: &std::path::Path, size: [u32; 2]) {
        if self.jobs.exporting().is_some() {
            return;
        }
        let window = self.playback.window();
        let days = (window.end - window.start).get_days() + 1;
        let animation = crate::render::animation::Animation {
            from: window.start,
            to: window.end,
            window_days: if days > 14 { 7 } else { 1 },
            title: self.briefing.briefing().title.clone(),
            caption: "The timeline, a day a frame".to_owned(),
        };
        let view = self.capture_view();
        let mut slides =
            crate::render::animation::frames(&animation, self.data.prepared().balochistan_bounds);
        for slide in &mut slides {
            slide.sources.clone_from(&view.sources);
            slide.layers = view.layers;
        }
        let job = RenderJob {
            loaded: std::sync::Arc::clone(self.data.loaded()),
            prepared: std::sync::Arc::clone(self.data.prepared()),
            tehsils: self.jobs.tehsils().cloned(),
            dark: self.settings.dark_mode,
            scale: self.settings.scale(true),
            briefing: Briefing {
                slides,
                ..self.briefing.briefing().clone()
            },
            paths: Vec::new(),
            size,
            numbered: false,
        };
        if let Err(e) = self.jobs.start_animation(job, path, 4.0) {
            self.notifications.error(e);
        }
    }

    /// Writes the briefing as a PDF handout to `path`, on a worker thread (slides in the
    /// light theme: a handout is printed).
    pub fn export_handout_to(&mut self, path: &std::path::Path) {
        if self.jobs.exporting().is_some() || self.briefing.is_empty() {
            return;
        }
        let job = RenderJob {
            loaded: std::sync::Arc::clone(self.data.loaded()),
            prepared: std::sync::Arc::clone(self.data.prepared()),
            tehsils: self.jobs.tehsils().cloned(),
            dark: false,
            scale: self.settings.scale(true),
            briefing: self.briefing.briefing().clone(),
            paths: Vec::new(),
            size: [1600, 900],
            numbered: true,
        };
        if let Err(e) = self.jobs.start_handout(job, path) {
            self.notifications.error(e);
        }
    }

    /// Exports what the map shows now to `path`, on a worker thread.
    pub fn export_view_to(&mut self, path: PathBuf, size: [u32; 2]) {
        let mut slide = self.capture_view();
        let current = self.briefing.current_slide();
        slide.title = current.map_or_else(
            || self.briefing.briefing().title.clone(),
            |s| s.title.clone(),
        );
        slide.caption = current.map(|s| s.caption.clone()).unwrap_or_default();
        let briefing = Briefing {
            slides: vec![slide],
            ..self.briefing.briefing().clone()
        };
        self.start_export(briefing, vec![path], size, false);
    }

    fn start_export(
        &mut self,
        briefing: Briefing,
        paths: Vec<PathBuf>,
        size: [u32; 2],
        numbered: bool,
    ) {
        let job = RenderJob {
            loaded: std::sync::Arc::clone(self.data.loaded()),
            prepared: std::sync::Arc::clone(self.data.prepared()),
            tehsils: self.jobs.tehsils().cloned(),
            dark: self.settings.dark_mode,
            scale: self.settings.scale(true),
            briefing,
            paths,
            size,
            numbered,
        };
        if let Err(e) = self.jobs.start_export(job) {
            self.notifications.error(e);
        }
    }
}
