//! Slides as images: a slide's scene (its sources, dates, selection, layers and view, with
//! derived data built for it) drawn by the same presentation view the app shows, offscreen,
//! at a chosen size. Used by the PNG export (on a worker thread) and `incident-atlas render`.
//! No `AtlasApp` is built: the renderer takes the data and the slides, nothing interactive.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use atlas_core::derived::{Derived, DerivedInputs, SourceView};
use image::RgbaImage;

use super::{OffscreenRenderer, RenderError, write_png};
use crate::briefing::{Briefing, Slide};
use crate::geo::boundaries::DistrictSet;
use crate::io::{ATTRIBUTION, Loaded, Problems};
use crate::map::areas::AreaLayer;
use crate::map::camera::Camera;
use crate::map::prepared::PreparedMap;
use crate::model::compare::SourceFilter;
use crate::model::compare::{Scope, describe_span, short_name};
use crate::model::timeline::Timeline;
use crate::state::{DateWindow, DensityMode};
use crate::theme::Palette;
use crate::ui::compare_panel::PanelView;
use crate::ui::map_view::{Framing, MapScene};
use crate::ui::presentation::{self, FooterView, SlideFigures, SlideScene, SlideText};

/// The logical height every slide is laid out at, whatever its size in pixels: a slide
/// exported at 1280×720 and at 3840×2160 frames the same ground with the same type, the
/// larger one sharper (with the default presentation scale of 1.5, 1920×1080 is drawn at
/// 1.5 pixels per point, as a 1080p projector shows presentation mode).
const REFERENCE_HEIGHT_PX: f32 = 1080.0;

/// Frames drawn before the one kept: the map needs one to learn its size, overlays one to
/// measure themselves.
const SETTLING_FRAMES: usize = 4;

/// The pixels per point the "screen" reports for an image of this size; the presentation
/// scale multiplies it.
pub fn native_pixels_per_point(size: [u32; 2]) -> f32 {
    (size[1] as f32 / REFERENCE_HEIGHT_PX).clamp(0.25, 8.0)
}

/// Everything a worker thread needs to draw slides: the data, the slides, how to draw them.
pub struct RenderJob {
    pub loaded: Arc<Loaded>,
    pub prepared: Arc<PreparedMap>,
    /// The tehsil layer if the app has it ready; read here when a slide wants it otherwise.
    pub tehsils: Option<Arc<AreaLayer>>,
    pub dark: bool,
    /// The presentation UI scale (type size on the slide).
    pub scale: f32,
    pub briefing: Briefing,
    /// One file per slide, in order.
    pub paths: Vec<PathBuf>,
    pub size: [u32; 2],
    /// Whether the caption shows "3 / 7": slides of a briefing yes, the current view no.
    pub numbered: bool,
}

/// One slide's state, with the derived data built for it.
struct SlideState<'a> {
    job: &'a RenderJob,
    slide: &'a Slide,
    view: SourceView,
    /// The sources the slide keeps in view (known to the data).
    filter: SourceFilter,
    window: DateWindow,
    derived: Derived,
    text: SlideText,
}

impl<'a> SlideState<'a> {
    fn new(job: &'a RenderJob, timeline: &Timeline, index: usize, slide: &'a Slide) -> Self {
        let full = &job.loaded.dataset;
        let filter = slide.sources.known_in(full);
        let view = SourceView::new(full, &job.prepared.markers, &filter, 0);
        let window = DateWindow::from_span(timeline.clamp(slide.dates.span()));
        let incident = slide
            .selected_incident
            .as_deref()
            .filter(|id| full.incident(id).is_some());
        let scope = Scope::of_selection(incident, slide.selected_district.as_deref());
        let district_set = DistrictSet::in_force_on(window.end);
        let mut derived = Derived::default();
        derived.refresh(&DerivedInputs {
            view: &view,
            districts: job.prepared.districts(district_set),
            window,
            hide_undated: slide.layers.hide_undated,
            district_set,
            shading: slide.layers.shading,
            scope,
            focus: window.span(),
            domain: window.span(),
            // Inline: a slide is drawn once, and must be complete.
            wake: None,
        });
        let text = SlideText {
            title: slide.title.clone(),
            caption: slide.caption.clone(),
            dates: describe_span(window.span()),
            lens: filter
                .lens
                .as_deref()
                .and_then(|id| full.source(id))
                .map(short_name),
            position: job
                .numbered
                .then_some((index + 1, job.briefing.slides.len())),
            // Exports never carry online tiles: a deck must not depend on the network.
            attribution: ATTRIBUTION.to_owned(),
        };
        Self {
            job,
            slide,
            view,
            filter,
            window,
            derived,
            text,
        }
    }

    /// Draws the slide in presentation mode for one frame.
    fn draw(&self, ui: &mut egui::Ui, camera: &mut Camera, tehsils: Option<&AreaLayer>) {
        let (Some(groups), Some(shades), Some(scoped)) = (
            self.derived.groups(),
            self.derived.shades(),
            self.derived.comparison(),
        ) else {
            return;
        };
        let palette = Palette::for_dark_mode(self.job.dark).high_contrast();
        let layers = &self.slide.layers;
        let map = MapScene {
            user_layers: &[],
            prepared: &self.job.prepared,
            markers: self.view.markers(),
            dataset: self.view.dataset(),
            clusters: &groups.clusters,
            shades,
            district_set: DistrictSet::in_force_on(self.window.end),
            tehsils: tehsils.filter(|_| layers.show_tehsils),
            palette,
            selected_incident: self.slide.selected_incident.as_deref(),
            selected_district: self.slide.selected_district.as_deref(),
            fanned_out: None,
            fade_in: None,
            // Slides follow the default: a heat map past tens of thousands of incidents.
            density: groups
                .density
                .as_ref()
                .filter(|_| DensityMode::Auto.shows(groups.shown)),
        };
        let scene = SlideScene {
            caption: self.text.caption(palette),
            footer: FooterView {
                sources: &scoped.footer.sources,
                contested: &scoped.footer.contested,
                attribution: &self.text.attribution,
                palette,
            },
            map,
            legend: (!layers.hide_legend).then_some(groups.events.as_slice()),
            figures: (!self.slide.layout.is_map()).then(|| SlideFigures {
                layout: self.slide.layout,
                panel: PanelView {
                    full: &self.job.loaded.dataset,
                    view: self.view.dataset(),
                    comparison: &scoped.comparison,
                    scope: &scoped.scope,
                    range: scoped.range,
                    filter: &self.filter,
                    palette,
                },
                rows: scoped
                    .comparison
                    .rows_for_slide(&self.slide.figures, presentation::SLIDE_ROWS),
            }),
        };
        let framing = Framing {
            now: ui.ctx().input(|i| i.time),
            scale_ready: true,
            fit_box: self.job.prepared.balochistan_bounds,
            legend_shown: !layers.hide_legend,
        };
        let _ = presentation::show(ui, &scene, camera, framing, None);
    }
}

/// Draws one slide of the job at its size.
fn render_slide(
    renderer: &mut OffscreenRenderer,
    ctx: &egui::Context,
    state: &SlideState<'_>,
    tehsils: Option<&AreaLayer>,
) -> Result<RgbaImage, RenderError> {
    let size = state.job.size;
    if size[0] < 16 || size[1] < 16 || size[0] > 16_384 || size[1] > 16_384 {
        return Err(RenderError::Gpu(format!(
            "cannot draw an image of {}×{} pixels (16 to 16384 a side)",
            size[0], size[1]
        )));
    }
    let mut camera = Camera::default();
    let ppp = native_pixels_per_point(size);
    let mut frame = 0;
    renderer.render_frames(ctx, size, ppp, SETTLING_FRAMES, |ui| {
        // The slide's view is placed again until the layout has settled: on a fresh
        // context the first frame's map has a provisional size (the zoom factor and the
        // panels' sizes arrive a frame later), and a view fitted to it was zoomed far in
        // (the first slide of every export was).
        if frame + 1 < SETTLING_FRAMES {
            camera.go_to(state.slide.map, false);
        }
        frame += 1;
        state.draw(ui, &mut camera, tehsils);
    })
}

/// Renders and writes each slide of the job in order, reporting every file written; stops
/// at the first error or when `cancel` is set.
pub fn render_job(
    job: &RenderJob,
    cancel: &AtomicBool,
    mut wrote: impl FnMut(&PathBuf),
) -> Result<(), RenderError> {
    render_images(job, cancel, |index, image, _| {
        let Some(path) = job.paths.get(index) else {
            return Ok(());
        };
        write_png(&image, path)?;
        wrote(path);
        Ok(())
    })
}

/// What a drawn slide says, as text (a handout prints it beside the picture).
#[derive(Debug, Clone, Default)]
pub struct SlideFacts {
    pub title: String,
    pub caption: String,
    pub dates: String,
    /// The sources the slide draws on, short names.
    pub sources: Vec<String>,
    /// One line per contested figure.
    pub contested: Vec<String>,
    pub attribution: String,
}

/// Renders each slide of the job in order and hands each image to `each` (with the slide's
/// index and what it says); stops at the first error, from drawing or from `each`, or when
/// `cancel` is set.
pub fn render_images(
    job: &RenderJob,
    cancel: &AtomicBool,
    mut each: impl FnMut(usize, RgbaImage, SlideFacts) -> Result<(), RenderError>,
) -> Result<(), RenderError> {
    let mut renderer = OffscreenRenderer::new()?;
    let ctx = egui::Context::default();
    // One frame is the picture: nothing may still be fading in.
    ctx.all_styles_mut(|style| style.animation_time = 0.0);
    ctx.set_theme(if job.dark {
        egui::Theme::Dark
    } else {
        egui::Theme::Light
    });
    ctx.set_zoom_factor(job.scale);
    let timeline = Timeline::of(&job.loaded.dataset, &[DistrictSet::LAST_NOTIFIED]);
    let mut tehsils = job.tehsils.clone();
    for (index, slide) in job.briefing.slides.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            break;
        }
        if slide.layers.show_tehsils && tehsils.is_none() {
            // Read here, on the worker (or the CLI): problems were reported by the app or
            // `check` already.
            let mut problems = Problems::default();
            tehsils = Some(Arc::new(AreaLayer::new(&crate::io::load_tehsils(
                &mut problems,
            ))));
        }
        let state = SlideState::new(job, &timeline, index, slide);
        let image = render_slide(&mut renderer, &ctx, &state, tehsils.as_deref())?;
        let footer = state.derived.comparison().map(|c| c.footer.clone());
        let facts = SlideFacts {
            title: state.text.title.clone(),
            caption: state.text.caption.clone(),
            dates: state.text.dates.clone(),
            sources: footer
                .as_ref()
                .map(|f| f.sources.clone())
                .unwrap_or_default(),
            contested: footer.map(|f| f.contested).unwrap_or_default(),
            attribution: state.text.attribution.clone(),
        };
        each(index, image, facts)?;
    }
    Ok(())
}
