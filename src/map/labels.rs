//! Map labels: placed first come, first served so none overlaps another or a marker, each on
//! a halo; and where to name an area only partly in view.

use egui::{Align2, Color32, FontId, Pos2, Rect, Stroke, Vec2, pos2};

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

/// Paints `text` beside a mark (`anchor`: its centre and the gap to leave), to its right,
/// else its left, else above or below, framed in `frame`; always placed (the label names a
/// selection, which must be named), clear of the labels placed before where it can be.
pub(super) fn place_label_beside(
    painter: &egui::Painter,
    placer: &mut LabelPlacer,
    view: Rect,
    (centre, gap): (Pos2, f32),
    text: &str,
    style: &LabelStyle,
    frame: Stroke,
) {
    let inside = view.shrink(6.0);
    // The wider side of the mark, for a title too long to fit whole: cut with an ellipsis.
    let room = (inside.right() - centre.x - gap).max(centre.x - gap - inside.left());
    let mut job =
        egui::text::LayoutJob::simple_singleline(text.to_owned(), style.font.clone(), style.colour);
    job.wrap = egui::text::TextWrapping {
        max_width: room.max(60.0),
        max_rows: 1,
        break_anywhere: true,
        overflow_character: Some('…'),
    };
    let galley = painter.layout_job(job);
    let size = galley.size();
    let candidates = [
        Align2::LEFT_CENTER.anchor_size(centre + Vec2::new(gap, 0.0), size),
        Align2::RIGHT_CENTER.anchor_size(centre - Vec2::new(gap, 0.0), size),
        Align2::CENTER_BOTTOM.anchor_size(centre - Vec2::new(0.0, gap), size),
        Align2::CENTER_TOP.anchor_size(centre + Vec2::new(0.0, gap), size),
    ];
    let rect = candidates
        .iter()
        .copied()
        .find(|r| inside.contains_rect(*r) && placer.try_place(*r))
        .or_else(|| {
            candidates
                .iter()
                .copied()
                .find(|r| inside.contains_rect(*r))
        })
        .unwrap_or(candidates[0]);
    let framed = rect.expand2(Vec2::new(5.0, 3.0));
    painter.rect_filled(framed, 4.0, style.halo);
    painter.rect_stroke(
        framed,
        4.0,
        Stroke::new(frame.width.min(2.0), frame.color),
        egui::StrokeKind::Outside,
    );
    painter.galley(rect.min, galley, style.colour);
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
