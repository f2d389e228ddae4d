//! `incident-atlas render`: every slide of a briefing as a PNG, drawn offscreen (no window,
//! no display), with the same caption bar and footer as presentation mode.
//!
//! Exit codes: 0 all written; 1 a slide could not be drawn or written; 2 bad arguments or an
//! unreadable briefing; 3 no renderer on this machine.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::briefing::slide_file_name;
use crate::io::briefing_file;
use crate::io::{DataLocation, load};
use crate::map::prepared::PreparedMap;
use crate::render::slide::{RenderJob, render_job};
use crate::state::DEFAULT_PRESENTATION_SCALE;

/// What to render, from the command line.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    pub briefing: PathBuf,
    pub out: PathBuf,
    pub size: [u32; 2],
    pub dark: bool,
}

/// Parses `1920x1080` (also `1920×1080`).
pub fn parse_size(text: &str) -> Result<[u32; 2], String> {
    let (w, h) = text
        .split_once(['x', 'X', '×'])
        .ok_or_else(|| format!("expected WIDTHxHEIGHT, like 1920x1080, not {text:?}"))?;
    let side = |s: &str| -> Result<u32, String> {
        let n: u32 = s
            .trim()
            .parse()
            .map_err(|_| format!("{s:?} is not a whole number of pixels"))?;
        if (16..=16_384).contains(&n) {
            Ok(n)
        } else {
            Err(format!("{n} pixels is outside 16 to 16384"))
        }
    };
    Ok([side(w)?, side(h)?])
}

/// Renders the briefing; returns the process exit code.
pub fn run(
    location: &DataLocation,
    request: &RenderRequest,
    out: &mut impl Write,
    err: &mut impl Write,
) -> std::io::Result<i32> {
    let briefing = match briefing_file::read(&request.briefing) {
        Ok(b) => b,
        Err(e) => {
            writeln!(err, "error: {e}")?;
            return Ok(2);
        }
    };
    if briefing.slides.is_empty() {
        writeln!(err, "error: {} has no slides", request.briefing.display())?;
        return Ok(2);
    }
    if let Err(e) = std::fs::create_dir_all(&request.out) {
        writeln!(err, "error: cannot create {}: {e}", request.out.display())?;
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
    for message in briefing.unknown_references(&loaded.dataset) {
        writeln!(err, "warning: {message}; left out")?;
    }
    let paths = briefing
        .slides
        .iter()
        .enumerate()
        .map(|(i, slide)| request.out.join(slide_file_name(i, slide)))
        .collect();
    let prepared = Arc::new(PreparedMap::new(&loaded));
    let job = RenderJob {
        loaded: Arc::new(loaded),
        prepared,
        tehsils: None,
        dark: request.dark,
        scale: DEFAULT_PRESENTATION_SCALE,
        briefing,
        paths,
        size: request.size,
        numbered: true,
    };
    let mut written = Vec::new();
    let result = render_job(&job, &AtomicBool::new(false), |path| {
        written.push(path.clone());
    });
    for path in &written {
        writeln!(out, "wrote {}", path.display())?;
    }
    match result {
        Ok(()) => {
            writeln!(
                out,
                "{} slide(s) at {}×{}",
                written.len(),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_bad_ones_say_why() {
        assert_eq!(parse_size("1920x1080"), Ok([1920, 1080]));
        assert_eq!(parse_size("1280×720"), Ok([1280, 720]));
        assert!(parse_size("1920").unwrap_err().contains("WIDTHxHEIGHT"));
        assert!(parse_size("0x10").unwrap_err().contains("outside"));
        assert!(parse_size("ax10").unwrap_err().contains("whole number"));
    }
}
