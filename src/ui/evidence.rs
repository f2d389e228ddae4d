//! The evidence view: a document with the passage a claim was taken from highlighted and
//! the document's other claims marked, the passage the analyst selects, and the document's
//! suggested claims. It changes nothing but through the command queue.

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{Color32, RichText, Ui};

use crate::command::{CommandQueue, EditCommand, EvidenceCommand};
use crate::theme::Palette;
use atlas_core::evidence::desk::{Mark, OpenDocument};

/// The evidence window for `doc`.
pub fn show(
    ctx: &egui::Context,
    doc: &OpenDocument,
    palette: Palette,
    commands: &mut CommandQueue,
) {
    let mut open = true;
    egui::Window::new(format!("Evidence — {}", doc.name))
        .open(&mut open)
        .default_size([640.0, 560.0])
        .max_height(ctx.content_rect().height() * 0.85)
        .default_pos(ctx.content_rect().center() - egui::vec2(320.0, 300.0))
        .resizable(true)
        .show(ctx, |ui| {
            toolbar(ui, doc, commands);
            if let Some(focus) = &doc.focus {
                ui.label(RichText::new(&focus.label).strong());
            }
            if let Some(warning) = &doc.warning {
                ui.label(RichText::new(format!("⚠ {warning}")).color(ui.visuals().warn_fg_color));
            }
            ui.separator();
            match &doc.text {
                Err(why) => {
                    ui.label(why);
                }
                Ok(text) => {
                    if let Some(suggestions) = &doc.suggestions {
                        suggestion_list(ui, doc, text, suggestions, commands);
                        ui.separator();
                    }
                    document_text(ui, doc, text, palette, commands);
                }
            }
        });
    if !open {
        commands.push(EvidenceCommand::Close);
    }
}

fn toolbar(ui: &mut Ui, doc: &OpenDocument, commands: &mut CommandQueue) {
    ui.horizontal_wrapped(|ui| {
        if ui
            .button("Documents folder…")
            .on_hover_text("The folder that holds the sources' documents (remembered)")
            .clicked()
        {
            commands.push(EvidenceCommand::PickDocumentsFolder);
        }
        if ui
            .button("Open document…")
            .on_hover_text("A new article (plain text or HTML) to take claims from")
            .clicked()
        {
            commands.push(EvidenceCommand::PickDocument);
        }
        let readable = doc.text.is_ok();
        if ui
            .add_enabled(readable, egui::Button::new("Suggest claims"))
            .on_hover_text("Every figure phrase of the document, with a guess at what it counts")
            .clicked()
        {
            commands.push(EvidenceCommand::Suggest);
        }
        let selected = doc.selection.is_some_and(|(s, e)| s < e);
        if ui
            .add_enabled(selected, egui::Button::new("New claim from selection"))
            .on_hover_text("A claim pre-filled from the selected passage: value, qualifier, metric, attribution, locator")
            .clicked()
        {
            commands.push(EvidenceCommand::NewClaimFromSelection);
        }
    });
    if let Some(path) = &doc.path {
        ui.label(RichText::new(path.display().to_string()).small().weak());
    }
}

fn suggestion_list(
    ui: &mut Ui,
    doc: &OpenDocument,
    text: &str,
    suggestions: &[(atlas_core::evidence::suggest::Suggestion, bool)],
    commands: &mut CommandQueue,
) {
    let open = suggestions.iter().filter(|(_, rejected)| !rejected).count();
    ui.label(RichText::new(format!("Suggested claims ({open})")).strong());
    egui::ScrollArea::vertical()
        .id_salt("suggestions")
        .max_height(160.0)
        .show(ui, |ui| {
            for (i, (s, rejected)) in suggestions.iter().enumerate() {
                if *rejected {
                    continue;
                }
                // A figure the data already takes from this passage says which claim.
                let taken = s.span.byte_range(text).and_then(|r| {
                    doc.marks
                        .iter()
                        .find(|m| m.range.start < r.end && r.start < m.range.end)
                        .map(|m| m.claim_id.as_str())
                });
                ui.horizontal(|ui| {
                    if let Some(claim) = taken {
                        ui.label(RichText::new(format!("in the data as {claim}")).weak());
                    }
                    if ui
                        .small_button("Accept")
                        .on_hover_text("Open the claim form with this figure")
                        .clicked()
                    {
                        commands.push(EvidenceCommand::AcceptSuggestion(i));
                    }
                    if ui.small_button("Reject").clicked() {
                        commands.push(EvidenceCommand::RejectSuggestion(i));
                    }
                    let metric = s.metric.unwrap_or("metric?");
                    let by = s
                        .attributed_to
                        .as_deref()
                        .map(|a| format!(" · {a}"))
                        .unwrap_or_default();
                    ui.label(format!("{} · {metric}{by} · “{}”", s.locator, s.text));
                });
            }
        });
}

/// The document, read-only but selectable, the focus and the marks painted behind the text.
fn document_text(
    ui: &mut Ui,
    doc: &OpenDocument,
    text: &str,
    palette: Palette,
    commands: &mut CommandQueue,
) {
    // The passage asked for in a highlighter's yellow; the document's other claims in a
    // pale tint of the selection colour, so the one asked for stands out on a projector.
    let focus = if ui.visuals().dark_mode {
        Color32::from_rgb(122, 98, 0)
    } else {
        Color32::from_rgb(255, 224, 102)
    };
    let mark = palette.selection.color.gamma_multiply(0.16);
    let font = egui::FontId::proportional(15.0);
    let ink = ui.visuals().text_color();
    let mut layouter = |ui: &Ui, buffer: &dyn egui::TextBuffer, wrap: f32| {
        let job = highlighted(buffer.as_str(), doc, [focus, mark], &font, ink, wrap);
        ui.fonts_mut(|f| f.layout_job(job))
    };
    let mut readonly: &str = text;
    let output = egui::ScrollArea::vertical()
        .id_salt(("evidence_text", &doc.name))
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let output = egui::TextEdit::multiline(&mut readonly)
                .desired_width(f32::INFINITY)
                .layouter(&mut layouter)
                .show(ui);
            if doc.scroll_to_focus
                && let Some(focus) = &doc.focus
            {
                let at = text
                    .get(..focus.range.start)
                    .map_or(0, |t| t.chars().count());
                let rect = output
                    .galley
                    .pos_from_cursor(CCursor::new(at))
                    .translate(output.galley_pos.to_vec2());
                ui.scroll_to_rect(rect, Some(egui::Align::Center));
                commands.push(EvidenceCommand::SetSelection(doc.selection));
            }
            output
        })
        .inner;
    let selection = output.cursor_range.and_then(|range| {
        let [a, b] = range.sorted_cursors();
        let byte = |c: CCursor| {
            text.char_indices()
                .nth(c.index.0)
                .map_or(text.len(), |(i, _)| i)
        };
        (a.index.0 < b.index.0).then(|| (byte(a), byte(b)))
    });
    if selection != doc.selection && output.cursor_range.is_some() {
        commands.push(EvidenceCommand::SetSelection(selection));
    }
    if output.response.response.double_clicked() {
        // A double click on a marked passage opens its claim's form.
        if let Some(range) = output.cursor_range {
            let at = text
                .char_indices()
                .nth(range.primary.index.0)
                .map_or(text.len(), |(i, _)| i);
            if let Some(m) = doc.marks.iter().find(|m| m.range.contains(&at)) {
                commands.push(EditCommand::EditRow(
                    atlas_core::authoring::Table::Claims,
                    m.claim_id.clone(),
                ));
            }
        }
    }
}

/// The text as a layout job: the focus and the marks as background colours.
fn highlighted(
    text: &str,
    doc: &OpenDocument,
    [focus, mark]: [Color32; 2],
    font: &egui::FontId,
    ink: Color32,
    wrap: f32,
) -> LayoutJob {
    // Boundaries where the background changes, then a section per run.
    let mut cuts: Vec<usize> = vec![0, text.len()];
    let spans: Vec<(&Mark, Color32)> = doc
        .focus
        .iter()
        .map(|m| (m, focus))
        .chain(doc.marks.iter().map(|m| (m, mark)))
        .collect();
    for (m, _) in &spans {
        cuts.push(m.range.start.min(text.len()));
        cuts.push(m.range.end.min(text.len()));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut job = LayoutJob::default();
    job.wrap.max_width = wrap;
    for pair in cuts.windows(2) {
        let &[start, end] = pair else { continue };
        if start >= end {
            continue;
        }
        let background = spans
            .iter()
            .find(|(m, _)| m.range.start <= start && end <= m.range.end)
            .map_or(Color32::TRANSPARENT, |(_, c)| *c);
        let is_focus = doc
            .focus
            .as_ref()
            .is_some_and(|f| f.range.start <= start && end <= f.range.end);
        let format = TextFormat {
            font_id: font.clone(),
            color: ink,
            background,
            underline: if is_focus {
                egui::Stroke::new(1.5, ink)
            } else {
                egui::Stroke::NONE
            },
            ..TextFormat::default()
        };
        job.append(text.get(start..end).unwrap_or_default(), 0.0, format);
    }
    job
}
