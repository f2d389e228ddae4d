//! The core of Incident Atlas: everything that must never know about a screen. The model and
//! its vocabularies, the source comparison and its findings, the timeline's rules, reading and
//! writing files (`io`), geometry prepared for drawing (projection, simplification,
//! tessellation into plain buffers, marker groups, district shading), the saved settings and
//! the briefing model.
//!
//! Its `Cargo.toml` has no egui, eframe, walkers or wgpu, so the compiler keeps it that way;
//! the app (`incident-atlas`, the workspace root) draws what this prepares. See
//! ARCHITECTURE.md.

pub mod authoring;
pub mod briefing;
pub mod derived;
pub mod evidence;
pub mod geo;
pub mod io;
pub mod model;
pub mod parallel;
pub mod prepare;
pub mod problem;
pub mod state;
pub mod tiles;
