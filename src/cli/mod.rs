//! The command line: arguments, and the `check` and `export` subcommands. The app itself is
//! started by `main`.

pub mod check;
pub mod export;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::io::DataLocation;

#[derive(Debug, Parser)]
#[command(
    name = "incident-atlas",
    version,
    about = "Map of the 2026 Balochistan offensive, and who claims what"
)]
pub struct Args {
    /// Folder with sources.csv, incidents.csv and claims.csv (default: the bundled dataset)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<CliCommand>,
}

impl Args {
    pub fn location(&self) -> DataLocation {
        self.data
            .clone()
            .map_or(DataLocation::Bundled, DataLocation::Dir)
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
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Geojson,
    Csv,
}
