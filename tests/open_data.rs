//! Other data in the running app: a file dropped on the window is imported on a worker
//! thread (with the progress screen) and added beside what was open.

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
fn a_dropped_acled_file_is_added_beside_the_articles_and_can_be_hidden() {
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

    // The file is added beside the articles: the title names both, the problems count the
    // row that could not be used, and the datasets list each with a switch.
    harness.get_by_label_contains("bundled dataset + acled_current.csv · 37 incidents");
    harness.get_by_label_contains("Problems (1)");
    harness.get_by_label_contains("Datasets (2)");
    harness.get_by_label_contains("Sources (6 of 6 in view)");
    let markers = harness.query_all_by_label_contains("Incident: ").count()
        + harness.query_all_by_label_contains("Group of ").count();
    assert!(markers > 0, "markers");
    // Hiding the imported dataset switches its source off.
    harness
        .get_by_label_contains("acled_current.csv · 3 incidents")
        .click();
    harness.run();
    harness.get_by_label_contains("Sources (5 of 6 in view)");
    assert!(
        !harness
            .state()
            .app()
            .unwrap()
            .settings()
            .sources
            .admits("acled-acled_current")
    );
    // The file is remembered among the recent data, and the Recent menu offers it.
    let recent = &harness.state().app().unwrap().settings().recent_data;
    assert!(
        recent
            .first()
            .is_some_and(|p| p.ends_with("acled_current.csv")),
        "{recent:?}"
    );
    harness.get_by_label("Recent").click();
    harness.run();
    harness.get_by_label("acled_current.csv");
}
