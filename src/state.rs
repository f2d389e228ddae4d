//! The app's state, in three kinds: persisted view settings (serde, defaults for anything
//! missing), the transient selection and date window, and nothing else: the dataset lives in
//! `Arc`s.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::map::shading::ShadingMode;
use crate::map::tiles::TileLayer;
use crate::model::DateSpan;

/// What the user chose and expects back next launch. `#[serde(default)]` lets an old or
/// partial store load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ViewSettings {
    pub dark_mode: bool,
    /// The raster layer under the districts; `Offline` makes no network request at all.
    pub tile_layer: TileLayer,
    pub shading: ShadingMode,
    pub show_tehsils: bool,
    /// The legend shows unless the user hides it.
    pub hide_legend: bool,
}

/// What is selected now. Never saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub incident: Option<String>,
    pub district: Option<String>,
}

/// The selected dates, both ends inclusive. Decides which incidents show, what the districts
/// are shaded by, and which district set is drawn (the one in force on `end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateWindow {
    pub start: Date,
    pub end: Date,
}

impl DateWindow {
    pub fn span(self) -> DateSpan {
        DateSpan {
            first: self.start,
            last: self.end,
        }
    }

    /// Whether an incident with these dates shows in the window. Undated incidents always
    /// show: the window cannot rule them out.
    pub fn admits(self, dates: Option<DateSpan>) -> bool {
        dates.is_none_or(|d| d.overlaps(&self.span()))
    }
}
