//! Parses arguments, starts logging, then runs the app or a subcommand.

use clap::Parser;
use incident_atlas::app::Launcher;
use incident_atlas::cli::Args;

/// egui rebuilds its output meshes every frame — megabytes on a dense map. glibc's malloc
/// hands blocks that size back to the kernel on free and page-faults them in again on the
/// next frame, which made a 100 000-incident frame four times slower (README, "Benchmarks").
/// mimalloc keeps them for reuse. `benches/frame.rs` declares the same allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let args = Args::parse();
    let data_dir = incident_atlas::diagnostics::data_dir();
    // The app keeps a log file per start for bug reports; a subcommand's output is its report.
    let log_file = match (&args.command, &data_dir) {
        (None, Some(dir)) => incident_atlas::diagnostics::open_log_file(dir),
        _ => None,
    };
    incident_atlas::logging::init(log_file);
    log::info!(
        "Incident Atlas {} on {}",
        incident_atlas::diagnostics::VERSION_LINE,
        incident_atlas::diagnostics::platform()
    );
    if let Some(dir) = data_dir {
        incident_atlas::diagnostics::install_crash_reports(dir);
    }
    let location = match args.location() {
        Ok(location) => location,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
    };
    let options = incident_atlas::cli::Options {
        layers: args.layer.clone(),
        mapping: args.mapping.clone(),
    };
    let code = match args.command {
        Some(command) => incident_atlas::cli::run(command, &location, &options),
        None => run_app(location, options.layers, args.briefing()),
    };
    std::process::exit(code);
}

fn run_app(
    location: incident_atlas::io::DataLocation,
    layers: Vec<std::path::PathBuf>,
    briefing: Option<std::path::PathBuf>,
) -> i32 {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Incident Atlas")
            .with_inner_size([1600.0, 1000.0])
            .with_min_inner_size([800.0, 500.0])
            .with_icon(incident_atlas::diagnostics::window_icon()),
        ..Default::default()
    };
    match eframe::run_native(
        "Incident Atlas",
        options,
        Box::new(move |cc| {
            // The window opens at once; the data loads behind a progress bar.
            Ok(Box::new(Launcher::from_creation_context(
                cc, location, layers, briefing,
            )))
        }),
    ) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            1
        }
    }
}
