//! Writing a file so that a crash, a full disk or a killed process leaves either the old file
//! or the new one, never half of one: the bytes go to a temporary file beside the target,
//! are flushed to disk, and the temporary file is renamed over the target (atomic on the
//! same file system). Exports go through here; the briefing file has its own staged write
//! (`briefing_file::stage`) with the same rule.

use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

fn temp_path_for(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    target.with_file_name(format!(".{name}.tmp"))
}

/// A file written and flushed beside its target, waiting to be renamed over it.
#[must_use = "a staged file replaces nothing until it is committed"]
pub struct Staged {
    temp: PathBuf,
    target: PathBuf,
}

impl Staged {
    /// Renames the staged file over its target.
    pub fn commit(self) -> std::io::Result<()> {
        let result = std::fs::rename(&self.temp, &self.target);
        if result.is_err() {
            let _ = std::fs::remove_file(&self.temp);
        }
        result
    }
}

/// Writes `bytes` to a temporary file beside `target` and flushes it; `commit` renames it.
pub fn stage(target: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let temp = temp_path_for(target);
    let written = File::create(&temp).and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    match written {
        Ok(()) => Ok(Staged {
            temp,
            target: target.to_owned(),
        }),
        Err(e) => {
            let _ = std::fs::remove_file(&temp);
            Err(e)
        }
    }
}

/// Replaces `target` with `bytes` atomically. On any error the target is as it was and the
/// temporary file is removed.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temp = temp_path_for(target);
    let result = File::create(&temp)
        .and_then(|mut file| {
            file.write_all(bytes)?;
            file.sync_all()
        })
        .and_then(|()| std::fs::rename(&temp, target));
    if result.is_err() {
        // Best effort: a leftover temporary file harms nothing, and the error is returned.
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_write_replaces_the_file_and_leaves_no_temporary_file() {
        let dir = std::env::temp_dir().join(format!("atlas-atomic-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        let target = dir.join("view.png");
        std::fs::write(&target, b"old").expect("the old file");
        write_atomically(&target, b"new").expect("written");
        assert_eq!(std::fs::read(&target).expect("read"), b"new");
        assert!(!temp_path_for(&target).exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = std::env::temp_dir().join(format!("atlas-atomic-fail-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a folder");
        // The target is a folder: the rename cannot replace it.
        let target = dir.join("a-folder");
        std::fs::create_dir_all(&target).expect("a folder as the target");
        assert!(write_atomically(&target, b"new").is_err());
        assert!(target.is_dir(), "untouched");
        assert!(!temp_path_for(&target).exists(), "no leftover");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
