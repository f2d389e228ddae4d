//! The app's state, in three kinds: persisted view settings (serde, defaults for anything
//! missing), the transient selection and date window, and nothing else: the dataset lives in
//! `Arc`s.

use std::path::PathBuf;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::map::shading::ShadingMode;
use crate::map::tiles::TileLayer;
use crate::model::DateSpan;
use crate::model::compare::SourceFilter;
use crate::model::timeline::PlaybackSettings;

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

/// The selected dates, both ends inclusive. Decides which incidents show, what the districts
/// are shaded by, and which district set is drawn (the one in force on `end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

    pub fn from_span(span: DateSpan) -> Self {
        Self {
            start: span.first,
            end: span.last,
        }
    }

    /// Whether an incident with these dates is in the window: the two share at least one day,
    /// both ends inclusive. Undated incidents are in no window (the map may still show them,
    /// apart from the window; see `ViewSettings::hide_undated`).
    pub fn admits(self, dates: Option<DateSpan>) -> bool {
        dates.is_some_and(|d| d.overlaps(&self.span()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_window_admits_what_overlaps_it_with_both_ends_inclusive() {
        let window = DateWindow {
            start: date(2026, 1, 30),
            end: date(2026, 1, 31),
        };
        let day = |d| Some(DateSpan::day(d));
        assert!(window.admits(day(date(2026, 1, 30))));
        assert!(window.admits(day(date(2026, 1, 31))));
        assert!(!window.admits(day(date(2026, 1, 29))));
        assert!(!window.admits(day(date(2026, 2, 1))));
        // A span that only touches the window's last day, and one that covers it whole.
        let span = |a, b| DateSpan::new(a, b);
        assert!(window.admits(span(date(2026, 1, 31), date(2026, 2, 1))));
        assert!(window.admits(span(date(2026, 1, 1), date(2026, 12, 31))));
        assert!(!window.admits(span(date(2026, 2, 1), date(2026, 2, 28))));
        // A month-precise incident (the whole month) is in any window touching the month.
        let august = DateSpan::parse("2025-08").ok();
        let touching = DateWindow {
            start: date(2025, 8, 31),
            end: date(2025, 9, 5),
        };
        assert!(touching.admits(august));
        assert!(!window.admits(None), "undated incidents are in no window");
    }
}
