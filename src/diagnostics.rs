//! What a bug report needs: the version and the commit the app was built from, the log files
//! (one per start, the newest few kept) and crash reports (written by the panic hook, offered
//! at the next start), all in the platform's data folder, and the text *Copy diagnostics*
//! puts on the clipboard.
//!
//! Also the window icon, which the packages share (`assets/icon/`).
//!
//! The folder is `INCIDENT_ATLAS_DATA_DIR` when set (tests and the Windows smoke test use it),
//! else the platform's data folder (`~/.local/share/incident-atlas` on Linux,
//! `%APPDATA%\IncidentAtlas\incident-atlas\data` on Windows,
//! `~/Library/Application Support/org.IncidentAtlas.incident-atlas` on macOS).

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The package version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
/// The commit the binary was built from (`build.rs`), or "unknown".
pub const COMMIT: &str = env!("INCIDENT_ATLAS_COMMIT");
/// What `--version` prints after the name, and *About* shows.
pub const VERSION_LINE: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("INCIDENT_ATLAS_COMMIT"),
    ")"
);

/// The window icon: the 256-pixel rendering of `assets/icon/incident-atlas.svg`
/// (`scripts/render-icon`), compiled in.
pub fn window_icon() -> egui::IconData {
    let png = include_bytes!("../assets/icon/png/256x256.png");
    match image::load_from_memory_with_format(png, image::ImageFormat::Png) {
        Ok(image) => {
            let image = image.into_rgba8();
            egui::IconData {
                width: image.width(),
                height: image.height(),
                rgba: image.into_raw(),
            }
        }
        Err(e) => {
            log::warn!("the window icon could not be decoded: {e}");
            egui::IconData::default()
        }
    }
}

/// Log files kept: this start's and the four before it.
pub const LOG_FILES_KEPT: usize = 5;
/// Crash reports kept (offered or not).
pub const CRASH_REPORTS_KEPT: usize = 10;
/// Log lines a crash report carries.
pub const CRASH_LOG_LINES: usize = 200;

/// The folder for logs and crash reports.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("INCIDENT_ATLAS_DATA_DIR").filter(|d| !d.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    directories::ProjectDirs::from("org", "IncidentAtlas", "incident-atlas")
        .map(|dirs| dirs.data_dir().to_path_buf())
}

/// The platform in a line: OS, its version where the OS says it cheaply, architecture.
pub fn platform() -> String {
    let release = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("PRETTY_NAME="))
                .map(|name| name.trim_matches('"').to_owned())
        });
    match release {
        Some(release) => format!(
            "{} ({release}), {}",
            std::env::consts::OS,
            std::env::consts::ARCH
        ),
        None => format!("{}, {}", std::env::consts::OS, std::env::consts::ARCH),
    }
}

/// A new log file for this start in `dir/logs`, the older ones beyond [`LOG_FILES_KEPT`]
/// removed. `None` (and the app logs to the terminal only) when the folder cannot be made.
pub fn open_log_file(dir: &Path) -> Option<(PathBuf, std::fs::File)> {
    let logs = dir.join("logs");
    std::fs::create_dir_all(&logs).ok()?;
    let path = logs.join(format!(
        "incident-atlas-{}-{}.log",
        file_stamp(),
        std::process::id()
    ));
    let file = std::fs::File::create(&path).ok()?;
    keep_newest(&logs, "incident-atlas-", ".log", LOG_FILES_KEPT);
    Some((path, file))
}

/// Removes all but the `keep` newest files of `dir` named `prefix…suffix`. Names carry a
/// sortable UTC stamp, so the newest sort last; other files are never touched.
pub fn keep_newest(dir: &Path, prefix: &str, suffix: &str, keep: usize) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    let mut names: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with(prefix) && n.ends_with(suffix))
        })
        .collect();
    names.sort();
    let excess = names.len().saturating_sub(keep);
    names
        .iter()
        .take(excess)
        .filter(|p| std::fs::remove_file(p).is_ok())
        .count()
}

/// A UTC time for file names that sorts as it reads: `20261202T013005Z`.
fn file_stamp() -> String {
    jiff::Timestamp::now()
        .strftime("%Y%m%dT%H%M%S%.3fZ")
        .to_string()
        .replace('.', "")
}

/// Installs the panic hook: the default message on standard error as before, then a crash
/// report in `dir/crashes` (what happened, where, version, platform, backtrace, the last
/// log lines). Called once, at start.
pub fn install_crash_reports(dir: PathBuf) {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        default_hook(info);
        let report = crash_report(info);
        match write_crash_report(&dir, &report) {
            Some(path) => eprintln!("A crash report was written to {}", path.display()),
            None => eprintln!(
                "A crash report could not be written to {}",
                dir.join("crashes").display()
            ),
        }
    }));
}

fn crash_report(info: &std::panic::PanicHookInfo<'_>) -> String {
    let what = info
        .payload()
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| info.payload().downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(a panic without a message)".to_owned());
    let place = info.location().map_or_else(
        || "an unknown place".to_owned(),
        |l| format!("{}:{}:{}", l.file(), l.line(), l.column()),
    );
    let thread = std::thread::current()
        .name()
        .unwrap_or("unnamed")
        .to_owned();
    let mut report = String::new();
    let _ = writeln!(report, "Incident Atlas crash report");
    let _ = writeln!(report, "===========================");
    let _ = writeln!(report, "What happened: {what}");
    let _ = writeln!(report, "Where: {place} (thread {thread})");
    let _ = writeln!(report, "When: {}", jiff::Timestamp::now());
    let _ = writeln!(report, "Version: {VERSION_LINE}");
    let _ = writeln!(report, "Platform: {}", platform());
    let _ = writeln!(
        report,
        "Command line: {}",
        std::env::args().collect::<Vec<_>>().join(" ")
    );
    let _ = writeln!(
        report,
        "\nBacktrace:\n{}",
        std::backtrace::Backtrace::force_capture()
    );
    let _ = writeln!(report, "\nThe last log lines:");
    for line in crate::logging::recent_lines(CRASH_LOG_LINES) {
        let _ = writeln!(report, "{line}");
    }
    report
}

fn write_crash_report(dir: &Path, report: &str) -> Option<PathBuf> {
    let crashes = dir.join("crashes");
    std::fs::create_dir_all(&crashes).ok()?;
    let path = crashes.join(format!("crash-{}-{}.txt", file_stamp(), std::process::id()));
    let mut file = std::fs::File::create(&path).ok()?;
    file.write_all(report.as_bytes()).ok()?;
    file.sync_all().ok()?;
    keep_newest(&crashes, "crash-", ".txt", CRASH_REPORTS_KEPT);
    Some(path)
}

/// A crash report not yet offered to the user, found at start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingCrash {
    /// Where the report is now (marked as offered).
    pub path: PathBuf,
    /// Its first line that says what happened.
    pub summary: String,
}

/// The newest crash report in `dir/crashes` not yet offered, marked as offered (renamed to
/// `….offered.txt`) so it is offered once. Older unoffered ones are marked too: one offer
/// per start is enough.
pub fn take_pending_crash(dir: &Path) -> Option<PendingCrash> {
    let crashes = dir.join("crashes");
    let mut pending: Vec<PathBuf> = std::fs::read_dir(&crashes)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            // Names as `write_crash_report` makes them: lower-case, exactly.
            p.file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_prefix("crash-"))
                .and_then(|n| n.strip_suffix(".txt"))
                .is_some_and(|stem| !stem.ends_with(".offered"))
        })
        .collect();
    pending.sort();
    let newest = pending.pop()?;
    for older in pending {
        let _ = std::fs::rename(&older, offered_name(&older));
    }
    let offered = offered_name(&newest);
    let path = if std::fs::rename(&newest, &offered).is_ok() {
        offered
    } else {
        newest
    };
    let summary = std::fs::read_to_string(&path)
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix("What happened: "))
                .map(str::to_owned)
        })
        .unwrap_or_default();
    Some(PendingCrash { path, summary })
}

fn offered_name(path: &Path) -> PathBuf {
    path.with_extension("offered.txt")
}

/// What *Copy diagnostics* puts on the clipboard: version, platform, where the logs are,
/// what is open, and the last log lines.
pub fn diagnostics_text(open_data: &str) -> String {
    let mut text = String::new();
    let _ = writeln!(text, "Incident Atlas {VERSION_LINE}");
    let _ = writeln!(text, "Platform: {}", platform());
    let _ = writeln!(text, "Data: {open_data}");
    let _ = writeln!(
        text,
        "Log file: {}",
        crate::logging::log_file().map_or_else(|| "none".to_owned(), |p| p.display().to_string())
    );
    let _ = writeln!(text, "\nThe last log lines:");
    for line in crate::logging::recent_lines(50) {
        let _ = writeln!(text, "{line}");
    }
    text
}

/// Opens a file or folder with the system's program for it (a crash report in the text
/// editor, the logs folder in the file manager).
pub fn open_with_system(path: &Path) -> std::io::Result<()> {
    let mut command = if cfg!(target_os = "windows") {
        let mut c = std::process::Command::new("explorer");
        c.arg(path);
        c
    } else if cfg!(target_os = "macos") {
        let mut c = std::process::Command::new("open");
        c.arg(path);
        c
    } else {
        let mut c = std::process::Command::new("xdg-open");
        c.arg(path);
        c
    };
    command.spawn().map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_newest_files_and_nothing_else() {
        let dir = std::env::temp_dir().join(format!("atlas-rotate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for day in 1..=8 {
            std::fs::write(
                dir.join(format!("incident-atlas-2026120{day}T000000Z-1.log")),
                "x",
            )
            .unwrap();
        }
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        assert_eq!(keep_newest(&dir, "incident-atlas-", ".log", 5), 3);
        let mut left: Vec<String> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), 6);
        assert_eq!(
            left.first().unwrap(),
            "incident-atlas-20261204T000000Z-1.log"
        );
        assert!(left.contains(&"notes.txt".to_owned()));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn the_window_icon_is_the_rendered_master() {
        let icon = window_icon();
        assert_eq!((icon.width, icon.height), (256, 256));
        assert_eq!(icon.rgba.len(), 256 * 256 * 4);
        // Transparent corners (the rounded tile), an opaque centre.
        assert_eq!(icon.rgba.get(3), Some(&0));
        let centre = (128 * 256 + 128) * 4 + 3;
        assert_eq!(icon.rgba.get(centre), Some(&255));
    }

    #[test]
    fn file_stamps_sort_as_time() {
        let a = file_stamp();
        std::thread::sleep(std::time::Duration::from_millis(5));
        let b = file_stamp();
        assert!(a < b, "{a} then {b}");
    }
}
