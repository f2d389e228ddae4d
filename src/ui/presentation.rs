//! What presentation mode (and every exported slide) shows around the map: a caption bar
//! (title, caption, dates, lens, slide number), a footer (the sources the view draws on, the
//! figures they contest, the attribution) and a compact legend.

use egui::{Align2, RichText, Sense, Stroke, vec2};

use crate::briefing::SlideLayout;
use crate::map::camera::Camera;
use crate::map::layer::DrawnMarks;
use crate::map::shading::{DistrictShades, ShadingMode};
use crate::map::symbols::symbol;
use crate::model::EventType;
use crate::model::compare::MetricRow;
use crate::theme::Palette;
use crate::ui::compare_panel::{self, PanelView};
use crate::ui::map_overlay::event_label;
use crate::ui::map_view::{self, Framing, MapOutput, MapScene};

/// The caption bar's contents.
pub struct CaptionView<'a> {
    pub title: &'a str,
    pub caption: &'a str,
    pub dates: &'a str,
    /// The lens source's short name, if a lens is on.
    pub lens: Option<&'a str>,
    /// The slide shown and how many there are (1-based), when a slide is shown.
    pub position: Option<(usize, usize)>,
    pub palette: Palette,
}

/// The footer's contents: what the view rests on.
pub struct FooterView<'a> {
    /// Short names of the sources whose claims the view shows.
    pub sources: &'a [String],
    /// One line per contested figure, e.g. "militants killed: 67–216 across 5 sources".
    pub contested: &'a [String],
    /// Data attribution, and the tile provider's when tiles are drawn.
    pub attribution: &'a str,
    pub palette: Palette,
}

pub fn caption_bar(ui: &mut egui::Ui, view: &CaptionView<'_>) {
    let p = view.palette;
    ui.horizontal(|ui| {
        ui.vertical(|ui| {
            ui.label(
                RichText::new(view.title)
                    .size(26.0)
                    .strong()
                    .color(p.label_text),
            );
            if !view.caption.is_empty() {
                ui.label(RichText::new(view.caption).size(15.0).color(p.label_text));
            }
        });
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if let Some((n, of)) = view.position {
                ui.label(RichText::new(format!("{n} / {of}")).size(15.0).weak());
                ui.add_space(12.0);
            }
            ui.vertical(|ui| {
                ui.with_layout(egui::Layout::top_down(egui::Align::Max), |ui| {
                    ui.label(
                        RichText::new(view.dates)
                            .size(18.0)
                            .strong()
                            .color(p.label_text),
                    );
                    if let Some(lens) = view.lens {
                        egui::Frame::new()
                            .fill(p.warning_fill())
                            .corner_radius(4.0)
                            .inner_margin(egui::Margin::symmetric(6, 2))
                            .show(ui, |ui| {
                                ui.label(
                                    RichText::new(format!("Lens: only {lens}"))
                                        .size(14.0)
                                        .strong()
                                        .color(p.label_text),
                                );
                            });
                    }
                });
            });
        });
    });
}

pub fn footer(ui: &mut egui::Ui, view: &FooterView<'_>) {
    let p = view.palette;
    ui.add_space(2.0);
    let sources = if view.sources.is_empty() {
        "Sources: none in view".to_owned()
    } else {
        format!("Sources: {}", view.sources.join(" · "))
    };
    ui.label(RichText::new(sources).size(13.0).color(p.label_text));
    if !view.contested.is_empty() {
        ui.label(
            RichText::new(format!("Contested — {}", view.contested.join(" · ")))
                .size(13.0)
                .strong()
                .color(p.disagree()),
        );
    }
    ui.label(RichText::new(view.attribution).size(10.5).weak());
    ui.add_space(2.0);
}

/// The legend in one short box at the map's bottom right: the kinds of event on the map now,
/// what a ring means, and the district shading's classes.
pub fn compact_legend(
    ctx: &egui::Context,
    map: egui::Rect,
    shades: &DistrictShades,
    (events, marks): (&[EventType], DrawnMarks),
    p: Palette,
) {
    egui::Area::new(egui::Id::unique("compact_legend"))
        // Bottom right: the scale bar has the bottom left, and south-east of Balochistan is
        // Sindh and the sea, where this dataset has nothing to show.
        .fixed_pos(map.right_bottom() + vec2(-10.0, -10.0))
        .pivot(Align2::RIGHT_BOTTOM)
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(p.overlay_fill)
                .corner_radius(6.0)
                .inner_margin(8.0)
                .stroke(Stroke::new(1.0, p.label_text.gamma_multiply(0.5)))
                .show(ui, |ui| {
                    // Three to a row: short enough to leave the map its corner; two on a map
                    // beside a chart or table, so the box stays within the map.
                    let per_row = if map.width() < 900.0 { 2 } else { 3 };
                    ui.set_max_width(map.width() - 60.0);
                    // A narrow map (beside a chart or table on a small slide) keeps most of
                    // itself visible: the legend's type is smaller there.
                    if map.width() < 700.0 {
                        for font in ui.style_mut().text_styles.values_mut() {
                            font.size *= 0.8;
                        }
                    }
                    egui::Grid::new("compact_legend_events")
                        .num_columns(per_row)
                        .spacing(vec2(14.0, 4.0))
                        .show(ui, |ui| {
                            let mut column = 0;
                            for &event in events {
                                swatch(ui, event_label(event), p, |painter, c| {
                                    painter.add(symbol(
                                        c,
                                        6.5,
                                        event,
                                        p.event_colour(event),
                                        p.marker_rim,
                                    ));
                                });
                                column += 1;
                                if column == per_row {
                                    ui.end_row();
                                    column = 0;
                                }
                            }
                            // Only the marks the map shows: a ring explained where none is
                            // drawn would be read into the next mark that looks like it.
                            let extra = mark_swatches(marks, p);
                            for (label, paint) in extra {
                                swatch(ui, label, p, |painter, c| paint(painter, c));
                                column += 1;
                                if column == per_row {
                                    ui.end_row();
                                    column = 0;
                                }
                            }
                            if column != 0 {
                                ui.end_row();
                            }
                        });
                    if shades.mode != ShadingMode::None {
                        ui.horizontal_wrapped(|ui| {
                            ui.label(
                                RichText::new(shades.mode.label().to_owned() + ":")
                                    .color(p.label_text),
                            );
                            let labels = shades.mode.class_labels();
                            for (class, label) in labels.iter().enumerate() {
                                let (rect, _) =
                                    ui.allocate_exact_size(vec2(14.0, 11.0), Sense::hover());
                                ui.painter()
                                    .rect_filled(rect, 2.0, p.shade(class, labels.len()));
                                ui.label(RichText::new(label).color(p.label_text));
                            }
                        });
                    }
                });
        });
}

/// A swatch's painter: the mark drawn around a point.
type PaintSwatch = Box<dyn Fn(&egui::Painter, egui::Pos2)>;

/// The legend entries for the marks the map drew this frame, in a fixed order.
fn mark_swatches(marks: DrawnMarks, p: Palette) -> Vec<(&'static str, PaintSwatch)> {
    let mut extra: Vec<(&'static str, PaintSwatch)> = Vec::new();
    if marks.contested {
        extra.push((
            "Sources disagree",
            Box::new(move |painter: &egui::Painter, c| {
                painter.circle_filled(c, 5.0, p.event_colour(EventType::ArmedAssault));
                painter.circle_stroke(c, 8.5, Stroke::new(2.0, p.label_text));
            }),
        ));
    }
    if marks.selection {
        extra.push((
            "Selected",
            Box::new(move |painter: &egui::Painter, c| {
                painter.circle_filled(c, 4.0, p.event_colour(EventType::ArmedAssault));
                crate::map::symbols::paint_reticle(painter, c, 8.0, p.selection);
            }),
        ));
    }
    if marks.approximate {
        extra.push((
            "Place approximate",
            Box::new(move |painter: &egui::Painter, c| {
                painter.circle_stroke(c, 8.0, Stroke::new(1.2, p.halo_rim));
                painter.circle_filled(c, 3.0, p.label_text);
            }),
        ));
    }
    if marks.district_only {
        extra.push((
            "Somewhere in the district",
            Box::new(move |painter: &egui::Painter, c| {
                painter.circle(c, 8.5, p.halo_fill, Stroke::new(1.0, p.halo_rim));
                painter.circle_filled(c, 2.5, p.label_text);
            }),
        ));
    }
    if marks.province_only {
        extra.push((
            "Somewhere in the province",
            Box::new(move |painter: &egui::Painter, c| {
                painter.circle_filled(c, 8.5, p.halo_fill);
                crate::map::symbols::dashed_circle(
                    painter,
                    c,
                    8.5,
                    16,
                    Stroke::new(1.2, p.halo_rim),
                    [3.0, 2.5],
                );
                painter.circle_filled(c, 2.5, p.label_text);
            }),
        ));
    }
    extra
}

fn swatch(
    ui: &mut egui::Ui,
    label: &str,
    p: Palette,
    paint: impl FnOnce(&egui::Painter, egui::Pos2),
) {
    // One unit, so the row wraps between entries and never inside one.
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(20.0, 18.0), Sense::hover());
        paint(ui.painter(), rect.center());
        ui.add(egui::Label::new(RichText::new(label).color(p.label_text)).extend());
        ui.add_space(6.0);
    });
}

/// The words around a slide, owned (the views above borrow them).
#[derive(Debug, Clone, Default)]
pub struct SlideText {
    pub title: String,
    pub caption: String,
    pub dates: String,
    /// The lens source's short name, if a lens is on.
    pub lens: Option<String>,
    /// The slide shown and how many there are (1-based), when numbered.
    pub position: Option<(usize, usize)>,
    pub attribution: String,
}

impl SlideText {
    pub fn caption(&self, palette: Palette) -> CaptionView<'_> {
        CaptionView {
            title: &self.title,
            caption: &self.caption,
            dates: &self.dates,
            lens: self.lens.as_deref(),
            position: self.position,
            palette,
        }
    }
}

/// One slide as presentation mode shows it: caption bar, map, footer, compact legend, and
/// the claim charts or table its layout asks for. The app draws this while presenting and
/// the slide renderer draws it into PNGs.
pub struct SlideScene<'a> {
    pub caption: CaptionView<'a>,
    pub footer: FooterView<'a>,
    pub map: MapScene<'a>,
    /// The kinds of event for the compact legend; `None` hides the legend.
    pub legend: Option<&'a [EventType]>,
    /// What the slide shows beside or instead of the map (`None`: the map alone).
    pub figures: Option<SlideFigures<'a>>,
}

/// The claims a slide shows: its layout, the comparison of its scope, the rows chosen.
pub struct SlideFigures<'a> {
    pub layout: SlideLayout,
    pub panel: PanelView<'a>,
    pub rows: Vec<&'a MetricRow>,
}

/// Rows a slide considers at most (it draws those that fit).
pub const SLIDE_ROWS: usize = 12;

/// The share of the slide's width the charts take beside the map; a table, wider, takes
/// half.
const FIGURES_SHARE: f32 = 0.4;
const TABLE_SHARE: f32 = 0.5;

fn show_figures(ui: &mut egui::Ui, figures: &SlideFigures<'_>) {
    ui.style_mut().override_text_style = None;
    if figures.layout.shows_charts() {
        compare_panel::slide_charts(ui, &figures.panel, &figures.rows);
    } else if figures.layout.shows_table() {
        compare_panel::slide_table(ui, &figures.panel, &figures.rows);
    }
}

/// Lays out a slide over the whole of `ui`; the map's output when the layout has a map.
pub fn show(
    ui: &mut egui::Ui,
    scene: &SlideScene<'_>,
    camera: &mut Camera,
    framing: Framing,
    tiles: Option<&mut dyn walkers::Tiles>,
) -> Option<MapOutput> {
    let p = scene.map.palette;
    let bar = egui::Frame::new()
        .fill(p.overlay_fill)
        .inner_margin(egui::Margin::symmetric(16, 8));
    egui::Panel::top("caption_bar")
        .frame(bar)
        .show(ui, |ui| caption_bar(ui, &scene.caption));
    egui::Panel::bottom("slide_footer")
        .frame(bar)
        .show(ui, |ui| footer(ui, &scene.footer));
    let layout = scene
        .figures
        .as_ref()
        .map_or(SlideLayout::Map, |f| f.layout);
    let figures_frame = egui::Frame::new()
        .fill(p.overlay_fill)
        .inner_margin(egui::Margin::symmetric(16, 10));
    if !layout.shows_map() {
        egui::CentralPanel::default()
            .frame(figures_frame)
            .show(ui, |ui| {
                if let Some(figures) = &scene.figures {
                    show_figures(ui, figures);
                }
            });
        return None;
    }
    if let Some(figures) = scene
        .figures
        .as_ref()
        .filter(|_| layout != SlideLayout::Map)
    {
        let share = if layout.shows_table() {
            TABLE_SHARE
        } else {
            FIGURES_SHARE
        };
        let width = ui.available_width() * share;
        egui::Panel::right("slide_figures")
            .exact_size(width)
            .resizable(false)
            .frame(figures_frame)
            .show(ui, |ui| show_figures(ui, figures));
    }
    let output = egui::CentralPanel::default()
        .frame(egui::Frame::NONE)
        .show(ui, |ui| {
            map_view::show(ui, &scene.map, camera, framing, tiles)
        })
        .inner;
    if let (Some(events), Some(rect)) = (scene.legend, output.hits.map_rect) {
        compact_legend(
            ui.ctx(),
            rect,
            scene.map.shades,
            (events, output.hits.marks),
            p,
        );
    }
    Some(output)
}
