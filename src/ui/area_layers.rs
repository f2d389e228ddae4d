//! The analyst's area layers in the side panel, under the datasets (a switch, what to fill
//! and label them by, remove; *Add area layer…* is in the map's Layers menu too) and in the
//! legend (the outline colour, the fill's classes
//! with their ranges).

use egui::{RichText, Ui};

use atlas_core::prepare::user_layers::UserLayer;
use atlas_core::state::AreaLayerSettings;

use crate::command::{CommandQueue, SettingsCommand, WindowCommand};
use crate::map::layer::ShownLayer;
use crate::theme::Palette;

/// One layer as the menu lists it.
pub struct LayerRow<'a> {
    pub layer: &'a UserLayer,
    pub settings: &'a AreaLayerSettings,
    pub colour: egui::Color32,
}

/// The area layers' section of the side panel (combo boxes would close a menu).
pub fn panel(ui: &mut Ui, rows: &[LayerRow<'_>], commands: &mut CommandQueue) {
    ui.label(RichText::new(format!("Area layers ({})", rows.len())).strong());
    for row in rows {
        let mut settings = row.settings.clone();
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
            ui.painter().rect_stroke(
                swatch,
                2.0,
                egui::Stroke::new(2.0, row.colour),
                egui::StrokeKind::Inside,
            );
            let label = format!("{} ({} areas)", row.layer.name, row.layer.areas.len());
            ui.checkbox(&mut settings.visible, label)
                .on_hover_text(row.layer.path.display().to_string());
            if ui
                .small_button("Remove")
                .on_hover_text("Take the layer off the map (the file is not touched)")
                .clicked()
            {
                commands.push(WindowCommand::RemoveLayer(row.layer.path.clone()));
            }
        });
        ui.indent(row.layer.path.display().to_string(), |ui| {
            property_choice(
                ui,
                "Fill by",
                &row.layer.numeric,
                &mut settings.fill_by,
                &row.layer.path,
            );
            property_choice(
                ui,
                "Label by",
                &row.layer.property_names,
                &mut settings.label_by,
                &row.layer.path,
            );
        });
        if settings != *row.settings {
            commands.push(SettingsCommand::SetAreaLayer(settings));
        }
    }
    if ui
        .small_button("Add area layer…")
        .on_hover_text("A GeoJSON file of polygons: zones, areas of control, census units")
        .clicked()
    {
        commands.push(WindowCommand::PickLayerToAdd);
    }
}

fn property_choice(
    ui: &mut Ui,
    label: &str,
    choices: &[String],
    value: &mut Option<String>,
    path: &std::path::Path,
) {
    let shown = value.clone().unwrap_or_else(|| "—".to_owned());
    // Named by `label` (beside it, for screen readers and tests); one per layer.
    egui::ComboBox::new((label, path), label)
        .selected_text(shown)
        .width(140.0)
        .show_ui(ui, |ui| {
            ui.selectable_value(value, None, "—");
            for choice in choices {
                ui.selectable_value(value, Some(choice.clone()), choice);
            }
        });
}

/// The layers' part of the legend.
pub fn legend(ui: &mut Ui, shown: &[ShownLayer<'_>], p: Palette) {
    if shown.is_empty() {
        return;
    }
    for layer in shown {
        ui.horizontal(|ui| {
            let (swatch, _) = ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
            ui.painter().rect_stroke(
                swatch,
                1.0,
                egui::Stroke::new(2.0, layer.colour),
                egui::StrokeKind::Inside,
            );
            ui.label(RichText::new(&layer.layer.name).strong());
        });
        let (Some(fill), Some(property)) = (&layer.fill, layer.fill_by) else {
            continue;
        };
        ui.label(RichText::new(format!("{property} (quantiles)")).small());
        let count = fill.breaks.len();
        let mut low = fill.min;
        for (class, &high) in fill.breaks.iter().enumerate() {
            ui.horizontal(|ui| {
                let (swatch, _) =
                    ui.allocate_exact_size(egui::vec2(14.0, 10.0), egui::Sense::hover());
                ui.painter()
                    .rect_filled(swatch, 1.0, p.area_fill(class, count));
                ui.label(RichText::new(format!("{} – {}", short(low), short(high))).small());
            });
            low = high;
        }
    }
    ui.separator();
}

/// A number as a legend writes it: few digits.
fn short(v: f64) -> String {
    if v.abs() >= 100.0 || v.fract() == 0.0 {
        format!("{v:.0}")
    } else if v.abs() >= 1.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}
