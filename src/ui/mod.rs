//! Panels and windows around the map. `theme` is the only place colours are defined.

pub mod about;
pub mod briefing_panel;
pub mod compare_panel;
pub mod map_overlay;
pub mod presentation;
pub mod problems;
pub mod theme;
pub mod timeline;
