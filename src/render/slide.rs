//! Slides as images: the app in presentation mode, drawn offscreen at a chosen size, one
//! slide at a time. Used by the PNG export (on a worker thread) and `incident-atlas render`.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use image::RgbaImage;

use super::{OffscreenRenderer, RenderError, write_png};
use crate::app::AtlasApp;
use crate::briefing::Briefing;
use crate::io::{DataLocation, Loaded};
use crate::map::prepared::PreparedMap;
use crate::state::ViewSettings;

/// The logical height every slide is laid out at, whatever its size in pixels: a slide
/// exported at 1280×720 and at 3840×2160 frames the same ground with the same type, the
/// larger one sharper (with the default presentation scale of 1.5, 1920×1080 is drawn at
/// 1.5 pixels per point, as a 1080p projector shows presentation mode).
const REFERENCE_HEIGHT_PX: f32 = 1080.0;

/// Frames drawn before the one kept: the map needs one to learn its size, overlays one to
/// measure themselves.
const SETTLING_FRAMES: usize = 4;

/// The pixels per point the "screen" reports for an image of this size; the app's own
/// presentation scale multiplies it.
pub fn native_pixels_per_point(size: [u32; 2]) -> f32 {
    (size[1] as f32 / REFERENCE_HEIGHT_PX).clamp(0.25, 8.0)
}

/// Draws slide `index` of the app's briefing (or, with `None`, the view as it stands) in
/// presentation mode at `size` pixels.
pub fn render_slide(
    renderer: &mut OffscreenRenderer,
    ctx: &egui::Context,
    app: &mut AtlasApp,
    index: Option<usize>,
    size: [u32; 2],
) -> Result<RgbaImage, RenderError> {
    if size[0] < 16 || size[1] < 16 || size[0] > 16_384 || size[1] > 16_384 {
        return Err(RenderError::Gpu(format!(
            "cannot draw an image of {}×{} pixels (16 to 16384 a side)",
            size[0], size[1]
        )));
    }
    app.prepare_offscreen(index);
    let ppp = native_pixels_per_point(size);
    // Layers prepared on a worker thread (the tehsils) must be in before the frame is kept.
    let mut waited = 0;
    while !app.settled() && waited < 600 {
        renderer.render_frames(ctx, size, ppp, 1, |ui| app.show(ui))?;
        std::thread::sleep(std::time::Duration::from_millis(50));
        waited += 1;
    }
    renderer.render_frames(ctx, size, ppp, SETTLING_FRAMES, |ui| app.show(ui))
}

/// Everything a worker thread needs to export slides without touching the app.
pub struct RenderJob {
    pub loaded: Arc<Loaded>,
    pub prepared: Arc<PreparedMap>,
    pub location: DataLocation,
    pub settings: ViewSettings,
    pub briefing: Briefing,
    /// One file per slide, in order.
    pub paths: Vec<PathBuf>,
    pub size: [u32; 2],
    /// Whether the caption shows "3 / 7": slides of a briefing yes, the current view no.
    pub numbered: bool,
}

/// Renders and writes each slide of the job in order, reporting every file written; stops
/// at the first error or when `cancel` is set.
pub fn render_job(
    job: &RenderJob,
    cancel: &AtomicBool,
    mut wrote: impl FnMut(&PathBuf),
) -> Result<(), RenderError> {
    let mut renderer = OffscreenRenderer::new()?;
    let mut app = AtlasApp::for_render(
        Arc::clone(&job.loaded),
        Arc::clone(&job.prepared),
        job.location.clone(),
        job.settings.clone(),
        job.briefing.clone(),
    );
    app.set_numbered(job.numbered);
    let ctx = egui::Context::default();
    // One frame is the picture: nothing may still be fading in.
    ctx.all_styles_mut(|style| style.animation_time = 0.0);
    for (index, path) in job.paths.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        let image = render_slide(&mut renderer, &ctx, &mut app, Some(index), job.size)?;
        write_png(&image, path)?;
        wrote(path);
    }
    Ok(())
}
