//! Incidents of two datasets proposed as one event, accepted by the analyst: the imported
//! figure then stands beside the article's in the comparison, and where they cannot both be
//! right the discrepancy engine says so. Decisions are saved beside the imported file (a copy
//! in a temporary folder: the fixtures are never written).
#![allow(clippy::indexing_slicing)]

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use incident_atlas::app::Launcher;
use incident_atlas::io::{DataLocation, links_file, load};
use incident_atlas::model::compare::{FindingKind, Scope, compare};
use incident_atlas::model::links::Decision;
use incident_atlas::state::ViewSettings;

/// The bundled articles and a copy of the Islamabad ACLED fixture in a fresh folder.
fn side_by_side(name: &str) -> (DataLocation, PathBuf) {
    let dir = std::env::temp_dir().join(format!("atlas-links-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    let file = dir.join("acled_islamabad.csv");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/acled_islamabad.csv"),
        &file,
    )
    .expect("the fixture copied");
    (DataLocation::Bundled.with(DataLocation::File(file)), dir)
}

#[test]
fn an_accepted_link_puts_both_figures_in_one_comparison() {
    let (location, dir) = side_by_side("core");
    let loaded = load(&location);
    let (link, decision) = loaded
        .links
        .iter()
        .find(|(l, _)| l.second == "PAK95001")
        .expect("the Tarlai bombing is proposed");
    assert_eq!(link.first, "islamabad_tarlai_bombing");
    assert!(link.km.unwrap() < 5.0 && link.days_apart == 0);
    assert_eq!(*decision, None);
    assert!(
        loaded.dataset.incident("PAK95001").is_some(),
        "not merged before a decision"
    );

    let path = loaded
        .links_file
        .clone()
        .expect("kept beside the imported file");
    assert_eq!(path, dir.join("links.csv"));
    links_file::decide(&path, &link.first, &link.second, Some(Decision::Accepted)).unwrap();
    let again = load(&location);
    assert!(
        again.dataset.incident("PAK95001").is_none(),
        "merged into the article's"
    );
    let scope = Scope::Incident("islamabad_tarlai_bombing".to_owned());
    let comparison = compare(&again.dataset, &scope, None);
    let killed = comparison
        .rows
        .iter()
        .find(|r| r.metric == "total_killed")
        .expect("deaths compared");
    assert_eq!(
        killed.claims.len(),
        2,
        "the article's 33 and ACLED's at least 36"
    );
    assert!(
        comparison
            .findings
            .iter()
            .any(|f| f.kind == FindingKind::FiguresDisagree),
        "at least 36 cannot be 33: {:?}",
        comparison.findings
    );
    // Undo: decided no more, apart again.
    links_file::decide(&path, &link.first, &link.second, None).unwrap();
    assert!(load(&location).dataset.incident("PAK95001").is_some());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn accepting_a_match_in_the_app_shows_the_acled_figure_beside_the_article() {
    let (location, dir) = side_by_side("app");
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .build_ui_state(
            |ui, launcher: &mut Launcher| launcher.show(ui),
            Launcher::start(location, ViewSettings::default(), None),
        );
    let wait = |harness: &mut Harness<'_, Launcher>| {
        for _ in 0..600 {
            if harness.state().app().is_some() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
            harness.step();
        }
        for _ in 0..4 {
            harness.step();
        }
    };
    wait(&mut harness);
    harness
        .get_by_label_contains("Matches: 1 to decide, 0 accepted")
        .click();
    harness.run();
    harness.get_by_label("Accept").click();
    harness.step();
    harness.step();
    wait(&mut harness);
    harness.get_by_label_contains("Matches: 0 to decide, 1 accepted");
    // The bombing is one incident now: its comparison holds both figures and the finding.
    harness.state_mut().app_mut().expect("ready").send(
        incident_atlas::command::SelectionCommand::SelectIncident(Some(
            "islamabad_tarlai_bombing".to_owned(),
        )),
    );
    for _ in 0..3 {
        harness.step();
    }
    assert!(harness.query_all_by_label_contains("at least 36").count() > 0);
    assert!(
        harness
            .query_all_by_label_contains("Figures disagree")
            .count()
            > 0
    );
    // A stricter rule, set in the Matches window, reads the data again: the accepted match
    // stays accepted (its decision is in links.csv), and no new proposal appears.
    harness.state_mut().app_mut().expect("ready").send(
        incident_atlas::command::SettingsCommand::SetMatchRule(
            incident_atlas::model::links::MatchRule {
                max_days: 0,
                max_km: 1.0,
            },
        ),
    );
    harness.step();
    harness.step();
    wait(&mut harness);
    let app = harness.state().app().expect("read again");
    assert_eq!(app.settings().match_rule.max_days, 0);
    harness.get_by_label_contains("Matches: 0 to decide, 1 accepted");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_match_rule_decides_what_is_proposed() {
    use incident_atlas::model::links::MatchRule;
    let (location, dir) = side_by_side("rule");
    let progress = incident_atlas::io::LoadProgress::default();
    let count = |rule| {
        incident_atlas::io::load_matching(&location, &progress, rule)
            .links
            .len()
    };
    let default = count(MatchRule::default());
    assert_eq!(default, 1);
    // A rule too strict for the pair (their dates are a day apart; the same district still
    // counts, so the distance alone cannot remove it) — and a wide one.
    let strict = count(MatchRule {
        max_days: -1,
        max_km: 0.1,
    });
    assert_eq!(strict, 0, "dates apart: no proposal");
    assert!(
        count(MatchRule {
            max_days: 30,
            max_km: 500.0,
        }) >= default
    );
    let _ = std::fs::remove_dir_all(dir);
}
