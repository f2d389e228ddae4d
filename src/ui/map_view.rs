//! The map widget: walkers' `Map` with our `AtlasLayer` plugin over the prepared geometry and
//! this frame's derived data, and the scale bar. The workspace, presentation mode and the
//! slide renderer all draw the map through `show`, so the three cannot drift apart.

use egui::Shape;
use walkers::{Tiles, lon_lat};

use crate::model::LonLat;

use crate::geo::boundaries::DistrictSet;
use crate::map::areas::AreaLayer;
use crate::map::camera::Camera;
use crate::map::clusters::ClusterLevels;
use crate::map::layer::{AtlasLayer, MapHits};
use crate::map::markers::PreparedMarker;
use crate::map::prepared::PreparedMap;
use crate::map::shading::DistrictShades;
use crate::theme::Palette;
use crate::ui::map_overlay;
use atlas_core::prepare::density::DensityGrid;

/// Everything one frame of the map paints, borrowed.
pub struct MapScene<'a> {
    pub prepared: &'a PreparedMap,
    pub markers: &'a [PreparedMarker],
    /// The dataset the markers were built from.
    pub dataset: &'a crate::model::Dataset,
    pub clusters: &'a ClusterLevels,
    pub shades: &'a DistrictShades,
    pub district_set: DistrictSet,
    pub tehsils: Option<&'a AreaLayer>,
    /// The analyst's area layers that are on.
    pub user_layers: &'a [crate::map::layer::ShownLayer<'a>],
    pub palette: Palette,
    pub selected_incident: Option<&'a str>,
    pub selected_district: Option<&'a str>,
    pub fanned_out: Option<usize>,
    /// While playing: markers whose first day is this date fade in at this opacity.
    pub fade_in: Option<(jiff::civil::Date, f32)>,
    /// The heat map to draw instead of the markers (`None`: markers).
    pub density: Option<&'a DensityGrid>,
}

/// The cached heat-map texture and the grid it was made from.
type CachedDensity = ((u64, bool), egui::TextureHandle);

/// The heat map as a texture, made when the grid changes and kept in egui's memory (one
/// texture, replaced in place) rather than uploaded every frame.
fn density_texture(ctx: &egui::Context, grid: &DensityGrid, palette: Palette) -> egui::TextureId {
    let key = (grid.generation, palette.dark);
    let id = egui::Id::unique("density_texture");
    if let Some((cached_key, handle)) = ctx.data(|d| d.get_temp::<CachedDensity>(id))
        && cached_key == key
    {
        return handle.id();
    }
    let pixels = grid
        .counts
        .iter()
        .map(|&n| {
            if n == 0 {
                egui::Color32::TRANSPARENT
            } else {
                palette.density(grid.intensity(n))
            }
        })
        .collect();
    let image = egui::ColorImage::new([grid.cols, grid.rows], pixels);
    let handle = ctx.load_texture("density", image, egui::TextureOptions::LINEAR);
    let texture = handle.id();
    ctx.data_mut(|d| d.insert_temp::<CachedDensity>(id, (key, handle)));
    texture
}

/// What the camera needs to know this frame before the map is drawn.
#[derive(Debug, Clone, Copy)]
pub struct Framing {
    /// egui's clock, for eased moves.
    pub now: f64,
    /// The mode's UI scale is in force, so the map's size in points is final.
    pub scale_ready: bool,
    /// What "fit" frames (Balochistan).
    pub fit_box: Option<(LonLat, LonLat)>,
    /// The legend covers the map's left: fits keep clear of it.
    pub legend_shown: bool,
}

/// What the map saw this frame.
pub struct MapOutput {
    pub hits: MapHits,
    pub response: egui::Response,
    /// The camera is still moving: draw another frame.
    pub moving: bool,
}

/// Lays the map out over the rest of `ui`, with online tiles under our layers when given:
/// the camera first settles where to look, then walkers draws, then the scale bar. The
/// camera keeps a copy of what the map saw.
pub fn show(
    ui: &mut egui::Ui,
    scene: &MapScene<'_>,
    camera: &mut Camera,
    framing: Framing,
    tiles: Option<&mut dyn Tiles>,
) -> MapOutput {
    let rect = ui.available_rect_before_wrap();
    let moving = camera.begin_frame(
        rect,
        framing.now,
        framing.scale_ready,
        framing.fit_box,
        framing.legend_shown,
    );
    let home = scene
        .prepared
        .balochistan_bounds
        .map_or(lon_lat(66.0, 28.5), |(a, b)| {
            lon_lat(f64::midpoint(a.lon, b.lon), f64::midpoint(a.lat, b.lat))
        });
    // Reserve the bottom of the paint order for the basemap, under walkers' tiles.
    let basemap_slot = tiles.is_some().then(|| ui.painter().add(Shape::Noop));
    let mut hits = MapHits {
        map_rect: Some(rect),
        ..MapHits::default()
    };
    let layer = AtlasLayer {
        prepared: scene.prepared,
        markers: scene.markers,
        dataset: scene.dataset,
        palette: scene.palette,
        district_set: scene.district_set,
        shades: scene.shades,
        clusters: scene.clusters,
        tehsils: scene.tehsils,
        user_layers: scene.user_layers,
        basemap_slot,
        selected_incident: scene.selected_incident,
        selected_district: scene.selected_district,
        fanned_out: scene.fanned_out,
        fade_in: scene.fade_in,
        density: scene.density.map(|grid| {
            (
                density_texture(ui.ctx(), grid, scene.palette),
                grid.min,
                grid.max,
            )
        }),
        hits: &mut hits,
    };
    let response = ui.add(
        walkers::Map::new(tiles, camera.memory_mut(), home)
            .with_plugin(layer)
            .double_click_to_zoom(true),
    );
    response
        .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, "Map of Balochistan"));
    map_overlay::scale_bar(
        ui.painter(),
        rect,
        hits.zoom,
        hits.center.map_or(28.0, |c| c.lat),
        scene.palette,
    );
    camera.set_hits(hits.clone());
    MapOutput {
        hits,
        response,
        moving,
    }
}
