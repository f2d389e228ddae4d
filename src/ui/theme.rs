//! Every colour and size the app paints with, for light and dark. Nothing else defines colours.
//!
//! Colours are chosen for a projector: strong contrast between land and sea, marker colours
//! that stay apart for common colour-vision deficiencies (Okabe–Ito), and white or black
//! rims so markers read on any fill.

use egui::{Color32, Stroke};

use crate::model::EventType;

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
        selection: Stroke {
            width: 3.0,
            color: Color32::from_rgb(0x11, 0x11, 0x11),
        },
        halo_fill: Color32::from_rgba_premultiplied(0x40, 0x40, 0x40, 0x28),
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
            color: Color32::WHITE,
        },
        halo_fill: Color32::from_rgba_premultiplied(0x50, 0x50, 0x50, 0x30),
    };

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
            EventType::Designation | EventType::Statistics => Color32::from_rgb(0x80, 0x80, 0x80),
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
