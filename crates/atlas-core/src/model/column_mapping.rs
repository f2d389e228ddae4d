//! Which column of an analyst's spreadsheet is which: plain data, kept in the settings per
//! header and in mapping files. What a mapping does with a table is `io::import::mapping`.

use serde::{Deserialize, Serialize};

/// A column holding a figure, and the metric it counts (`total_killed`, `injured`, …).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FigureColumn {
    pub column: String,
    pub metric: String,
}

/// Which column is which; an empty name is a field not mapped. Names are matched as the
/// header writes them, whatever their case.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ColumnMapping {
    pub latitude: String,
    pub longitude: String,
    /// The date, or the first day when `end` is mapped too.
    pub date: String,
    pub end: String,
    pub title: String,
    pub event_type: String,
    pub place: String,
    pub id: String,
    pub figures: Vec<FigureColumn>,
}
