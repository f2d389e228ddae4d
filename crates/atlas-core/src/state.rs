//! The app's state, in three kinds: persisted view settings (serde, defaults for anything
//! missing), the transient selection and date window, and nothing else: the dataset lives in
//! `Arc`s.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use crate::model::DateWindow;
use crate::model::compare::SourceFilter;
use crate::model::timeline::PlaybackSettings;
use crate::tiles::TileLayer;

/// What the user chose and expects back next launch. `#[serde(default)]` lets an old or
/// partial store load.
// Independent on/off choices, each its own checkbox: a state machine would not fit them.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ViewSettings {
    pub dark_mode: bool,
    /// The raster layer under the districts; `Offline` makes no network request at all.
    pub tile_layer: TileLayer,
    pub shading: ShadingMode,
    /// Markers, or the density of incidents as a heat map (by default when tens of thousands
    /// are shown).
    pub density: DensityMode,
    pub show_tehsils: bool,
    /// The legend shows unless the user hides it.
    pub hide_legend: bool,
    /// The last date window; `None` (or one outside the data) opens on the default window.
    pub window: Option<DateWindow>,
    pub playback: PlaybackSettings,
    /// Undated incidents are in no date window; this shows them on the map regardless.
    pub hide_undated: bool,
    /// The comparison panel is open unless the user collapsed it.
    pub hide_panel: bool,
    /// Sources switched off, and the lens.
    pub sources: SourceFilter,
    /// The UI's scale outside presentation mode (`None`: 1×).
    pub ui_scale: Option<f32>,
    /// The UI's scale while presenting (`None`: `DEFAULT_PRESENTATION_SCALE`).
    pub presentation_scale: Option<f32>,
    /// The briefing file last opened or saved (`None`: the one next to the dataset, or the
    /// bundled one).
    pub briefing_file: Option<PathBuf>,
    /// The size slides are exported at (`None`: the window's size).
    pub export_size: Option<[u32; 2]>,
    /// While presenting, a second window for the speaker (notes, next slide, clock).
    pub presenter_view: bool,
    /// Data files and folders opened lately, the latest first (at most `RECENT_DATA`).
    pub recent_data: Vec<PathBuf>,
    /// How near incidents of different datasets must be to be proposed as one event.
    pub match_rule: crate::model::links::MatchRule,
    /// The analyst's own tile server and tile file (chosen with `TileLayer::CustomServer`
    /// and `TileLayer::TileFile`).
    pub private_tiles: crate::tiles::PrivateTiles,
    /// The analyst's area layers (`GeoJSON` polygons), read again at every start.
    pub area_layers: Vec<AreaLayerSettings>,
    /// Column mappings the analyst chose, by the header they were made for
    /// (`io::import::mapping::header_key`): a file of the same shape maps itself.
    pub column_mappings: Vec<(String, crate::model::column_mapping::ColumnMapping)>,
    /// The folder that holds the sources' documents, as the analyst chose it for the
    /// evidence view (else a `documents` folder beside the data is used).
    pub documents_dir: Option<std::path::PathBuf>,
}

/// How many recently opened data files the settings remember.
pub const RECENT_DATA: usize = 8;

/// How one area layer is shown.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct AreaLayerSettings {
    pub path: PathBuf,
    pub visible: bool,
    /// The numeric property the areas are filled by (plain outlines when none).
    pub fill_by: Option<String>,
    /// The property the areas are labelled by (their name when none).
    pub label_by: Option<String>,
}

impl Default for AreaLayerSettings {
    fn default() -> Self {
        Self {
            path: PathBuf::new(),
            visible: true,
            fill_by: None,
            label_by: None,
        }
    }
}

impl ViewSettings {
    /// The settings of the layer read from `path`, added (visible) if new.
    pub fn area_layer_mut(&mut self, path: &std::path::Path) -> &mut AreaLayerSettings {
        if let Some(at) = self.area_layers.iter().position(|l| l.path == path) {
            return self
                .area_layers
                .get_mut(at)
                .unwrap_or_else(|| unreachable!());
        }
        self.area_layers.push(AreaLayerSettings {
            path: path.to_path_buf(),
            ..AreaLayerSettings::default()
        });
        self.area_layers
            .last_mut()
            .unwrap_or_else(|| unreachable!())
    }

    pub fn area_layer(&self, path: &std::path::Path) -> Option<&AreaLayerSettings> {
        self.area_layers.iter().find(|l| l.path == path)
    }

    /// The mapping remembered for a header, if any.
    pub fn mapping_for(&self, key: &str) -> Option<&crate::model::column_mapping::ColumnMapping> {
        self.column_mappings
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, m)| m)
    }

    /// Remembers a mapping for its header (the latest first; twenty kept).
    pub fn remember_mapping(
        &mut self,
        key: String,
        mapping: crate::model::column_mapping::ColumnMapping,
    ) {
        self.column_mappings.retain(|(k, _)| *k != key);
        self.column_mappings.insert(0, (key, mapping));
        self.column_mappings.truncate(20);
    }
}

impl ViewSettings {
    /// Puts `path` first among the recent data (once), dropping the oldest past the limit.
    pub fn remember_data(&mut self, path: PathBuf) {
        self.recent_data.retain(|p| *p != path);
        self.recent_data.insert(0, path);
        self.recent_data.truncate(RECENT_DATA);
    }
}

/// Large type for a projector: 1.5× reads from the back of a briefing room.
pub const DEFAULT_PRESENTATION_SCALE: f32 = 1.5;
/// The scales the user can choose between (egui's own zoom keys stay within them too).
pub const SCALE_RANGE: std::ops::RangeInclusive<f32> = 0.75..=3.0;

impl ViewSettings {
    /// The UI scale for the mode, within `SCALE_RANGE`.
    pub fn scale(&self, presenting: bool) -> f32 {
        let scale = if presenting {
            self.presentation_scale
                .unwrap_or(DEFAULT_PRESENTATION_SCALE)
        } else {
            self.ui_scale.unwrap_or(1.0)
        };
        if scale.is_finite() {
            scale.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end())
        } else {
            1.0
        }
    }
}

/// What is selected now. Never saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub incident: Option<String>,
    pub district: Option<String>,
}

/// What the districts are shaded by (a saved choice; `prepare::shading` computes it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum ShadingMode {
    None,
    #[default]
    Incidents,
    KilledHighest,
    KilledLowest,
}

impl ShadingMode {
    pub const ALL: [ShadingMode; 4] = [
        ShadingMode::None,
        ShadingMode::Incidents,
        ShadingMode::KilledHighest,
        ShadingMode::KilledLowest,
    ];

    pub fn label(self) -> &'static str {
        match self {
            ShadingMode::None => "No shading",
            ShadingMode::Incidents => "Incidents",
            ShadingMode::KilledHighest => "Killed (highest claim)",
            ShadingMode::KilledLowest => "Killed (lowest claim)",
        }
    }

    /// Lower bounds of the classes; a value of 0 is not shaded.
    pub fn breaks(self) -> &'static [f64] {
        match self {
            ShadingMode::None => &[],
            ShadingMode::Incidents => &[1.0, 2.0, 4.0, 8.0],
            ShadingMode::KilledHighest | ShadingMode::KilledLowest => {
                &[1.0, 10.0, 50.0, 100.0, 200.0]
            }
        }
    }

    /// Legend text per class, e.g. "10–49".
    pub fn class_labels(self) -> Vec<String> {
        let breaks = self.breaks();
        breaks
            .iter()
            .enumerate()
            .map(|(i, &lo)| match breaks.get(i + 1) {
                Some(&next) if next - 1.0 > lo => format!("{lo}–{}", next - 1.0),
                Some(_) => format!("{lo}"),
                None => format!("{lo}+"),
            })
            .collect()
    }
}

/// When the map shows the density of incidents instead of their markers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum DensityMode {
    /// Density when more than `DensityMode::AUTO_THRESHOLD` incidents are in view, else
    /// markers (zooming in on a city of a large dataset brings the markers back).
    #[default]
    Auto,
    Always,
    Never,
}

impl DensityMode {
    pub const ALL: [DensityMode; 3] = [DensityMode::Auto, DensityMode::Always, DensityMode::Never];

    /// Past this many markers, single symbols and groups stop reading; a heat map does.
    pub const AUTO_THRESHOLD: usize = 20_000;

    pub fn label(self) -> &'static str {
        match self {
            DensityMode::Auto => "Density past 20,000 incidents in view",
            DensityMode::Always => "Density always",
            DensityMode::Never => "Markers always",
        }
    }

    /// Whether the density shows for this many markers in view.
    pub fn shows(self, markers_in_view: usize) -> bool {
        match self {
            DensityMode::Auto => markers_in_view > Self::AUTO_THRESHOLD,
            DensityMode::Always => true,
            DensityMode::Never => false,
        }
    }
}
