//! The map's symbols, shared by the map layer and the legends: one shape per event type,
//! dashed circles, the size of a group, and the halo that says how well a place is known.

use egui::{Color32, Pos2, Shape, Stroke, Vec2};

use crate::model::EventType;
use crate::model::GeoPrecision;
use crate::theme::Palette;

/// The symbol for an event type, centred on `c` with radius `r`.
pub fn symbol(c: Pos2, r: f32, event: EventType, fill: Color32, rim: Stroke) -> Shape {
    let polygon = |points: Vec<Pos2>| Shape::convex_polygon(points, fill, rim);
    match event {
        EventType::Ambush | EventType::FoiledAttack => polygon(vec![
            c + Vec2::new(0.0, -1.25 * r),
            c + Vec2::new(1.15 * r, 0.8 * r),
            c + Vec2::new(-1.15 * r, 0.8 * r),
        ]),
        EventType::SuicideBombing | EventType::IedAttack => polygon(vec![
            c + Vec2::new(0.0, -1.3 * r),
            c + Vec2::new(1.3 * r, 0.0),
            c + Vec2::new(0.0, 1.3 * r),
            c + Vec2::new(-1.3 * r, 0.0),
        ]),
        EventType::SecurityOperation
        | EventType::Designation
        | EventType::Statistics
        | EventType::Protest
        | EventType::Other => {
            let h = 0.9 * r;
            polygon(vec![
                c + Vec2::new(-h, -h),
                c + Vec2::new(h, -h),
                c + Vec2::new(h, h),
                c + Vec2::new(-h, h),
            ])
        }
        EventType::Hijacking => {
            // A hexagon: a site on a line (train, road) rather than a town.
            polygon(
                (0..6)
                    .map(|k| {
                        let a = std::f32::consts::TAU * (k as f32) / 6.0;
                        c + Vec2::angled(a) * 1.1 * r
                    })
                    .collect(),
            )
        }
        EventType::CoordinatedAttacks | EventType::ArmedAssault => {
            Shape::Circle(egui::epaint::CircleShape {
                center: c,
                radius: r,
                fill,
                stroke: rim,
            })
        }
    }
}

/// A dashed circle of `segments` straight pieces, `dash_gap` = [dash, gap] lengths.
pub fn dashed_circle(
    painter: &egui::Painter,
    centre: Pos2,
    radius: f32,
    segments: usize,
    stroke: Stroke,
    dash_gap: [f32; 2],
) {
    let ring: Vec<Pos2> = (0..=segments)
        .map(|k| {
            centre + Vec2::angled(std::f32::consts::TAU * (k as f32) / segments as f32) * radius
        })
        .collect();
    painter.extend(Shape::dashed_line(&ring, stroke, dash_gap[0], dash_gap[1]));
}

/// The radius of a group's circle by its number of incidents.
pub fn cluster_radius(members: usize) -> f32 {
    11.0 + 3.0 * (members as f32).log2()
}

/// A marker's halo by how well its place is known: none for a site or town, a ring for an
/// approximate point, a wide soft disc for a district, and a wider dashed one for the province.
pub fn paint_precision_halo(
    painter: &egui::Painter,
    c: Pos2,
    r: f32,
    precision: GeoPrecision,
    p: Palette,
) {
    match precision {
        GeoPrecision::Approximate => {
            painter.circle_stroke(c, r + 7.0, Stroke::new(1.2, p.halo_rim));
        }
        GeoPrecision::District => {
            painter.circle(c, r + 16.0, p.halo_fill, Stroke::new(1.0, p.halo_rim));
        }
        GeoPrecision::Province => {
            painter.circle_filled(c, r + 30.0, p.halo_fill);
            dashed_circle(
                painter,
                c,
                r + 30.0,
                48,
                Stroke::new(1.2, p.halo_rim),
                [5.0, 4.0],
            );
        }
        GeoPrecision::Exact | GeoPrecision::Town | GeoPrecision::None => {}
    }
}

/// Which of the marks that need explaining a frame of the map drew.
// Independent flags, one per kind of mark.
#[allow(clippy::struct_excessive_bools)]
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DrawnMarks {
    /// The contested ring (on a marker or a group).
    pub contested: bool,
    /// The selection's corner brackets.
    pub selection: bool,
    /// A halo for a place known only approximately, to the district or to the province.
    pub approximate: bool,
    pub district_only: bool,
    pub province_only: bool,
}

/// The selection mark: four corner brackets around the marker in the selection colour — a
/// square, never a ring, so it cannot be read as the contested ring (a circle in the text
/// colour) in any palette.
pub fn paint_reticle(painter: &egui::Painter, centre: Pos2, half: f32, stroke: Stroke) {
    let arm = half * 0.55;
    for (sx, sy) in [(-1.0, -1.0), (1.0, -1.0), (1.0, 1.0), (-1.0, 1.0)] {
        let corner = centre + Vec2::new(sx * half, sy * half);
        painter.line_segment([corner, corner - Vec2::new(sx * arm, 0.0)], stroke);
        painter.line_segment([corner, corner - Vec2::new(0.0, sy * arm)], stroke);
    }
}
