//! Small pictures of the slides, for the Briefing window and the presenter window: drawn
//! offscreen on a worker thread by the slide renderer (the same picture an export makes, at
//! 320×180), uploaded as textures as they arrive, drawn again when the briefing changes.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

use image::RgbaImage;

use crate::render::slide::{RenderJob, render_images};

/// A thumbnail's size in pixels.
pub const THUMBNAIL_SIZE: [u32; 2] = [320, 180];

/// The slides' thumbnails, for one revision of the briefing.
#[derive(Default)]
pub struct Thumbnails {
    /// The briefing revision (and theme) the pictures show.
    drawn_for: Option<(u64, bool)>,
    textures: Vec<Option<egui::TextureHandle>>,
    receive: Option<Receiver<(usize, RgbaImage)>>,
    cancel: Arc<AtomicBool>,
}

impl Thumbnails {
    /// Whether the pictures show `revision` in that theme (or are being drawn for it).
    pub fn is_for(&self, revision: u64, dark: bool) -> bool {
        self.drawn_for == Some((revision, dark))
    }

    /// Starts drawing `job`'s slides for `revision`; pictures of an older revision stay
    /// until their replacements arrive (a slide edit does not blank the list).
    pub fn start(&mut self, job: RenderJob, revision: u64, dark: bool, wake: egui::Context) {
        self.cancel.store(true, Ordering::Relaxed);
        let cancel = Arc::new(AtomicBool::new(false));
        self.cancel = Arc::clone(&cancel);
        self.textures.resize(job.briefing.slides.len(), None);
        let (send, receive) = channel();
        let spawned = std::thread::Builder::new()
            .name("thumbnails".to_owned())
            .spawn(move || {
                let drawn = render_images(&job, &cancel, |index, image, _| {
                    let _ = send.send((index, image));
                    wake.request_repaint();
                    Ok(())
                });
                if let Err(e) = drawn {
                    log::warn!("slide thumbnails could not be drawn: {e}");
                }
            });
        match spawned {
            Ok(_) => self.receive = Some(receive),
            Err(e) => log::warn!("cannot start drawing the slide thumbnails: {e}"),
        }
        self.drawn_for = Some((revision, dark));
    }

    /// Takes the pictures that arrived, as textures.
    pub fn poll(&mut self, ctx: &egui::Context) {
        let Some(receive) = &self.receive else {
            return;
        };
        while let Ok((index, image)) = receive.try_recv() {
            let size = [image.width() as usize, image.height() as usize];
            let picture = egui::ColorImage::from_rgba_unmultiplied(size, image.as_raw());
            let texture = ctx.load_texture(
                format!("slide-thumbnail-{index}"),
                picture,
                egui::TextureOptions::LINEAR,
            );
            if let Some(slot) = self.textures.get_mut(index) {
                *slot = Some(texture);
            }
        }
    }

    /// The picture of slide `index`, when drawn.
    pub fn get(&self, index: usize) -> Option<&egui::TextureHandle> {
        self.textures.get(index).and_then(Option::as_ref)
    }

    /// How many pictures are ready.
    pub fn ready(&self) -> usize {
        self.textures.iter().flatten().count()
    }
}

impl Drop for Thumbnails {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}
