//! `incident-atlas check`: prints every problem, one per line, and a summary.
//!
//! Exit code 1 when there are errors (a row or file that could not be read). Warnings are rows
//! the app keeps but that look wrong (a point outside its district, an unknown id); `--strict`
//! makes them fail too, for a dataset's own CI.

use std::io::Write;

use atlas_core::evidence::verify::verify_locators;
use atlas_core::io::{DataLocation, layer_paths, load};
use atlas_core::prepare::user_layers;

/// What to check beyond the tables.
#[derive(Debug, Clone, Copy, Default)]
pub struct Checks<'a> {
    /// Warnings fail too.
    pub strict: bool,
    /// Verify every claim's locator against the documents in this folder.
    pub documents: Option<&'a std::path::Path>,
}

/// Runs the check, writing to `out`; returns the process exit code. `layers` are area layers
/// to check beside the data's own (`layers/*.geojson` in a folder of our tables).
pub fn run(
    location: &DataLocation,
    layers: &[std::path::PathBuf],
    checks: Checks<'_>,
    out: &mut impl Write,
) -> std::io::Result<i32> {
    let strict = checks.strict;
    let mut loaded = load(location);
    let locators = checks.documents.map(|folder| {
        let report = verify_locators(
            &loaded.dataset,
            folder,
            &location.table_file("sources.csv"),
            &location.table_file("claims.csv"),
        );
        let summary = report.summary();
        loaded.problems.extend(report.problems);
        summary
    });
    for path in layer_paths(location).iter().chain(layers) {
        if let Some(layer) = user_layers::load(path, &mut loaded.problems) {
            writeln!(
                out,
                "{}: area layer of {} areas",
                path.display(),
                layer.areas.len()
            )?;
        }
    }
    for problem in loaded.problems.iter() {
        writeln!(out, "{problem}")?;
    }
    let d = &loaded.dataset;
    writeln!(
        out,
        "{}: {} sources, {} incidents, {} claims; {} error(s), {} warning(s)",
        location.describe(),
        d.sources.len(),
        d.incidents.len(),
        d.claims.len(),
        loaded.problems.errors(),
        loaded.problems.warnings()
    )?;
    if let Some(line) = locators {
        writeln!(out, "{line}")?;
    }
    let failed = loaded.problems.errors() > 0 || (strict && loaded.problems.warnings() > 0);
    Ok(i32::from(failed))
}
