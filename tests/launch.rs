//! Opening a large dataset: the window shows a progress bar while a worker thread loads it,
//! then the map with its markers.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use incident_atlas::app::Launcher;
use incident_atlas::io::DataLocation;
use incident_atlas::io::synth::{SynthSpec, generate};
use incident_atlas::state::ViewSettings;

#[test]
fn a_large_dataset_shows_progress_while_it_loads_then_markers() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-launch-{}", std::process::id()));
    let spec = SynthSpec {
        incidents: 15_000,
        claims_per_incident: 2,
        seed: 3,
    };
    generate(&dir, spec).expect("written");
    let location = DataLocation::Dir(dir.clone());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, launcher: &mut Launcher| launcher.show(ui),
            Launcher::start(location, ViewSettings::default(), None),
        );
    harness.step();
    assert!(harness.state().app().is_none(), "still loading");
    harness.get_by_label_contains("Opening");
    assert!(
        harness
            .query_by_role(egui::accesskit::Role::ProgressIndicator)
            .is_some(),
        "a progress bar"
    );
    for _ in 0..1200 {
        if harness.state().app().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        harness.step();
    }
    assert!(harness.state().app().is_some(), "the data opened");
    for _ in 0..5 {
        harness.step();
    }
    assert!(harness.query_by_label_contains("Opening").is_none());
    harness.get_by_label("Map of Balochistan");
    let groups = harness.query_all_by_label_contains("Group of ").count();
    assert!(groups > 5, "the markers, grouped: {groups}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Steps until the launcher hands over to an app (or gives up after a minute).
fn wait_for_app(harness: &mut Harness<'_, Launcher>) {
    for _ in 0..600 {
        if harness.state().app().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
        harness.step();
    }
    assert!(harness.state().app().is_some(), "an app is open");
    for _ in 0..3 {
        harness.step();
    }
}

#[test]
fn a_load_can_be_cancelled_back_to_what_was_open() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-cancel-{}", std::process::id()));
    let spec = SynthSpec {
        incidents: 60_000,
        claims_per_incident: 2,
        seed: 5,
    };
    generate(&dir, spec).expect("written");
    // At start-up, cancelling opens the bundled data instead.
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, launcher: &mut Launcher| launcher.show(ui),
            Launcher::start(
                DataLocation::Dir(dir.clone()),
                ViewSettings::default(),
                None,
            ),
        );
    harness.step();
    assert!(harness.state().is_loading());
    harness.get_by_label("Cancel").click();
    harness.step();
    wait_for_app(&mut harness);
    harness.get_by_label_contains("bundled dataset");

    // With data open, cancelling goes straight back to it, and says so.
    harness
        .state_mut()
        .app_mut()
        .unwrap()
        .send(incident_atlas::command::WindowCommand::AddData(dir.clone()));
    harness.step();
    harness.step();
    assert!(harness.state().is_loading(), "the added data is loading");
    harness.get_by_label_contains("Opening");
    harness.get_by_label("Cancel").click();
    harness.step();
    assert!(!harness.state().is_loading());
    let app = harness.state().app().expect("back to what was open");
    assert_eq!(app.data_location(), &DataLocation::Bundled);
    harness.step();
    harness.get_by_label_contains("Stopped opening");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_crash_report_left_by_the_last_run_is_offered_at_start() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-offer-{}", std::process::id()));
    let crashes = dir.join("crashes");
    std::fs::create_dir_all(&crashes).unwrap();
    std::fs::write(
        crashes.join("crash-20261201T101010000Z-7.txt"),
        "Incident Atlas crash report\nWhat happened: index out of bounds\n",
    )
    .unwrap();
    let offer = incident_atlas::diagnostics::take_pending_crash(&dir);
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, launcher: &mut Launcher| launcher.show(ui),
            Launcher::start(DataLocation::Bundled, ViewSettings::default(), None)
                .with_crash_offer(offer),
        );
    wait_for_app(&mut harness);
    harness.step();
    harness.get_by_label_contains("hit an internal error last time");
    harness.get_by_label("index out of bounds");
    harness.get_by_label("Open the report");
    harness.get_by_label("Dismiss").click();
    harness.step();
    harness.step();
    assert!(
        harness
            .query_by_label_contains("internal error last time")
            .is_none()
    );
    assert!(
        incident_atlas::diagnostics::take_pending_crash(&dir).is_none(),
        "offered once"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
