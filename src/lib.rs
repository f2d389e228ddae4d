//! Incident Atlas: a map of political violence that keeps every source's figures apart.
//!
//! This crate draws; `atlas_core` (crates/atlas-core) holds everything that must not know
//! about a screen, and is re-exported here under its own module names so that one path
//! (`incident_atlas::model::…`) reaches a type from the app, the tests and the benchmarks.
//! See ARCHITECTURE.md.

pub use atlas_core::{briefing, derived, geo, io, model, state};

pub mod action;
pub mod app;
pub mod cli;
pub mod command;
pub mod diagnostics;
pub mod logging;
pub mod map;
pub mod notifications;
pub mod render;
pub mod theme;
pub mod ui;
