//! The walkers plugin that paints the offline basemap, the districts and the incident markers,
//! and reports what the pointer is over. It borrows prepared data; it never parses or
//! tessellates.

use egui::{Align2, Color32, FontId, Mesh, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2};
use walkers::{MapMemory, Plugin, Projector};

use super::prepared::{PreparedArea, PreparedMap, PreparedMarker};
use crate::geo::boundaries::DistrictSet;
use crate::geo::projection::{ScreenFromWorld, World};
use crate::model::{EventType, LonLat};
use crate::ui::theme::{Palette, marker_radius};

/// What the map layer saw this frame, for the app to turn into commands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapHits {
    pub clicked_incident: Option<String>,
    pub hovered_district: Option<(String, String)>,
    pub clicked_district: Option<String>,
    pub markers_drawn: usize,
}

/// Borrowed view of everything one frame of the map needs.
pub struct AtlasLayer<'a> {
    pub prepared: &'a PreparedMap,
    pub palette: Palette,
    pub district_set: DistrictSet,
    pub selected_incident: Option<&'a str>,
    pub selected_district: Option<&'a str>,
    pub hits: &'a mut MapHits,
}

/// The transform walkers' projector uses this frame, rebuilt in f64.
pub fn screen_from_world(projector: &Projector) -> ScreenFromWorld {
    let rect = projector.clip_rect();
    let center = projector.unproject(rect.center().to_vec2());
    ScreenFromWorld::new(
        LonLat {
            lon: center.x(),
            lat: center.y(),
        },
        projector.zoom(),
        [f64::from(rect.center().x), f64::from(rect.center().y)],
    )
}

fn to_pos(p: [f32; 2]) -> Pos2 {
    pos2(p[0], p[1])
}

fn visible(area: &PreparedArea, t: &ScreenFromWorld, view: Rect) -> bool {
    let a = t.apply(area.shape.min);
    let b = t.apply(area.shape.max);
    Rect::from_two_pos(to_pos(a), to_pos(b)).intersects(view)
}

/// Appends the area's triangles, transformed, to `mesh`.
fn fill(mesh: &mut Mesh, area: &PreparedArea, t: &ScreenFromWorld, colour: Color32) {
    let Ok(base) = u32::try_from(mesh.vertices.len()) else {
        return;
    };
    mesh.vertices
        .extend(area.shape.vertices.iter().map(|&w| egui::epaint::Vertex {
            pos: to_pos(t.apply(w)),
            uv: egui::epaint::WHITE_UV,
            color: colour,
        }));
    mesh.indices
        .extend(area.shape.triangles.iter().map(|i| base + i));
}

/// A ring in screen space without sub-pixel steps and hairpins. egui joins path segments with
/// mitres, and a near-180° turn between two almost equal points (common in 4-decimal boundary
/// files) grows a mitre spike that crosses the whole map.
fn screen_ring(ring: &[World], t: &ScreenFromWorld) -> Vec<Pos2> {
    const MIN_STEP_PX: f32 = 0.75;
    let mut points: Vec<Pos2> = Vec::with_capacity(ring.len());
    for &w in ring {
        let p = to_pos(t.apply(w));
        if points
            .last()
            .is_some_and(|q: &Pos2| q.distance(p) < MIN_STEP_PX)
        {
            continue;
        }
        // Drop the previous point when the path doubles back on itself through it.
        while points.len() >= 2 {
            let (a, b) = (points[points.len() - 2], points[points.len() - 1]);
            let (incoming, outgoing) = ((b - a).normalized(), (p - b).normalized());
            if incoming.dot(outgoing) < -0.9 {
                points.pop();
            } else {
                break;
            }
        }
        points.push(p);
    }
    points
}

fn outline(shapes: &mut Vec<Shape>, area: &PreparedArea, t: &ScreenFromWorld, stroke: Stroke) {
    for ring in &area.shape.rings {
        let points = screen_ring(ring, t);
        if points.len() > 2 {
            shapes.push(Shape::closed_line(points, stroke));
        }
    }
}

fn paint_layer(
    painter: &egui::Painter,
    areas: &[PreparedArea],
    t: &ScreenFromWorld,
    view: Rect,
    colour: Option<Color32>,
    stroke: Stroke,
) {
    let mut mesh = Mesh::default();
    let mut lines = Vec::new();
    for area in areas.iter().filter(|a| visible(a, t, view)) {
        if let Some(colour) = colour {
            fill(&mut mesh, area, t, colour);
        }
        if stroke.width > 0.0 {
            outline(&mut lines, area, t, stroke);
        }
    }
    painter.add(Shape::mesh(mesh));
    painter.extend(lines);
}

/// Whether a world point lies in one of the area's triangles.
fn area_contains(area: &PreparedArea, point: World) -> bool {
    let (min, max) = (area.shape.min, area.shape.max);
    if point.x < min.x || point.x > max.x || point.y < min.y || point.y > max.y {
        return false;
    }
    let vertices = &area.shape.vertices;
    // Same-side test against each edge: the point is inside when all signs agree.
    let side = |p: World, q: World, r: World| (p.x - r.x) * (q.y - r.y) - (q.x - r.x) * (p.y - r.y);
    area.shape.triangles.chunks_exact(3).any(|tri| {
        let [a, b, c] = [tri[0], tri[1], tri[2]].map(|i| vertices[i as usize]);
        let (d1, d2, d3) = (side(point, a, b), side(point, b, c), side(point, c, a));
        let negative = d1 < 0.0 || d2 < 0.0 || d3 < 0.0;
        let positive = d1 > 0.0 || d2 > 0.0 || d3 > 0.0;
        !(negative && positive)
    })
}

/// The symbol outline for an event type, centred on `c` with radius `r`.
fn symbol(c: Pos2, r: f32, event: EventType, fill: Color32, rim: Stroke) -> Shape {
    let polygon = |points: Vec<Pos2>| Shape::convex_polygon(points, fill, rim);
    match event {
        EventType::Ambush | EventType::FoiledAttack => polygon(vec![
            c + Vec2::new(0.0, -1.2 * r),
            c + Vec2::new(1.1 * r, 0.8 * r),
            c + Vec2::new(-1.1 * r, 0.8 * r),
        ]),
        EventType::SuicideBombing | EventType::IedAttack => polygon(vec![
            c + Vec2::new(0.0, -1.25 * r),
            c + Vec2::new(1.25 * r, 0.0),
            c + Vec2::new(0.0, 1.25 * r),
            c + Vec2::new(-1.25 * r, 0.0),
        ]),
        EventType::SecurityOperation | EventType::Designation | EventType::Statistics => {
            Shape::rect_filled(Rect::from_center_size(c, Vec2::splat(1.8 * r)), 2.0, fill)
        }
        EventType::CoordinatedAttacks | EventType::ArmedAssault | EventType::Hijacking => {
            Shape::circle_filled(c, r, fill)
        }
    }
}

/// Neighbouring countries' names, where their label point is in view.
fn paint_country_labels(
    painter: &egui::Painter,
    prepared: &PreparedMap,
    t: &ScreenFromWorld,
    view: Rect,
    p: Palette,
) {
    let font = FontId::proportional(13.0);
    for country in prepared.countries.iter().filter(|c| c.name != "Pakistan") {
        let at = to_pos(t.apply(country.label));
        if view.shrink(30.0).contains(at) {
            painter.text(
                at,
                Align2::CENTER_CENTER,
                country.name.to_uppercase(),
                font.clone(),
                p.label_text.gamma_multiply(0.6),
            );
        }
    }
}

impl AtlasLayer<'_> {
    fn paint_marker(
        &mut self,
        ui: &mut egui::Ui,
        marker: &PreparedMarker,
        t: &ScreenFromWorld,
        view: Rect,
    ) {
        let anchor = to_pos(t.apply(marker.world));
        let centre = anchor + Vec2::from(marker.fan_offset_px);
        let r = marker_radius(marker.killed);
        if !view.expand(60.0).contains(centre) {
            return;
        }
        let painter = ui.painter();
        let p = self.palette;
        if marker.fan_offset_px != [0.0, 0.0] {
            painter.line_segment([anchor, centre], Stroke::new(1.0, p.country_border.color));
        }
        if marker.geo_precision.is_area() {
            // A wide soft halo: this point stands for an area, not a site.
            painter.circle(
                centre,
                r + 12.0,
                p.halo_fill,
                Stroke::new(1.0, p.country_border.color.gamma_multiply(0.7)),
            );
        }
        let colour = p.event_colour(marker.event_type);
        let shape = symbol(centre, r, marker.event_type, colour, p.marker_rim);
        painter.add(shape);
        if matches!(
            marker.event_type,
            EventType::SecurityOperation | EventType::Designation | EventType::Statistics
        ) {
            painter.rect_stroke(
                Rect::from_center_size(centre, Vec2::splat(1.8 * r)),
                2.0,
                p.marker_rim,
                egui::StrokeKind::Outside,
            );
        } else if matches!(
            marker.event_type,
            EventType::CoordinatedAttacks | EventType::ArmedAssault | EventType::Hijacking
        ) {
            painter.circle_stroke(centre, r, p.marker_rim);
        }
        if marker.contested {
            // Contested figures: a bold outer ring in the text colour.
            painter.circle_stroke(centre, r + 4.0, Stroke::new(2.0, p.label_text));
        }
        if self.selected_incident == Some(marker.incident_id.as_str()) {
            painter.circle_stroke(centre, r + 8.0, p.selection);
        }

        let id = ui.scope_id().with(("marker", &marker.incident_id));
        let response = ui.interact(
            Rect::from_center_size(centre, Vec2::splat(2.0 * r + 6.0)),
            id,
            Sense::click(),
        );
        let title = marker.title.clone();
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Incident: {title}"))
        });
        let response = response.on_hover_text(&marker.card);
        if response.clicked() {
            self.hits.clicked_incident = Some(marker.incident_id.clone());
        }
        self.hits.markers_drawn += 1;
    }
}

impl Plugin for AtlasLayer<'_> {
    fn run(
        mut self: Box<Self>,
        ui: &mut egui::Ui,
        response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let view = projector.clip_rect();
        let t = screen_from_world(projector);
        let painter = ui.painter().clone();
        let p = self.palette;

        painter.rect_filled(view, 0.0, p.sea);
        paint_layer(
            &painter,
            &self.prepared.land,
            &t,
            view,
            Some(p.land),
            Stroke::NONE,
        );
        paint_layer(
            &painter,
            &self.prepared.countries,
            &t,
            view,
            Some(p.foreign_country),
            Stroke::NONE,
        );
        paint_layer(
            &painter,
            &self.prepared.provinces,
            &t,
            view,
            Some(p.province_fill),
            Stroke::NONE,
        );

        let districts = self.prepared.districts(self.district_set);
        let hovered = response
            .hover_pos()
            .map(|pos| t.invert([pos.x, pos.y]))
            .and_then(|w| districts.iter().find(|d| area_contains(d, w)));
        paint_layer(
            &painter,
            districts,
            &t,
            view,
            Some(p.district_fill),
            p.district_border,
        );
        if let Some(area) = hovered {
            paint_layer(
                &painter,
                std::slice::from_ref(area),
                &t,
                view,
                Some(p.district_hover),
                p.district_border,
            );
            self.hits.hovered_district = Some((area.name.clone(), area.group.clone()));
        }
        if let Some(name) = self.selected_district
            && let Some(area) = districts.iter().find(|d| d.name == name)
        {
            paint_layer(
                &painter,
                std::slice::from_ref(area),
                &t,
                view,
                None,
                Stroke::new(2.5, p.selection.color),
            );
        }
        // Country borders over the fills, then province borders, so Pakistan's edge reads.
        // Pakistan's own edge comes from the province file (geoBoundaries); Natural Earth's
        // coarser line for it would run beside it as a second, offset border.
        paint_layer(
            &painter,
            &self.prepared.foreign_countries,
            &t,
            view,
            None,
            p.country_border,
        );
        paint_layer(
            &painter,
            &self.prepared.provinces,
            &t,
            view,
            None,
            p.province_border,
        );

        paint_country_labels(&painter, self.prepared, &t, view, p);

        for marker in &self.prepared.markers {
            self.paint_marker(ui, marker, &t, view);
        }

        if response.clicked() && self.hits.clicked_incident.is_none() {
            self.hits.clicked_district = hovered.map(|d| d.name.clone());
        }
    }
}
