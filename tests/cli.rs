//! The command line as a user runs it: `check`, `export` and `compare` on the bundled data and
//! fixtures.

use std::path::PathBuf;
use std::process::Command;

fn atlas() -> Command {
    Command::new(env!("CARGO_BIN_EXE_incident-atlas"))
}

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

#[test]
fn check_passes_on_the_bundled_data() {
    let out = atlas().arg("check").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(stdout.lines().count(), 1, "only the summary line: {stdout}");
    assert!(stdout.contains("0 error(s), 0 warning(s)"), "{stdout}");
}

#[test]
fn check_names_file_and_line_of_every_broken_fixture_and_fails_in_strict_mode() {
    let cases = [
        ("broken_row", "claims.csv:5"),
        ("bad_date", "incidents.csv:2"),
        ("unknown_ids", "claims.csv:5"),
        ("unknown_metric", "claims.csv:4"),
        ("min_above_max", "claims.csv:2"),
        ("end_before_start", "incidents.csv:3"),
        ("point_outside_district", "incidents.csv:2"),
        ("missing_column", "sources.csv:1"),
        ("duplicate_id", "claims.csv:5"),
        ("bad_number", "claims.csv:3"),
        ("missing_file", "claims.csv"),
    ];
    for (name, location) in cases {
        let out = atlas()
            .args(["check", "--strict", "--data"])
            .arg(fixture(name))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(1), "{name}: {stdout}");
        assert!(
            stdout.contains(location),
            "{name} should name {location}: {stdout}"
        );
    }
}

#[test]
fn check_fails_on_errors_and_passes_warnings_unless_strict() {
    for (name, code) in [
        ("unknown_metric", 0),
        ("point_outside_district", 0),
        ("broken_row", 1),
        ("bad_date", 1),
        ("missing_file", 1),
    ] {
        let out = atlas()
            .arg("check")
            .arg("--data")
            .arg(fixture(name))
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(code), "{name}: {stdout}");
        assert!(
            stdout.lines().count() > 1,
            "{name} prints its problem: {stdout}"
        );
    }
}

#[test]
fn geojson_export_parses_back_with_every_incident_and_claim() {
    let out = atlas()
        .args(["export", "--format", "geojson", "--out", "-"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let geojson: geojson::GeoJson = text.parse().unwrap();
    let geojson::GeoJson::FeatureCollection(fc) = geojson else {
        panic!("not a FeatureCollection")
    };

    let loaded = incident_atlas::io::load(&incident_atlas::io::DataLocation::Bundled);
    assert_eq!(fc.features.len(), loaded.dataset.incidents.len());
    let mut claims = 0;
    for feature in &fc.features {
        let props = feature.properties.as_ref().unwrap();
        let id = props["id"].as_str().unwrap();
        let incident = loaded.dataset.incident(id).unwrap();
        match (&feature.geometry, incident.position) {
            (Some(g), Some(p)) => match &g.value {
                geojson::GeometryValue::Point { coordinates } => {
                    assert_eq!(
                        coordinates.as_slice(),
                        &[p.lon, p.lat],
                        "RFC 7946 order is [lon, lat]"
                    );
                }
                other => panic!("{id}: not a point: {other:?}"),
            },
            (None, None) => {}
            (g, p) => panic!("{id}: geometry {g:?} does not match position {p:?}"),
        }
        for key in [
            "title",
            "date_start",
            "date_end",
            "date_precision",
            "place",
            "district",
            "province",
            "geo_precision",
            "event_type",
            "targets",
            "actors",
            "summary",
        ] {
            assert!(props.contains_key(key), "{id} lacks {key}");
        }
        let list = props["claims"].as_array().unwrap();
        for claim in list {
            assert!(
                claim["document"]
                    .as_str()
                    .unwrap()
                    .to_ascii_lowercase()
                    .ends_with(".txt")
            );
            assert_eq!(claim["incident_id"].as_str(), Some(id));
        }
        claims += list.len();
    }
    assert_eq!(claims, loaded.dataset.claims.len());
}

#[test]
fn csv_export_has_one_row_per_claim_and_respects_dates() {
    let dir = std::env::temp_dir().join(format!("atlas-export-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let all = dir.join("all.csv");
    let out = atlas()
        .args(["export", "--format", "csv", "--out"])
        .arg(&all)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let loaded = incident_atlas::io::load(&incident_atlas::io::DataLocation::Bundled);
    let rows = csv::Reader::from_path(&all).unwrap().records().count();
    assert_eq!(rows, loaded.dataset.claims.len());

    let window = dir.join("window.csv");
    let out = atlas()
        .args([
            "export",
            "--format",
            "csv",
            "--from",
            "2026-02-06",
            "--to",
            "2026-02-06",
            "--out",
        ])
        .arg(&window)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut reader = csv::Reader::from_path(&window).unwrap();
    let incidents: std::collections::BTreeSet<String> =
        reader.records().map(|r| r.unwrap()[1].to_owned()).collect();
    assert_eq!(
        incidents.into_iter().collect::<Vec<_>>(),
        ["islamabad_tarlai_bombing"]
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_bad_date_argument_is_refused_by_the_parser() {
    let out = atlas()
        .args([
            "export",
            "--format",
            "csv",
            "--from",
            "31/01/2026",
            "--out",
            "-",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

fn compare_json(args: &[&str]) -> serde_json::Value {
    let out = atlas()
        .arg("compare")
        .arg("--json")
        .args(args)
        .output()
        .expect("the binary runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("compare --json prints JSON")
}

fn findings_of(report: &serde_json::Value) -> Vec<(String, Option<String>, Vec<String>)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let ids = |key: &str| -> Vec<String> {
                f[key]
                    .as_array()
                    .unwrap_or_else(|| panic!("{key} in {f}"))
                    .iter()
                    .map(|v| v.as_str().expect("a string").to_owned())
                    .collect()
            };
            assert!(!ids("claim_ids").is_empty());
            assert!(!ids("incident_ids").is_empty());
            assert!(
                !f["explanation"]
                    .as_str()
                    .expect("an explanation")
                    .is_empty()
            );
            (
                f["kind"].as_str().expect("a kind").to_owned(),
                f["metric"].as_str().map(str::to_owned),
                ids("documents"),
            )
        })
        .collect()
}

#[test]
fn compare_json_lists_every_kind_of_finding_with_its_documents() {
    let report = compare_json(&[]);
    let findings = findings_of(&report);
    let has = |kind: &str, metric: Option<&str>, documents: &[&str]| {
        findings.iter().any(|(k, m, d)| {
            k == kind
                && m.as_deref() == metric
                && documents.iter().all(|x| d.iter().any(|y| y == x))
        })
    };
    let oped = "000_c81a4f3a22105cbf.txt";
    let anatomy = "001_b9af7b0ae8b19018.txt";
    let bangash = "003_ca53eb6b5886ce8e.txt";
    let ai = "004_46dec71e9095f42d.txt";
    assert!(has(
        "figures_disagree",
        Some("militants_killed"),
        &[oped, anatomy, bangash, ai]
    ));
    assert!(has("dates_disagree", None, &[oped, ai]));
    assert!(has(
        "counts_disagree",
        Some("locations_attacked"),
        &[oped, bangash]
    ));
    assert!(has(
        "self_contradiction",
        Some("civilians_killed"),
        &[anatomy]
    ));
    assert!(has(
        "single_source",
        Some("security_personnel_killed"),
        &[bangash]
    ));
    assert_eq!(report["scope"]["kind"], "campaign");
    assert_eq!(report["sources"].as_array().unwrap().len(), 5);
}

#[test]
fn compare_one_incident_and_a_lens() {
    let report = compare_json(&["--incident", "gwadar_camp"]);
    assert_eq!(report["incident_ids"], serde_json::json!(["gwadar_camp"]));
    let row = &report["rows"][0];
    assert_eq!(row["metric"], "civilians_killed");
    assert_eq!(row["claims"][0]["text"], "over 12");
    assert_eq!(row["claims"][0]["interval"]["low"], 13.0);
    assert!(
        row["claims"][0]["interval"]["high"].is_null(),
        "no upper bound"
    );
    // Through one source's lens there is nobody to disagree with.
    let report = compare_json(&["--lens", "turmoil"]);
    assert!(findings_of(&report).is_empty(), "{report}");
    assert_eq!(report["sources"].as_array().unwrap().len(), 1);
    // Without the op-ed the 13 January date is gone.
    let report = compare_json(&["--without", "midjan_oped"]);
    assert!(
        !findings_of(&report)
            .iter()
            .any(|(k, _, _)| k == "dates_disagree")
    );
}

#[test]
fn compare_text_and_unknown_names() {
    let out = atlas()
        .args(["compare", "--from", "2026-01-30", "--to", "2026-02-01"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        stdout.contains("militants killed — 67–216 across 5 sources"),
        "{stdout}"
    );
    assert!(stdout.contains("[Dates disagree]"), "{stdout}");
    for args in [
        ["--incident", "no_such"],
        ["--lens", "nobody"],
        ["--district", "Atlantis"],
    ] {
        let out = atlas().arg("compare").args(args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(args[1]), "{stderr}");
    }
}

#[test]
fn render_writes_one_png_per_slide_at_the_asked_size() {
    let out_dir =
        std::env::temp_dir().join(format!("incident-atlas-render-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out_dir);
    let briefing = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/briefing.json");
    let out = atlas()
        .args(["render", "--briefing"])
        .arg(&briefing)
        .arg("--out")
        .arg(&out_dir)
        .args(["--size", "640x360", "--theme", "dark"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    let slides = incident_atlas::io::briefing_file::read(&briefing)
        .unwrap()
        .slides;
    let mut files: Vec<_> = std::fs::read_dir(&out_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), slides.len(), "{files:?}");
    assert_eq!(files[0], "01-balochistan-january-february-2026.png");
    for (file, slide) in files.iter().zip(&slides) {
        assert!(file.ends_with(&format!(
            "{}.png",
            incident_atlas::briefing::slug(&slide.title)
        )));
        let image = image::open(out_dir.join(file)).unwrap().to_rgba8();
        assert_eq!(image.dimensions(), (640, 360), "{file}");
        // Dark theme: the caption bar's background is dark.
        let [r, g, b, _] = image.get_pixel(320, 2).0;
        assert!(
            u32::from(r) + u32::from(g) + u32::from(b) < 200,
            "{file}: {r},{g},{b}"
        );
    }
    assert!(
        stdout.contains(&format!("{} slide(s) at 640×360", slides.len())),
        "{stdout}"
    );
    // The chart slides carry their charts: the right part of the slide is inked in the
    // sources' colours (dark theme, high contrast).
    let palette = incident_atlas::theme::Palette::for_dark_mode(true).high_contrast();
    let charted: Vec<_> = files
        .iter()
        .zip(&slides)
        .filter(|(_, s)| s.layout == incident_atlas::briefing::SlideLayout::MapAndCharts)
        .collect();
    assert!(!charted.is_empty(), "the bundled briefing has chart slides");
    for (file, _) in charted {
        let image = image::open(out_dir.join(file)).unwrap().to_rgba8();
        let inked = image
            .enumerate_pixels()
            .filter(|(x, y, _)| *x > 400 && *y > 40 && *y < 300)
            .filter(|(_, _, p)| {
                (0..5).any(|i| {
                    let c = palette.source_colour(i);
                    let [r, g, b, _] = p.0;
                    r.abs_diff(c.r()) < 30 && g.abs_diff(c.g()) < 30 && b.abs_diff(c.b()) < 30
                })
            })
            .count();
        assert!(
            inked > 8,
            "{file}: the chart's sources are drawn ({inked} pixels)"
        );
    }
}

#[test]
fn render_refuses_a_broken_briefing_and_a_bad_size() {
    let dir =
        std::env::temp_dir().join(format!("incident-atlas-render-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.json");
    std::fs::write(&broken, "{\"version\": 1, \"title\": \"x\", \"slides\": [").unwrap();
    let out = atlas()
        .args(["render", "--briefing"])
        .arg(&broken)
        .arg("--out")
        .arg(dir.join("out"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("broken.json, line 1"), "{stderr}");
    assert!(
        !dir.join("out").exists(),
        "nothing written for a broken briefing"
    );

    let out = atlas()
        .args(["render", "--briefing", "data/briefing.json", "--out"])
        .arg(dir.join("out"))
        .args(["--size", "huge"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("WIDTHxHEIGHT"));
}

/// With no device the renderer can use (Vulkan asked for, and no Vulkan driver visible),
/// `render` says so and exits 3 instead of crashing or writing nothing silently.
#[cfg(target_os = "linux")]
#[test]
fn render_without_a_renderer_exits_non_zero_with_a_clear_message() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-norender-{}", std::process::id()));
    let out = atlas()
        .args(["render", "--briefing", "data/briefing.json", "--out"])
        .arg(&dir)
        .env("WGPU_BACKEND", "vulkan")
        .env("VK_ICD_FILENAMES", "/nonexistent/icd.json")
        .env("VK_DRIVER_FILES", "/nonexistent/icd.json")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("no renderer is available"), "{stderr}");
    assert!(stderr.contains("mesa-vulkan-drivers"), "{stderr}");
}

#[test]
fn version_names_the_release_and_the_commit() {
    let out = atlas().arg("--version").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let expected = format!("incident-atlas {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(stdout.starts_with(&expected), "{stdout}");
    let commit = stdout
        .trim()
        .trim_start_matches(&expected)
        .trim_end_matches(')');
    assert!(!commit.is_empty(), "{stdout}");
    assert_eq!(commit, incident_atlas::diagnostics::COMMIT);
}

/// A panic in a child process writes a crash report into the data folder it is given, and
/// the next start finds it once.
#[test]
fn a_panic_writes_a_crash_report_that_the_next_start_offers_once() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let out = atlas()
        .arg("panic")
        .env("INCIDENT_ATLAS_DATA_DIR", &dir)
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(101), "a panic's exit code");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("A crash report was written to"), "{stderr}");
    let reports: Vec<PathBuf> = std::fs::read_dir(dir.join("crashes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(reports.len(), 1, "{reports:?}");
    let report = std::fs::read_to_string(reports.first().unwrap()).unwrap();
    for expected in [
        "What happened: a panic asked for on the command line",
        "Where: src/cli/mod.rs:",
        &format!("Version: {}", incident_atlas::diagnostics::VERSION_LINE),
        &format!("Platform: {}", std::env::consts::OS),
        "Backtrace:",
        "The last log lines:",
        "panicking on request",
    ] {
        assert!(report.contains(expected), "{expected:?} in:\n{report}");
    }
    let pending = incident_atlas::diagnostics::take_pending_crash(&dir).expect("offered");
    assert!(
        pending.summary.starts_with("a panic asked for"),
        "{pending:?}"
    );
    assert!(pending.path.exists());
    assert!(
        incident_atlas::diagnostics::take_pending_crash(&dir).is_none(),
        "offered once"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn log_files_rotate_keeping_the_set_number() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-logs-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let kept = incident_atlas::diagnostics::LOG_FILES_KEPT;
    let mut opened = Vec::new();
    for _ in 0..kept + 3 {
        let (path, _file) = incident_atlas::diagnostics::open_log_file(&dir).expect("a log file");
        opened.push(path);
        // File names carry the time to the millisecond.
        std::thread::sleep(std::time::Duration::from_millis(3));
    }
    let mut left: Vec<PathBuf> = std::fs::read_dir(dir.join("logs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    left.sort();
    assert_eq!(left.len(), kept);
    assert_eq!(left, opened.split_off(3), "the newest are kept");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// What the desktop passes when a file is opened with the app (the packages register the
/// briefing extension): a briefing opens as the briefing, anything else as data.
#[test]
fn a_file_opened_with_the_app_is_a_briefing_or_data() {
    use clap::Parser as _;
    use incident_atlas::cli::Args;
    let dir = std::env::temp_dir().join(format!("incident-atlas-open-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let brief = dir.join("wave.atlasbrief");
    let json_brief = dir.join("briefing.json");
    let points = dir.join("points.json");
    std::fs::write(&brief, "{}").unwrap();
    std::fs::write(&json_brief, "{\"version\": 1, \"slides\": []}").unwrap();
    std::fs::write(
        &points,
        "{\"type\": \"FeatureCollection\", \"features\": []}",
    )
    .unwrap();
    for briefing in [&brief, &json_brief] {
        let args =
            Args::try_parse_from([std::ffi::OsStr::new("incident-atlas"), briefing.as_os_str()])
                .unwrap();
        assert_eq!(args.briefing().as_ref(), Some(briefing));
        assert_eq!(
            args.location().unwrap(),
            incident_atlas::io::DataLocation::Bundled
        );
    }
    let args =
        Args::try_parse_from([std::ffi::OsStr::new("incident-atlas"), points.as_os_str()]).unwrap();
    assert_eq!(args.briefing(), None);
    assert_eq!(
        args.location().unwrap(),
        incident_atlas::io::DataLocation::of_path(points.clone())
    );
    // Subcommands still parse as subcommands.
    let args = Args::try_parse_from(["incident-atlas", "check"]).unwrap();
    assert!(args.command.is_some() && args.open.is_empty());
    // Several files at once (a desktop's %F): the briefing, and the data side by side.
    let args = Args::try_parse_from([
        std::ffi::OsStr::new("incident-atlas"),
        points.as_os_str(),
        brief.as_os_str(),
        json_brief.parent().unwrap().as_os_str(),
    ])
    .unwrap();
    assert_eq!(args.briefing().as_ref(), Some(&brief));
    assert_eq!(
        args.location().unwrap(),
        incident_atlas::io::DataLocation::of_path(points.clone())
            .with(incident_atlas::io::DataLocation::of_path(dir.clone()))
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// `animate` plays the timeline into a GIF of the asked size, a frame per day, which reads
/// back frame by frame; without `.gif` it writes the same frames as numbered PNGs.
#[test]
fn animate_writes_a_gif_and_a_png_sequence() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-animate-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let gif_path = dir.join("timeline.gif");
    let args = [
        "animate",
        "--from",
        "2026-01-20",
        "--to",
        "2026-02-05",
        "--window",
        "5",
        "--fps",
        "5",
        "--size",
        "320x180",
    ];
    let out = atlas()
        .args(args)
        .arg("--out")
        .arg(&gif_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}\n{stderr}");
    assert!(stdout.contains("13 frame(s) drawn"), "{stdout}");
    let file = std::fs::File::open(&gif_path).unwrap();
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(file).unwrap();
    assert_eq!((decoder.width(), decoder.height()), (320, 180));
    let mut frames = 0;
    let mut shown_cs = 0u32;
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        frames += 1;
        shown_cs += u32::from(frame.delay);
        assert!(frame.width <= 320 && frame.height <= 180);
    }
    assert!(frames >= 10, "{frames} frames");
    assert_eq!(shown_cs, 13 * 20, "13 frames at 5 a second, merged or not");

    let pngs = dir.join("frames");
    let out = atlas().args(args).arg("--out").arg(&pngs).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let mut files: Vec<String> = std::fs::read_dir(&pngs)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files.len(), 13);
    assert_eq!(files.first().unwrap(), "frame-0001.png");
    let image = image::open(pngs.join("frame-0013.png")).unwrap();
    assert_eq!((image.width(), image.height()), (320, 180));

    let out = atlas()
        .args([
            "animate",
            "--from",
            "2026-02-05",
            "--to",
            "2026-01-20",
            "--out",
        ])
        .arg(&gif_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "dates the wrong way round");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[path = "cli/handout.rs"]
mod handout;
