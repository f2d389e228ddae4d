// Figures here are small whole numbers, exact in f64: comparing them exactly is the point.
#![allow(clippy::float_cmp)]

use super::*;
use crate::io::{Problems, bundled_dataset};
use crate::model::{DatePrecision, EventType, GeoPrecision, SourceKind};

fn bundled() -> Dataset {
    let mut problems = Problems::default();
    let dataset = bundled_dataset(&mut problems);
    assert!(problems.is_empty(), "{problems:?}");
    dataset
}

/// Row builders shared with the other model tests.
pub(crate) fn source(id: &str) -> Source {
    Source {
        line: 0,
        id: id.to_owned(),
        title: String::new(),
        outlet: String::new(),
        author: format!("Author {id}"),
        published: None,
        kind: SourceKind::News,
        document: format!("{id}.txt"),
        document_sha256: String::new(),
        url: String::new(),
        notes: String::new(),
    }
}

pub(crate) fn incident(id: &str) -> Incident {
    Incident {
        line: 0,
        id: id.into(),
        title: format!("Incident {id}").into(),
        dates: Some(DateSpan::day(jiff::civil::date(2026, 1, 31))),
        date_precision: DatePrecision::Day,
        place: "Quetta".into(),
        district: "Quetta".into(),
        province: "Balochistan".into(),
        position: None,
        geo_precision: GeoPrecision::Town,
        event_type: EventType::ArmedAssault,
        targets: vec![].into(),
        actors: vec![].into(),
        summary: crate::model::Text::default(),
    }
}

pub(crate) fn claim(
    id: &str,
    source: &str,
    metric: &str,
    value: f64,
    qualifier: Qualifier,
) -> Claim {
    Claim {
        line: 0,
        id: id.into(),
        incident_id: "x".into(),
        source_id: source.into(),
        metric: metric.into(),
        value_min: value,
        value_max: value,
        qualifier,
        attributed_to: crate::model::Shared::default(),
        event_date: None,
        note: crate::model::Text::default(),
        locator: None,
    }
}

fn fixture(claims: Vec<Claim>) -> Dataset {
    Dataset::new(
        vec![source("a"), source("b"), source("c")],
        vec![incident("x")],
        claims,
    )
}

fn kinds(c: &Comparison) -> Vec<FindingKind> {
    c.findings.iter().map(|f| f.kind).collect()
}

#[test]
fn qualifiers_are_read_as_bounds() {
    let c = |q, v| claim("c", "a", "militants_killed", v, q);
    assert_eq!(
        interval_of(&c(Qualifier::Exact, 10.0), true),
        Interval {
            low: 10.0,
            high: 10.0
        }
    );
    assert_eq!(interval_of(&c(Qualifier::AtLeast, 12.0), true).low, 12.0);
    assert!(
        interval_of(&c(Qualifier::AtLeast, 12.0), true)
            .high
            .is_infinite()
    );
    // "Over a dozen" people is 13 or more.
    assert_eq!(interval_of(&c(Qualifier::Over, 12.0), true).low, 13.0);
    // "About 11" is 10 to 12 (at least one either side); "about 180" is 171 to 189.
    assert_eq!(
        interval_of(&c(Qualifier::Approximately, 11.0), true),
        Interval {
            low: 10.0,
            high: 12.0
        }
    );
    assert_eq!(
        interval_of(&c(Qualifier::Approximately, 180.0), true),
        Interval {
            low: 171.0,
            high: 189.0
        }
    );
    // "Nearly 22 %" is a little under: 5 % of 22 below it, up to 22.
    let nearly = interval_of(&c(Qualifier::Nearly, 22.0), false);
    assert!(
        (nearly.low - 20.9).abs() < 1e-9 && nearly.high == 22.0,
        "{nearly:?}"
    );
    assert_eq!(
        interval_of(&c(Qualifier::UpTo, 5.0), true),
        Interval {
            low: 0.0,
            high: 5.0
        }
    );
    assert_eq!(interval_of(&c(Qualifier::Dozens, 24.0), true).low, 24.0);
}

#[test]
fn lower_bounds_agree_with_any_larger_figure() {
    let d = fixture(vec![
        claim("1", "a", "militants_killed", 67.0, Qualifier::AtLeast),
        claim("2", "b", "militants_killed", 145.0, Qualifier::Exact),
    ]);
    let c = compare(&d, &Scope::Incident("x".into()), None);
    assert_eq!(c.rows.len(), 1);
    assert!(c.rows[0].consistent);
    assert!(!kinds(&c).contains(&FindingKind::FiguresDisagree));
    assert_eq!(
        (c.rows[0].lowest, c.rows[0].highest, c.rows[0].sources),
        (67.0, 145.0, 2)
    );
}

#[test]
fn an_exact_figure_below_a_lower_bound_disagrees() {
    let d = fixture(vec![
        claim("1", "a", "militants_killed", 216.0, Qualifier::AtLeast),
        claim("2", "b", "militants_killed", 145.0, Qualifier::Exact),
        claim("3", "c", "militants_killed", 150.0, Qualifier::AtLeast),
    ]);
    let c = compare(&d, &Scope::Incident("x".into()), None);
    let row = &c.rows[0];
    assert!(!row.consistent);
    assert!(
        row.claims.iter().all(|c| c.disagrees),
        "each clashes with another"
    );
    let f = &c.findings[0];
    assert_eq!(f.kind, FindingKind::FiguresDisagree);
    assert_eq!(f.metric.as_deref(), Some("militants_killed"));
    assert_eq!(f.source_ids, ["a", "b", "c"]);
    assert_eq!(f.documents, ["a.txt", "b.txt", "c.txt"]);
    assert!(
        f.explanation.contains("145–216 across 3 sources"),
        "{}",
        f.explanation
    );
    assert_eq!(row.spread.map(|s| (s * 100.0).round()), Some(149.0));
}

#[test]
fn differing_counts_of_things_are_counts_not_figures() {
    let d = fixture(vec![
        claim("1", "a", "locations_attacked", 12.0, Qualifier::Exact),
        claim("2", "b", "locations_attacked", 10.0, Qualifier::Exact),
    ]);
    let c = compare(&d, &Scope::Incident("x".into()), None);
    assert_eq!(kinds(&c), [FindingKind::CountsDisagree]);
}

#[test]
fn a_source_contradicting_itself() {
    let d = fixture(vec![
        claim("1", "a", "civilians_killed", 12.0, Qualifier::Over),
        claim("2", "a", "civilians_killed", 11.0, Qualifier::Approximately),
        claim("3", "b", "incident_reported", 1.0, Qualifier::Exact),
    ]);
    let c = compare(&d, &Scope::Incident("x".into()), None);
    let f = c
        .findings
        .iter()
        .find(|f| f.kind == FindingKind::SelfContradiction)
        .expect("found");
    assert_eq!(f.claim_ids, ["1", "2"]);
    assert_eq!(f.source_ids, ["a"]);
    // One source's own two figures are not "sources disagree".
    assert!(!kinds(&c).contains(&FindingKind::FiguresDisagree));
    // And only source a gives the figure while b reports the incident.
    assert!(kinds(&c).contains(&FindingKind::SingleSource));
}

#[test]
fn about_eleven_and_twelve_do_not_contradict() {
    let d = fixture(vec![
        claim("1", "a", "civilians_killed", 12.0, Qualifier::Exact),
        claim("2", "a", "civilians_killed", 11.0, Qualifier::Approximately),
    ]);
    let c = compare(&d, &Scope::Incident("x".into()), None);
    assert!(c.findings.is_empty(), "{:?}", c.findings);
}

#[test]
fn a_figure_from_the_only_source_is_no_finding() {
    let d = fixture(vec![claim(
        "1",
        "a",
        "total_killed",
        33.0,
        Qualifier::Exact,
    )]);
    let c = compare(&d, &Scope::Incident("x".into()), None);
    assert!(c.findings.is_empty());
}

#[test]
fn dates_that_do_not_overlap_are_grouped_by_source() {
    let dated = |id: &str, s: &str, date: &str| Claim {
        event_date: Some(DateSpan::parse(date).expect("date")),
        ..claim(id, s, "incident_reported", 1.0, Qualifier::Exact)
    };
    let d = fixture(vec![
        dated("1", "a", "2026-01-13"),
        dated("2", "b", "2026-01-30"),
        dated("3", "b", "2026-01-31"),
        dated("4", "c", "2026-01-31/2026-02-01"),
    ]);
    let c = compare(&d, &Scope::Incident("x".into()), None);
    assert_eq!(kinds(&c), [FindingKind::DatesDisagree]);
    let f = &c.findings[0];
    assert_eq!(f.source_ids, ["a", "b", "c"]);
    assert_eq!(
        f.explanation,
        "Incident x is dated 13 Jan 2026 by a; 30 Jan – 1 Feb 2026 by b, c"
    );
    // Overlapping dates alone are no finding.
    let d = fixture(vec![
        dated("2", "b", "2026-01-30/2026-01-31"),
        dated("4", "c", "2026-01-31"),
    ]);
    assert!(
        compare(&d, &Scope::Incident("x".into()), None)
            .findings
            .is_empty()
    );
}

#[test]
fn switching_a_source_off_or_choosing_a_lens_narrows_the_claims() {
    let d = fixture(vec![
        claim("1", "a", "militants_killed", 216.0, Qualifier::AtLeast),
        claim("2", "b", "militants_killed", 145.0, Qualifier::Exact),
    ]);
    let off = SourceFilter {
        off: ["a".to_owned()].into(),
        lens: None,
    };
    let narrowed = d.restricted_to(&off);
    assert_eq!(narrowed.claims.len(), 1);
    assert!(
        compare(&narrowed, &Scope::Campaign, None)
            .findings
            .is_empty()
    );
    let lens = SourceFilter {
        off: BTreeSet::new(),
        lens: Some("c".to_owned()),
    };
    let narrowed = d.restricted_to(&lens);
    assert!(narrowed.claims.is_empty());
    assert!(
        narrowed.incidents.is_empty(),
        "c reports nothing, so nothing is on its map"
    );
    assert_eq!(narrowed.sources.len(), 3, "every card stays");
}

#[test]
fn values_are_described_as_a_reader_says_them() {
    let c = |q, v| describe_value(&claim("c", "a", "m", v, q));
    assert_eq!(c(Qualifier::AtLeast, 216.0), "at least 216");
    assert_eq!(c(Qualifier::Approximately, 180.0), "about 180");
    assert_eq!(c(Qualifier::Over, 12.0), "over 12");
    assert_eq!(c(Qualifier::Dozens, 24.0), "dozens");
    assert_eq!(c(Qualifier::Exact, 22.5), "22.5");
    let mut range = claim("c", "a", "m", 10.0, Qualifier::Exact);
    range.value_max = 12.0;
    assert_eq!(describe_value(&range), "10–12");
}

#[test]
fn short_names_prefer_the_author_then_the_title_then_the_document() {
    let d = bundled();
    let names: Vec<String> = d.sources.iter().map(short_name).collect();
    assert_eq!(
        names,
        [
            "Opinion 000",
            "Escalation in Balochistan…",
            "Held in the Grip…",
            "Bangash",
            "Hassan"
        ]
    );
}

// --- The bundled data -----------------------------------------------------------------

fn bundled_findings() -> Vec<Finding> {
    compare(&bundled(), &Scope::Campaign, None).findings
}

fn find(findings: &[Finding], kind: FindingKind, metric: Option<&str>, incident: &str) -> Finding {
    findings
        .iter()
        .find(|f| f.kind == kind && f.metric.as_deref() == metric && f.incident_ids == [incident])
        .unwrap_or_else(|| panic!("no {kind:?} {metric:?} for {incident}: {findings:#?}"))
        .clone()
}

#[test]
fn bundled_militants_killed_disagree_across_all_five_sources() {
    let d = bundled();
    let c = compare(&d, &Scope::Incident("coordinated_offensive".into()), None);
    let row = c
        .rows
        .iter()
        .find(|r| r.metric == "militants_killed")
        .expect("row");
    let mut values: Vec<f64> = row
        .claims
        .iter()
        .filter(|c| c.qualifier != Qualifier::Dozens)
        .map(|c| c.value_min)
        .collect();
    values.sort_by(f64::total_cmp);
    // 67 · 67 · 67 (the same article: subtitle, body, close) · 92 · 145 · 145 · 180 (bodies)
    // · 216
    assert_eq!(values, [67.0, 67.0, 67.0, 92.0, 145.0, 145.0, 180.0, 216.0]);
    assert_eq!((row.lowest, row.highest, row.sources), (67.0, 216.0, 5));
    assert_eq!(row.summary(), "67–216 across 5 sources");
    let f = find(
        &c.findings,
        FindingKind::FiguresDisagree,
        Some("militants_killed"),
        "coordinated_offensive",
    );
    assert_eq!(
        f.source_ids,
        ["midjan_oped", "anatomy", "turmoil", "bangash", "hassan_ai"]
    );
    assert!(
        f.claim_ids.contains(&"c003".to_owned()),
        "the 180 bodies are part of it"
    );
}

#[test]
fn bundled_wave_is_dated_13_january_by_one_source_and_late_january_by_the_others() {
    let f = find(
        &bundled_findings(),
        FindingKind::DatesDisagree,
        None,
        "coordinated_offensive",
    );
    assert_eq!(
        f.source_ids,
        ["midjan_oped", "anatomy", "turmoil", "bangash", "hassan_ai"]
    );
    assert!(
        f.explanation.contains("13 Jan 2026 by Opinion 000;"),
        "{}",
        f.explanation
    );
    assert!(
        // The others: 30 January (Bangash), 31 January (the AI article's Saturday, the UAE),
        // 31 January – 1 February and "late January – early February" (Anatomy), 1 February
        // (Turmoil's peak) — one group, spanning Anatomy's own late January – early February.
        f.explanation.contains("21 Jan – 10 Feb 2026 by"),
        "{}",
        f.explanation
    );
    assert!(f.documents.contains(&"000_c81a4f3a22105cbf.txt".to_owned()));
}

#[test]
fn bundled_locations_counted_12_and_10() {
    let f = find(
        &bundled_findings(),
        FindingKind::CountsDisagree,
        Some("locations_attacked"),
        "coordinated_offensive",
    );
    assert_eq!(f.source_ids, ["midjan_oped", "bangash"]);
    assert_eq!(f.claim_ids, ["c001", "c015"]);
}

#[test]
fn bundled_gwadar_civilians_contradict_within_one_article() {
    let f = find(
        &bundled_findings(),
        FindingKind::SelfContradiction,
        Some("civilians_killed"),
        "gwadar_camp",
    );
    assert_eq!(f.source_ids, ["anatomy"]);
    assert_eq!(f.claim_ids, ["c024", "c025"]);
    assert_eq!(f.documents, ["001_b9af7b0ae8b19018.txt"]);
}

#[test]
fn bundled_single_source_figures_name_their_source() {
    let findings = bundled_findings();
    let f = find(
        &findings,
        FindingKind::SingleSource,
        Some("security_personnel_killed"),
        "coordinated_offensive",
    );
    assert_eq!(f.source_ids, ["bangash"]);
    assert_eq!(f.claim_ids, ["c012"]);
    let f = find(
        &findings,
        FindingKind::SingleSource,
        Some("civilians_killed"),
        "gwadar_camp",
    );
    assert_eq!(f.source_ids, ["anatomy"]);
    // An incident only one article reports yields no "one source only" finding.
    assert!(
        !findings.iter().any(|f| f.kind == FindingKind::SingleSource
            && f.incident_ids == ["islamabad_tarlai_bombing"])
    );
}

#[test]
fn bundled_data_yields_every_kind() {
    let found: BTreeSet<FindingKind> = bundled_findings().iter().map(|f| f.kind).collect();
    assert_eq!(found, FindingKind::ALL.into_iter().collect());
}

#[test]
fn scopes_pick_their_incidents() {
    let d = bundled();
    let wave = DateSpan::new(
        jiff::civil::date(2026, 1, 30),
        jiff::civil::date(2026, 2, 1),
    );
    let gwadar = incidents_in(&d, &Scope::District("gwadar".into()), wave);
    assert!(gwadar.iter().all(|i| &*i.district == "Gwadar"));
    assert!(!gwadar.is_empty());
    let all = incidents_in(&d, &Scope::Campaign, None);
    assert_eq!(all.len(), d.incidents.len());
    let january = incidents_in(&d, &Scope::Campaign, wave);
    assert!(january.len() < all.len());
    assert!(
        january.iter().all(|i| i.dates.is_some()),
        "undated incidents are in no range"
    );
    // A chosen incident is in whatever the range.
    let one = incidents_in(&d, &Scope::Incident("herof_phase1".into()), wave);
    assert_eq!(one.len(), 1);
}
