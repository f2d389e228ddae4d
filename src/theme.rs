//! Every colour and size the app paints with, for light and dark. Nothing else defines colours.
//!
//! Colours are chosen for a projector: strong contrast between land and sea, marker colours
//! that stay apart for common colour-vision deficiencies (Okabe–Ito), and white or black
//! rims so markers read on any fill.

use egui::{Color32, Stroke};

use crate::model::EventType;

/// The selection's colour in every palette: a cyan no event kind, ring or shading uses.
pub const SELECTION_CYAN: Color32 = Color32::from_rgb(0x00, 0xB8, 0xD4);

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Palette {
    pub dark: bool,
    pub sea: Color32,
    pub land: Color32,
    pub foreign_country: Color32,
    pub country_border: Stroke,
    pub province_fill: Color32,
    pub province_border: Stroke,
    pub district_fill: Color32,
    pub district_hover: Color32,
    pub district_border: Stroke,
    pub label_text: Color32,
    pub label_halo: Color32,
    pub marker_rim: Stroke,
    pub selection: Stroke,
    pub halo_fill: Color32,
    pub halo_rim: Color32,
    pub cluster_fill: Color32,
    pub cluster_text: Color32,
    pub tehsil_border: Color32,
    /// Sequential ramp for district shading, lightest first.
    pub shades: [Color32; 5],
    /// Panel behind map overlays (legend, controls).
    pub overlay_fill: Color32,
}

impl Palette {
    pub fn for_dark_mode(dark: bool) -> Self {
        if dark { Self::DARK } else { Self::LIGHT }
    }

    pub const LIGHT: Palette = Palette {
        dark: false,
        sea: Color32::from_rgb(0xB9, 0xD3, 0xE6),
        land: Color32::from_rgb(0xEE, 0xEB, 0xE3),
        foreign_country: Color32::from_rgb(0xE4, 0xE1, 0xD8),
        country_border: Stroke {
            width: 1.2,
            color: Color32::from_rgb(0x8C, 0x86, 0x7A),
        },
        province_fill: Color32::from_rgb(0xF6, 0xF4, 0xEE),
        province_border: Stroke {
            width: 1.0,
            color: Color32::from_rgb(0xA8, 0xA2, 0x96),
        },
        district_fill: Color32::from_rgb(0xFB, 0xF1, 0xDC),
        district_hover: Color32::from_rgb(0xF5, 0xDC, 0xAA),
        district_border: Stroke {
            width: 0.8,
            color: Color32::from_rgb(0x9A, 0x86, 0x66),
        },
        label_text: Color32::from_rgb(0x33, 0x30, 0x2A),
        label_halo: Color32::from_rgba_premultiplied(0xFF, 0xFF, 0xFF, 0xC0),
        marker_rim: Stroke {
            width: 1.5,
            color: Color32::WHITE,
        },
        // A hue no other mark uses: the contested ring is in the text colour, and a selection
        // must never read as "sources disagree".
        selection: Stroke {
            width: 3.0,
            color: SELECTION_CYAN,
        },
        halo_fill: Color32::from_rgba_premultiplied(0x30, 0x30, 0x30, 0x22),
        halo_rim: Color32::from_rgb(0x5A, 0x55, 0x4C),
        cluster_fill: Color32::from_rgb(0x3A, 0x3F, 0x4A),
        cluster_text: Color32::WHITE,
        tehsil_border: Color32::from_rgb(0xB8, 0xA8, 0x8C),
        // ColorBrewer OrRd, classes 2–6 of 6: readable on a washed-out projector.
        shades: [
            Color32::from_rgb(0xFD, 0xD4, 0x9E),
            Color32::from_rgb(0xFD, 0xBB, 0x84),
            Color32::from_rgb(0xFC, 0x8D, 0x59),
            Color32::from_rgb(0xE3, 0x4A, 0x33),
            Color32::from_rgb(0xB3, 0x00, 0x00),
        ],
        overlay_fill: Color32::from_rgba_premultiplied(0xF8, 0xF7, 0xF4, 0xE8),
    };

    pub const DARK: Palette = Palette {
        dark: true,
        sea: Color32::from_rgb(0x14, 0x22, 0x33),
        land: Color32::from_rgb(0x2C, 0x2E, 0x31),
        foreign_country: Color32::from_rgb(0x26, 0x28, 0x2B),
        country_border: Stroke {
            width: 1.2,
            color: Color32::from_rgb(0x6E, 0x72, 0x78),
        },
        province_fill: Color32::from_rgb(0x33, 0x35, 0x39),
        province_border: Stroke {
            width: 1.0,
            color: Color32::from_rgb(0x5E, 0x62, 0x68),
        },
        district_fill: Color32::from_rgb(0x3D, 0x3A, 0x33),
        district_hover: Color32::from_rgb(0x5C, 0x52, 0x3C),
        district_border: Stroke {
            width: 0.8,
            color: Color32::from_rgb(0x8A, 0x7E, 0x66),
        },
        label_text: Color32::from_rgb(0xE8, 0xE6, 0xE1),
        label_halo: Color32::from_rgba_premultiplied(0x10, 0x10, 0x10, 0xC0),
        marker_rim: Stroke {
            width: 1.5,
            color: Color32::from_rgb(0x10, 0x10, 0x10),
        },
        selection: Stroke {
            width: 3.0,
            color: SELECTION_CYAN,
        },
        halo_fill: Color32::from_rgba_premultiplied(0x50, 0x50, 0x50, 0x30),
        halo_rim: Color32::from_rgb(0xA8, 0xA4, 0x9C),
        cluster_fill: Color32::from_rgb(0xE0, 0xE2, 0xE6),
        cluster_text: Color32::from_rgb(0x10, 0x10, 0x10),
        tehsil_border: Color32::from_rgb(0x6A, 0x62, 0x55),
        // The same hues, darker, so the lightest class still stands off a dark district.
        shades: [
            Color32::from_rgb(0x6B, 0x4A, 0x2A),
            Color32::from_rgb(0x8F, 0x55, 0x2A),
            Color32::from_rgb(0xB8, 0x5E, 0x2C),
            Color32::from_rgb(0xD9, 0x5A, 0x36),
            Color32::from_rgb(0xF2, 0x4B, 0x3C),
        ],
        overlay_fill: Color32::from_rgba_premultiplied(0x1E, 0x20, 0x23, 0xE8),
    };

    /// For a projector, which washes out mid-tones: borders darker and heavier, text pure
    /// black or white, the overlay boxes opaque, rims wider. Same hues, so the legend holds.
    #[must_use]
    pub fn high_contrast(self) -> Self {
        let (ink, paper) = if self.dark {
            (Color32::WHITE, Color32::BLACK)
        } else {
            (Color32::BLACK, Color32::WHITE)
        };
        let toward_ink = |c: Color32, t: f32| c.lerp_to_gamma(ink, t);
        Self {
            country_border: Stroke::new(2.0, toward_ink(self.country_border.color, 0.45)),
            province_border: Stroke::new(1.8, toward_ink(self.province_border.color, 0.45)),
            district_border: Stroke::new(1.4, toward_ink(self.district_border.color, 0.5)),
            label_text: ink,
            label_halo: paper.gamma_multiply(0.85),
            marker_rim: Stroke::new(2.0, self.marker_rim.color),
            selection: Stroke::new(4.0, SELECTION_CYAN),
            halo_rim: toward_ink(self.halo_rim, 0.4),
            overlay_fill: {
                // Blended as stored, then made opaque as it is (not un-multiplied).
                let c = self.overlay_fill.lerp_to_gamma(paper, 0.6);
                Color32::from_rgb(c.r(), c.g(), c.b())
            },
            ..self
        }
    }

    /// A colour per source (by its place in `sources.csv`), for chart dots and table headers:
    /// Okabe–Ito hues, darker on light backgrounds, lighter on dark ones.
    /// The fill of an analyst's area layer by class (a sequential purple-blue, `ColorBrewer`'s
    /// `PuBu`, so it never reads as the districts' red shading), translucent over them.
    pub fn area_fill(self, class: usize, classes: usize) -> Color32 {
        const RAMP: [Color32; 5] = [
            Color32::from_rgb(0xD0, 0xD1, 0xE6),
            Color32::from_rgb(0xA6, 0xBD, 0xDB),
            Color32::from_rgb(0x74, 0xA9, 0xCF),
            Color32::from_rgb(0x2B, 0x8C, 0xBE),
            Color32::from_rgb(0x04, 0x5A, 0x8D),
        ];
        // Fewer classes spread over the ramp's ends, so two classes are light and dark.
        let at = if classes <= 1 {
            RAMP.len() - 1
        } else {
            class * (RAMP.len() - 1) / (classes - 1)
        };
        RAMP.get(at)
            .copied()
            .unwrap_or(Color32::GRAY)
            .gamma_multiply(0.75)
    }

    /// The outline of area layer `index` (after the datasets' colours, so they differ).
    pub fn area_layer_colour(self, index: usize) -> Color32 {
        const COLOURS: [Color32; 4] = [
            Color32::from_rgb(0x6A, 0x3D, 0x9A),
            Color32::from_rgb(0x1F, 0x78, 0xB4),
            Color32::from_rgb(0x33, 0xA0, 0x2C),
            Color32::from_rgb(0xB1, 0x59, 0x28),
        ];
        let colour = COLOURS
            .get(index % COLOURS.len())
            .copied()
            .unwrap_or(Color32::GRAY);
        if self.dark {
            colour.lerp_to_gamma(Color32::WHITE, 0.35)
        } else {
            colour
        }
    }

    /// A dataset's colour in the list of those open side by side: a bold, distinct hue per
    /// dataset (shared with nothing on the map).
    pub fn dataset_colour(self, index: usize) -> Color32 {
        const COLOURS: [Color32; 5] = [
            Color32::from_rgb(0x33, 0x33, 0x33),
            Color32::from_rgb(0x00, 0x72, 0xB2),
            Color32::from_rgb(0xD5, 0x5E, 0x00),
            Color32::from_rgb(0x00, 0x9E, 0x73),
            Color32::from_rgb(0xCC, 0x79, 0xA7),
        ];
        let colour = COLOURS
            .get(index % COLOURS.len())
            .copied()
            .unwrap_or(Color32::GRAY);
        if self.dark && index == 0 {
            Color32::from_rgb(0xDD, 0xDD, 0xDD)
        } else {
            colour
        }
    }

    pub fn source_colour(self, index: usize) -> Color32 {
        const LIGHT: [Color32; 6] = [
            Color32::from_rgb(0xB0, 0x5A, 0x00),
            Color32::from_rgb(0x00, 0x6E, 0xA8),
            Color32::from_rgb(0x00, 0x7F, 0x5F),
            Color32::from_rgb(0xA8, 0x3C, 0x7E),
            Color32::from_rgb(0x4B, 0x4B, 0x9A),
            Color32::from_rgb(0x7A, 0x6A, 0x00),
        ];
        const DARK: [Color32; 6] = [
            Color32::from_rgb(0xF0, 0xA0, 0x40),
            Color32::from_rgb(0x6C, 0xBE, 0xF0),
            Color32::from_rgb(0x3C, 0xC8, 0x9C),
            Color32::from_rgb(0xE6, 0x8C, 0xC0),
            Color32::from_rgb(0xA8, 0xA8, 0xF0),
            Color32::from_rgb(0xF0, 0xE4, 0x42),
        ];
        let colours = if self.dark { DARK } else { LIGHT };
        colours
            .get(index % colours.len())
            .copied()
            .unwrap_or(Color32::GRAY)
    }

    /// Text of a claim that cannot be squared with another.
    pub fn disagree(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0xFF, 0x8A, 0x7A)
        } else {
            Color32::from_rgb(0xB0, 0x24, 0x18)
        }
    }

    /// Behind "AI-generated" and the lens banner: a warning that reads in both themes.
    pub fn warning_fill(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x8A, 0x4B, 0x00)
        } else {
            Color32::from_rgb(0xFF, 0xE0, 0xA8)
        }
    }

    /// Behind an error toast: it must not be mistaken for a warning.
    pub fn error_fill(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x7A, 0x1E, 0x16)
        } else {
            Color32::from_rgb(0xFB, 0xD0, 0xCA)
        }
    }

    /// Behind an info toast: quiet.
    pub fn info_fill(self) -> Color32 {
        if self.dark {
            Color32::from_rgb(0x1F, 0x3A, 0x52)
        } else {
            Color32::from_rgb(0xDC, 0xEB, 0xF7)
        }
    }

    /// Text that says something is broken (an error count, a date that does not parse).
    pub fn error_text(self) -> Color32 {
        Color32::from_rgb(0xC0, 0x39, 0x2B)
    }

    /// Text that says something is doubtful (a warning in the problems list).
    pub fn warning_text(self) -> Color32 {
        Color32::from_rgb(0xB9, 0x77, 0x0E)
    }

    /// The heat map's colour at an intensity from 0 to 1: pale yellow through orange to a
    /// deep red, more opaque as it grows, so the districts still read under thin density.
    pub fn density(self, t: f32) -> Color32 {
        let t = t.clamp(0.0, 1.0);
        let stops: [(f32, [u8; 3]); 4] = [
            (0.0, [0xFF, 0xF2, 0xAE]),
            (0.35, [0xFE, 0xB2, 0x4C]),
            (0.7, [0xF0, 0x3B, 0x20]),
            (1.0, [0x80, 0x00, 0x26]),
        ];
        let mut colour = [0x80, 0x00, 0x26];
        for pair in stops.windows(2) {
            let &[(t0, a), (t1, b)] = pair else {
                continue;
            };
            if t <= t1 {
                let f = (t - t0) / (t1 - t0);
                let mix = |x: u8, y: u8| (f32::from(x) + (f32::from(y) - f32::from(x)) * f) as u8;
                colour = [mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2])];
                break;
            }
        }
        let alpha = (110.0 + 140.0 * t) as u8;
        Color32::from_rgba_unmultiplied(colour[0], colour[1], colour[2], alpha)
    }

    /// The fill of shading class `class` out of `classes` (spread over the ramp).
    pub fn shade(self, class: usize, classes: usize) -> Color32 {
        let last = self.shades.len() - 1;
        let index = if classes <= 1 {
            last
        } else {
            let step = last as f32 / (classes - 1) as f32;
            ((class as f32 * step).round() as usize).min(last)
        };
        self.shades.get(index).copied().unwrap_or(Color32::GRAY)
    }

    /// Marker colour by event type (Okabe–Ito, colour-blind safe).
    pub fn event_colour(self, event: EventType) -> Color32 {
        match event {
            EventType::CoordinatedAttacks => Color32::from_rgb(0xD5, 0x5E, 0x00),
            EventType::ArmedAssault => Color32::from_rgb(0xE6, 0x9F, 0x00),
            EventType::Ambush => Color32::from_rgb(0xCC, 0x79, 0xA7),
            EventType::SuicideBombing => Color32::from_rgb(0xB2, 0x18, 0x2B),
            EventType::IedAttack => Color32::from_rgb(0x8C, 0x51, 0x0A),
            EventType::Hijacking => Color32::from_rgb(0x99, 0x4F, 0xB2),
            EventType::FoiledAttack => Color32::from_rgb(0x56, 0xB4, 0xE9),
            EventType::SecurityOperation => Color32::from_rgb(0x00, 0x72, 0xB2),
            // Okabe–Ito bluish green: apart from every violent kind's colour.
            EventType::Protest => Color32::from_rgb(0x00, 0x9E, 0x73),
            EventType::Designation | EventType::Statistics | EventType::Other => {
                Color32::from_rgb(0x80, 0x80, 0x80)
            }
        }
    }
}

/// Marker radius in points for the highest death toll a source gives: grows with the square
/// root so area tracks the number, and is capped so a 216 does not swallow the province.
pub fn marker_radius(killed: Option<f64>) -> f32 {
    let base = 6.0;
    match killed {
        Some(k) if k > 0.0 => (base + 1.6 * (k.sqrt() as f32)).min(26.0),
        _ => base,
    }
}
