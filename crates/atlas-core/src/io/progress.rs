//! How far a load is: which stage, and how many rows have been read. Shared between the
//! thread that loads and the window that shows a progress bar, through atomics (never a lock
//! the UI could wait on).

use std::sync::atomic::{AtomicBool, AtomicU8, AtomicU64, Ordering};

/// The stages of opening a dataset, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadStage {
    Boundaries,
    Reading,
    Checking,
    Preparing,
    Grouping,
    Ready,
}

impl LoadStage {
    const ALL: [LoadStage; 6] = [
        LoadStage::Boundaries,
        LoadStage::Reading,
        LoadStage::Checking,
        LoadStage::Preparing,
        LoadStage::Grouping,
        LoadStage::Ready,
    ];

    pub fn label(self) -> &'static str {
        match self {
            LoadStage::Boundaries => "Reading the boundaries",
            LoadStage::Reading => "Reading the tables",
            LoadStage::Checking => "Checking that each place lies in its district",
            LoadStage::Preparing => "Preparing the map",
            LoadStage::Grouping => "Grouping the markers",
            LoadStage::Ready => "Ready",
        }
    }

    /// Where this stage starts on a bar from 0 to 1 (reading the tables is most of it).
    pub fn start_fraction(self) -> f32 {
        match self {
            LoadStage::Boundaries => 0.0,
            LoadStage::Reading => 0.05,
            LoadStage::Checking => 0.45,
            LoadStage::Preparing => 0.55,
            LoadStage::Grouping => 0.75,
            LoadStage::Ready => 1.0,
        }
    }
}

#[derive(Debug, Default)]
pub struct LoadProgress {
    stage: AtomicU8,
    rows: AtomicU64,
    /// The user asked to stop: readers check it every few thousand rows and stop early.
    cancelled: AtomicBool,
    /// The size of the files being read as they stream, and the bytes read so far (0: not
    /// known; the bar then shows the stage alone).
    expected_bytes: AtomicU64,
    bytes: AtomicU64,
}

impl LoadProgress {
    pub fn set_stage(&self, stage: LoadStage) {
        let index = LoadStage::ALL.iter().position(|&s| s == stage).unwrap_or(0);
        self.stage
            .store(u8::try_from(index).unwrap_or(0), Ordering::Relaxed);
    }

    pub fn stage(&self) -> LoadStage {
        let index = usize::from(self.stage.load(Ordering::Relaxed));
        LoadStage::ALL
            .get(index)
            .copied()
            .unwrap_or(LoadStage::Boundaries)
    }

    /// Rows read so far, over every table.
    pub fn rows(&self) -> u64 {
        self.rows.load(Ordering::Relaxed)
    }

    /// Asks the loading thread to stop (what it has read so far is thrown away).
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::Relaxed)
    }

    pub(crate) fn expect_bytes(&self, n: u64) {
        self.expected_bytes.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn add_bytes(&self, n: u64) {
        self.bytes.fetch_add(n, Ordering::Relaxed);
    }

    pub(crate) fn add_rows(&self, n: u64) {
        self.rows.fetch_add(n, Ordering::Relaxed);
    }

    /// How far the whole load is, from 0 to 1: the stage, and within reading the share of
    /// the files' bytes read.
    pub fn fraction(&self) -> f32 {
        let stage = self.stage();
        let expected = self.expected_bytes.load(Ordering::Relaxed);
        if stage != LoadStage::Reading || expected == 0 {
            return stage.start_fraction();
        }
        let read = (self.bytes.load(Ordering::Relaxed) as f32 / expected as f32).min(1.0);
        let (start, end) = (
            LoadStage::Reading.start_fraction(),
            LoadStage::Checking.start_fraction(),
        );
        start + (end - start) * read
    }
}

/// Logs (at debug level) the process's resident memory and its peak so far after `stage` of a
/// load: where a large dataset's memory goes (`RUST_LOG=atlas_core=debug`). Linux only.
pub fn log_memory(stage: &str) {
    if !log::log_enabled!(log::Level::Debug) {
        return;
    }
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return;
    };
    let megabytes = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    };
    log::debug!(
        "memory after {stage}: {} MB resident, {} MB at most so far",
        megabytes("VmRSS:"),
        megabytes("VmHWM:")
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stage_set_is_the_stage_read() {
        let progress = LoadProgress::default();
        assert_eq!(progress.stage(), LoadStage::Boundaries);
        progress.set_stage(LoadStage::Checking);
        assert_eq!(progress.stage(), LoadStage::Checking);
        progress.add_rows(10_000);
        assert_eq!(progress.rows(), 10_000);
        progress.set_stage(LoadStage::Reading);
        // Files streamed: the bar goes by the bytes read of their sizes (halfway here).
        progress.expect_bytes(40_000);
        progress.add_bytes(20_000);
        assert!(
            (progress.fraction() - 0.25).abs() < 1e-3,
            "{}",
            progress.fraction()
        );
    }
}
