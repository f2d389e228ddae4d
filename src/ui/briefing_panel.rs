//! The briefing window: the slides in order, to show, rename, caption, reorder, replace
//! and delete; the briefing's file; presenting and exporting. Pushes commands only; the
//! text being edited lives in `BriefingPanelState` until the user saves it.

use egui::{RichText, TextEdit};

use crate::briefing::Briefing;
use crate::command::{BriefingCommand, CommandQueue};
use crate::theme::Palette;

/// What the window shows.
pub struct BriefingPanelView<'a> {
    pub briefing: &'a Briefing,
    pub current: Option<usize>,
    /// Where the briefing is read from and written to, as the user should read it.
    pub file: &'a str,
    /// Why the file could not be read (then it is never written over).
    pub broken: Option<&'a str>,
    pub palette: Palette,
    /// Each slide's thumbnail when drawn (texture and size in pixels).
    pub thumbnails: &'a [Option<(egui::TextureId, egui::Vec2)>],
    /// Whether presenting opens the presenter window.
    pub presenter_view: bool,
}

/// Edits in progress: a slide's title and caption, or a deletion waiting for "Yes".
#[derive(Debug, Default)]
pub struct BriefingPanelState {
    editing: Option<Editing>,
    confirm_delete: Option<usize>,
    title: Option<String>,
}

#[derive(Debug)]
struct Editing {
    index: usize,
    title: String,
    caption: String,
    /// The figures, comma-separated metric names.
    figures: String,
    notes: String,
}

pub fn show(
    ctx: &egui::Context,
    open: &mut bool,
    view: &BriefingPanelView<'_>,
    state: &mut BriefingPanelState,
    commands: &mut CommandQueue,
) {
    egui::Window::new("Briefing")
        .open(open)
        .default_width(420.0)
        .default_pos(ctx.content_rect().right_top() + egui::vec2(-460.0, 60.0))
        .show(ctx, |ui| {
            file_line(ui, view, commands);
            ui.separator();
            briefing_title(ui, view, state, commands);
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.55)
                .show(ui, |ui| {
                    if view.briefing.slides.is_empty() {
                        ui.label(
                            RichText::new("No slides yet: frame the map, then Add current view.")
                                .weak(),
                        );
                    }
                    for index in 0..view.briefing.slides.len() {
                        slide_row(ui, view, index, state, commands);
                    }
                });
            ui.separator();
            ui.horizontal_wrapped(|ui| {
                if ui
                    .button("Add current view")
                    .on_hover_text("Save the map, dates, selection, sources and layers as a slide after the current one")
                    .clicked()
                {
                    commands.push(BriefingCommand::AddSlide);
                }
                let any = !view.briefing.slides.is_empty();
                if ui
                    .add_enabled(any, egui::Button::new("Present (F5)"))
                    .clicked()
                {
                    commands.push(BriefingCommand::SetPresenting(true));
                }
                if ui
                    .add_enabled(any, egui::Button::new("Export all slides…"))
                    .on_hover_text("One PNG per slide into a folder you choose")
                    .clicked()
                {
                    commands.push(BriefingCommand::ExportSlides);
                }
                if ui
                    .button("Export animation…")
                    .on_hover_text("The selected dates played a day a frame into an animated GIF, for a deck")
                    .clicked()
                {
                    commands.push(BriefingCommand::ExportAnimation);
                }
                if ui
                    .add_enabled(any, egui::Button::new("Export handout…"))
                    .on_hover_text("A PDF to leave with the room: the slides, a page per contested figure with its claims, the sources")
                    .clicked()
                {
                    commands.push(BriefingCommand::ExportHandout);
                }
            });
            let mut presenter = view.presenter_view;
            if ui
                .checkbox(&mut presenter, "Presenter window while presenting")
                .on_hover_text("A second window for you: this slide and the next, your notes, the clock")
                .changed()
            {
                commands.push(BriefingCommand::SetPresenterView(presenter));
            }
            ui.label(
                RichText::new("PageDown / PageUp (or a clicker) step through the slides.")
                    .small()
                    .weak(),
            );
        });
}

fn file_line(ui: &mut egui::Ui, view: &BriefingPanelView<'_>, commands: &mut CommandQueue) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("File:").strong());
        ui.label(view.file);
    });
    if let Some(error) = view.broken {
        egui::Frame::new()
            .fill(view.palette.warning_fill())
            .corner_radius(4.0)
            .inner_margin(6.0)
            .show(ui, |ui| {
                ui.label(
                    RichText::new(format!(
                        "This briefing could not be read, and will not be written over:\n{error}"
                    ))
                    .color(view.palette.label_text),
                );
            });
    }
    ui.horizontal(|ui| {
        if ui.button("Open…").clicked() {
            commands.push(BriefingCommand::PickBriefingToOpen);
        }
        if ui.button("Save as…").clicked() {
            commands.push(BriefingCommand::PickBriefingSaveAs);
        }
    });
}

fn briefing_title(
    ui: &mut egui::Ui,
    view: &BriefingPanelView<'_>,
    state: &mut BriefingPanelState,
    commands: &mut CommandQueue,
) {
    let title = state
        .title
        .get_or_insert_with(|| view.briefing.title.clone());
    let response = ui.add(
        TextEdit::singleline(title)
            .hint_text("Briefing title")
            .desired_width(f32::INFINITY),
    );
    if response.lost_focus() {
        if *title != view.briefing.title {
            commands.push(BriefingCommand::SetBriefingTitle(title.clone()));
        }
        state.title = None;
    } else if !response.has_focus() {
        // Follow the file when another briefing is opened.
        state.title = None;
    }
}

fn slide_row(
    ui: &mut egui::Ui,
    view: &BriefingPanelView<'_>,
    index: usize,
    state: &mut BriefingPanelState,
    commands: &mut CommandQueue,
) {
    let Some(slide) = view.briefing.slides.get(index) else {
        return;
    };
    let count = view.briefing.slides.len();
    ui.push_id(index, |ui| {
        if let Some(editing) = state.editing.as_mut().filter(|e| e.index == index) {
            if edit_row(ui, editing, commands) {
                state.editing = None;
            }
            ui.separator();
            return;
        }
        // The slide's picture, then its title on a line of its own (titles are long), then
        // the caption, then the buttons.
        if let Some(Some((texture, size))) = view.thumbnails.get(index) {
            let width = 192.0;
            let picture = egui::Image::new((
                *texture,
                egui::vec2(width, width * size.y / size.x.max(1.0)),
            ))
            .sense(egui::Sense::click());
            if ui.add(picture).on_hover_text("Show this slide").clicked() {
                commands.push(BriefingCommand::GoToSlide(index));
            }
        }
        let current = view.current == Some(index);
        let text = RichText::new(format!("{}. {}", index + 1, slide.title));
        let text = if current { text.strong() } else { text };
        if ui
            .selectable_label(current, text)
            .on_hover_text("Show this slide")
            .clicked()
        {
            commands.push(BriefingCommand::GoToSlide(index));
        }
        if !slide.caption.is_empty() {
            ui.label(RichText::new(&slide.caption).small().weak());
        }
        ui.horizontal(|ui| {
            if state.confirm_delete == Some(index) {
                ui.label("Delete this slide?");
                if ui.button("Delete it").clicked() {
                    commands.push(BriefingCommand::DeleteSlide(index));
                    state.confirm_delete = None;
                }
                if ui.button("Keep").clicked() {
                    state.confirm_delete = None;
                }
                return;
            }
            if ui.small_button("Edit").clicked() {
                state.editing = Some(Editing {
                    index,
                    title: slide.title.clone(),
                    caption: slide.caption.clone(),
                    figures: slide.figures.join(", "),
                    notes: slide.notes.clone(),
                });
            }
            layout_picker(ui, index, slide.layout, commands);
            if ui
                .add_enabled(index > 0, egui::Button::new("Up").small())
                .clicked()
            {
                commands.push(BriefingCommand::MoveSlide(index, -1));
            }
            if ui
                .add_enabled(index + 1 < count, egui::Button::new("Down").small())
                .clicked()
            {
                commands.push(BriefingCommand::MoveSlide(index, 1));
            }
            if ui.small_button("Delete").clicked() {
                state.confirm_delete = Some(index);
            }
        });
        ui.separator();
    });
}

/// A slide being edited: title, caption, save / cancel / use current view. Returns whether
/// the edit is over.
fn edit_row(ui: &mut egui::Ui, editing: &mut Editing, commands: &mut CommandQueue) -> bool {
    let index = editing.index;
    ui.add(TextEdit::singleline(&mut editing.title).desired_width(f32::INFINITY));
    ui.add(
        TextEdit::singleline(&mut editing.caption)
            .hint_text("One-line caption")
            .desired_width(f32::INFINITY),
    );
    ui.add(
        TextEdit::singleline(&mut editing.figures)
            .hint_text("Figures to chart, e.g. militants_killed, locations_attacked (empty: the disputed ones)")
            .desired_width(f32::INFINITY),
    );
    ui.add(
        TextEdit::multiline(&mut editing.notes)
            .hint_text("Speaker notes (the presenter window shows them)")
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    );
    let (save, cancel, replace) = ui
        .horizontal(|ui| {
            let save = ui.button("Save").clicked();
            let cancel = ui.button("Cancel").clicked();
            let replace = ui
                .button("Use current view")
                .on_hover_text("Replace this slide's map, dates, selection, sources and layers with what is shown now")
                .clicked();
            (save, cancel, replace)
        })
        .inner;
    if save {
        commands.push(BriefingCommand::RenameSlide(index, editing.title.clone()));
        commands.push(BriefingCommand::SetSlideCaption(
            index,
            editing.caption.clone(),
        ));
        let figures = editing
            .figures
            .split(',')
            .map(|f| f.trim().to_owned())
            .filter(|f| !f.is_empty())
            .collect();
        commands.push(BriefingCommand::SetSlideFigures(index, figures));
        commands.push(BriefingCommand::SetSlideNotes(index, editing.notes.clone()));
    }
    if replace {
        commands.push(BriefingCommand::UpdateSlide(index));
    }
    save || cancel
}

/// The slide's layout, chosen from the five.
fn layout_picker(
    ui: &mut egui::Ui,
    index: usize,
    layout: crate::briefing::SlideLayout,
    commands: &mut CommandQueue,
) {
    egui::ComboBox::new(("slide_layout", index), "Layout")
        .selected_text(layout.label())
        .show_ui(ui, |ui| {
            for option in crate::briefing::SlideLayout::ALL {
                if ui
                    .selectable_label(option == layout, option.label())
                    .clicked()
                    && option != layout
                {
                    commands.push(BriefingCommand::SetSlideLayout(index, option));
                }
            }
        })
        .response
        .on_hover_text("What the slide shows beside or instead of the map");
}
