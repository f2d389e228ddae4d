//! The time subsystem: the timeline's domain and opening window, the selected dates, the
//! player, and what the timeline panel keeps between frames (typed dates, where its strips
//! were laid out).

use crate::geo::boundaries::DistrictSet;
use crate::model::Dataset;
use crate::model::timeline::{PlaybackSettings, Player, Timeline, shift};
use crate::state::DateWindow;
use crate::ui::timeline::{DateFields, TimelineLayout};

pub struct Playback {
    timeline: Timeline,
    player: Player,
    window: DateWindow,
    date_fields: DateFields,
    layout: TimelineLayout,
}

impl Playback {
    /// Opens on the last window saved if it still meets the data, else the default one.
    pub fn new(dataset: &Dataset, saved: Option<DateWindow>) -> Self {
        let timeline = Timeline::of(dataset, &[DistrictSet::LAST_NOTIFIED]);
        let window = saved
            .map(DateWindow::span)
            .filter(|w| w.first <= w.last && w.overlaps(&timeline.domain))
            .map_or(DateWindow::from_span(timeline.default_window), |w| {
                DateWindow::from_span(timeline.clamp(w))
            });
        Self {
            timeline,
            player: Player::default(),
            window,
            date_fields: DateFields::default(),
            layout: TimelineLayout::default(),
        }
    }

    /// The data changed (an edit, a reload): the timeline is made again, the window kept
    /// (clamped to the new dates).
    pub fn data_changed(&mut self, dataset: &Dataset) {
        self.timeline = Timeline::of(dataset, &[DistrictSet::LAST_NOTIFIED]);
        self.window = DateWindow::from_span(self.timeline.clamp(self.window.span()));
    }

    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    pub fn player(&self) -> &Player {
        &self.player
    }

    pub fn window(&self) -> DateWindow {
        self.window
    }

    /// Shows these dates, clamped to the data's.
    pub fn set_window(&mut self, window: DateWindow) {
        self.window = DateWindow::from_span(self.timeline.clamp(window.span()));
    }

    pub fn pause(&mut self) {
        self.player.playing = false;
    }

    /// A user's choice of dates: playback stops there.
    pub fn choose_window(&mut self, window: DateWindow) {
        self.pause();
        self.set_window(window);
    }

    pub fn reset(&mut self) {
        self.pause();
        self.window = DateWindow::from_span(self.timeline.default_window);
    }

    /// Moves the window by whole days within the data's dates.
    pub fn shift(&mut self, days: i64) {
        let moved = shift(self.window.span(), days, self.timeline.domain);
        self.choose_window(DateWindow::from_span(moved));
    }

    /// Moves the window to the data's first or last dates.
    pub fn jump_to_end(&mut self, last: bool) {
        let days = self.timeline.domain.days();
        self.shift(if last { days } else { -days });
    }

    /// Widens the window to take in `dates` (unless it already does).
    pub fn widen_to(&mut self, dates: crate::model::DateSpan) {
        let window = self.window.span();
        if !(window.first <= dates.first && dates.last <= window.last) {
            self.pause();
            self.set_window(DateWindow::from_span(crate::model::DateSpan {
                first: window.first.min(dates.first),
                last: window.last.max(dates.last),
            }));
        }
    }

    pub fn toggle_play(&mut self, settings: PlaybackSettings) {
        if self.player.playing {
            self.pause();
        } else {
            let bounds = self.timeline.focus(self.window.span());
            let first = self.player.play(self.window.span(), bounds, settings);
            self.window = DateWindow::from_span(first);
        }
    }

    /// Advances playback by `seconds`; returns whether it is playing (and wants frames).
    pub fn advance(&mut self, settings: PlaybackSettings, seconds: f64) -> bool {
        if !self.player.playing {
            return false;
        }
        let bounds = self.timeline.focus(self.window.span());
        if let Some(next) = self
            .player
            .advance(self.window.span(), bounds, settings, seconds)
        {
            self.window = DateWindow::from_span(next);
        }
        true
    }

    /// While playing: the newest day and how far into it playback is (markers fade in).
    pub fn fade_in(&self) -> Option<(jiff::civil::Date, f32)> {
        self.player
            .playing
            .then_some((self.window.end, self.player.progress as f32))
    }

    /// What the timeline panel reads, and the typed dates it edits.
    pub fn panel_parts(&mut self) -> (&Timeline, &Player, DateWindow, &mut DateFields) {
        (
            &self.timeline,
            &self.player,
            self.window,
            &mut self.date_fields,
        )
    }

    #[cfg(feature = "testing")]
    pub fn layout(&self) -> TimelineLayout {
        self.layout
    }

    pub fn set_layout(&mut self, layout: TimelineLayout) {
        self.layout = layout;
    }
}
