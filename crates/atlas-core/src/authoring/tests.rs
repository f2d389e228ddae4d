use super::*;
use crate::io::bundled_dataset;
use crate::model::{LonLat, Qualifier};
use crate::problem::Problems;

fn editor() -> Editor {
    Editor::new(&bundled_dataset(&mut Problems::default()))
}

/// The three tables, to compare before and after.
fn tables(e: &Editor) -> (Vec<Source>, Vec<Incident>, Vec<Claim>) {
    (e.sources.clone(), e.incidents.clone(), e.claims.clone())
}

fn new_incident(id: &str) -> Incident {
    let mut incident = editor().incidents[0].clone();
    incident.id = id.into();
    incident.title = "A test incident".into();
    incident.position = Some(LonLat {
        lon: 66.99,
        lat: 30.18,
    });
    incident
}

fn new_claim(id: &str, incident: &str) -> Claim {
    let mut claim = editor().claims[0].clone();
    claim.id = id.into();
    claim.incident_id = incident.into();
    claim.value_min = 7.0;
    claim.value_max = 7.0;
    claim.qualifier = Qualifier::AtLeast;
    claim
}

/// Applies `edit`, then checks undo gives the tables back exactly and redo the edited ones.
fn round_trip(edit: impl FnOnce(&mut Editor)) -> Editor {
    let mut e = editor();
    let before = tables(&e);
    assert!(!e.is_dirty());
    edit(&mut e);
    let after = tables(&e);
    assert_ne!(before, after, "the edit changed something");
    assert!(e.is_dirty());
    assert!(e.undo().is_some());
    assert_eq!(tables(&e), before, "undo restores");
    assert!(!e.is_dirty(), "back at the saved state");
    assert!(e.redo().is_some());
    assert_eq!(tables(&e), after, "redo replays");
    assert!(e.is_dirty());
    e
}

#[test]
fn adding_each_kind_of_row_undoes_and_redoes() {
    round_trip(|e| {
        e.add(Row::Incident(new_incident("new_one")))
            .expect("added");
    });
    round_trip(|e| {
        let mut source = e.sources[0].clone();
        source.id = "sixth".into();
        e.add(Row::Source(source)).expect("added");
    });
    round_trip(|e| {
        e.add(Row::Claim(new_claim("c900", "kalat_incident")))
            .expect("added");
    });
}

#[test]
fn editing_each_kind_of_row_undoes_and_redoes() {
    round_trip(|e| {
        let mut incident = e.incidents[3].clone();
        incident.title = format!("{} (edited)", incident.title).into();
        let id = incident.id.clone();
        e.update(&id, Row::Incident(incident)).expect("edited");
    });
    round_trip(|e| {
        let mut source = e.sources[1].clone();
        source.outlet = "An outlet".into();
        let id = source.id.clone();
        e.update(&id, Row::Source(source)).expect("edited");
    });
    round_trip(|e| {
        let mut claim = e.claims[1].clone();
        claim.value_min = 200.0;
        claim.value_max = 200.0;
        e.update("c002", Row::Claim(claim)).expect("edited");
    });
}

#[test]
fn renaming_an_incident_renames_its_claims_and_undo_renames_them_back() {
    let e = round_trip(|e| {
        let mut incident = e
            .incidents
            .iter()
            .find(|i| i.id == "gwadar_camp")
            .cloned()
            .expect("present");
        incident.id = "gwadar_workers_camp".into();
        e.update("gwadar_camp", Row::Incident(incident))
            .expect("renamed");
    });
    assert!(e.claims.iter().all(|c| c.incident_id != "gwadar_camp"));
    assert_eq!(
        e.claims
            .iter()
            .filter(|c| c.incident_id == "gwadar_workers_camp")
            .count(),
        5
    );
}

#[test]
fn deleting_each_kind_of_row_undoes_and_redoes() {
    let e = round_trip(|e| e.delete(Table::Claims, "c024").expect("deleted"));
    assert!(e.claims.iter().all(|c| c.id != "c024"));
    let e = round_trip(|e| e.delete(Table::Incidents, "gwadar_camp").expect("deleted"));
    assert!(
        e.claims.iter().all(|c| c.incident_id != "gwadar_camp"),
        "its claims went too"
    );
    assert_eq!(
        e.undo_label(),
        Some("delete incident gwadar_camp and its 5 claim(s)")
    );
    let e = round_trip(|e| e.delete(Table::Sources, "turmoil").expect("deleted"));
    assert!(e.claims.iter().all(|c| &*c.source_id != "turmoil"));
}

#[test]
fn a_bad_edit_is_refused_and_changes_nothing() {
    let mut e = editor();
    let before = tables(&e);
    assert_eq!(
        e.add(Row::Incident(new_incident("gwadar_camp"))),
        Err(EditError::Taken("incident", "gwadar_camp".into()))
    );
    assert_eq!(
        e.add(Row::Incident(new_incident("has space"))),
        Err(EditError::BadId("has space".into()))
    );
    assert_eq!(
        e.add(Row::Claim(new_claim("c901", "no_such_incident"))),
        Err(EditError::Unknown("incident", "no_such_incident".into()))
    );
    let mut backwards = new_claim("c902", "kalat_incident");
    backwards.value_min = 9.0;
    backwards.value_max = 3.0;
    assert!(matches!(
        e.add(Row::Claim(backwards)),
        Err(EditError::Invalid(_))
    ));
    assert_eq!(
        e.delete(Table::Sources, "nobody"),
        Err(EditError::Unknown("source", "nobody".into()))
    );
    assert_eq!(tables(&e), before);
    assert!(!e.is_dirty());
    assert_eq!(e.undo(), None);
}

#[test]
fn a_new_edit_after_undo_drops_the_redo_and_saving_marks_clean() {
    let mut e = editor();
    e.add(Row::Incident(new_incident("one"))).expect("added");
    e.mark_saved();
    assert!(!e.is_dirty());
    e.undo();
    assert!(e.is_dirty(), "undone past the save");
    e.add(Row::Incident(new_incident("two"))).expect("added");
    assert_eq!(e.redo(), None);
    assert!(e.is_dirty());
    e.undo();
    assert!(e.is_dirty(), "the saved state cannot come back");
}

#[test]
fn the_dataset_numbers_rows_as_the_saved_file_will() {
    let mut e = editor();
    e.add(Row::Incident(new_incident("new_one")))
        .expect("added");
    let (dataset, report) = e.dataset();
    let added = dataset.incident("new_one").expect("indexed");
    assert_eq!(
        added.line,
        u64::try_from(dataset.incidents.len()).expect("small") + 1
    );
    assert_eq!(report.unclaimed.len(), 1, "no claim backs it yet");
    assert_eq!(e.fresh_id(Table::Claims, "c"), "c075");
}

#[test]
fn a_picked_point_names_its_district_and_disagreement() {
    let mut problems = Problems::default();
    let boundaries = crate::io::load_boundaries(&mut problems);
    let quetta = LonLat {
        lon: 67.0,
        lat: 30.19,
    };
    let day = jiff::civil::date(2026, 1, 31);
    let facts = place::facts_at(&boundaries, quetta, Some(day));
    assert_eq!(facts.district.as_deref(), Some("Quetta"));
    assert_eq!(facts.province.as_deref(), Some("Balochistan"));
    assert_eq!(place::disagreement(&facts, "Quetta", "Balochistan"), None);
    assert_eq!(place::disagreement(&facts, "", ""), None);
    let said = place::disagreement(&facts, "Kalat", "Balochistan").expect("a warning");
    assert!(
        said.contains("lies in Quetta") && said.contains("\"Kalat\""),
        "{said}"
    );
}
