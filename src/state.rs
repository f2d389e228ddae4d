//! The app's state, in three kinds: persisted view settings (serde, defaults for anything
//! missing), the transient selection, and nothing else: the dataset lives in `Arc`s.

use serde::{Deserialize, Serialize};

/// What the user chose and expects back next launch. `#[serde(default)]` lets an old or
/// partial store load.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[derive(Default)]
pub struct ViewSettings {
    pub dark_mode: bool,
}

/// What is selected now. Never saved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    pub incident: Option<String>,
    pub district: Option<String>,
}
