//! The eframe app: panel order, applying commands at the end of the frame, saving settings.

use std::sync::Arc;

use egui::{Color32, RichText};
use jiff::civil::date;
use walkers::{MapMemory, lon_lat};

use crate::command::Command;
use crate::geo::boundaries::DistrictSet;
use crate::geo::projection::fit;
use crate::io::{ATTRIBUTION, DataLocation, Loaded};
use crate::map::layer::{AtlasLayer, MapHits};
use crate::map::prepared::PreparedMap;
use crate::state::{Selection, ViewSettings};
use crate::ui::theme::Palette;
use crate::ui::{about, problems};

const SETTINGS_KEY: &str = "incident-atlas/view-settings";

/// The last day of the default view (the offensive, about 10 Jan – 11 Feb 2026); until the
/// timeline lands it decides which district set is drawn.
const DEFAULT_WINDOW_END: jiff::civil::Date = date(2026, 2, 11);

pub struct AtlasApp {
    loaded: Arc<Loaded>,
    prepared: Arc<PreparedMap>,
    location: DataLocation,
    settings: ViewSettings,
    selection: Selection,
    map_memory: MapMemory,
    hits: MapHits,
    show_about: bool,
    show_problems: bool,
    needs_fit: bool,
    commands: Vec<Command>,
}

impl AtlasApp {
    /// Builds the app from loaded data; geometry is prepared here, once.
    pub fn new(loaded: Loaded, location: DataLocation, settings: ViewSettings) -> Self {
        let prepared = Arc::new(PreparedMap::new(&loaded));
        // Open the problems window by itself when the data has errors: nothing is hidden.
        let show_problems = loaded.problems.errors() > 0;
        Self {
            loaded: Arc::new(loaded),
            prepared,
            location,
            settings,
            selection: Selection::default(),
            map_memory: MapMemory::default(),
            hits: MapHits::default(),
            show_about: false,
            show_problems,
            needs_fit: true,
            commands: Vec::new(),
        }
    }

    /// Used by `main`: restores the settings saved by the last run, if any.
    pub fn from_creation_context(
        cc: &eframe::CreationContext<'_>,
        loaded: Loaded,
        location: DataLocation,
    ) -> Self {
        let settings = cc
            .storage
            .and_then(|s| eframe::get_value::<ViewSettings>(s, SETTINGS_KEY))
            .unwrap_or_default();
        Self::new(loaded, location, settings)
    }

    pub fn selection(&self) -> &Selection {
        &self.selection
    }

    pub fn loaded(&self) -> &Loaded {
        &self.loaded
    }

    pub fn district_set(&self) -> DistrictSet {
        DistrictSet::in_force_on(DEFAULT_WINDOW_END)
    }

    fn apply(&mut self, ctx: &egui::Context) {
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
                }
                Command::FitBalochistan => self.needs_fit = true,
                Command::SetDarkMode(dark) => self.settings.dark_mode = dark,
                Command::ShowAbout => self.show_about = true,
                Command::ShowProblems => self.show_problems = true,
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
                let p = &self.loaded.problems;
                let text = format!("Problems ({})…", p.errors() + p.warnings());
                let text = if p.errors() > 0 {
                    RichText::new(text).color(Color32::from_rgb(0xC0, 0x39, 0x2B))
                } else {
                    RichText::new(text)
                };
                if ui.button(text).clicked() {
                    self.commands.push(Command::ShowProblems);
                }
                let dark = self.settings.dark_mode;
                if ui
                    .button(if dark { "Light theme" } else { "Dark theme" })
                    .clicked()
                {
                    self.commands.push(Command::SetDarkMode(!dark));
                }
                if ui.button("Fit Balochistan").clicked() {
                    self.commands.push(Command::FitBalochistan);
                }
            });
        });
    }

    fn status_bar(&self, ui: &mut egui::Ui) {
        let dataset = &self.loaded.dataset;
        let placed = dataset
            .incidents
            .iter()
            .filter(|i| i.position.is_some())
            .count();
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Map: {}", self.district_set().label()));
            ui.separator();
            ui.label(format!(
                "{} incidents on the map, {} without a place · {} claims from {} sources",
                placed,
                dataset.incidents.len() - placed,
                dataset.claims.len(),
                dataset.sources.len()
            ));
            if let Some((name, division)) = &self.hits.hovered_district {
                ui.separator();
                ui.label(RichText::new(format!("{name} district, {division} division")).strong());
            }
        });
        ui.label(RichText::new(ATTRIBUTION).small().weak());
    }

    fn details(&self, ui: &mut egui::Ui) {
        let dataset = &self.loaded.dataset;
        if let Some(incident) = self
            .selection
            .incident
            .as_deref()
            .and_then(|id| dataset.incident(id))
        {
            ui.heading(&incident.title);
            let dates = incident
                .dates
                .map_or_else(|| "undated".to_owned(), |d| d.to_string());
            ui.label(format!(
                "{dates} · {} ({} dates)",
                incident.place, incident.date_precision
            ));
            ui.label(&incident.summary);
            ui.separator();
            ui.label(RichText::new("Claims").strong());
            for claim in dataset.claims_for(&incident.id) {
                let source = dataset
                    .source(&claim.source_id)
                    .map_or(claim.source_id.as_str(), |s| s.display_name());
                let value = if (claim.value_max - claim.value_min).abs() > f64::EPSILON {
                    format!("{}–{}", claim.value_min, claim.value_max)
                } else {
                    format!("{}", claim.value_min)
                };
                let qualifier = claim.qualifier.as_str();
                let by = if claim.attributed_to.is_empty() {
                    String::new()
                } else {
                    format!(" (per {})", claim.attributed_to)
                };
                ui.label(format!(
                    "{}: {qualifier} {value}{by} — {source}",
                    claim.metric.replace('_', " ")
                ));
            }
        } else if let Some(name) = &self.selection.district {
            ui.heading(format!("{name} district"));
            let count = dataset
                .incidents
                .iter()
                .filter(|i| i.district.eq_ignore_ascii_case(name))
                .count();
            ui.label(format!("{count} incident(s) name this district"));
        } else {
            ui.label(RichText::new("Click a marker or a district").weak());
        }
    }

    fn map(&mut self, ui: &mut egui::Ui) {
        let rect = ui.available_rect_before_wrap();
        if self.needs_fit && rect.width() > 1.0 {
            if let Some((min, max)) = self.prepared.balochistan_bounds {
                let (center, zoom) = fit(
                    min,
                    max,
                    [f64::from(rect.width()), f64::from(rect.height())],
                    24.0,
                );
                self.map_memory.center_at(lon_lat(center.lon, center.lat));
                if let Err(e) = self.map_memory.set_zoom(zoom) {
                    log::warn!("cannot fit Balochistan at zoom {zoom}: {e}");
                }
            }
            self.needs_fit = false;
        }
        let home = self
            .prepared
            .balochistan_bounds
            .map_or(lon_lat(66.0, 28.5), |(a, b)| {
                lon_lat(f64::midpoint(a.lon, b.lon), f64::midpoint(a.lat, b.lat))
            });
        let mut hits = MapHits::default();
        let layer = AtlasLayer {
            prepared: &self.prepared,
            palette: Palette::for_dark_mode(self.settings.dark_mode),
            district_set: self.district_set(),
            selected_incident: self.selection.incident.as_deref(),
            selected_district: self.selection.district.as_deref(),
            hits: &mut hits,
        };
        let response = ui.add(
            walkers::Map::new(None, &mut self.map_memory, home)
                .with_plugin(layer)
                .double_click_to_zoom(true),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Image, true, "Map of Balochistan")
        });
        if let Some(id) = hits.clicked_incident.clone() {
            self.commands.push(Command::SelectIncident(Some(id)));
        } else if response.clicked() {
            self.commands
                .push(Command::SelectDistrict(hits.clicked_district.clone()));
        }
        self.hits = hits;
    }
}

impl eframe::App for AtlasApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        let ctx = ui.ctx().clone();
        egui::Panel::top("top_bar").show(ui, |ui| self.top_bar(ui));
        egui::Panel::bottom("status_bar").show(ui, |ui| self.status_bar(ui));
        egui::Panel::right("details")
            .min_size(300.0)
            .resizable(true)
            .default_size(320.0)
            .show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| self.details(ui));
            });
        egui::CentralPanel::default()
            .frame(egui::Frame::NONE)
            .show(ui, |ui| self.map(ui));

        about::show(&ctx, &mut self.show_about);
        problems::show(&ctx, &mut self.show_problems, &self.loaded.problems);
        self.apply(&ctx);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, SETTINGS_KEY, &self.settings);
    }
}
