//! Other data in the running app: a file dropped on the window is imported on a worker
//! thread (with the progress screen) and added beside what was open.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
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
    let mut harness = bundled_harness();
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

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn bundled_harness() -> Harness<'static, Launcher> {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, launcher: &mut Launcher| launcher.show(ui),
            Launcher::start(DataLocation::Bundled, ViewSettings::default(), None),
        );
    wait_until_ready(&mut harness);
    harness
}

/// Picks `column` in the combo box named `field` of the mapping dialog.
fn choose(harness: &mut Harness<'_, Launcher>, field: &str, column: &str) {
    harness.get_by_label(field).click();
    harness.run();
    // The header is in the preview table too: the choice is the one that is not a plain label.
    let option = harness
        .get_all_by_label(column)
        .find(|n| n.accesskit_node().role() != egui::accesskit::Role::Label)
        .expect("the column is offered");
    option.click();
    harness.run();
}

#[test]
fn a_table_of_no_known_kind_is_mapped_in_a_dialog_and_the_mapping_is_remembered() {
    let mut harness = bundled_harness();
    let file = fixture("sheet_semicolon_cp1252.csv");
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(file.clone())));
    harness.run();
    // Neither ACLED nor UCDP: the dialog asks which column is which, with the first rows
    // (decoded from Windows-1252) and nothing importable until the coordinates are chosen.
    let app = harness.state().app().expect("still open");
    assert_eq!(app.mapping_dialog(), Some(file.as_path()));
    harness.get_by_label_contains("Which column is which");
    assert!(
        harness.query_all_by_label("Länge").count() >= 1,
        "decoded header"
    );
    harness.get_by_label_contains("The first rows give 0 incidents");
    choose(&mut harness, "Latitude *", "Breite");
    choose(&mut harness, "Longitude *", "Länge");
    choose(&mut harness, "Date (or first day) *", "Datum");
    // The preview follows the choices: three rows load, two are reported with their lines.
    harness.get_by_label_contains("The first rows give 3 incidents");
    harness.get_by_label_contains("\"kein Datum\" is not a date; row skipped");
    harness.get_by_label("Add beside what is open").click();
    harness.step();
    harness.step();
    wait_until_ready(&mut harness);
    harness.get_by_label_contains("bundled dataset + sheet_semicolon_cp1252.csv");
    harness.get_by_label_contains("Datasets (2)");
    let app = harness.state().app().expect("open");
    assert!(app.mapping_dialog().is_none());
    assert_eq!(app.settings().column_mappings.len(), 1, "remembered");

    // The same file again: its header is known, so it opens without the dialog.
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(file)));
    harness.step();
    assert!(
        harness
            .state()
            .app()
            .is_none_or(|app| app.mapping_dialog().is_none()),
        "no dialog the second time"
    );
}

#[test]
fn a_polygon_file_becomes_an_area_layer_filled_by_a_property_with_its_legend() {
    let mut harness = bundled_harness();
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(Dropped(fixture("zones.geojson"))));
    for _ in 0..200 {
        harness.step();
        let (layers, reading) = harness.state().app().expect("open").area_layers();
        if !layers.is_empty() && !reading {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    harness.run();
    let (layers, _) = harness.state().app().expect("open").area_layers();
    assert_eq!(layers.len(), 1, "the polygons are a layer, not data");
    assert_eq!(layers[0].areas.len(), 7);
    assert!(harness.state().app().unwrap().mapping_dialog().is_none());
    // Named in the legend (the map's labels are painted, not widgets: the core tests them).
    harness.get_by_label("zones");
    // Fill by a numeric property, chosen in the side panel: the legend shows its classes.
    harness.get_by_label("Area layers (1)");
    harness.get_by_label("Fill by").click();
    harness.run();
    harness.get_by_label("score").click();
    harness.run();
    let settings = &harness.state().app().unwrap().settings().area_layers;
    assert_eq!(settings[0].fill_by.as_deref(), Some("score"), "remembered");
    harness.get_by_label("score (quantiles)");
    harness.get_by_label("3 – 9");
}
