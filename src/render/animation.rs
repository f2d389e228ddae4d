//! The timeline played into an animation: one slide per step of a moving date window (the
//! map of Balochistan, the caption with a running date stamp, the footer), drawn by the slide
//! renderer, written as an animated GIF or a numbered PNG sequence for video tools.
//!
//! The GIF stays small enough for a deck: each frame has its own palette (`NeuQuant`, quality
//! over speed), a frame equal to the one before only lengthens that one's delay, and a frame
//! that differs is cropped to the rectangle that changed, drawn over the frame before.

use std::io::Write;
use std::path::{Path, PathBuf};

use image::RgbaImage;
use jiff::civil::Date;

use super::{RenderError, write_png};
use crate::briefing::{Layers, MapView, Slide, SlideLayout};
use crate::geo::projection::fit;
use crate::model::compare::SourceFilter;
use crate::model::{DateWindow, LonLat};

/// What to animate.
#[derive(Debug, Clone, PartialEq)]
pub struct Animation {
    pub from: Date,
    pub to: Date,
    /// The window's length in days; it moves a day a frame.
    pub window_days: u32,
    /// The title on every frame.
    pub title: String,
    pub caption: String,
}

/// One slide per frame: windows of `window_days` from `from`, a day apart, the last ending
/// on `to` (one frame when the span is shorter than the window). `bounds` is the ground to
/// frame (Balochistan).
pub fn frames(animation: &Animation, bounds: Option<(LonLat, LonLat)>) -> Vec<Slide> {
    let window = i64::from(animation.window_days.max(1));
    let span_days = (animation.to - animation.from).get_days().max(0);
    let steps = (i64::from(span_days) + 1 - window).max(0) + 1;
    let map = overview(bounds);
    (0..steps)
        .filter_map(|step| {
            let start = animation
                .from
                .checked_add(jiff::Span::new().days(step))
                .ok()?;
            let end = start
                .checked_add(jiff::Span::new().days(window - 1))
                .ok()?
                .min(animation.to);
            Some(Slide {
                title: animation.title.clone(),
                caption: animation.caption.clone(),
                map,
                dates: DateWindow { start, end },
                selected_incident: None,
                selected_district: None,
                sources: SourceFilter::default(),
                layers: Layers::default(),
                layout: SlideLayout::Map,
                figures: Vec::new(),
                notes: String::new(),
            })
        })
        .collect()
}

/// The view of the whole province, for a map 1000×560 points (the renderer adjusts the zoom
/// to the map's real size, as for any slide).
fn overview(bounds: Option<(LonLat, LonLat)>) -> MapView {
    let (min, max) = bounds.unwrap_or((
        LonLat {
            lon: 60.8,
            lat: 24.8,
        },
        LonLat {
            lon: 70.3,
            lat: 32.1,
        },
    ));
    let frame = [1000.0_f32, 560.0];
    let (centre, zoom) = fit(min, max, [f64::from(frame[0]), f64::from(frame[1])], 20.0);
    MapView {
        centre,
        zoom,
        frame: Some(frame),
    }
}

/// Where frames go.
pub enum FrameSink {
    Gif(GifWriter<std::io::BufWriter<std::fs::File>>),
    /// `frame-0001.png`, … in a folder.
    Pngs {
        dir: PathBuf,
        written: usize,
    },
}

impl FrameSink {
    /// A GIF for a path ending in `.gif`, else a folder of numbered PNGs.
    pub fn create(out: &Path, size: [u32; 2], fps: f32) -> Result<Self, RenderError> {
        let error = |e: &dyn std::fmt::Display| RenderError::Write {
            file: out.display().to_string(),
            message: e.to_string(),
        };
        let is_gif = out
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("gif"));
        if is_gif {
            let file = std::fs::File::create(out).map_err(|e| error(&e))?;
            let writer =
                GifWriter::new(std::io::BufWriter::new(file), size, fps).map_err(|e| error(&e))?;
            Ok(FrameSink::Gif(writer))
        } else {
            std::fs::create_dir_all(out).map_err(|e| error(&e))?;
            Ok(FrameSink::Pngs {
                dir: out.to_path_buf(),
                written: 0,
            })
        }
    }

    pub fn push(&mut self, image: &RgbaImage) -> Result<(), RenderError> {
        match self {
            FrameSink::Gif(writer) => writer.push(image).map_err(|e| RenderError::Write {
                file: "the GIF".to_owned(),
                message: e.to_string(),
            }),
            FrameSink::Pngs { dir, written } => {
                *written += 1;
                write_png(image, &dir.join(format!("frame-{written:04}.png")))
            }
        }
    }

    /// Writes what is pending; returns the frames the file holds (a GIF merges equal ones).
    pub fn finish(self) -> Result<usize, RenderError> {
        match self {
            FrameSink::Gif(writer) => writer.finish().map_err(|e| RenderError::Write {
                file: "the GIF".to_owned(),
                message: e.to_string(),
            }),
            FrameSink::Pngs { written, .. } => Ok(written),
        }
    }
}

/// An animated GIF written frame by frame, holding one frame back to lengthen its delay
/// while the frames after it are equal.
pub struct GifWriter<W: Write> {
    encoder: gif::Encoder<W>,
    /// Centiseconds a frame shows.
    delay: u16,
    previous: Option<RgbaImage>,
    pending: Option<gif::Frame<'static>>,
    frames: usize,
}

/// `NeuQuant`'s sampling: 1 is best; 10 the crate's compromise. Slides have flat areas and
/// anti-aliased text, where a coarse palette bands visibly.
const QUANTISER_SPEED: i32 = 3;

impl<W: Write> GifWriter<W> {
    pub fn new(out: W, size: [u32; 2], fps: f32) -> Result<Self, gif::EncodingError> {
        let side = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
        let size = [side(size[0]), side(size[1])];
        let mut encoder = gif::Encoder::new(out, size[0], size[1], &[])?;
        encoder.set_repeat(gif::Repeat::Infinite)?;
        let delay = (100.0 / fps.clamp(0.1, 50.0)).round() as u16;
        Ok(Self {
            encoder,
            delay: delay.max(2),
            previous: None,
            pending: None,
            frames: 0,
        })
    }

    pub fn push(&mut self, image: &RgbaImage) -> Result<(), gif::EncodingError> {
        let changed = match &self.previous {
            None => Some((0, 0, image.width(), image.height())),
            Some(previous) => changed_rect(previous, image),
        };
        let Some((x, y, w, h)) = changed else {
            // The same picture: the frame before stays up longer.
            if let Some(pending) = self.pending.as_mut() {
                pending.delay = pending.delay.saturating_add(self.delay);
            }
            return Ok(());
        };
        self.flush()?;
        let mut pixels = image::imageops::crop_imm(image, x, y, w, h)
            .to_image()
            .into_raw();
        let side = |n: u32| u16::try_from(n).unwrap_or(u16::MAX);
        let mut frame = gif::Frame::from_rgba_speed(side(w), side(h), &mut pixels, QUANTISER_SPEED);
        frame.left = side(x);
        frame.top = side(y);
        frame.delay = self.delay;
        // Later frames draw over this one.
        frame.dispose = gif::DisposalMethod::Keep;
        self.pending = Some(frame);
        self.previous = Some(image.clone());
        Ok(())
    }

    fn flush(&mut self) -> Result<(), gif::EncodingError> {
        if let Some(frame) = self.pending.take() {
            self.encoder.write_frame(&frame)?;
            self.frames += 1;
        }
        Ok(())
    }

    /// Writes the last frame and the trailer; returns the frames written.
    pub fn finish(mut self) -> Result<usize, gif::EncodingError> {
        self.flush()?;
        self.encoder.get_mut().flush()?;
        Ok(self.frames)
    }
}

/// The smallest rectangle holding every pixel that differs, as (x, y, width, height); `None`
/// when the images are equal (or of different sizes, which the caller never passes).
fn changed_rect(a: &RgbaImage, b: &RgbaImage) -> Option<(u32, u32, u32, u32)> {
    if a.dimensions() != b.dimensions() {
        return Some((0, 0, b.width(), b.height()));
    }
    let (mut min_x, mut min_y, mut max_x, mut max_y) = (u32::MAX, u32::MAX, 0, 0);
    for (y, (row_a, row_b)) in a.rows().zip(b.rows()).enumerate() {
        let y = y as u32;
        for (x, (pa, pb)) in row_a.zip(row_b).enumerate() {
            if pa != pb {
                let x = x as u32;
                min_x = min_x.min(x);
                max_x = max_x.max(x);
                min_y = min_y.min(y);
                max_y = max_y.max(y);
            }
        }
    }
    (min_x != u32::MAX).then(|| (min_x, min_y, max_x - min_x + 1, max_y - min_y + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn frames_step_a_day_and_end_on_the_last_date() {
        let animation = Animation {
            from: date(2026, 1, 1),
            to: date(2026, 1, 31),
            window_days: 7,
            title: "t".to_owned(),
            caption: String::new(),
        };
        let slides = frames(&animation, None);
        assert_eq!(slides.len(), 25);
        let first = slides.first().unwrap().dates;
        assert_eq!(
            (first.start, first.end),
            (date(2026, 1, 1), date(2026, 1, 7))
        );
        let last = slides.last().unwrap().dates;
        assert_eq!(
            (last.start, last.end),
            (date(2026, 1, 25), date(2026, 1, 31))
        );
        // A span shorter than the window: one frame of the whole span.
        let short = Animation {
            to: date(2026, 1, 3),
            ..animation
        };
        let slides = frames(&short, None);
        assert_eq!(slides.len(), 1);
        assert_eq!(slides.first().unwrap().dates.end, date(2026, 1, 3));
    }

    #[test]
    fn equal_frames_merge_and_changes_are_cropped() {
        let mut out = Vec::new();
        let mut writer = GifWriter::new(&mut out, [40, 30], 2.0).unwrap();
        let white = RgbaImage::from_pixel(40, 30, image::Rgba([255, 255, 255, 255]));
        let mut dotted = white.clone();
        dotted.put_pixel(10, 5, image::Rgba([200, 0, 0, 255]));
        dotted.put_pixel(12, 8, image::Rgba([200, 0, 0, 255]));
        writer.push(&white).unwrap();
        writer.push(&white).unwrap();
        writer.push(&dotted).unwrap();
        assert_eq!(writer.finish().unwrap(), 2);
        let mut decoder = gif::DecodeOptions::new()
            .read_info(std::io::Cursor::new(out))
            .unwrap();
        let first = decoder.read_next_frame().unwrap().unwrap();
        assert_eq!((first.width, first.height, first.delay), (40, 30, 100));
        let second = decoder.read_next_frame().unwrap().unwrap();
        assert_eq!(
            (second.left, second.top, second.width, second.height),
            (10, 5, 3, 4)
        );
        assert!(decoder.read_next_frame().unwrap().is_none());
    }
}
