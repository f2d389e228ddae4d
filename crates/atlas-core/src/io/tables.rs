//! Writes a dataset as our three tables (`sources.csv`, `incidents.csv`, `claims.csv`), in
//! the columns `dataset.rs` reads: what `import` writes, what the app saves after edits, and
//! what reads back to the same dataset.
//!
//! All three files are staged (written and flushed beside their targets) before any is
//! renamed into place, so a crash or a kill while writing leaves the old tables whole; only
//! the three renames, a moment, could be cut between.

use std::path::Path;

use super::atomic::{Staged, stage};
use super::dataset::{CLAIM_COLUMNS, INCIDENT_COLUMNS, SOURCE_COLUMNS};
use crate::model::Dataset;

/// Writes the three tables into `dir` (created if missing).
pub fn write_dataset(dir: &Path, dataset: &Dataset) -> std::io::Result<()> {
    write_dataset_with(dir, dataset, || {})
}

/// `write_dataset`, calling `before_renames` once all three files are staged (the tests
/// kill the process there).
pub fn write_dataset_with(
    dir: &Path,
    dataset: &Dataset,
    before_renames: impl FnOnce(),
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let staged: Vec<Staged> = vec![
        stage(&dir.join("sources.csv"), &sources_csv(dataset)?)?,
        stage(&dir.join("incidents.csv"), &incidents_csv(dataset)?)?,
        stage(&dir.join("claims.csv"), &claims_csv(dataset)?)?,
    ];
    before_renames();
    for file in staged {
        file.commit()?;
    }
    Ok(())
}

/// The three tables' bytes as `write_dataset` writes them (the app compares a file on disk
/// with what it saved last, to tell its own save from another program's).
pub fn dataset_bytes(dataset: &Dataset) -> std::io::Result<[Vec<u8>; 3]> {
    Ok([
        sources_csv(dataset)?,
        incidents_csv(dataset)?,
        claims_csv(dataset)?,
    ])
}

fn finish(writer: csv::Writer<Vec<u8>>) -> std::io::Result<Vec<u8>> {
    writer
        .into_inner()
        .map_err(|e| std::io::Error::other(e.to_string()))
}

fn sources_csv(dataset: &Dataset) -> std::io::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(SOURCE_COLUMNS.iter().chain(&["document_sha256"]))?;
    for s in &dataset.sources {
        let published = s.published.map(|d| d.to_string()).unwrap_or_default();
        out.write_record([
            s.id.as_str(),
            &s.title,
            &s.outlet,
            &s.author,
            &published,
            s.kind.as_str(),
            &s.document,
            &s.url,
            &s.notes,
            &s.document_sha256,
        ])?;
    }
    finish(out)
}

fn incidents_csv(dataset: &Dataset) -> std::io::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(INCIDENT_COLUMNS)?;
    for i in &dataset.incidents {
        let (start, end) = i.dates.map_or((String::new(), String::new()), |d| {
            (d.first.to_string(), d.last.to_string())
        });
        let (lat, lon) = i.position.map_or((String::new(), String::new()), |p| {
            (p.lat.to_string(), p.lon.to_string())
        });
        out.write_record([
            i.id.as_str(),
            &i.title,
            &start,
            &end,
            i.date_precision.as_str(),
            &i.place,
            &i.district,
            &i.province,
            &lat,
            &lon,
            i.geo_precision.as_str(),
            i.event_type.as_str(),
            &i.targets.join("; "),
            &i.actors.join("; "),
            &i.summary,
        ])?;
    }
    finish(out)
}

fn claims_csv(dataset: &Dataset) -> std::io::Result<Vec<u8>> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(CLAIM_COLUMNS.iter().chain(&["locator"]))?;
    for c in &dataset.claims {
        let event_date = c.event_date.map(|d| d.to_iso()).unwrap_or_default();
        out.write_record([
            c.id.as_str(),
            &c.incident_id,
            &c.source_id,
            &c.metric,
            &c.value_min.to_string(),
            &c.value_max.to_string(),
            c.qualifier.as_str(),
            &c.attributed_to,
            &event_date,
            &c.note,
            &c.locator.map(|l| l.to_string()).unwrap_or_default(),
        ])?;
    }
    finish(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{DataLocation, bundled_dataset, load};
    use crate::problem::Problems;

    #[test]
    fn the_bundled_dataset_reads_back_the_same() {
        let mut problems = Problems::default();
        let dataset = bundled_dataset(&mut problems);
        let dir = std::env::temp_dir().join(format!("atlas-tables-{}", std::process::id()));
        write_dataset(&dir, &dataset).expect("written");
        let again = load(&DataLocation::Dir(dir.clone()));
        let strip = |d: &Dataset| {
            let mut d = d.clone();
            d.sources.iter_mut().for_each(|s| s.line = 0);
            d.incidents.iter_mut().for_each(|i| i.line = 0);
            d.claims.iter_mut().for_each(|c| c.line = 0);
            (d.sources, d.incidents, d.claims)
        };
        assert_eq!(strip(&again.dataset), strip(&dataset));
        let _ = std::fs::remove_dir_all(dir);
    }

    const KILL_DIR: &str = "ATLAS_TEST_KILL_BEFORE_RENAME";

    /// Run by `a_save_killed_before_the_renames_leaves_the_old_tables` in a child process:
    /// saves an edited dataset and aborts once the files are staged. A no-op in a normal run.
    #[test]
    fn child_saves_and_is_killed_before_the_renames() {
        let Some(dir) = std::env::var_os(KILL_DIR) else {
            return;
        };
        let mut editor = crate::authoring::Editor::new(&bundled_dataset(&mut Problems::default()));
        editor
            .delete(crate::authoring::Table::Incidents, "gwadar_camp")
            .expect("deleted");
        let (edited, _) = editor.dataset();
        let _ = write_dataset_with(std::path::Path::new(&dir), &edited, || {
            std::process::abort()
        });
        unreachable!("aborted before the renames");
    }

    #[test]
    fn a_save_killed_before_the_renames_leaves_the_old_tables() {
        let mut problems = Problems::default();
        let dataset = bundled_dataset(&mut problems);
        let dir = std::env::temp_dir().join(format!("atlas-killed-save-{}", std::process::id()));
        write_dataset(&dir, &dataset).expect("written");
        let read = |name: &str| std::fs::read(dir.join(name)).expect("a table");
        let before = ["sources.csv", "incidents.csv", "claims.csv"].map(read);

        let status = std::process::Command::new(std::env::current_exe().expect("the test binary"))
            .args([
                "--exact",
                "io::tables::tests::child_saves_and_is_killed_before_the_renames",
                "--nocapture",
            ])
            .env(KILL_DIR, &dir)
            .stderr(std::process::Stdio::null())
            .status()
            .expect("the child runs");
        assert!(!status.success(), "the child was killed");
        let staged = std::fs::read_dir(&dir)
            .expect("the folder")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(staged, 3, "the three new tables were staged, not renamed");
        assert_eq!(
            ["sources.csv", "incidents.csv", "claims.csv"].map(read),
            before,
            "untouched"
        );
        let again = load(&DataLocation::Dir(dir.clone()));
        assert_eq!(again.dataset.incidents.len(), dataset.incidents.len());
        assert_eq!(again.problems.errors(), 0);

        // The next save goes through and leaves nothing behind.
        write_dataset(&dir, &dataset).expect("written");
        let left = std::fs::read_dir(&dir)
            .expect("the folder")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .count();
        assert_eq!(left, 0);
        let _ = std::fs::remove_dir_all(dir);
    }
}
