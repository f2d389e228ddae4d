//! The source-comparison panel in the real app (selecting fills the table, switching a
//! source off, the lens, findings that select), its snapshots in three states and two
//! themes, and the comparison view model as checked-in text a reviewer can read.

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use incident_atlas::app::AtlasApp;
use incident_atlas::command::{SelectionCommand, TimeCommand};
use incident_atlas::io::{DataLocation, load};
use incident_atlas::model::DateSpan;
use incident_atlas::model::compare::{Scope, SourceFilter, compare};
use incident_atlas::state::ViewSettings;
use incident_atlas::ui::compare_panel::{self, PanelView};
use incident_atlas::ui::theme::Palette;
use jiff::civil::date;

fn harness() -> Harness<'static, AtlasApp> {
    tall_harness(1000.0)
}

/// A window tall enough that the panel's findings are on screen (clicks need them there).
fn tall_harness(height: f32) -> Harness<'static, AtlasApp> {
    Harness::builder()
        .with_size(egui::vec2(1600.0, height))
        .build_eframe(|_cc| {
            AtlasApp::new(
                load(&DataLocation::Bundled),
                DataLocation::Bundled,
                ViewSettings::default(),
            )
        })
}

fn select(harness: &mut Harness<'_, AtlasApp>, incident: &str) {
    harness
        .state_mut()
        .send(SelectionCommand::SelectIncident(Some(incident.to_owned())));
    harness.run();
}

fn open_source_cards(harness: &mut Harness<'_, AtlasApp>) {
    harness.get_by_label_contains("Sources (").click();
    harness.run();
}

/// A source card's on/off box (the name is also a column header).
fn checkbox<'a>(harness: &'a Harness<'_, AtlasApp>, name: &'a str) -> egui_kittest::Node<'a> {
    harness
        .query_all_by_label(name)
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::CheckBox)
        .expect("the source's checkbox")
}

#[test]
fn selecting_an_incident_fills_the_table() {
    let mut harness = harness();
    harness.run();
    assert!(
        harness.query_by_label("at least 92").is_none(),
        "not before"
    );
    select(&mut harness, "coordinated_offensive");
    // Every source's militants killed, as stated, with the dates they give.
    for text in [
        "at least 216",
        "at least 92",
        "at least 67",
        "about 180 bodies recovered",
    ] {
        harness.get_by_label(text);
    }
    for text in ["dozens", "12", "10", "17"] {
        assert!(harness.query_all_by_label(text).count() >= 1, "{text}");
    }
    assert_eq!(
        harness.query_all_by_label("145").count(),
        2,
        "two sources say 145"
    );
    harness.get_by_label("13 Jan 2026");
    harness.get_by_label("Figure");
    harness.get_by_label_contains("Figures disagree");
    harness.get_by_label_contains("Dates disagree");
}

#[test]
fn switching_a_source_off_removes_its_claims() {
    let mut harness = harness();
    harness.run();
    select(&mut harness, "coordinated_offensive");
    harness.get_by_label("at least 216");
    open_source_cards(&mut harness);
    checkbox(&harness, "Opinion 000").click();
    harness.run();
    assert!(harness.query_by_label("at least 216").is_none());
    assert!(harness.query_by_label("13 Jan 2026").is_none());
    assert!(harness.query_by_label_contains("Dates disagree").is_none());
    let app = harness.state();
    assert!(app.settings().sources.off.contains("midjan_oped"));
    assert!(
        app.view()
            .claims
            .iter()
            .all(|c| &*c.source_id != "midjan_oped")
    );
    // Its card stays, so it can be switched back on.
    checkbox(&harness, "Opinion 000").click();
    harness.run();
    harness.get_by_label("at least 216");
}

#[test]
fn a_lens_changes_which_markers_are_shown() {
    let mut harness = harness();
    harness.run();
    let all = harness.state().markers_shown();
    open_source_cards(&mut harness);
    // The AI-generated article's lens: it tells of the 31 January attacks only.
    let lens_buttons: Vec<_> = harness.query_all_by_label("Lens").collect();
    assert_eq!(lens_buttons.len(), 5);
    lens_buttons[4].click();
    harness.run();
    let through_lens = harness.state().markers_shown();
    assert!(through_lens < all, "{through_lens} of {all}");
    assert!(through_lens > 0);
    assert_eq!(
        harness.state().settings().sources.lens.as_deref(),
        Some("hassan_ai")
    );
    harness.get_by_label("Lens: only what Hassan says");
    harness.get_by_label_contains("Lens: Hassan");
    // Off again: every marker back.
    harness.get_by_label("Lens on").click();
    harness.run();
    assert_eq!(harness.state().markers_shown(), all);
}

#[test]
fn clicking_a_finding_selects_its_incident_and_its_dates() {
    let mut harness = tall_harness(2600.0);
    harness.run();
    // Dates that take in only the first day of Gwadar's 30–31 January: clicking its finding
    // widens them to the whole incident.
    harness
        .state_mut()
        .send(TimeCommand::SetWindow(incident_atlas::state::DateWindow {
            start: date(2026, 1, 29),
            end: date(2026, 1, 30),
        }));
    harness.run();
    // The finding's button (its text is also a label inside it).
    harness
        .query_all_by_label_contains("Contradicts itself")
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::Button)
        .expect("the finding's button")
        .click();
    harness.run();
    let app = harness.state();
    assert_eq!(app.selection().incident.as_deref(), Some("gwadar_camp"));
    let window = app.window().span();
    assert_eq!(
        (window.first, window.last),
        (date(2026, 1, 29), date(2026, 1, 31))
    );
    harness.get_by_label("over 12");
    harness.get_by_label("about 11");
}

// --- Snapshots of the panel ----------------------------------------------------------

fn panel_snapshot(scope: Scope, dark: bool, name: &str) {
    let loaded = load(&DataLocation::Bundled);
    let range = DateSpan::new(date(2026, 1, 9), date(2026, 2, 11)).expect("range");
    let filter = SourceFilter::default();
    let comparison = compare(&loaded.dataset, &scope, Some(range));
    let mut harness = Harness::builder()
        .with_size(egui::vec2(560.0, 1000.0))
        .build_ui(move |ui| {
            ui.ctx().set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            let view = PanelView {
                full: &loaded.dataset,
                view: &loaded.dataset,
                comparison: &comparison,
                scope: &scope,
                range,
                filter: &filter,
                palette: Palette::for_dark_mode(dark),
            };
            let mut commands = incident_atlas::command::CommandQueue::default();
            egui::Frame::central_panel(ui.style()).show(ui, |ui| {
                egui::ScrollArea::vertical().show(ui, |ui| {
                    compare_panel::show(ui, &view, &mut commands);
                });
            });
        });
    harness.run();
    harness.snapshot(name);
}

fn wave() -> Scope {
    Scope::Incident("coordinated_offensive".into())
}

fn gwadar() -> Scope {
    Scope::District("Gwadar".into())
}

#[test]
fn snapshot_panel_incident_light() {
    panel_snapshot(wave(), false, "compare_incident_light");
}

#[test]
fn snapshot_panel_incident_dark() {
    panel_snapshot(wave(), true, "compare_incident_dark");
}

#[test]
fn snapshot_panel_district_light() {
    panel_snapshot(gwadar(), false, "compare_district_light");
}

#[test]
fn snapshot_panel_district_dark() {
    panel_snapshot(gwadar(), true, "compare_district_dark");
}

#[test]
fn snapshot_panel_overview_light() {
    panel_snapshot(Scope::Campaign, false, "compare_overview_light");
}

#[test]
fn snapshot_panel_overview_dark() {
    panel_snapshot(Scope::Campaign, true, "compare_overview_dark");
}

// --- The view model as text ----------------------------------------------------------

/// Compares the comparison, as JSON, with the checked-in file (`UPDATE_SNAPSHOTS=1`
/// rewrites it): a reviewer reads there exactly what the panel will show.
fn model_snapshot(scope: &Scope, range: Option<DateSpan>, name: &str) {
    let loaded = load(&DataLocation::Bundled);
    let comparison = compare(&loaded.dataset, scope, range);
    let text = serde_json::to_string_pretty(&comparison).expect("serialises") + "\n";
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(format!("{name}.json"));
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, &text).expect("write the snapshot");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_SNAPSHOTS=1)", path.display()));
    assert!(
        expected == text,
        "{} differs from the comparison now built; review and rerun with UPDATE_SNAPSHOTS=1",
        path.display()
    );
}

#[test]
fn view_model_snapshots() {
    let range = DateSpan::new(date(2026, 1, 9), date(2026, 2, 11));
    model_snapshot(
        &Scope::Incident("coordinated_offensive".into()),
        None,
        "compare_incident",
    );
    model_snapshot(&Scope::District("Gwadar".into()), range, "compare_district");
    model_snapshot(&Scope::Campaign, range, "compare_overview");
}
