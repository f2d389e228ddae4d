//! Panels and windows around the map. `theme` is the only place colours are defined.

pub mod about;
pub mod area_layers;
pub mod briefing_panel;
pub mod compare_panel;
pub mod crash_offer;
pub mod datasets;
pub mod edit_forms;
pub mod evidence;
pub mod links;
pub mod map_overlay;
pub mod map_view;
pub mod mapping;
pub mod notifications;
pub mod presentation;
pub mod presenter;
pub mod private_tiles;
pub mod problems;
pub mod shortcuts;
/// The palette lives at the crate root (`crate::theme`): the map and the panels both paint with it.
pub use crate::theme;
pub mod timeline;
