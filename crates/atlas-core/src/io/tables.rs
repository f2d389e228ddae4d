//! Writes a dataset as our three tables (`sources.csv`, `incidents.csv`, `claims.csv`), in
//! the columns `dataset.rs` reads, each file staged and renamed into place: what `import`
//! writes, and what reads back to the same dataset.

use std::path::Path;

use super::atomic::write_atomically;
use super::dataset::{CLAIM_COLUMNS, INCIDENT_COLUMNS, SOURCE_COLUMNS};
use crate::model::Dataset;

/// Writes the three tables into `dir` (created if missing).
pub fn write_dataset(dir: &Path, dataset: &Dataset) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    write_atomically(&dir.join("sources.csv"), &sources_csv(dataset)?)?;
    write_atomically(&dir.join("incidents.csv"), &incidents_csv(dataset)?)?;
    write_atomically(&dir.join("claims.csv"), &claims_csv(dataset)?)?;
    Ok(())
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
}
