//! The data subsystem: what was loaded (dataset, boundaries), the geometry prepared from it
//! once, where it came from, every problem met, and the dataset as the sources in view tell
//! it (`SourceView`, with a revision that derived data is keyed by).

use std::sync::Arc;

use atlas_core::derived::SourceView;
use atlas_core::prepare::user_layers::UserLayer;

use crate::io::{DataLocation, Loaded, Problems};
use crate::map::prepared::PreparedMap;
use crate::model::Dataset;
use crate::model::compare::SourceFilter;

pub struct AtlasData {
    loaded: Arc<Loaded>,
    prepared: Arc<PreparedMap>,
    location: DataLocation,
    /// Every problem met: loading's, then any from layers loaded later.
    problems: Problems,
    view: SourceView,
    /// What the title bar says is open, made once.
    title: String,
    /// The analyst's area layers, in the order they were added.
    layers: Vec<Arc<UserLayer>>,
}

impl AtlasData {
    pub fn new(loaded: Arc<Loaded>, prepared: Arc<PreparedMap>, location: DataLocation) -> Self {
        let problems = loaded.problems.clone();
        let view = SourceView::new(
            &loaded.dataset,
            &prepared.markers,
            &SourceFilter::default(),
            0,
        );
        let title = title_of(&loaded.dataset, &location);
        Self {
            loaded,
            prepared,
            location,
            problems,
            view,
            title,
            layers: Vec::new(),
        }
    }

    /// The area layers, in the order they were added.
    pub fn layers(&self) -> &[Arc<UserLayer>] {
        &self.layers
    }

    /// Adds a layer, or replaces the one read from the same file.
    pub fn add_layer(&mut self, layer: Arc<UserLayer>) {
        match self.layers.iter_mut().find(|l| l.path == layer.path) {
            Some(kept) => *kept = layer,
            None => self.layers.push(layer),
        }
    }

    pub fn remove_layer(&mut self, path: &std::path::Path) {
        self.layers.retain(|l| l.path != path);
    }

    /// What is open, for the title bar: the bundled campaign, or the file or folder with its
    /// number of incidents and the dates they span.
    pub fn title(&self) -> &str {
        &self.title
    }

    pub fn loaded(&self) -> &Arc<Loaded> {
        &self.loaded
    }

    /// Every source's data (the source cards read this).
    pub fn full(&self) -> &Dataset {
        &self.loaded.dataset
    }

    pub fn prepared(&self) -> &Arc<PreparedMap> {
        &self.prepared
    }

    /// The datasets open side by side (one when a single dataset is open).
    pub fn parts(&self) -> &[atlas_core::io::merge::DatasetPart] {
        &self.loaded.parts
    }

    pub fn location(&self) -> &DataLocation {
        &self.location
    }

    pub fn problems(&self) -> &Problems {
        &self.problems
    }

    pub fn add_problems(&mut self, problems: Problems) {
        self.problems.extend(problems);
    }

    /// The dataset as the sources in view tell it: the map, timeline and panel read this.
    pub fn view(&self) -> &SourceView {
        &self.view
    }

    /// A filter without the sources this data lacks: a saved one naming them would hide
    /// everything.
    pub fn known_sources(&self, filter: &SourceFilter) -> SourceFilter {
        filter.known_in(&self.loaded.dataset)
    }

    /// Takes the dataset as edited in the app (or read again from disk): markers prepared
    /// again, the view of the sources in view rebuilt with a new revision (derived data
    /// follows), the problems replaced by `problems` (an area layer's problems, listed when
    /// it was read, are not carried over; the notification that counted them stays).
    pub fn replace_dataset(&mut self, dataset: &Arc<Dataset>, problems: Problems) {
        let markers = Arc::new(atlas_core::prepare::markers::PreparedMarker::for_dataset(
            dataset,
        ));
        // Copied only when an export or a thumbnail job still holds the old ones.
        Arc::make_mut(&mut self.prepared).markers = markers;
        let loaded = Arc::make_mut(&mut self.loaded);
        loaded.dataset = Arc::clone(dataset);
        loaded.problems = problems.clone();
        self.problems = problems;
        let revision = self.view.revision() + 1;
        let filter = self.view.filter().known_in(dataset);
        self.view = SourceView::new(dataset, &self.prepared.markers, &filter, revision);
        self.title = title_of(dataset, &self.location);
    }

    /// The data now lives in this folder (a copy saved from the bundled data or an import).
    pub fn set_location(&mut self, location: DataLocation) {
        self.title = title_of(&self.loaded.dataset, &location);
        self.location = location;
    }

    /// Shows the data as these sources tell it; derived data is rebuilt from the new revision.
    /// Returns whether anything changed.
    pub fn set_filter(&mut self, filter: &SourceFilter) -> bool {
        if filter == self.view.filter() {
            return false;
        }
        let revision = self.view.revision() + 1;
        self.view = SourceView::new(
            &self.loaded.dataset,
            &self.prepared.markers,
            filter,
            revision,
        );
        true
    }
}

fn title_of(dataset: &Dataset, location: &DataLocation) -> String {
    let name = match location {
        DataLocation::Bundled => return "Balochistan, Jan–Feb 2026 · bundled dataset".to_owned(),
        DataLocation::Many(parts) => parts
            .iter()
            .map(DataLocation::name)
            .collect::<Vec<_>>()
            .join(" + "),
        one => one.name(),
    };
    let dates = dataset
        .date_extent()
        .map(|span| format!(" · {}", crate::model::compare::describe_span(span)))
        .unwrap_or_default();
    let n = dataset.incidents.len();
    let noun = if n == 1 { "incident" } else { "incidents" };
    format!("{name} · {n} {noun}{dates}")
}
