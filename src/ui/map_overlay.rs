//! What floats over the map: the layer menu and zoom controls, the legend, the scale bar, the
//! tile attribution and the "tiles unavailable" notice. Each reads state and pushes commands.

use egui::{Align2, FontId, Pos2, Rect, RichText, Sense, Stroke, vec2};

use crate::command::{CameraCommand, CommandQueue, SettingsCommand, SourceCommand};
use crate::map::shading::{DistrictShades, ShadingMode};
use crate::map::symbols::{dashed_circle, paint_precision_halo, symbol};
use crate::map::tiles::{Reachability, TileLayer};
use crate::model::{EventType, GeoPrecision};
use crate::state::{DensityMode, ViewSettings};
use crate::theme::{Palette, marker_radius};

fn overlay_frame(p: Palette) -> egui::Frame {
    egui::Frame::new()
        .fill(p.overlay_fill)
        .corner_radius(6.0)
        .inner_margin(8.0)
        .stroke(Stroke::new(1.0, p.halo_rim.gamma_multiply(0.5)))
}

/// Layer menu (top left) and navigation buttons (top right).
pub fn controls(
    ctx: &egui::Context,
    map: Rect,
    settings: &ViewSettings,
    has_selection: bool,
    p: Palette,
    commands: &mut CommandQueue,
) {
    egui::Area::new(egui::Id::unique("map_layers"))
        .fixed_pos(map.left_top() + vec2(10.0, 10.0))
        .show(ctx, |ui| {
            overlay_frame(p).show(ui, |ui| {
                ui.menu_button("Layers…", |ui| layers_menu(ui, settings, commands));
            });
        });
    egui::Area::new(egui::Id::unique("map_navigation"))
        .fixed_pos(map.right_top() + vec2(-10.0, 10.0))
        .pivot(Align2::RIGHT_TOP)
        .show(ctx, |ui| {
            overlay_frame(p).show(ui, |ui| {
                ui.vertical(|ui| {
                    let big = |t: &str| RichText::new(t).size(18.0);
                    if ui.button(big("+")).on_hover_text("Zoom in").clicked() {
                        commands.push(CameraCommand::ZoomBy(1.0));
                    }
                    if ui.button(big("−")).on_hover_text("Zoom out").clicked() {
                        commands.push(CameraCommand::ZoomBy(-1.0));
                    }
                    if ui.button("Fit Balochistan").clicked() {
                        commands.push(CameraCommand::FitBalochistan);
                    }
                    if ui
                        .add_enabled(has_selection, egui::Button::new("Fit selection"))
                        .clicked()
                    {
                        commands.push(CameraCommand::FitSelection);
                    }
                });
            });
        });
}

/// The Layers menu: background, shading, markers or density, boundaries, legend, area layers.
fn layers_menu(ui: &mut egui::Ui, settings: &ViewSettings, commands: &mut CommandQueue) {
    ui.label(RichText::new("Background").strong());
    for layer in TileLayer::ALL {
        if ui
            .radio(settings.tile_layer == layer, layer.label())
            .clicked()
        {
            if layer.is_private() {
                // Say which server or file first; the window turns it on.
                commands.push(crate::command::WindowCommand::ShowPrivateTiles(true));
                ui.close();
            } else {
                commands.push(SettingsCommand::SetTileLayer(layer));
            }
        }
    }
    ui.separator();
    ui.label(RichText::new("Shade districts by").strong());
    for mode in ShadingMode::ALL {
        if ui.radio(settings.shading == mode, mode.label()).clicked() {
            commands.push(SettingsCommand::SetShading(mode));
        }
    }
    ui.separator();
    ui.label(RichText::new("Incidents as").strong());
    for mode in DensityMode::ALL {
        if ui.radio(settings.density == mode, mode.label()).clicked() {
            commands.push(SettingsCommand::SetDensity(mode));
        }
    }
    ui.separator();
    let mut tehsils = settings.show_tehsils;
    if ui
        .checkbox(&mut tehsils, "Tehsil boundaries (2017)")
        .changed()
    {
        commands.push(SettingsCommand::SetShowTehsils(tehsils));
    }
    let mut legend = !settings.hide_legend;
    if ui.checkbox(&mut legend, "Legend").changed() {
        commands.push(SettingsCommand::SetHideLegend(!legend));
    }
    ui.separator();
    if ui
        .button("Add area layer…")
        .on_hover_text(
            "A GeoJSON file of polygons (zones, areas of control, census units); \
                 its switches are in the side panel",
        )
        .clicked()
    {
        commands.push(crate::command::WindowCommand::PickLayerToAdd);
        ui.close();
    }
}

/// A scale bar for the map centre's latitude, with a round length.
pub fn scale_bar(painter: &egui::Painter, map: Rect, zoom: f64, lat: f64, p: Palette) {
    const EQUATOR_M: f64 = 40_075_016.686;
    let metres_per_px = EQUATOR_M * lat.to_radians().cos() / (256.0 * zoom.exp2());
    if !metres_per_px.is_finite() || metres_per_px <= 0.0 {
        return;
    }
    let max_px = 140.0;
    let max_m = metres_per_px * max_px;
    let magnitude = 10f64.powf(max_m.log10().floor());
    let nice = [5.0, 2.0, 1.0]
        .into_iter()
        .map(|k| k * magnitude)
        .find(|&m| m <= max_m)
        .unwrap_or(magnitude);
    let px = (nice / metres_per_px) as f32;
    let label = if nice >= 1000.0 {
        format!("{} km", nice / 1000.0)
    } else {
        format!("{nice} m")
    };
    let origin = map.left_bottom() + vec2(14.0, -16.0);
    let bg = Rect::from_min_max(origin + vec2(-6.0, -24.0), origin + vec2(px + 6.0, 6.0));
    painter.rect_filled(bg, 4.0, p.overlay_fill);
    let stroke = Stroke::new(2.0, p.label_text);
    let end = origin + vec2(px, 0.0);
    painter.line_segment([origin, end], stroke);
    painter.line_segment([origin, origin + vec2(0.0, -6.0)], stroke);
    painter.line_segment([end, end + vec2(0.0, -6.0)], stroke);
    painter.text(
        origin + vec2(px / 2.0, -8.0),
        Align2::CENTER_BOTTOM,
        label,
        FontId::proportional(12.0),
        p.label_text,
    );
}

/// The online layer's attribution (always while the layer is on) and, when its server cannot
/// be reached, one quiet line saying so. Bottom right of the map.
pub fn tile_status(
    ctx: &egui::Context,
    map: Rect,
    attribution: Option<(&str, &str)>,
    (reachability, failed): (Option<&Reachability>, u64),
    p: Palette,
) {
    if attribution.is_none() && reachability.is_none() {
        return;
    }
    egui::Area::new(egui::Id::unique("tile_attribution"))
        .fixed_pos(map.right_bottom() + vec2(-8.0, -8.0))
        .pivot(Align2::RIGHT_BOTTOM)
        .interactable(true)
        .show(ctx, |ui| {
            overlay_frame(p).inner_margin(4.0).show(ui, |ui| {
                if let Some(Reachability::Unreachable(why)) = reachability {
                    ui.label(
                        RichText::new(format!(
                            "Tiles unavailable — showing the offline basemap ({why})"
                        ))
                        .small()
                        .italics(),
                    );
                }
                if failed > 0 && !matches!(reachability, Some(Reachability::Unreachable(_))) {
                    let plural = if failed == 1 { "" } else { "s" };
                    ui.label(
                        RichText::new(format!(
                            "{failed} tile{plural} could not be loaded (errors or not images; see the log)"
                        ))
                        .small()
                        .italics(),
                    );
                }
                match attribution {
                    Some((text, url)) if !url.is_empty() => {
                        ui.hyperlink_to(RichText::new(text).small(), url);
                    }
                    Some((text, _)) if !text.is_empty() => {
                        ui.label(RichText::new(text).small());
                    }
                    _ => {}
                }
            });
        });
}

fn legend_row(ui: &mut egui::Ui, label: &str, paint: impl FnOnce(&egui::Painter, Pos2)) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(34.0, 24.0), Sense::hover());
        paint(ui.painter(), rect.center());
        ui.label(label);
    });
}

/// The legend: symbols, sizes, marks, and the district shading classes.
pub fn legend(
    ctx: &egui::Context,
    map: Rect,
    shades: &DistrictShades,
    density: Option<u32>,
    (imported, areas): (&[EventType], &[crate::map::layer::ShownLayer<'_>]),
    p: Palette,
) {
    egui::Area::new(egui::Id::unique("map_legend"))
        .fixed_pos(map.left_top() + vec2(10.0, 56.0))
        .show(ctx, |ui| {
            overlay_frame(p).show(ui, |ui| {
                ui.set_max_width(230.0);
                // On a short window the legend scrolls inside the map instead of spilling
                // over the timeline.
                egui::ScrollArea::vertical()
                    .max_height((map.height() - 90.0).max(120.0))
                    .show(ui, |ui| {
                        // The analyst's layers first: a fill means nothing without its key.
                        crate::ui::area_layers::legend(ui, areas, p);
                        match density {
                            Some(max_count) => density_legend(ui, max_count, shades, p),
                            None => legend_contents(ui, shades, imported, p),
                        }
                    });
            });
        });
}

/// An event type as the legend names it.
pub fn event_label(event: EventType) -> &'static str {
    match event {
        EventType::CoordinatedAttacks => "Coordinated attacks",
        EventType::ArmedAssault => "Armed assault",
        EventType::Ambush => "Ambush",
        EventType::SuicideBombing => "Suicide bombing",
        EventType::IedAttack => "IED attack",
        EventType::Hijacking => "Hijacking",
        EventType::FoiledAttack => "Foiled attack",
        EventType::SecurityOperation => "Security operation",
        EventType::Designation => "Designation",
        EventType::Statistics => "Statistics",
        EventType::Protest => "Protest or riot",
        EventType::Other => "Other development",
    }
}

/// The heat map's legend: its ramp from one incident in a cell to the most.
fn density_legend(ui: &mut egui::Ui, max_count: u32, shades: &DistrictShades, p: Palette) {
    ui.label(RichText::new("Incident density").strong());
    ui.label(RichText::new("Incidents per cell (log scale); zoom in or choose markers under Layers… to see each one").small());
    let (rect, _) = ui.allocate_exact_size(vec2(200.0, 14.0), Sense::hover());
    let steps = 40;
    for i in 0..steps {
        let t = (i as f32 + 0.5) / steps as f32;
        let x0 = rect.left() + rect.width() * i as f32 / steps as f32;
        let x1 = rect.left() + rect.width() * (i + 1) as f32 / steps as f32;
        let cell = Rect::from_min_max(egui::pos2(x0, rect.top()), egui::pos2(x1, rect.bottom()));
        ui.painter().rect_filled(cell, 0.0, p.density(t));
    }
    ui.horizontal(|ui| {
        ui.label(RichText::new("1").small());
        ui.add_space(160.0);
        ui.label(RichText::new(max_count.to_string()).small());
    });
    if shades.mode != ShadingMode::None {
        ui.add_space(4.0);
        ui.label(
            RichText::new(format!(
                "District shading ({}) returns with the markers",
                shades.mode.label().to_lowercase()
            ))
            .small()
            .weak(),
        );
    }
}

fn legend_contents(ui: &mut egui::Ui, shades: &DistrictShades, imported: &[EventType], p: Palette) {
    ui.label(RichText::new("Legend").strong());
    for event in EventType::LEGEND_ORDER
        .into_iter()
        .chain(imported.iter().copied())
    {
        legend_row(ui, event_label(event), |painter, c| {
            painter.add(symbol(c, 6.5, event, p.event_colour(event), p.marker_rim));
        });
    }
    ui.add_space(2.0);
    ui.label(RichText::new("Size: most killed, by any source").small());
    ui.horizontal(|ui| {
        for k in [10.0, 50.0, 200.0] {
            let r = marker_radius(Some(k));
            let (rect, _) =
                ui.allocate_exact_size(vec2(2.0 * r + 6.0, 2.0 * r + 4.0), Sense::hover());
            ui.painter().circle(
                rect.center(),
                r,
                p.cluster_fill.gamma_multiply(0.4),
                Stroke::new(1.0, p.label_text),
            );
            ui.label(RichText::new(format!("{k}")).small());
        }
    });
    legend_row(ui, "Sources disagree", |painter, c| {
        painter.circle_filled(c, 6.0, p.event_colour(EventType::ArmedAssault));
        painter.circle_stroke(c, 10.0, Stroke::new(2.0, p.label_text));
    });
    legend_row(ui, "Place approximate", |painter, c| {
        paint_precision_halo(painter, c, 4.0, GeoPrecision::Approximate, p);
        painter.circle_filled(c, 4.0, p.halo_rim);
    });
    legend_row(ui, "Somewhere in the district", |painter, c| {
        painter.circle(c, 11.0, p.halo_fill, Stroke::new(1.0, p.halo_rim));
        painter.circle_filled(c, 4.0, p.halo_rim);
    });
    legend_row(ui, "Province-wide", |painter, c| {
        painter.circle_filled(c, 12.0, p.halo_fill);
        dashed_circle(
            painter,
            c,
            12.0,
            24,
            Stroke::new(1.0, p.halo_rim),
            [3.0, 3.0],
        );
        painter.circle_filled(c, 4.0, p.halo_rim);
    });
    legend_row(ui, "Group (click to open)", |painter, c| {
        painter.circle(c, 10.0, p.cluster_fill, p.marker_rim);
        painter.text(
            c,
            Align2::CENTER_CENTER,
            "3",
            FontId::proportional(11.0),
            p.cluster_text,
        );
    });
    shading_legend(ui, shades, p);
}

/// The district shading classes, when shading is on.
fn shading_legend(ui: &mut egui::Ui, shades: &DistrictShades, p: Palette) {
    if shades.mode == ShadingMode::None {
        return;
    }
    ui.separator();
    ui.label(RichText::new(format!("Districts: {}", shades.mode.label().to_lowercase())).small());
    let labels = shades.mode.class_labels();
    ui.horizontal_wrapped(|ui| {
        for (class, label) in labels.iter().enumerate() {
            let (rect, _) = ui.allocate_exact_size(vec2(16.0, 12.0), Sense::hover());
            ui.painter()
                .rect_filled(rect, 2.0, p.shade(class, labels.len()));
            ui.label(RichText::new(label).small());
        }
    });
    if shades.province_wide > 0 {
        ui.label(
            RichText::new(format!(
                "{} province-wide incident(s) shade no district",
                shades.province_wide
            ))
            .small()
            .weak(),
        );
    }
}

/// The lens banner, top centre of the map: whose telling the map shows, and a way back.
pub fn lens_banner(
    ctx: &egui::Context,
    map: Rect,
    source_name: &str,
    p: Palette,
    commands: &mut CommandQueue,
) {
    egui::Area::new(egui::Id::unique("lens_banner"))
        .fixed_pos(map.center_top() + vec2(0.0, 10.0))
        .pivot(Align2::CENTER_TOP)
        .show(ctx, |ui| {
            egui::Frame::new()
                .fill(p.warning_fill())
                .stroke(Stroke::new(1.0, p.label_text))
                .corner_radius(6.0)
                .inner_margin(egui::Margin::symmetric(12, 6))
                .show(ui, |ui| {
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!(
                                "Lens: {source_name} — the map shows only what this source says"
                            ))
                            .strong()
                            .size(16.0),
                        );
                        if ui.button("Clear lens").clicked() {
                            commands.push(SourceCommand::SetLens(None));
                        }
                    });
                });
        });
}
