//! Map labels: placed first come, first served so none overlaps another or a marker, each on
//! a halo; and where to name an area only partly in view.

use egui::{Align2, Color32, FontId, Pos2, Rect, Vec2, pos2};

use super::areas::PreparedArea;
use crate::geo::projection::ScreenFromWorld;

pub(super) fn to_pos(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
}

/// Places labels without overlap: first come, first served, so callers go in priority order.
#[derive(Default)]
pub(super) struct LabelPlacer {
    pub(super) placed: Vec<Rect>,
}

impl LabelPlacer {
    fn try_place(&mut self, rect: Rect) -> bool {
        let padded = rect.expand(3.0);
        if self.placed.iter().any(|r| r.intersects(padded)) {
            return false;
        }
        self.placed.push(rect);
        true
    }
}

/// How a class of labels looks.
#[derive(Clone)]
pub(super) struct LabelStyle {
    pub(super) font: FontId,
    pub(super) colour: Color32,
    pub(super) halo: Color32,
}

/// Paints `text` with a halo if it fits among the labels already placed.
pub(super) fn place_label(
    painter: &egui::Painter,
    placer: &mut LabelPlacer,
    view: Rect,
    at: Pos2,
    text: String,
    style: &LabelStyle,
) -> bool {
    let (colour, halo) = (style.colour, style.halo);
    let galley = painter.layout_no_wrap(text, style.font.clone(), colour);
    // The label point first, then just below or above it (a marker often sits on the point).
    let step = galley.size().y + 4.0;
    for dy in [0.0, step, -step] {
        let rect = Align2::CENTER_CENTER.anchor_size(at + Vec2::new(0.0, dy), galley.size());
        if view.shrink(4.0).contains_rect(rect) && placer.try_place(rect) {
            painter.rect_filled(rect.expand2(Vec2::new(3.0, 1.0)), 3.0, halo);
            painter.galley(rect.min, galley, colour);
            return true;
        }
    }
    false
}

/// Where to name a large area that is only partly in view: the area-weighted centre of its
/// triangles that are in view.
pub(super) fn visible_centre(
    area: &PreparedArea,
    t: &ScreenFromWorld,
    zoom: f64,
    view: Rect,
) -> Option<Pos2> {
    let shape = area.lod.at_zoom(zoom);
    let inner = view.shrink(60.0);
    let (mut sx, mut sy, mut total) = (0.0f32, 0.0f32, 0.0f32);
    for corners in shape.triangle_corners() {
        let [a, b, c] = corners.map(|w| to_pos(t.apply(w)));
        let centre = pos2((a.x + b.x + c.x) / 3.0, (a.y + b.y + c.y) / 3.0);
        if !inner.contains(centre) {
            continue;
        }
        let area = ((b - a).x * (c - a).y - (c - a).x * (b - a).y).abs() / 2.0;
        sx += centre.x * area;
        sy += centre.y * area;
        total += area;
    }
    (total > 2500.0).then(|| pos2(sx / total, sy / total))
}
