//! The presentation subsystem: whether the app presents, whether entering made the window
//! fullscreen (leaving undoes only that), the idle cursor, and the UI scale per mode (egui's
//! own zoom keys become the user's choice, through a command).

use crate::command::{Command, SettingsCommand};
use crate::state::{SCALE_RANGE, ViewSettings};

/// Seconds without mouse movement before presentation mode hides the cursor.
const CURSOR_IDLE_SECONDS: f64 = 3.0;

#[derive(Debug, Default)]
pub struct Presentation {
    presenting: bool,
    /// Entering presentation made the window fullscreen.
    went_fullscreen: bool,
    /// When the pointer last moved (egui time).
    last_pointer_activity: f64,
    /// The UI scale last set on the context; a different one means the user zoomed.
    applied_scale: Option<f32>,
    /// When presenting began (egui's clock), for the presenter window.
    started_at: f64,
}

impl Presentation {
    /// Whole minutes since presenting began, "0 min", "12 min", "1 h 05 min": a speaker
    /// paces a talk by minutes, and a display that changes each second would redraw both
    /// windows every second.
    pub fn elapsed(&self, ctx: &egui::Context) -> String {
        let minutes = ((ctx.input(|i| i.time) - self.started_at).max(0.0) / 60.0) as u64;
        if minutes >= 60 {
            format!("{} h {:02} min", minutes / 60, minutes % 60)
        } else {
            format!("{minutes} min")
        }
    }

    pub fn presenting(&self) -> bool {
        self.presenting
    }

    /// Enters or leaves; returns whether anything changed. Entering goes fullscreen unless
    /// the window already is; leaving restores the window only if entering changed it.
    pub fn set(&mut self, on: bool, ctx: &egui::Context) -> bool {
        if on == self.presenting {
            return false;
        }
        self.presenting = on;
        if on {
            self.started_at = ctx.input(|i| i.time);
        }
        let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        if on {
            self.last_pointer_activity = ctx.input(|i| i.time);
            if !fullscreen {
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(true));
                self.went_fullscreen = true;
            }
        } else if self.went_fullscreen {
            ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(false));
            self.went_fullscreen = false;
        }
        true
    }

    pub fn toggle_fullscreen(&mut self, ctx: &egui::Context) {
        let fullscreen = ctx.input(|i| i.viewport().fullscreen.unwrap_or(false));
        ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(!fullscreen));
        self.went_fullscreen = false;
    }

    /// While presenting, the cursor disappears after a few still seconds and comes back
    /// when the mouse moves.
    pub fn hide_idle_cursor(&mut self, ctx: &egui::Context) {
        let (now, moved) = ctx.input(|i| {
            (
                i.time,
                i.pointer.delta() != egui::Vec2::ZERO || i.pointer.any_down(),
            )
        });
        if moved {
            self.last_pointer_activity = now;
        }
        let idle = now - self.last_pointer_activity;
        if idle >= CURSOR_IDLE_SECONDS {
            ctx.set_cursor_icon(egui::CursorIcon::None);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                CURSOR_IDLE_SECONDS - idle + 0.05,
            ));
        }
    }

    /// Keeps egui's scale at the user's choice for the mode. A change made with egui's own
    /// zoom keys (Ctrl +/-) comes back as a command that makes it the choice.
    pub fn sync_scale(&mut self, ctx: &egui::Context, settings: &ViewSettings) -> Option<Command> {
        let wanted = settings.scale(self.presenting);
        let actual = ctx.zoom_factor();
        if let Some(applied) = self.applied_scale
            && (actual - applied).abs() > 1e-3
        {
            let chosen = actual.clamp(*SCALE_RANGE.start(), *SCALE_RANGE.end());
            self.applied_scale = Some(actual);
            return Some(if self.presenting {
                SettingsCommand::SetPresentationScale(chosen).into()
            } else {
                SettingsCommand::SetUiScale(chosen).into()
            });
        }
        if (actual - wanted).abs() > 1e-3 {
            ctx.set_zoom_factor(wanted);
        }
        self.applied_scale = Some(wanted);
        None
    }

    /// Whether egui lays out at the mode's scale now (the map's size in points is final).
    pub fn scale_ready(&self, ctx: &egui::Context, settings: &ViewSettings) -> bool {
        (ctx.zoom_factor() - settings.scale(self.presenting)).abs() <= 1e-3
    }
}
