//! The briefing: presentation mode driven by keys, the briefing file (round trip, a broken
//! file, an interrupted write), PNG export through the app's own path, and the settings
//! store's fallback.

use std::path::{Path, PathBuf};

use egui::Key;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use incident_atlas::app::{AtlasApp, read_settings};
use incident_atlas::briefing::{Briefing, Layers, MapView, Slide};
use incident_atlas::command::BriefingCommand as Command;
use incident_atlas::io::briefing_file::{self, BUNDLED_BRIEFING};
use incident_atlas::io::{DataLocation, load};
use incident_atlas::model::LonLat;
use incident_atlas::state::{DateWindow, ViewSettings};
use jiff::civil::date;

/// A fresh folder for one test's files.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("incident-atlas-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a scratch folder");
    dir
}

fn bundled_briefing() -> Briefing {
    briefing_file::parse(BUNDLED_BRIEFING.0, BUNDLED_BRIEFING.1).expect("bundled briefing")
}

fn harness_with(settings: ViewSettings) -> Harness<'static, AtlasApp> {
    harness_sized(settings, egui::vec2(1600.0, 1000.0))
}

fn harness_sized(settings: ViewSettings, size: egui::Vec2) -> Harness<'static, AtlasApp> {
    Harness::builder()
        .with_size(size)
        // A slide change animates the map for 0.8 s: ~50 frames at 60 fps.
        .with_max_steps(400)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::new(
                load(&DataLocation::Bundled),
                DataLocation::Bundled,
                settings,
            ),
        )
}

fn centre(harness: &Harness<'_, AtlasApp>) -> LonLat {
    harness
        .state()
        .hits()
        .center
        .expect("the map reports its centre")
}

#[test]
fn f5_presents_pagedown_moves_to_the_next_view_and_esc_leaves() {
    let mut harness = harness_with(ViewSettings::default());
    harness.run();
    assert!(harness.query_by_label("Hide comparison").is_some());
    assert!(harness.query_by_label("Present").is_some());

    harness.key_press(Key::F5);
    harness.run();
    let app = harness.state();
    assert!(app.presenting());
    assert_eq!(
        app.briefing().current,
        Some(0),
        "presenting starts at the first slide"
    );
    // The panels are gone: no top bar, no comparison, no timeline controls.
    assert!(harness.query_by_label("Hide comparison").is_none());
    assert!(harness.query_by_label("Present").is_none());
    assert!(harness.query_by_label_contains("Sources (").is_none());
    // The caption bar shows the slide's title.
    let first = &bundled_briefing().slides[0];
    harness.get_by_label(&first.title);
    let (centre_before, window_before) = (centre(&harness), harness.state().window());

    harness.key_press(Key::PageDown);
    harness.run();
    let second = &bundled_briefing().slides[1];
    let app = harness.state();
    assert_eq!(app.briefing().current, Some(1));
    assert!(!app.in_transition(), "the move to the slide has finished");
    assert_eq!(app.window(), second.dates);
    assert_ne!(app.window(), window_before);
    let after = centre(&harness);
    assert!(
        (after.lon - second.map.centre.lon).abs() < 0.01
            && (after.lat - second.map.centre.lat).abs() < 0.01,
        "the map is centred on the slide's centre: {after:?}"
    );
    assert!(
        (after.lon - centre_before.lon).abs() > 0.1 || (after.lat - centre_before.lat).abs() > 0.1
    );
    assert_eq!(
        app.selection().incident.as_deref(),
        second.selected_incident.as_deref()
    );
    harness.get_by_label(&second.title);

    // PageUp goes back.
    harness.key_press(Key::PageUp);
    harness.run();
    assert_eq!(harness.state().briefing().current, Some(0));

    harness.key_press(Key::Escape);
    harness.run();
    assert!(!harness.state().presenting());
    assert!(harness.query_by_label("Hide comparison").is_some());
}

#[test]
fn a_briefing_file_reads_back_equal() {
    let dir = scratch("roundtrip");
    let path = dir.join("briefing.json");
    let mut briefing = bundled_briefing();
    briefing.slides.push(Slide {
        title: "Ünïcode — and \"quotes\"".to_owned(),
        caption: String::new(),
        map: MapView {
            centre: LonLat {
                lon: 66.97,
                lat: 30.19,
            },
            zoom: 9.25,
            frame: Some([1024.5, 600.0]),
        },
        dates: DateWindow {
            start: date(2026, 1, 30),
            end: date(2026, 1, 31),
        },
        selected_incident: None,
        selected_district: Some("Quetta".to_owned()),
        sources: incident_atlas::model::compare::SourceFilter {
            off: ["bangash".to_owned()].into(),
            lens: None,
        },
        layers: Layers {
            show_tehsils: true,
            ..Layers::default()
        },
        layout: incident_atlas::briefing::SlideLayout::MapAndCharts,
        figures: vec![
            "militants_killed".to_owned(),
            "locations_attacked".to_owned(),
        ],
        notes: "Stress the 13 January dating.\nThen the 216.".to_owned(),
    });
    briefing_file::write(&path, &briefing).expect("write");
    assert_eq!(briefing_file::read(&path).expect("read"), briefing);
    // Human-readable: pretty JSON, one field per line.
    let text = std::fs::read_to_string(&path).expect("text");
    assert!(
        text.contains("\n      \"title\": \"Ünïcode — and \\\"quotes\\\"\""),
        "{text}"
    );
    assert!(
        !dir.join(".briefing.json.tmp").exists(),
        "no temporary file left"
    );
}

#[test]
fn a_truncated_briefing_is_reported_and_never_written_over() {
    let dir = scratch("truncated");
    let path = dir.join("briefing.json");
    let full = briefing_file::to_json(&bundled_briefing());
    let cut = &full[..full.len() / 2];
    std::fs::write(&path, cut).expect("write the truncated file");

    let err = briefing_file::read(&path).expect_err("a truncated file does not parse");
    let text = err.to_string();
    assert!(text.contains("briefing.json, line"), "{text}");
    assert!(text.contains("cut short"), "{text}");

    // The app opens it, says so, and refuses to save over it.
    let settings = ViewSettings {
        briefing_file: Some(path.clone()),
        ..ViewSettings::default()
    };
    let mut harness = harness_with(settings);
    harness.run();
    assert!(harness.state().briefing().broken.is_some());
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n.contains("could not be read") && n.contains("briefing.json, line")),
        "{:?}",
        harness.state().notices()
    );
    harness
        .state_mut()
        .send(incident_atlas::command::BriefingCommand::AddSlide);
    harness.run();
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n.starts_with("not saved")),
        "{:?}",
        harness.state().notices()
    );
    assert_eq!(
        std::fs::read_to_string(&path).expect("file"),
        cut,
        "untouched"
    );
}

#[test]
fn a_write_killed_before_the_rename_leaves_the_old_file_whole() {
    let dir = scratch("killed");
    let path = dir.join("briefing.json");
    let old = bundled_briefing();
    briefing_file::write(&path, &old).expect("the old file");
    let before = std::fs::read(&path).expect("old bytes");

    let mut new = old.clone();
    new.title = "A newer briefing".to_owned();
    new.slides.truncate(2);
    let staged = briefing_file::stage(&path, &new).expect("staged");
    assert!(staged.temp_path().exists());
    // The process dies here: no rename, no clean-up.
    std::mem::forget(staged);
    assert_eq!(std::fs::read(&path).expect("bytes"), before);
    assert_eq!(briefing_file::read(&path).expect("still reads"), old);

    // The next write replaces the stray temporary file and lands whole.
    briefing_file::write(&path, &new).expect("write");
    assert_eq!(briefing_file::read(&path).expect("new"), new);
}

#[test]
fn editing_slides_saves_the_file_next_to_the_dataset() {
    let dir = scratch("editing");
    for name in ["sources.csv", "incidents.csv", "claims.csv"] {
        std::fs::copy(Path::new("data").join(name), dir.join(name)).expect("copy data");
    }
    let location = DataLocation::Dir(dir.clone());
    let mut harness = Harness::builder()
        .with_size(egui::vec2(1600.0, 1000.0))
        .with_max_steps(400)
        .build_ui_state(
            |ui, app: &mut AtlasApp| app.show(ui),
            AtlasApp::new(load(&location), location.clone(), ViewSettings::default()),
        );
    harness.run();
    let send = |harness: &mut Harness<'_, AtlasApp>, c| {
        harness.state_mut().send(c);
        harness.run();
    };
    send(&mut harness, Command::AddSlide);
    send(&mut harness, Command::AddSlide);
    send(&mut harness, Command::RenameSlide(0, "Overview".to_owned()));
    send(&mut harness, Command::MoveSlide(0, 1));
    let file = dir.join("briefing.json");
    let saved = briefing_file::read(&file).expect("saved next to the data");
    assert_eq!(saved.slides.len(), 2);
    assert_eq!(saved.slides[1].title, "Overview");
    send(&mut harness, Command::DeleteSlide(0));
    let saved = briefing_file::read(&file).expect("saved");
    assert_eq!(saved.slides.len(), 1);
    assert_eq!(saved.slides[0].title, "Overview");
    assert_eq!(
        harness.state().settings().briefing_file.as_deref(),
        Some(file.as_path())
    );
}

#[test]
fn the_current_view_exports_as_a_png_with_a_footer() {
    let dir = scratch("export");
    let path = dir.join("view.png");
    let mut harness = harness_with(ViewSettings::default());
    harness.run();
    harness.state_mut().export_view_to(path.clone(), [960, 540]);
    for _ in 0..600 {
        harness.step();
        if !harness.state().exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!harness.state().exporting(), "the export finished");
    assert!(
        harness
            .state()
            .notices()
            .iter()
            .any(|n| n.starts_with("Exported")),
        "{:?}",
        harness.state().notices()
    );
    let image = image::open(&path).expect("a PNG").to_rgba8();
    assert_eq!(image.dimensions(), (960, 540));
    // The footer (bottom 8 %) carries text: many pixels differ from its background.
    let footer_top = 540 - 43;
    let background = *image.get_pixel(2, 539);
    let inked = (footer_top..540)
        .flat_map(|y| (0..960).map(move |x| (x, y)))
        .filter(|&(x, y)| {
            let p = image.get_pixel(x, y);
            p.0.iter()
                .zip(background.0)
                .any(|(a, b)| a.abs_diff(b) > 60)
        })
        .count();
    assert!(inked > 800, "the footer is not blank: {inked} inked pixels");
    // The map above it is drawn too (land, sea and borders: many colours).
    let colours: std::collections::HashSet<_> = (100..400)
        .step_by(7)
        .flat_map(|y| (0..960).step_by(7).map(move |x| (x, y)))
        .map(|(x, y)| image.get_pixel(x, y).0)
        .collect();
    assert!(
        colours.len() > 20,
        "the map is drawn: {} colours",
        colours.len()
    );
}

/// A settings store as eframe keeps one, in memory.
#[derive(Default)]
struct MemoryStore(std::collections::HashMap<String, String>);

impl eframe::Storage for MemoryStore {
    fn get_string(&self, key: &str) -> Option<String> {
        self.0.get(key).cloned()
    }
    fn set_string(&mut self, key: &str, value: String) {
        self.0.insert(key.to_owned(), value);
    }
    fn remove_string(&mut self, key: &str) {
        self.0.remove(key);
    }
    fn flush(&mut self) {}
}

#[test]
fn settings_persist_and_a_corrupt_store_falls_back_to_defaults_with_a_notice() {
    let mut store = MemoryStore::default();
    let saved = ViewSettings {
        dark_mode: true,
        presentation_scale: Some(2.0),
        briefing_file: Some(PathBuf::from("/somewhere/briefing.json")),
        export_size: Some([1920, 1080]),
        hide_panel: true,
        ..ViewSettings::default()
    };
    eframe::set_value(&mut store, "incident-atlas/view-settings", &saved);
    assert_eq!(read_settings(Some(&store), None), (saved, None));

    eframe::Storage::set_string(
        &mut store,
        "incident-atlas/view-settings",
        "(dark_mode: tru".to_owned(),
    );
    let (settings, notice) = read_settings(Some(&store), None);
    assert_eq!(settings, ViewSettings::default());
    assert!(notice.expect("a notice").contains("could not be read"));

    // eframe drops a store file it cannot parse: ours names the key, so the loss is told.
    let dir = scratch("store");
    let file = dir.join("app.ron");
    std::fs::write(&file, "{\"incident-atlas/view-settings\": \"(dark_").expect("file");
    let (settings, notice) = read_settings(Some(&MemoryStore::default()), Some(&file));
    assert_eq!(settings, ViewSettings::default());
    assert!(notice.is_some());
    // A first launch: nothing saved, nothing to say.
    assert_eq!(read_settings(None, None), (ViewSettings::default(), None));
}

/// Presentation mode on a 1280×720 screen, on the wave slide, in both themes.
fn presentation_snapshot(dark: bool, name: &str) {
    let settings = ViewSettings {
        dark_mode: dark,
        ..ViewSettings::default()
    };
    let mut harness = harness_sized(settings, egui::vec2(1280.0, 720.0));
    harness.run();
    harness.state_mut().send(Command::SetPresenting(true));
    harness.run();
    harness.state_mut().send(Command::GoToSlide(2));
    harness.run();
    assert_eq!(harness.state().briefing().current, Some(2));
    harness.snapshot(name);
}

#[test]
fn presentation_snapshot_light() {
    presentation_snapshot(false, "presentation_light");
}

#[test]
fn presentation_snapshot_dark() {
    presentation_snapshot(true, "presentation_dark");
}

/// Pixels of `colour` (within a small tolerance) inside `rect` of a rendered frame.
fn pixels_of(image: &image::RgbaImage, rect: egui::Rect, colour: egui::Color32) -> usize {
    image
        .enumerate_pixels()
        .filter(|(x, y, _)| rect.contains(egui::pos2(*x as f32, *y as f32)))
        .filter(|(_, _, p)| {
            let [r, g, b, _] = p.0;
            r.abs_diff(colour.r()) < 20
                && g.abs_diff(colour.g()) < 20
                && b.abs_diff(colour.b()) < 20
        })
        .count()
}

/// The militants-killed slide draws its claim chart beside the map: the chart's heading is
/// the comparison's figure and spread, each source's dot is inked in its colour in the
/// chart's part of the slide, and the map still shows.
#[test]
fn a_chart_slide_charts_the_comparisons_figures_beside_the_map() {
    let slides = bundled_briefing().slides;
    let index = slides
        .iter()
        .position(|s| s.title.starts_with("Militants killed"))
        .expect("the militants-killed slide");
    let slide = slides.get(index).unwrap();
    assert_eq!(
        slide.layout,
        incident_atlas::briefing::SlideLayout::MapAndCharts
    );
    let mut harness = harness_sized(ViewSettings::default(), egui::vec2(1600.0, 900.0));
    harness.run();
    harness.state_mut().send(Command::SetPresenting(true));
    harness.run();
    harness.state_mut().send(Command::GoToSlide(index));
    harness.run();
    let comparison = harness.state().comparison().expect("compared").clone();
    let rows = comparison.rows_for_slide(&slide.figures, 12);
    let row = rows.first().expect("a row to chart");
    assert_eq!(row.metric, "militants_killed");
    assert_eq!(row.summary(), "67–216 across 5 sources");
    harness.get_by_label("Militants killed — 67–216 across 5 sources");
    let map = harness
        .state()
        .hits()
        .map_rect
        .expect("the map is drawn too");
    let image = harness.render().expect("rendered");
    // The map's rectangle is in points; the image in pixels (presenting zooms the UI).
    let ppp = harness.ctx.pixels_per_point();
    let chart_area = egui::Rect::from_min_max(
        egui::pos2(map.right() * ppp, map.top() * ppp),
        egui::pos2(image.width() as f32, map.bottom() * ppp),
    );
    assert!(chart_area.width() > 500.0, "{chart_area:?}");
    // Presenting draws in the high-contrast palette.
    let palette = incident_atlas::theme::Palette::for_dark_mode(false).high_contrast();
    let full = harness.state().loaded().dataset.clone();
    let mut inked = 0;
    for cell in &row.claims {
        let i = full
            .sources
            .iter()
            .position(|s| s.id == cell.source_id)
            .unwrap();
        let n = pixels_of(&image, chart_area, palette.source_colour(i));
        assert!(
            n > 10,
            "{}'s dot and label are drawn: {n} pixels",
            cell.source_id
        );
        inked += n;
    }
    assert!(inked > 400, "the chart is inked: {inked} pixels");
}

/// The Briefing window switches a slide's layout; the file keeps it.
#[test]
fn the_briefing_window_switches_a_slides_layout() {
    let dir = scratch("layout");
    let path = dir.join("briefing.json");
    briefing_file::write(&path, &bundled_briefing()).unwrap();
    let settings = ViewSettings {
        briefing_file: Some(path.clone()),
        ..ViewSettings::default()
    };
    let mut harness = harness_with(settings);
    harness.run();
    harness
        .state_mut()
        .send(incident_atlas::command::WindowCommand::ShowBriefingPanel(
            true,
        ));
    harness.run();
    // The first slide is a map only; pick "Claims table" for it.
    harness.get_all_by_label("Layout").next().unwrap().click();
    harness.run();
    harness.get_by_label("Claims table").click();
    harness.run();
    let saved = briefing_file::read(&path).unwrap();
    assert_eq!(
        saved.slides.first().unwrap().layout,
        incident_atlas::briefing::SlideLayout::Table
    );
    // Presented, that slide shows the table and no map.
    harness.state_mut().send(Command::GoToSlide(0));
    harness.state_mut().send(Command::SetPresenting(true));
    harness.run();
    assert!(harness.state().presenting());
    harness
        .get_all_by_label("Date given")
        .next()
        .expect("the claims table");
    assert!(
        harness.query_by_label("Map of Balochistan").is_none(),
        "a table slide has no map"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Steps until the export under way ends (or a minute passes).
fn wait_for_export(harness: &mut Harness<'_, AtlasApp>) {
    for _ in 0..1200 {
        harness.step();
        if !harness.state().exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert!(!harness.state().exporting(), "the export finished");
}

/// *Export animation…* plays the selected dates into a GIF on a worker thread, with a
/// progress window counting frames; cancelled, it keeps nothing.
#[test]
fn the_app_exports_the_timeline_as_an_animated_gif_and_can_cancel() {
    let dir = scratch("animation");
    let path = dir.join("timeline.gif");
    let mut harness = harness_with(ViewSettings::default());
    harness.run();
    let window = harness.state().window();
    harness
        .state_mut()
        .send(Command::ExportAnimationTo(path.clone(), [320, 180]));
    // A new window shows from its second frame (the first measures it).
    for _ in 0..3 {
        harness.step();
    }
    harness.get_by_label_contains("Drawing frame");
    wait_for_export(&mut harness);
    let notices = harness.state().notices().join(" | ");
    assert!(notices.contains("Exported the animation"), "{notices}");
    let days = (window.end - window.start).get_days() + 1;
    let expected = if days > 14 { days - 6 } else { days };
    let decoder = gif::DecodeOptions::new()
        .read_info(std::fs::File::open(&path).unwrap())
        .unwrap();
    assert_eq!((decoder.width(), decoder.height()), (320, 180));
    let mut decoder = decoder;
    let mut frames = 0;
    while decoder.read_next_frame().unwrap().is_some() {
        frames += 1;
    }
    assert!(frames >= 10 && frames <= expected, "{frames} of {expected}");

    std::fs::remove_file(&path).unwrap();
    harness
        .state_mut()
        .send(Command::ExportAnimationTo(path.clone(), [640, 360]));
    for _ in 0..3 {
        harness.step();
    }
    harness.get_by_label("Cancel").click();
    wait_for_export(&mut harness);
    let notices = harness.state().notices().join(" | ");
    assert!(notices.contains("Export cancelled"), "{notices}");
    assert!(!path.exists(), "a cancelled GIF is not left behind");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// *Export handout…* writes the briefing's PDF on a worker thread.
#[test]
fn the_app_exports_the_briefing_as_a_pdf_handout() {
    let dir = scratch("handout");
    let path = dir.join("briefing.pdf");
    let mut harness = harness_with(ViewSettings::default());
    harness.run();
    harness
        .state_mut()
        .send(Command::ExportHandoutTo(path.clone()));
    for _ in 0..3 {
        harness.step();
    }
    harness.get_by_label_contains("Drawing slide");
    wait_for_export(&mut harness);
    let notices = harness.state().notices().join(" | ");
    assert!(
        notices.contains("Exported the handout (7 slides)"),
        "{notices}"
    );
    let bytes = std::fs::read(&path).unwrap();
    assert!(bytes.starts_with(b"%PDF-") && bytes.len() > 10_000);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// The Briefing window shows a picture of each slide, drawn offscreen on a worker thread.
#[test]
fn the_briefing_window_shows_slide_thumbnails() {
    let mut harness = harness_with(ViewSettings::default());
    harness.run();
    harness
        .state_mut()
        .send(incident_atlas::command::WindowCommand::ShowBriefingPanel(
            true,
        ));
    for _ in 0..600 {
        harness.step();
        if harness.state().thumbnails_ready() == 7 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(
        harness.state().thumbnails_ready(),
        7,
        "a thumbnail per slide"
    );
}

/// Presenting with the presenter window on: it shows the slide's notes, the next slide's
/// title, the clock and the time since presenting began.
#[test]
fn the_presenter_window_shows_the_notes_and_the_next_slide() {
    let settings = ViewSettings {
        presenter_view: true,
        ..ViewSettings::default()
    };
    let slides = bundled_briefing().slides;
    let index = slides
        .iter()
        .position(|s| !s.notes.is_empty())
        .expect("a bundled slide with notes");
    let mut harness = harness_with(settings);
    harness.run();
    harness.state_mut().send(Command::SetPresenting(true));
    harness.run();
    harness.state_mut().send(Command::GoToSlide(index));
    harness.run();
    let slide = slides.get(index).unwrap();
    let next = slides.get(index + 1).unwrap();
    harness.get_by_label(&slide.notes);
    harness.get_by_label("Next");
    // The audience's caption bar and the presenter's "Now" both name the slide; the next
    // slide's title appears only in the presenter window.
    assert!(harness.query_all_by_label(&slide.title).count() >= 2);
    harness.get_by_label(&next.title);
    harness.get_by_label_contains("presenting for");
    harness.get_by_label(&format!("slide {} of {}", index + 1, slides.len()));
}

/// A slide's legend explains exactly the marks its map draws: the Kharan slide selects an
/// incident no two sources dispute, so its legend has "Selected" and no "Sources disagree";
/// the wave slide's contested rings are explained.
#[test]
fn a_slides_legend_lists_exactly_the_marks_on_its_map() {
    let slides = bundled_briefing().slides;
    let kharan = slides
        .iter()
        .position(|s| s.selected_incident.as_deref() == Some("kharan_banks_police"))
        .expect("the Kharan slide");
    let mut harness = harness_sized(ViewSettings::default(), egui::vec2(1600.0, 900.0));
    harness.run();
    harness.state_mut().send(Command::SetPresenting(true));
    harness.run();
    harness.state_mut().send(Command::GoToSlide(kharan));
    harness.run();
    harness.get_by_label("Selected");
    assert!(harness.query_by_label("Sources disagree").is_none());
    let wave = slides
        .iter()
        .position(|s| s.title.contains("coordinated wave"))
        .expect("the wave slide");
    harness.state_mut().send(Command::GoToSlide(wave));
    harness.run();
    harness.get_by_label("Sources disagree");
}
