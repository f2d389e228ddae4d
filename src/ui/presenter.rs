//! The presenter window: a second window (an egui viewport) for the speaker while the
//! audience's window shows the slide — the current and the next slide, the notes, the clock
//! and the time since presenting began.

use egui::RichText;

/// One slide as the presenter window shows it.
pub struct PresenterSlide<'a> {
    pub number: usize,
    pub title: &'a str,
    /// Its thumbnail, when drawn (id and size in pixels).
    pub picture: Option<(egui::TextureId, egui::Vec2)>,
}

/// What the presenter window shows.
pub struct PresenterView<'a> {
    pub slides: usize,
    pub current: Option<PresenterSlide<'a>>,
    pub next: Option<PresenterSlide<'a>>,
    pub notes: &'a str,
    /// The wall clock, "14:05".
    pub clock: String,
    /// Time since presenting began, "12:31".
    pub elapsed: String,
}

/// Shows the presenter window (a separate native window where the platform allows, else a
/// window inside the main one). Returns whether the user closed it.
pub fn show(ctx: &egui::Context, view: &PresenterView<'_>) -> bool {
    let id = egui::ViewportId::from_hash_of("presenter");
    let builder = egui::ViewportBuilder::default()
        .with_title("Incident Atlas — presenter")
        .with_inner_size([960.0, 620.0]);
    ctx.show_viewport_immediate(id, builder, |ui, class| {
        if class == egui::ViewportClass::EmbeddedWindow {
            // No second window on this platform (or in tests): a window inside the main one.
            content(ui, view);
            false
        } else {
            egui::CentralPanel::default().show(ui, |ui| content(ui, view));
            ui.ctx().input(|i| i.viewport().close_requested())
        }
    })
}

fn content(ui: &mut egui::Ui, view: &PresenterView<'_>) {
    ui.horizontal(|ui| {
        ui.label(RichText::new(&view.clock).size(28.0).strong());
        ui.add_space(16.0);
        ui.label(RichText::new(format!("presenting for {}", view.elapsed)).size(18.0));
        if let Some(current) = &view.current {
            ui.add_space(16.0);
            ui.label(
                RichText::new(format!("slide {} of {}", current.number, view.slides)).size(18.0),
            );
        }
    });
    ui.separator();
    ui.columns(2, |columns| {
        if let [now, next] = columns {
            slide(now, "Now", view.current.as_ref(), 1.0);
            slide(next, "Next", view.next.as_ref(), 0.75);
        }
    });
    ui.separator();
    ui.label(RichText::new("Notes").strong());
    egui::ScrollArea::vertical().show(ui, |ui| {
        if view.notes.is_empty() {
            ui.label(RichText::new("No notes for this slide.").weak());
        } else {
            ui.label(RichText::new(view.notes).size(20.0));
        }
    });
}

fn slide(ui: &mut egui::Ui, heading: &str, slide: Option<&PresenterSlide<'_>>, scale: f32) {
    ui.label(RichText::new(heading).strong());
    let Some(slide) = slide else {
        ui.label(RichText::new("(the end of the briefing)").weak());
        return;
    };
    ui.label(RichText::new(slide.title).size(18.0 * scale));
    let width = ui.available_width();
    if let Some((texture, size)) = slide.picture {
        let height = width * size.y / size.x.max(1.0);
        ui.add(egui::Image::new((texture, egui::vec2(width, height))));
    } else {
        let (rect, _) =
            ui.allocate_exact_size(egui::vec2(width, width * 9.0 / 16.0), egui::Sense::hover());
        ui.painter()
            .rect_filled(rect, 4.0, ui.visuals().faint_bg_color);
        ui.painter().text(
            rect.center(),
            egui::Align2::CENTER_CENTER,
            "drawing…",
            egui::FontId::proportional(14.0),
            ui.visuals().weak_text_color(),
        );
    }
}
