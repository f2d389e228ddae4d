//! The app's shell: the keyboard shortcuts window that the action table fills, and the
//! notifications (toasts and the log) that background work reports through.

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use incident_atlas::action::{Action, Mode};
use incident_atlas::app::AtlasApp;
use incident_atlas::io::{DataLocation, load};
use incident_atlas::notifications::Level;
use incident_atlas::state::ViewSettings;

fn harness() -> Harness<'static, AtlasApp> {
    Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::new(
                load(&DataLocation::Bundled),
                DataLocation::Bundled,
                ViewSettings::default(),
            ),
        )
}

#[test]
fn f1_opens_the_shortcuts_window_with_every_shortcut_the_menus_show() {
    let mut harness = harness();
    harness.run();
    let explanation = "Keys work whenever no text field has the keyboard.";
    assert!(harness.query_by_label(explanation).is_none());
    harness.key_press(Key::F1);
    harness.run();
    harness.get_by_label(explanation);
    for action in Action::ALL {
        assert!(
            harness.query_all_by_label(action.label()).count() >= 1,
            "{} is listed",
            action.label()
        );
        for mode in [Mode::Workspace, Mode::Presenting] {
            let keys = action.keys_text(mode);
            if !keys.is_empty() {
                assert!(
                    harness.query_all_by_label(&keys).count() >= 1,
                    "the keys of {} ({keys}) are listed",
                    action.label()
                );
            }
        }
    }
    // The View menu names each entry's keys ("Fullscreen F11"): the same keys the window
    // lists, from the same table.
    harness.get_by_label("View").click();
    harness.run();
    for action in [Action::Fullscreen, Action::Present, Action::Shortcuts] {
        let keys = action.keys_text(Mode::Workspace);
        harness.get_by_label(&format!("{} {keys}", action.label()));
    }
}

#[test]
fn the_question_mark_opens_the_shortcuts_window_too() {
    let mut harness = harness();
    harness.run();
    harness.key_press(Key::Questionmark);
    harness.run();
    harness.get_by_label("Keys work whenever no text field has the keyboard.");
}

#[test]
fn an_export_to_an_unwritable_folder_raises_an_error_that_stays_and_is_logged() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-shell-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    // A file where the folder should be: not writable, even for root.
    let not_a_folder = dir.join("not-a-folder");
    std::fs::write(&not_a_folder, "a file").expect("a file");
    let mut harness = harness();
    harness.run();
    harness
        .state_mut()
        .export_view_to(not_a_folder.join("view.png"), [320, 240]);
    for _ in 0..600 {
        harness.step();
        if !harness.state().exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!harness.state().exporting(), "the export finished");
    let last = harness.state().notifications().log().last().cloned();
    let last = last.expect("the export reported");
    assert_eq!(last.level, Level::Error, "{last:?}");
    assert!(last.text.starts_with("Export failed"), "{last:?}");
    assert!(
        last.text.contains("not-a-folder"),
        "names the file: {last:?}"
    );
    // Far longer than any info or warning toast lives: the error toast is still there.
    for _ in 0..120 {
        harness.step();
    }
    assert!(!harness.state().notifications().log().is_empty());
    harness.get_by_label_contains("Export failed");
    // The log window lists it as well.
    harness.get_by_label("View").click();
    harness.run();
    harness.get_by_label("Notifications…").click();
    harness.run();
    assert!(
        harness.query_all_by_label_contains("Export failed").count() >= 2,
        "the toast and the log entry"
    );
    // Dismissed, the toast goes; the log keeps it.
    harness.get_by_label("Dismiss").click();
    harness.run();
    assert_eq!(
        harness.query_all_by_label_contains("Export failed").count(),
        1
    );
    let _ = std::fs::remove_dir_all(&dir);
}
