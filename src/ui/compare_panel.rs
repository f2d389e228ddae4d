//! The source-comparison side panel: source cards (switch off, lens), then for the scope —
//! an incident, a district, or the campaign in the date range — the claims table, the claim
//! charts and the findings. Reads a [`Comparison`] built by `model::compare`; pushes
//! [`Command`]s, never changes state itself (copying to the clipboard is its only effect).

use egui::{Align2, Color32, RichText, Sense, Stroke, Ui};
use egui_plot::{MarkerShape, Plot, PlotPoint, PlotPoints, Points, Polygon, Text};

use crate::command::{CommandQueue, EditCommand, EvidenceCommand, SelectionCommand, SourceCommand};
use crate::io::export::comparison_csv;
use crate::model::compare::{
    ClaimCell, Comparison, MetricRow, Scope, SourceFilter, describe_span, short_name,
};
use crate::model::{Dataset, DateSpan, Qualifier, Source, SourceKind};
use crate::theme::Palette;

mod campaign;
mod findings;
use campaign::campaign_scope;
use findings::findings;

/// What one frame of the panel reads.
pub struct PanelView<'a> {
    /// Every source and claim, for the cards (a switched-off source still has its card).
    pub full: &'a Dataset,
    /// The dataset as the sources in view tell it.
    pub view: &'a Dataset,
    pub comparison: &'a Comparison,
    pub scope: &'a Scope,
    pub range: DateSpan,
    pub filter: &'a SourceFilter,
    pub palette: Palette,
}

impl PanelView<'_> {
    fn source_index(&self, id: &str) -> usize {
        self.full
            .sources
            .iter()
            .position(|s| s.id == id)
            .unwrap_or(0)
    }

    fn name(&self, id: &str) -> String {
        self.full
            .source(id)
            .map_or_else(|| id.to_owned(), short_name)
    }

    fn colour(&self, id: &str) -> Color32 {
        self.palette.source_colour(self.source_index(id))
    }
}

pub fn show(ui: &mut Ui, view: &PanelView<'_>, commands: &mut CommandQueue) {
    heading(ui, view, commands);
    let on = view
        .full
        .sources
        .iter()
        .filter(|s| view.filter.admits(&s.id))
        .count();
    egui::CollapsingHeader::new(
        RichText::new(format!(
            "Sources ({on} of {} in view)",
            view.full.sources.len()
        ))
        .strong(),
    )
    .id_salt("source_cards")
    .default_open(false)
    .show(ui, |ui| {
        for source in &view.full.sources {
            source_card(ui, view, source, commands);
        }
    });
    ui.separator();
    match view.scope {
        Scope::Incident(id) => incident_scope(ui, view, id, commands),
        Scope::District(_) => district_scope(ui, view, commands),
        Scope::Campaign => campaign_scope(ui, view, commands),
    }
    if let Some(claim) = take_clicked_claim(ui.ctx()) {
        commands.push(EvidenceCommand::ShowClaim(claim));
    }
}

/// A claim clicked in this frame's table, chart or findings. The cells are drawn deep in
/// helpers the slides share (which push no commands), so they leave the click here and
/// `show` turns it into the command.
fn clicked_claim_id() -> egui::Id {
    egui::Id::unique("compare_panel_clicked_claim")
}

fn claim_clicked(ctx: &egui::Context, claim_id: &str) {
    ctx.data_mut(|d| d.insert_temp(clicked_claim_id(), claim_id.to_owned()));
}

fn take_clicked_claim(ctx: &egui::Context) -> Option<String> {
    ctx.data_mut(|d| d.remove_temp::<String>(clicked_claim_id()))
}

fn heading(ui: &mut Ui, view: &PanelView<'_>, commands: &mut CommandQueue) {
    let dates = describe_span(view.range);
    let title = match view.scope {
        Scope::Incident(id) => view
            .full
            .incident(id)
            .map_or_else(|| id.clone(), |i| i.title.to_string()),
        Scope::District(name) => format!("{name} district · {dates}"),
        Scope::Campaign => format!("All incidents · {dates}"),
    };
    ui.heading(title);
    let c = view.comparison;
    ui.horizontal_wrapped(|ui| {
        ui.label(
            RichText::new(format!(
                "{} incident{} · {} source{} · {} finding{}",
                c.incident_ids.len(),
                plural(c.incident_ids.len()),
                c.source_ids.len(),
                plural(c.source_ids.len()),
                c.findings.len(),
                plural(c.findings.len()),
            ))
            .weak(),
        );
        if ui
            .small_button("Copy table as CSV")
            .on_hover_text("Every claim shown here, one row each, for a spreadsheet")
            .clicked()
        {
            ui.ctx()
                .copy_text(comparison_csv(view.full, view.comparison));
        }
        if !matches!(view.scope, Scope::Campaign) && ui.small_button("Show all").clicked() {
            commands.push(SelectionCommand::SelectIncident(None));
        }
    });
    if let Some(lens) = &view.filter.lens {
        ui.label(
            RichText::new(format!("Lens: only what {} says", view.name(lens)))
                .background_color(view.palette.warning_fill())
                .strong(),
        );
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn incident_scope(ui: &mut Ui, view: &PanelView<'_>, id: &str, commands: &mut CommandQueue) {
    let Some(incident) = view.full.incident(id) else {
        ui.label(format!("No incident {id} in the data"));
        return;
    };
    let dates = incident
        .dates
        .map_or_else(|| "undated".to_owned(), describe_span);
    ui.label(format!(
        "{dates} ({} dates) · {} · located {}",
        incident.date_precision, incident.place, incident.geo_precision
    ));
    ui.horizontal(|ui| {
        egui::CollapsingHeader::new("Summary")
            .id_salt(("summary", id))
            .show(ui, |ui| ui.label(incident.summary.as_str()));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::TOP), |ui| {
            if ui
                .small_button("New claim…")
                .on_hover_text("A figure a source gives for this incident")
                .clicked()
            {
                commands.push(EditCommand::NewClaim(Some(id.to_owned())));
            }
            if ui
                .small_button("Edit…")
                .on_hover_text("Change this incident's dates, place, type or summary")
                .clicked()
            {
                commands.push(EditCommand::EditRow(
                    atlas_core::authoring::Table::Incidents,
                    id.to_owned(),
                ));
            }
        });
    });
    if view.view.incident(id).is_none() {
        ui.label(
            RichText::new("None of the sources in view reports this incident.")
                .color(view.palette.disagree()),
        );
        return;
    }
    let rows: Vec<&MetricRow> = view.comparison.rows_of(id).collect();
    let reporters = reporters_of(view, id);
    if rows.is_empty() {
        let names: Vec<String> = reporters.iter().map(|s| view.name(s)).collect();
        if names.is_empty() {
            ui.label("No claim yet: no source backs this incident (New claim… adds one).");
        } else {
            ui.label(format!("No figures; reported by {}.", names.join(", ")));
        }
    } else {
        claims_table(ui, view, id, &rows, &reporters, COLUMN_WIDTH);
    }
    findings(ui, view, &view.comparison.findings, false, commands);
}

/// The sources in view that report the incident, in `sources.csv` order (the columns).
fn reporters_of(view: &PanelView<'_>, incident_id: &str) -> Vec<String> {
    view.view
        .sources_for(incident_id)
        .into_iter()
        .map(|s| s.id.clone())
        .collect()
}

fn district_scope(ui: &mut Ui, view: &PanelView<'_>, commands: &mut CommandQueue) {
    if view.comparison.incident_ids.is_empty() {
        ui.label("No incident in this district within the dates.");
        return;
    }
    for id in &view.comparison.incident_ids {
        let Some(incident) = view.full.incident(id) else {
            continue;
        };
        ui.add_space(6.0);
        let title =
            ui.add(egui::Label::new(RichText::new(&incident.title).strong()).sense(Sense::click()));
        if title.on_hover_text("Select this incident").clicked() {
            commands.push(SelectionCommand::ShowIncident(id.clone()));
        }
        let rows: Vec<&MetricRow> = view.comparison.rows_of(id).collect();
        let reporters = reporters_of(view, id);
        if rows.is_empty() {
            let names: Vec<String> = reporters.iter().map(|s| view.name(s)).collect();
            ui.label(RichText::new(format!("No figures; reported by {}", names.join(", "))).weak());
        } else {
            claims_table(ui, view, id, &rows, &reporters, COLUMN_WIDTH);
        }
    }
    findings(ui, view, &view.comparison.findings, true, commands);
}

/// Rows are metrics, columns the sources that report the incident; hover a cell for who
/// the source credits, the date it gives and its wording.
fn claims_table(
    ui: &mut Ui,
    view: &PanelView<'_>,
    incident_id: &str,
    rows: &[&MetricRow],
    sources: &[String],
    column: f32,
) {
    claims_table_sized(ui, view, incident_id, rows, sources, [FIGURE_WIDTH, column]);
}

/// The claims table with the figure names' column and the sources' columns `widths` wide.
fn claims_table_sized(
    ui: &mut Ui,
    view: &PanelView<'_>,
    incident_id: &str,
    rows: &[&MetricRow],
    sources: &[String],
    [figure_width, column]: [f32; 2],
) {
    egui::ScrollArea::horizontal()
        .id_salt(("table_scroll", incident_id))
        .show(ui, |ui| {
            egui::Grid::new(("claims_table", incident_id))
                .striped(true)
                .min_col_width(column)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    ui.label(RichText::new("Figure").strong());
                    for s in sources {
                        in_column(ui, column, |ui| {
                            ui.label(RichText::new(view.name(s)).strong().color(view.colour(s)))
                                .on_hover_text(source_tooltip(view, s));
                        });
                    }
                    ui.end_row();
                    // The date each source gives: where the wave's 13 January and 30–31
                    // January part ways.
                    ui.label("Date given");
                    for s in sources {
                        let mut dates: Vec<String> = view
                            .view
                            .claims_for(incident_id)
                            .filter(|c| *c.source_id == **s)
                            .filter_map(|c| c.event_date.map(describe_span))
                            .collect();
                        dates.dedup();
                        in_column(ui, column, |ui| {
                            if dates.is_empty() {
                                ui.label(RichText::new("none").weak());
                            } else {
                                ui.label(dates.join("\n"));
                            }
                        });
                    }
                    ui.end_row();
                    for row in rows {
                        let label = if row.consistent {
                            RichText::new(&row.label)
                        } else {
                            RichText::new(&row.label).color(view.palette.disagree())
                        };
                        ui.vertical(|ui| {
                            ui.set_max_width(figure_width);
                            ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
                            ui.label(label).on_hover_text(row_tooltip(row));
                        });
                        for s in sources {
                            let cells: Vec<&ClaimCell> = row.cells_of(s).collect();
                            in_column(ui, column, |ui| claim_cell(ui, view, &cells));
                        }
                        ui.end_row();
                    }
                });
        });
    if rows.iter().any(|r| !r.consistent) {
        ui.label(
            RichText::new("In red: figures no single value satisfies (see the findings).")
                .small()
                .color(view.palette.disagree()),
        );
    }
}

/// A source's column: narrow, its text wrapped, so five sources fit the panel.
fn in_column(ui: &mut Ui, width: f32, add: impl FnOnce(&mut Ui)) {
    ui.vertical(|ui| {
        ui.set_width(width);
        ui.style_mut().wrap_mode = Some(egui::TextWrapMode::Wrap);
        add(ui);
    });
}

const COLUMN_WIDTH: f32 = 74.0;
const FIGURE_WIDTH: f32 = 120.0;

fn row_tooltip(row: &MetricRow) -> String {
    let spread = row
        .spread
        .filter(|s| *s > 1.0)
        .map(|s| format!("; the highest is {s:.1}× the lowest"))
        .unwrap_or_default();
    format!("{}: {}{spread}", row.label, row.summary())
}

fn source_tooltip(view: &PanelView<'_>, id: &str) -> String {
    view.full.source(id).map_or_else(String::new, |s| {
        format!("{}\n{} · {}", s.display_name(), s.kind, s.document)
    })
}

fn claim_cell(ui: &mut Ui, view: &PanelView<'_>, cells: &[&ClaimCell]) {
    if cells.is_empty() {
        ui.label(RichText::new("no figure").weak());
        return;
    }
    {
        for cell in cells {
            let text = if cell.disagrees {
                RichText::new(&cell.text)
                    .color(view.palette.disagree())
                    .strong()
            } else {
                RichText::new(&cell.text)
            };
            let response = ui.add(egui::Label::new(text).sense(Sense::click()));
            if response.clicked() {
                claim_clicked(ui.ctx(), &cell.claim_id);
            }
            response.on_hover_ui(|ui| {
                ui.set_max_width(320.0);
                let by = if cell.attributed_to.is_empty() {
                    "in the source's own voice".to_owned()
                } else {
                    format!("according to {}", cell.attributed_to)
                };
                ui.label(RichText::new(format!("{} — {by}", cell.text)).strong());
                let date = if cell.event_date.is_empty() {
                    "no date given".to_owned()
                } else {
                    format!("dated {}", cell.event_date)
                };
                ui.label(format!("{date} · claim {}", cell.claim_id));
                if !cell.note.is_empty() {
                    ui.label(RichText::new(&cell.note).italics());
                }
                ui.label(
                    RichText::new("Click for the passage in the source's document")
                        .small()
                        .weak(),
                );
            });
        }
    }
}

/// One dot per claim on a value axis, one lane per claim, labelled by source; lower bounds
/// trail a line to the right ("or more"); the stated range is shaded.
fn claim_chart(ui: &mut Ui, view: &PanelView<'_>, row: &MetricRow) {
    claim_chart_sized(ui, view, row, LANE_HEIGHT);
}

/// A claim's lane in the panel's charts, in points.
const LANE_HEIGHT: f32 = 20.0;

/// A claim chart with lanes of `lane` points (slides give them the room they have).
fn claim_chart_sized(ui: &mut Ui, view: &PanelView<'_>, row: &MetricRow, lane: f32) {
    let incident = view
        .full
        .incident(&row.incident_id)
        .map_or(row.incident_id.as_str(), |i| i.title.as_str());
    ui.add_space(6.0);
    ui.label(RichText::new(format!("{} — {}", capitalise(&row.label), row.summary())).strong());
    ui.label(RichText::new(incident).small().weak());
    let lanes = row.claims.len();
    let max = row
        .claims
        .iter()
        .map(|c| c.value_max)
        .fold(row.highest, f64::max);
    let tail = (max * 0.08).max(0.5);
    // The labels take the left of the chart (negative values no figure can have), so a
    // long source name never runs off the panel's edge.
    let label_room = max * 0.95 + tail;
    let palette = view.palette;
    Plot::new(("claim_chart", &row.incident_id, &row.metric))
        .height(lane * lanes as f32 + 30.0)
        .show_axes([true, false])
        .show_grid([false, false])
        .allow_drag(false)
        .allow_zoom(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .allow_double_click_reset(false)
        .show_x(false)
        .show_y(false)
        .x_axis_formatter(|mark, _| {
            if mark.value < 0.0 {
                String::new()
            } else {
                format!("{}", mark.value)
            }
        })
        .include_x(-label_room)
        .include_x(max + tail * 1.5)
        .include_y(-0.6)
        .include_y(lanes as f64 - 0.4)
        .show(ui, |plot| {
            let shade = palette.source_colour(1).gamma_multiply(0.22);
            plot.polygon(
                Polygon::new(
                    "range",
                    PlotPoints::new(vec![
                        [row.lowest, -0.5],
                        [row.highest, -0.5],
                        [row.highest, lanes as f64 - 0.5],
                        [row.lowest, lanes as f64 - 0.5],
                    ]),
                )
                .fill_color(shade)
                .stroke(Stroke::NONE)
                .allow_hover(false),
            );
            plot.line(
                egui_plot::Line::new("zero", vec![[0.0, -0.5], [0.0, lanes as f64 - 0.5]])
                    .color(palette.label_text.gamma_multiply(0.5))
                    .width(1.0)
                    .allow_hover(false),
            );
            for (lane, cell) in row.claims.iter().enumerate() {
                let y = (lanes - 1 - lane) as f64;
                claim_dot(plot, view, cell, y, [tail, label_room]);
            }
            // A click on a claim's lane (its dot or its label) opens its passage.
            if plot.response().clicked()
                && let Some(at) = plot.pointer_coordinate()
            {
                let lane = (lanes as f64 - 1.0 - at.y).round();
                if lane >= 0.0
                    && let Some(cell) = row.claims.get(lane as usize)
                {
                    claim_clicked(plot.ctx(), &cell.claim_id);
                }
            }
        });
}

/// One claim's lane in a claim chart: its dot (shaped by qualifier), a tail for a lower
/// bound, and its label left of zero. `room` is the tail's length and the labels' room.
fn claim_dot(
    plot: &mut egui_plot::PlotUi<'_>,
    view: &PanelView<'_>,
    cell: &ClaimCell,
    y: f64,
    room: [f64; 2],
) {
    let [tail, label_room] = room;
    let palette = view.palette;
    let colour = view.colour(&cell.source_id);
    let x = cell.value_min;
    if cell.interval.high.is_infinite() {
        plot.line(
            egui_plot::Line::new("bound", vec![[x, y], [x + tail, y]])
                .color(colour)
                .width(2.0)
                .allow_hover(false),
        );
    }
    plot.points(
        Points::new(view.name(&cell.source_id), vec![[x, y]])
            .shape(shape_of(cell))
            .filled(cell.qualifier != Qualifier::Dozens)
            .radius(5.0)
            .color(colour),
    );
    let label = format!("{} · {}", view.name(&cell.source_id), cell.text);
    let text_colour = if cell.disagrees {
        palette.disagree()
    } else {
        colour
    };
    plot.text(
        Text::new("label", PlotPoint::new(-label_room * 0.03, y), label)
            .anchor(Align2::RIGHT_CENTER)
            .color(text_colour)
            .allow_hover(false),
    );
}

/// Exact figures are dots, bounds point the way they leave open, approximations are
/// diamonds.
fn shape_of(cell: &ClaimCell) -> MarkerShape {
    match cell.qualifier {
        Qualifier::Exact | Qualifier::Dozens => MarkerShape::Circle,
        Qualifier::AtLeast | Qualifier::Over => MarkerShape::Right,
        Qualifier::UpTo | Qualifier::Nearly | Qualifier::Almost => MarkerShape::Left,
        Qualifier::Approximately => MarkerShape::Diamond,
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

fn source_card(ui: &mut Ui, view: &PanelView<'_>, source: &Source, commands: &mut CommandQueue) {
    let on = !view.filter.off.contains(&source.id);
    let is_lens = view.filter.lens.as_deref() == Some(source.id.as_str());
    let colour = view.colour(&source.id);
    egui::Frame::group(ui.style())
        .inner_margin(6.0)
        .stroke(Stroke::new(if is_lens { 2.5 } else { 1.0 }, colour))
        .show(ui, |ui| {
            ui.set_width(ui.available_width());
            ui.horizontal(|ui| {
                let mut checked = on;
                let toggle = ui
                    .checkbox(
                        &mut checked,
                        RichText::new(short_name(source)).strong().color(colour),
                    )
                    .on_hover_text("Switch this source's claims on or off in every view");
                if toggle.changed() {
                    commands.push(SourceCommand::SetSourceOn(source.id.clone(), checked));
                }
                kind_badge(ui, view.palette, source.kind);
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    let text = if is_lens { "Lens on" } else { "Lens" };
                    if ui
                        .selectable_label(is_lens, text)
                        .on_hover_text("Show the map as this source alone tells it")
                        .clicked()
                    {
                        commands.push(SourceCommand::SetLens(
                            (!is_lens).then(|| source.id.clone()),
                        ));
                    }
                });
            });
            if !source.title.is_empty() {
                ui.label(RichText::new(&source.title).italics());
            }
            let mut byline = Vec::new();
            if !source.author.is_empty() {
                byline.push(source.author.clone());
            }
            if !source.outlet.is_empty() {
                byline.push(source.outlet.clone());
            }
            byline.push(source.published.map_or_else(
                || "undated".to_owned(),
                |d| d.strftime("%-d %b %Y").to_string(),
            ));
            byline.push(source.document.clone());
            ui.label(RichText::new(byline.join(" · ")).small());
            let own = view
                .full
                .claims
                .iter()
                .filter(|c| *c.source_id == *source.id);
            let count = own
                .clone()
                .map(|c| c.incident_id.as_str())
                .collect::<std::collections::BTreeSet<_>>()
                .len();
            let figures = own.filter(|c| &*c.metric != "incident_reported").count();
            ui.label(
                RichText::new(format!(
                    "Covers {count} incident{} with {figures} figure{}",
                    plural(count),
                    plural(figures)
                ))
                .small()
                .weak(),
            )
            .on_hover_text(&source.notes);
        });
}

fn kind_badge(ui: &mut Ui, palette: Palette, kind: SourceKind) {
    let (text, flagged) = match kind {
        SourceKind::AiGenerated => ("AI-GENERATED", true),
        other => (other.as_str(), false),
    };
    let text = RichText::new(text).small();
    if flagged {
        ui.label(text.strong().background_color(palette.warning_fill()))
            .on_hover_text("The text says it was written by an AI: weigh its figures accordingly");
    } else {
        ui.label(text.weak());
    }
}

/// A slide's claim charts: one per row, as many as fit the height (a slide never scrolls).
/// Returns how many were drawn.
pub fn slide_charts(ui: &mut Ui, view: &PanelView<'_>, rows: &[&MetricRow]) -> usize {
    // Lanes share the height (up to twice the panel's), so one chart fills its slide and
    // several still fit: each chart also takes 30 points of axis and two lines of title.
    let lanes: usize = rows.iter().map(|r| r.claims.len()).sum();
    let overhead = rows.len() as f32 * (30.0 + 52.0);
    let lane = ((ui.available_height() - overhead) / lanes.max(1) as f32)
        .clamp(LANE_HEIGHT, 2.0 * LANE_HEIGHT);
    let mut drawn = 0;
    for row in rows {
        let needed = lane * row.claims.len() as f32 + 30.0 + 52.0;
        if drawn > 0 && ui.available_height() < needed {
            break;
        }
        claim_chart_sized(ui, view, row, lane);
        drawn += 1;
    }
    if drawn == 0 {
        ui.label(RichText::new("No figure to chart in this slide's scope.").weak());
    }
    drawn
}

/// A slide's claims table: for each incident of `rows` (in their order), its figures by
/// the sources that report it, as the panel's table shows them.
pub fn slide_table(ui: &mut Ui, view: &PanelView<'_>, rows: &[&MetricRow]) {
    let mut incidents: Vec<&str> = Vec::new();
    for row in rows {
        if !incidents.contains(&row.incident_id.as_str()) {
            incidents.push(&row.incident_id);
        }
    }
    if incidents.is_empty() {
        ui.label(RichText::new("No figure to tabulate in this slide's scope.").weak());
    }
    for incident in incidents {
        if ui.available_height() < 80.0 {
            break;
        }
        let incident_rows: Vec<&MetricRow> = rows
            .iter()
            .copied()
            .filter(|r| r.incident_id == incident)
            .collect();
        let sources: Vec<String> = view
            .comparison
            .source_ids
            .iter()
            .filter(|s| incident_rows.iter().any(|r| r.cells_of(s).next().is_some()))
            .cloned()
            .collect();
        let title = view
            .full
            .incident(incident)
            .map_or(incident, |i| i.title.as_str());
        ui.label(RichText::new(title).strong());
        // The sources share the width the figure names leave (a slide does not scroll);
        // when even narrow columns do not fit, the type shrinks until they do.
        let spacing = 8.0 * (sources.len() + 1) as f32;
        let n = sources.len().max(1) as f32;
        let natural = FIGURE_WIDTH + spacing + n * COLUMN_WIDTH;
        let shrink = (ui.available_width() / natural).clamp(0.7, 1.0);
        ui.scope(|ui| {
            if shrink < 1.0 {
                for font in ui.style_mut().text_styles.values_mut() {
                    font.size *= shrink;
                }
            }
            let figure = FIGURE_WIDTH * shrink;
            let column = ((ui.available_width() - figure - spacing) / n)
                .clamp(COLUMN_WIDTH * shrink, 3.0 * COLUMN_WIDTH);
            claims_table_sized(
                ui,
                view,
                incident,
                &incident_rows,
                &sources,
                [figure, column],
            );
        });
        ui.add_space(8.0);
    }
}
