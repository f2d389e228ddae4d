//! The walkers plugin that paints the offline basemap, the districts, labels and the incident
//! markers, and reports what the pointer is over. It borrows prepared data; it never parses or
//! tessellates. Per frame it culls with the R-trees, picks the level of detail for the zoom
//! and applies one world→screen transform.

use egui::layers::ShapeIdx;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Shape, Stroke, Vec2, pos2};
use walkers::{MapMemory, Plugin, Projector};

use super::area_meshes::{AreaMeshCache, AreaStyle, paint_areas, paint_areas_cached};
use super::areas::{AreaLayer, PreparedArea};
use super::clusters::{Cluster, ClusterLevels};
use super::labels::{
    LabelPlacer, LabelStyle, place_label, place_label_beside, to_pos, visible_centre,
};
use super::markers::{PreparedMarker, hover_card};
use super::prepared::PreparedMap;
use super::shading::DistrictShades;
use super::stroke::feather;
pub use super::symbols::DrawnMarks;
use super::symbols::{cluster_radius, paint_precision_halo, paint_reticle, symbol};
use crate::geo::boundaries::DistrictSet;
use crate::geo::projection::{ScreenFromWorld, World};
use crate::model::{Dataset, GeoPrecision, LonLat};
use crate::theme::{Palette, marker_radius};
use atlas_core::prepare::user_layers::{LayerFill, UserLayer};

/// What the map layer saw this frame, for the app to turn into commands.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct MapHits {
    pub clicked_incident: Option<String>,
    pub hovered_district: Option<(String, String)>,
    pub clicked_district: Option<String>,
    /// A group was clicked that splits when zoomed in: zoom there, centred on it.
    pub zoom_into: Option<(LonLat, usize)>,
    /// A group of incidents at one point was clicked: fan it out (its first member).
    pub fan_out: Option<usize>,
    /// walkers' zoom this frame, for the overlays (scale bar, zoom buttons).
    pub zoom: f64,
    pub center: Option<LonLat>,
    /// This frame's world→screen transform (tests and overlays place things with it).
    pub transform: Option<ScreenFromWorld>,
    /// Where the map was laid out this frame (set by the app; `Rect::NOTHING` before).
    pub map_rect: Option<Rect>,
    /// The marks this frame drew, so a legend lists exactly those.
    pub marks: DrawnMarks,
}

/// One of the analyst's area layers as this frame draws it.
pub struct ShownLayer<'a> {
    pub layer: &'a UserLayer,
    /// Filled by a numeric property's classes (outlines only when `None`).
    pub fill: Option<std::sync::Arc<LayerFill>>,
    pub fill_by: Option<&'a str>,
    /// The property to label the areas by (their name when `None`).
    pub label_by: Option<&'a str>,
    pub colour: Color32,
}

/// Borrowed view of everything one frame of the map needs.
pub struct AtlasLayer<'a> {
    pub prepared: &'a PreparedMap,
    /// The incidents' markers as the sources in view tell them (the clusters index these).
    pub markers: &'a [PreparedMarker],
    /// The dataset the markers were built from (titles, ids and hover cards come from it).
    pub dataset: &'a Dataset,
    pub palette: Palette,
    pub district_set: DistrictSet,
    pub shades: &'a DistrictShades,
    pub clusters: &'a ClusterLevels,
    pub tehsils: Option<&'a AreaLayer>,
    /// The analyst's area layers that are on, bottom first.
    pub user_layers: &'a [ShownLayer<'a>],
    /// Where to put the offline basemap when online tiles are drawn: a shape reserved before
    /// walkers painted its tiles, so the basemap lies under them and shows wherever a tile is
    /// missing. `None`: no tiles, the basemap is painted first here.
    pub basemap_slot: Option<ShapeIdx>,
    pub selected_incident: Option<&'a str>,
    pub selected_district: Option<&'a str>,
    pub fanned_out: Option<usize>,
    /// While playing: markers whose first day is this date are drawn at this opacity, so
    /// they fade in as their day arrives.
    pub fade_in: Option<(jiff::civil::Date, f32)>,
    /// The heat map's texture and the world rectangle it covers, drawn instead of the
    /// markers (`None`: markers).
    pub density: Option<(egui::TextureId, World, World)>,
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

/// The part of the world in view, as world-coordinate corners (north-west, south-east).
fn world_view(t: &ScreenFromWorld, view: Rect) -> (World, World) {
    let a = t.invert([view.min.x, view.min.y]);
    let b = t.invert([view.max.x, view.max.y]);
    (a, b)
}

impl AtlasLayer<'_> {
    fn paint_marker(&mut self, ui: &mut egui::Ui, marker: &PreparedMarker, centre: Pos2) {
        let mut painter = ui.painter().clone();
        if let Some((day, opacity)) = self.fade_in
            && marker.dates.map(|d| d.first) == Some(day)
        {
            painter.multiply_opacity(opacity);
        }
        let painter = &painter;
        let p = self.palette;
        let r = marker_radius(marker.killed);
        paint_precision_halo(painter, centre, r, marker.geo_precision, p);
        let marks = &mut self.hits.marks;
        match marker.geo_precision {
            GeoPrecision::Approximate => marks.approximate = true,
            GeoPrecision::District => marks.district_only = true,
            GeoPrecision::Province => marks.province_only = true,
            _ => {}
        }
        painter.add(symbol(
            centre,
            r,
            marker.event_type,
            p.event_colour(marker.event_type),
            p.marker_rim,
        ));
        if marker.contested {
            // Contested figures: a bold outer ring in the text colour.
            painter.circle_stroke(centre, r + 4.0, Stroke::new(2.0, p.label_text));
            self.hits.marks.contested = true;
        }
        let incident = self.dataset.incidents.get(marker.incident_index);
        let incident_id = incident.map_or("", |i| i.id.as_str());
        if self.selected_incident == Some(incident_id) {
            paint_reticle(painter, centre, r + 8.0, p.selection);
            self.hits.marks.selection = true;
        }

        let id = ui.scope_id().with(("marker", incident_id));
        let response = ui.interact(
            Rect::from_center_size(centre, Vec2::splat(2.0 * r + 6.0)),
            id,
            Sense::click(),
        );
        let title = incident.map_or("", |i| i.title.as_str());
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::Role::Button, true, format!("Incident: {title}"))
        });
        let dataset = self.dataset;
        let response = response.on_hover_ui(|ui| {
            if let Some(incident) = incident {
                ui.label(hover_card(dataset, incident));
            }
        });
        if response.clicked() {
            self.hits.clicked_incident = Some(incident_id.to_owned());
        }
    }

    /// A group at one point, fanned out: each member on a ring around the shared point, with
    /// a leader line.
    fn paint_fanned_out(&mut self, ui: &mut egui::Ui, cluster: &Cluster, centre: Pos2) {
        let n = cluster.members.len() as f32;
        let radius = 18.0 + 3.0 * n;
        for (k, &m) in cluster.members.iter().enumerate() {
            let angle = std::f32::consts::TAU * (k as f32) / n - std::f32::consts::FRAC_PI_2;
            let at = centre + Vec2::angled(angle) * radius;
            ui.painter()
                .line_segment([centre, at], Stroke::new(1.0, self.palette.halo_rim));
            if let Some(marker) = self.markers.get(m) {
                self.paint_marker(ui, marker, at);
            }
        }
    }

    fn paint_cluster(
        &mut self,
        ui: &mut egui::Ui,
        cluster: &Cluster,
        centre: Pos2,
        t: &ScreenFromWorld,
    ) {
        let markers = self.markers;
        let Some(&first) = cluster.members.first() else {
            return;
        };
        if cluster.splits_at.is_none() && self.fanned_out == Some(first) {
            self.paint_fanned_out(ui, cluster, centre);
            return;
        }
        let p = self.palette;
        let n = cluster.members.len();
        let r = cluster_radius(n);
        let painter = ui.painter();
        if cluster.has_province_wide {
            paint_precision_halo(painter, centre, r, GeoPrecision::Province, p);
            self.hits.marks.province_only = true;
        }
        painter.circle(centre, r, p.cluster_fill, p.marker_rim);
        if cluster.any_contested {
            painter.circle_stroke(centre, r + 4.0, Stroke::new(2.0, p.label_text));
            self.hits.marks.contested = true;
        }
        painter.text(
            centre,
            Align2::CENTER_CENTER,
            n.to_string(),
            FontId::proportional(13.0 + (n as f32).log2()),
            p.cluster_text,
        );
        let id = ui.scope_id().with(("cluster", first));
        let response = ui.interact(
            Rect::from_center_size(centre, Vec2::splat(2.0 * r)),
            id,
            Sense::click(),
        );
        // Name at most a dozen members, and only when asked (accessibility or hover): a frame
        // with hundreds of groups must not build their texts.
        let titles = || {
            const NAMED: usize = 12;
            let mut titles: Vec<String> = cluster
                .members
                .iter()
                .take(NAMED)
                .filter_map(|&m| markers.get(m))
                .filter_map(|marker| self.dataset.incidents.get(marker.incident_index))
                .map(|incident| incident.title.to_string())
                .collect();
            if n > NAMED {
                titles.push(format!("and {} more", n - NAMED));
            }
            titles
        };
        response.widget_info(|| {
            egui::WidgetInfo::labeled(
                egui::Role::Button,
                true,
                format!("Group of {n} incidents: {}", titles().join("; ")),
            )
        });
        let hint = if cluster.splits_at.is_some() {
            "click to zoom in"
        } else {
            "click to fan out"
        };
        let response = response.on_hover_ui(|ui| {
            ui.label(format!("{n} incidents ({hint}):\n{}", titles().join("\n")));
        });
        if response.clicked() {
            match self.clusters.expansion_zoom(cluster) {
                Some(zoom) => {
                    let w = t.invert([centre.x, centre.y]);
                    self.hits.zoom_into =
                        Some((crate::geo::projection::lon_lat_from_world(w), zoom));
                }
                None => self.hits.fan_out = Some(first),
            }
        }
    }

    /// The selected incident is named first, beside its marker (or its group), framed in the
    /// selection's colour: on a slide the room reads which event is meant.
    fn label_selection(
        &self,
        painter: &egui::Painter,
        placer: &mut LabelPlacer,
        view: Rect,
        selected: Option<(Pos2, f32, &str)>,
    ) {
        let p = self.palette;
        if let Some((centre, radius, title)) = selected {
            let style = LabelStyle {
                font: FontId::proportional(14.0),
                colour: p.label_text,
                halo: p.label_halo,
            };
            let anchor = (centre, radius + 12.0);
            place_label_beside(painter, placer, view, anchor, title, &style, p.selection);
        }
    }

    /// Names districts, provinces and countries where they fit, clear of the markers
    /// (`occupied`) and of each other.
    // One argument per thing a label must keep clear of or name.
    #[allow(clippy::too_many_arguments)]
    fn paint_labels(
        &self,
        painter: &egui::Painter,
        t: &ScreenFromWorld,
        zoom: f64,
        view: Rect,
        districts: &AreaLayer,
        occupied: Vec<Rect>,
        selected: Option<(Pos2, f32, &str)>,
    ) {
        let p = self.palette;
        let mut placer = LabelPlacer { placed: occupied };
        self.label_selection(painter, &mut placer, view, selected);
        let (min, max) = world_view(t, view);
        // The analyst's own areas first (they added them to read them), then districts.
        for shown in self.user_layers {
            let style = LabelStyle {
                font: FontId::proportional(12.5),
                colour: shown.colour,
                halo: p.label_halo,
            };
            let areas = &shown.layer.areas;
            let mut in_view = areas.in_view_indexed(min, max);
            in_view.sort_by(|a, b| b.1.area.total_cmp(&a.1.area));
            for (index, area) in in_view {
                // An area smaller on screen than its label is left unnamed.
                let (lo, hi) = area.bounds();
                let (a, b) = (t.apply(lo), t.apply(hi));
                if (b[0] - a[0]).abs() < 40.0 {
                    continue;
                }
                let text = shown.layer.label(index, shown.label_by);
                // Inside the area's north-west corner when its centre is taken by markers:
                // where a zone's name sits on a printed map.
                let corner = pos2(a[0].min(b[0]), a[1].min(b[1]))
                    + Vec2::new(text.chars().count() as f32 * 3.6 + 8.0, 12.0);
                let centre = visible_centre(area, t, zoom, view);
                for at in centre.into_iter().chain([corner]) {
                    if place_label(painter, &mut placer, view, at, text.clone(), &style) {
                        break;
                    }
                }
            }
        }
        // Districts next (they are what the analyst reads), the largest first.
        if zoom >= 6.0 {
            let mut in_view = districts.in_view(min, max);
            in_view.sort_by(|a, b| b.area.total_cmp(&a.area));
            let style = LabelStyle {
                font: FontId::proportional(if zoom >= 8.0 { 13.0 } else { 11.5 }),
                colour: p.label_text,
                halo: p.label_halo,
            };
            for area in in_view {
                let at = to_pos(t.apply(area.label));
                place_label(painter, &mut placer, view, at, area.name.clone(), &style);
            }
        }
        if zoom < 9.0 {
            let style = LabelStyle {
                font: FontId::proportional(13.0),
                colour: p.label_text.gamma_multiply(0.8),
                halo: p.label_halo,
            };
            for area in self.prepared.provinces.in_view(min, max) {
                if area.name == "Balochistan" && zoom >= 6.0 {
                    continue; // Its districts are named instead.
                }
                if let Some(at) = visible_centre(area, t, zoom, view) {
                    place_label(painter, &mut placer, view, at, area.name.clone(), &style);
                }
            }
        }
        let style = LabelStyle {
            font: FontId::proportional(15.0),
            colour: p.label_text.gamma_multiply(0.6),
            halo: Color32::TRANSPARENT,
        };
        for area in self.prepared.foreign_countries.in_view(min, max) {
            if let Some(at) = visible_centre(area, t, zoom, view) {
                let name = area.name.to_uppercase();
                place_label(painter, &mut placer, view, at, name, &style);
            }
        }
    }
}

/// One area layer alone, filled and outlined: the district painter applied to any layer
/// (the benchmark draws Pakistan's 554 tehsils with it).
pub struct PlainAreaLayer<'a> {
    pub layer: &'a AreaLayer,
    pub fill: Color32,
    pub stroke: Stroke,
}

impl Plugin for PlainAreaLayer<'_> {
    fn run(
        self: Box<Self>,
        ui: &mut egui::Ui,
        _response: &egui::Response,
        projector: &Projector,
        _memory: &MapMemory,
    ) {
        let view = projector.clip_rect();
        let t = screen_from_world(projector);
        let (min, max) = world_view(&t, view);
        let style = AreaStyle {
            fill: Some(self.fill),
            stroke: self.stroke,
        };
        let frame = FrameView {
            t,
            zoom: projector.zoom(),
            view,
            min,
            max,
            feather: feather(ui.ctx()),
        };
        let mut shapes = Vec::new();
        paint_areas(
            self.layer.in_view(min, max),
            &frame,
            &style,
            |_| None,
            &mut shapes,
        );
        ui.painter().extend(shapes);
    }
}

/// This frame's view: the transform, zoom, screen rectangle and world corners.
pub(super) struct FrameView {
    pub(super) t: ScreenFromWorld,
    pub(super) zoom: f64,
    pub(super) view: Rect,
    pub(super) min: World,
    pub(super) max: World,
    /// One physical pixel in points: the anti-aliasing fringe of strokes.
    pub(super) feather: f32,
}

impl AtlasLayer<'_> {
    /// Sea, land, neighbours and provinces: under the tiles when they are on (in the reserved
    /// slot), else first. Returns whether tiles are on.
    fn paint_basemap(&self, painter: &egui::Painter, f: &FrameView) -> bool {
        let (view, min, max) = (f.view, f.min, f.max);
        let p = self.palette;
        let prepared = self.prepared;
        let cache = AreaMeshCache::of(painter.ctx());
        // The offline basemap: sea, land, neighbours, provinces.
        let mut basemap = vec![Shape::rect_filled(view, 0.0, p.sea)];
        let plain = |fill| AreaStyle {
            fill: Some(fill),
            stroke: Stroke::NONE,
        };
        paint_areas_cached(
            (&cache, "land"),
            prepared.land.in_view(min, max),
            f,
            &plain(p.land),
            |_| None,
            &mut basemap,
        );
        paint_areas_cached(
            (&cache, "countries"),
            prepared.countries.in_view(min, max),
            f,
            &plain(p.foreign_country),
            |_| None,
            &mut basemap,
        );
        paint_areas_cached(
            (&cache, "provinces"),
            prepared.provinces.in_view(min, max),
            f,
            &plain(p.province_fill),
            |_| None,
            &mut basemap,
        );
        match self.basemap_slot {
            Some(slot) => painter.set(slot, Shape::Vec(basemap)),
            None => {
                painter.extend(basemap);
            }
        }

        self.basemap_slot.is_some()
    }

    /// Tehsils, districts (shaded), the hovered and selected district, then borders.
    /// Returns the hovered district.
    fn paint_districts(
        &mut self,
        painter: &egui::Painter,
        f: &FrameView,
        pointer: Option<Pos2>,
        tiles_on: bool,
    ) -> Option<&PreparedArea> {
        let (t, min, max) = (&f.t, f.min, f.max);
        let p = self.palette;
        let prepared = self.prepared;
        let mut shapes = Vec::new();
        let cache = AreaMeshCache::of(painter.ctx());
        if let Some(tehsils) = self.tehsils {
            let style = AreaStyle {
                fill: None,
                stroke: Stroke::new(0.6, p.tehsil_border),
            };
            let areas = tehsils.in_view(min, max);
            paint_areas_cached((&cache, "tehsils"), areas, f, &style, |_| None, &mut shapes);
        }
        let districts = prepared.districts(self.district_set);
        let hovered = pointer
            .map(|pos| t.invert([pos.x, pos.y]))
            .and_then(|w| districts.at(w));
        // Over online tiles the districts are translucent so the imagery shows through.
        let alpha = if tiles_on { 0.55 } else { 1.0 };
        let shades = self.shades;
        // Under the heat map the districts are not shaded: two red scales on one map read as
        // one red mass on a projector.
        let shaded = self.density.is_none();
        let base_fill = if tiles_on {
            Color32::TRANSPARENT
        } else {
            p.district_fill
        };
        let district_style = AreaStyle {
            fill: Some(base_fill),
            stroke: p.district_border,
        };
        paint_areas_cached(
            (&cache, "districts"),
            districts.in_view(min, max),
            f,
            &district_style,
            |area| {
                let class = shades.class_of(&area.name).filter(|_| shaded)?;
                Some(
                    p.shade(class, shades.mode.breaks().len())
                        .gamma_multiply(alpha),
                )
            },
            &mut shapes,
        );
        painter.extend(shapes);
        self.paint_user_layers(painter, f);
        if let Some(area) = hovered {
            let mut hover = Vec::new();
            let style = AreaStyle {
                fill: Some(p.district_hover.gamma_multiply(0.5)),
                stroke: Stroke::new(1.6, p.district_border.color),
            };
            paint_areas([area], f, &style, |_| None, &mut hover);
            painter.extend(hover);
            self.hits.hovered_district = Some((area.name.clone(), area.group.clone()));
        }
        if let Some(area) = self
            .selected_district
            .and_then(|name| districts.by_name(name))
        {
            let mut outline = Vec::new();
            paint_areas(
                [area],
                f,
                &AreaStyle {
                    fill: None,
                    stroke: p.selection,
                },
                |_| None,
                &mut outline,
            );
            painter.extend(outline);
        }
        self.paint_borders(painter, f);
        hovered
    }

    /// The analyst's area layers over the districts: filled by their classes (translucent,
    /// so the districts' shading still shows) and outlined in the layer's colour.
    fn paint_user_layers(&self, painter: &egui::Painter, f: &FrameView) {
        for shown in self.user_layers {
            let in_view = shown.layer.areas.in_view_indexed(f.min, f.max);
            let class_of = |index: usize| {
                let fill = shown.fill.as_ref()?;
                *fill.classes.get(index)?
            };
            let classes = shown.fill.as_ref().map_or(0, |fill| fill.breaks.len());
            // One pass per class (and one for areas without a value), each with its fill.
            let mut shapes = Vec::new();
            for class in (0..classes).map(Some).chain([None]) {
                let style = AreaStyle {
                    fill: class.map(|c| self.palette.area_fill(c, classes)),
                    stroke: Stroke::new(1.8, shown.colour),
                };
                let areas = in_view
                    .iter()
                    .filter(|(i, _)| class_of(*i) == class)
                    .map(|(_, area)| *area);
                paint_areas(areas, f, &style, |_| None, &mut shapes);
            }
            painter.extend(shapes);
        }
    }

    /// Borders over the fills: countries, then provinces, so Pakistan's edge reads.
    fn paint_borders(&self, painter: &egui::Painter, f: &FrameView) {
        let (min, max) = (f.min, f.max);
        let p = self.palette;
        let prepared = self.prepared;
        let mut borders = Vec::new();
        let cache = AreaMeshCache::of(painter.ctx());
        let country_style = AreaStyle {
            fill: None,
            stroke: p.country_border,
        };
        paint_areas_cached(
            (&cache, "country_borders"),
            prepared.foreign_countries.in_view(min, max),
            f,
            &country_style,
            |_| None,
            &mut borders,
        );
        let province_style = AreaStyle {
            fill: None,
            stroke: p.province_border,
        };
        paint_areas_cached(
            (&cache, "province_borders"),
            prepared.provinces.in_view(min, max),
            f,
            &province_style,
            |_| None,
            &mut borders,
        );
        painter.extend(borders);
    }

    /// Labels clear of the markers, then groups and markers.
    fn paint_markers(&mut self, ui: &mut egui::Ui, painter: &egui::Painter, f: &FrameView) {
        let (t, zoom, view) = (&f.t, f.zoom, f.view);
        let prepared = self.prepared;
        let markers = self.markers;
        let districts = prepared.districts(self.district_set);
        // Markers and groups; a margin keeps big halos from popping at the edges.
        let margin = 40.0;
        let (mmin, mmax) = world_view(t, view.expand(margin));
        let clusters = self.clusters.in_view(zoom, mmin, mmax);
        let single = |c: &Cluster| match c.members {
            [only] => markers.get(*only),
            _ => None,
        };
        let occupied = clusters
            .iter()
            .map(|c| {
                let r = if let Some(marker) = single(c) {
                    marker_radius(marker.killed) + 2.0
                } else {
                    cluster_radius(c.members.len()) + 3.0
                };
                Rect::from_center_size(to_pos(t.apply(c.world)), Vec2::splat(2.0 * r))
            })
            .collect();
        let selected = self.selected_anchor(&clusters, t);
        self.paint_labels(painter, t, zoom, view, districts, occupied, selected);

        // Groups under single markers; large markers under small ones, so all stay clickable.
        let (mut singles, groups): (Vec<Cluster>, Vec<Cluster>) =
            clusters.into_iter().partition(|c| c.members.len() == 1);
        for cluster in &groups {
            let centre = to_pos(t.apply(cluster.world));
            self.paint_cluster(ui, cluster, centre, t);
        }
        singles.sort_by(|a, b| {
            let k = |c: &Cluster| single(c).and_then(|m| m.killed).unwrap_or(0.0);
            k(b).total_cmp(&k(a))
        });
        for marker in singles.iter().filter_map(single) {
            self.paint_marker(ui, marker, to_pos(t.apply(marker.world)));
        }
    }
}

impl AtlasLayer<'_> {
    /// Where the selected incident is drawn this frame: its marker, or the group holding it
    /// (centre, radius, title).
    fn selected_anchor(
        &self,
        clusters: &[Cluster],
        t: &ScreenFromWorld,
    ) -> Option<(Pos2, f32, &str)> {
        let id = self.selected_incident?;
        let dataset = self.dataset;
        let index = dataset.incident_position(id)?;
        let incident = dataset.incidents.get(index)?;
        // Markers are made in the incidents' order.
        let marker = self
            .markers
            .binary_search_by_key(&index, |m| m.incident_index)
            .ok()?;
        let cluster = clusters.iter().find(|c| c.members.contains(&marker))?;
        let radius = match cluster.members {
            [only] => marker_radius(self.markers.get(*only)?.killed) + 8.0,
            members => cluster_radius(members.len()) + 4.0,
        };
        Some((
            to_pos(t.apply(cluster.world)),
            radius,
            incident.title.as_str(),
        ))
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
        let zoom = projector.zoom();
        self.hits.zoom = zoom;
        self.hits.transform = Some(t);
        let centre = projector.unproject(view.center().to_vec2());
        self.hits.center = Some(LonLat {
            lon: centre.x(),
            lat: centre.y(),
        });
        let painter = ui.painter().clone();
        let (min, max) = world_view(&t, view);
        let frame = FrameView {
            t,
            zoom,
            view,
            min,
            max,
            feather: feather(ui.ctx()),
        };
        let tiles_on = self.paint_basemap(&painter, &frame);
        let hovered = self
            .paint_districts(&painter, &frame, response.hover_pos(), tiles_on)
            .map(|d| d.name.clone());
        if let Some((texture, min, max)) = self.density {
            let rect = Rect::from_min_max(to_pos(t.apply(min)), to_pos(t.apply(max)));
            let uv = Rect::from_min_max(pos2(0.0, 0.0), pos2(1.0, 1.0));
            painter.image(texture, rect, uv, Color32::WHITE);
        } else {
            self.paint_markers(ui, &painter, &frame);
        }

        if response.clicked()
            && self.hits.clicked_incident.is_none()
            && self.hits.zoom_into.is_none()
            && self.hits.fan_out.is_none()
        {
            self.hits.clicked_district = hovered;
        }
    }
}
