//! `incident-atlas export`: `GeoJSON` or CSV of the dataset, to a file or standard output.
//! Load problems go to standard error, so the output stays clean for piping.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::Path;

use super::ExportFormat;
use atlas_core::io::export::{DateFilter, to_geojson, write_csv};
use atlas_core::io::{DataLocation, load};

/// Runs the export; returns the process exit code.
pub fn run(location: &DataLocation, format: ExportFormat, filter: DateFilter, out: &Path) -> i32 {
    let loaded = load(location);
    for problem in loaded.problems.iter() {
        eprintln!("{problem}");
    }
    let result = if out.as_os_str() == "-" {
        write(&loaded.dataset, format, filter, std::io::stdout().lock())
    } else {
        match File::create(out) {
            Ok(file) => write(&loaded.dataset, format, filter, BufWriter::new(file)),
            Err(e) => Err(format!("cannot create {}: {e}", out.display())),
        }
    };
    match result {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("error: {message}");
            2
        }
    }
}

fn write(
    dataset: &atlas_core::model::Dataset,
    format: ExportFormat,
    filter: DateFilter,
    mut out: impl Write,
) -> Result<(), String> {
    match format {
        ExportFormat::Geojson => {
            let text = to_geojson(dataset, filter);
            out.write_all(text.as_bytes())
                .and_then(|()| out.write_all(b"\n"))
                .and_then(|()| out.flush())
                .map_err(|e| e.to_string())
        }
        ExportFormat::Csv => write_csv(dataset, filter, out).map_err(|e| e.to_string()),
    }
}
