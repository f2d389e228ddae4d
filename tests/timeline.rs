//! The date slider as an analyst uses it: dragging an end, typing a date, clicking a day,
//! playback with Space, keyboard stepping (and none while typing), and snapshots of the panel.

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use incident_atlas::app::AtlasApp;
use incident_atlas::command::CommandQueue;
use incident_atlas::io::{DataLocation, load};
use incident_atlas::model::timeline::{Histogram, PlaybackSettings, Player, Timeline};
use incident_atlas::state::{DateWindow, ViewSettings};
use incident_atlas::ui::theme::Palette;
use incident_atlas::ui::timeline::{self, DateFields, TimelineView};
use jiff::civil::{Date, date};

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

/// The screen point over `day` in the histogram strip.
fn on_histogram(harness: &Harness<'_, AtlasApp>, day: Date) -> egui::Pos2 {
    let (rect, axis) = harness
        .state()
        .timeline_layout()
        .detail
        .expect("the histogram was laid out");
    egui::pos2(axis.centre_of(day), rect.center().y)
}

/// Presses at `from`, moves to `to` in steps, releases: a real drag, frame by frame.
fn drag(harness: &mut Harness<'_, AtlasApp>, from: egui::Pos2, to: egui::Pos2) {
    harness.hover_at(from);
    harness.run();
    harness.drag_at(from);
    harness.run();
    for k in 1..=6 {
        harness.hover_at(from + (to - from) * (k as f32 / 6.0));
        harness.run();
    }
    harness.drop_at(to);
    harness.run();
}

/// Focuses a date field, replaces its text and presses Enter, as a user would.
fn type_date(harness: &mut Harness<'_, AtlasApp>, field: &str, text: &str) {
    harness.get_by_label(field).focus();
    harness.run();
    harness.key_press_modifiers(Modifiers::COMMAND, Key::A);
    harness.run();
    harness.get_by_label(field).type_text(text);
    harness.run();
    harness.key_press(Key::Enter);
    harness.run();
}

fn window(harness: &Harness<'_, AtlasApp>) -> DateWindow {
    harness.state().window()
}

#[test]
fn the_timeline_opens_on_the_offensive() {
    let mut harness = harness();
    harness.run();
    assert_eq!(
        window(&harness),
        DateWindow {
            start: date(2026, 1, 9),
            end: date(2026, 2, 11)
        }
    );
    harness.get_by_label_contains("9 Jan – 11 Feb 2026 · 34 days · 27 incidents");
}

#[test]
fn dragging_the_end_changes_what_the_map_shows() {
    let mut harness = harness();
    harness.run();
    let before = harness.state().markers_shown();
    let (rect, axis) = harness.state().timeline_layout().detail.expect("laid out");
    // The end handle sits on the right edge of 11 Feb's column.
    let end_edge = egui::pos2(axis.x_of(date(2026, 2, 12)) - 1.0, rect.center().y);
    let to = on_histogram(&harness, date(2026, 1, 20));
    drag(&mut harness, end_edge, to);
    let w = window(&harness);
    assert_eq!(w.start, date(2026, 1, 9));
    assert!(
        w.end >= date(2026, 1, 19) && w.end <= date(2026, 1, 21),
        "the end follows the pointer: {w:?}"
    );
    let after = harness.state().markers_shown();
    assert!(
        after < before,
        "the 30–31 January wave leaves the map: {before} → {after}"
    );
    harness.get_by_label_contains("Map: districts as on 1 Jan 2026 (36)");
}

#[test]
fn dragging_the_window_moves_both_ends() {
    let mut harness = harness();
    harness.run();
    harness.state_mut().set_window(DateWindow {
        start: date(2026, 1, 12),
        end: date(2026, 1, 16),
    });
    harness.run();
    let from = on_histogram(&harness, date(2026, 1, 14));
    let to = on_histogram(&harness, date(2026, 1, 24));
    drag(&mut harness, from, to);
    assert_eq!(
        window(&harness),
        DateWindow {
            start: date(2026, 1, 22),
            end: date(2026, 1, 26)
        }
    );
}

#[test]
fn clicking_a_day_selects_it() {
    let mut harness = harness();
    harness.run();
    let at = on_histogram(&harness, date(2026, 1, 14));
    harness.hover_at(at);
    harness.run();
    harness.get_by_label_contains("Ormara and Pasni — this day");
    harness.get_by_label_contains("Wednesday 14 Jan 2026 — 2 incidents");
    harness.drag_at(at);
    harness.run();
    harness.drop_at(at);
    harness.run();
    assert_eq!(
        window(&harness),
        DateWindow {
            start: date(2026, 1, 14),
            end: date(2026, 1, 14)
        }
    );
    // The ambush, January's province-wide statistics (1 Jan – 1 Feb), and the undated
    // Quetta–Chaman IEDs, which show apart from any window unless hidden.
    assert_eq!(harness.state().markers_shown(), 3);
    harness.get_by_label("Incident: Ambush on a Frontier Corps convoy between Ormara and Pasni");
    harness.get_by_label("Undated").click();
    harness.run();
    assert_eq!(harness.state().markers_shown(), 2);
}

#[test]
fn typing_a_date_moves_the_range() {
    let mut harness = harness();
    harness.run();
    type_date(&mut harness, "Start date", "2026-01-29");
    assert_eq!(
        window(&harness),
        DateWindow {
            start: date(2026, 1, 29),
            end: date(2026, 2, 11)
        }
    );
    // A typed end before the start pulls the start back with it.
    type_date(&mut harness, "End date", "2026-01-15");
    assert_eq!(
        window(&harness),
        DateWindow {
            start: date(2026, 1, 15),
            end: date(2026, 1, 15)
        }
    );
}

#[test]
fn a_malformed_date_is_refused_and_the_range_kept() {
    let mut harness = harness();
    harness.run();
    let before = window(&harness);
    type_date(&mut harness, "Start date", "30/01/2026");
    assert_eq!(window(&harness), before);
}

#[test]
fn space_starts_playback_and_the_range_advances() {
    let mut harness = harness();
    harness.run();
    harness.key_press(Key::Space);
    harness.run_steps(1);
    assert!(harness.state().player().playing);
    let first = window(&harness);
    // Window mode, 3 days, 2 days a second from the start of the offensive.
    assert_eq!(first.start, date(2026, 1, 9));
    assert_eq!(first.end, date(2026, 1, 11));
    // kittest steps a quarter of a second per frame: 8 frames are two seconds, four days.
    harness.run_steps(8);
    let later = window(&harness);
    assert_eq!(later.start, date(2026, 1, 13), "{later:?}");
    assert_eq!(later.span().days(), 3);
    harness.key_press(Key::Space);
    harness.run_steps(1);
    assert!(!harness.state().player().playing);
    let paused = window(&harness);
    harness.run_steps(8);
    assert_eq!(window(&harness), paused, "paused: nothing moves");
}

#[test]
fn arrows_home_and_end_step_the_window() {
    let mut harness = harness();
    harness.run();
    harness.state_mut().set_window(DateWindow {
        start: date(2026, 1, 12),
        end: date(2026, 1, 16),
    });
    harness.run();
    harness.key_press(Key::ArrowRight);
    harness.run();
    assert_eq!(window(&harness).start, date(2026, 1, 13));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowRight);
    harness.run();
    assert_eq!(window(&harness).start, date(2026, 1, 20));
    harness.key_press_modifiers(Modifiers::SHIFT, Key::ArrowLeft);
    harness.key_press(Key::ArrowLeft);
    harness.run();
    assert_eq!(window(&harness).start, date(2026, 1, 12));
    let domain = harness.state().timeline().domain;
    harness.key_press(Key::End);
    harness.run();
    assert_eq!(window(&harness).end, domain.last);
    assert_eq!(window(&harness).span().days(), 5);
    harness.key_press(Key::Home);
    harness.run();
    assert_eq!(window(&harness).start, domain.first);
}

#[test]
fn keys_do_nothing_while_a_text_field_has_focus() {
    let mut harness = harness();
    harness.run();
    let before = window(&harness);
    harness.get_by_label("End date").focus();
    harness.run();
    for key in [
        Key::ArrowRight,
        Key::ArrowLeft,
        Key::Home,
        Key::End,
        Key::Space,
    ] {
        harness.key_press(key);
        harness.run();
    }
    assert_eq!(window(&harness), before);
    assert!(!harness.state().player().playing);
}

#[test]
fn reset_returns_to_the_default_window() {
    let mut harness = harness();
    harness.run();
    harness.state_mut().set_window(DateWindow {
        start: date(2025, 1, 1),
        end: date(2025, 3, 1),
    });
    harness.run();
    harness.get_by_label("Reset").click();
    harness.run();
    assert_eq!(
        window(&harness).span(),
        harness.state().timeline().default_window
    );
}

#[test]
fn the_window_is_remembered_in_the_settings() {
    let saved = DateWindow {
        start: date(2026, 1, 29),
        end: date(2026, 1, 31),
    };
    let settings = ViewSettings {
        window: Some(saved),
        ..ViewSettings::default()
    };
    let text = serde_json::to_string(&settings).expect("serialises");
    let back: ViewSettings = serde_json::from_str(&text).expect("reads back");
    let app = AtlasApp::new(load(&DataLocation::Bundled), DataLocation::Bundled, back);
    assert_eq!(app.window(), saved);
    // A saved window that no longer meets the data falls back to the default.
    let stale = ViewSettings {
        window: Some(DateWindow {
            start: date(1990, 1, 1),
            end: date(1990, 2, 1),
        }),
        ..ViewSettings::default()
    };
    let app = AtlasApp::new(load(&DataLocation::Bundled), DataLocation::Bundled, stale);
    assert_eq!(app.window().span(), app.timeline().default_window);
}

/// The panel alone, as the app lays it out, for the snapshots.
fn panel_snapshot(dark: bool, name: &str) {
    let loaded = load(&DataLocation::Bundled);
    let timeline = Timeline::of(&loaded.dataset, &[date(2026, 3, 12)]);
    let window = DateWindow {
        start: date(2026, 1, 29),
        end: date(2026, 2, 1),
    };
    let focus = Histogram::new(&loaded.dataset, timeline.focus(window.span()));
    let overview = Histogram::new(&loaded.dataset, timeline.domain);
    let player = Player::default();
    let mut fields = DateFields::default();
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1400.0, 200.0))
        .build_ui(move |ui| {
            ui.ctx().set_theme(if dark {
                egui::Theme::Dark
            } else {
                egui::Theme::Light
            });
            let view = TimelineView {
                timeline: &timeline,
                dataset: &loaded.dataset,
                window,
                incidents_in_window: loaded
                    .dataset
                    .incidents
                    .iter()
                    .filter(|i| window.admits(i.dates))
                    .count(),
                histogram: &focus,
                overview: &overview,
                player: &player,
                playback: PlaybackSettings::default(),
                hide_undated: false,
                palette: Palette::for_dark_mode(dark),
            };
            let mut commands = CommandQueue::default();
            egui::Frame::central_panel(ui.style()).show(ui, |ui| {
                timeline::show(ui, &view, &mut fields, &mut commands);
            });
        });
    harness.run();
    harness.snapshot(name);
}

#[test]
fn snapshot_timeline_light() {
    panel_snapshot(false, "timeline_light");
}

#[test]
fn snapshot_timeline_dark() {
    panel_snapshot(true, "timeline_dark");
}
