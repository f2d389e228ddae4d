//! The timeline's two strips: the overview slider over every dated day and the detail
//! histogram of the focus period, both brushes (drag an end, the window, or a new one), the
//! day labels, and the hover card of a day.

use egui::{Align2, CursorIcon, FontId, Pos2, Rect, RichText, Sense, Stroke, pos2, vec2};
use jiff::civil::{Date, Weekday};

use super::{DETAIL_HEIGHT, DayAxis, HANDLE_GRAB, OVERVIEW_HEIGHT, TimelineView, month_name};
use crate::command::{CommandQueue, TimeCommand};
use crate::model::DateSpan;
use crate::model::compare::describe_span;
use crate::model::timeline::{add_days, days_between, shift};
use crate::state::DateWindow;
use crate::theme::Palette;

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

pub(super) fn overview_strip(
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
    paint_density(&painter, track, &axis, view, visuals);
    paint_window(&painter, track, &axis, view.window, p, visuals);
    paint_month_marks(&painter, track, &axis, view, visuals);
    (track, axis)
}

/// One tick per day with anything dated on it, darker for more.
fn paint_density(
    painter: &egui::Painter,
    track: Rect,
    axis: &DayAxis,
    view: &TimelineView,
    visuals: &egui::Visuals,
) {
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
}

/// Year and month marks under the track.
fn paint_month_marks(
    painter: &egui::Painter,
    track: Rect,
    axis: &DayAxis,
    view: &TimelineView,
    visuals: &egui::Visuals,
) {
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

pub(super) fn detail_strip(
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

/// Past this many incidents on the busiest day, a block per incident means nothing (and a
/// frame would draw thousands): the histogram draws stacks to scale instead.
const ONE_BLOCK_EACH_UP_TO: usize = 60;

/// Stacks to scale, one block per run of one kind of event (`DayBin::runs`): the busiest day
/// fills the strip. For thousands of incidents a day.
fn paint_stacks(
    painter: &egui::Painter,
    plot: Rect,
    axis: &DayAxis,
    h: &atlas_core::model::timeline::Histogram,
    room: f32,
    p: Palette,
) {
    let unit = room / h.max_total().max(1) as f32;
    let w = axis.day_width();
    let floor = plot.bottom() - 2.0;
    let font = FontId::proportional(11.0);
    for (i, bin) in h.bins.iter().enumerate() {
        if bin.total() == 0 {
            continue;
        }
        let x = axis.x_of(h.day(i));
        let mut y = floor;
        for run in &bin.runs {
            let height = run.count as f32 * unit;
            let block = Rect::from_min_max(pos2(x, y - height), pos2(x + w, y));
            let colour = p.event_colour(run.event_type);
            let colour = if run.exact {
                colour
            } else {
                colour.gamma_multiply(0.45)
            };
            painter.rect_filled(block, 0.0, colour);
            y -= height;
        }
        if w >= 24.0 {
            painter.text(
                pos2(x + w / 2.0, y - 1.0),
                Align2::CENTER_BOTTOM,
                bin.total().to_string(),
                font.clone(),
                p.label_text,
            );
        }
    }
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
    if h.max_total() > ONE_BLOCK_EACH_UP_TO {
        paint_stacks(painter, plot, axis, h, room, p);
        return;
    }
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
            .map(|&i| (i as usize, true))
            .chain(bin.spanning.iter().map(|&i| (i as usize, false)));
        for (incident, exact) in blocks {
            if y - unit < ceiling - 0.5 {
                break;
            }
            let Some(incident) = view.dataset.incidents.get(incident) else {
                continue;
            };
            let colour = p.event_colour(incident.event_type);
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
            .map(|&i| (i as usize, true))
            .chain(bin.spanning.iter().map(|&i| (i as usize, false)));
        for (n, (i, exact)) in lines.enumerate() {
            if n == CARD_LINES {
                ui.label(RichText::new(format!("… and {} more", bin.total() - CARD_LINES)).weak());
                break;
            }
            let Some(incident) = view.dataset.incidents.get(i) else {
                continue;
            };
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
