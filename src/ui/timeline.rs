//! The bottom panel: playback controls and date fields, the range slider over every dated
//! day (the overview), and under it the per-day histogram of the focus period (the detail).
//! Both strips are brushes: drag an end, drag the window, or drag out a new one; a click on a
//! histogram day selects that day. Reads state and pushes commands, like every panel.

use egui::{Align2, Color32, CursorIcon, FontId, Pos2, Rect, RichText, Sense, Stroke, pos2, vec2};
use jiff::civil::{Date, Weekday};

use crate::command::{CommandQueue, TimeCommand};
use crate::model::timeline::{
    Histogram, PlayMode, PlaybackSettings, Player, SPEEDS, Timeline, add_days, days_between, shift,
};
use crate::model::{Dataset, DateSpan};
use crate::state::DateWindow;
use crate::theme::Palette;

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
    NAMES[(d.month() - 1) as usize]
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
    let count = view
        .dataset
        .incidents
        .iter()
        .filter(|i| view.window.admits(i.dates))
        .count();
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

/// What a press on a strip took hold of.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Grab {
    Start,
    End,
    Window,
    /// A press outside the window: dragging draws a new one.
    New,
}

/// The drag in progress: what was grabbed, the window then, and the day pressed.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Drag {
    grab: Grab,
    window: DateWindow,
    origin: Date,
}

fn grab_at(axis: &DayAxis, window: DateWindow, x: f32) -> Grab {
    let start_x = axis.x_of(window.start);
    let end_x = axis.x_of(add_days(window.end, 1));
    if (x - end_x).abs() <= HANDLE_GRAB && (x - end_x).abs() <= (x - start_x).abs() {
        Grab::End
    } else if (x - start_x).abs() <= HANDLE_GRAB {
        Grab::Start
    } else if x > start_x && x < end_x {
        Grab::Window
    } else {
        Grab::New
    }
}

fn dragged_window(drag: Drag, now: Date, bounds: DateSpan) -> DateWindow {
    let delta = days_between(drag.origin, now);
    let w = drag.window;
    match drag.grab {
        Grab::Start => DateWindow {
            start: add_days(w.start, delta).min(w.end).max(bounds.first),
            end: w.end,
        },
        Grab::End => DateWindow {
            start: w.start,
            end: add_days(w.end, delta).max(w.start).min(bounds.last),
        },
        Grab::Window => DateWindow::from_span(shift(w.span(), delta, bounds)),
        Grab::New => DateWindow {
            start: drag.origin.min(now),
            end: drag.origin.max(now),
        },
    }
}

/// The brush behaviour shared by both strips. Returns the response for hover handling.
fn brush(
    ui: &mut egui::Ui,
    rect: Rect,
    axis: &DayAxis,
    view: &TimelineView,
    name: &str,
    commands: &mut CommandQueue,
) -> egui::Response {
    let id = egui::Id::unique(("timeline_brush", name));
    let response = ui.interact(rect, id, Sense::click_and_drag());
    let label = format!("{name}: {}", describe_span(view.window.span()));
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Slider, true, &label));
    let bounds = view.timeline.domain;
    if let Some(pos) = response.hover_pos() {
        let icon = match grab_at(axis, view.window, pos.x) {
            Grab::Start | Grab::End => CursorIcon::ResizeHorizontal,
            Grab::Window => CursorIcon::Grab,
            Grab::New => CursorIcon::Crosshair,
        };
        ui.ctx().set_cursor_icon(icon);
    }
    if response.drag_started()
        && let Some(origin) = ui.input(|i| i.pointer.press_origin())
    {
        let drag = Drag {
            grab: grab_at(axis, view.window, origin.x),
            window: view.window,
            origin: axis.day_at(origin.x),
        };
        ui.data_mut(|d| d.insert_temp(id, drag));
    }
    if response.dragged()
        && let Some(pos) = response.interact_pointer_pos()
        && let Some(drag) = ui.data(|d| d.get_temp::<Drag>(id))
    {
        let next = dragged_window(drag, axis.day_at(pos.x), bounds);
        if next != view.window {
            commands.push(TimeCommand::SetWindow(next));
        }
    }
    if response.drag_stopped() {
        ui.data_mut(|d| d.remove::<Drag>(id));
    }
    response
}

fn overview_strip(
    ui: &mut egui::Ui,
    view: &TimelineView,
    commands: &mut CommandQueue,
) -> (Rect, DayAxis) {
    let p = view.palette;
    let (rect, _) = ui.allocate_exact_size(
        vec2(ui.available_width(), OVERVIEW_HEIGHT + 14.0),
        Sense::hover(),
    );
    let track = Rect::from_min_size(rect.min, vec2(rect.width(), OVERVIEW_HEIGHT));
    let axis = DayAxis::new(view.timeline.domain, track.left(), track.width());
    let response = brush(
        ui,
        track,
        &axis,
        view,
        "Date range over all dates",
        commands,
    );
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        // A click centres the window on the day, keeping its length.
        let day = axis.day_at(pos.x);
        let half = view.window.span().days() / 2;
        let moved = shift(
            view.window.span(),
            days_between(view.window.start, add_days(day, -half)),
            view.timeline.domain,
        );
        commands.push(TimeCommand::SetWindow(DateWindow::from_span(moved)));
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(track, 4.0, visuals.extreme_bg_color);
    // Density: one tick per day with anything dated on it, darker for more.
    let full = view.overview;
    let tallest = full.max_total().max(1) as f32;
    for (i, bin) in full.bins.iter().enumerate() {
        if bin.total() == 0 {
            continue;
        }
        let x = axis.x_of(full.day(i));
        let h = (OVERVIEW_HEIGHT - 6.0) * (0.25 + 0.75 * bin.total() as f32 / tallest);
        let colour = if bin.on_day.is_empty() {
            visuals.weak_text_color()
        } else {
            visuals.strong_text_color()
        };
        painter.rect_filled(
            Rect::from_min_max(
                pos2(x, track.bottom() - 3.0 - h),
                pos2(x + axis.day_width().max(1.0), track.bottom() - 3.0),
            ),
            0.0,
            colour,
        );
    }
    paint_window(&painter, track, &axis, view.window, p, visuals);
    // Year and month marks under the track.
    let font = FontId::proportional(11.0);
    let mut month = jiff::civil::date(
        view.timeline.domain.first.year(),
        view.timeline.domain.first.month(),
        1,
    );
    let month_px = 30.0 * axis.day_width();
    while month <= axis.last() {
        let x = axis.x_of(month);
        if x >= track.left() {
            let year_start = month.month() == 1;
            painter.line_segment(
                [
                    pos2(x, track.bottom()),
                    pos2(x, track.bottom() + if year_start { 6.0 } else { 3.0 }),
                ],
                Stroke::new(1.0, visuals.weak_text_color()),
            );
            let text = if year_start {
                Some(month.year().to_string())
            } else if month_px > 28.0 {
                Some(month_name(month).to_owned())
            } else {
                None
            };
            if let Some(text) = text {
                painter.text(
                    pos2(x + 2.0, track.bottom() + 1.0),
                    Align2::LEFT_TOP,
                    text,
                    font.clone(),
                    visuals.text_color(),
                );
            }
        }
        month = month
            .checked_add(jiff::ToSpan::month(1))
            .unwrap_or(add_days(axis.last(), 1));
    }
    (track, axis)
}

/// The selected window on a strip: everything outside dimmed, the window outlined, a grip
/// at each end.
fn paint_window(
    painter: &egui::Painter,
    track: Rect,
    axis: &DayAxis,
    window: DateWindow,
    p: Palette,
    visuals: &egui::Visuals,
) {
    let x0 = axis.x_of(window.start).clamp(track.left(), track.right());
    let x1 = axis
        .x_of(add_days(window.end, 1))
        .clamp(track.left(), track.right());
    let dim = visuals.panel_fill.gamma_multiply(0.7);
    if x0 > track.left() {
        painter.rect_filled(
            Rect::from_min_max(track.min, pos2(x0, track.bottom())),
            0.0,
            dim,
        );
    }
    if x1 < track.right() {
        painter.rect_filled(
            Rect::from_min_max(pos2(x1, track.top()), track.max),
            0.0,
            dim,
        );
    }
    let accent = p.selection.color;
    let body = Rect::from_min_max(
        pos2(x0, track.top()),
        pos2(x1.max(x0 + 2.0), track.bottom()),
    );
    painter.rect_stroke(
        body,
        2.0,
        Stroke::new(2.0, accent),
        egui::StrokeKind::Inside,
    );
    for x in [x0, x1.max(x0 + 2.0)] {
        let grip =
            Rect::from_center_size(pos2(x, track.center().y), vec2(6.0, track.height() * 0.6));
        painter.rect_filled(grip, 2.0, accent);
    }
}

fn detail_strip(
    ui: &mut egui::Ui,
    view: &TimelineView,
    commands: &mut CommandQueue,
) -> (Rect, DayAxis) {
    let p = view.palette;
    let (rect, _) = ui.allocate_exact_size(
        vec2(ui.available_width(), DETAIL_HEIGHT + 16.0),
        Sense::hover(),
    );
    let plot = Rect::from_min_size(rect.min, vec2(rect.width(), DETAIL_HEIGHT));
    let h = view.histogram;
    let span = DateSpan {
        first: h.first,
        last: h.day(h.bins.len().saturating_sub(1)),
    };
    let axis = DayAxis::new(span, plot.left(), plot.width());
    let response = brush(ui, plot, &axis, view, "Incidents per day", commands);
    if response.clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let day = axis.day_at(pos.x);
        commands.push(TimeCommand::SetWindow(DateWindow {
            start: day,
            end: day,
        }));
    }
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    painter.rect_filled(plot, 4.0, visuals.extreme_bg_color);
    paint_bars(&painter, plot, &axis, view, p);
    paint_window(&painter, plot, &axis, view.window, p, visuals);
    paint_day_labels(&painter, plot, &axis, visuals);
    if let Some(pos) = response.hover_pos() {
        hover_day(ui, &response, &axis, view, pos);
    }
    (plot, axis)
}

/// Stacked blocks per day: bars for incidents dated to that day (solid), then spans for
/// incidents whose dates cover more than the day (lighter, joined across days so a two-day
/// event reads as one block, not two spikes).
fn paint_bars(
    painter: &egui::Painter,
    plot: Rect,
    axis: &DayAxis,
    view: &TimelineView,
    p: Palette,
) {
    const LABEL_ROOM: f32 = 14.0;
    let h = view.histogram;
    let room = plot.height() - LABEL_ROOM - 2.0;
    // Linear, so heights compare; never thinner than 3 points a block, so a day with one
    // incident stays visible next to the 30 January spike (which is clipped, and counted).
    let unit = (room / h.max_total().max(1) as f32).clamp(3.0, 14.0);
    let w = axis.day_width();
    let gap = if w > 6.0 { 1.5 } else { 0.0 };
    let font = FontId::proportional(11.0);
    for (i, bin) in h.bins.iter().enumerate() {
        if bin.total() == 0 {
            continue;
        }
        let x = axis.x_of(h.day(i));
        let floor = plot.bottom() - 2.0;
        let ceiling = plot.bottom() - 2.0 - room;
        let mut y = floor;
        let blocks = bin
            .on_day
            .iter()
            .map(|&i| (i, true))
            .chain(bin.spanning.iter().map(|&i| (i, false)));
        for (incident, exact) in blocks {
            if y - unit < ceiling - 0.5 {
                break;
            }
            let colour = p.event_colour(view.dataset.incidents[incident].event_type);
            if exact {
                let block = Rect::from_min_max(pos2(x + gap, y - unit), pos2(x + w - gap, y));
                painter.rect_filled(block.shrink2(vec2(0.0, 0.4)), 1.0, colour);
            } else {
                let block = Rect::from_min_max(pos2(x, y - unit), pos2(x + w, y));
                painter.rect_filled(
                    block.shrink2(vec2(0.0, 0.4)),
                    0.0,
                    colour.gamma_multiply(0.45),
                );
                painter.line_segment(
                    [block.left_top(), block.right_top()],
                    Stroke::new(1.0, colour),
                );
            }
            y -= unit;
        }
        if w >= 12.0 {
            painter.text(
                pos2(x + w / 2.0, y - 1.0),
                Align2::CENTER_BOTTOM,
                bin.total().to_string(),
                font.clone(),
                view.palette.label_text,
            );
        }
    }
}

/// Day ticks, and labels on Mondays and month starts (every day when there is room), each
/// placed only where it does not run into the one before.
fn paint_day_labels(painter: &egui::Painter, plot: Rect, axis: &DayAxis, visuals: &egui::Visuals) {
    let w = axis.day_width();
    let font = FontId::proportional(11.0);
    let mut last_right = f32::NEG_INFINITY;
    for i in 0..axis.days {
        let day = add_days(axis.first, i);
        let x = axis.x_of(day);
        let month_start = day.day() == 1;
        let wanted = month_start || w >= 30.0 || (w >= 4.0 && day.weekday() == Weekday::Monday);
        if w >= 4.0 || month_start {
            let tall = if wanted { 4.0 } else { 2.0 };
            painter.line_segment(
                [pos2(x, plot.bottom()), pos2(x, plot.bottom() + tall)],
                Stroke::new(1.0, visuals.weak_text_color()),
            );
        }
        if !wanted || x + 2.0 < last_right + 6.0 {
            continue;
        }
        let (text, colour) = if month_start {
            (
                format!("{} {}", month_name(day), day.year()),
                visuals.strong_text_color(),
            )
        } else {
            (
                format!("{} {}", day.day(), month_name(day)),
                visuals.text_color(),
            )
        };
        let galley = painter.layout_no_wrap(text, font.clone(), colour);
        let right = x + 2.0 + galley.size().x;
        // A month label wins over the day label just before it: skip the day instead.
        let next_month = add_days(day, 1).day() == 1 || add_days(day, 2).day() == 1;
        if !month_start && next_month && w * 2.0 < galley.size().x + 8.0 {
            continue;
        }
        painter.galley(pos2(x + 2.0, plot.bottom() + 2.0), galley, colour);
        last_right = right;
    }
}

/// How many incidents the day card lists before "… and N more".
const CARD_LINES: usize = 14;

/// The card for the day under the pointer: the day and its incidents, exact ones first.
fn hover_day(
    ui: &egui::Ui,
    response: &egui::Response,
    axis: &DayAxis,
    view: &TimelineView,
    pos: Pos2,
) {
    let day = axis.day_at(pos.x);
    let index = usize::try_from(days_between(view.histogram.first, day)).unwrap_or(0);
    let Some(bin) = view.histogram.bins.get(index) else {
        return;
    };
    let x = axis.x_of(day);
    ui.painter().rect_stroke(
        Rect::from_min_max(
            pos2(x, response.rect.top()),
            pos2(x + axis.day_width(), response.rect.bottom()),
        ),
        0.0,
        Stroke::new(1.0, ui.visuals().strong_text_color()),
        egui::StrokeKind::Inside,
    );
    let weekday = format!("{:?}", day.weekday());
    let title = format!(
        "{weekday} {} — {} incident{}",
        describe_span(DateSpan::day(day)),
        bin.total(),
        if bin.total() == 1 { "" } else { "s" }
    );
    response.clone().on_hover_ui_at_pointer(|ui| {
        ui.label(RichText::new(title).strong());
        let lines = bin
            .on_day
            .iter()
            .map(|&i| (i, true))
            .chain(bin.spanning.iter().map(|&i| (i, false)));
        for (n, (i, exact)) in lines.enumerate() {
            if n == CARD_LINES {
                ui.label(RichText::new(format!("… and {} more", bin.total() - CARD_LINES)).weak());
                break;
            }
            let incident = &view.dataset.incidents[i];
            let when = if exact {
                "this day".to_owned()
            } else {
                incident.dates.map_or_else(String::new, |d| {
                    format!("{} ({})", describe_span(d), incident.date_precision)
                })
            };
            ui.horizontal(|ui| {
                let (dot, _) = ui.allocate_exact_size(vec2(10.0, 10.0), Sense::hover());
                ui.painter()
                    .rect_filled(dot, 2.0, view.palette.event_colour(incident.event_type));
                ui.label(format!("{} — {when}", incident.title));
            });
        }
        ui.label(RichText::new("Click to show only this day").weak().small());
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn the_axis_maps_days_to_columns_and_back() {
        let span = DateSpan {
            first: date(2026, 1, 1),
            last: date(2026, 1, 10),
        };
        let axis = DayAxis::new(span, 100.0, 1000.0);
        assert!((axis.day_width() - 100.0).abs() < 1e-4);
        assert!((axis.x_of(date(2026, 1, 3)) - 300.0).abs() < 1e-3);
        assert_eq!(
            axis.day_at(axis.centre_of(date(2026, 1, 7))),
            date(2026, 1, 7)
        );
        assert_eq!(axis.day_at(0.0), date(2026, 1, 1));
        assert_eq!(axis.day_at(5000.0), date(2026, 1, 10));
    }

    #[test]
    fn dragging_an_end_or_the_window_moves_the_right_dates() {
        let bounds = DateSpan {
            first: date(2026, 1, 1),
            last: date(2026, 1, 31),
        };
        let window = DateWindow {
            start: date(2026, 1, 10),
            end: date(2026, 1, 14),
        };
        let axis = DayAxis::new(bounds, 0.0, 310.0); // 10 points a day
        assert_eq!(
            grab_at(&axis, window, axis.x_of(date(2026, 1, 10))),
            Grab::Start
        );
        assert_eq!(
            grab_at(&axis, window, axis.x_of(date(2026, 1, 15))),
            Grab::End
        );
        assert_eq!(
            grab_at(&axis, window, axis.centre_of(date(2026, 1, 12))),
            Grab::Window
        );
        assert_eq!(
            grab_at(&axis, window, axis.centre_of(date(2026, 1, 20))),
            Grab::New
        );
        let drag = |grab| Drag {
            grab,
            window,
            origin: date(2026, 1, 12),
        };
        let to = date(2026, 1, 15);
        assert_eq!(
            dragged_window(drag(Grab::End), to, bounds).end,
            date(2026, 1, 17)
        );
        assert_eq!(
            dragged_window(drag(Grab::Start), to, bounds).start,
            date(2026, 1, 13)
        );
        assert_eq!(
            dragged_window(drag(Grab::Window), to, bounds),
            DateWindow {
                start: date(2026, 1, 13),
                end: date(2026, 1, 17)
            }
        );
        // An end dragged past the other stops on it; a new window runs either way.
        assert_eq!(
            dragged_window(drag(Grab::Start), date(2026, 1, 30), bounds).start,
            date(2026, 1, 14)
        );
        assert_eq!(
            dragged_window(drag(Grab::New), date(2026, 1, 8), bounds),
            DateWindow {
                start: date(2026, 1, 8),
                end: date(2026, 1, 12)
            }
        );
    }

    #[test]
    fn spans_are_described_briefly() {
        let s = |a, b| DateSpan { first: a, last: b };
        assert_eq!(
            describe_span(s(date(2026, 1, 9), date(2026, 2, 11))),
            "9 Jan – 11 Feb 2026"
        );
        assert_eq!(
            describe_span(s(date(2026, 1, 30), date(2026, 1, 30))),
            "30 Jan 2026"
        );
        assert_eq!(
            describe_span(s(date(2024, 12, 27), date(2026, 2, 11))),
            "27 Dec 2024 – 11 Feb 2026"
        );
    }
}
