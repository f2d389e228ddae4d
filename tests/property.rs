//! The loaders never panic, whatever they are fed, and never drop a row silently: every row
//! either loads or has an error.

use incident_atlas::io::dataset::{CLAIM_COLUMNS, DatasetFiles, parse_dataset};
use incident_atlas::io::geojson_layers::parse_regions;
use incident_atlas::io::{Problems, Severity};
use proptest::prelude::*;

const VALID_SOURCES: &[u8] =
    b"id,title,outlet,author,published,kind,document,url,notes\na,,,,,news,a.txt,,\n";
const VALID_INCIDENTS: &[u8] = b"id,title,date_start,date_end,date_precision,place,district,province,lat,lon,geo_precision,event_type,targets,actors,summary\ni,T,2026-01-31,,day,Q,,,30,67,town,ambush,,,\n";

fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("militants_killed".to_owned()),
        Just("at least".to_owned()),
        Just("2026-01-31".to_owned()),
        Just("2026-01/2026-02".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("12".to_owned()),
        Just("-1e309".to_owned()),
        Just("NaN".to_owned()),
        Just("i".to_owned()),
        Just("a".to_owned()),
        Just("=cmd|' /C calc'!A0".to_owned()),
        "\\PC{0,12}",
        any::<f64>().prop_map(|v| v.to_string()),
    ]
}

fn claim_row() -> impl Strategy<Value = Vec<String>> {
    (
        "[a-z0-9_]{1,4}",
        proptest::collection::vec(cell(), CLAIM_COLUMNS.len() - 1),
    )
        .prop_map(|(id, mut rest)| {
            rest.insert(0, id);
            rest
        })
}

fn parse(
    sources: &[u8],
    incidents: &[u8],
    claims: &[u8],
) -> (incident_atlas::model::Dataset, Problems) {
    let mut problems = Problems::default();
    let files = DatasetFiles {
        sources: ("sources.csv", sources.into()),
        incidents: ("incidents.csv", incidents.into()),
        claims: ("claims.csv", claims.into()),
    };
    let dataset = parse_dataset(&files, &mut problems);
    (dataset, problems)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_any_loader(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let _ = parse(&bytes, &bytes, &bytes);
        let mut problems = Problems::default();
        let _ = parse_regions("random.geojson", &bytes, &mut problems);
    }

    #[test]
    fn random_text_with_a_valid_header_never_panics(body in "\\PC{0,400}") {
        let mut claims = CLAIM_COLUMNS.join(",").into_bytes();
        claims.push(b'\n');
        claims.extend_from_slice(body.as_bytes());
        let _ = parse(VALID_SOURCES, VALID_INCIDENTS, &claims);
    }

    #[test]
    fn every_random_row_either_loads_or_has_an_error(rows in proptest::collection::vec(claim_row(), 0..40)) {
        let mut writer = csv::Writer::from_writer(Vec::new());
        writer.write_record(CLAIM_COLUMNS).unwrap();
        for row in &rows {
            writer.write_record(row).unwrap();
        }
        let claims = writer.into_inner().unwrap();
        let (dataset, problems) = parse(VALID_SOURCES, VALID_INCIDENTS, &claims);
        let errors = problems.iter().filter(|p| p.severity == Severity::Error && p.file == "claims.csv").count();
        prop_assert_eq!(dataset.claims.len() + errors, rows.len(), "{:#?}", problems);
        for claim in &dataset.claims {
            prop_assert!(claim.value_min <= claim.value_max);
            prop_assert!(claim.value_min.is_finite() && claim.value_max.is_finite());
        }
    }

    #[test]
    fn random_geojson_shapes_never_panic(coords in proptest::collection::vec((any::<f64>(), any::<f64>()), 0..12)) {
        let ring: Vec<String> = coords.iter().map(|(x, y)| format!("[{x:?},{y:?}]")).collect();
        let text = format!(r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"x"}},"geometry":{{"type":"Polygon","coordinates":[[{}]]}}}}]}}"#, ring.join(","));
        let mut problems = Problems::default();
        if let Some(regions) = parse_regions("shape.geojson", text.as_bytes(), &mut problems) {
            for region in regions {
                let _ = incident_atlas::geo::tessellate::tessellate(&region.shape);
            }
        }
    }
}
