//! The findings under a table or the campaign's charts: each a frame naming its kind, its
//! sources and what disagrees (a click shows the incident where the list is clickable), with
//! buttons for the passages of the claims it cites.

use egui::{RichText, Sense, Stroke, Ui};

use super::{PanelView, claim_clicked};
use crate::command::{CommandQueue, SelectionCommand};
use crate::model::compare::Finding;

pub(super) fn findings(
    ui: &mut Ui,
    view: &PanelView<'_>,
    findings: &[Finding],
    clickable: bool,
    commands: &mut CommandQueue,
) {
    ui.add_space(8.0);
    ui.label(RichText::new(format!("Findings ({})", findings.len())).strong());
    if findings.is_empty() {
        ui.label(RichText::new("The sources in view do not disagree here.").weak());
    }
    for (i, f) in findings.iter().enumerate() {
        let frame = egui::Frame::group(ui.style()).inner_margin(6.0);
        let response = frame
            .show(ui, |ui| {
                ui.set_width(ui.available_width());
                ui.horizontal_wrapped(|ui| {
                    let tag = RichText::new(f.kind.label()).strong().color(
                        if f.kind == crate::model::compare::FindingKind::SingleSource {
                            ui.visuals().weak_text_color()
                        } else {
                            view.palette.disagree()
                        },
                    );
                    ui.label(tag);
                    for s in &f.source_ids {
                        ui.label(RichText::new(view.name(s)).small().color(view.colour(s)));
                    }
                });
                ui.label(&f.explanation);
            })
            .response;
        // Outside the frame: the frame itself is one button (show the incident).
        if !f.claim_ids.is_empty() {
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Passages:").small().weak());
                for claim in &f.claim_ids {
                    if ui
                        .small_button(claim)
                        .on_hover_text("Open the source's document at this claim's passage")
                        .clicked()
                    {
                        claim_clicked(ui.ctx(), claim);
                    }
                }
            });
        }
        if clickable {
            let id = ui.scope_id().with(("finding", i));
            let response = ui.interact(response.rect, id, Sense::click());
            response.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Button,
                    true,
                    format!("{}: {}", f.kind.label(), f.explanation),
                )
            });
            if response.hovered() {
                ui.painter().rect_stroke(
                    response.rect,
                    4.0,
                    Stroke::new(1.5, view.palette.selection.color),
                    egui::StrokeKind::Inside,
                );
            }
            if response
                .on_hover_text("Show this incident on the map and the timeline")
                .clicked()
                && let Some(incident) = f.incident_ids.first()
            {
                commands.push(SelectionCommand::ShowIncident(incident.clone()));
            }
        }
    }
}
