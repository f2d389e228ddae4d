//! `incident-atlas handout`: the briefing as a PDF to leave with the room — a page per
//! slide, a page per contested figure with its claims, the sources and the attributions.
//!
//! Exit codes: 0 written; 1 a page could not be drawn or the file written; 2 bad arguments
//! or an unreadable briefing; 3 no renderer on this machine.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::io::briefing_file;
use crate::io::{DataLocation, load};
use crate::map::prepared::PreparedMap;
use crate::render::handout::write_handout;
use crate::render::slide::RenderJob;
use crate::state::DEFAULT_PRESENTATION_SCALE;

/// The size slides are drawn at for the handout's pages.
const SLIDE_SIZE: [u32; 2] = [1600, 900];

/// Writes the handout of `briefing` to `out`; returns the process exit code.
pub fn run(
    location: &DataLocation,
    briefing: &Path,
    out: &Path,
    dark: bool,
    stdout: &mut impl Write,
    stderr: &mut impl Write,
) -> std::io::Result<i32> {
    let briefing = match briefing_file::read(briefing) {
        Ok(b) => b,
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            return Ok(2);
        }
    };
    let loaded = load(location);
    if loaded.problems.errors() > 0 {
        writeln!(
            stderr,
            "warning: the dataset has {} error(s); `incident-atlas check` lists them. Using what is valid.",
            loaded.problems.errors()
        )?;
    }
    let prepared = Arc::new(PreparedMap::new(&loaded));
    let loaded = Arc::new(loaded);
    let job = RenderJob {
        loaded: Arc::clone(&loaded),
        prepared,
        tehsils: None,
        dark,
        scale: DEFAULT_PRESENTATION_SCALE,
        briefing: briefing.clone(),
        paths: Vec::new(),
        size: SLIDE_SIZE,
        numbered: true,
    };
    let result = write_handout(&job, &loaded, out, &AtomicBool::new(false), || {});
    match result {
        Ok((pages, contested)) => {
            writeln!(
                stdout,
                "wrote {}: {pages} page(s) — {} slide(s), {contested} contested figure(s), sources, attributions",
                out.display(),
                briefing.slides.len()
            )?;
            Ok(0)
        }
        Err(e) => {
            writeln!(stderr, "error: {e}")?;
            Ok(e.exit_code())
        }
    }
}

/// `handout`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct HandoutArgs {
    /// The briefing file (JSON)
    #[arg(long, value_name = "FILE")]
    pub briefing: PathBuf,
    /// The PDF to write (replaced atomically)
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The slides' theme (the tables are always dark on white, for printing)
    #[arg(long, value_enum, default_value_t = super::Theme::Light)]
    pub theme: super::Theme,
}

/// Runs `handout` with the process's standard output and error.
pub fn run_args(location: &DataLocation, args: &HandoutArgs) -> i32 {
    run(
        location,
        &args.briefing,
        &args.out,
        args.theme == super::Theme::Dark,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
    .unwrap_or(1)
}
