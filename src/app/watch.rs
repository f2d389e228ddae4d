//! Watching a data folder's three tables (notify): a change written by another program (a
//! spreadsheet saving `claims.csv`) is told apart from the app's own save by the files'
//! contents — the app remembers the fingerprints of what it read or wrote last.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

pub const TABLES: [&str; 3] = ["sources.csv", "incidents.csv", "claims.csv"];

/// How long the files must be quiet before they are read (a spreadsheet writes in steps).
const SETTLE: Duration = Duration::from_millis(400);

pub struct DataWatch {
    dir: PathBuf,
    // Kept alive: dropping it stops the watch.
    _watcher: notify::RecommendedWatcher,
    events: Receiver<PathBuf>,
    /// The window to wake when a file changes (set at the first frame: an idle app draws
    /// no frames, so it would not see the change until the mouse moved).
    waker: std::sync::Arc<std::sync::OnceLock<egui::Context>>,
    /// The fingerprints of the tables as the app last read or wrote them.
    known: [Option<u64>; 3],
    /// A table event arrived; read the files once they have been quiet this long.
    pending_since: Option<Instant>,
}

/// A cheap fingerprint of a file's bytes (`None`: missing).
pub fn fingerprint(path: &Path) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    let bytes = std::fs::read(path).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    Some(hasher.finish())
}

/// The fingerprints of a folder's three tables.
pub fn fingerprints(dir: &Path) -> [Option<u64>; 3] {
    TABLES.map(|t| fingerprint(&dir.join(t)))
}

impl DataWatch {
    /// Starts watching; `None` (logged) when the platform refuses.
    pub fn start(dir: &Path) -> Option<Self> {
        let (sender, events) = channel();
        let waker: std::sync::Arc<std::sync::OnceLock<egui::Context>> = std::sync::Arc::default();
        let wake = std::sync::Arc::clone(&waker);
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                if let Ok(event) = event {
                    for path in event.paths {
                        let _ = sender.send(path);
                    }
                    if let Some(ctx) = wake.get() {
                        ctx.request_repaint();
                    }
                }
            })
            .map_err(|e| log::warn!("cannot watch {} for changes: {e}", dir.display()))
            .ok()?;
        watcher
            .watch(dir, RecursiveMode::NonRecursive)
            .map_err(|e| log::warn!("cannot watch {} for changes: {e}", dir.display()))
            .ok()?;
        let mut watch = Self {
            dir: dir.to_owned(),
            _watcher: watcher,
            events,
            waker,
            known: [None; 3],
            pending_since: None,
        };
        watch.remember_disk();
        Some(watch)
    }

    /// Wake this window when a file changes.
    pub fn wake(&self, ctx: &egui::Context) {
        let _ = self.waker.set(ctx.clone());
    }

    /// The window to wake (known from the first frame on).
    pub fn context(&self) -> Option<egui::Context> {
        self.waker.get().cloned()
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The tables on disk are what the app holds now (just read, or just written).
    pub fn remember_disk(&mut self) {
        self.remember(fingerprints(&self.dir));
    }

    /// The app holds the tables these fingerprints were taken of (before they were read: a
    /// change written while they were being read still differs, and is read in turn).
    pub fn remember(&mut self, known: [Option<u64>; 3]) {
        self.known = known;
        self.pending_since = None;
    }

    /// The tables that differ from what the app last read or wrote, once the files have
    /// settled after an event (empty: nothing to do yet, or the app's own save).
    pub fn poll(&mut self) -> Vec<String> {
        let mut touched = false;
        while let Ok(path) = self.events.try_recv() {
            if path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| TABLES.contains(&n))
            {
                touched = true;
            }
        }
        if touched {
            self.pending_since = Some(Instant::now());
        }
        match self.pending_since {
            Some(since) if since.elapsed() >= SETTLE => {}
            _ => return Vec::new(),
        }
        self.pending_since = None;
        let now = fingerprints(&self.dir);
        TABLES
            .iter()
            .zip(now.iter().zip(&self.known))
            .filter(|(_, (now, known))| now != known)
            .map(|(t, _)| (*t).to_owned())
            .collect()
    }

    /// Whether an event is waiting to settle (the app keeps repainting until then).
    pub fn is_pending(&self) -> bool {
        self.pending_since.is_some()
    }
}
