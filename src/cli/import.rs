//! `incident-atlas import FILE... --out DIR`: other datasets (ACLED, UCDP GED) written as our
//! three tables. Every row that could not be used is printed with its file and line.

use std::path::{Path, PathBuf};

use atlas_core::io::import::{Format, Imported, import_path};
use atlas_core::io::tables::write_dataset;
use atlas_core::problem::Problems;

/// `--format`'s values.
pub fn parse_format(word: &str) -> Result<Format, String> {
    Format::parse(word).ok_or_else(|| format!("\"{word}\" is not auto, acled, ucdp or geojson"))
}

/// Imports the files and writes the tables; returns the process exit code: 0 written, 1
/// written but some rows could not be used, 2 nothing usable (nothing written).
pub fn run(files: &[PathBuf], out: &Path, format: Format) -> i32 {
    let mut problems = Problems::default();
    let mut all = Imported::default();
    for file in files {
        if let Some(imported) = import_path(file, format, &mut problems) {
            all.extend(imported);
        }
    }
    let dataset = all.into_dataset(&mut problems);
    for problem in problems.iter() {
        println!("{problem}");
    }
    if dataset.incidents.is_empty() {
        println!("nothing usable was found; nothing was written");
        return 2;
    }
    if let Err(e) = write_dataset(out, &dataset) {
        eprintln!("error: cannot write to {}: {e}", out.display());
        return 2;
    }
    println!(
        "wrote {} sources, {} incidents, {} claims to {}; {} error(s), {} warning(s)",
        dataset.sources.len(),
        dataset.incidents.len(),
        dataset.claims.len(),
        out.display(),
        problems.errors(),
        problems.warnings()
    );
    i32::from(problems.errors() > 0)
}
