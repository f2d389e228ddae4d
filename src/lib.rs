//! Incident Atlas: a map of political violence that keeps every source's figures apart.
//!
//! `model`, `io` and `geo` are free of egui; `map`, `ui` and `app` draw. See ARCHITECTURE.md.

pub mod app;
pub mod briefing;
pub mod cli;
pub mod command;
pub mod geo;
pub mod io;
pub mod map;
pub mod model;
pub mod render;
pub mod state;
pub mod ui;
