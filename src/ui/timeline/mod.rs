//! The bottom panel: playback controls and date fields, the range slider over every dated
//! day (the overview), and under it the per-day histogram of the focus period (the detail).
//! Both strips are brushes: drag an end, drag the window, or drag out a new one; a click on a
//! histogram day selects that day. Reads state and pushes commands, like every panel.

use egui::{Color32, Rect, RichText, Stroke, vec2};
use jiff::civil::Date;

use crate::command::{CommandQueue, TimeCommand};
use crate::model::timeline::{
    Histogram, PlayMode, PlaybackSettings, Player, SPEEDS, Timeline, add_days, days_between,
};
use crate::model::{Dataset, DateSpan};
use crate::state::DateWindow;
use crate::theme::Palette;
use strips::{detail_strip, overview_strip};

mod strips;

/// Height of the overview strip (the slider over all dates).
const OVERVIEW_HEIGHT: f32 = 26.0;
/// Height of the histogram strip, without its date labels.
const DETAIL_HEIGHT: f32 = 84.0;
/// How close (in points) to a window edge a press grabs that edge.
const HANDLE_GRAB: f32 = 7.0;

/// A run of days laid out left to right; one day is `width / days` points wide.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DayAxis {
    pub first: Date,
    pub days: i64,
    pub left: f32,
    pub width: f32,
}

impl DayAxis {
    pub fn new(span: DateSpan, left: f32, width: f32) -> Self {
        Self {
            first: span.first,
            days: span.days().max(1),
            left,
            width,
        }
    }

    pub fn day_width(&self) -> f32 {
        self.width / self.days as f32
    }

    /// The left edge of `date`'s column.
    pub fn x_of(&self, date: Date) -> f32 {
        self.left + days_between(self.first, date) as f32 * self.day_width()
    }

    /// The centre of `date`'s column (where tests press).
    pub fn centre_of(&self, date: Date) -> f32 {
        self.x_of(date) + self.day_width() / 2.0
    }

    /// The day under `x`, clamped to the axis.
    pub fn day_at(&self, x: f32) -> Date {
        let index = ((x - self.left) / self.day_width()).floor() as i64;
        add_days(self.first, index.clamp(0, self.days - 1))
    }

    fn last(&self) -> Date {
        add_days(self.first, self.days - 1)
    }
}

/// Where the strips were laid out this frame (tests press on them).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TimelineLayout {
    pub overview: Option<(Rect, DayAxis)>,
    pub detail: Option<(Rect, DayAxis)>,
}

/// Text of the two date fields while the user types; kept between frames.
#[derive(Debug, Clone, Default)]
pub struct DateFields {
    start: String,
    end: String,
    start_invalid: bool,
    end_invalid: bool,
}

/// Everything the panel reads.
pub struct TimelineView<'a> {
    pub timeline: &'a Timeline,
    pub dataset: &'a Dataset,
    pub window: DateWindow,
    /// How many incidents the window admits (counted once per window, not per frame).
    pub incidents_in_window: usize,
    /// The focus period, for the histogram strip.
    pub histogram: &'a Histogram,
    /// The whole domain, for the overview's density ticks.
    pub overview: &'a Histogram,
    pub player: &'a Player,
    pub playback: PlaybackSettings,
    pub hide_undated: bool,
    pub palette: Palette,
}

pub fn show(
    ui: &mut egui::Ui,
    view: &TimelineView,
    fields: &mut DateFields,
    commands: &mut CommandQueue,
) -> TimelineLayout {
    controls_row(ui, view, fields, commands);
    ui.add_space(4.0);
    let overview = overview_strip(ui, view, commands);
    ui.add_space(6.0);
    let detail = detail_strip(ui, view, commands);
    TimelineLayout {
        overview: Some(overview),
        detail: Some(detail),
    }
}

/// "9 Jan – 11 Feb 2026", one day, or a whole month: the comparison's wording, shared.
pub use crate::model::compare::describe_span;

fn month_name(d: Date) -> &'static str {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    usize::try_from(d.month() - 1)
        .ok()
        .and_then(|m| NAMES.get(m))
        .copied()
        .unwrap_or("")
}

fn controls_row(
    ui: &mut egui::Ui,
    view: &TimelineView,
    fields: &mut DateFields,
    commands: &mut CommandQueue,
) {
    let settings = view.playback;
    ui.horizontal(|ui| {
        let tip = if view.player.playing {
            "Pause (Space)"
        } else {
            "Play (Space)"
        };
        let play = ui
            .add(egui::Button::new("").min_size(vec2(34.0, 24.0)))
            .on_hover_text(tip);
        // Drawn, not a glyph: egui's bundled fonts have no ▶ or ⏸.
        paint_play_icon(
            ui.painter(),
            play.rect,
            view.player.playing,
            ui.visuals().strong_text_color(),
        );
        play.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, tip));
        if play.clicked() {
            commands.push(TimeCommand::TogglePlay);
        }
        let mut changed = settings;
        egui::ComboBox::from_id_salt("speed")
            .width(70.0)
            .selected_text(format!("{} d/s", settings.days_per_second))
            .show_ui(ui, |ui| {
                for speed in SPEEDS {
                    ui.selectable_value(
                        &mut changed.days_per_second,
                        speed,
                        format!("{speed} days per second"),
                    );
                }
            })
            .response
            .on_hover_text("Playback speed");
        ui.selectable_value(&mut changed.mode, PlayMode::Window, "Window")
            .on_hover_text("A window of N days moves forward");
        if changed.mode == PlayMode::Window {
            ui.add(
                egui::DragValue::new(&mut changed.window_days)
                    .range(1..=90)
                    .suffix(" d"),
            )
            .on_hover_text("Length of the moving window, in days");
        }
        ui.selectable_value(&mut changed.mode, PlayMode::Cumulative, "Cumulative")
            .on_hover_text("Everything from the start up to the moving date");
        ui.checkbox(&mut changed.looped, "Loop");
        if changed != settings {
            commands.push(TimeCommand::SetPlayback(changed));
        }
        ui.separator();
        date_field(ui, "From", view.window.start, true, view, fields, commands);
        date_field(ui, "to", view.window.end, false, view, fields, commands);
        if ui
            .button("Reset")
            .on_hover_text("Back to the default window (the offensive)")
            .clicked()
        {
            commands.push(TimeCommand::ResetWindow);
        }
        ui.separator();
        range_label(ui, view);
        let mut show_undated = !view.hide_undated;
        if ui
            .checkbox(&mut show_undated, "Undated")
            .on_hover_text("Undated incidents are in no date range; show them on the map anyway")
            .changed()
        {
            commands.push(TimeCommand::SetHideUndated(!show_undated));
        }
    });
}

fn paint_play_icon(painter: &egui::Painter, rect: Rect, playing: bool, colour: Color32) {
    let c = rect.center();
    if playing {
        for dx in [-3.5, 3.5] {
            painter.rect_filled(
                Rect::from_center_size(c + vec2(dx, 0.0), vec2(4.0, 12.0)),
                1.0,
                colour,
            );
        }
    } else {
        painter.add(egui::Shape::convex_polygon(
            vec![
                c + vec2(-4.5, -6.5),
                c + vec2(6.5, 0.0),
                c + vec2(-4.5, 6.5),
            ],
            colour,
            Stroke::NONE,
        ));
    }
}

fn range_label(ui: &mut egui::Ui, view: &TimelineView) {
    let span = view.window.span();
    let count = view.incidents_in_window;
    let days = span.days();
    ui.label(
        RichText::new(format!(
            "{} · {days} day{} · {count} incident{}",
            describe_span(span),
            if days == 1 { "" } else { "s" },
            if count == 1 { "" } else { "s" },
        ))
        .strong(),
    );
}

/// One end's date field: typed as `YYYY-MM-DD`, applied on Enter or when it loses focus.
fn date_field(
    ui: &mut egui::Ui,
    label: &str,
    current: Date,
    is_start: bool,
    view: &TimelineView,
    fields: &mut DateFields,
    commands: &mut CommandQueue,
) {
    ui.label(label);
    let (text, invalid) = if is_start {
        (&mut fields.start, &mut fields.start_invalid)
    } else {
        (&mut fields.end, &mut fields.end_invalid)
    };
    let id = egui::Id::unique(("timeline_date_field", is_start));
    let focused = ui.memory(|m| m.has_focus(id));
    if !focused && !*invalid {
        *text = current.to_string();
    }
    let mut edit = egui::TextEdit::singleline(text)
        .id(id)
        .desired_width(88.0)
        .char_limit(10)
        .hint_text("YYYY-MM-DD");
    if *invalid {
        edit = edit.text_color(view.palette.error_text());
    }
    let response = ui.add(edit);
    let name = if is_start { "Start date" } else { "End date" };
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::TextInput, true, name));
    if response.lost_focus() {
        match DateSpan::parse(text).ok().filter(DateSpan::is_single_day) {
            Some(day) => {
                *invalid = false;
                let d = day.first;
                let w = view.window;
                let window = if is_start {
                    DateWindow {
                        start: d,
                        end: w.end.max(d),
                    }
                } else {
                    DateWindow {
                        start: w.start.min(d),
                        end: d,
                    }
                };
                commands.push(TimeCommand::SetWindow(window));
            }
            None => *invalid = true,
        }
    }
    if *invalid {
        response.on_hover_text("Not a date: type it as YYYY-MM-DD, e.g. 2026-01-30");
    }
}
