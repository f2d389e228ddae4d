//! Loading the bundled data and every broken fixture: each problem names file, line and
//! column, and everything valid still loads.

use std::path::PathBuf;

use incident_atlas::io::{DataLocation, Problem, Severity, load};

fn fixture(name: &str) -> DataLocation {
    DataLocation::Dir(
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name),
    )
}

fn problems_of(name: &str) -> (incident_atlas::io::Loaded, Vec<Problem>) {
    let loaded = load(&fixture(name));
    let problems = loaded.problems.0.clone();
    (loaded, problems)
}

fn only(problems: &[Problem], severity: Severity) -> Vec<&Problem> {
    problems.iter().filter(|p| p.severity == severity).collect()
}

#[test]
fn the_bundled_dataset_loads_without_any_problem() {
    let loaded = load(&DataLocation::Bundled);
    let text: Vec<String> = loaded.problems.iter().map(ToString::to_string).collect();
    assert!(loaded.problems.is_empty(), "{text:#?}");
    assert_eq!(loaded.dataset.sources.len(), 5);
    assert!(loaded.dataset.incidents.len() >= 30);
    assert!(loaded.dataset.claims.len() >= 60);
    assert_eq!(loaded.boundaries.districts_2025.len(), 36);
    assert_eq!(loaded.boundaries.districts_2026.len(), 39);
    assert_eq!(loaded.boundaries.provinces.len(), 7);
}

#[test]
fn the_valid_fixture_has_no_problem() {
    let (loaded, problems) = problems_of("valid");
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(loaded.dataset.claims.len(), 3);
}

#[test]
fn a_row_with_too_few_fields_is_skipped_with_its_line() {
    let (loaded, problems) = problems_of("broken_row");
    let errors = only(&problems, Severity::Error);
    assert_eq!(errors.len(), 1, "{problems:#?}");
    assert!(errors[0].file.ends_with("claims.csv"));
    assert_eq!(errors[0].line, Some(5));
    assert!(errors[0].message.contains("fields"));
    assert_eq!(loaded.dataset.claims.len(), 3, "the valid rows still load");
}

#[test]
fn an_impossible_date_is_an_error_naming_the_column() {
    let (loaded, problems) = problems_of("bad_date");
    let errors = only(&problems, Severity::Error);
    assert_eq!(errors.len(), 1, "{problems:#?}");
    assert_eq!(
        (errors[0].line, errors[0].column.as_deref()),
        (Some(2), Some("date_start"))
    );
    assert!(errors[0].to_string().contains("2026-02-30"));
    assert_eq!(loaded.dataset.incidents.len(), 1);
}

#[test]
fn a_claim_with_an_unknown_incident_or_source_is_reported_and_kept() {
    let (loaded, problems) = problems_of("unknown_ids");
    let warnings = only(&problems, Severity::Warning);
    assert_eq!(warnings.len(), 2, "{problems:#?}");
    assert_eq!(
        (warnings[0].line, warnings[0].column.as_deref()),
        (Some(5), Some("incident_id"))
    );
    assert_eq!(
        (warnings[1].line, warnings[1].column.as_deref()),
        (Some(6), Some("source_id"))
    );
    assert_eq!(loaded.dataset.claims.len(), 5);
}

#[test]
fn an_unknown_metric_is_a_warning_and_the_claim_is_kept() {
    let (loaded, problems) = problems_of("unknown_metric");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(
        (problems[0].line, problems[0].column.as_deref()),
        (Some(4), Some("metric"))
    );
    assert!(
        loaded
            .dataset
            .claims
            .iter()
            .any(|c| &*c.metric == "goats_killed")
    );
}

#[test]
fn a_minimum_above_the_maximum_is_a_warning_and_swapped() {
    let (loaded, problems) = problems_of("min_above_max");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(problems[0].severity, Severity::Warning);
    assert_eq!(problems[0].line, Some(2));
    let c1 = loaded.dataset.claims.iter().find(|c| c.id == "c1").unwrap();
    assert_eq!((c1.value_min, c1.value_max), (67.0, 92.0));
}

#[test]
fn an_end_date_before_the_start_is_a_warning() {
    let (loaded, problems) = problems_of("end_before_start");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert_eq!(
        (
            problems[0].severity,
            problems[0].line,
            problems[0].column.as_deref()
        ),
        (Severity::Warning, Some(3), Some("date_end"))
    );
    assert_eq!(loaded.dataset.incidents.len(), 2);
}

#[test]
fn a_point_outside_its_district_is_a_warning_naming_where_it_lies() {
    let (loaded, problems) = problems_of("point_outside_district");
    assert_eq!(problems.len(), 1, "{problems:#?}");
    let p = &problems[0];
    assert_eq!((p.severity, p.line), (Severity::Warning, Some(2)));
    assert!(
        p.message.contains("outside the district \"Quetta\"") && p.message.contains("Gwadar"),
        "{p}"
    );
    assert!(
        loaded.dataset.incident("quetta_blast").is_some(),
        "the incident still shows"
    );
}

#[test]
fn a_missing_required_column_fails_that_file_only() {
    let (loaded, problems) = problems_of("missing_column");
    let errors = only(&problems, Severity::Error);
    assert_eq!(errors.len(), 1, "{problems:#?}");
    assert!(errors[0].file.ends_with("sources.csv") && errors[0].message.contains("kind"));
    assert_eq!(loaded.dataset.sources.len(), 0);
    assert_eq!(
        loaded.dataset.incidents.len(),
        2,
        "the other files still load"
    );
}

#[test]
fn a_duplicate_id_keeps_the_first_row() {
    let (loaded, problems) = problems_of("duplicate_id");
    let errors = only(&problems, Severity::Error);
    assert_eq!(errors.len(), 1, "{problems:#?}");
    assert_eq!(errors[0].line, Some(5));
    assert_eq!(
        loaded
            .dataset
            .claims
            .iter()
            .find(|c| c.id == "c1")
            .unwrap()
            .incident_id,
        "quetta_blast"
    );
}

#[test]
fn a_word_that_is_not_a_number_and_an_unknown_qualifier_are_errors() {
    let (loaded, problems) = problems_of("bad_number");
    let errors = only(&problems, Severity::Error);
    assert_eq!(errors.len(), 2, "{problems:#?}");
    assert_eq!(
        (errors[0].line, errors[0].column.as_deref()),
        (Some(3), Some("value_min"))
    );
    assert_eq!(
        (errors[1].line, errors[1].column.as_deref()),
        (Some(4), Some("qualifier"))
    );
    assert_eq!(loaded.dataset.claims.len(), 1);
}

#[test]
fn a_missing_file_is_one_error_and_the_rest_loads() {
    let (loaded, problems) = problems_of("missing_file");
    let errors = only(&problems, Severity::Error);
    assert_eq!(errors.len(), 1, "{problems:#?}");
    assert!(errors[0].file.ends_with("claims.csv") && errors[0].message.contains("cannot read"));
    assert_eq!(loaded.dataset.incidents.len(), 2);
}

#[test]
fn corrupt_geojson_is_an_error_with_a_line_and_not_a_crash() {
    let mut problems = incident_atlas::io::Problems::default();
    let parsed = incident_atlas::io::geojson_layers::parse_regions(
        "broken.geojson",
        b"{\"type\": \"FeatureCollection\",\n \"features\": [ {\"type\": ",
        &mut problems,
    );
    assert!(parsed.is_none());
    assert_eq!(problems.errors(), 1);
    assert_eq!(problems.0[0].line, Some(2));

    let not_area = br#"{"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"name":"Line"},"geometry":{"type":"LineString","coordinates":[[60,25],[61,26]]}},
        {"type":"Feature","properties":{"name":"Ok"},"geometry":{"type":"Polygon","coordinates":[[[60,25],[61,25],[61,26],[60,25]]]}},
        {"type":"Feature","properties":{"name":"Open"},"geometry":{"type":"Polygon","coordinates":[[[60,25],[61,25]]]}}]}"#;
    let mut problems = incident_atlas::io::Problems::default();
    let parsed = incident_atlas::io::geojson_layers::parse_regions(
        "shapes.geojson",
        not_area,
        &mut problems,
    )
    .unwrap();
    assert_eq!(parsed.len(), 1, "the valid feature loads");
    assert_eq!(problems.errors(), 2);
    assert!(problems.0[0].message.contains("Line"));
}
