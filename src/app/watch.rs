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
    /// Fingerprints being taken on a worker thread (of the files just read or written):
    /// reading a large dataset's files again takes a while, and no frame waits for it.
    taking: Option<Receiver<[Option<u64>; 3]>>,
    /// A table event arrived; read the files once they have been quiet this long.
    pending_since: Option<Instant>,
}

/// A cheap fingerprint of a file's bytes (`None`: missing). Read in pieces, never whole: the
/// incidents of a million-row dataset are 130 MB, and a copy of them held at once was a
/// sixth of the app's peak memory.
pub fn fingerprint(path: &Path) -> Option<u64> {
    use std::hash::Hasher;
    use std::io::Read;
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = rustc_hash::FxHasher::default();
    let mut buffer = vec![0u8; 1 << 18];
    let mut length = 0u64;
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(n) => {
                hasher.write(buffer.get(..n).unwrap_or_default());
                length += n as u64;
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    hasher.write_u64(length);
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
            taking: None,
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
    /// The fingerprints are taken on a worker thread; a change that settles before they
    /// arrive waits for them.
    pub fn remember_disk(&mut self) {
        let (send, receive) = channel();
        let dir = self.dir.clone();
        let spawned = std::thread::Builder::new()
            .name("fingerprints".to_owned())
            .spawn(move || {
                let _ = send.send(fingerprints(&dir));
            });
        match spawned {
            Ok(_) => {
                self.taking = Some(receive);
                self.pending_since = None;
            }
            Err(e) => {
                log::warn!("fingerprints taken on this thread: {e}");
                self.remember(fingerprints(&self.dir));
            }
        }
    }

    /// The app holds the tables these fingerprints were taken of (before they were read: a
    /// change written while they were being read still differs, and is read in turn).
    pub fn remember(&mut self, known: [Option<u64>; 3]) {
        self.known = known;
        self.taking = None;
        self.pending_since = None;
    }

    /// Whether the fingerprints of what the app holds are known (taken on a worker thread
    /// after a read or a save; until then no change can be told from the app's own).
    fn knows_disk(&mut self) -> bool {
        let Some(received) = self.taking.as_ref().map(Receiver::try_recv) else {
            return true;
        };
        match received {
            Ok(known) => {
                self.known = known;
                self.taking = None;
                true
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => false,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                self.taking = None;
                true
            }
        }
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
        let settled = self
            .pending_since
            .is_some_and(|since| since.elapsed() >= SETTLE);
        if !settled || !self.knows_disk() {
            return Vec::new();
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
