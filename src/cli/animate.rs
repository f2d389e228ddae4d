//! `incident-atlas animate`: the timeline played over a date range into an animated GIF (or
//! a numbered PNG sequence), each frame a map slide with the caption, a running date stamp
//! and the footer.
//!
//! Exit codes: 0 written; 1 a frame could not be drawn or written; 2 bad arguments; 3 no
//! renderer on this machine.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use jiff::civil::Date;

use crate::briefing::Briefing;
use crate::io::{DataLocation, load};
use crate::map::prepared::PreparedMap;
use crate::render::animation::{Animation, FrameSink, frames};
use crate::render::slide::{RenderJob, render_images};
use crate::state::DEFAULT_PRESENTATION_SCALE;

/// `animate`'s arguments.
#[derive(Debug, Clone, clap::Args)]
pub struct AnimateArgs {
    /// First day of the first window (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Date,
    /// Last day of the last window (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub to: Date,
    /// The window's length in days; it moves a day a frame
    #[arg(long, value_name = "DAYS", default_value_t = 7)]
    pub window: u32,
    /// Frames a second
    #[arg(long, value_name = "F", default_value_t = 4.0)]
    pub fps: f32,
    #[arg(long, value_name = "WxH", default_value = "1280x720", value_parser = super::render::parse_size)]
    pub size: [u32; 2],
    #[arg(long, value_enum, default_value_t = super::Theme::Light)]
    pub theme: super::Theme,
    /// FILE.gif, or a folder for frame-0001.png, …
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
}

impl AnimateArgs {
    pub fn request(&self) -> AnimateRequest {
        AnimateRequest {
            from: self.from,
            to: self.to,
            window_days: self.window,
            fps: self.fps,
            size: self.size,
            dark: self.theme == super::Theme::Dark,
            out: self.out.clone(),
        }
    }
}

/// What to animate.
#[derive(Debug, Clone)]
pub struct AnimateRequest {
    pub from: Date,
    pub to: Date,
    pub window_days: u32,
    pub fps: f32,
    pub size: [u32; 2],
    pub dark: bool,
    /// A `.gif` file, or a folder for numbered PNGs.
    pub out: PathBuf,
}

/// What is wrong with the request, if anything.
fn refuse(request: &AnimateRequest) -> Option<String> {
    if request.to < request.from {
        return Some(format!(
            "--to {} is before --from {}",
            request.to, request.from
        ));
    }
    if !(0.1..=50.0).contains(&request.fps) {
        return Some(format!(
            "--fps must be between 0.1 and 50, not {}",
            request.fps
        ));
    }
    (request.window_days == 0).then(|| "--window must be at least one day".to_owned())
}

/// Draws and writes the animation; returns the process exit code.
pub fn run(
    location: &DataLocation,
    request: &AnimateRequest,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<i32> {
    if let Some(problem) = refuse(request) {
        writeln!(err, "error: {problem}")?;
        return Ok(2);
    }
    let loaded = load(location);
    if loaded.problems.errors() > 0 {
        writeln!(
            err,
            "warning: the dataset has {} error(s); `incident-atlas check` lists them. Drawing what is valid.",
            loaded.problems.errors()
        )?;
    }
    let prepared = Arc::new(PreparedMap::new(&loaded));
    let animation = Animation {
        from: request.from,
        to: request.to,
        window_days: request.window_days,
        title: match location {
            DataLocation::Bundled => "Balochistan, day by day".to_owned(),
            other => format!("{}, day by day", other.name()),
        },
        caption: format!(
            "A {}-day window moving a day a frame, {} to {}",
            request.window_days, request.from, request.to
        ),
    };
    let slides = frames(&animation, prepared.balochistan_bounds);
    let count = slides.len();
    let job = RenderJob {
        loaded: Arc::new(loaded),
        prepared,
        tehsils: None,
        dark: request.dark,
        scale: DEFAULT_PRESENTATION_SCALE,
        briefing: Briefing {
            title: animation.title.clone(),
            slides,
            ..Briefing::default()
        },
        paths: Vec::new(),
        size: request.size,
        numbered: false,
    };
    let mut sink = match FrameSink::create(&request.out, request.size, request.fps) {
        Ok(sink) => sink,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(2);
        }
    };
    let drawn = render_images(&job, &AtomicBool::new(false), |_, image, _| {
        sink.push(&image)
    });
    let result = drawn.and_then(|()| sink.finish());
    match result {
        Ok(kept) => {
            writeln!(
                out,
                "wrote {}: {count} frame(s) drawn, {kept} kept, {}×{}",
                request.out.display(),
                request.size[0],
                request.size[1]
            )?;
            Ok(0)
        }
        Err(e) => {
            writeln!(err, "error: {e}")?;
            Ok(e.exit_code())
        }
    }
}
