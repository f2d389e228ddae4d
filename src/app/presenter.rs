//! The speaker's side of a briefing: slide thumbnails (drawn when the Briefing window or the
//! presenter window needs them) and the presenter window while presenting.

use super::AtlasApp;
use super::thumbnails::THUMBNAIL_SIZE;
use crate::command::BriefingCommand;
use crate::render::slide::RenderJob;
use crate::ui::presenter::{self, PresenterSlide, PresenterView};

impl AtlasApp {
    /// Starts drawing the thumbnails when a window shows them and the slides changed since
    /// they were drawn, and takes those that arrived.
    pub(super) fn refresh_thumbnails(&mut self, ctx: &egui::Context) {
        let wanted = self.interaction.briefing
            || (self.presentation.presenting() && self.settings.presenter_view);
        if !wanted || self.briefing.is_empty() {
            return;
        }
        let (revision, dark) = (self.briefing.revision(), self.settings.dark_mode);
        if !self.briefing.thumbnails().is_for(revision, dark) {
            let job = RenderJob {
                loaded: std::sync::Arc::clone(self.data.loaded()),
                prepared: std::sync::Arc::clone(self.data.prepared()),
                tehsils: self.jobs.tehsils().cloned(),
                dark,
                scale: self.settings.scale(true),
                briefing: self.briefing.briefing().clone(),
                paths: Vec::new(),
                size: THUMBNAIL_SIZE,
                numbered: true,
            };
            self.briefing
                .thumbnails_mut()
                .start(job, revision, dark, ctx.clone());
        }
        self.briefing.thumbnails_mut().poll(ctx);
    }

    /// The thumbnail of slide `index` as the windows draw it.
    pub(super) fn thumbnail(&self, index: usize) -> Option<(egui::TextureId, egui::Vec2)> {
        self.briefing
            .thumbnails()
            .get(index)
            .map(|t| (t.id(), t.size_vec2()))
    }

    /// The presenter window, while presenting with it on.
    pub(super) fn presenter_window(&mut self, ctx: &egui::Context) {
        if !(self.presentation.presenting() && self.settings.presenter_view) {
            return;
        }
        let slides = &self.briefing.briefing().slides;
        let current = self.briefing.current();
        let describe = |index: usize| {
            slides.get(index).map(|slide| PresenterSlide {
                number: index + 1,
                title: &slide.title,
                picture: self.thumbnail(index),
            })
        };
        let view = PresenterView {
            slides: slides.len(),
            current: current.and_then(describe),
            next: describe(current.map_or(0, |i| i + 1)),
            notes: current
                .and_then(|i| slides.get(i))
                .map_or("", |s| s.notes.as_str()),
            clock: jiff::Zoned::now().strftime("%H:%M").to_string(),
            elapsed: self.presentation.elapsed(ctx),
        };
        if presenter::show(ctx, &view) {
            self.commands.push(BriefingCommand::SetPresenterView(false));
        }
        // The clock and the minutes move: look again within a few seconds (not more often:
        // each look redraws the audience's window too).
        ctx.request_repaint_after(std::time::Duration::from_secs(5));
    }
}
