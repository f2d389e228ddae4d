//! The analyst's decisions on proposed links between datasets, kept beside the data as
//! `links.csv` (`first,second,decision` with `accepted` or `rejected`), written atomically.
//! A file that cannot be read is reported and treated as no decisions; it is never written
//! over except by a decision the user makes (then it holds every decision read plus that one).

use std::path::{Path, PathBuf};

use super::DataLocation;
use super::atomic::write_atomically;
use crate::model::links::Decision;
use crate::problem::{Problem, Problems};

pub const FILE_NAME: &str = "links.csv";

/// Where the decisions for these datasets live: beside the last dataset that has a folder
/// (the file just added, usually); `None` for a single dataset.
pub fn path_for(location: &DataLocation) -> Option<PathBuf> {
    let DataLocation::Many(parts) = location else {
        return None;
    };
    parts
        .iter()
        .rev()
        .find_map(DataLocation::folder)
        .map(|dir| dir.join(FILE_NAME))
}

/// Every decision in the file (none when it does not exist).
pub fn read(path: &Path, problems: &mut Problems) -> Vec<(String, String, Decision)> {
    let shown = path.display().to_string();
    let Ok(bytes) = std::fs::read(path) else {
        return Vec::new();
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(bytes.as_slice());
    let mut decisions = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let line = n as u64 + 2;
        let Ok(record) = record else {
            problems.push(Problem::error(
                &shown,
                Some(line),
                None,
                "cannot read this row; skipped",
            ));
            continue;
        };
        let cell = |i: usize| record.get(i).unwrap_or("").trim().to_owned();
        let decision = match cell(2).as_str() {
            "accepted" => Decision::Accepted,
            "rejected" => Decision::Rejected,
            other => {
                problems.push(Problem::error(
                    &shown,
                    Some(line),
                    Some("decision"),
                    format!("\"{other}\" is not accepted or rejected; row skipped"),
                ));
                continue;
            }
        };
        decisions.push((cell(0), cell(1), decision));
    }
    decisions
}

/// Writes the decisions (staged, then renamed over the old file).
pub fn write(path: &Path, decisions: &[(String, String, Decision)]) -> std::io::Result<()> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(["first", "second", "decision"])?;
    for (first, second, decision) in decisions {
        let word = match decision {
            Decision::Accepted => "accepted",
            Decision::Rejected => "rejected",
        };
        out.write_record([first.as_str(), second.as_str(), word])?;
    }
    let bytes = out
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))?;
    write_atomically(path, &bytes)
}

/// Records one decision (or removes it, `None`), keeping every other.
pub fn decide(
    path: &Path,
    first: &str,
    second: &str,
    decision: Option<Decision>,
) -> std::io::Result<()> {
    let mut problems = Problems::default();
    let mut decisions = read(path, &mut problems);
    if problems.errors() > 0 {
        return Err(std::io::Error::other(format!(
            "{} cannot be read, so it is not written over: {}",
            path.display(),
            problems
                .iter()
                .next()
                .map(ToString::to_string)
                .unwrap_or_default()
        )));
    }
    decisions.retain(|(a, b, _)| !(a == first && b == second));
    if let Some(decision) = decision {
        decisions.push((first.to_owned(), second.to_owned(), decision));
    }
    write(path, &decisions)
}
