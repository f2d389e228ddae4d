//! The map as an analyst uses it: snapshots in light and dark with tiles off, hovering and
//! clicking districts, clicking markers and groups, and online tiles with no network.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT, Queryable};
use incident_atlas::app::AtlasApp;
use incident_atlas::command::SelectionCommand;
use incident_atlas::io::{DataLocation, load};
use incident_atlas::map::tiles::{TileLayer, TileNetwork};
use incident_atlas::state::ViewSettings;

fn harness_with(settings: ViewSettings, network: TileNetwork) -> Harness<'static, AtlasApp> {
    Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_eframe(move |_cc| {
            AtlasApp::new(
                load(&DataLocation::Bundled),
                DataLocation::Bundled,
                settings,
            )
            .with_tile_network(network)
        })
}

fn harness() -> Harness<'static, AtlasApp> {
    harness_with(ViewSettings::default(), TileNetwork::default())
}

/// The app with every incident's dates selected, so the 2024–2025 background shows too
/// (ending with the offensive, so the 2025 district set stays in force).
fn harness_all_dates() -> Harness<'static, AtlasApp> {
    let mut harness = harness();
    let timeline = *harness.state().timeline();
    harness
        .state_mut()
        .set_window(incident_atlas::state::DateWindow {
            start: timeline.domain.first,
            end: timeline.default_window.last,
        });
    harness
}

/// Where a district's label point is on screen this frame.
fn district_on_screen(harness: &Harness<'_, AtlasApp>, name: &str) -> egui::Pos2 {
    let app = harness.state();
    let area = app
        .prepared()
        .districts(app.district_set())
        .by_name(name)
        .unwrap_or_else(|| panic!("no district {name}"));
    let t = app.hits().transform.expect("the map was drawn");
    let [x, y] = t.apply(area.label);
    egui::pos2(x, y)
}

#[test]
fn snapshot_light_offline() {
    let mut harness = harness();
    harness.run();
    harness.snapshot("map_light_offline");
}

#[test]
fn snapshot_dark_offline() {
    let settings = ViewSettings {
        dark_mode: true,
        ..ViewSettings::default()
    };
    let mut harness = harness_with(settings, TileNetwork::default());
    harness.run();
    harness.snapshot("map_dark_offline");
}

#[test]
fn the_first_view_has_districts_legend_scale_and_the_district_set() {
    let mut harness = harness_all_dates();
    harness.run();
    harness.get_by_label_contains("Legend");
    harness.get_by_label_contains("Map: districts as on 1 Jan 2026 (36)");
    harness.get_by_label("Fit Balochistan");
    harness.get_by_label("Layers…");
    // Markers and groups together cover every placed incident.
    let singles = harness.query_all_by_label_contains("Incident: ").count();
    let grouped: usize = harness
        .query_all_by_label_contains("Group of ")
        .map(|n| {
            let label = n.accesskit_node().label().unwrap_or_default();
            label
                .trim_start_matches("Group of ")
                .split(' ')
                .next()
                .and_then(|k| k.parse::<usize>().ok())
                .unwrap_or(0)
        })
        .sum();
    let app = harness.state();
    let t = app.hits().transform.expect("the map was drawn");
    let view = app.hits().map_rect.expect("laid out").expand(40.0);
    let in_view = app
        .prepared()
        .markers
        .iter()
        .filter(|m| {
            let [x, y] = t.apply(m.world);
            view.contains(egui::pos2(x, y))
        })
        .count();
    assert!(
        in_view >= 30,
        "the fit view holds nearly every incident: {in_view}"
    );
    assert_eq!(singles + grouped, in_view, "{singles} + {grouped}");
}

#[test]
fn hovering_a_district_names_it_and_clicking_selects_it() {
    let mut harness = harness();
    harness.run();
    let khuzdar = district_on_screen(&harness, "Khuzdar");
    harness.hover_at(khuzdar);
    harness.run();
    harness.get_by_label("Khuzdar district, Kalat division");
    harness.event(egui::Event::PointerButton {
        pos: khuzdar,
        button: egui::PointerButton::Primary,
        pressed: true,
        modifiers: egui::Modifiers::NONE,
    });
    harness.event(egui::Event::PointerButton {
        pos: khuzdar,
        button: egui::PointerButton::Primary,
        pressed: false,
        modifiers: egui::Modifiers::NONE,
    });
    harness.run();
    assert_eq!(
        harness.state().selection().district.as_deref(),
        Some("Khuzdar")
    );
    harness.get_by_label_contains("Khuzdar district ·");
}

#[test]
fn clicking_a_group_zooms_in_until_it_splits() {
    let mut harness = harness();
    harness.run();
    let zoom_before = harness.state().hits().zoom;
    // Quetta's assaults and the pre-emptive operation in north-eastern Quetta, ~9 km apart.
    let group = harness
        .query_all_by_label_contains("Group of ")
        .find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("Assaults and explosions in Quetta"))
        })
        .expect("the Quetta group");
    let label = group.accesskit_node().label().unwrap_or_default();
    group.click();
    harness.run();
    let zoom_after = harness.state().hits().zoom;
    assert!(zoom_after > zoom_before, "{zoom_before} -> {zoom_after}");
    let size = |label: &str| {
        label
            .strip_prefix("Group of ")
            .and_then(|rest| rest.split(' ').next())
            .and_then(|n| n.parse::<usize>().ok())
    };
    let before = size(&label).expect("a group's size");
    let first_title = label
        .split_once(": ")
        .and_then(|(_, rest)| rest.split("; ").next())
        .unwrap_or_default()
        .to_owned();
    // The group has split: its first incident now stands alone or in a smaller group.
    let alone = harness
        .query_by_label(&format!("Incident: {first_title}"))
        .is_some();
    let now_in = harness
        .query_all_by_label_contains("Group of ")
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.contains(&first_title))
        .and_then(|l| size(&l));
    assert!(
        alone || now_in.is_some_and(|n| n < before),
        "{first_title}: alone {alone}, in a group of {now_in:?} (was {before})"
    );
}

#[test]
fn clicking_a_group_at_one_point_fans_it_out() {
    let mut harness = harness_all_dates();
    harness.run();
    // The province-wide incidents all stand at Balochistan's interior point: clicking their
    // group zooms in while it still holds nearby markers, then fans the shared point out.
    for _ in 0..4 {
        let Some(group) = harness.query_all_by_label_contains("Group of ").find(|n| {
            n.accesskit_node()
                .label()
                .is_some_and(|l| l.contains("Jaffar Express hijacking"))
        }) else {
            break;
        };
        group.click();
        harness.run();
    }
    harness.get_by_label("Incident: Attempted assault foiled");
    harness
        .get_by_label("Incident: Jaffar Express hijacking")
        .click();
    harness.run();
    assert_eq!(
        harness.state().selection().incident.as_deref(),
        Some("jaffar_express_2025")
    );
}

#[test]
fn online_tiles_without_network_keep_the_app_running_and_say_so() {
    let settings = ViewSettings {
        tile_layer: TileLayer::OpenStreetMap,
        ..ViewSettings::default()
    };
    // Port 9 on loopback is closed: every request and the probe fail at once, as offline.
    let network = TileNetwork {
        cache_dir: None,
        host_override: Some("127.0.0.1:9".to_owned()),
    };
    let mut harness = harness_with(settings, network);
    let mut notice = false;
    for _ in 0..200 {
        harness.run_steps(1);
        if harness
            .query_by_label_contains("Tiles unavailable")
            .is_some()
        {
            notice = true;
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(notice, "the tiles-unavailable notice never appeared");
    // The attribution of the chosen layer is on the map, and the offline map still works.
    assert!(
        harness
            .query_all_by_label_contains("© OpenStreetMap contributors")
            .count()
            >= 1
    );
    assert!(harness.query_all_by_label_contains("Incident: ").count() > 5);
    harness.get_by_label("Map of Balochistan");
}

#[test]
fn the_tile_layer_is_remembered_in_the_settings() {
    let json = serde_json::to_string(&ViewSettings {
        tile_layer: TileLayer::EsriWorldImagery,
        ..ViewSettings::default()
    })
    .unwrap();
    let back: ViewSettings = serde_json::from_str(&json).unwrap();
    assert_eq!(back.tile_layer, TileLayer::EsriWorldImagery);
    // An old store without the field still loads, offline.
    let old: ViewSettings = serde_json::from_str(r#"{"dark_mode":true}"#).unwrap();
    assert_eq!(old.tile_layer, TileLayer::Offline);
}

#[test]
fn the_map_draws_the_district_set_in_force_at_the_end_of_the_dates() {
    let mut harness = harness();
    harness.run();
    assert!(
        harness
            .state()
            .prepared()
            .districts(harness.state().district_set())
            .by_name("Tump")
            .is_none()
    );
    let start = harness.state().window().start;
    harness
        .state_mut()
        .set_window(incident_atlas::state::DateWindow {
            start,
            end: jiff::civil::date(2026, 3, 15),
        });
    harness.run();
    harness.get_by_label_contains("districts after the Feb–Mar 2026 notifications (39)");
    let app = harness.state();
    assert!(
        app.prepared()
            .districts(app.district_set())
            .by_name("Tump")
            .is_some()
    );
}

#[test]
fn the_tehsil_layer_is_prepared_off_the_ui_thread_and_then_drawn() {
    let settings = ViewSettings {
        show_tehsils: true,
        ..ViewSettings::default()
    };
    let mut harness = harness_with(settings, TileNetwork::default());
    for _ in 0..500 {
        harness.run_steps(1);
        if harness.state().tehsils_ready() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(harness.state().tehsils_ready(), "the tehsils never arrived");
    harness.run();
    harness.get_by_label("Map of Balochistan");
    harness.get_by_label("Problems (0)…");
}

/// Pixels of the selection's cyan on the map (the timeline's date window, outlined in the
/// same colour, is below it and the panel to its right).
fn selection_pixels(harness: &mut Harness<'_, AtlasApp>) -> usize {
    let image = harness.render().expect("rendered");
    let cyan = incident_atlas::theme::SELECTION_CYAN;
    let map = harness.state().hits().map_rect.expect("the map was drawn");
    // The map's rectangle is in points; presenting zooms the UI.
    let ppp = harness.ctx.pixels_per_point();
    image
        .enumerate_pixels()
        .filter(|(x, y, _)| map.contains(egui::pos2(*x as f32 / ppp, *y as f32 / ppp)))
        .map(|(_, _, p)| p)
        .filter(|p| {
            let [r, g, b, _] = p.0;
            r.abs_diff(cyan.r()) < 24 && g.abs_diff(cyan.g()) < 24 && b.abs_diff(cyan.b()) < 24
        })
        .count()
}

/// A selected incident that no source disputes wears the selection's cyan corners; the map
/// without a selection — contested rings and all — has none of that colour, so the two marks
/// can never be taken for each other (issue: a selection read as "sources disagree").
#[test]
fn the_selection_mark_is_not_the_contested_mark() {
    let mut harness = harness();
    harness.run();
    let contested_only = selection_pixels(&mut harness);
    assert_eq!(contested_only, 0, "no selection colour without a selection");
    harness
        .state_mut()
        .send(SelectionCommand::SelectIncident(Some(
            "preemptive_sherani".to_owned(),
        )));
    harness.run();
    let selected = selection_pixels(&mut harness);
    assert!(
        selected > 40,
        "the selection's corners are drawn: {selected} pixels"
    );
}

/// In every palette — light, dark, and both high-contrast variants that presenting uses —
/// the map with contested rings and no selection has none of the selection's cyan, a
/// selected uncontested incident has it, and the contested ring's colour is far from it.
#[test]
fn selection_and_contested_marks_differ_in_every_palette() {
    for (dark, presenting) in [(false, false), (true, false), (false, true), (true, true)] {
        let settings = ViewSettings {
            dark_mode: dark,
            ..ViewSettings::default()
        };
        let mut harness = harness_with(settings, TileNetwork::default());
        harness.run();
        if presenting {
            harness
                .state_mut()
                .send(incident_atlas::command::BriefingCommand::SetPresenting(
                    true,
                ));
            harness.run();
        }
        let palette = incident_atlas::theme::Palette::for_dark_mode(dark);
        let palette = if presenting {
            palette.high_contrast()
        } else {
            palette
        };
        let [r, g, b, _] = palette.label_text.to_array();
        let cyan = incident_atlas::theme::SELECTION_CYAN;
        let distance = u32::from(r.abs_diff(cyan.r()))
            + u32::from(g.abs_diff(cyan.g()))
            + u32::from(b.abs_diff(cyan.b()));
        assert!(
            distance > 150,
            "the contested ring's colour is not the selection's ({dark}, {presenting})"
        );
        assert!(
            harness
                .state()
                .comparison()
                .is_some_and(|c| c.rows.iter().any(|r| !r.consistent)),
            "contested figures in view"
        );
        assert_eq!(
            selection_pixels(&mut harness),
            0,
            "no selection colour without a selection ({dark}, {presenting})"
        );
        harness
            .state_mut()
            .send(SelectionCommand::SelectIncident(Some(
                "preemptive_sherani".to_owned(),
            )));
        harness.run();
        let selected = selection_pixels(&mut harness);
        assert!(
            selected > 40,
            "the selection's corners are drawn ({dark}, {presenting}): {selected} pixels"
        );
    }
}
