//! At scale, the indexed paths must agree with a straightforward computation on the same
//! data: a generated dataset of 200,000 incidents with two claims each (written once into the
//! temporary folder), its counts per date window, contested flags and district shading.
//! Nothing here is timed (the numbers are in `benches/scale.rs` and the README).

// A test may index: out of range is a failure with a message, which is what it should be.
#![allow(clippy::indexing_slicing)]

use std::collections::HashMap;

use incident_atlas::derived::{Derived, DerivedInputs, SourceView};
use incident_atlas::geo::boundaries::DistrictSet;
use incident_atlas::io::synth::{SynthSpec, generate};
use incident_atlas::io::{DataLocation, Loaded, load};
use incident_atlas::map::markers::PreparedMarker;
use incident_atlas::map::prepared::PreparedMap;
use incident_atlas::map::shading::{DistrictShades, ShadingMode};
use incident_atlas::model::compare::{Scope, SourceFilter};
use incident_atlas::model::{Claim, Dataset, DateSpan, KILLED_METRICS, Qualifier};
use incident_atlas::state::DateWindow;
use jiff::civil::date;

const INCIDENTS: usize = 200_000;

fn generated() -> Loaded {
    let dir = std::env::temp_dir().join(format!("incident-atlas-test-synth-{INCIDENTS}"));
    if !dir.join("claims.csv").exists() {
        let spec = SynthSpec {
            incidents: INCIDENTS,
            claims_per_incident: 2,
            seed: 7,
        };
        generate(&dir, spec).expect("written");
    }
    load(&DataLocation::Dir(dir))
}

fn windows() -> Vec<DateWindow> {
    [
        (date(2024, 1, 1), date(2024, 1, 31)),
        (date(2025, 6, 10), date(2025, 6, 10)),
        (date(2025, 12, 20), date(2026, 3, 31)),
    ]
    .into_iter()
    .map(|(start, end)| DateWindow { start, end })
    .collect()
}

/// A claim's figure as an interval: "at least" leaves the top open.
fn interval(claim: &Claim) -> (f64, f64) {
    let high = if claim.qualifier == Qualifier::AtLeast {
        f64::INFINITY
    } else {
        claim.value_max
    };
    (claim.value_min, high)
}

#[test]
fn indexed_counts_flags_and_shading_equal_a_straightforward_computation() {
    let loaded = generated();
    assert_eq!(loaded.dataset.incidents.len(), INCIDENTS, "every row loads");
    let prepared = PreparedMap::new(&loaded);
    let view = SourceView::new(
        &loaded.dataset,
        &prepared.markers,
        &SourceFilter::default(),
        0,
    );
    let dataset = &loaded.dataset;

    check_markers(dataset, view.markers());

    let mut derived = Derived::default();
    for window in windows() {
        let set = DistrictSet::in_force_on(window.end);
        let districts = prepared.districts(set);
        for mode in [ShadingMode::Incidents, ShadingMode::KilledHighest] {
            derived.refresh(&DerivedInputs {
                view: &view,
                districts,
                window,
                hide_undated: false,
                district_set: set,
                shading: mode,
                scope: Scope::Campaign,
                focus: window.span(),
                domain: DateSpan::new(date(2024, 1, 1), date(2026, 3, 31)).expect("a span"),
                wake: None,
            });
            // Counts: every placed incident whose dates meet the window.
            let expected_shown = dataset
                .incidents
                .iter()
                .filter(|i| i.position.is_some() && window.admits(i.dates))
                .count();
            assert_eq!(derived.markers_shown(), expected_shown, "{window:?}");

            // Shading: each incident's district found by trying every district in turn.
            let mut expected: HashMap<String, f64> = HashMap::new();
            for marker in view.markers() {
                let incident = &dataset.incidents[marker.incident_index];
                if !window.admits(incident.dates) {
                    continue;
                }
                let Some(area) = districts.areas.iter().find(|a| a.contains(marker.world)) else {
                    continue;
                };
                let value = match mode {
                    ShadingMode::Incidents => 1.0,
                    _ => marker.killed.unwrap_or(0.0),
                };
                *expected.entry(area.name.to_lowercase()).or_default() += value;
            }
            let shades = derived.shades().expect("shaded");
            assert_eq!(shades.values, expected, "{window:?} {mode:?}");
            // And the one-off computation agrees with the cached one.
            let once = DistrictShades::compute(view.markers(), districts, window, mode);
            assert_eq!(&once, shades);
        }
    }
}

/// Each marker's contested flag and death figure, against the claims grouped the plain way.
fn check_markers(dataset: &Dataset, markers: &[PreparedMarker]) {
    // The claims grouped by incident the plain way: one pass, no index of the dataset's.
    let mut claims_of: HashMap<&str, Vec<&Claim>> = HashMap::new();
    for claim in &dataset.claims {
        claims_of.entry(&claim.incident_id).or_default().push(claim);
    }

    // Contested: two sources whose figures for the metric cannot both hold (the generator
    // gives one metric, one date and one claim per source for each incident).
    let mut contested_count = 0;
    for marker in markers {
        let incident = &dataset.incidents[marker.incident_index];
        let claims = claims_of
            .get(incident.id.as_str())
            .cloned()
            .unwrap_or_default();
        let expected = claims.iter().enumerate().any(|(i, a)| {
            claims[i + 1..].iter().any(|b| {
                let ((a_lo, a_hi), (b_lo, b_hi)) = (interval(a), interval(b));
                a.source_id != b.source_id && (a_hi < b_lo || b_hi < a_lo)
            })
        });
        assert_eq!(marker.contested, expected, "{}", incident.id);
        contested_count += usize::from(expected);
        let killed = claims
            .iter()
            .filter(|c| KILLED_METRICS.contains(&c.metric.as_ref()))
            .map(|c| c.value_max)
            .reduce(f64::max);
        assert_eq!(marker.killed, killed, "{}", incident.id);
    }
    assert!(
        contested_count > 1000,
        "the data has disagreements: {contested_count}"
    );
}
