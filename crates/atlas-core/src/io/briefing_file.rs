//! The briefing file: human-readable JSON, read with a located error and written atomically.
//!
//! Writing goes to a temporary file in the same folder, flushed to disk, then renamed over
//! the old file: a crash or a full disk mid-write leaves the old briefing whole. A file that
//! cannot be read is reported and never written over by the app (`Briefing` state in the
//! app remembers it is broken).

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::briefing::{Briefing, FORMAT_VERSION};

/// The briefing that ships with the bundled dataset.
pub const BUNDLED_BRIEFING: (&str, &str) = (
    "data/briefing.json",
    include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../data/briefing.json"
    )),
);

/// The name a briefing next to a dataset folder has.
pub const FILE_NAME: &str = "briefing.json";

/// The extension of a briefing file the desktop opens with the app (the packages register
/// it): the same JSON as `briefing.json`.
pub const EXTENSION: &str = "atlasbrief";

/// Whether `path` names a briefing rather than data: the briefing extension, or a JSON file
/// whose head has the briefing's `"slides"` (a `GeoJSON` file has `"features"` instead).
pub fn looks_like_briefing(path: &std::path::Path) -> bool {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some(EXTENSION) => true,
        Some("json") => {
            use std::io::Read as _;
            let mut head = Vec::new();
            std::fs::File::open(path)
                .and_then(|f| f.take(64 * 1024).read_to_end(&mut head))
                .is_ok()
                && String::from_utf8_lossy(&head).contains("\"slides\"")
        }
        _ => false,
    }
}

#[derive(Debug, thiserror::Error)]
pub enum BriefingError {
    #[error("cannot read {file}: {source}")]
    Read {
        file: String,
        source: std::io::Error,
    },
    #[error("{file}, line {line}, column {column}: {message}")]
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{file} is a version {version} briefing; this build reads version {FORMAT_VERSION}")]
    TooNew { file: String, version: u32 },
    #[error("cannot write {file}: {source}")]
    Write {
        file: String,
        source: std::io::Error,
    },
}

/// Parses a briefing; `file` names it in errors.
pub fn parse(file: &str, text: &str) -> Result<Briefing, BriefingError> {
    // The version first, so a newer file says so instead of failing on a field we lack.
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text)
        && let Some(version) = value.get("version").and_then(serde_json::Value::as_u64)
        && version > u64::from(FORMAT_VERSION)
    {
        return Err(BriefingError::TooNew {
            file: file.to_owned(),
            version: u32::try_from(version).unwrap_or(u32::MAX),
        });
    }
    serde_json::from_str(text).map_err(|e| BriefingError::Parse {
        file: file.to_owned(),
        line: e.line(),
        column: e.column(),
        message: describe_json_error(&e),
    })
}

fn describe_json_error(e: &serde_json::Error) -> String {
    let text = e.to_string();
    // serde_json appends " at line L column C"; the error puts the location first.
    let text = text
        .rsplit_once(" at line ")
        .map_or(text.as_str(), |(head, _)| head);
    if e.is_eof() {
        format!("the file ends too early ({text}); was it cut short?")
    } else {
        text.to_owned()
    }
}

/// Reads and parses a briefing file.
pub fn read(path: &Path) -> Result<Briefing, BriefingError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| BriefingError::Read {
        file: file.clone(),
        source,
    })?;
    parse(&file, &text)
}

/// The file's text: pretty JSON with a trailing newline, stable field order (diffs well).
pub fn to_json(briefing: &Briefing) -> String {
    // Serialising plain structs of strings and numbers cannot fail.
    let mut text = serde_json::to_string_pretty(briefing).unwrap_or_default();
    text.push('\n');
    text
}

/// A briefing written to its temporary file and flushed, not yet in place. `commit` renames
/// it over the target; dropping it uncommitted removes the temporary file. A process killed
/// between the two leaves the target as it was (and a stray temporary file, which the next
/// write replaces).
#[derive(Debug)]
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
    committed: bool,
}

impl Staged {
    pub fn temp_path(&self) -> &Path {
        &self.temp
    }

    /// Puts the new file in place in one step (a rename within one folder).
    pub fn commit(mut self) -> Result<(), BriefingError> {
        std::fs::rename(&self.temp, &self.target).map_err(|source| BriefingError::Write {
            file: self.target.display().to_string(),
            source,
        })?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            // Best effort: a leftover temporary file harms nothing.
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// The temporary file beside `target` (same folder, so the rename cannot cross devices).
fn temp_path_for(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "briefing.json".into(), |n| n.to_string_lossy());
    target.with_file_name(format!(".{name}.tmp"))
}

/// Writes the briefing to a temporary file beside `target` and flushes it to disk.
pub fn stage(target: &Path, briefing: &Briefing) -> Result<Staged, BriefingError> {
    let temp = temp_path_for(target);
    let error = |source| BriefingError::Write {
        file: target.display().to_string(),
        source,
    };
    let staged = Staged {
        temp,
        target: target.to_owned(),
        committed: false,
    };
    let mut file = File::create(&staged.temp).map_err(error)?;
    file.write_all(to_json(briefing).as_bytes())
        .map_err(error)?;
    file.sync_all().map_err(error)?;
    Ok(staged)
}

/// Writes the briefing atomically: the target is either the old file or the new one.
pub fn write(target: &Path, briefing: &Briefing) -> Result<(), BriefingError> {
    stage(target, briefing)?.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_briefing_parses() {
        let briefing = parse(BUNDLED_BRIEFING.0, BUNDLED_BRIEFING.1).expect("bundled briefing");
        assert!((4..=8).contains(&briefing.slides.len()));
    }

    #[test]
    fn a_parse_error_says_where() {
        let err = parse("b.json", "{\n  \"version\": 1,\n  \"title\": 3\n}").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("b.json, line 3, column"), "{text}");
        assert!(text.contains("expected a string"), "{text}");
    }

    #[test]
    fn a_newer_version_is_refused_by_name() {
        let err = parse(
            "b.json",
            r#"{"version": 9, "title": "x", "slides": [], "new": 1}"#,
        )
        .unwrap_err();
        assert!(matches!(err, BriefingError::TooNew { version: 9, .. }));
    }
}
