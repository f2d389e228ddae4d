//! Importing other datasets: ACLED and UCDP GED files in each layout they have published, in
//! any encoding and delimiter, from fixtures written in their shape (never real ACLED rows:
//! its terms forbid redistributing them), through the library and the command line.
#![allow(clippy::indexing_slicing, clippy::float_cmp)]

use std::path::PathBuf;
use std::process::Command;

use incident_atlas::io::import::{Format, Imported, import_bytes};
use incident_atlas::io::{Problems, Severity};
use incident_atlas::model::{DatePrecision, EventType, GeoPrecision, Qualifier, SourceKind};
use jiff::civil::date;
use proptest::prelude::*;

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/import")
        .join(name)
}

fn import_as(name: &str, bytes: &[u8], format: Format) -> (Imported, Problems) {
    let mut problems = Problems::default();
    let imported = import_bytes(name, bytes, format, &mut problems).expect("imported");
    (imported, problems)
}

fn import(name: &str) -> (Imported, Problems) {
    let bytes = std::fs::read(fixture(name)).expect("fixture");
    import_as(name, &bytes, Format::Auto)
}

#[test]
fn acled_current_layout() {
    let (imported, problems) = import("acled_current.csv");
    // The row without a date is an error on its line; the other three load.
    let errors: Vec<_> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{problems:?}");
    assert_eq!(
        (errors[0].line, errors[0].column.as_deref()),
        (Some(5), Some("event_date"))
    );
    assert_eq!(imported.incidents.len(), 3);
    let source = &imported.sources[0];
    assert_eq!(source.kind, SourceKind::Dataset);
    assert!(
        source.notes.contains("acleddata.com"),
        "the citation ACLED asks for"
    );

    let clash = &imported.incidents[0];
    assert_eq!(clash.id, "PAK90001");
    assert_eq!(clash.event_type, EventType::ArmedAssault);
    assert_eq!(clash.geo_precision, GeoPrecision::Town);
    assert_eq!(
        (clash.district.as_ref(), clash.province.as_ref()),
        ("Mastung", "Balochistan")
    );
    assert!(
        clash
            .summary
            .starts_with("FICTIONAL FIXTURE ROW. On 30 January"),
        "notes verbatim"
    );
    assert!(clash.actors.iter().any(|a| a.starts_with("BLA")));
    let claim = &imported.claims[0];
    assert_eq!(
        (claim.metric.as_ref(), claim.value_min, claim.value_max),
        ("total_killed", 12.0, 12.0)
    );
    assert_eq!(
        claim.qualifier,
        Qualifier::AtLeast,
        "ACLED codes the lowest figure"
    );
    assert_eq!(claim.attributed_to, "Fixture Daily; Fixture Wire");
    assert_eq!(&*claim.source_id, source.id.as_str());

    // time_precision 2: about a week around the day; the IED is an IED.
    let ied = &imported.incidents[1];
    assert_eq!(ied.event_type, EventType::IedAttack);
    assert_eq!(ied.date_precision, DatePrecision::Approximate);
    let dates = ied.dates.unwrap();
    assert_eq!(
        (dates.first, dates.last),
        (date(2026, 1, 28), date(2026, 2, 3))
    );
    assert_eq!(ied.geo_precision, GeoPrecision::Approximate);
    assert_eq!(*ied.targets, ["civilians"]);
    // time_precision 3: the month; a protest is a protest.
    let protest = &imported.incidents[2];
    assert_eq!(protest.event_type, EventType::Protest);
    assert_eq!(protest.date_precision, DatePrecision::Month);
    let dates = protest.dates.unwrap();
    assert_eq!(
        (dates.first, dates.last),
        (date(2026, 2, 1), date(2026, 2, 28))
    );
}

#[test]
fn acled_2019_legacy_and_subset_layouts() {
    let (imported, problems) = import("acled_2019.csv");
    assert_eq!(problems.errors(), 0, "{problems:?}");
    assert_eq!(
        imported.incidents[0].dates.unwrap().first,
        date(2021, 5, 16)
    );
    assert_eq!(
        imported.incidents[1].event_type,
        EventType::SecurityOperation,
        "arrests"
    );

    let (imported, problems) = import("acled_legacy.csv");
    assert_eq!(problems.errors(), 0, "{problems:?}");
    let buleda = &imported.incidents[0];
    assert_eq!(buleda.dates.unwrap().first, date(2020, 5, 9), "9-May-20");
    assert_eq!(
        buleda.event_type,
        EventType::ArmedAssault,
        "Battle-No change of territory"
    );
    assert_eq!(imported.claims[0].value_min, 6.0);

    // A subset is not recognised on its own; named, it loads with no figure.
    let bytes = std::fs::read(fixture("acled_subset.csv")).unwrap();
    let mut problems = Problems::default();
    assert!(import_bytes("acled_subset.csv", &bytes, Format::Auto, &mut problems).is_none());
    assert!(
        problems
            .iter()
            .any(|p| p.message.contains("its header starts event_date"))
    );
    let (imported, problems) = import_as("acled_subset.csv", &bytes, Format::Acled);
    assert_eq!(problems.errors(), 0, "{problems:?}");
    assert_eq!(imported.incidents.len(), 1);
    assert!(imported.claims.is_empty());
}

#[test]
fn ucdp_current_and_old_layouts() {
    let (imported, problems) = import("ucdp_current.csv");
    assert_eq!(problems.errors(), 0, "{problems:?}");
    let warning = problems
        .iter()
        .find(|p| p.severity == Severity::Warning)
        .expect("a warning");
    assert_eq!(
        warning.line,
        Some(3),
        "low 5 ≤ best 7 ≤ high 6 is broken on line 3"
    );
    assert_eq!(imported.sources.len(), 2, "one source per article");
    let musakhel = &imported.claims[0];
    assert_eq!((musakhel.value_min, musakhel.value_max), (22.0, 25.0));
    assert!(musakhel.note.contains("best estimate 23"));
    assert_eq!(musakhel.attributed_to, "security officials");
    let kalat = &imported.incidents[1];
    assert_eq!(kalat.geo_precision, GeoPrecision::District);
    assert_eq!(&*kalat.district, "Kalat");
    let dates = kalat.dates.unwrap();
    assert_eq!(
        (dates.first, dates.last),
        (date(2024, 9, 1), date(2024, 9, 3))
    );

    let (imported, problems) = import("ucdp_old_hxl.csv");
    assert_eq!(problems.errors(), 0, "{problems:?}");
    assert_eq!(
        imported.incidents.len(),
        1,
        "the HXL row is not an incident"
    );
    assert_eq!(
        imported.incidents[0].dates.unwrap().first,
        date(1990, 3, 27)
    );
    assert_eq!(
        (imported.claims[0].value_min, imported.claims[0].value_max),
        (3.0, 4.0)
    );
}

#[test]
fn geojson_points_each_broken_feature_reported_by_index() {
    let (imported, problems) = import("points.geojson");
    assert_eq!(imported.incidents.len(), 2, "{problems:?}");
    let errors: Vec<&str> = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.message.as_str())
        .collect();
    for index in [2, 3, 5, 6] {
        assert!(
            errors
                .iter()
                .any(|m| m.starts_with(&format!("feature {index}:"))),
            "feature {index}: {errors:?}"
        );
    }
    // The polygon is an area, not a broken incident: a warning pointing at area layers.
    assert!(problems.iter().any(|p| p.severity == Severity::Warning
        && p.message.starts_with("feature 4: a Polygon is an area")));
    assert!(problems.iter().any(|p| p.column.as_deref() == Some("crs")));
    let mastung = &imported.incidents[0];
    assert_eq!(mastung.id, "colleague-1");
    assert_eq!(mastung.event_type, EventType::ArmedAssault);
    assert_eq!(imported.claims[0].value_min, 9.0);
    let turbat = &imported.incidents[1];
    assert_eq!(turbat.event_type, EventType::IedAttack);
    let dates = turbat.dates.unwrap();
    assert_eq!(
        (dates.first, dates.last),
        (date(2026, 1, 28), date(2026, 1, 29))
    );
    // Not JSON at all: the line is named.
    let mut problems = Problems::default();
    let broken = b"{\n  \"type\": \"FeatureCollection\",\n  \"features\": [ {\"type\": }\n";
    assert!(import_bytes("broken.geojson", broken, Format::Auto, &mut problems).is_none());
    assert_eq!(
        problems.iter().next().and_then(|p| p.line),
        Some(3),
        "{problems:?}"
    );
}

/// The same ACLED rows, as Excel in a French locale saves them (`;`, Windows-1252), as
/// UTF-16 with a byte-order mark, and tab-separated UTF-8 with a mark, import to the same
/// incidents as the UTF-8 file.
#[test]
fn encodings_and_delimiters_do_not_change_what_loads() {
    let text = std::fs::read_to_string(fixture("acled_current.csv")).unwrap();
    let (reference, _) = import("acled_current.csv");
    // Semicolons, with an accented place name only Windows-1252 can hold in one byte.
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let mut out = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    out.write_record(rows.headers().unwrap()).unwrap();
    for row in rows.records() {
        out.write_record(&row.unwrap()).unwrap();
    }
    let semicolons = String::from_utf8(out.into_inner().unwrap())
        .unwrap()
        .replace("Mastung", "Mastüng");
    let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&semicolons);
    let (latin, problems) = import_as("excel.csv", &bytes, Format::Auto);
    assert_eq!(latin.incidents.len(), reference.incidents.len());
    assert_eq!(&*latin.incidents[0].place, "Mastüng");
    assert!(
        problems.iter().any(|p| p.message.contains("windows-125")),
        "{problems:?}"
    );
    assert_eq!(latin.incidents[1], reference.incidents[1]);

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let (wide, _) = import_as("unicode.csv", &utf16, Format::Auto);
    assert_eq!(wide.incidents, reference.incidents);

    // Tab-separated, UTF-8 with a byte-order mark (what "Unicode text" exports write).
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let mut out = csv::WriterBuilder::new()
        .delimiter(b'\t')
        .from_writer(Vec::new());
    out.write_record(rows.headers().unwrap()).unwrap();
    for row in rows.records() {
        out.write_record(&row.unwrap()).unwrap();
    }
    let tabs: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .copied()
        .chain(out.into_inner().unwrap())
        .collect();
    let (tabbed, _) = import_as("tabs.tsv", &tabs, Format::Auto);
    assert_eq!(tabbed.incidents, reference.incidents);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Random bytes never panic an importer.
    #[test]
    fn random_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        for format in [Format::Auto, Format::Acled, Format::Ucdp, Format::Geojson, Format::Csv] {
            let mut problems = Problems::default();
            let _ = import_bytes("random.csv", &bytes, format, &mut problems);
        }
        let mut problems = Problems::default();
        let _ = incident_atlas::io::import::areas::read(
            "random.geojson",
            &String::from_utf8_lossy(&bytes),
            &mut problems,
        );
    }

    /// Random JSON shapes where a polygon's coordinates belong never panic the area reader
    /// and never drop a feature without a problem.
    #[test]
    fn random_polygons_never_panic(rings in prop::collection::vec(
        prop::collection::vec((any::<f64>(), -100.0f64..100.0, prop::bool::ANY), 0..8), 0..4)) {
        let coordinates: Vec<String> = rings
            .iter()
            .map(|ring| {
                let positions: Vec<String> = ring
                    .iter()
                    .map(|(x, y, text)| if *text { format!("[\"{x}\",{y}]") } else { format!("[{},{y}]", if x.is_finite() { *x } else { 0.0 }) })
                    .collect();
                format!("[{}]", positions.join(","))
            })
            .collect();
        let text = format!(
            r#"{{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{}},"geometry":{{"type":"Polygon","coordinates":[{}]}}}}]}}"#,
            coordinates.join(",")
        );
        let mut problems = Problems::default();
        let read = incident_atlas::io::import::areas::read("p.geojson", &text, &mut problems);
        prop_assert!(read.is_some() || problems.errors() > 0, "{text}");
    }

    /// Random cells under a mapped header never panic, and every row loads or is reported.
    #[test]
    fn random_mapped_rows_never_panic(cells in prop::collection::vec(prop::collection::vec(".{0,12}", 4), 1..20)) {
        let mut text = "when;lat;lon;dead\n".to_owned();
        for row in &cells {
            let mut out = csv::WriterBuilder::new().delimiter(b';').from_writer(Vec::new());
            out.write_record(row).unwrap();
            text.push_str(&String::from_utf8(out.into_inner().unwrap()).unwrap());
        }
        let mapping = incident_atlas::io::import::mapping::ColumnMapping {
            latitude: "lat".to_owned(),
            longitude: "lon".to_owned(),
            date: "when".to_owned(),
            figures: vec![incident_atlas::io::import::mapping::FigureColumn {
                column: "dead".to_owned(),
                metric: "total_killed".to_owned(),
            }],
            ..Default::default()
        };
        let request = incident_atlas::io::import::Request {
            mapping: Some(&mapping),
            ..incident_atlas::io::import::Request::of(Format::Csv)
        };
        let mut problems = Problems::default();
        let imported = incident_atlas::io::import::import_bytes_with("m.csv", text.as_bytes(), &request, &mut problems)
            .unwrap_or_default();
        prop_assert!(imported.incidents.len() + problems.errors() >= 1);
    }

    /// Random cells under real headers never panic, and every row is either loaded or has
    /// a problem.
    #[test]
    fn random_rows_never_panic(cells in prop::collection::vec(prop::collection::vec(".{0,12}", 6), 1..20)) {
        for header in [
            "event_id_cnty,event_date,time_precision,latitude,longitude,fatalities",
            "id,date_start,date_end,latitude,longitude,best",
        ] {
            let mut text = format!("{header}\n");
            for row in &cells {
                let mut out = csv::Writer::from_writer(Vec::new());
                out.write_record(row).unwrap();
                text.push_str(&String::from_utf8(out.into_inner().unwrap()).unwrap());
            }
            let format = if header.starts_with("event") { Format::Acled } else { Format::Ucdp };
            let mut problems = Problems::default();
            let _ = import_bytes("rows.csv", text.as_bytes(), format, &mut problems);
        }
    }
}

fn atlas() -> Command {
    Command::new(env!("CARGO_BIN_EXE_incident-atlas"))
}

#[test]
fn import_then_check_and_export_from_the_command_line() {
    let base = std::env::temp_dir().join(format!("atlas-import-{}", std::process::id()));
    for (name, code) in [
        ("acled_current.csv", 1), // written, but one row could not be used
        ("acled_2019.csv", 0),
        ("acled_legacy.csv", 0),
        ("ucdp_current.csv", 0),
        ("ucdp_old_hxl.csv", 0),
        ("points.geojson", 1), // written, but four features could not be used
    ] {
        let out_dir = base.join(name);
        let out = atlas()
            .args([
                "import",
                fixture(name).to_str().unwrap(),
                "--out",
                out_dir.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(code), "{name}: {stdout}");
        let check = atlas()
            .args(["check", out_dir.to_str().unwrap()])
            .output()
            .unwrap();
        let report = String::from_utf8_lossy(&check.stdout);
        assert_eq!(check.status.code(), Some(0), "{name}: {report}");
        // The imported dataset exports as GeoJSON that parses back.
        let geojson = atlas()
            .args([
                "--data",
                out_dir.to_str().unwrap(),
                "export",
                "--format",
                "geojson",
                "--out",
                "-",
            ])
            .output()
            .unwrap();
        let parsed: geojson::GeoJson = String::from_utf8_lossy(&geojson.stdout)
            .parse()
            .expect("GeoJSON");
        let geojson::GeoJson::FeatureCollection(features) = parsed else {
            panic!("a feature collection");
        };
        assert!(!features.features.is_empty(), "{name}");
    }
    // Nothing usable: exit 2, nothing written.
    let nothing = base.join("nothing");
    let out = atlas()
        .args([
            "import",
            fixture("acled_subset.csv").to_str().unwrap(),
            "--out",
            nothing.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!nothing.exists());
    // A file given as the data is imported on the fly.
    let check = atlas()
        .args(["check", fixture("ucdp_current.csv").to_str().unwrap()])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(report.contains("2 incidents, 2 claims"), "{report}");
    let _ = std::fs::remove_dir_all(base);
}

/// Excel writes CRLF; the problems must still name the right line.
#[test]
fn crlf_files_report_the_right_lines() {
    let dir = std::env::temp_dir().join(format!("atlas-crlf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/bad_date");
    for name in ["sources.csv", "incidents.csv", "claims.csv"] {
        let text = std::fs::read_to_string(source.join(name)).unwrap();
        std::fs::write(
            dir.join(name),
            text.replace("\r\n", "\n").replace('\n', "\r\n"),
        )
        .unwrap();
    }
    let out = atlas()
        .args(["check", dir.to_str().unwrap()])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(
        report.contains("incidents.csv:2, column date_start"),
        "{report}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

/// Runs the binary; returns the exit code and what it printed.
fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = atlas().args(args).output().expect("the binary runs");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.code(), printed)
}

#[test]
fn any_table_by_a_column_mapping_from_the_command_line() {
    let base = std::env::temp_dir().join(format!("atlas-mapping-{}", std::process::id()));
    let sheet = fixture("sheet_semicolon_cp1252.csv");
    let mapping = fixture("sheet_semicolon_cp1252.mapping.json");
    let out = base.join("mapped");
    let (s, m, o) = (
        sheet.to_str().unwrap(),
        mapping.to_str().unwrap(),
        out.to_str().unwrap(),
    );
    // Without a mapping a table of no known kind is refused, saying how to read it.
    let (code, printed) = run(&["import", s, "--out", o]);
    assert_eq!(code, Some(2), "{printed}");
    assert!(printed.contains("--mapping FILE"), "{printed}");
    assert!(!out.exists());
    // With one: `;`, decimal commas, Windows-1252 and CRLF; two rows reported by line.
    let (code, printed) = run(&["import", s, "--mapping", m, "--out", o]);
    assert_eq!(code, Some(1), "{printed}");
    assert!(
        printed.contains("sheet_semicolon_cp1252.csv:5"),
        "{printed}"
    );
    assert!(
        printed.contains("column Datum"),
        "columns named as written: {printed}"
    );
    assert!(
        printed.contains("sheet_semicolon_cp1252.csv:6"),
        "{printed}"
    );
    assert!(printed.contains("3 incidents, 5 claims"), "{printed}");
    let (code, printed) = run(&["check", o]);
    assert_eq!(code, Some(0), "{printed}");
    let incidents = std::fs::read_to_string(out.join("incidents.csv")).unwrap();
    assert!(
        incidents.contains("R2,\"Quetta, 2026-01-30\",2026-01-30"),
        "{incidents}"
    );
    // The same mapping opens the file directly as the data.
    let (code, printed) = run(&["--data", s, "--mapping", m, "check"]);
    assert_eq!(code, Some(1), "{printed}");
    assert!(printed.contains("3 incidents, 5 claims"), "{printed}");
    // `--format csv` guesses the columns from their names, and says which it chose.
    let plain = base.join("plain");
    let (code, printed) = run(&[
        "import",
        fixture("sheet_plain.csv").to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        plain.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(0), "{printed}");
    assert!(
        printed.contains("columns chosen by their names"),
        "{printed}"
    );
    assert!(printed.contains("2 incidents, 3 claims"), "{printed}");
    // A mapping file that is not one is an error before anything is read.
    let not_a_mapping = fixture("sheet_plain.csv");
    let (code, printed) = run(&[
        "import",
        s,
        "--mapping",
        not_a_mapping.to_str().unwrap(),
        "--out",
        o,
    ]);
    assert_eq!(code, Some(2), "{printed}");
    assert!(printed.contains("not a column mapping"), "{printed}");
    let _ = std::fs::remove_dir_all(base);
}

#[test]
fn polygon_files_become_area_layers_and_broken_features_are_reported() {
    let base = std::env::temp_dir().join(format!("atlas-layers-{}", std::process::id()));
    let out = base.join("zones");
    let o = out.to_str().unwrap();
    let (code, printed) = run(&[
        "import",
        fixture("zones.geojson").to_str().unwrap(),
        "--out",
        o,
    ]);
    assert_eq!(code, Some(0), "{printed}");
    let written = out.join("layers/zones.geojson");
    let text = std::fs::read_to_string(&written).expect("the layer is written");
    let parsed: geojson::GeoJson = text.parse().expect("GeoJSON");
    let geojson::GeoJson::FeatureCollection(features) = parsed else {
        panic!("a feature collection");
    };
    assert_eq!(features.features.len(), 7);
    // The folder's layer is read with the data.
    let (code, printed) = run(&["check", o]);
    assert_eq!(code, Some(0), "{printed}");
    assert!(printed.contains("area layer of 7 areas"), "{printed}");

    // Broken features: each reported by index with its reason, the rest kept.
    let broken = base.join("broken");
    let (code, printed) = run(&[
        "import",
        fixture("zones_broken.geojson").to_str().unwrap(),
        "--out",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(code, Some(1), "{printed}");
    for expected in [
        "feature 1: ring 0 position 0 is not a [longitude, latitude] pair",
        "feature 2: ring 0 position 0 is not two numbers",
        "feature 3: ring 0 position 0 (566, 29) is out of range",
        "feature 4 (Unclosed): a ring does not end where it starts; it was closed",
        "feature 5 (Bow tie): exterior ring has a self-intersection",
        "a crs member",
        "(3 areas)",
    ] {
        assert!(printed.contains(expected), "{expected}: {printed}");
    }
    // --layer checks a layer beside any data.
    let (code, printed) = run(&[
        "--layer",
        fixture("zones_broken.geojson").to_str().unwrap(),
        "check",
    ]);
    assert_eq!(code, Some(1), "{printed}");
    assert!(printed.contains("area layer of 3 areas"), "{printed}");
    let _ = std::fs::remove_dir_all(base);
}
