//! Incident markers: what each placed incident's symbol needs, computed once per source
//! view (on every core; `Dataset::figures_of` reads each incident's claims once), and the
//! hover card. Grouping them is `clusters`; finding them by date is `by_date`.

use crate::geo::projection::{World, world_from_lon_lat};
use crate::model::{Dataset, DateSpan, EventType, GeoPrecision, Incident};

/// One incident's marker: what its symbol needs, computed once. Small on purpose (a million of
/// them are held at once): the title, id and hover card are read from the dataset when asked.
#[derive(Debug, Clone)]
pub struct PreparedMarker {
    /// The incident's index in the dataset the marker was built from.
    pub incident_index: usize,
    pub world: World,
    pub event_type: EventType,
    pub geo_precision: GeoPrecision,
    /// The highest death figure any source gives (sizes the marker, shades by "highest").
    pub killed: Option<f64>,
    /// The lowest death figure among the sources that give one (shades by "lowest").
    pub killed_lowest: Option<f64>,
    pub contested: bool,
    /// Its dates (copied from the incident, so that the date index and the shading need not
    /// look the incident up); playback fades a marker in as its first day arrives.
    pub dates: Option<DateSpan>,
}

impl PreparedMarker {
    /// One marker per incident that has a place, in dataset order.
    pub fn for_dataset(dataset: &Dataset) -> Vec<Self> {
        let placeholder = Self {
            incident_index: usize::MAX,
            world: World::default(),
            event_type: EventType::Other,
            geo_precision: GeoPrecision::None,
            killed: None,
            killed_lowest: None,
            contested: false,
            dates: None,
        };
        crate::parallel::filter_map_in_place(
            &dataset.incidents,
            |incident| incident.position.is_some(),
            |index, incident| {
                Self::from_incident(dataset, index, incident).unwrap_or_else(|| placeholder.clone())
            },
            placeholder.clone(),
            |marker| marker.incident_index == usize::MAX,
        )
    }

    /// The marker of the incident at `index`; `None` when it has no place on the map.
    pub fn from_incident(dataset: &Dataset, index: usize, incident: &Incident) -> Option<Self> {
        let position = incident.position?;
        let figures = dataset.figures_of(index);
        Some(Self {
            incident_index: index,
            world: world_from_lon_lat(position),
            event_type: incident.event_type,
            geo_precision: incident.geo_precision,
            killed: figures.highest_killed,
            killed_lowest: figures.lowest_killed,
            contested: figures.contested,
            dates: incident.dates,
        })
    }
}

/// The hover card: what an analyst needs before clicking (built when the pointer is on it).
pub fn hover_card(dataset: &Dataset, incident: &Incident) -> String {
    let dates = incident
        .dates
        .map_or_else(|| "undated".to_owned(), |d| d.to_string());
    let sources = dataset.sources_for(&incident.id);
    let killed = match (
        dataset.lowest_killed(&incident.id),
        dataset.highest_killed(&incident.id),
    ) {
        (Some(lo), Some(hi)) if (hi - lo).abs() > f64::EPSILON => {
            format!("\nKilled: {lo}–{hi}, depending on the source")
        }
        (_, Some(hi)) => format!("\nKilled: {hi}"),
        _ => String::new(),
    };
    let contested = if dataset.is_contested(&incident.id) {
        "\nSources disagree on the figures"
    } else {
        ""
    };
    format!(
        "{}\n{dates} ({} dates)\n{} — location {}{killed}{contested}\n{} source(s): {}",
        incident.title,
        incident.date_precision,
        incident.place,
        incident.geo_precision,
        sources.len(),
        sources
            .iter()
            .map(|s| s.display_name())
            .collect::<Vec<_>>()
            .join("; "),
    )
}

/// A plain marker at a point, for tests here and in `density`.
#[cfg(test)]
pub(crate) fn test_marker(i: usize, lon: f64, lat: f64) -> PreparedMarker {
    use crate::model::LonLat;
    PreparedMarker {
        incident_index: i,
        world: world_from_lon_lat(LonLat { lon, lat }),
        event_type: EventType::ArmedAssault,
        geo_precision: GeoPrecision::Town,
        killed: None,
        killed_lowest: None,
        contested: false,
        dates: None,
    }
}
