//! `incident-atlas import FILE... --out DIR`: other datasets (ACLED, UCDP GED, `GeoJSON`, any
//! table by a column mapping) written as our three tables, polygon files as area layers in
//! `DIR/layers`. Every row or feature that could not be used is printed with its file and
//! line (or feature index).

use std::path::{Path, PathBuf};

use atlas_core::io::atomic::write_atomically;
use atlas_core::io::import::mapping::ColumnMapping;
use atlas_core::io::import::{Format, Imported, Request, areas, import_path_with, text};
use atlas_core::io::tables::write_dataset;
use atlas_core::problem::Problems;

/// `--format`'s values.
pub fn parse_format(word: &str) -> Result<Format, String> {
    Format::parse(word)
        .ok_or_else(|| format!("\"{word}\" is not auto, acled, ucdp, geojson or csv"))
}

/// Reads a column mapping file (JSON).
pub fn read_mapping(path: &Path) -> Result<ColumnMapping, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the mapping {}: {e}", path.display()))?;
    ColumnMapping::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Whether a file is of a kind read without a mapping (ACLED, UCDP GED, `GeoJSON`): its
/// head tells.
pub fn is_known_kind(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(path).and_then(|f| f.take(64 * 1024).read_to_end(&mut head));
    if read.is_err() {
        return true; // Let the loader report that it cannot be read.
    }
    let shown = path.display().to_string();
    let sniffed = atlas_core::io::import::sniff(&shown, &head, 0, &mut Problems::default());
    matches!(sniffed, atlas_core::io::import::Sniffed::Known(_))
}

/// A `GeoJSON` file's areas, when it has any, and whether it has points too (incidents to
/// import besides). Read once.
fn area_layer(file: &Path, problems: &mut Problems) -> (Option<areas::AreaFile>, bool) {
    let Ok(bytes) = std::fs::read(file) else {
        return (None, true); // The importer reports that it cannot be read.
    };
    let shown = file.display().to_string();
    let decoded = text::decode(&shown, &bytes, &mut Problems::default());
    let looks_json = decoded.text.trim_start().starts_with('{');
    if !looks_json || !areas::has_areas(&decoded.text) {
        return (None, true);
    }
    let has_points = areas::has_points(&decoded.text);
    (areas::read(&shown, &decoded.text, problems), has_points)
}

/// Imports the files and writes the tables and layers; returns the process exit code: 0
/// written, 1 written but some rows could not be used, 2 nothing usable (nothing written).
pub fn run(files: &[PathBuf], out: &Path, format: Format, mapping: Option<&Path>) -> i32 {
    let mapping = match mapping.map(read_mapping).transpose() {
        Ok(mapping) => mapping,
        Err(e) => {
            eprintln!("error: {e}");
            return 2;
        }
    };
    let mut problems = Problems::default();
    let mut all = Imported::default();
    let mut layers = Vec::new();
    let request = Request {
        mapping: mapping.as_ref(),
        ..Request::of(format)
    };
    for file in files {
        let (layer, has_points) = match format {
            Format::Auto | Format::Geojson => area_layer(file, &mut problems),
            Format::Acled | Format::Ucdp | Format::Csv => (None, true),
        };
        let only_areas = layer.is_some() && !has_points;
        if let Some(layer) = layer {
            layers.push(layer);
        }
        if only_areas {
            continue;
        }
        if let Some(imported) = import_path_with(file, &request, &mut problems) {
            all.extend(imported);
        }
    }
    let dataset = all.into_dataset(&mut problems);
    for problem in problems.iter() {
        println!("{problem}");
    }
    if dataset.incidents.is_empty() && layers.is_empty() {
        println!("nothing usable was found; nothing was written");
        return 2;
    }
    if let Err(e) = write_dataset(out, &dataset) {
        eprintln!("error: cannot write to {}: {e}", out.display());
        return 2;
    }
    for layer in &layers {
        let path = out.join("layers").join(format!("{}.geojson", layer.name));
        let written = std::fs::create_dir_all(out.join("layers"))
            .and_then(|()| write_atomically(&path, areas::to_geojson(layer).as_bytes()));
        if let Err(e) = written {
            eprintln!("error: cannot write {}: {e}", path.display());
            return 2;
        }
        println!(
            "wrote the area layer {} ({} areas)",
            path.display(),
            layer.features.len()
        );
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
