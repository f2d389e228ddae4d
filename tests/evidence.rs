//! The evidence commands end to end: `check --documents` and `suggest`.
//!
//! Two tests read the seed articles in `../shared/seeds` (only on the project's own
//! machines): they say so and pass without them. The rest use `tests/fixtures/evidence`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn atlas(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_incident-atlas"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn seeds() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if dir.join("000_c81a4f3a22105cbf.txt").exists() {
        Some(dir)
    } else {
        eprintln!(
            "../shared/seeds is not here (it exists only on the project's machines): skipped"
        );
        None
    }
}

#[test]
fn every_bundled_locator_verifies_against_the_seed_articles() {
    let Some(dir) = seeds() else { return };
    let (code, out, err) = atlas(&["check", "--documents", dir.to_str().expect("a path")]);
    assert_eq!(code, 0, "{out}{err}");
    let claims = atlas_core::io::bundled_dataset(&mut atlas_core::problem::Problems::default())
        .claims
        .len();
    assert!(
        out.lines()
            .any(|l| l == format!("locators verified: {claims} of {claims} claims")),
        "{out}"
    );
}

#[test]
fn suggest_finds_every_figure_the_dataset_takes_from_each_article() {
    let Some(dir) = seeds() else { return };
    let dataset = atlas_core::io::bundled_dataset(&mut atlas_core::problem::Problems::default());
    let mut checked = 0;
    for source in &dataset.sources {
        let path = dir.join(&source.document);
        let (code, out, err) = atlas(&["suggest", "--json", path.to_str().expect("a path")]);
        assert_eq!(code, 0, "{err}");
        let suggestions: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
        for claim in dataset
            .claims
            .iter()
            .filter(|c| c.source_id.as_ref() == source.id)
        {
            if claim.metric.as_ref() == "incident_reported" {
                continue;
            }
            let locator = claim.locator.expect("every bundled claim is located");
            let found = suggestions.iter().any(|s| {
                let at =
                    atlas_core::model::Locator::parse(s["locator"].as_str().unwrap_or_default())
                        .expect("a locator");
                at.line == locator.line
                    && at.from <= locator.to
                    && locator.from <= at.to
                    && s["value_min"].as_f64() == Some(claim.value_min)
                    && s["value_max"].as_f64() == Some(claim.value_max)
                    && s["metric"].as_str() == Some(claim.metric.as_ref())
            });
            assert!(
                found,
                "{}: claim {} ({} {} at {locator}) not suggested:\n{out}",
                source.document, claim.id, claim.metric, claim.value_min
            );
            checked += 1;
        }
    }
    assert!(checked >= 30, "{checked} figures checked");
}

#[test]
fn suggest_json_has_the_fields_and_guesses_of_a_report() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/evidence/documents/field-report.txt");
    let (code, out, err) = atlas(&["suggest", "--json", path.to_str().expect("a path")]);
    assert_eq!(code, 0, "{err}");
    let suggestions: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
    let brief: Vec<String> = suggestions
        .iter()
        .map(|s| {
            for field in [
                "text",
                "value_min",
                "value_max",
                "qualifier",
                "metric",
                "attributed_to",
                "locator",
            ] {
                assert!(s.get(field).is_some(), "{field} missing in {s}");
            }
            format!(
                "{} {}-{} {} {} [{}]",
                s["locator"].as_str().unwrap_or_default(),
                s["value_min"],
                s["value_max"],
                s["qualifier"].as_str().unwrap_or_default(),
                s["metric"].as_str().unwrap_or("-"),
                s["attributed_to"].as_str().unwrap_or("")
            )
        })
        .collect();
    assert_eq!(
        brief,
        [
            "L2:13-63 14.0-14.0 at least militants_killed [police]",
            "L2:126-153 40.0-40.0 approximately injured [a hospital spokesman]",
            "L3:32-48 4.0-4.0 nearly operation_duration_hours []",
            "L3:64-89 5.0-5.0  - []",
            "L4:36-52 18.0-21.0  total_killed []",
            "L4:65-76 2.0-2.0  security_personnel_killed []",
        ],
        "{out}"
    );
    // The dates ("3 March", "March 9") are no figures.
    assert!(
        !out.contains("\"value_min\": 3.0") && !out.contains("\"value_min\": 9.0"),
        "{out}"
    );
}

#[test]
fn suggest_says_why_a_document_cannot_be_read() {
    let (code, _, err) = atlas(&["suggest", "/nonexistent/report.txt"]);
    assert_eq!(code, 1);
    assert!(err.contains("cannot read /nonexistent/report.txt"), "{err}");
}
