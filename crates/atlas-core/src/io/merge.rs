//! Several datasets side by side — the articles and an ACLED export, say — as one dataset,
//! so that the map, the timeline and the comparison see them together, and each part's
//! sources can be switched off as one (the part's visibility).
//!
//! Ids stay as they are unless a later part reuses one an earlier part has: then that later
//! part's ids (sources, incidents, claims, and the claims' references to them) get the part's
//! name as a prefix, `acled_export.PAK1234`, so nothing is lost and nothing is mixed up.

use rustc_hash::{FxHashMap, FxHashSet};

use super::DataLocation;
use super::import::clean_id;
use crate::model::Dataset;

/// One dataset of those open: its name, where it came from, and its sources.
#[derive(Debug, Clone, PartialEq)]
pub struct DatasetPart {
    pub name: String,
    pub location: DataLocation,
    /// The ids of its sources in the merged dataset.
    pub source_ids: Vec<String>,
    pub incidents: usize,
}

impl DatasetPart {
    /// The part that is all of a single dataset.
    pub fn whole(location: &DataLocation, dataset: &Dataset) -> Self {
        Self {
            name: location.name(),
            location: location.clone(),
            source_ids: dataset.sources.iter().map(|s| s.id.clone()).collect(),
            incidents: dataset.incidents.len(),
        }
    }
}

/// The parts merged in order, and what each one holds.
pub fn merge(parts: Vec<(DataLocation, Dataset)>) -> (Dataset, Vec<DatasetPart>) {
    let (mut sources, mut incidents, mut claims) = (Vec::new(), Vec::new(), Vec::new());
    let mut taken: [FxHashSet<String>; 3] = Default::default();
    let mut described = Vec::new();
    for (location, dataset) in parts {
        let Dataset {
            sources: s,
            incidents: i,
            claims: c,
            ..
        } = dataset;
        let clashes = s.iter().any(|x| taken[0].contains(&x.id))
            || i.iter().any(|x| taken[1].contains(x.id.as_str()))
            || c.iter().any(|x| taken[2].contains(x.id.as_str()));
        let prefix = if clashes {
            format!("{}.", clean_id(&location.name()))
        } else {
            String::new()
        };
        let renamed = |id: &str| format!("{prefix}{id}");
        let mut source_map: FxHashMap<String, String> = FxHashMap::default();
        let mut part_sources = Vec::new();
        for mut source in s {
            let new = renamed(&source.id);
            source_map.insert(std::mem::replace(&mut source.id, new.clone()), new.clone());
            taken[0].insert(new.clone());
            part_sources.push(new);
            sources.push(source);
        }
        let count = i.len();
        for mut incident in i {
            incident.id = renamed(&incident.id).into();
            taken[1].insert(incident.id.to_string());
            incidents.push(incident);
        }
        for mut claim in c {
            claim.id = renamed(&claim.id).into();
            claim.incident_id = renamed(&claim.incident_id).into();
            claim.source_id = source_map
                .get(&*claim.source_id)
                .cloned()
                .unwrap_or_else(|| renamed(&claim.source_id))
                .into();
            taken[2].insert(claim.id.to_string());
            claims.push(claim);
        }
        described.push(DatasetPart {
            name: location.name(),
            location,
            source_ids: part_sources,
            incidents: count,
        });
    }
    (Dataset::new(sources, incidents, claims), described)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::bundled_dataset;
    use crate::problem::Problems;

    #[test]
    fn a_clashing_part_is_prefixed_and_its_references_follow() {
        let bundled = bundled_dataset(&mut Problems::default());
        let copy = DataLocation::Dir("/data/copy".into());
        let (merged, parts) = merge(vec![
            (DataLocation::Bundled, bundled.clone()),
            (copy, bundled.clone()),
        ]);
        assert_eq!(merged.incidents.len(), 2 * bundled.incidents.len());
        assert_eq!(parts[1].name, "copy");
        assert!(parts[1].source_ids.iter().all(|id| id.starts_with("copy.")));
        // Every claim of the copy still finds its incident and source.
        for claim in merged.claims.iter().filter(|c| c.id.starts_with("copy.")) {
            assert!(
                merged.incident(&claim.incident_id).is_some(),
                "{}",
                claim.id
            );
            assert!(merged.source(&claim.source_id).is_some(), "{}", claim.id);
        }
        // The first part keeps its ids.
        assert!(merged.incident("coordinated_offensive").is_some());
        assert!(merged.incident("copy.coordinated_offensive").is_some());
    }
}
