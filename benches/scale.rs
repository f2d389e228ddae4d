//! The app at real sizes: a generated dataset of a million incidents (one claim each by
//! default) in our own format, loaded, opened and redrawn headlessly through the real
//! `AtlasApp`. A plain harness printing medians (criterion wants ten samples of steps that
//! take seconds each): `cargo bench --bench scale`. `SCALE_INCIDENTS` and
//! `SCALE_CLAIMS_PER_INCIDENT` change the size; the data is generated once into the
//! temporary folder and reused.
//!
//! Ids (README, "Benchmarks"): `load/synth_1m` (parse, index and prepare what the first frame
//! needs), `startup/first_frame_1m` (from nothing to the first complete frame),
//! `update/window_shift_1m` (the frame after the dates move by a day: regroup, reshade,
//! histogram, counts, comparison), `frame/synth_1m_province_view` (a frame at the
//! fit-Balochistan zoom with nothing changing). Peak memory is the process's high-water mark
//! (`VmHWM`) after each step. `SCALE_RUNS` (3) and `SCALE_FRAMES` (30) set the repetitions;
//! `RUST_LOG=atlas_core=debug` logs where the start-up goes.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use incident_atlas::app::AtlasApp;
use incident_atlas::command::TimeCommand;
use incident_atlas::io::synth::{SynthSpec, generate};
use incident_atlas::io::{DataLocation, load};
use incident_atlas::map::prepared::PreparedMap;
use incident_atlas::state::{DateWindow, ViewSettings};

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn env_number(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The generated dataset's folder, written the first time.
fn dataset(incidents: usize, claims: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("incident-atlas-synth-{incidents}-{claims}"));
    if !dir.join("claims.csv").exists() {
        eprintln!("generating {incidents} incidents into {}", dir.display());
        let spec = SynthSpec {
            incidents,
            claims_per_incident: claims,
            seed: 1,
        };
        generate(&dir, spec).expect("the synthetic dataset is written");
    }
    dir
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// The process's peak resident memory so far, in MB (Linux; 0 elsewhere).
fn peak_mb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<u64>().ok())
        })
        .map_or(0, |kb| kb / 1024)
}

fn report(id: &str, times: Vec<Duration>) {
    let runs = times.len();
    let median = median(times);
    println!(
        "{id:<32} median {:>10.2} ms  ({runs} runs, peak RSS so far {} MB)",
        median.as_secs_f64() * 1000.0,
        peak_mb()
    );
}

fn input() -> egui::RawInput {
    egui::RawInput {
        screen_rect: Some(egui::Rect::from_min_size(
            egui::Pos2::ZERO,
            egui::vec2(1600.0, 1000.0),
        )),
        ..egui::RawInput::default()
    }
}

/// One whole frame of the app: layout, painting, and egui's tessellation into meshes.
fn frame(ctx: &egui::Context, app: &mut AtlasApp) -> usize {
    let output = ctx.run_ui(input(), |ui| app.show(ui));
    ctx.tessellate(output.shapes, output.pixels_per_point).len()
}

fn main() {
    env_logger::init();
    let incidents = env_number("SCALE_INCIDENTS", 1_000_000);
    let claims = env_number("SCALE_CLAIMS_PER_INCIDENT", 1);
    // Fewer start-ups and more frames make a profile of the frame (`perf record`).
    let runs = env_number("SCALE_RUNS", 3);
    let frames = env_number("SCALE_FRAMES", 30);
    let dir = dataset(incidents, claims);
    let location = DataLocation::Dir(dir);
    let suffix = if incidents == 1_000_000 {
        "1m".to_owned()
    } else {
        incidents.to_string()
    };

    let mut times = Vec::new();
    for _ in 0..runs {
        let started = Instant::now();
        let loaded = load(&location);
        black_box(PreparedMap::new(&loaded));
        times.push(started.elapsed());
    }
    report(&format!("load/synth_{suffix}"), times);

    let mut times = Vec::new();
    let mut kept = None;
    for _ in 0..runs {
        drop(kept.take()); // The last run's app is freed before the next is built.
        let started = Instant::now();
        let mut app = AtlasApp::new(load(&location), location.clone(), ViewSettings::default());
        let ctx = egui::Context::default();
        black_box(frame(&ctx, &mut app));
        times.push(started.elapsed());
        kept = Some((app, ctx));
    }
    report(&format!("startup/first_frame_{suffix}"), times);

    let Some((mut app, ctx)) = kept else {
        return;
    };
    // A month's window, as an analyst plays through (the opening one spans the data here,
    // so a shift would be clamped to no change).
    app.set_window(DateWindow {
        start: jiff::civil::date(2025, 6, 1),
        end: jiff::civil::date(2025, 6, 30),
    });
    // Settle: the fit happens once the map knows its size.
    for _ in 0..3 {
        frame(&ctx, &mut app);
    }
    let mut times = Vec::new();
    for i in 0..10 {
        let days = if i % 2 == 0 { 1 } else { -1 };
        app.send(TimeCommand::ShiftWindow(days));
        frame(&ctx, &mut app); // Applies the command at its end.
        let started = Instant::now();
        black_box(frame(&ctx, &mut app));
        times.push(started.elapsed());
    }
    report(&format!("update/window_shift_{suffix}"), times);

    let mut times = Vec::new();
    for _ in 0..frames {
        let started = Instant::now();
        black_box(frame(&ctx, &mut app));
        times.push(started.elapsed());
    }
    report(&format!("frame/synth_{suffix}_province_view"), times);
}
