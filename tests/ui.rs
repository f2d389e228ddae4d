//! The real app, with the bundled data, driven through its accessibility tree.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use incident_atlas::app::AtlasApp;
use incident_atlas::io::{DataLocation, load};
use incident_atlas::state::ViewSettings;

fn harness() -> Harness<'static, AtlasApp> {
    Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(|_cc| {
            AtlasApp::new(
                load(&DataLocation::Bundled),
                DataLocation::Bundled,
                ViewSettings::default(),
            )
        })
}

#[test]
fn the_app_shows_the_map_and_incident_markers() {
    let mut harness = harness();
    harness.run();
    harness.get_by_label("Map of Balochistan");
    let markers = harness.query_all_by_label_contains("Incident: ").count();
    assert!(
        markers >= 8,
        "expected the incident markers, found {markers}"
    );
}

#[test]
fn clicking_a_marker_selects_its_incident() {
    let mut harness = harness();
    harness.run();
    // Kharan's two incidents share the town's point: open their group first.
    let kharan = "Assault on a police station and two banks in Kharan";
    for _ in 0..4 {
        let Some(group) = harness.query_all_by_label_contains("Group of ").find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains(kharan))
        }) else {
            break;
        };
        group.click();
        harness.run();
    }
    harness.get_by_label(&format!("Incident: {kharan}")).click();
    harness.run();
    assert_eq!(
        harness.state().selection().incident.as_deref(),
        Some("kharan_banks_police")
    );
    // The side panel now compares what the one source says about it.
    harness.get_by_label("at least 12");
}

#[test]
fn the_attributions_are_on_the_map_and_in_the_about_window() {
    let mut harness = harness();
    harness.run();
    // The map's attribution line is always there.
    harness.get_by_label_contains("ODbL 1.0");
    harness.get_by_label_contains("GeoNames, CC BY 4.0");
    harness.get_by_label("About…").click();
    harness.run();
    harness.get_by_label_contains("PLoS ONE 15(4): e0231866");
    harness.get_by_label_contains("Made with Natural Earth");
    harness.get_by_label_contains("GeoNames (www.geonames.org), CC BY 4.0");
}
