//! The timeline's rules, free of any UI: which days the slider covers, the window it opens on,
//! the per-day histogram (exact days as bars, imprecise dates as spans), and playback stepping.
//!
//! The interval rule itself (an incident is in a window when the two overlap, both ends
//! inclusive; undated incidents are in none) lives on `DateSpan::overlaps` and
//! `state::DateWindow::admits`; `data/README.md` states it.

use jiff::civil::Date;
use jiff::{Span, ToSpan};
use serde::{Deserialize, Serialize};

use super::{Dataset, DatePrecision, DateSpan, EventType, Incident};

/// Days added around the events when choosing the default window and the slider's ends, so
/// the first and last events do not sit on the edge.
pub const PAD_DAYS: i64 = 5;

/// Event types that are not events on the ground: a period's statistics and a listing. They
/// still show on the histogram and map, but do not decide where the default window opens.
fn is_background(event: EventType) -> bool {
    matches!(event, EventType::Statistics | EventType::Designation)
}

fn days(n: i64) -> Span {
    n.days()
}

/// `date + n` days, saturating at jiff's range instead of failing.
pub fn add_days(date: Date, n: i64) -> Date {
    date.checked_add(days(n)).unwrap_or(date)
}

/// Whole days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    i64::from((b - a).get_days())
}

/// The slider's extent and the window it opens on, derived from the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeline {
    /// Every dated incident, padded by `PAD_DAYS` on both sides, and any day the caller
    /// needs reachable (the app: the last district notification, so the 2026 set can be shown).
    pub domain: DateSpan,
    /// The events themselves: incidents dated to the day or approximately, leaving out
    /// statistics and listings, padded by `PAD_DAYS`. For the bundled data: the offensive,
    /// 9 January – 11 February 2026.
    pub default_window: DateSpan,
}

impl Timeline {
    pub fn of(dataset: &Dataset, reach: &[Date]) -> Self {
        let fallback = DateSpan {
            first: jiff::civil::date(2026, 1, 1),
            last: jiff::civil::date(2026, 2, 28),
        };
        let pad = |span: DateSpan| DateSpan {
            first: add_days(span.first, -PAD_DAYS),
            last: add_days(span.last, PAD_DAYS),
        };
        let domain = reach
            .iter()
            .fold(dataset.date_extent().map_or(fallback, pad), |d, &day| {
                hull_of(d, DateSpan::day(day))
            });
        let events = dataset
            .incidents
            .iter()
            .filter(|i| {
                matches!(
                    i.date_precision,
                    DatePrecision::Day | DatePrecision::Approximate
                ) && !is_background(i.event_type)
            })
            .filter_map(|i| i.dates);
        let hull = events.fold(None, |acc: Option<DateSpan>, d| {
            Some(acc.map_or(d, |a| DateSpan {
                first: a.first.min(d.first),
                last: a.last.max(d.last),
            }))
        });
        let default_window = hull.map_or(domain, pad);
        Self {
            domain: hull_of(domain, default_window),
            default_window,
        }
    }

    /// The days the histogram details: the default window and the chosen one, whichever
    /// reaches further. Playback runs over it too.
    pub fn focus(&self, window: DateSpan) -> DateSpan {
        hull_of(self.default_window, window)
    }

    /// `window` moved inside the domain, keeping its length where it fits.
    pub fn clamp(&self, window: DateSpan) -> DateSpan {
        clamp_into(window, self.domain)
    }
}

fn hull_of(a: DateSpan, b: DateSpan) -> DateSpan {
    DateSpan {
        first: a.first.min(b.first),
        last: a.last.max(b.last),
    }
}

/// Moves `window` into `bounds`, keeping its length unless it is longer than `bounds`.
pub fn clamp_into(window: DateSpan, bounds: DateSpan) -> DateSpan {
    let len = window.days().min(bounds.days());
    let first = if window.first < bounds.first {
        bounds.first
    } else if window.last > bounds.last {
        add_days(bounds.last, 1 - len)
    } else {
        return window;
    };
    DateSpan {
        first,
        last: add_days(first, len - 1),
    }
}

/// `window` shifted by `n` days (negative: earlier), stopped at the edges of `bounds` with its
/// length kept: what ← and → do.
pub fn shift(window: DateSpan, n: i64, bounds: DateSpan) -> DateSpan {
    clamp_into(
        DateSpan {
            first: add_days(window.first, n),
            last: add_days(window.last, n),
        },
        bounds,
    )
}

/// What one day of the histogram holds, as indices into `Dataset::incidents`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayBin {
    /// Incidents dated to exactly this one day: drawn as bars.
    /// (Indices as `u32`: the overview's days hold every incident, a million of them.)
    pub on_day: Vec<u32>,
    /// Incidents whose dates span more than a day (or are only approximate) and include this
    /// day: drawn as spans across all their days, never as a spike on one.
    pub spanning: Vec<u32>,
    /// The stack as runs of one kind of event, in drawing order (the day's own incidents
    /// first, then the spans): what a histogram of thousands a day draws, one block a run,
    /// without looking each incident up every frame.
    pub runs: Vec<StackRun>,
}

/// Consecutive incidents of one day's stack with the same kind of event and exactness.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StackRun {
    pub event_type: crate::model::EventType,
    /// Dated to exactly this day (a bar), or a span covering it.
    pub exact: bool,
    pub count: u32,
}

impl DayBin {
    pub fn total(&self) -> usize {
        self.on_day.len() + self.spanning.len()
    }
}

/// Incidents per day over a range of days; each list in event-type order so stacks line up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Histogram {
    pub first: Date,
    pub bins: Vec<DayBin>,
}

/// Whether an incident is known to a single day (a bar), rather than a span.
pub fn is_exact_day(dates: DateSpan, precision: DatePrecision) -> bool {
    dates.is_single_day() && precision == DatePrecision::Day
}

/// A day's stack as runs (see `DayBin::runs`).
fn stack_runs(dataset: &Dataset, bin: &DayBin) -> Vec<StackRun> {
    let mut runs: Vec<StackRun> = Vec::new();
    let stack = bin
        .on_day
        .iter()
        .map(|&i| (i, true))
        .chain(bin.spanning.iter().map(|&i| (i, false)));
    for (i, exact) in stack {
        let Some(incident) = dataset.incidents.get(i as usize) else {
            continue;
        };
        match runs.last_mut() {
            Some(run) if run.event_type == incident.event_type && run.exact == exact => {
                run.count += 1;
            }
            _ => runs.push(StackRun {
                event_type: incident.event_type,
                exact,
                count: 1,
            }),
        }
    }
    runs
}

impl Histogram {
    pub fn new(dataset: &Dataset, range: DateSpan) -> Self {
        let count = usize::try_from(range.days()).unwrap_or(0);
        let mut bins = vec![DayBin::default(); count];
        // The incidents in the range, by kind of event (stable: file order within a kind), so
        // that a day's stack comes out in runs of one kind. A counting sort: a million
        // incidents are two passes, not a comparison sort.
        let in_range = |incident: &Incident| incident.dates.filter(|d| d.overlaps(&range));
        let mut starts = [0usize; EventType::ALL.len() + 1];
        for incident in &dataset.incidents {
            if in_range(incident).is_some()
                && let Some(count) = starts.get_mut(incident.event_type as usize + 1)
            {
                *count += 1;
            }
        }
        for kind in 1..starts.len() {
            let before = starts.get(kind - 1).copied().unwrap_or(0);
            if let Some(start) = starts.get_mut(kind) {
                *start += before;
            }
        }
        let mut order = vec![0usize; starts.last().copied().unwrap_or(0)];
        for (i, incident) in dataset.incidents.iter().enumerate() {
            if in_range(incident).is_some()
                && let Some(next) = starts.get_mut(incident.event_type as usize)
            {
                if let Some(slot) = order.get_mut(*next) {
                    *slot = i;
                }
                *next += 1;
            }
        }
        for i in order {
            let Some(incident) = dataset.incidents.get(i) else {
                continue;
            };
            let Some(dates) = in_range(incident) else {
                continue;
            };
            let exact = is_exact_day(dates, incident.date_precision);
            let from = days_between(range.first, dates.first.max(range.first));
            let to = days_between(range.first, dates.last.min(range.last));
            for day in from..=to {
                let Some(bin) = usize::try_from(day).ok().and_then(|d| bins.get_mut(d)) else {
                    continue;
                };
                if exact {
                    bin.on_day.push(u32::try_from(i).unwrap_or(u32::MAX));
                } else {
                    bin.spanning.push(u32::try_from(i).unwrap_or(u32::MAX));
                }
            }
        }
        for bin in &mut bins {
            bin.runs = stack_runs(dataset, bin);
        }
        Self {
            first: range.first,
            bins,
        }
    }

    /// The histogram of `range` cut from this one, when this one covers it: a day's bin
    /// does not depend on the range it was counted in.
    pub fn days(&self, range: DateSpan) -> Option<Histogram> {
        let from = usize::try_from(days_between(self.first, range.first)).ok()?;
        let to = usize::try_from(days_between(self.first, range.last)).ok()?;
        Some(Histogram {
            first: range.first,
            bins: self.bins.get(from..=to)?.to_vec(),
        })
    }

    pub fn day(&self, index: usize) -> Date {
        add_days(self.first, i64::try_from(index).unwrap_or(i64::MAX))
    }

    /// The tallest stack, for scaling.
    pub fn max_total(&self) -> usize {
        self.bins.iter().map(DayBin::total).max().unwrap_or(0)
    }
}

/// How playback moves the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum PlayMode {
    /// A window of `window_days` slides forward.
    #[default]
    Window,
    /// The start stays at the beginning of the play range; the end moves forward.
    Cumulative,
}

/// The playback speeds offered, in days per second.
pub const SPEEDS: [u8; 4] = [1, 2, 4, 8];

/// Playback choices the user expects back next launch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlaybackSettings {
    pub days_per_second: u8,
    pub mode: PlayMode,
    /// The length of the moving window, in days.
    pub window_days: u16,
    pub looped: bool,
}

impl Default for PlaybackSettings {
    fn default() -> Self {
        Self {
            days_per_second: 2,
            mode: PlayMode::Window,
            window_days: 3,
            looped: false,
        }
    }
}

/// The window after `n` steps of playback over `bounds`, and whether playback reached the
/// end (and stops, unless looping, in which case it wraps to the start).
pub fn step(
    window: DateSpan,
    n: i64,
    bounds: DateSpan,
    settings: PlaybackSettings,
) -> (DateSpan, bool) {
    let last = add_days(window.last, n);
    if last <= bounds.last {
        let first = match settings.mode {
            PlayMode::Window => add_days(window.first, n),
            PlayMode::Cumulative => window.first,
        };
        return (DateSpan { first, last }, false);
    }
    if settings.looped {
        (start_of_play(bounds, settings), false)
    } else {
        let first = match settings.mode {
            PlayMode::Window => add_days(bounds.last, 1 - window.days()),
            PlayMode::Cumulative => window.first,
        };
        (
            DateSpan {
                first: first.max(bounds.first),
                last: bounds.last,
            },
            true,
        )
    }
}

/// The first window of playback over `bounds`: its first `window_days`, or its first day.
pub fn start_of_play(bounds: DateSpan, settings: PlaybackSettings) -> DateSpan {
    let len = match settings.mode {
        PlayMode::Window => i64::from(settings.window_days.max(1)),
        PlayMode::Cumulative => 1,
    };
    DateSpan {
        first: bounds.first,
        last: add_days(bounds.first, len - 1).min(bounds.last),
    }
}

/// Playback in progress: turns elapsed seconds into whole-day steps, keeping the remainder
/// so a slow frame never loses or doubles a day.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Player {
    pub playing: bool,
    /// Fraction of the current day already played, 0..1: markers of the newest day fade in
    /// with it.
    pub progress: f64,
}

impl Player {
    /// Starts playing from `window`: where it is if playback could go on from there, else
    /// from the start of `bounds`. Returns the window to show first.
    pub fn play(
        &mut self,
        window: DateSpan,
        bounds: DateSpan,
        settings: PlaybackSettings,
    ) -> DateSpan {
        self.playing = true;
        self.progress = 0.0;
        let at_end = window.last >= bounds.last || !window.overlaps(&bounds);
        if at_end {
            return start_of_play(bounds, settings);
        }
        match settings.mode {
            PlayMode::Window => {
                let len = i64::from(settings.window_days.max(1));
                let first = window.first.max(bounds.first);
                DateSpan {
                    first,
                    last: add_days(first, len - 1).min(bounds.last),
                }
            }
            PlayMode::Cumulative => DateSpan {
                first: bounds.first,
                last: window.last.max(bounds.first),
            },
        }
    }

    /// Advances by `seconds` of wall time; returns the new window when it moved.
    pub fn advance(
        &mut self,
        window: DateSpan,
        bounds: DateSpan,
        settings: PlaybackSettings,
        seconds: f64,
    ) -> Option<DateSpan> {
        if !self.playing {
            return None;
        }
        self.progress += seconds.max(0.0) * f64::from(settings.days_per_second.max(1));
        let whole = self.progress.floor();
        if whole < 1.0 {
            return None;
        }
        self.progress -= whole;
        let (next, ended) = step(window, whole as i64, bounds, settings);
        if ended {
            self.playing = false;
            self.progress = 1.0;
        }
        Some(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{DataLocation, load};
    use jiff::civil::date;

    fn span(a: Date, b: Date) -> DateSpan {
        DateSpan { first: a, last: b }
    }

    #[test]
    fn days_cut_from_a_histogram_are_those_counted_for_them() {
        let loaded = load(&DataLocation::Bundled);
        let whole = span(date(2026, 1, 1), date(2026, 2, 28));
        let overview = Histogram::new(&loaded.dataset, whole);
        for part in [
            span(date(2026, 1, 28), date(2026, 2, 3)),
            span(date(2026, 1, 1), date(2026, 1, 1)),
            whole,
        ] {
            let cut = overview.days(part).expect("within");
            assert_eq!(cut, Histogram::new(&loaded.dataset, part), "{part:?}");
        }
        assert!(overview.max_total() > 5, "the offensive is in the range");
        assert_eq!(
            overview.days(span(date(2025, 12, 31), date(2026, 1, 3))),
            None
        );
        assert_eq!(
            overview.days(span(date(2026, 2, 20), date(2026, 3, 3))),
            None
        );
    }

    #[test]
    fn the_bundled_timeline_opens_on_the_offensive() {
        let loaded = load(&DataLocation::Bundled);
        let timeline = Timeline::of(&loaded.dataset, &[]);
        assert_eq!(
            timeline.default_window,
            span(date(2026, 1, 9), date(2026, 2, 11))
        );
        // The slider still reaches back to the 2024 background.
        assert_eq!(timeline.domain.first, date(2023, 12, 27));
        assert_eq!(timeline.domain.last, date(2026, 2, 11));
        // And as far as the caller asks.
        let longer = Timeline::of(&loaded.dataset, &[date(2026, 3, 12)]);
        assert_eq!(longer.domain.last, date(2026, 3, 12));
        assert_eq!(longer.default_window, timeline.default_window);
    }

    #[test]
    fn shifting_keeps_the_length_and_stops_at_the_edges() {
        let bounds = span(date(2026, 1, 1), date(2026, 1, 31));
        let w = span(date(2026, 1, 10), date(2026, 1, 12));
        assert_eq!(
            shift(w, 1, bounds),
            span(date(2026, 1, 11), date(2026, 1, 13))
        );
        assert_eq!(
            shift(w, -7, bounds),
            span(date(2026, 1, 3), date(2026, 1, 5))
        );
        assert_eq!(
            shift(w, 30, bounds),
            span(date(2026, 1, 29), date(2026, 1, 31))
        );
        assert_eq!(
            shift(w, -30, bounds),
            span(date(2026, 1, 1), date(2026, 1, 3))
        );
        // Longer than the bounds: it becomes the bounds.
        let long = span(date(2025, 12, 1), date(2026, 3, 1));
        assert_eq!(clamp_into(long, bounds), bounds);
    }

    #[test]
    fn histogram_bins_days_as_bars_and_ranges_as_spans_with_inclusive_ends() {
        let loaded = load(&DataLocation::Bundled);
        let dataset = &loaded.dataset;
        let range = span(date(2026, 1, 14), date(2026, 1, 31));
        let h = Histogram::new(dataset, range);
        assert_eq!(h.bins.len(), 18);
        let index = |id: &str| {
            let i = dataset.incidents.iter().position(|i| i.id == id).expect(id);
            u32::try_from(i).expect("small")
        };
        // 14 Jan: the Ormara–Pasni ambush, a day-precise bar, on its first (inclusive) day.
        assert!(h.bins[0].on_day.contains(&index("ormara_pasni_ambush")));
        // The approximate 29–30 Jan operations are spans on both days, never a bar.
        let sherani = index("preemptive_sherani");
        assert!(h.bins[15].spanning.contains(&sherani));
        assert!(h.bins[16].spanning.contains(&sherani));
        assert!(!h.bins[17].spanning.contains(&sherani));
        // The three-day coordinated offensive (precise to the day, lasting 30 Jan – 1 Feb) is
        // a span too, clipped at the range's last day (31 Jan, inclusive).
        let wave = index("coordinated_offensive");
        assert!(h.bins[16].spanning.contains(&wave) && h.bins[17].spanning.contains(&wave));
        // The statistics for January (approximate 1 Jan – 1 Feb) cover every day as a span.
        let stats = index("complex_attacks_early_2026");
        assert!(h.bins.iter().all(|b| b.spanning.contains(&stats)));
        // Each day's runs count its stack in drawing order: bars, then spans, each run one
        // kind of event, no two neighbours alike.
        for bin in &h.bins {
            let counted: u32 = bin.runs.iter().map(|r| r.count).sum();
            assert_eq!(counted as usize, bin.total());
            let bars: u32 = bin.runs.iter().filter(|r| r.exact).map(|r| r.count).sum();
            assert_eq!(bars as usize, bin.on_day.len());
            assert!(
                bin.runs
                    .windows(2)
                    .all(|w| (w[0].event_type, w[0].exact) != (w[1].event_type, w[1].exact))
            );
            assert!(bin.runs.windows(2).all(|w| w[0].exact || !w[1].exact));
        }
        // The undated Quetta–Chaman IEDs are on no day.
        let undated = index("quetta_chaman_ieds");
        assert!(
            h.bins
                .iter()
                .all(|b| !b.on_day.contains(&undated) && !b.spanning.contains(&undated))
        );
        // Stacks are in event-type order.
        for bin in &h.bins {
            let types: Vec<_> = bin
                .spanning
                .iter()
                .map(|&i| dataset.incidents[i as usize].event_type)
                .collect();
            assert!(types.windows(2).all(|w| w[0] <= w[1]));
        }
        assert_eq!(h.day(17), date(2026, 1, 31));
    }

    #[test]
    fn a_month_precise_incident_is_a_span_over_its_month() {
        let loaded = load(&DataLocation::Bundled);
        let dataset = &loaded.dataset;
        let h = Histogram::new(dataset, span(date(2024, 7, 31), date(2024, 9, 1)));
        let herof = dataset
            .incidents
            .iter()
            .position(|i| i.id == "herof_phase1")
            .and_then(|i| u32::try_from(i).ok())
            .expect("herof");
        let days_with: Vec<usize> = h
            .bins
            .iter()
            .enumerate()
            .filter(|(_, b)| b.spanning.contains(&herof))
            .map(|(d, _)| d)
            .collect();
        assert_eq!(days_with, (1..=31).collect::<Vec<_>>());
        assert!(h.bins.iter().all(|b| !b.on_day.contains(&herof)));
    }

    fn settings(mode: PlayMode, looped: bool) -> PlaybackSettings {
        PlaybackSettings {
            days_per_second: 2,
            mode,
            window_days: 3,
            looped,
        }
    }

    #[test]
    fn window_playback_slides_and_stops_or_wraps_at_the_end() {
        let bounds = span(date(2026, 1, 1), date(2026, 1, 10));
        let s = settings(PlayMode::Window, false);
        let w = start_of_play(bounds, s);
        assert_eq!(w, span(date(2026, 1, 1), date(2026, 1, 3)));
        let (w, ended) = step(w, 1, bounds, s);
        assert_eq!(
            (w, ended),
            (span(date(2026, 1, 2), date(2026, 1, 4)), false)
        );
        let (w, ended) = step(w, 6, bounds, s);
        assert_eq!(
            (w, ended),
            (span(date(2026, 1, 8), date(2026, 1, 10)), false)
        );
        let (end, ended) = step(w, 1, bounds, s);
        assert_eq!(
            (end, ended),
            (span(date(2026, 1, 8), date(2026, 1, 10)), true)
        );
        let (wrapped, ended) = step(w, 1, bounds, settings(PlayMode::Window, true));
        assert_eq!(
            (wrapped, ended),
            (span(date(2026, 1, 1), date(2026, 1, 3)), false)
        );
    }

    #[test]
    fn cumulative_playback_keeps_the_start_and_grows() {
        let bounds = span(date(2026, 1, 1), date(2026, 1, 10));
        let s = settings(PlayMode::Cumulative, false);
        let w = start_of_play(bounds, s);
        assert_eq!(w, span(date(2026, 1, 1), date(2026, 1, 1)));
        let (w, _) = step(w, 4, bounds, s);
        assert_eq!(w, span(date(2026, 1, 1), date(2026, 1, 5)));
        let (w, ended) = step(w, 9, bounds, s);
        assert_eq!(
            (w, ended),
            (span(date(2026, 1, 1), date(2026, 1, 10)), true)
        );
    }

    #[test]
    fn the_player_turns_seconds_into_whole_days_and_keeps_the_rest() {
        let bounds = span(date(2026, 1, 1), date(2026, 1, 10));
        let s = settings(PlayMode::Window, false); // 2 days per second
        let mut player = Player::default();
        let w = player.play(span(date(2026, 1, 1), date(2026, 1, 2)), bounds, s);
        assert_eq!(w, span(date(2026, 1, 1), date(2026, 1, 3)));
        assert_eq!(player.advance(w, bounds, s, 0.25), None);
        assert!((player.progress - 0.5).abs() < 1e-9);
        let w = player.advance(w, bounds, s, 0.5).expect("a day passed");
        assert_eq!(w, span(date(2026, 1, 2), date(2026, 1, 4)));
        assert!((player.progress - 0.5).abs() < 1e-9);
        // Far past the end: stops on the last window.
        let w = player.advance(w, bounds, s, 60.0).expect("moved");
        assert_eq!(w, span(date(2026, 1, 8), date(2026, 1, 10)));
        assert!(!player.playing);
        // Playing again from the end starts over.
        assert_eq!(
            player.play(w, bounds, s),
            span(date(2026, 1, 1), date(2026, 1, 3))
        );
        // Paused: nothing moves.
        player.playing = false;
        assert_eq!(player.advance(w, bounds, s, 5.0), None);
    }
}
