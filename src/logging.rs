//! The app's logger: `env_logger` (default level `warn`, `RUST_LOG` to change it) behind a
//! throttle for the map tiles. walkers logs one warning per tile that fails (a server that
//! errors, times out or sends bytes that are not an image), and a broken server fails every
//! tile in view, again on every pan: a handful a minute get through, the rest are counted and
//! summed up in one line when the minute is over.
//!
//! Beside the terminal, every line at `info` and above from our own crates (`warn` from the
//! others) goes to the log file of this start (`diagnostics::open_log_file`) and to a ring of
//! the last lines in memory, which a crash report and *Copy diagnostics* read.

use std::collections::VecDeque;
use std::io::Write as _;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

/// Tile failures walkers has reported since start (logged or held back): the map says how
/// many tiles a server failed to give, since walkers tells its caller nothing.
static TILE_FAILURES: AtomicU64 = AtomicU64::new(0);

/// How many tile failures walkers has reported so far.
pub fn tile_failures() -> u64 {
    TILE_FAILURES.load(Ordering::Relaxed)
}

/// Tile messages let through per window.
pub const TILE_MESSAGES_PER_WINDOW: u32 = 5;

/// What to do with one tile message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Admit {
    Log,
    /// Log it, after a line saying how many were held back in the window before.
    LogAfterSummary(u32),
    Drop,
}

/// Counts tile messages per window.
#[derive(Debug)]
pub struct TileThrottle {
    window: Duration,
    state: Mutex<(Option<Instant>, u32, u32)>,
}

impl TileThrottle {
    pub fn new(window: Duration) -> Self {
        Self {
            window,
            state: Mutex::new((None, 0, 0)),
        }
    }

    /// Whether a tile message arriving at `now` is logged.
    pub fn admit(&self, now: Instant) -> Admit {
        let mut state = self
            .state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (start, admitted, dropped) = &mut *state;
        let mut summary = None;
        if start.is_none_or(|s| now.duration_since(s) >= self.window) {
            summary = (*dropped > 0).then_some(*dropped);
            *start = Some(now);
            *admitted = 0;
            *dropped = 0;
        }
        if *admitted >= TILE_MESSAGES_PER_WINDOW {
            *dropped += 1;
            return Admit::Drop;
        }
        *admitted += 1;
        summary.map_or(Admit::Log, Admit::LogAfterSummary)
    }
}

/// A logger with walkers' messages throttled.
pub struct Throttled<L> {
    inner: L,
    tiles: TileThrottle,
}

impl<L: log::Log> Throttled<L> {
    pub fn new(inner: L, window: Duration) -> Self {
        Self {
            inner,
            tiles: TileThrottle::new(window),
        }
    }
}

impl<L: log::Log> log::Log for Throttled<L> {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        self.inner.enabled(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        let tile_failure =
            record.target().starts_with("walkers") && record.level() <= log::Level::Warn;
        if !tile_failure {
            if self.inner.enabled(record.metadata()) {
                self.inner.log(record);
            }
            return;
        }
        TILE_FAILURES.fetch_add(1, Ordering::Relaxed);
        match self.tiles.admit(Instant::now()) {
            Admit::Drop => {}
            Admit::Log => self.inner.log(record),
            Admit::LogAfterSummary(count) => {
                self.inner.log(
                    &log::Record::builder()
                        .level(log::Level::Warn)
                        .target(record.target())
                        .args(format_args!(
                            "{count} more tile message(s) were not logged (one server failing every tile)"
                        ))
                        .build(),
                );
                self.inner.log(record);
            }
        }
    }

    fn flush(&self) {
        self.inner.flush();
    }
}

/// Lines kept in memory for crash reports and *Copy diagnostics*.
const RECENT_LINES: usize = 500;

/// The last lines logged (any sink), oldest first.
static RECENT: Mutex<VecDeque<String>> = Mutex::new(VecDeque::new());
/// This start's log file, when there is one.
static LOG_FILE: OnceLock<PathBuf> = OnceLock::new();

/// The last `n` lines logged, oldest first. Never waits: from a panic hook that interrupted a
/// thread holding the lock, it gives what it can (nothing) rather than deadlock.
pub fn recent_lines(n: usize) -> Vec<String> {
    let Ok(recent) = RECENT.try_lock() else {
        return Vec::new();
    };
    recent
        .iter()
        .skip(recent.len().saturating_sub(n))
        .cloned()
        .collect()
}

/// This start's log file.
pub fn log_file() -> Option<PathBuf> {
    LOG_FILE.get().cloned()
}

/// The terminal (`env_logger`, filtered by `RUST_LOG`) and the record kept for bug reports
/// (the ring, the file), which keeps `info` from our crates whatever the terminal's filter.
struct Sinks {
    terminal: env_logger::Logger,
    file: Option<Mutex<std::io::LineWriter<std::fs::File>>>,
}

impl Sinks {
    fn kept(metadata: &log::Metadata<'_>) -> bool {
        let ours = metadata.target().starts_with("incident_atlas")
            || metadata.target().starts_with("atlas_core");
        metadata.level()
            <= if ours {
                log::Level::Info
            } else {
                log::Level::Warn
            }
    }
}

impl log::Log for Sinks {
    fn enabled(&self, metadata: &log::Metadata<'_>) -> bool {
        self.terminal.enabled(metadata) || Self::kept(metadata)
    }

    fn log(&self, record: &log::Record<'_>) {
        if self.terminal.enabled(record.metadata()) {
            self.terminal.log(record);
        }
        if !Self::kept(record.metadata()) {
            return;
        }
        let line = format!(
            "{} {:<5} {}: {}",
            jiff::Timestamp::now()
                .round(jiff::Unit::Millisecond)
                .unwrap_or_else(|_| jiff::Timestamp::now()),
            record.level(),
            record.target(),
            record.args()
        );
        if let Some(file) = &self.file
            && let Ok(mut file) = file.lock()
        {
            let _ = writeln!(file, "{line}");
        }
        let mut recent = RECENT
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if recent.len() >= RECENT_LINES {
            recent.pop_front();
        }
        recent.push_back(line);
    }

    fn flush(&self) {
        self.terminal.flush();
        if let Some(file) = &self.file
            && let Ok(mut file) = file.lock()
        {
            let _ = file.flush();
        }
    }
}

/// Installs the app's logger (once, at start), writing also to `file` when given.
pub fn init(file: Option<(PathBuf, std::fs::File)>) {
    let terminal =
        env_logger::Builder::from_env(env_logger::Env::default().default_filter_or("warn")).build();
    // Tile failures reach the throttle (which counts them for the map) whatever the filter,
    // and our own info lines reach the file and the ring.
    let level = terminal.filter().max(log::LevelFilter::Info);
    let file = file.map(|(path, file)| {
        let _ = LOG_FILE.set(path);
        Mutex::new(std::io::LineWriter::new(file))
    });
    let sinks = Sinks { terminal, file };
    if log::set_boxed_logger(Box::new(Throttled::new(sinks, Duration::from_mins(1)))).is_ok() {
        log::set_max_level(level);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_per_window_then_a_count() {
        let throttle = TileThrottle::new(Duration::from_mins(1));
        let t0 = Instant::now();
        let first: Vec<Admit> = (0..8).map(|_| throttle.admit(t0)).collect();
        assert_eq!(first.iter().filter(|a| **a == Admit::Log).count(), 5);
        assert_eq!(first.iter().filter(|a| **a == Admit::Drop).count(), 3);
        // The next window opens with the count of what was held back.
        assert_eq!(
            throttle.admit(t0 + Duration::from_secs(61)),
            Admit::LogAfterSummary(3)
        );
        assert_eq!(throttle.admit(t0 + Duration::from_secs(62)), Admit::Log);
    }
}
