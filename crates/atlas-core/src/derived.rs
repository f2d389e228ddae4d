//! Derived data, with one owner: what the map, the timeline and the panels show for the
//! sources in view and the selected dates. The app refreshes it once per frame, before any
//! panel reads it; the slide renderer refreshes its own copy per slide. Each part is rebuilt
//! only when its key changes (a revision of the sources in view, the dates, the district set,
//! the shading mode, the scope), never inside a draw call.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, channel};

use crate::geo::boundaries::DistrictSet;
use crate::geo::projection::World;
use crate::model::compare::{Comparison, Scope, SourceFilter, compare, incidents_in, short_name};
use crate::model::timeline::Histogram;
use crate::model::{Dataset, DateSpan, DateWindow, EventType};
use crate::prepare::areas::AreaLayer;
use crate::prepare::by_date::MarkersByDate;
use crate::prepare::clusters::ClusterLevels;
use crate::prepare::density::DensityGrid;
use crate::prepare::markers::PreparedMarker;
use crate::prepare::shading::{DistrictShades, ShadingMode, locate_markers};

/// The dataset as the sources in view tell it, and its markers. A new one is made (with a new
/// revision) whenever a source is switched off or a lens chosen; derived data keyed by an
/// older revision is rebuilt.
#[derive(Debug, Clone)]
pub struct SourceView {
    filter: SourceFilter,
    dataset: Arc<Dataset>,
    markers: Arc<Vec<PreparedMarker>>,
    /// The markers by date: a date window finds its markers without a scan.
    by_date: Arc<MarkersByDate>,
    /// The dates of the incidents with no place on the map (they have no marker but count
    /// among the incidents in a window).
    unplaced: Vec<Option<DateSpan>>,
    /// The world rectangle around every marker (the density grid covers it), found once.
    extent: Option<(World, World)>,
    revision: u64,
}

impl SourceView {
    /// The view of `full` through `filter`. With nothing filtered it shares the dataset and
    /// `all_markers` (its markers) instead of copying them.
    pub fn new(
        full: &Arc<Dataset>,
        all_markers: &Arc<Vec<PreparedMarker>>,
        filter: &SourceFilter,
        revision: u64,
    ) -> Self {
        let (dataset, markers) = if filter.is_active() {
            let dataset = Arc::new(full.restricted_to(filter));
            let markers = Arc::new(PreparedMarker::for_dataset(&dataset));
            (dataset, markers)
        } else {
            (Arc::clone(full), Arc::clone(all_markers))
        };
        let extent = DensityGrid::extent_of(&markers);
        let by_date = Arc::new(MarkersByDate::new(&markers));
        let unplaced = dataset
            .incidents
            .iter()
            .filter(|i| i.position.is_none())
            .map(|i| i.dates)
            .collect();
        Self {
            filter: filter.clone(),
            dataset,
            markers,
            by_date,
            unplaced,
            extent,
            revision,
        }
    }

    pub fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The dataset, shared (a worker thread compares from it).
    pub fn shared_dataset(&self) -> &Arc<Dataset> {
        &self.dataset
    }

    /// The markers of the view's placed incidents (the clusters index these).
    pub fn markers(&self) -> &[PreparedMarker] {
        &self.markers
    }

    /// The markers, shared (the clusters hold them to group lazily).
    pub fn shared_markers(&self) -> &Arc<Vec<PreparedMarker>> {
        &self.markers
    }

    pub fn filter(&self) -> &SourceFilter {
        &self.filter
    }

    pub fn revision(&self) -> u64 {
        self.revision
    }
}

/// The markers shown in a date window, grouped, and their density.
#[derive(Debug)]
pub struct MarkerGroups {
    pub clusters: ClusterLevels,
    /// Incidents per cell, for the heat map (`None`: no placed incidents).
    pub density: Option<DensityGrid>,
    /// How many placed incidents the map shows.
    pub shown: usize,
    /// The markers (indices) whose dates the window admits: what the shading counts.
    pub in_window: Vec<usize>,
    /// Every incident the window admits, placed or not (the timeline's count).
    pub incidents_in_window: usize,
    /// The kinds of event among the placed incidents in the window, in the legend's order
    /// (the compact legend's rows).
    pub events: Vec<EventType>,
}

/// What a slide's footer says about the comparison: the sources' short names and the
/// contested figures' lines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FooterFacts {
    pub sources: Vec<String>,
    pub contested: Vec<String>,
}

/// Everything derived data depends on, for one frame.
pub struct DerivedInputs<'a> {
    pub view: &'a SourceView,
    /// The districts of `district_set`.
    pub districts: &'a AreaLayer,
    pub window: DateWindow,
    pub hide_undated: bool,
    pub district_set: DistrictSet,
    pub shading: ShadingMode,
    pub scope: Scope,
    /// The timeline's focus period (its histogram) and every dated day (the slider's).
    pub focus: DateSpan,
    pub domain: DateSpan,
    /// Called from a worker thread when a comparison made in the background is ready (the
    /// app asks for a frame). `None`: everything is computed inline (slides, tests).
    pub wake: Option<Wake>,
}

/// What a background job calls when it is done.
pub type Wake = Arc<dyn Fn() + Send + Sync>;

/// Scopes with more incidents than this are compared on a worker thread, so a frame never
/// waits for them (at a million incidents the campaign takes seconds); smaller ones, like
/// every bundled view, are compared inline and are ready in the same frame.
pub const INLINE_COMPARISON_LIMIT: usize = 5_000;

/// Beyond this many incidents the campaign is compared at scale: summarised by figure, with
/// the widest `CHARTED_AT_SCALE` disagreements kept (`model::compare::scale`).
pub const SUMMARISE_ABOVE: usize = 20_000;
pub const CHARTED_AT_SCALE: usize = 12;

type GroupKey = (u64, DateWindow, bool);
type LocateKey = (u64, DistrictSet);
type ShadeKey = (u64, DateWindow, DistrictSet, ShadingMode);
type CompareKey = (u64, Scope, DateSpan);

/// The comparison for a scope and dates, with the footer built from it.
#[derive(Debug)]
pub struct ScopedComparison {
    pub scope: Scope,
    pub range: DateSpan,
    pub comparison: Comparison,
    pub footer: FooterFacts,
}

/// A comparison being made on a worker thread: its key, how many incidents, where the answer
/// comes, and the flag that tells the worker to give up.
#[derive(Debug)]
struct PendingComparison {
    key: CompareKey,
    incidents: usize,
    answer: Receiver<Option<ScopedComparison>>,
    cancel: Arc<AtomicBool>,
}

impl Drop for PendingComparison {
    /// Nobody will read the answer: the worker stops and lets its dataset go.
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The one owner of derived data.
#[derive(Debug, Default)]
pub struct Derived {
    groups: Option<(GroupKey, MarkerGroups)>,
    /// Each marker's district in the set drawn: found once per view and set, not per window.
    /// Kept for every district set met (there are a handful), so playback across the date
    /// a district was split does not locate a million markers again each way.
    located: Vec<(LocateKey, Vec<Option<u32>>)>,
    shades: Option<(ShadeKey, DistrictShades)>,
    comparison: Option<(CompareKey, ScopedComparison)>,
    /// A comparison being made on a worker thread: its key, how many incidents, the answer.
    pending: Option<PendingComparison>,
    /// `None` inside when the focus is the overview's range (the overview is read then: no
    /// copy of a million incidents' days).
    focus_histogram: Option<((u64, DateSpan), Option<Histogram>)>,
    overview_histogram: Option<((u64, DateSpan), Histogram)>,
}

impl Derived {
    /// Rebuilds whatever is stale for these inputs; everything else is kept.
    pub fn refresh(&mut self, inputs: &DerivedInputs<'_>) {
        let revision = inputs.view.revision();
        let group_key = (revision, inputs.window, inputs.hide_undated);
        if self.groups.as_ref().is_none_or(|(k, _)| *k != group_key) {
            let started = std::time::Instant::now();
            let groups = group_markers(inputs.view, inputs.window, inputs.hide_undated);
            log::debug!(
                "grouped {} markers in {:?}",
                groups.shown,
                started.elapsed()
            );
            self.groups = Some((group_key, groups));
        }
        let shade_key = (revision, inputs.window, inputs.district_set, inputs.shading);
        let located_key = (revision, inputs.district_set);
        self.located.retain(|((r, _), _)| *r == revision);
        if !self.located.iter().any(|(k, _)| *k == located_key) {
            let started = std::time::Instant::now();
            let located = locate_markers(inputs.view.markers(), inputs.districts);
            log::debug!(
                "located {} markers in {:?}",
                located.len(),
                started.elapsed()
            );
            self.located.push((located_key, located));
        }
        if self.shades.as_ref().is_none_or(|(k, _)| *k != shade_key) {
            let located = self
                .located
                .iter()
                .find(|(k, _)| *k == located_key)
                .map_or(&[][..], |(_, l)| l.as_slice());
            let in_window = self.groups.as_ref().map_or(&[][..], |(_, g)| &g.in_window);
            let shades = DistrictShades::compute_located(
                inputs.view.markers(),
                inputs.districts,
                located,
                in_window,
                inputs.shading,
            );
            self.shades = Some((shade_key, shades));
        }
        self.refresh_comparison(inputs, revision);
        let key = |range: DateSpan| Some((revision, range));
        if self.overview_histogram.as_ref().map(|(k, _)| *k) != key(inputs.domain) {
            let histogram = Histogram::new(inputs.view.dataset(), inputs.domain);
            self.overview_histogram = Some(((revision, inputs.domain), histogram));
        }
        if self.focus_histogram.as_ref().map(|(k, _)| *k) != key(inputs.focus) {
            // The focus lies within the overview's days as a rule: its days are copied from
            // there rather than counted again (a million incidents are two passes each), and
            // not copied at all when they are the same days.
            let histogram = if inputs.focus == inputs.domain {
                None
            } else {
                let cut = self
                    .overview_histogram
                    .as_ref()
                    .and_then(|(_, overview)| overview.days(inputs.focus));
                Some(cut.unwrap_or_else(|| Histogram::new(inputs.view.dataset(), inputs.focus)))
            };
            self.focus_histogram = Some(((revision, inputs.focus), histogram));
        }
    }

    /// The comparison for the inputs' scope and dates: at once when it is small, else on a
    /// worker thread (until it arrives, `comparison` is `None` and `comparing` says so).
    fn refresh_comparison(&mut self, inputs: &DerivedInputs<'_>, revision: u64) {
        let key = (revision, inputs.scope.clone(), inputs.window.span());
        if let Some(pending) = &self.pending {
            match pending.answer.try_recv() {
                Ok(Some(scoped)) => {
                    self.comparison = Some((pending.key.clone(), scoped));
                    self.pending = None;
                }
                Ok(None) | Err(std::sync::mpsc::TryRecvError::Disconnected) => self.pending = None,
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        let current = self.comparison.as_ref().is_some_and(|(k, _)| *k == key);
        if current {
            return;
        }
        if let Some(pending) = &self.pending {
            if pending.key.0 == revision {
                // One comparison in flight at a time: while playback moves the dates twenty
                // times a second, starting one per frame would pile up threads fighting the
                // UI for two cores. The running one finishes; then the latest dates are
                // compared.
                if pending.key != key {
                    self.comparison = None;
                }
                return;
            }
            // Other data (another file, other sources): the running comparison is of no use;
            // it is given up (dropping it tells the worker) and the new one starts.
            self.pending = None;
        }
        let range = key.2;
        let incidents = incidents_in(inputs.view.dataset(), &inputs.scope, Some(range)).len();
        match &inputs.wake {
            Some(wake) if incidents > INLINE_COMPARISON_LIMIT => {
                let (send, receive) = channel();
                let dataset = Arc::clone(inputs.view.shared_dataset());
                let (scope, wake) = (inputs.scope.clone(), Arc::clone(wake));
                let cancel = Arc::new(AtomicBool::new(false));
                let cancelled = Arc::clone(&cancel);
                let spawned = std::thread::Builder::new()
                    .name("comparison".to_owned())
                    .spawn(move || {
                        let scoped = scoped_comparison(&dataset, scope, range, &cancelled);
                        drop(dataset); // Let it go before waking: it may be the last owner.
                        // The app may have moved on meanwhile; then nobody needs the answer.
                        let _ = send.send(scoped);
                        wake();
                    });
                match spawned {
                    Ok(_) => {
                        self.comparison = None;
                        self.pending = Some(PendingComparison {
                            key,
                            incidents,
                            answer: receive,
                            cancel,
                        });
                    }
                    Err(e) => {
                        log::warn!("cannot compare in the background ({e}); comparing now");
                        self.compare_now(inputs, key);
                    }
                }
            }
            _ => self.compare_now(inputs, key),
        }
    }

    /// The comparison for `key`, made on this thread (nothing can cancel it).
    fn compare_now(&mut self, inputs: &DerivedInputs<'_>, key: CompareKey) {
        let never = AtomicBool::new(false);
        let scoped = scoped_comparison(inputs.view.dataset(), key.1.clone(), key.2, &never);
        self.comparison = scoped.map(|scoped| (key, scoped));
    }

    /// How many incidents a background comparison is covering, while it runs.
    pub fn comparing(&self) -> Option<usize> {
        self.pending.as_ref().map(|p| p.incidents)
    }

    pub fn groups(&self) -> Option<&MarkerGroups> {
        self.groups.as_ref().map(|(_, g)| g)
    }

    pub fn shades(&self) -> Option<&DistrictShades> {
        self.shades.as_ref().map(|(_, s)| s)
    }

    pub fn comparison(&self) -> Option<&ScopedComparison> {
        self.comparison.as_ref().map(|(_, c)| c)
    }

    /// The histogram of the timeline's focus period.
    pub fn focus_histogram(&self) -> Option<&Histogram> {
        match self.focus_histogram.as_ref()? {
            (_, Some(histogram)) => Some(histogram),
            (_, None) => self.overview_histogram(),
        }
    }

    /// The histogram of every dated day, for the slider's density ticks.
    pub fn overview_histogram(&self) -> Option<&Histogram> {
        self.overview_histogram.as_ref().map(|(_, h)| h)
    }

    /// How many placed incidents the map shows now.
    pub fn markers_shown(&self) -> usize {
        self.groups().map_or(0, |g| g.shown)
    }

    /// How many incidents, placed or not, the dates admit.
    pub fn incidents_in_window(&self) -> usize {
        self.groups().map_or(0, |g| g.incidents_in_window)
    }
}

/// The comparison of a scope over the dates, with the footer built from it. The view's
/// sources are every source of the data (a filter removes claims, not sources), so the footer
/// names them from the view. Given up (`None`) when `cancelled` is set (a large campaign only:
/// the others take milliseconds).
fn scoped_comparison(
    dataset: &Dataset,
    scope: Scope,
    range: DateSpan,
    cancelled: &AtomicBool,
) -> Option<ScopedComparison> {
    let started = std::time::Instant::now();
    let large = scope == Scope::Campaign
        && incidents_in(dataset, &scope, Some(range)).len() > SUMMARISE_ABOVE;
    let comparison = if large {
        crate::model::compare::scale::compare_at_scale_until(
            dataset,
            &scope,
            Some(range),
            CHARTED_AT_SCALE,
            cancelled,
        )?
    } else {
        compare(dataset, &scope, Some(range))
    };
    log::debug!(
        "compared {} rows in {:?}",
        comparison.rows.len(),
        started.elapsed()
    );
    let footer = footer_facts(dataset, &comparison);
    Some(ScopedComparison {
        scope,
        range,
        comparison,
        footer,
    })
}

/// The markers in the window (and the undated ones unless hidden), found by date and
/// grouped lazily per zoom.
fn group_markers(view: &SourceView, window: DateWindow, hide_undated: bool) -> MarkerGroups {
    let markers = view.markers();
    let in_window = view.by_date.in_window(window);
    let mut present: Vec<EventType> = Vec::new();
    for marker in in_window.iter().filter_map(|&i| markers.get(i)) {
        if !present.contains(&marker.event_type) {
            present.push(marker.event_type);
        }
    }
    let events = EventType::LEGEND_ORDER
        .into_iter()
        .chain(EventType::IMPORTED_ORDER)
        .filter(|e| present.contains(e))
        .collect();
    let mut shown = in_window.clone();
    if !hide_undated {
        shown.extend(view.by_date.undated());
        shown.sort_unstable();
    }
    let density = view
        .extent
        .map(|extent| DensityGrid::new(markers, &shown, extent));
    let unplaced_in_window = view.unplaced.iter().filter(|&&d| window.admits(d)).count();
    MarkerGroups {
        incidents_in_window: in_window.len() + unplaced_in_window,
        shown: shown.len(),
        clusters: ClusterLevels::new(Arc::clone(&view.markers), shown),
        density,
        events,
        in_window,
    }
}

/// The sources the view draws on (short names, sources.csv order) and its contested
/// figures, widest disagreement on deaths first, at most three.
pub fn footer_facts(dataset: &Dataset, comparison: &Comparison) -> FooterFacts {
    let sources = dataset
        .sources
        .iter()
        .filter(|s| comparison.source_ids.contains(&s.id))
        .map(short_name)
        .collect();
    let mut rows: Vec<_> = comparison.rows.iter().filter(|r| !r.consistent).collect();
    let killed_first = |metric: &str| !(metric.contains("killed") || metric.contains("bodies"));
    rows.sort_by(|a, b| {
        killed_first(&a.metric).cmp(&killed_first(&b.metric)).then(
            b.spread
                .unwrap_or(f64::INFINITY)
                .total_cmp(&a.spread.unwrap_or(f64::INFINITY)),
        )
    });
    let mut contested = Vec::new();
    for row in rows {
        let line = format!("{}: {}", row.label.to_lowercase(), row.summary());
        if !contested.contains(&line) {
            contested.push(line);
        }
        if contested.len() == 3 {
            break;
        }
    }
    FooterFacts { sources, contested }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::{DataLocation, load};
    use crate::prepare::prepared::PreparedMap;

    fn inputs<'a>(
        prepared: &'a PreparedMap,
        view: &'a SourceView,
        window: DateWindow,
    ) -> DerivedInputs<'a> {
        let set = DistrictSet::in_force_on(window.end);
        DerivedInputs {
            view,
            districts: prepared.districts(set),
            window,
            hide_undated: false,
            district_set: set,
            shading: ShadingMode::Incidents,
            scope: Scope::Campaign,
            focus: window.span(),
            domain: window.span(),
            wake: None,
        }
    }

    #[test]
    fn derived_data_is_rebuilt_only_when_its_key_changes() {
        let loaded = load(&DataLocation::Bundled);
        let prepared = PreparedMap::new(&loaded);
        let view = SourceView::new(
            &loaded.dataset,
            &prepared.markers,
            &SourceFilter::default(),
            0,
        );
        let wave = DateWindow {
            start: jiff::civil::date(2026, 1, 30),
            end: jiff::civil::date(2026, 2, 1),
        };
        let mut derived = Derived::default();
        derived.refresh(&inputs(&prepared, &view, wave));
        let first = derived.groups().map(|g| std::ptr::from_ref(&g.clusters));
        let shown = derived.markers_shown();
        assert!(shown > 0, "the wave has placed incidents");
        let admitted = loaded
            .dataset
            .incidents
            .iter()
            .filter(|i| wave.admits(i.dates))
            .count();
        assert_eq!(derived.incidents_in_window(), admitted);
        derived.refresh(&inputs(&prepared, &view, wave));
        let second = derived.groups().map(|g| std::ptr::from_ref(&g.clusters));
        assert_eq!(first, second, "the same key keeps the same groups");
        let footer = derived
            .comparison()
            .map(|c| c.footer.clone())
            .unwrap_or_default();
        assert!(
            footer
                .contested
                .iter()
                .any(|l| l.starts_with("militants killed")),
            "{footer:?}"
        );
        let lens = SourceFilter {
            lens: loaded.dataset.sources.first().map(|s| s.id.clone()),
            ..SourceFilter::default()
        };
        let narrowed = SourceView::new(&loaded.dataset, &prepared.markers, &lens, 1);
        derived.refresh(&inputs(&prepared, &narrowed, wave));
        assert!(
            derived.markers_shown() <= shown,
            "one source reports no more"
        );
    }
}
