//! Opening other data in the running app: a file dropped on the window is imported on a
//! worker thread (with the progress screen) and replaces what was open.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use incident_atlas::app::Launcher;
use incident_atlas::io::DataLocation;
use incident_atlas::state::ViewSettings;

#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

fn wait_until_ready(harness: &mut Harness<'_, Launcher>) {
    for _ in 0..600 {
        if harness.state().app().is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        harness.step();
    }
    assert!(harness.state().app().is_some(), "the data opened");
    for _ in 0..4 {
        harness.step();
    }
}

#[test]
fn a_dropped_acled_file_replaces_the_data_with_its_markers_and_source() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, launcher: &mut Launcher| launcher.show(ui),
            Launcher::start(DataLocation::Bundled, ViewSettings::default(), None),
        );
    wait_until_ready(&mut harness);
    harness.get_by_label_contains("bundled dataset");

    let file =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/acled_current.csv");
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(file)));
    harness.step();
    harness.step();
    wait_until_ready(&mut harness);

    // The title names what is open; the problems count the row that could not be used.
    harness.get_by_label_contains("acled_current.csv · 3 incidents");
    harness.get_by_label_contains("Problems (1)");
    // Its source is a card, and its events are on the map.
    harness
        .get_by_label_contains("Sources (1 of 1 in view)")
        .click();
    harness.run();
    harness.get_by_label_contains("ACLED export acled_current");
    let markers = harness.query_all_by_label_contains("Incident: ").count()
        + harness.query_all_by_label_contains("Group of ").count();
    assert!(markers > 0, "markers of the imported events");
}
