//! The command line: arguments, and the `check`, `export`, `compare`, `render` and (hidden)
//! `generate` subcommands. The app itself is
//! started by `main`.

pub mod animate;
pub mod check;
pub mod compare;
pub mod export;
pub mod generate;
pub mod handout;
pub mod import;
pub mod render;
pub mod suggest;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::io::DataLocation;
use crate::io::export::DateFilter;
use crate::model::compare::SourceFilter;
use compare::CompareRequest;
use render::RenderRequest;

#[derive(Debug, Parser)]
#[command(
    name = "incident-atlas",
    version = crate::diagnostics::VERSION_LINE,
    about = "Map of the 2026 Balochistan offensive, and who claims what"
)]
pub struct Args {
    /// Folder with sources.csv, incidents.csv and claims.csv, or a file to import (an ACLED
    /// export, a UCDP GED file); default: the bundled dataset
    #[arg(long, global = true, value_name = "PATH")]
    pub data: Option<PathBuf>,

    /// More data beside it (an ACLED or UCDP GED file, or a folder of our tables); repeatable
    #[arg(long, global = true, value_name = "PATH")]
    pub add: Vec<PathBuf>,

    /// An area layer to draw over the districts (`GeoJSON` polygons); repeatable
    #[arg(long, global = true, value_name = "FILE")]
    pub layer: Vec<PathBuf>,

    /// How to read a table that is neither ACLED nor UCDP GED given with --data or --add:
    /// a column mapping (JSON, as `import --format csv` prints it)
    #[arg(long, global = true, value_name = "FILE")]
    pub mapping: Option<PathBuf>,

    /// Files to open, as the desktop passes them when files are opened with the app: a
    /// briefing (`.atlasbrief`) opens as the briefing; data as with --data (the first) and
    /// --add (the others)
    #[arg(value_name = "FILE")]
    pub open: Vec<PathBuf>,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

impl Args {
    /// The data to open; an error when the mapping file cannot be read.
    pub fn location(&self) -> Result<DataLocation, String> {
        let mapping = match &self.mapping {
            Some(path) => Some(import::read_mapping(path)?),
            None => None,
        };
        let locate = |path: PathBuf| match &mapping {
            Some(mapping) if !path.is_dir() && !import::is_known_kind(&path) => {
                DataLocation::Table {
                    path,
                    mapping: Box::new(mapping.clone()),
                }
            }
            _ => DataLocation::of_path(path),
        };
        let mut opened = self
            .open
            .iter()
            .filter(|p| !crate::io::briefing_file::looks_like_briefing(p))
            .cloned();
        let data = self.data.clone().or_else(|| opened.next());
        let base = data.map_or(DataLocation::Bundled, locate);
        Ok(self
            .add
            .iter()
            .cloned()
            .chain(opened)
            .fold(base, |open, more| open.with(locate(more))))
    }

    /// The briefing among the files to open (the last, if several are).
    pub fn briefing(&self) -> Option<PathBuf> {
        self.open
            .iter()
            .rfind(|p| crate::io::briefing_file::looks_like_briefing(p))
            .cloned()
    }
}

#[derive(Debug, Subcommand)]
pub enum CliCommand {
    /// Validate the dataset: schema, ids, references, dates, places, vocabulary
    Check {
        /// Exit 1 on warnings too (unknown ids, points outside their district, ...), not
        /// only on errors
        #[arg(long)]
        strict: bool,
        /// Verify every claim's locator against the documents in DIR (each source's
        /// `document`, its SHA-256, the span, the figure stated there); prints
        /// `locators verified: V of C claims`
        #[arg(long, value_name = "DIR")]
        documents: Option<PathBuf>,
        /// The data to check, as for --data (a folder or a file to import)
        #[arg(value_name = "PATH")]
        path: Option<PathBuf>,
    },
    /// Read ACLED, UCDP GED, `GeoJSON` or any table (by a column mapping) and write them as our
    /// three tables, polygon files as area layers in OUT/layers (exit 0 written, 1 written but
    /// some rows could not be used, 2 nothing usable and nothing written)
    Import {
        /// The files to import (CSV in any encoding, `,` `;` or tab separated)
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
        /// Folder to write sources.csv, incidents.csv and claims.csv into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// What the files are: auto (from the content), acled, ucdp, geojson, or csv (any
        /// table, its columns guessed from their names or given by --mapping)
        #[arg(long, default_value = "auto", value_parser = import::parse_format)]
        format: atlas_core::io::import::Format,
    },
    /// List every figure phrase of a document (plain text or HTML) with the claim it
    /// suggests: value or range, qualifier, a metric guess, the attribution, the locator
    Suggest {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// One JSON array of objects (`text`, `value_min`, `value_max`, `qualifier`,
        /// `metric`, `attributed_to`, `locator`) instead of a table
        #[arg(long)]
        json: bool,
    },
    /// Write the dataset as `GeoJSON` (one Feature per incident) or CSV (one row per claim)
    Export {
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// First day to include (YYYY-MM-DD); incidents overlapping the window are kept
        #[arg(long, value_name = "DATE")]
        from: Option<jiff::civil::Date>,
        /// Last day to include (YYYY-MM-DD), inclusive
        #[arg(long, value_name = "DATE")]
        to: Option<jiff::civil::Date>,
        /// Output file, or - for standard output
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Compare the sources: every figure side by side, and the discrepancies between them
    Compare {
        /// First day of the range (YYYY-MM-DD); incidents overlapping it are compared
        #[arg(long, value_name = "DATE")]
        from: Option<jiff::civil::Date>,
        /// Last day of the range (YYYY-MM-DD), inclusive
        #[arg(long, value_name = "DATE")]
        to: Option<jiff::civil::Date>,
        /// Compare one incident (its id in incidents.csv), whatever the dates
        #[arg(long, value_name = "ID")]
        incident: Option<String>,
        /// Compare the incidents of one district within the range
        #[arg(long, value_name = "NAME", conflicts_with = "incident")]
        district: Option<String>,
        /// Leave a source's claims out (its id in sources.csv); repeatable
        #[arg(long, value_name = "ID")]
        without: Vec<String>,
        /// Only what this source says (its id in sources.csv)
        #[arg(long, value_name = "ID")]
        lens: Option<String>,
        /// Print JSON for scripts instead of text
        #[arg(long)]
        json: bool,
    },
    /// Draw every slide of a briefing to DIR/01-<title>.png, … without a window
    Render {
        /// The briefing file (JSON, as the app saves it; the bundled one is data/briefing.json)
        #[arg(long, value_name = "FILE")]
        briefing: PathBuf,
        /// Folder to write the PNG files into (created if missing)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        /// Image size in pixels
        #[arg(long, value_name = "WxH", default_value = "1920x1080", value_parser = render::parse_size)]
        size: [u32; 2],
        #[arg(long, value_enum, default_value_t = Theme::Light)]
        theme: Theme,
    },
    /// Play the timeline over a date range into an animated GIF (or, for an --out without
    /// .gif, a folder of numbered PNGs for video tools): the map with the caption, a running
    /// date stamp and the footer (exit 0 written, 1 a frame failed, 2 bad arguments, 3 no
    /// renderer)
    Animate(animate::AnimateArgs),
    /// Write the briefing as a PDF handout: a page per slide (captions and footers as text),
    /// a page per contested figure with its claims, the sources and the attributions (exit 0
    /// written, 1 a page failed, 2 bad arguments, 3 no renderer)
    Handout(handout::HandoutArgs),
    /// Write a large synthetic dataset in our format (for benchmarks and scale tests)
    #[command(hide = true)]
    Generate {
        /// How many incidents
        #[arg(long, value_name = "N")]
        incidents: usize,
        /// Claims per incident, from five synthetic sources
        #[arg(long, value_name = "K", default_value_t = 1)]
        claims_per_incident: usize,
        /// Seed of the generator: the same seed writes the same files
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Folder to write sources.csv, incidents.csv and claims.csv into
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Panic on purpose, to test that a crash report is written (tests only)
    #[command(hide = true)]
    Panic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Theme {
    Light,
    Dark,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Geojson,
    Csv,
}

/// What the global arguments say beside the data.
#[derive(Debug, Default)]
pub struct Options {
    pub layers: Vec<PathBuf>,
    pub mapping: Option<PathBuf>,
}

/// Runs a subcommand; returns the process exit code.
///
/// # Panics
/// `panic` (hidden) panics on purpose: the crash-report test.
pub fn run(command: CliCommand, location: &DataLocation, options: &Options) -> i32 {
    match command {
        CliCommand::Check {
            strict,
            documents,
            path,
        } => run_check(
            location,
            options,
            path,
            check::Checks {
                strict,
                documents: documents.as_deref(),
            },
        ),
        CliCommand::Suggest { file, json } => suggest::run_to_stdout(&file, json),
        CliCommand::Export {
            format,
            from,
            to,
            out,
        } => export::run(location, format, DateFilter { from, to }, &out),
        CliCommand::Compare {
            from,
            to,
            incident,
            district,
            without,
            lens,
            json,
        } => run_compare(
            location,
            &CompareRequest {
                from,
                to,
                incident,
                district,
                filter: SourceFilter {
                    off: without.into_iter().collect(),
                    lens,
                },
                json,
            },
        ),
        CliCommand::Render {
            briefing,
            out,
            size,
            theme,
        } => run_render(location, briefing, out, size, theme),
        CliCommand::Import { files, out, format } => {
            import::run(&files, &out, format, options.mapping.as_deref())
        }
        CliCommand::Generate {
            incidents,
            claims_per_incident,
            seed,
            out,
        } => {
            let spec = atlas_core::io::synth::SynthSpec {
                incidents,
                claims_per_incident,
                seed,
            };
            generate::run(&out, spec)
        }
        CliCommand::Animate(args) => animate::run(
            location,
            &args.request(),
            &mut std::io::stdout().lock(),
            &mut std::io::stderr().lock(),
        )
        .unwrap_or(1),
        CliCommand::Handout(args) => handout::run_args(location, &args),
        CliCommand::Panic => {
            log::warn!("panicking on request (the crash-report test)");
            panic!("a panic asked for on the command line (crash-report test)")
        }
    }
}

fn run_check(
    location: &DataLocation,
    options: &Options,
    path: Option<PathBuf>,
    checks: check::Checks<'_>,
) -> i32 {
    let location = path.map_or_else(|| location.clone(), DataLocation::of_path);
    check::run(
        &location,
        &options.layers,
        checks,
        &mut std::io::stdout().lock(),
    )
    .unwrap_or_else(|e| {
        eprintln!("error: cannot write the report: {e}");
        2
    })
}

fn run_render(
    location: &DataLocation,
    briefing: PathBuf,
    out: PathBuf,
    size: [u32; 2],
    theme: Theme,
) -> i32 {
    let request = RenderRequest {
        briefing,
        out,
        size,
        dark: theme == Theme::Dark,
    };
    render::run(
        location,
        &request,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    )
    .unwrap_or_else(|e| {
        eprintln!("error: cannot write the report: {e}");
        2
    })
}

fn run_compare(location: &DataLocation, request: &CompareRequest) -> i32 {
    let result = compare::run(
        location,
        request,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    result.unwrap_or_else(|e| {
        eprintln!("error: cannot write the comparison: {e}");
        2
    })
}
