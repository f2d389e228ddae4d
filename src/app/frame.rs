//! One frame, in order: keep the UI scale and the tiles in step with the settings, pick up
//! background work, turn keys into commands (before any widget can see them), advance
//! playback, refresh derived data once, draw the layout of the mode, then apply every
//! command queued on the way.

use std::sync::Arc;

use atlas_core::derived::{DerivedInputs, Wake};

use super::AtlasApp;
use super::jobs::JobEvent;
use crate::action::{Mode, commands_for_keys};
use crate::command::WindowCommand;

impl AtlasApp {
    /// One frame of the whole app (eframe calls this; so do tests, which have no
    /// `eframe::Frame`).
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if let Some(command) = self.presentation.sync_scale(&ctx, &self.settings) {
            self.commands.push(command);
        }
        self.tiles
            .sync(self.settings.tile_layer, &self.settings.private_tiles, &ctx);
        self.poll_jobs(&ctx);
        self.poll_disk(&ctx);
        self.keys(&ctx);
        // A file dropped on the window is added beside what is open (the first, if several):
        // the articles and a dataset side by side is what the comparison is for.
        let dropped = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .find(|p| !p.as_os_str().is_empty())
        });
        if let Some(path) = dropped {
            self.commands.push(WindowCommand::AddData(path));
        }
        if !self.presentation.presenting() {
            self.advance_playback(&ctx);
        }
        let repaint = ctx.clone();
        self.refresh_derived(Arc::new(move || repaint.request_repaint()));
        if self.derived.comparing().is_some() {
            // Its worker wakes the window when done; this is in case that frame is missed.
            ctx.request_repaint_after(std::time::Duration::from_millis(250));
        }
        if self.presentation.presenting() {
            self.presentation_layout(ui);
        } else {
            self.workspace(ui);
        }
        self.windows(&ctx);
        self.apply_commands(&ctx);
    }

    /// Keys become commands first thing in the frame, so a focused button never also sees
    /// the Space as a click; none while a text field has the keyboard.
    fn keys(&mut self, ctx: &egui::Context) {
        if ctx.text_edit_focused() {
            return;
        }
        let mode = if self.presentation.presenting() {
            Mode::Presenting
        } else {
            Mode::Workspace
        };
        for command in commands_for_keys(ctx, mode) {
            self.commands.push(command);
        }
    }

    /// Starts the tehsils when wanted; picks up finished work as problems and notifications.
    fn poll_jobs(&mut self, ctx: &egui::Context) {
        if self.settings.show_tehsils {
            let ctx = ctx.clone();
            self.jobs.want_tehsils(move || ctx.request_repaint());
        }
        for event in self.jobs.poll() {
            match event {
                JobEvent::TehsilsReady(problems) => self.data.add_problems(problems),
                JobEvent::ExportSucceeded(message) => self.notifications.info(message),
                JobEvent::ExportFailed(message) => self.notifications.error(message),
                JobEvent::LayerRead(path, layer, problems) => {
                    self.layer_read(&path, layer, problems);
                }
            }
        }
        if self.jobs.exporting().is_some() {
            ctx.request_repaint_after(std::time::Duration::from_millis(100));
        }
        let now = ctx.input(|i| i.time);
        self.notifications.tick(now);
        if let Some(seconds) = self.notifications.next_fade(now) {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(seconds.max(0.0)));
        }
    }

    /// Advances playback by this frame's time; asks for the next frame only while playing.
    fn advance_playback(&mut self, ctx: &egui::Context) {
        let seconds = f64::from(ctx.input(|i| i.stable_dt).min(0.25));
        if self.playback.advance(self.settings.playback, seconds) {
            ctx.request_repaint();
        }
    }

    /// Builds what the first frame needs (marker groups, shading, histograms) ahead of it, on
    /// the thread that opened the data; a large comparison starts in the background.
    pub fn warm_up(&mut self) {
        self.refresh_derived(Arc::new(|| {}));
    }

    /// The one place derived data is refreshed: before any panel reads it.
    fn refresh_derived(&mut self, wake: Wake) {
        let window = self.playback.window();
        let district_set = self.district_set();
        let timeline = self.playback.timeline();
        let inputs = DerivedInputs {
            view: self.data.view(),
            districts: self.data.prepared().districts(district_set),
            window,
            hide_undated: self.settings.hide_undated,
            district_set,
            shading: self.settings.shading,
            scope: self.scope(),
            focus: timeline.focus(window.span()),
            domain: timeline.domain,
            wake: Some(wake),
        };
        self.derived.refresh(&inputs);
    }
}
