//! With thousands of incidents in the dates, the campaign view summarises: disagreements by
//! figure, the widest ones charted, the findings counted by kind and paged.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use incident_atlas::app::AtlasApp;
use incident_atlas::io::synth::{SynthSpec, generate};
use incident_atlas::io::{DataLocation, load};
use incident_atlas::state::{DateWindow, ViewSettings};

/// An app on a generated dataset (in a fresh folder, returned to remove), its window over
/// all of the generated dates.
fn app_on(
    name: &str,
    spec: SynthSpec,
    height: f32,
) -> (Harness<'static, AtlasApp>, std::path::PathBuf) {
    let dir = std::env::temp_dir().join(format!("incident-atlas-{name}-{}", std::process::id()));
    generate(&dir, spec).expect("written");
    let location = DataLocation::Dir(dir.clone());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, height))
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::new(load(&location), location.clone(), ViewSettings::default()),
        );
    harness.state_mut().set_window(DateWindow {
        start: jiff::civil::date(2024, 1, 1),
        end: jiff::civil::date(2026, 3, 31),
    });
    (harness, dir)
}

#[test]
fn thousands_of_incidents_are_summarised_and_their_findings_paged() {
    let spec = SynthSpec {
        incidents: 3_000,
        claims_per_incident: 3,
        seed: 11,
    };
    // Tall enough that the pager below the charts is on screen (and so clickable).
    let (mut harness, dir) = app_on("overview", spec, 3200.0);
    harness.run();
    let findings = harness.state().comparison().map_or(0, |c| c.findings.len());
    assert!(findings > 50, "enough findings to page: {findings}");
    harness.get_by_label("Disagreements by figure");
    harness.get_by_label_contains("more figures given by two sources or more");
    let pages = findings.div_ceil(50);
    harness.get_by_label(&format!("Page 1 of {pages}"));
    harness.get_by_label("Next").click();
    harness.run();
    harness.get_by_label(&format!("Page 2 of {pages}"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tens_of_thousands_are_compared_as_a_summary_not_a_row_each() {
    let spec = SynthSpec {
        incidents: 25_000,
        claims_per_incident: 2,
        seed: 7,
    };
    let (mut harness, dir) = app_on("summary", spec, 1400.0);
    for _ in 0..600 {
        harness.step();
        if harness
            .state()
            .comparison()
            .is_some_and(|c| c.summary.is_some())
        {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    harness.run();
    let comparison = harness.state().comparison().expect("compared");
    let summary = comparison
        .summary
        .as_ref()
        .expect("summarised at this size");
    // A few rows kept for the charts and the footer, not one per incident.
    assert!(
        comparison.rows.len() <= 15,
        "{} rows kept",
        comparison.rows.len()
    );
    assert!(
        summary.rows_total >= 25_000,
        "{} rows built",
        summary.rows_total
    );
    let more = summary.charted.saturating_sub(12);
    harness.get_by_label("Disagreements by figure");
    harness.get_by_label_contains(&format!("… and {more} more figures"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_density_layer_toggles_and_shows_its_legend() {
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::new(
                load(&DataLocation::Bundled),
                DataLocation::Bundled,
                ViewSettings::default(),
            ),
        );
    harness.run();
    // 34 incidents: markers by default.
    assert!(harness.query_by_label("Incident density").is_none());
    assert!(harness.query_all_by_label_contains("Incident: ").count() > 0);
    harness.get_by_label("Layers…").click();
    harness.run();
    harness.get_by_label("Density always").click();
    harness.run();
    assert_eq!(
        harness.state().settings().density,
        incident_atlas::state::DensityMode::Always
    );
    harness.get_by_label("Incident density");
    assert_eq!(
        harness.query_all_by_label_contains("Incident: ").count(),
        0,
        "the heat map replaces the markers"
    );
    harness.get_by_label("Layers…").click();
    harness.run();
    harness.get_by_label("Markers always").click();
    harness.run();
    assert!(harness.query_by_label("Incident density").is_none());
    assert!(harness.query_all_by_label_contains("Incident: ").count() > 0);
}
