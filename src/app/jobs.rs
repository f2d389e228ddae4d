//! Background work, in one place: the tehsil layer (parsed and tessellated on a worker thread
//! the first time it is turned on: 554 polygons at every level of detail would stall a frame)
//! and PNG exports (drawn offscreen on a worker thread, with progress and cancel). The app
//! polls once per frame and turns what finished into notifications.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

use crate::io::Problems;
use crate::map::areas::AreaLayer;
use crate::render::RenderError;
use crate::render::animation::FrameSink;
use crate::render::slide::{RenderJob, render_images, render_job};
use atlas_core::prepare::user_layers::{self, UserLayer};

enum TehsilLayer {
    NotLoaded,
    Loading(Receiver<(AreaLayer, Problems)>),
    Ready(Arc<AreaLayer>),
}

/// An export on its worker thread: progress comes back over the channel.
struct ExportJob {
    kind: ExportKind,
    total: usize,
    done: usize,
    written: Vec<PathBuf>,
    failed: Option<String>,
    receive: Receiver<ExportProgress>,
    cancel: Arc<AtomicBool>,
}

enum ExportProgress {
    /// A slide drawn and written to its file.
    Wrote(PathBuf),
    /// A frame of an animation drawn (the file is written at the end).
    Drew,
    Failed(String),
    Finished,
}

/// What an export writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// A PNG per slide.
    Slides,
    /// An animation: frames into one file (or a folder of PNGs) at the end.
    Animation,
    /// A PDF of the slides, the contested figures and the sources.
    Handout,
}

/// What a cancelled animation reports in place of an error.
const CANCELLED: &str = "cancelled";

/// How far an export is, for its progress window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExportStatus {
    pub done: usize,
    pub total: usize,
    pub kind: ExportKind,
}

/// What finished since the last poll.
pub enum JobEvent {
    /// The tehsils are ready; these are the problems met reading them.
    TehsilsReady(Problems),
    /// An area layer was read (`None` when nothing in it could be drawn), with its problems.
    LayerRead(PathBuf, Option<Arc<UserLayer>>, Problems),
    ExportSucceeded(String),
    ExportFailed(String),
}

type LayerResult = (PathBuf, Option<Arc<UserLayer>>, Problems);

pub struct Jobs {
    tehsils: TehsilLayer,
    export: Option<ExportJob>,
    /// Area layers being read and prepared, one thread each.
    layers: Vec<Receiver<LayerResult>>,
}

impl Default for Jobs {
    fn default() -> Self {
        Self {
            tehsils: TehsilLayer::NotLoaded,
            export: None,
            layers: Vec::new(),
        }
    }
}

impl Jobs {
    /// The tehsil layer, once ready.
    pub fn tehsils(&self) -> Option<&Arc<AreaLayer>> {
        match &self.tehsils {
            TehsilLayer::Ready(layer) => Some(layer),
            TehsilLayer::NotLoaded | TehsilLayer::Loading(_) => None,
        }
    }

    /// Starts preparing the tehsils, unless that has started already. `done` runs on the
    /// worker when they are ready (the app asks for a frame there).
    pub fn want_tehsils(&mut self, done: impl FnOnce() + Send + 'static) {
        if !matches!(self.tehsils, TehsilLayer::NotLoaded) {
            return;
        }
        let (send, receive) = channel();
        let spawned = std::thread::Builder::new()
            .name("tehsils".to_owned())
            .spawn(move || {
                let mut problems = Problems::default();
                let layer = AreaLayer::new(&crate::io::load_tehsils(&mut problems));
                layer.make_all_levels();
                // The app may have closed meanwhile; nothing to do then.
                let _ = send.send((layer, problems));
                done();
            });
        match spawned {
            Ok(_) => self.tehsils = TehsilLayer::Loading(receive),
            Err(e) => log::warn!("cannot start preparing the tehsils: {e}"),
        }
    }

    pub fn exporting(&self) -> Option<ExportStatus> {
        self.export.as_ref().map(|job| ExportStatus {
            done: job.done,
            total: job.total,
            kind: job.kind,
        })
    }

    pub fn cancel_export(&self) {
        if let Some(job) = &self.export {
            job.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Starts drawing and writing the job's slides on a worker thread (the app polls for
    /// its progress every frame while it runs).
    pub fn start_export(&mut self, job: RenderJob) -> Result<(), String> {
        let (send, receive) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let total = job.paths.len();
        let worker_cancel = Arc::clone(&cancel);
        std::thread::Builder::new()
            .name("export".to_owned())
            .spawn(move || {
                // The app may have closed meanwhile: sends that fail need nothing done.
                let result = render_job(&job, &worker_cancel, |path| {
                    let _ = send.send(ExportProgress::Wrote(path.clone()));
                });
                if let Err(e) = result {
                    let _ = send.send(ExportProgress::Failed(e.to_string()));
                }
                let _ = send.send(ExportProgress::Finished);
            })
            .map_err(|e| format!("Cannot start the export: {e}"))?;
        self.export = Some(ExportJob {
            kind: ExportKind::Slides,
            total,
            done: 0,
            written: Vec::new(),
            failed: None,
            receive,
            cancel,
        });
        Ok(())
    }

    /// Starts drawing the job's slides as the frames of an animation into `out` (a GIF, or
    /// a folder of PNGs) on a worker thread, with progress and cancel as for slides.
    pub fn start_animation(
        &mut self,
        job: RenderJob,
        out: &std::path::Path,
        fps: f32,
    ) -> Result<(), String> {
        let total = job.briefing.slides.len();
        self.start_one_file(
            ExportKind::Animation,
            total,
            out,
            move |out, cancel, drew| {
                let mut sink = FrameSink::create(out, job.size, fps)?;
                render_images(&job, cancel, |_, image, _| {
                    let pushed = sink.push(&image);
                    drew();
                    pushed
                })?;
                sink.finish()?;
                // A cut-short GIF is no use in a deck: it goes (a folder of frames stays, each
                // frame whole). The GIF was begun by this export, so nothing else is lost.
                if cancel.load(Ordering::Relaxed) && out.is_file() {
                    let _ = std::fs::remove_file(out);
                }
                Ok(())
            },
        )
    }

    /// Starts drawing the job's slides into a PDF handout at `out` on a worker thread, with
    /// progress (a step a slide) and cancel as for slides; cancelled, nothing is written.
    pub fn start_handout(&mut self, job: RenderJob, out: &std::path::Path) -> Result<(), String> {
        let total = job.briefing.slides.len();
        self.start_one_file(ExportKind::Handout, total, out, move |out, cancel, drew| {
            let loaded = Arc::clone(&job.loaded);
            crate::render::handout::write_handout(&job, &loaded, out, cancel, drew)?;
            Ok(())
        })
    }

    /// Runs `work` on a worker thread as an export that ends in one file (or folder) `out`:
    /// `work` draws and writes, calling `drew` after each slide or frame, and stops early
    /// when its cancel flag is set (then the export reports a cancellation).
    fn start_one_file(
        &mut self,
        kind: ExportKind,
        total: usize,
        out: &std::path::Path,
        work: impl FnOnce(&std::path::Path, &AtomicBool, &dyn Fn()) -> Result<(), RenderError>
        + Send
        + 'static,
    ) -> Result<(), String> {
        let (send, receive) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let worker_cancel = Arc::clone(&cancel);
        let worker_out = out.to_path_buf();
        std::thread::Builder::new()
            .name("export".to_owned())
            .spawn(move || {
                let drew = || {
                    let _ = send.send(ExportProgress::Drew);
                };
                let result = work(&worker_out, &worker_cancel, &drew);
                // The app may have closed meanwhile: sends that fail need nothing done.
                let _ = send.send(match result {
                    Ok(()) if worker_cancel.load(Ordering::Relaxed) => {
                        ExportProgress::Failed(CANCELLED.to_owned())
                    }
                    Ok(()) => ExportProgress::Wrote(worker_out),
                    Err(e) => ExportProgress::Failed(e.to_string()),
                });
                let _ = send.send(ExportProgress::Finished);
            })
            .map_err(|e| format!("Cannot start the export: {e}"))?;
        self.export = Some(ExportJob {
            kind,
            total,
            done: 0,
            written: Vec::new(),
            failed: None,
            receive,
            cancel,
        });
        Ok(())
    }

    /// Reads and prepares an area layer on a worker thread (a big polygon file would stall
    /// frames); `done` wakes the window when it is ready.
    pub fn read_layer(&mut self, path: PathBuf, done: impl FnOnce() + Send + 'static) {
        let (send, receive) = channel();
        let spawned = std::thread::Builder::new()
            .name("area-layer".to_owned())
            .spawn(move || {
                let mut problems = Problems::default();
                let layer = user_layers::load(&path, &mut problems).map(Arc::new);
                if let Some(layer) = &layer {
                    layer.areas.make_all_levels();
                }
                let _ = send.send((path, layer, problems));
                done();
            });
        match spawned {
            Ok(_) => self.layers.push(receive),
            Err(e) => log::warn!("cannot start reading an area layer: {e}"),
        }
    }

    /// Whether area layers are still being read.
    pub fn reading_layers(&self) -> bool {
        !self.layers.is_empty()
    }

    /// Picks up what the workers sent since the last frame.
    pub fn poll(&mut self) -> Vec<JobEvent> {
        let mut events = Vec::new();
        self.layers.retain(|receive| match receive.try_recv() {
            Ok((path, layer, problems)) => {
                events.push(JobEvent::LayerRead(path, layer, problems));
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        if let TehsilLayer::Loading(receive) = &self.tehsils
            && let Ok((layer, problems)) = receive.try_recv()
        {
            self.tehsils = TehsilLayer::Ready(Arc::new(layer));
            events.push(JobEvent::TehsilsReady(problems));
        }
        if let Some(event) = self.poll_export() {
            events.push(event);
        }
        events
    }

    fn poll_export(&mut self) -> Option<JobEvent> {
        let job = self.export.as_mut()?;
        let mut finished = false;
        while let Ok(progress) = job.receive.try_recv() {
            match progress {
                ExportProgress::Wrote(path) => {
                    if job.kind == ExportKind::Slides {
                        job.done += 1;
                    }
                    job.written.push(path);
                }
                ExportProgress::Drew => job.done += 1,
                ExportProgress::Failed(e) => job.failed = Some(e),
                ExportProgress::Finished => finished = true,
            }
        }
        if !finished {
            return None;
        }
        let job = self.export.take()?;
        Some(match (&job.failed, job.written.as_slice()) {
            (Some(e), _) if e == CANCELLED => {
                JobEvent::ExportSucceeded("Export cancelled; nothing was kept".to_owned())
            }
            (Some(e), _) => JobEvent::ExportFailed(format!("Export failed: {e}")),
            (None, [one]) if job.kind == ExportKind::Animation => {
                JobEvent::ExportSucceeded(format!(
                    "Exported the animation ({} frames) to {}",
                    job.total,
                    one.display()
                ))
            }
            (None, [one]) if job.kind == ExportKind::Handout => JobEvent::ExportSucceeded(format!(
                "Exported the handout ({} slides) to {}",
                job.total,
                one.display()
            )),
            (None, [one]) if job.total == 1 => {
                JobEvent::ExportSucceeded(format!("Exported {}", one.display()))
            }
            (None, written) => JobEvent::ExportSucceeded(format!(
                "Exported {} of {} slides to {}",
                written.len(),
                job.total,
                written
                    .first()
                    .and_then(|p| p.parent())
                    .map_or_else(String::new, |d| d.display().to_string())
            )),
        })
    }
}
