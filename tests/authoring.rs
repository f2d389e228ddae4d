//! Evidence and authoring in the running app, on a dataset and a document the tests own
//! (`tests/fixtures/evidence`, copied to a temporary folder so the app may write it).

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use incident_atlas::app::AtlasApp;
use incident_atlas::command::{EditCommand, EvidenceCommand, SelectionCommand};
use incident_atlas::io::{DataLocation, load};
use incident_atlas::model::Qualifier;
use incident_atlas::state::ViewSettings;
use incident_atlas::ui::edit_forms::FormDraft;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/evidence");

/// A fresh copy of the fixture, in a folder of its own (named without the process id: the
/// title bar shows it, and the snapshot must not change from run to run).
fn copy_fixture(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("atlas-authoring-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("documents")).expect("a folder");
    for table in ["sources.csv", "incidents.csv", "claims.csv"] {
        std::fs::copy(Path::new(FIXTURE).join(table), dir.join(table)).expect("a table");
    }
    std::fs::copy(
        Path::new(FIXTURE).join("documents/field-report.txt"),
        dir.join("documents/field-report.txt"),
    )
    .expect("the document");
    dir
}

fn harness(dir: &Path) -> Harness<'static, AtlasApp> {
    let location = DataLocation::Dir(dir.to_owned());
    let loaded = load(&location);
    assert_eq!(loaded.problems.errors(), 0, "{:?}", loaded.problems);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(move |_cc| AtlasApp::new(loaded, location, ViewSettings::default()));
    harness.run();
    harness
}

/// Steps the app until `done` holds (the file watch waits for the files to settle).
fn step_until(
    harness: &mut Harness<'static, AtlasApp>,
    what: &str,
    done: impl Fn(&AtlasApp) -> bool,
) {
    for _ in 0..100 {
        if done(harness.state()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
    }
    panic!("timed out waiting for {what}");
}

#[test]
fn clicking_a_claim_shows_its_passage_highlighted() {
    let dir = copy_fixture("evidence");
    let mut harness = harness(&dir);
    harness
        .state_mut()
        .send(SelectionCommand::SelectIncident(Some(
            "depot_assault".into(),
        )));
    harness.run();
    // The claims table's cell for the police's figure.
    harness.get_by_label("at least 14").click();
    harness.run();
    harness.get_by_label_contains("Evidence — field-report.txt");
    let doc = harness
        .state()
        .evidence()
        .expect("the evidence view is open");
    let text = doc.text.as_ref().expect("the document was read");
    let focus = doc
        .focus
        .as_ref()
        .expect("the claim's passage is highlighted");
    assert_eq!(focus.claim_id, "f1");
    assert_eq!(text.get(focus.range.clone()), Some("at least 14"));
    // The document's other claims are marked too.
    let marked: Vec<&str> = doc.marks.iter().map(|m| m.claim_id.as_str()).collect();
    assert_eq!(marked, ["f1", "f2", "f3"]);
    assert!(doc.warning.is_none(), "{:?}", doc.warning);
    harness.snapshot("evidence_view");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn without_the_documents_folder_the_view_says_which_file_it_needs() {
    let dir = copy_fixture("no-documents");
    std::fs::remove_dir_all(dir.join("documents")).expect("removed");
    let mut harness = harness(&dir);
    harness
        .state_mut()
        .send(EvidenceCommand::ShowClaim("f2".into()));
    harness.run();
    harness.get_by_label_contains("This claim's passage is in field-report.txt. Choose the folder");
    // Choosing the folder shows the passage (the choice is remembered in the settings).
    harness
        .state_mut()
        .send(EvidenceCommand::SetDocumentsFolder(
            PathBuf::from(FIXTURE).join("documents"),
        ));
    harness.run();
    let doc = harness.state().evidence().expect("open");
    assert_eq!(doc.focus.as_ref().map(|f| f.claim_id.as_str()), Some("f2"));
    let _ = std::fs::remove_dir_all(dir);
}

/// Types into the form field labelled `label` (focused first, as a click would).
fn type_into(
    harness: &mut Harness<'static, AtlasApp>,
    role: egui::accesskit::Role,
    label: &str,
    text: &str,
) {
    harness.get_by_role_and_label(role, label).focus();
    harness.run();
    harness.get_by_role_and_label(role, label).type_text(text);
    harness.run();
}

/// Gives the open incident form its title and event type, and adds it.
fn title_type_and_add(harness: &mut Harness<'static, AtlasApp>, title: &str) {
    type_into(harness, egui::accesskit::Role::TextInput, "Title", title);
    harness.get_by_label("Event type").click();
    harness.run();
    harness.get_by_label("armed_assault").click();
    harness.run();
    harness.get_by_label("Add").click();
    harness.run();
}

fn on_screen(harness: &Harness<'static, AtlasApp>, lon: f64, lat: f64) -> egui::Pos2 {
    let t = harness.state().hits().transform.expect("the map was drawn");
    let world =
        incident_atlas::geo::projection::world_from_lon_lat(incident_atlas::model::LonLat {
            lon,
            lat,
        });
    let [x, y] = t.apply(world);
    egui::pos2(x, y)
}

fn click_at(harness: &mut Harness<'static, AtlasApp>, pos: egui::Pos2) {
    harness.hover_at(pos);
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.run();
}

#[test]
fn an_incident_placed_by_clicking_the_map_is_saved_shown_and_undone() {
    let dir = copy_fixture("add");
    let mut harness = harness(&dir);
    harness.get_by_label("Edit").click();
    harness.run();
    harness.get_by_label("New incident…").click();
    harness.run();
    harness.get_by_label_contains("New incident");
    harness.get_by_label("Pick on map").click();
    harness.run();
    // Kalat town: the district and province come from the boundaries in force.
    let kalat = on_screen(&harness, 66.59, 29.03);
    click_at(&mut harness, kalat);
    let Some(FormDraft::Incident(draft)) = harness.state().edit_form() else {
        panic!("the incident form is open");
    };
    assert_eq!(
        (draft.district.as_str(), draft.province.as_str()),
        ("Kalat", "Balochistan"),
        "clicked at {kalat:?}: {draft:?}"
    );
    assert!(!draft.picking);
    let lat: f64 = draft.lat.parse().expect("a latitude");
    assert!((lat - 29.03).abs() < 0.05, "{lat}");
    assert_eq!(
        harness.state().selection().incident,
        None,
        "the click placed, not selected"
    );

    title_type_and_add(&mut harness, "Shots at the Kalat levies post");
    assert!(
        harness.state().edit_form().is_none(),
        "{:?}",
        harness.state().edit_form()
    );
    let app = harness.state();
    let added = app
        .view()
        .incident("incident_001")
        .expect("the incident is in the data");
    assert_eq!(added.title, "Shots at the Kalat levies post");
    assert_eq!(app.selection().incident.as_deref(), Some("incident_001"));
    assert!(app.has_unsaved_edits());
    harness.get_by_label("Incident: Shots at the Kalat levies post");
    harness.get_by_label_contains("Edit *");
    // The problems list follows the edit: no claim backs the new incident yet.
    harness.get_by_label_contains("Problems (1)");

    // Ctrl+S writes it (atomically) to the data's folder.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(!harness.state().has_unsaved_edits());
    let saved = std::fs::read_to_string(dir.join("incidents.csv")).expect("saved");
    assert!(
        saved.contains("incident_001,Shots at the Kalat levies post,"),
        "{saved}"
    );
    let reread = load(&DataLocation::Dir(dir.clone()));
    assert!(reread.dataset.incident("incident_001").is_some());

    // Ctrl+Z takes it back; Ctrl+Shift+Z makes it again; undone and saved, it is gone.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert!(harness.state().view().incident("incident_001").is_none());
    assert!(
        harness
            .query_by_label("Incident: Shots at the Kalat levies post")
            .is_none()
    );
    harness.key_press_modifiers(
        egui::Modifiers::COMMAND | egui::Modifiers::SHIFT,
        egui::Key::Z,
    );
    harness.run();
    assert!(harness.state().view().incident("incident_001").is_some());
    harness.state_mut().send(EditCommand::Undo);
    harness.state_mut().send(EditCommand::Save);
    harness.run();
    let saved = std::fs::read_to_string(dir.join("incidents.csv")).expect("saved");
    assert!(!saved.contains("incident_001"));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn new_claim_from_selection_prefills_value_qualifier_and_locator() {
    let dir = copy_fixture("selection");
    let mut harness = harness(&dir);
    harness.state_mut().send(EvidenceCommand::OpenDocument(
        dir.join("documents/field-report.txt"),
    ));
    harness.run();
    let text = harness
        .state()
        .evidence()
        .and_then(|d| d.text.clone().ok())
        .expect("read");
    let phrase = "about 40 people were injured";
    let start = text.find(phrase).expect("in the report");
    harness
        .state_mut()
        .send(EvidenceCommand::SetSelection(Some((
            start,
            start + phrase.len(),
        ))));
    harness.run();
    harness.get_by_label("New claim from selection").click();
    harness.run();
    let Some(FormDraft::Claim(draft)) = harness.state().edit_form() else {
        panic!("the claim form is open");
    };
    assert_eq!(draft.value_min, "40");
    assert_eq!(draft.value_max, "");
    assert_eq!(draft.qualifier, Qualifier::Approximately);
    assert_eq!(draft.metric, "injured");
    assert_eq!(draft.attributed_to, "a hospital spokesman");
    assert_eq!(draft.locator, "L2:126-153");
    assert_eq!(draft.source_id, "field", "the document is this source's");
    // Added, it verifies against the document like any bundled claim.
    harness.get_by_label("Incident").click();
    harness.run();
    harness.get_by_label_contains("depot_assault — ").click();
    harness.run();
    harness.get_by_label("Add").click();
    harness.run();
    let dataset = harness.state().view().clone();
    let claim = dataset
        .claims
        .iter()
        .find(|c| c.id == "c001")
        .expect("added");
    assert_eq!(
        claim.locator.map(|l| l.to_string()).as_deref(),
        Some("L2:126-153")
    );
    let report = atlas_core::evidence::verify::verify_locators(
        &dataset,
        &dir.join("documents"),
        "sources.csv",
        "claims.csv",
    );
    assert_eq!(report.summary(), "locators verified: 4 of 4 claims");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_change_on_disk_is_read_again_when_nothing_is_unsaved() {
    let dir = copy_fixture("reload");
    let mut harness = harness(&dir);
    assert_eq!(harness.state().watched_folder(), Some(dir.as_path()));
    harness
        .state_mut()
        .send(SelectionCommand::SelectIncident(Some(
            "depot_assault".into(),
        )));
    harness.run();
    // A spreadsheet saves the claims with a new row.
    let mut claims = std::fs::read_to_string(dir.join("claims.csv")).expect("read");
    claims
        .push_str("f4,depot_assault,field,security_personnel_killed,2,2,,,2026-03-03,,L4:65-67\n");
    std::fs::write(dir.join("claims.csv"), claims).expect("written");
    step_until(&mut harness, "the reload", |app| {
        app.view().claims.len() == 4
    });
    let app = harness.state();
    assert_eq!(
        app.selection().incident.as_deref(),
        Some("depot_assault"),
        "the selection is kept"
    );
    assert!(
        app.notifications().log().iter().any(|n| n
            .text
            .contains("claims.csv changed on disk and was read again: 1 claim added")),
        "{:?}",
        app.notifications()
            .log()
            .iter()
            .map(|n| &n.text)
            .collect::<Vec<_>>()
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Makes an unsaved edit (a claim's note), then changes claims.csv on disk.
fn edit_then_change_on_disk(harness: &mut Harness<'static, AtlasApp>, dir: &Path) {
    harness.state_mut().send(EditCommand::EditRow(
        atlas_core::authoring::Table::Claims,
        "f3".into(),
    ));
    harness.run();
    type_into(
        harness,
        egui::accesskit::Role::MultilineTextInput,
        "Note",
        " Checked.",
    );
    harness.get_by_label("Apply").click();
    harness.run();
    assert!(harness.state().has_unsaved_edits());
    let mut claims = std::fs::read_to_string(dir.join("claims.csv")).expect("read");
    claims
        .push_str("f4,depot_assault,field,security_personnel_killed,2,2,,,2026-03-03,,L4:65-67\n");
    std::fs::write(dir.join("claims.csv"), claims).expect("written");
    for _ in 0..40 {
        std::thread::sleep(Duration::from_millis(50));
        harness.step();
        if harness.query_by_label("The data changed on disk").is_some() {
            return;
        }
    }
    panic!("the app did not ask about the change on disk");
}

fn folders_named(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .expect("the folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_dir()
                && p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .collect()
}

#[test]
fn a_change_on_disk_under_unsaved_edits_reloads_only_after_keeping_the_edits() {
    let dir = copy_fixture("conflict-reload");
    let mut harness = harness(&dir);
    edit_then_change_on_disk(&mut harness, &dir);
    assert_eq!(
        harness.state().view().claims.len(),
        3,
        "nothing replaced before the answer"
    );
    harness.get_by_label("Read the files again").click();
    harness.run_steps(8);
    // The disk's version is shown; the edits are kept, complete, in a folder beside it.
    assert_eq!(harness.state().view().claims.len(), 4);
    assert!(!harness.state().has_unsaved_edits());
    let aside = folders_named(&dir, "unsaved-edits-");
    assert_eq!(aside.len(), 1, "{aside:?}");
    let kept = load(&DataLocation::Dir(aside[0].clone()));
    let f3 = kept
        .dataset
        .claims
        .iter()
        .find(|c| c.id == "f3")
        .expect("kept");
    assert!(f3.note.ends_with("Checked."), "{}", f3.note);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_change_on_disk_under_unsaved_edits_is_kept_aside_when_the_edits_are_saved() {
    let dir = copy_fixture("conflict-keep");
    let mut harness = harness(&dir);
    edit_then_change_on_disk(&mut harness, &dir);
    harness.get_by_label("Keep my edits").click();
    harness.run_steps(8);
    assert!(harness.state().has_unsaved_edits());
    assert_eq!(harness.state().view().claims.len(), 3);
    harness.state_mut().send(EditCommand::Save);
    harness.run_steps(8);
    // Ours on disk; theirs in a folder beside it.
    let saved = load(&DataLocation::Dir(dir.clone()));
    assert_eq!(saved.dataset.claims.len(), 3);
    assert!(
        saved
            .dataset
            .claims
            .iter()
            .any(|c| c.note.ends_with("Checked."))
    );
    let aside = folders_named(&dir, "replaced-on-disk-");
    assert_eq!(aside.len(), 1, "{aside:?}");
    let theirs = std::fs::read_to_string(aside[0].join("claims.csv")).expect("kept");
    assert!(theirs.contains("f4,depot_assault"), "{theirs}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_bundled_data_is_never_written_and_a_copy_is_offered() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(|_cc| {
            AtlasApp::new(
                load(&DataLocation::Bundled),
                DataLocation::Bundled,
                ViewSettings::default(),
            )
        });
    harness.run();
    harness.state_mut().send(EditCommand::Delete(
        atlas_core::authoring::Table::Claims,
        "c074".into(),
    ));
    harness.run();
    assert!(harness.state().has_unsaved_edits());
    assert!(
        harness
            .state()
            .notifications()
            .log()
            .iter()
            .any(|n| n.text.contains("This data is never written")),
    );
    // Saved as a copy into an empty folder; the copy is what is open and edited from now on.
    let copy = std::env::temp_dir().join(format!("atlas-authoring-copy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).expect("a folder");
    harness
        .state_mut()
        .send(EditCommand::SaveCopyTo(copy.clone()));
    harness.run();
    assert_eq!(
        harness.state().data_location(),
        &DataLocation::Dir(copy.clone())
    );
    assert!(!harness.state().has_unsaved_edits());
    let saved = load(&DataLocation::Dir(copy.clone()));
    assert_eq!(saved.dataset.claims.len(), 73);
    // A folder that holds tables already is refused: nothing of the analyst's is written over.
    harness
        .state_mut()
        .send(EditCommand::SaveCopyTo(copy.clone()));
    harness.run();
    assert!(
        harness
            .state()
            .notifications()
            .log()
            .iter()
            .any(|n| n.text.contains("already holds a dataset"))
    );
    let _ = std::fs::remove_dir_all(copy);
}
