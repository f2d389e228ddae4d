//! Frame-time benchmarks, headless: `egui::Context::run_ui` + `tessellate` at 1600×1000
//! through a real `walkers::Map` and its `Projector`. Ids are fixed so runs compare.
//!
//! - `load/bundled_dataset`: load and prepare everything bundled.
//! - `frame/bundled_province_view`: the map at the zoom that fits Balochistan, all layers
//!   (basemap, districts shaded, tehsils, labels, markers and groups), tiles off.
//! - `frame/tehsils_ours`: Pakistan's 554 tehsils filled and outlined by our area painter,
//!   at the zoom that fits Pakistan.
//! - `frame/tehsils_peer`: the same polygons and view through `walkers_extras::GeoJsonLayer`.
//! - `frame/stress_tehsils_100k`: the tehsils plus 100 000 synthetic incidents over Pakistan,
//!   with our markers and grouping.
//! - `frame/timeline_panel`: the date slider panel alone (controls, slider, histogram).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use egui::{Color32, Stroke};
use incident_atlas::geo::boundaries::DistrictSet;
use incident_atlas::geo::projection::{fit, world_from_lon_lat};
use incident_atlas::io::{self, DataLocation, Problems, load};
use incident_atlas::map::area_meshes::AreaMeshCache;
use incident_atlas::map::areas::AreaLayer;
use incident_atlas::map::clusters::ClusterLevels;
use incident_atlas::map::layer::{AtlasLayer, MapHits, PlainAreaLayer};
use incident_atlas::map::markers::PreparedMarker;
use incident_atlas::map::prepared::PreparedMap;
use incident_atlas::map::shading::{DistrictShades, ShadingMode};
use incident_atlas::model::{Dataset, EventType, GeoPrecision, LonLat};
use incident_atlas::state::DateWindow;
use incident_atlas::ui::theme::Palette;
use walkers::{MapMemory, Plugin, lon_lat};

/// The app's allocator (see `src/main.rs`): the frames are measured as the app runs them.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const SIZE: [f32; 2] = [1600.0, 1000.0];

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(SIZE[0], SIZE[1]),
        )),
        ..egui::RawInput::default()
    }
}

/// A map memory looking at the lon/lat box, as "fit" does in the app.
fn memory_fitting(min: LonLat, max: LonLat) -> (MapMemory, LonLat) {
    let (centre, zoom) = fit(min, max, [f64::from(SIZE[0]), f64::from(SIZE[1])], 20.0);
    let mut memory = MapMemory::default();
    memory.center_at(lon_lat(centre.lon, centre.lat));
    memory.set_zoom(zoom).expect("a valid zoom");
    (memory, centre)
}

/// One whole frame: layout, our painting, and egui's tessellation into meshes.
fn frame(
    ctx: &egui::Context,
    memory: &mut MapMemory,
    centre: LonLat,
    plugin: impl Plugin,
    layer: Option<&walkers_extras::GeoJsonLayer>,
) -> usize {
    // `run_ui` may call the closure more than once (a discarded pass); the plugin goes once.
    let mut plugin = Some(plugin);
    let output = ctx.run_ui(input(), |ui| {
        let mut map = walkers::Map::new(None, memory, lon_lat(centre.lon, centre.lat));
        if let Some(layer) = layer {
            map = map.with_layer(layer, 1.0);
        }
        if let Some(plugin) = plugin.take() {
            map = map.with_plugin(plugin);
        }
        ui.add(map);
    });
    let primitives = ctx.tessellate(output.shapes, output.pixels_per_point);
    primitives.len()
}

/// What one frame of the app's map layer borrows, with nothing selected and tiles off.
struct AtlasView<'a> {
    prepared: &'a PreparedMap,
    dataset: &'a Dataset,
    set: DistrictSet,
    shades: &'a DistrictShades,
    clusters: &'a ClusterLevels,
    tehsils: &'a AreaLayer,
}

impl AtlasView<'_> {
    fn frame(&self, ctx: &egui::Context, memory: &mut MapMemory, centre: LonLat) -> usize {
        let mut hits = MapHits::default();
        let layer = AtlasLayer {
            user_layers: &[],
            prepared: self.prepared,
            markers: &self.prepared.markers,
            dataset: self.dataset,
            palette: Palette::LIGHT,
            district_set: self.set,
            shades: self.shades,
            clusters: self.clusters,
            tehsils: Some(self.tehsils),
            basemap_slot: None,
            selected_incident: None,
            selected_district: None,
            fanned_out: None,
            fade_in: None,
            density: None,
            hits: &mut hits,
        };
        frame(ctx, memory, centre, layer, None)
    }
}

/// A plugin that paints nothing, for the peer run (its work is in the layer).
struct Nothing;
impl Plugin for Nothing {
    fn run(
        self: Box<Self>,
        _: &mut egui::Ui,
        _: &egui::Response,
        _: &walkers::Projector,
        _: &MapMemory,
    ) {
    }
}

fn tehsils() -> AreaLayer {
    let mut problems = Problems::default();
    let regions = io::load_tehsils(&mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(regions.len(), 554);
    AreaLayer::new(&regions)
}

fn pakistan_box() -> (LonLat, LonLat) {
    (
        LonLat {
            lon: 60.87,
            lat: 23.69,
        },
        LonLat {
            lon: 77.84,
            lat: 37.10,
        },
    )
}

fn everything() -> DateWindow {
    DateWindow {
        start: jiff::civil::date(2000, 1, 1),
        end: jiff::civil::date(2026, 2, 11),
    }
}

fn bench_load(c: &mut Criterion) {
    c.bench_function("load/bundled_dataset", |b| {
        b.iter(|| {
            let loaded = load(&DataLocation::Bundled);
            black_box(PreparedMap::new(&loaded))
        });
    });
}

fn bench_province_view(c: &mut Criterion) {
    let loaded = load(&DataLocation::Bundled);
    let prepared = PreparedMap::new(&loaded);
    let tehsils = tehsils();
    let window = everything();
    let set = DistrictSet::in_force_on(window.end);
    let shown: Vec<usize> = (0..prepared.markers.len()).collect();
    let clusters = ClusterLevels::new(std::sync::Arc::clone(&prepared.markers), shown);
    let shades = DistrictShades::compute(
        &prepared.markers,
        prepared.districts(set),
        window,
        ShadingMode::KilledHighest,
    );
    let (min, max) = prepared.balochistan_bounds.expect("Balochistan");
    let (mut memory, centre) = memory_fitting(min, max);
    let ctx = egui::Context::default();
    let view = AtlasView {
        prepared: &prepared,
        dataset: &loaded.dataset,
        set,
        shades: &shades,
        clusters: &clusters,
        tehsils: &tehsils,
    };
    // A map at rest (hovered, read, presented): the area meshes of the last frame are drawn
    // again (`map::area_meshes`).
    c.bench_function("frame/bundled_province_view", |b| {
        b.iter(|| black_box(view.frame(&ctx, &mut memory, centre)));
    });
    // A map that moves every frame: every area mesh made again.
    c.bench_function("frame/bundled_province_view_moving", |b| {
        b.iter(|| {
            AreaMeshCache::clear(&ctx);
            black_box(view.frame(&ctx, &mut memory, centre))
        });
    });
}

fn bench_tehsils(c: &mut Criterion) {
    let tehsils = tehsils();
    let (min, max) = pakistan_box();
    let (mut memory, centre) = memory_fitting(min, max);
    let ctx = egui::Context::default();
    let fill = Color32::from_rgb(0xFB, 0xF1, 0xDC);
    let stroke = Stroke::new(0.8, Color32::from_rgb(0x9A, 0x86, 0x66));
    c.bench_function("frame/tehsils_ours", |b| {
        b.iter(|| {
            let plugin = PlainAreaLayer {
                layer: &tehsils,
                fill,
                stroke,
            };
            black_box(frame(&ctx, &mut memory, centre, plugin, None))
        });
    });

    let geojson: geojson::GeoJson = std::str::from_utf8(io::TEHSILS.1)
        .expect("UTF-8")
        .parse()
        .expect("the tehsil file parses");
    let style: walkers::Style = serde_json::from_str(
        r##"{"layers": [
            {"type": "fill", "source-layer": "", "paint": {"fill-color": "#fbf1dc"}},
            {"type": "line", "source-layer": "", "paint": {"line-color": "#9a8666", "line-width": 0.8}}
        ]}"##,
    )
    .expect("a valid style");
    let peer = walkers_extras::GeoJsonLayer::new(geojson, style);
    let (mut memory, centre) = memory_fitting(min, max);
    let ctx = egui::Context::default();
    c.bench_function("frame/tehsils_peer", |b| {
        b.iter(|| black_box(frame(&ctx, &mut memory, centre, Nothing, Some(&peer))));
    });
}

/// 100 000 incidents on a deterministic scatter over Pakistan (a simple LCG, no RNG crate).
fn synthetic_markers(n: usize) -> Vec<PreparedMarker> {
    let (min, max) = pakistan_box();
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let types = [
        EventType::ArmedAssault,
        EventType::Ambush,
        EventType::SuicideBombing,
        EventType::SecurityOperation,
    ];
    (0..n)
        .zip(types.iter().cycle())
        .map(|(i, &event_type)| {
            let lon = min.lon + (max.lon - min.lon) * next();
            let lat = min.lat + (max.lat - min.lat) * next();
            PreparedMarker {
                incident_index: 0,
                world: world_from_lon_lat(LonLat { lon, lat }),
                event_type,
                geo_precision: GeoPrecision::Town,
                killed: Some((next() * 50.0).floor()),
                killed_lowest: None,
                contested: i % 7 == 0,
                dates: None,
            }
        })
        .collect()
}

fn bench_stress(c: &mut Criterion) {
    let loaded = load(&DataLocation::Bundled);
    let mut prepared = PreparedMap::new(&loaded);
    prepared.markers = std::sync::Arc::new(synthetic_markers(100_000));
    let shown: Vec<usize> = (0..prepared.markers.len()).collect();
    let clusters = ClusterLevels::new(std::sync::Arc::clone(&prepared.markers), shown);
    let tehsils = tehsils();
    let (min, max) = pakistan_box();
    let (mut memory, centre) = memory_fitting(min, max);
    let ctx = egui::Context::default();
    let shades = DistrictShades::default();
    let set = DistrictSet::Y2025;
    let view = AtlasView {
        prepared: &prepared,
        dataset: &loaded.dataset,
        set,
        shades: &shades,
        clusters: &clusters,
        tehsils: &tehsils,
    };
    c.bench_function("frame/stress_tehsils_100k", |b| {
        b.iter(|| black_box(view.frame(&ctx, &mut memory, centre)));
    });
}

/// The timeline panel alone at 1600 wide, over the bundled data (its cost is added to the
/// map's in the app; the map's own frame does not change with it).
fn bench_timeline(c: &mut Criterion) {
    use incident_atlas::model::timeline::{Histogram, PlaybackSettings, Player, Timeline};
    use incident_atlas::ui::timeline::{self, DateFields, TimelineView};
    let loaded = load(&DataLocation::Bundled);
    let timeline = Timeline::of(&loaded.dataset, &[DistrictSet::LAST_NOTIFIED]);
    let window = DateWindow::from_span(timeline.default_window);
    let focus = Histogram::new(&loaded.dataset, timeline.focus(window.span()));
    let overview = Histogram::new(&loaded.dataset, timeline.domain);
    let player = Player::default();
    let mut fields = DateFields::default();
    let in_window = loaded
        .dataset
        .incidents
        .iter()
        .filter(|i| window.admits(i.dates))
        .count();
    let ctx = egui::Context::default();
    c.bench_function("frame/timeline_panel", |b| {
        b.iter(|| {
            let output = ctx.run_ui(input(), |ui| {
                let view = TimelineView {
                    timeline: &timeline,
                    dataset: &loaded.dataset,
                    window,
                    incidents_in_window: in_window,
                    histogram: &focus,
                    overview: &overview,
                    player: &player,
                    playback: PlaybackSettings::default(),
                    hide_undated: false,
                    palette: Palette::LIGHT,
                };
                let mut commands = incident_atlas::command::CommandQueue::default();
                timeline::show(ui, &view, &mut fields, &mut commands);
            });
            black_box(ctx.tessellate(output.shapes, output.pixels_per_point).len())
        });
    });
}

criterion_group!(
    benches,
    bench_load,
    bench_province_view,
    bench_tehsils,
    bench_stress,
    bench_timeline
);
criterion_main!(benches);
