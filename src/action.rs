//! The user-facing actions that have a keyboard shortcut, in one table: label, shortcuts per
//! mode, tooltip, and the command each sends. The key handling, the menus and buttons, and
//! the keyboard shortcuts window all read this table, so a shortcut is written once.

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::command::{BriefingCommand, Command, EditCommand, TimeCommand, WindowCommand};

/// Where an action's keys work: the everyday layout, presentation mode, or both. A key may
/// mean one thing in each (→ moves the dates in the workspace, the slides while presenting).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Workspace,
    Presenting,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Present,
    StopPresenting,
    Fullscreen,
    ExportPng,
    OpenData,
    AddData,
    NextSlide,
    PreviousSlide,
    FirstSlide,
    LastSlide,
    PlayPause,
    DayLater,
    DayEarlier,
    WeekLater,
    WeekEarlier,
    FirstDates,
    LastDates,
    Shortcuts,
    Undo,
    Redo,
    Save,
}

const fn key(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::NONE, key)
}

const fn shift(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::SHIFT, key)
}

const fn command(key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(Modifiers::COMMAND, key)
}

/// Each shortcut once, as a constant (so the table's slices are `'static`).
const COMMAND_E: KeyboardShortcut = command(Key::E);
const COMMAND_S: KeyboardShortcut = command(Key::S);
const COMMAND_Y: KeyboardShortcut = command(Key::Y);
const COMMAND_Z: KeyboardShortcut = command(Key::Z);
const COMMAND_SHIFT_Z: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::Z);
const COMMAND_O: KeyboardShortcut = command(Key::O);
const COMMAND_SHIFT_O: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::O);
const ARROW_DOWN: KeyboardShortcut = key(Key::ArrowDown);
const ARROW_LEFT: KeyboardShortcut = key(Key::ArrowLeft);
const ARROW_RIGHT: KeyboardShortcut = key(Key::ArrowRight);
const ARROW_UP: KeyboardShortcut = key(Key::ArrowUp);
const BACKSPACE: KeyboardShortcut = key(Key::Backspace);
const END: KeyboardShortcut = key(Key::End);
const ESCAPE: KeyboardShortcut = key(Key::Escape);
const F1: KeyboardShortcut = key(Key::F1);
const F11: KeyboardShortcut = key(Key::F11);
const F5: KeyboardShortcut = key(Key::F5);
const HOME: KeyboardShortcut = key(Key::Home);
const PAGE_DOWN: KeyboardShortcut = key(Key::PageDown);
const PAGE_UP: KeyboardShortcut = key(Key::PageUp);
const QUESTIONMARK: KeyboardShortcut = key(Key::Questionmark);
const SPACE: KeyboardShortcut = key(Key::Space);
const SHIFT_ARROW_LEFT: KeyboardShortcut = shift(Key::ArrowLeft);
const SHIFT_ARROW_RIGHT: KeyboardShortcut = shift(Key::ArrowRight);

/// What the table says of one action.
#[derive(Debug, Clone, Copy)]
pub struct ActionInfo {
    pub label: &'static str,
    pub tooltip: &'static str,
    /// Its keys in the everyday layout (empty: none there).
    pub workspace_keys: &'static [KeyboardShortcut],
    /// Its keys while presenting (empty: none then).
    pub presenting_keys: &'static [KeyboardShortcut],
}

impl Action {
    pub const ALL: [Action; 21] = [
        Action::Present,
        Action::StopPresenting,
        Action::Fullscreen,
        Action::ExportPng,
        // Ctrl+Shift+O before Ctrl+O: the first that matches takes the keys.
        Action::AddData,
        Action::OpenData,
        Action::NextSlide,
        Action::PreviousSlide,
        Action::FirstSlide,
        Action::LastSlide,
        Action::PlayPause,
        Action::DayLater,
        Action::DayEarlier,
        Action::WeekLater,
        Action::WeekEarlier,
        Action::FirstDates,
        Action::LastDates,
        Action::Shortcuts,
        // Ctrl+Shift+Z before Ctrl+Z, as above.
        Action::Redo,
        Action::Undo,
        Action::Save,
    ];

    // One arm per action: a table, long by nature.
    #[allow(clippy::too_many_lines)]
    pub fn info(self) -> ActionInfo {
        let (label, tooltip, workspace_keys, presenting_keys): (_, _, &[_], &[_]) = match self {
            Action::Present => (
                "Present",
                "Presentation mode: large type, map and captions only",
                &[F5],
                &[],
            ),
            Action::StopPresenting => (
                "Leave presentation",
                "Back to the map with its panels",
                &[],
                &[ESCAPE, F5],
            ),
            Action::Fullscreen => (
                "Fullscreen",
                "Fill the screen, or go back to a window",
                &[F11],
                &[F11],
            ),
            Action::OpenData => (
                "Open data…",
                "A folder of our tables, or an ACLED or UCDP GED file (or drop one on the window)",
                &[COMMAND_O],
                &[],
            ),
            Action::AddData => (
                "Add data…",
                "An ACLED or UCDP GED file beside what is open, to compare with it (or drop the file on the window)",
                &[COMMAND_SHIFT_O],
                &[],
            ),
            Action::ExportPng => (
                "Export PNG…",
                "The map as a slide, with title, dates, sources and attribution",
                &[COMMAND_E],
                &[COMMAND_E],
            ),
            Action::NextSlide => (
                "Next slide",
                "What a presentation clicker sends",
                &[PAGE_DOWN],
                &[PAGE_DOWN, ARROW_RIGHT, ARROW_DOWN, SPACE],
            ),
            Action::PreviousSlide => (
                "Previous slide",
                "What a presentation clicker sends",
                &[PAGE_UP],
                &[PAGE_UP, ARROW_LEFT, ARROW_UP, BACKSPACE],
            ),
            Action::FirstSlide => ("First slide", "", &[], &[HOME]),
            Action::LastSlide => ("Last slide", "", &[], &[END]),
            Action::PlayPause => (
                "Play / pause",
                "Step the dates forward at the chosen speed",
                &[SPACE],
                &[],
            ),
            Action::DayLater => ("A day later", "", &[ARROW_RIGHT], &[]),
            Action::DayEarlier => ("A day earlier", "", &[ARROW_LEFT], &[]),
            Action::WeekLater => ("A week later", "", &[SHIFT_ARROW_RIGHT], &[]),
            Action::WeekEarlier => ("A week earlier", "", &[SHIFT_ARROW_LEFT], &[]),
            Action::FirstDates => ("To the first dates", "", &[HOME], &[]),
            Action::LastDates => ("To the last dates", "", &[END], &[]),
            Action::Shortcuts => (
                "Keyboard shortcuts",
                "Every key the app answers to",
                &[F1, QUESTIONMARK],
                &[F1, QUESTIONMARK],
            ),
            Action::Undo => (
                "Undo",
                "Take back the last edit of the data",
                &[COMMAND_Z],
                &[],
            ),
            Action::Redo => (
                "Redo",
                "Make the last edit taken back again",
                &[COMMAND_SHIFT_Z, COMMAND_Y],
                &[],
            ),
            Action::Save => (
                "Save",
                "Write the edits to the data's folder (a copy's folder for data that is never written)",
                &[COMMAND_S],
                &[],
            ),
        };
        ActionInfo {
            label,
            tooltip,
            workspace_keys,
            presenting_keys,
        }
    }

    pub fn label(self) -> &'static str {
        self.info().label
    }

    pub fn keys(self, mode: Mode) -> &'static [KeyboardShortcut] {
        let info = self.info();
        match mode {
            Mode::Workspace => info.workspace_keys,
            Mode::Presenting => info.presenting_keys,
        }
    }

    /// The keys of a mode as people write them: `PageDown / →`.
    pub fn keys_text(self, mode: Mode) -> String {
        self.keys(mode)
            .iter()
            .map(shortcut_text)
            .collect::<Vec<_>>()
            .join(" / ")
    }

    /// A tooltip that ends with the action's keys, e.g. "… (F5)".
    pub fn tooltip(self, mode: Mode) -> String {
        let keys = self.keys_text(mode);
        match (self.info().tooltip, keys.is_empty()) {
            (tip, true) => tip.to_owned(),
            ("", false) => keys,
            (tip, false) => format!("{tip} ({keys})"),
        }
    }

    /// The command the action sends.
    pub fn command(self) -> Command {
        match self {
            Action::Present => BriefingCommand::SetPresenting(true).into(),
            Action::StopPresenting => BriefingCommand::SetPresenting(false).into(),
            Action::Fullscreen => WindowCommand::ToggleFullscreen.into(),
            Action::ExportPng => BriefingCommand::ExportView.into(),
            Action::OpenData => WindowCommand::PickDataToOpen.into(),
            Action::AddData => WindowCommand::PickDataToAdd.into(),
            Action::NextSlide => BriefingCommand::StepSlide(1).into(),
            Action::PreviousSlide => BriefingCommand::StepSlide(-1).into(),
            Action::FirstSlide => BriefingCommand::SlideAtEnd(false).into(),
            Action::LastSlide => BriefingCommand::SlideAtEnd(true).into(),
            Action::PlayPause => TimeCommand::TogglePlay.into(),
            Action::DayLater => TimeCommand::ShiftWindow(1).into(),
            Action::DayEarlier => TimeCommand::ShiftWindow(-1).into(),
            Action::WeekLater => TimeCommand::ShiftWindow(7).into(),
            Action::WeekEarlier => TimeCommand::ShiftWindow(-7).into(),
            Action::FirstDates => TimeCommand::WindowToEnd(false).into(),
            Action::LastDates => TimeCommand::WindowToEnd(true).into(),
            Action::Shortcuts => WindowCommand::ShowShortcuts(true).into(),
            Action::Undo => EditCommand::Undo.into(),
            Action::Redo => EditCommand::Redo.into(),
            Action::Save => EditCommand::Save.into(),
        }
    }
}

/// A shortcut as the shortcuts window and tooltips show it ("Ctrl+E", "Shift+→", "?").
pub fn shortcut_text(shortcut: &KeyboardShortcut) -> String {
    let name = match shortcut.logical_key {
        Key::ArrowRight => "→",
        Key::ArrowLeft => "←",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        Key::Questionmark => "?",
        other => other.name(),
    };
    let mut text = String::new();
    if shortcut.modifiers.command {
        text.push_str(if cfg!(target_os = "macos") {
            "Cmd+"
        } else {
            "Ctrl+"
        });
    }
    if shortcut.modifiers.shift {
        text.push_str("Shift+");
    }
    text.push_str(name);
    text
}

/// The commands for the keys pressed this frame in a mode, each key consumed so no widget
/// also sees it. Shortcuts with more modifiers are tried first: egui matches "→" on a
/// Shift+→ press too.
pub fn commands_for_keys(ctx: &egui::Context, mode: Mode) -> Vec<Command> {
    let mut bindings: Vec<(Action, KeyboardShortcut)> = Action::ALL
        .iter()
        .flat_map(|&a| a.keys(mode).iter().map(move |&k| (a, k)))
        .collect();
    let modifier_count = |k: &KeyboardShortcut| {
        usize::from(k.modifiers.shift)
            + usize::from(k.modifiers.command)
            + usize::from(k.modifiers.alt)
    };
    bindings.sort_by_key(|(_, k)| std::cmp::Reverse(modifier_count(k)));
    let mut commands = Vec::new();
    for (action, shortcut) in bindings {
        if ctx.input_mut(|i| i.consume_shortcut(&shortcut)) {
            commands.push(action.command());
        }
    }
    commands
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_actions_in_one_mode() {
        for mode in [Mode::Workspace, Mode::Presenting] {
            let mut seen = Vec::new();
            for action in Action::ALL {
                for shortcut in action.keys(mode) {
                    assert!(
                        !seen.contains(shortcut),
                        "{} is bound twice in {mode:?}",
                        shortcut_text(shortcut)
                    );
                    seen.push(*shortcut);
                }
            }
        }
    }

    #[test]
    fn a_tooltip_names_the_keys() {
        assert_eq!(
            Action::Present.tooltip(Mode::Workspace),
            "Presentation mode: large type, map and captions only (F5)"
        );
        assert_eq!(Action::WeekLater.keys_text(Mode::Workspace), "Shift+→");
    }
}
