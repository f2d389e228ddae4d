//! The layouts and windows: the workspace (top bar, timeline, status line, comparison panel,
//! map with its overlays), presentation mode (the slide view shared with the renderer), and
//! the windows around them. Everything here reads the subsystems and pushes commands; no
//! state changes here except through the queue (the map widget moves its own camera, as a
//! slippy map must while it is dragged).

use egui::RichText;

use super::{AtlasApp, AtlasData};
use crate::action::{Action, Mode};
use crate::command::{
    CameraCommand, CommandQueue, SelectionCommand, SettingsCommand, WindowCommand,
};
use crate::io::ATTRIBUTION;
use crate::map::layer::MapHits;
use crate::model::EventType;
use crate::model::compare::{describe_span, short_name};
use crate::state::ViewSettings;
use crate::theme::Palette;
use crate::ui::briefing_panel::{self, BriefingPanelView};
use crate::ui::compare_panel::{self, PanelView};
use crate::ui::map_view::{self, Framing, MapOutput, MapScene};
use crate::ui::presentation::{self, FooterView, SlideScene};
use crate::ui::timeline::{self, TimelineView};
use crate::ui::{about, map_overlay, notifications, problems, shortcuts};

impl AtlasApp {
    fn palette(&self) -> Palette {
        let palette = Palette::for_dark_mode(self.settings.dark_mode);
        if self.presentation.presenting() {
            palette.high_contrast()
        } else {
            palette
        }
    }

    /// The everyday layout: top bar, timeline, status line, comparison panel, map.
    pub(super) fn workspace(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar(ui));
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
        if open == self.settings.hide_panel {
            self.commands.push(SettingsCommand::SetHidePanel(!open));
        }
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.workspace_map(ui));
    }

    fn top_bar(&mut self, ui: &mut egui::Ui) {
        let palette = self.palette();
        ui.horizontal(|ui| {
            ui.heading("Incident Atlas");
            // Truncated, so a long list of datasets never runs under the buttons.
            let room = (ui.available_width() - 900.0).max(120.0);
            ui.scope(|ui| {
                ui.set_max_width(room);
                ui.add(egui::Label::new(RichText::new(self.data.title()).weak()).truncate())
                    .on_hover_text(self.data.location().describe());
            });
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                let commands = &mut self.commands;
                if ui.button("About…").clicked() {
                    commands.push(WindowCommand::ShowAbout(true));
                }
                let problems = self.data.problems();
                let errors = problems.errors();
                let text = format!("Problems ({})…", errors + problems.warnings());
                let text = if errors > 0 {
                    RichText::new(text).color(palette.error_text())
                } else {
                    RichText::new(text)
                };
                if ui.button(text).clicked() {
                    commands.push(WindowCommand::ShowProblems(true));
                }
                view_menu(ui, &self.settings, commands);
                self.edit_menu(ui);
                let commands = &mut self.commands;
                action_button(ui, Action::ExportPng, commands);
                action_button(ui, Action::Present, commands);
                action_button(ui, Action::AddData, commands);
                recent_menu(ui, &self.settings.recent_data, commands);
                action_button(ui, Action::OpenData, commands);
                let open = self.interaction.briefing;
                if ui
                    .selectable_label(open, "Briefing…")
                    .on_hover_text(format!(
                        "Saved views: add, rename, reorder, step through ({})",
                        Action::NextSlide.keys_text(Mode::Workspace)
                            + " / "
                            + &Action::PreviousSlide.keys_text(Mode::Workspace)
                    ))
                    .clicked()
                {
                    commands.push(WindowCommand::ShowBriefingPanel(!open));
                }
                let hidden = self.settings.hide_panel;
                let label = if hidden {
                    "Show comparison"
                } else {
                    "Hide comparison"
                };
                if ui.button(label).clicked() {
                    commands.push(SettingsCommand::SetHidePanel(!hidden));
                }
                let dark = self.settings.dark_mode;
                let label = if dark { "Light theme" } else { "Dark theme" };
                if ui.button(label).clicked() {
                    commands.push(SettingsCommand::SetDarkMode(!dark));
                }
            });
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        let dataset = self.data.view().dataset();
        let placed = self.data.view().markers().len();
        let shown = self.derived.markers_shown();
        let window = self.playback.window();
        ui.horizontal_wrapped(|ui| {
            ui.label(RichText::new(format!("Map: {}", self.district_set().label())).strong());
            ui.separator();
            ui.label(format!(
                "{} – {}: {shown} of {placed} placed incidents shown ({} without a place) · {} claims from {} sources",
                window.start,
                window.end,
                dataset.incidents.len() - placed,
                dataset.claims.len(),
                dataset.sources.len()
            ));
            if let Some((name, division)) = &self.camera.hits().hovered_district {
                ui.separator();
                ui.label(RichText::new(format!("{name} district, {division} division")).strong());
            }
        });
        ui.label(RichText::new(self.attribution()).small().weak());
    }

    /// The attribution line every map carries, with the tile provider's when tiles show.
    fn attribution(&self) -> String {
        match self.tiles.attribution() {
            Some((text, _)) if !text.is_empty() => format!("Tiles: {text} · {ATTRIBUTION}"),
            _ => ATTRIBUTION.to_owned(),
        }
    }

    fn side_panel(&mut self, ui: &mut egui::Ui) {
        let Some(scoped) = self.derived.comparison() else {
            if let Some(incidents) = self.derived.comparing() {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(format!("Comparing the sources on {incidents} incidents…"));
                });
            }
            return;
        };
        let view = PanelView {
            full: self.data.full(),
            view: self.data.view().dataset(),
            comparison: &scoped.comparison,
            scope: &scoped.scope,
            range: scoped.range,
            filter: &self.settings.sources,
            palette: Palette::for_dark_mode(self.settings.dark_mode),
        };
        crate::ui::datasets::show(
            ui,
            self.data.parts(),
            &self.data.loaded().links,
            &self.settings.sources,
            view.palette,
            &mut self.commands,
        );
        let layer_rows = Self::layer_rows(&self.data, &self.settings, view.palette);
        if !layer_rows.is_empty() {
            crate::ui::area_layers::panel(ui, &layer_rows, &mut self.commands);
            ui.separator();
        }
        compare_panel::show(ui, &view, &mut self.commands);
    }

    fn timeline_panel(&mut self, ui: &mut egui::Ui) {
        let (Some(histogram), Some(overview)) = (
            self.derived.focus_histogram(),
            self.derived.overview_histogram(),
        ) else {
            return;
        };
        let (timeline, player, window, fields) = self.playback.panel_parts();
        let view = TimelineView {
            timeline,
            dataset: self.data.view().dataset(),
            window,
            incidents_in_window: self.derived.incidents_in_window(),
            histogram,
            overview,
            player,
            playback: self.settings.playback,
            hide_undated: self.settings.hide_undated,
            palette: Palette::for_dark_mode(self.settings.dark_mode),
        };
        let layout = timeline::show(ui, &view, fields, &mut self.commands);
        self.playback.set_layout(layout);
    }

    /// The heat map, when it shows instead of the markers (the user's choice, or by default
    /// past tens of thousands of incidents).
    fn density(&self) -> Option<&atlas_core::prepare::density::DensityGrid> {
        let groups = self.derived.groups()?;
        groups
            .density
            .as_ref()
            .filter(|_| self.settings.density.shows(self.markers_in_view()))
    }

    /// How many markers the map held in view last frame (all shown ones before it was
    /// drawn), counted from the density grid in constant time: the groups at this zoom need
    /// not be made to decide that they will not be drawn.
    fn markers_in_view(&self) -> usize {
        let Some(groups) = self.derived.groups() else {
            return 0;
        };
        let hits = self.camera.hits();
        match (hits.transform, hits.map_rect, &groups.density) {
            (Some(t), Some(rect), Some(grid)) => {
                let a = t.invert([rect.min.x, rect.min.y]);
                let b = t.invert([rect.max.x, rect.max.y]);
                usize::try_from(grid.count_in(a, b)).unwrap_or(usize::MAX)
            }
            (_, _, None) => 0,
            _ => groups.shown,
        }
    }

    /// Every area layer with its settings and colour, for the panel.
    fn layer_rows<'a>(
        data: &'a AtlasData,
        settings: &'a ViewSettings,
        palette: Palette,
    ) -> Vec<crate::ui::area_layers::LayerRow<'a>> {
        data.layers()
            .iter()
            .enumerate()
            .filter_map(|(i, layer)| {
                Some(crate::ui::area_layers::LayerRow {
                    layer,
                    settings: settings.area_layer(&layer.path)?,
                    colour: palette.area_layer_colour(i),
                })
            })
            .collect()
    }

    /// The analyst's area layers that are on, with their fill, labels and colour.
    fn shown_layers<'a>(
        data: &'a AtlasData,
        settings: &'a ViewSettings,
        palette: Palette,
    ) -> Vec<crate::map::layer::ShownLayer<'a>> {
        data.layers()
            .iter()
            .enumerate()
            .filter_map(|(i, layer)| {
                let settings = settings.area_layer(&layer.path)?;
                settings.visible.then(|| crate::map::layer::ShownLayer {
                    layer,
                    fill: settings.fill_by.as_deref().and_then(|p| layer.fill(p)),
                    fill_by: settings.fill_by.as_deref(),
                    label_by: settings.label_by.as_deref(),
                    colour: palette.area_layer_colour(i),
                })
            })
            .collect()
    }

    /// The map as this frame shows it: what to paint, and how the camera frames it.
    fn draw_map(&mut self, ui: &mut egui::Ui, palette: Palette) -> Option<MapOutput> {
        let (Some(groups), Some(shades)) = (self.derived.groups(), self.derived.shades()) else {
            return None;
        };
        let selection = &self.interaction.selection;
        let user_layers = Self::shown_layers(&self.data, &self.settings, palette);
        let scene = MapScene {
            user_layers: &user_layers,
            prepared: self.data.prepared(),
            markers: self.data.view().markers(),
            dataset: self.data.view().dataset(),
            clusters: &groups.clusters,
            shades,
            district_set: self.district_set(),
            tehsils: self
                .jobs
                .tehsils()
                .filter(|_| self.settings.show_tehsils)
                .map(AsRef::as_ref),
            palette,
            selected_incident: selection.incident.as_deref(),
            selected_district: selection.district.as_deref(),
            fanned_out: self.interaction.fanned_out,
            fade_in: self.playback.fade_in(),
            density: groups
                .density
                .as_ref()
                .filter(|_| self.settings.density.shows(self.markers_in_view())),
        };
        let framing = Framing {
            now: ui.ctx().input(|i| i.time),
            scale_ready: self.presentation.scale_ready(ui.ctx(), &self.settings),
            fit_box: self.data.prepared().balochistan_bounds,
            legend_shown: !self.settings.hide_legend,
        };
        if self.presentation.presenting() {
            let text = self.slide_text();
            let empty = atlas_core::derived::FooterFacts::default();
            let footer = self.derived.comparison().map_or(&empty, |c| &c.footer);
            let slide = SlideScene {
                caption: text.caption(palette),
                footer: FooterView {
                    sources: &footer.sources,
                    contested: &footer.contested,
                    attribution: &text.attribution,
                    palette,
                },
                map: scene,
                legend: (!self.settings.hide_legend).then_some(groups.events.as_slice()),
                figures: Self::slide_figures(
                    &self.briefing,
                    &self.derived,
                    &self.data,
                    &self.settings.sources,
                    palette,
                ),
            };
            let tiles = self.tiles.tiles_mut();
            presentation::show(ui, &slide, &mut self.camera, framing, tiles)
        } else {
            let tiles = self.tiles.tiles_mut();
            Some(map_view::show(ui, &scene, &mut self.camera, framing, tiles))
        }
    }

    /// The charts or table of the slide being presented, as its layout asks.
    /// (Borrows the fields it reads, so the camera and tiles stay free for the map.)
    fn slide_figures<'a>(
        briefing: &'a super::briefing::BriefingDoc,
        derived: &'a atlas_core::derived::Derived,
        data: &'a super::data::AtlasData,
        filter: &'a crate::model::compare::SourceFilter,
        palette: Palette,
    ) -> Option<presentation::SlideFigures<'a>> {
        let slide = briefing
            .current()
            .and_then(|i| briefing.briefing().slides.get(i))?;
        if slide.layout.is_map() {
            return None;
        }
        let scoped = derived.comparison()?;
        Some(presentation::SlideFigures {
            layout: slide.layout,
            panel: PanelView {
                full: data.full(),
                view: data.view().dataset(),
                comparison: &scoped.comparison,
                scope: &scoped.scope,
                range: scoped.range,
                filter,
                palette,
            },
            rows: scoped
                .comparison
                .rows_for_slide(&slide.figures, presentation::SLIDE_ROWS),
        })
    }

    fn workspace_map(&mut self, ui: &mut egui::Ui) {
        let palette = self.palette();
        let Some(output) = self.draw_map(ui, palette) else {
            return;
        };
        self.map_clicks(&output);
        self.map_overlays(ui.ctx(), &output.hits, palette);
    }

    /// Presentation mode: the slide view the renderer also draws.
    pub(super) fn presentation_layout(&mut self, ui: &mut egui::Ui) {
        let palette = self.palette();
        if let Some(output) = self.draw_map(ui, palette) {
            self.map_clicks(&output);
        }
        self.presentation.hide_idle_cursor(ui.ctx());
    }

    /// Clicks on the map become commands.
    fn map_clicks(&mut self, output: &MapOutput) {
        if output.moving {
            output.response.ctx.request_repaint();
        }
        let hits = &output.hits;
        let picking = matches!(
            self.authoring.form(),
            Some(crate::ui::edit_forms::FormDraft::Incident(d)) if d.picking
        );
        if picking {
            // The incident form asked for its place: this click is it, not a selection.
            if output.response.clicked()
                && let (Some(pos), Some(t)) =
                    (output.response.interact_pointer_pos(), hits.transform)
            {
                let world = t.invert([pos.x, pos.y]);
                self.commands.push(crate::command::EditCommand::PlacePicked(
                    crate::geo::projection::lon_lat_from_world(world),
                ));
            }
            return;
        }
        if let Some(id) = hits.clicked_incident.clone() {
            self.commands
                .push(SelectionCommand::SelectIncident(Some(id)));
        } else if let Some((at, zoom)) = hits.zoom_into {
            self.commands.push(CameraCommand::ZoomTo(at, zoom as f64));
        } else if let Some(first) = hits.fan_out {
            self.commands.push(SelectionCommand::FanOut(Some(first)));
        } else if output.response.clicked() {
            self.commands.push(SelectionCommand::SelectDistrict(
                hits.clicked_district.clone(),
            ));
        }
    }

    /// What floats over the map in the workspace: controls, legend, lens banner, tiles.
    fn map_overlays(&mut self, ctx: &egui::Context, hits: &MapHits, palette: Palette) {
        let Some(rect) = hits.map_rect else {
            return;
        };
        let selection = &self.interaction.selection;
        let has_selection = selection.incident.is_some() || selection.district.is_some();
        map_overlay::controls(
            ctx,
            rect,
            &self.settings,
            has_selection,
            palette,
            &mut self.commands,
        );
        if !self.settings.hide_legend
            && let Some(shades) = self.derived.shades()
        {
            let density = self.density().map(|grid| grid.max_count);
            let imported: Vec<_> = self.derived.groups().map_or_else(Vec::new, |g| {
                g.events
                    .iter()
                    .copied()
                    .filter(|e| EventType::IMPORTED_ORDER.contains(e))
                    .collect()
            });
            let areas = Self::shown_layers(&self.data, &self.settings, palette);
            map_overlay::legend(ctx, rect, shades, density, (&imported, &areas), palette);
        }
        let lens = self.settings.sources.lens.as_deref();
        if let Some(source) = lens.and_then(|id| self.data.full().source(id)) {
            let name = short_name(source);
            map_overlay::lens_banner(ctx, rect, &name, palette, &mut self.commands);
        }
        let reachability = self.tiles.reachability(ctx);
        map_overlay::tile_status(
            ctx,
            rect,
            self.tiles.attribution(),
            (reachability.as_ref(), self.tiles.failed_tiles()),
            palette,
        );
    }

    /// The caption bar's and footer's words for what is shown now.
    fn slide_text(&self) -> presentation::SlideText {
        let (title, caption) = match self.briefing.current_slide() {
            Some(slide) => (slide.title.clone(), slide.caption.clone()),
            None => (
                self.briefing.briefing().title.clone(),
                "Incident Atlas · Balochistan".to_owned(),
            ),
        };
        presentation::SlideText {
            title,
            caption,
            dates: describe_span(self.playback.window().span()),
            lens: self
                .settings
                .sources
                .lens
                .as_deref()
                .and_then(|id| self.data.full().source(id))
                .map(short_name),
            position: self
                .briefing
                .current()
                .map(|i| (i + 1, self.briefing.len())),
            attribution: self.attribution(),
        }
    }

    /// The windows over either layout, and the toasts.
    pub(super) fn windows(&mut self, ctx: &egui::Context) {
        let palette = self.palette();
        let open = &self.interaction;
        let commands = &mut self.commands;
        if open.about {
            let mut keep = true;
            about::show(ctx, &mut keep, &self.data.location().describe());
            if !keep {
                commands.push(WindowCommand::ShowAbout(false));
            }
        }
        if open.problems {
            let mut keep = true;
            problems::show(ctx, &mut keep, self.data.problems(), palette);
            if !keep {
                commands.push(WindowCommand::ShowProblems(false));
            }
        }
        if open.shortcuts {
            shortcuts::show(ctx, commands);
        }
        if open.log {
            notifications::log_window(ctx, self.notifications.log(), palette, commands);
        }
        if open.links {
            let mut keep = true;
            egui::Window::new("Matches between datasets")
                .open(&mut keep)
                .default_width(560.0)
                .show(ctx, |ui| {
                    let rule = self.settings.match_rule;
                    crate::ui::links::show(ui, &self.data.loaded().links, rule, commands);
                });
            if !keep {
                commands.push(WindowCommand::ShowLinks(false));
            }
        }
        if let Some(draft) = self.interaction.private_tiles.as_mut() {
            crate::ui::private_tiles::show(ctx, draft, &mut self.commands);
        }
        if let Some(draft) = self.interaction.mapping.as_mut() {
            crate::ui::mapping::show(ctx, draft, &mut self.commands);
        }
        self.authoring_windows(ctx, palette);
        if !self.presentation.presenting() {
            self.briefing_window(ctx, palette);
            let toasts = self.notifications.toasts();
            notifications::toasts(ctx, toasts, palette, &mut self.commands);
        }
        self.export_window(ctx);
        self.refresh_thumbnails(ctx);
        self.presenter_window(ctx);
    }

    fn briefing_window(&mut self, ctx: &egui::Context, palette: Palette) {
        if !self.interaction.briefing {
            return;
        }
        let thumbnails: Vec<_> = (0..self.briefing.len())
            .map(|i| self.thumbnail(i))
            .collect();
        let presenter_view = self.settings.presenter_view;
        let (state, panel) = self.briefing.parts();
        let file = state.describe();
        let view = BriefingPanelView {
            briefing: &state.briefing,
            current: state.current,
            file: &file,
            broken: state.broken.as_deref(),
            palette,
            thumbnails: &thumbnails,
            presenter_view,
        };
        let mut open = true;
        briefing_panel::show(ctx, &mut open, &view, panel, &mut self.commands);
        if !open {
            self.commands.push(WindowCommand::ShowBriefingPanel(false));
        }
    }

    fn export_window(&self, ctx: &egui::Context) {
        let Some(status) = self.jobs.exporting() else {
            return;
        };
        let mut cancel = false;
        egui::Window::new("Exporting")
            .collapsible(false)
            .resizable(false)
            .anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO)
            .show(ctx, |ui| {
                let fraction = if status.total == 0 {
                    1.0
                } else {
                    status.done as f32 / status.total as f32
                };
                ui.label(format!(
                    "Drawing {} {} of {}…",
                    if status.kind == super::jobs::ExportKind::Animation {
                        "frame"
                    } else {
                        "slide"
                    },
                    (status.done + 1).min(status.total),
                    status.total
                ));
                ui.add(egui::ProgressBar::new(fraction).show_percentage());
                cancel = ui.button("Cancel").clicked();
            });
        if cancel {
            self.jobs.cancel_export();
        }
    }
}

/// A button for an action of the table: its label, its tooltip with the keys.
fn action_button(ui: &mut egui::Ui, action: Action, commands: &mut CommandQueue) {
    if ui
        .button(action.label())
        .on_hover_text(action.tooltip(Mode::Workspace))
        .clicked()
    {
        commands.push(action.command());
    }
}

/// A menu entry for an action of the table, with its keys on the right.
fn action_entry(ui: &mut egui::Ui, action: Action, commands: &mut CommandQueue) {
    let button = egui::Button::new(action.label()).shortcut_text(action.keys_text(Mode::Workspace));
    if ui.add(button).clicked() {
        commands.push(action.command());
    }
}

/// Fullscreen, presenting, the two UI scales, the size exports are drawn at, the shortcuts
/// and the notification log.
fn view_menu(
    ui: &mut egui::Ui,
    settings: &crate::state::ViewSettings,
    commands: &mut CommandQueue,
) {
    ui.menu_button("View", |ui| {
        action_entry(ui, Action::Fullscreen, commands);
        action_entry(ui, Action::Present, commands);
        action_entry(ui, Action::Shortcuts, commands);
        if ui.button("Notifications…").clicked() {
            commands.push(WindowCommand::ShowLog(true));
        }
        ui.separator();
        let scales = [
            (
                false,
                "Text and controls size",
                SettingsCommand::SetUiScale as fn(f32) -> SettingsCommand,
            ),
            (
                true,
                "Size while presenting",
                SettingsCommand::SetPresentationScale,
            ),
        ];
        for (presenting, label, command) in scales {
            let mut scale = settings.scale(presenting);
            let name = ui.label(label).id;
            let slider = egui::Slider::new(&mut scale, crate::state::SCALE_RANGE)
                .step_by(0.25)
                .suffix("×");
            // Named by the label above it, for screen readers.
            if ui.add(slider).labelled_by(name).changed() {
                commands.push(command(scale));
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
            if ui.radio(settings.export_size == size, label).clicked() {
                commands.push(SettingsCommand::SetExportSize(size));
            }
        }
    });
}

/// The data opened lately: a click opens one again (right-to-left, so it sits after
/// *Open data…*); nothing shows until something has been opened.
fn recent_menu(ui: &mut egui::Ui, recent: &[std::path::PathBuf], commands: &mut CommandQueue) {
    if recent.is_empty() {
        return;
    }
    ui.menu_button("Recent", |ui| {
        for path in recent {
            let name = path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
            if ui
                .button(name)
                .on_hover_text(path.display().to_string())
                .clicked()
            {
                commands.push(WindowCommand::OpenData(path.clone()));
                ui.close();
            }
        }
    });
}
