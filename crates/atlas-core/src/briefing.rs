//! The briefing: saved views ("slides") an analyst steps through in front of a room.
//!
//! A slide is everything that decides what the map and its caption say: where the map looks,
//! the dates, the selection, the sources in view and the layers, with a title and a one-line
//! caption. Plain data (serde, no egui); `io::briefing_file` reads and writes it, the app
//! applies a slide through `AtlasApp::show_slide`.

use serde::{Deserialize, Serialize};

use crate::model::DateWindow;
use crate::model::compare::SourceFilter;
use crate::model::{Dataset, LonLat};
use crate::state::ShadingMode;

/// The file format's version, written into every file; a newer one is refused with a message.
pub const FORMAT_VERSION: u32 = 1;

/// A titled list of slides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Briefing {
    pub version: u32,
    pub title: String,
    pub slides: Vec<Slide>,
}

impl Default for Briefing {
    fn default() -> Self {
        Self {
            version: FORMAT_VERSION,
            title: "Briefing".to_owned(),
            slides: Vec::new(),
        }
    }
}

/// One saved view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Slide {
    pub title: String,
    /// One line shown under the title.
    #[serde(default)]
    pub caption: String,
    pub map: MapView,
    pub dates: DateWindow,
    #[serde(default)]
    pub selected_incident: Option<String>,
    #[serde(default)]
    pub selected_district: Option<String>,
    /// Sources switched off, and the lens.
    #[serde(default)]
    pub sources: SourceFilter,
    #[serde(default)]
    pub layers: Layers,
    /// What the slide shows beside (or instead of) the map.
    #[serde(default, skip_serializing_if = "SlideLayout::is_map")]
    pub layout: SlideLayout,
    /// The figures (metrics, e.g. `militants_killed`) its charts and tables show, in order;
    /// empty: the figures the sources dispute, widest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub figures: Vec<String>,
    /// The speaker's notes, shown in the presenter window only.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub notes: String,
}

/// What a slide shows: the map alone, the map with the claims beside it, or the claims alone.
/// Charts and tables are those of the slide's scope (its selected incident, its selected
/// district, else every incident in its dates).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlideLayout {
    #[default]
    Map,
    /// The map, and a claim chart per figure beside it.
    MapAndCharts,
    /// The map, and the claims table beside it.
    MapAndTable,
    /// The claim charts over the whole slide.
    Charts,
    /// The claims table over the whole slide.
    Table,
}

impl SlideLayout {
    pub const ALL: [SlideLayout; 5] = [
        SlideLayout::Map,
        SlideLayout::MapAndCharts,
        SlideLayout::MapAndTable,
        SlideLayout::Charts,
        SlideLayout::Table,
    ];

    pub fn is_map(&self) -> bool {
        *self == SlideLayout::Map
    }

    pub fn shows_map(self) -> bool {
        matches!(
            self,
            SlideLayout::Map | SlideLayout::MapAndCharts | SlideLayout::MapAndTable
        )
    }

    pub fn shows_charts(self) -> bool {
        matches!(self, SlideLayout::MapAndCharts | SlideLayout::Charts)
    }

    pub fn shows_table(self) -> bool {
        matches!(self, SlideLayout::MapAndTable | SlideLayout::Table)
    }

    pub fn label(self) -> &'static str {
        match self {
            SlideLayout::Map => "Map",
            SlideLayout::MapAndCharts => "Map and claim charts",
            SlideLayout::MapAndTable => "Map and claims table",
            SlideLayout::Charts => "Claim charts",
            SlideLayout::Table => "Claims table",
        }
    }
}

/// Where the map looks. `frame` is the size (in points) of the map when the view was saved:
/// shown on a screen of another size, the zoom is adjusted so the same ground stays in frame.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapView {
    pub centre: LonLat,
    pub zoom: f64,
    #[serde(default)]
    pub frame: Option<[f32; 2]>,
}

impl MapView {
    /// The zoom that keeps the saved frame's ground in view on a map of `size` points: the
    /// whole saved frame fits (the smaller of the two ratios decides).
    pub fn zoom_for(&self, size: [f32; 2]) -> f64 {
        let Some([w, h]) = self.frame.filter(|[w, h]| *w >= 1.0 && *h >= 1.0) else {
            return self.zoom;
        };
        if size[0] < 1.0 || size[1] < 1.0 {
            return self.zoom;
        }
        let ratio = f64::from((size[0] / w).min(size[1] / h));
        (self.zoom + ratio.log2()).clamp(2.0, 18.0)
    }
}

/// The layers a slide turns on. Online tiles are not part of a slide: a briefing must show
/// the same on a machine with no network.
// Independent on/off layer switches, one checkbox each.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Layers {
    pub shading: ShadingMode,
    pub show_tehsils: bool,
    pub hide_undated: bool,
    pub hide_legend: bool,
}

impl Briefing {
    /// What in the slides the dataset does not know: an incident or source id it lacks. The
    /// slide still shows; the unknown part is left out when it is applied.
    pub fn unknown_references(&self, dataset: &Dataset) -> Vec<String> {
        let mut out = Vec::new();
        for (i, slide) in self.slides.iter().enumerate() {
            let at = format!("slide {} (\"{}\")", i + 1, slide.title);
            if let Some(id) = &slide.selected_incident
                && dataset.incident(id).is_none()
            {
                out.push(format!("{at}: no incident has the id \"{id}\""));
            }
            let sources = slide.sources.off.iter().chain(&slide.sources.lens);
            for id in sources.filter(|id| dataset.source(id).is_none()) {
                out.push(format!("{at}: no source has the id \"{id}\""));
            }
        }
        out
    }
}

/// A slide's title as a file name: lower case ASCII letters and digits joined by single
/// hyphens, at most 48 characters (`"Who claims what: 67–216"` → `who-claims-what-67-216`).
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(48).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        "slide".to_owned()
    } else {
        out
    }
}

/// The file name of the `index`-th slide (0-based) in an export: `01-<slug>.png`.
pub fn slide_file_name(index: usize, slide: &Slide) -> String {
    format!("{:02}-{}.png", index + 1, slug(&slide.title))
}

/// Moving through the slides: the index after a step of `delta`, kept within the list.
/// `None` (no slide shown yet) steps to the first slide forwards, the last backwards.
pub fn step(current: Option<usize>, delta: isize, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let last = len - 1;
    Some(match current {
        None if delta >= 0 => 0,
        None => last,
        Some(i) => i.min(last).saturating_add_signed(delta).min(last),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_briefing_names_only_what_the_data_has() {
        let (file, text) = crate::io::briefing_file::BUNDLED_BRIEFING;
        let briefing = crate::io::briefing_file::parse(file, text).expect("bundled briefing");
        let mut problems = crate::io::Problems::default();
        let dataset = crate::io::bundled_dataset(&mut problems);
        assert_eq!(briefing.unknown_references(&dataset), Vec::<String>::new());
        let mut broken = briefing;
        broken.slides[0].selected_incident = Some("atlantis".to_owned());
        broken.slides[1].sources.lens = Some("nobody".to_owned());
        let unknown = broken.unknown_references(&dataset);
        assert_eq!(unknown.len(), 2, "{unknown:?}");
        assert!(
            unknown[0].starts_with("slide 1 (\"Balochistan"),
            "{unknown:?}"
        );
        assert!(unknown[1].contains("\"nobody\""), "{unknown:?}");
    }

    #[test]
    fn slugs_are_file_safe_and_readable() {
        assert_eq!(slug("Who claims what: 67–216"), "who-claims-what-67-216");
        assert_eq!(slug("  Gwadar, 30 Jan  "), "gwadar-30-jan");
        assert_eq!(slug("???"), "slide");
        assert_eq!(slug(&"a".repeat(80)).len(), 48);
        assert_eq!(
            slug("ab ".repeat(30).as_str()).len(),
            47,
            "no trailing hyphen"
        );
    }

    #[test]
    fn stepping_stays_within_the_slides() {
        assert_eq!(step(None, 1, 0), None);
        assert_eq!(step(None, 1, 6), Some(0));
        assert_eq!(step(None, -1, 6), Some(5));
        assert_eq!(step(Some(0), 1, 6), Some(1));
        assert_eq!(step(Some(5), 1, 6), Some(5));
        assert_eq!(step(Some(0), -1, 6), Some(0));
        assert_eq!(
            step(Some(9), -1, 6),
            Some(4),
            "a stale index is clamped first"
        );
    }

    #[test]
    fn a_view_keeps_its_ground_on_another_screen() {
        let view = MapView {
            centre: LonLat {
                lon: 66.0,
                lat: 28.0,
            },
            zoom: 6.0,
            frame: Some([1000.0, 700.0]),
        };
        assert!((view.zoom_for([1000.0, 700.0]) - 6.0).abs() < 1e-9);
        // Twice as wide and tall: one level closer.
        assert!((view.zoom_for([2000.0, 1400.0]) - 7.0).abs() < 1e-9);
        // Wider but not taller: the height decides, the zoom stays.
        assert!((view.zoom_for([2000.0, 700.0]) - 6.0).abs() < 1e-9);
        let no_frame = MapView {
            frame: None,
            ..view
        };
        assert!((no_frame.zoom_for([300.0, 200.0]) - 6.0).abs() < 1e-9);
    }
}
