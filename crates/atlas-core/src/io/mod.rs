//! Reading everything the app shows from files: the dataset tables (`data/`) and the
//! boundary layers (`assets/geo/`), bundled into the binary or read from a folder.
//! Also writing exports. Never imports egui.

pub mod atomic;
pub mod briefing_file;
pub mod dataset;
pub mod export;
pub mod geojson_layers;
pub mod import;
pub mod links_file;
pub mod merge;
pub mod progress;
pub mod synth;
mod table;
pub mod tables;

use std::path::{Path, PathBuf};

use crate::geo::boundaries::{Boundaries, Region};
use crate::geo::placement::check_placements;
use crate::model::Dataset;
pub use crate::problem::{Problem, Problems, Severity};
pub use progress::{LoadProgress, LoadStage};

macro_rules! bundled {
    ($path:literal) => {
        (
            $path,
            include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../", $path)).as_slice(),
        )
    };
}

/// The dataset that ships inside the binary, so the app runs from any directory.
pub const BUNDLED_SOURCES: (&str, &[u8]) = bundled!("data/sources.csv");
pub const BUNDLED_INCIDENTS: (&str, &[u8]) = bundled!("data/incidents.csv");
pub const BUNDLED_CLAIMS: (&str, &[u8]) = bundled!("data/claims.csv");

/// Boundary layers, always bundled: the offline basemap must never depend on the disk.
pub const LAND: (&str, &[u8]) = bundled!("assets/geo/region_land.geojson");
pub const COUNTRIES: (&str, &[u8]) = bundled!("assets/geo/region_countries.geojson");
pub const PROVINCES: (&str, &[u8]) = bundled!("assets/geo/pakistan_provinces.geojson");
pub const DISTRICTS_2025: (&str, &[u8]) = bundled!("assets/geo/balochistan_districts_2025.geojson");
pub const DISTRICTS_2026: (&str, &[u8]) = bundled!("assets/geo/balochistan_districts_2026.geojson");
/// Pakistan's 554 tehsils (2017), an optional layer parsed only when the user turns it on.
pub const TEHSILS: (&str, &[u8]) = bundled!("assets/geo/pakistan_tehsils_2017.geojson");

/// The attribution every view of the map must carry (see `assets/geo/SOURCES.md`).
pub const ATTRIBUTION: &str = "Boundaries: geoBoundaries (Runfola et al. 2020), PAK ADM3 2017 from Pathways Data / PBS, ODbL 1.0 · Natural Earth · Places: GeoNames, CC BY 4.0";

/// Where the dataset tables come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataLocation {
    Bundled,
    /// A folder of our three tables.
    Dir(PathBuf),
    /// One file of another kind (an ACLED export, a UCDP GED file), imported on load.
    File(PathBuf),
    /// A table of no known kind, read by the analyst's column mapping.
    Table {
        path: PathBuf,
        mapping: Box<import::mapping::ColumnMapping>,
    },
    /// Several datasets side by side (the first usually the bundled articles): each loaded as
    /// above, then merged into one dataset whose sources remember which part they came from.
    Many(Vec<DataLocation>),
}

impl DataLocation {
    /// A folder is our tables; any other path is a file to import.
    pub fn of_path(path: PathBuf) -> Self {
        if path.is_dir() {
            DataLocation::Dir(path)
        } else {
            DataLocation::File(path)
        }
    }

    /// How problems name one of our tables here: `data/claims.csv` for the bundled data,
    /// the file's path in a folder, else the location itself (an imported file).
    pub fn table_file(&self, table: &str) -> String {
        match self {
            DataLocation::Bundled => format!("data/{table}"),
            DataLocation::Dir(dir) => dir.join(table).display().to_string(),
            _ => self.describe(),
        }
    }

    pub fn describe(&self) -> String {
        match self {
            DataLocation::Bundled => "bundled dataset".to_owned(),
            DataLocation::Dir(dir) => dir.display().to_string(),
            DataLocation::File(file) | DataLocation::Table { path: file, .. } => {
                file.display().to_string()
            }
            DataLocation::Many(parts) => parts
                .iter()
                .map(DataLocation::describe)
                .collect::<Vec<_>>()
                .join(" + "),
        }
    }

    /// A short name: "bundled dataset", or the folder's or file's name.
    pub fn name(&self) -> String {
        match self {
            DataLocation::Dir(path)
            | DataLocation::File(path)
            | DataLocation::Table { path, .. } => path.file_name().map_or_else(
                || path.display().to_string(),
                |n| n.to_string_lossy().into_owned(),
            ),
            DataLocation::Bundled | DataLocation::Many(_) => self.describe(),
        }
    }

    /// This data with `more` beside it.
    #[must_use]
    pub fn with(&self, more: DataLocation) -> DataLocation {
        let mut parts = match self {
            DataLocation::Many(parts) => parts.clone(),
            one => vec![one.clone()],
        };
        parts.push(more);
        DataLocation::Many(parts)
    }

    /// The parts, in order (one for a single dataset).
    pub fn parts(&self) -> Vec<&DataLocation> {
        match self {
            DataLocation::Many(parts) => parts.iter().collect(),
            one => vec![one],
        }
    }

    /// The file or folder on disk (none for the bundled data or several).
    pub fn path(&self) -> Option<&Path> {
        match self {
            DataLocation::Dir(path)
            | DataLocation::File(path)
            | DataLocation::Table { path, .. } => Some(path),
            DataLocation::Bundled | DataLocation::Many(_) => None,
        }
    }

    /// The folder a briefing is kept in beside the data (none for the bundled data; the
    /// first part's for several).
    pub fn folder(&self) -> Option<&Path> {
        match self {
            DataLocation::Bundled => None,
            DataLocation::Dir(dir) => Some(dir),
            DataLocation::File(file) | DataLocation::Table { path: file, .. } => file.parent(),
            DataLocation::Many(parts) => parts.first().and_then(DataLocation::folder),
        }
    }
}

/// Everything loaded, and every problem met on the way.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// Shared with the view of the sources in view when nothing is filtered (no copy).
    pub dataset: std::sync::Arc<Dataset>,
    pub boundaries: Boundaries,
    pub problems: Problems,
    /// The name the incidents file is reported under.
    pub incidents_file: String,
    /// The datasets open side by side, in order (one when a single dataset is open).
    pub parts: Vec<merge::DatasetPart>,
    /// Incidents of different datasets proposed as one event, with the analyst's decision
    /// (accepted ones are already merged in `dataset`).
    pub links: Vec<(
        crate::model::links::Link,
        Option<crate::model::links::Decision>,
    )>,
    /// Where the decisions are kept (several datasets only).
    pub links_file: Option<PathBuf>,
}

/// The bundled dataset alone, without boundaries or placement checks (for tests and tools
/// that only need the tables).
pub fn bundled_dataset(problems: &mut Problems) -> Dataset {
    let files = dataset::DatasetFiles {
        sources: bundled_table(BUNDLED_SOURCES),
        incidents: bundled_table(BUNDLED_INCIDENTS),
        claims: bundled_table(BUNDLED_CLAIMS),
    };
    dataset::parse_dataset(&files, problems)
}

/// The problems of a dataset edited in the app (its rows typed, so none is unreadable):
/// what indexing found and the placement checks, named after the files it is saved to.
pub fn problems_of_edited(
    dataset: &Dataset,
    report: &crate::model::IdReport,
    boundaries: &Boundaries,
    location: &DataLocation,
) -> Problems {
    let mut problems = Problems::default();
    let names = ["sources.csv", "incidents.csv", "claims.csv"].map(|t| location.table_file(t));
    dataset::report_ids(
        dataset,
        report,
        [&names[0], &names[1], &names[2]],
        &mut problems,
    );
    problems.extend(check_placements(dataset, boundaries, &names[1]));
    problems
}

/// Reads one location's tables again and checks their places against boundaries already
/// loaded (a data folder changed on disk: the boundaries did not).
pub fn reload_tables(location: &DataLocation, boundaries: &Boundaries) -> (Dataset, Problems) {
    let mut problems = Problems::default();
    let (dataset, file) = read_part(location, &mut problems, &LoadProgress::default());
    problems.extend(check_placements(&dataset, boundaries, &file));
    (dataset, problems)
}

/// Loads the dataset and the boundaries, and checks placements. Never fails as a whole:
/// what cannot be read is reported in `problems` and left out.
pub fn load(location: &DataLocation) -> Loaded {
    load_with_progress(location, &LoadProgress::default())
}

/// `load`, reporting its stage and the rows read to `progress` as it goes (the window shows a
/// progress bar while a large dataset loads on another thread).
pub fn load_with_progress(location: &DataLocation, progress: &LoadProgress) -> Loaded {
    load_matching(
        location,
        progress,
        crate::model::links::MatchRule::default(),
    )
}

/// `load_with_progress`, proposing matches between datasets by `rule`.
pub fn load_matching(
    location: &DataLocation,
    progress: &LoadProgress,
    rule: crate::model::links::MatchRule,
) -> Loaded {
    let mut problems = Problems::default();
    progress.set_stage(LoadStage::Boundaries);
    let boundaries = load_boundaries(&mut problems);
    progress.set_stage(LoadStage::Reading);
    if let DataLocation::Many(locations) = location {
        let mut parts = Vec::new();
        for part in locations {
            let (dataset, file) = read_part(part, &mut problems, progress);
            if progress.is_cancelled() {
                return Loaded::default();
            }
            problems.extend(check_placements(&dataset, &boundaries, &file));
            parts.push((part.clone(), dataset));
        }
        let (dataset, parts) = merge::merge(parts);
        let links_file = links_file::path_for(location);
        let (dataset, links) = linked(
            dataset,
            (&parts, rule),
            links_file.as_deref(),
            &mut problems,
        );
        return Loaded {
            dataset: std::sync::Arc::new(dataset),
            boundaries,
            problems,
            incidents_file: location.describe(),
            parts,
            links,
            links_file,
        };
    }
    let started = std::time::Instant::now();
    let (dataset, incidents_file) = read_part(location, &mut problems, progress);
    log::info!(
        "read {} incidents and {} claims in {:?}",
        dataset.incidents.len(),
        dataset.claims.len(),
        started.elapsed()
    );
    if progress.is_cancelled() {
        return Loaded::default();
    }
    progress.set_stage(LoadStage::Checking);
    let started = std::time::Instant::now();
    problems.extend(check_placements(&dataset, &boundaries, &incidents_file));
    log::info!("checked the places in {:?}", started.elapsed());
    progress::log_memory("checked the places");
    let parts = vec![merge::DatasetPart::whole(location, &dataset)];
    Loaded {
        dataset: std::sync::Arc::new(dataset),
        boundaries,
        problems,
        incidents_file,
        parts,
        links: Vec::new(),
        links_file: None,
    }
}

type Links = Vec<(
    crate::model::links::Link,
    Option<crate::model::links::Decision>,
)>;

/// The links proposed between the parts, each with the decision read from `file`, and the
/// dataset with the accepted ones applied.
fn linked(
    dataset: Dataset,
    (parts, rule): (&[merge::DatasetPart], crate::model::links::MatchRule),
    file: Option<&Path>,
    problems: &mut Problems,
) -> (Dataset, Links) {
    use crate::model::links::{Decision, apply, describe, propose};
    let part_of: Vec<usize> = parts
        .iter()
        .enumerate()
        .flat_map(|(p, part)| std::iter::repeat_n(p, part.incidents))
        .collect();
    let decisions = file
        .map(|f| links_file::read(f, problems))
        .unwrap_or_default();
    let decided = |a: &str, b: &str| {
        decisions
            .iter()
            .find(|(x, y, _)| x == a && y == b)
            .map(|(_, _, d)| *d)
    };
    let mut links: Links = propose(&dataset, &part_of, rule)
        .into_iter()
        .map(|link| {
            let decision = decided(&link.first, &link.second);
            (link, decision)
        })
        .collect();
    // Decisions on pairs the rule no longer proposes stay listed (and can be undone).
    for (a, b, decision) in &decisions {
        let listed = links.iter().any(|(l, _)| l.first == *a && l.second == *b);
        if !listed && let Some(link) = describe(&dataset, a, b) {
            links.push((link, Some(*decision)));
        }
    }
    let accepted: Vec<(String, String)> = decisions
        .iter()
        .filter(|(_, _, d)| *d == Decision::Accepted)
        .map(|(a, b, _)| (a.clone(), b.clone()))
        .collect();
    (apply(dataset, &accepted), links)
}

/// One dataset's tables (bundled, a folder, or a file imported), and the name its incidents
/// are reported under.
fn read_part(
    location: &DataLocation,
    problems: &mut Problems,
    progress: &LoadProgress,
) -> (Dataset, String) {
    match location {
        DataLocation::Bundled => {
            let files = dataset::DatasetFiles {
                sources: bundled_table(BUNDLED_SOURCES),
                incidents: bundled_table(BUNDLED_INCIDENTS),
                claims: bundled_table(BUNDLED_CLAIMS),
            };
            (
                dataset::parse_dataset_with_progress(&files, problems, progress),
                BUNDLED_INCIDENTS.0.to_owned(),
            )
        }
        DataLocation::Dir(dir) => load_dir(dir, problems, progress),
        DataLocation::File(file) => {
            let request = import::Request {
                progress: Some(progress),
                ..import::Request::of(import::Format::Auto)
            };
            let imported = import::import_path_with(file, &request, problems);
            let dataset = imported.unwrap_or_default().into_dataset(problems);
            (dataset, file.display().to_string())
        }
        DataLocation::Table { path, mapping } => {
            let request = import::Request {
                format: import::Format::Csv,
                mapping: Some(mapping),
                progress: Some(progress),
            };
            let imported = import::import_path_with(path, &request, problems);
            let dataset = imported.unwrap_or_default().into_dataset(problems);
            (dataset, path.display().to_string())
        }
        DataLocation::Many(parts) => {
            // Nested lists are flattened by `with`; one here is read as its parts merged.
            let mut read = Vec::new();
            for part in parts {
                let (dataset, _) = read_part(part, problems, progress);
                read.push((part.clone(), dataset));
            }
            (merge::merge(read).0, location.describe())
        }
    }
}

/// The area layers that come with the data: every `*.geojson` in a `layers` folder beside
/// our tables (what `import` writes for polygon files), in name order.
pub fn layer_paths(location: &DataLocation) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for part in location.parts() {
        let DataLocation::Dir(dir) = part else {
            continue;
        };
        let Ok(entries) = std::fs::read_dir(dir.join("layers")) else {
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| {
                p.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("geojson") || e.eq_ignore_ascii_case("json")
                })
            })
            .collect();
        found.sort();
        paths.extend(found);
    }
    paths
}

/// A file's bytes and the name it is reported under; `None` (with an error naming the file)
/// when it cannot be read.
pub(crate) fn read_reported(path: &Path, problems: &mut Problems) -> (String, Option<Vec<u8>>) {
    let shown = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => (shown, Some(bytes)),
        Err(e) => {
            problems.push(Problem::error(
                &shown,
                None,
                None,
                format!("cannot read the file: {e}"),
            ));
            (shown, None)
        }
    }
}

/// A bundled table as the parser takes it.
fn bundled_table(
    (name, bytes): (&'static str, &'static [u8]),
) -> (&'static str, dataset::Table<'static>) {
    (name, dataset::Table::Bytes(bytes))
}

fn load_dir(dir: &Path, problems: &mut Problems, progress: &LoadProgress) -> (Dataset, String) {
    // The tables are streamed from disk as they are parsed, never read whole.
    let paths = ["sources.csv", "incidents.csv", "claims.csv"].map(|name| dir.join(name));
    let shown = paths.clone().map(|p| p.display().to_string());
    let [sources, incidents, claims] = &paths;
    let files = dataset::DatasetFiles {
        sources: (&shown[0], dataset::Table::File(sources)),
        incidents: (&shown[1], dataset::Table::File(incidents)),
        claims: (&shown[2], dataset::Table::File(claims)),
    };
    let dataset = dataset::parse_dataset_with_progress(&files, problems, progress);
    (dataset, shown[1].clone())
}

/// Parses every bundled boundary layer.
/// The tehsil layer, each tehsil grouped by its province (`adm1`).
pub fn load_tehsils(problems: &mut Problems) -> Vec<Region> {
    geojson_layers::parse_regions(TEHSILS.0, TEHSILS.1, problems)
        .unwrap_or_default()
        .into_iter()
        .map(|f| Region::from_feature(f, "adm1"))
        .collect()
}

pub fn load_boundaries(problems: &mut Problems) -> Boundaries {
    let layer = |file: (&str, &[u8]), group: &str, problems: &mut Problems| -> Vec<Region> {
        geojson_layers::parse_regions(file.0, file.1, problems)
            .unwrap_or_default()
            .into_iter()
            .map(|f| Region::from_feature(f, group))
            .collect()
    };
    Boundaries {
        land: layer(LAND, "", problems),
        countries: layer(COUNTRIES, "iso_a3", problems),
        provinces: layer(PROVINCES, "iso_3166_2", problems),
        districts_2025: layer(DISTRICTS_2025, "division", problems),
        districts_2026: layer(DISTRICTS_2026, "division", problems),
    }
}
