//! The PDF handout, read back as text (`pdftotext`, Debian: poppler-utils).

use std::path::PathBuf;
use std::process::Command;

use super::atlas;

/// The PDF's text as `pdftotext` (poppler-utils, which `.ci/run` installs) reads it, with
/// runs of white space made one space (a table cell may wrap).
fn pdf_text(path: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .arg(path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian: poppler-utils) reads the handout back");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn one_spaced(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `handout` writes a PDF with a page per slide, a page per contested figure and the
/// sources and attributions, as searchable text: every source title, every slide title and
/// every contested figure with each of its claims can be found in it.
#[test]
fn handout_writes_a_searchable_pdf_of_slides_figures_and_sources() {
    let dir = std::env::temp_dir().join(format!("incident-atlas-handout-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let pdf = dir.join("handout.pdf");
    let briefing = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/briefing.json");
    let out = atlas()
        .args(["handout", "--briefing"])
        .arg(&briefing)
        .arg("--out")
        .arg(&pdf)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = pdf_text(&pdf);
    let slides = incident_atlas::io::briefing_file::read(&briefing)
        .unwrap()
        .slides;
    for slide in &slides {
        assert!(
            text.contains(&one_spaced(&slide.title)),
            "slide {:?}",
            slide.title
        );
    }
    let loaded = incident_atlas::io::load(&incident_atlas::io::DataLocation::Bundled);
    for source in &loaded.dataset.sources {
        let title = if source.title.is_empty() {
            incident_atlas::model::compare::short_name(source)
        } else {
            source.title.clone()
        };
        assert!(
            text.contains(&one_spaced(&title)),
            "source {title:?} in:\n{text}"
        );
    }
    let contested = assert_contested_figures_in(&text, &loaded.dataset);
    let pages = slides.len() + contested + 2;
    assert!(
        stdout.contains(&format!("{pages} page(s)")),
        "{stdout} (expected {pages} pages)"
    );
    assert!(text.contains("ODbL"), "the attributions");
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Every contested figure of the campaign is in the handout's text with each of its claims
/// and the passage (locator) that states it; returns how many there are.
fn assert_contested_figures_in(text: &str, dataset: &incident_atlas::model::Dataset) -> usize {
    let comparison = incident_atlas::model::compare::compare(
        dataset,
        &incident_atlas::model::compare::Scope::Campaign,
        None,
    );
    let contested: Vec<_> = comparison.rows.iter().filter(|r| !r.consistent).collect();
    assert!(!contested.is_empty());
    for row in &contested {
        let heading = one_spaced(&format!("{} — {}", row.label, row.summary()));
        assert!(text.contains(&heading), "{heading:?}");
        for cell in &row.claims {
            assert!(
                text.contains(&one_spaced(&cell.text)),
                "claim {:?}",
                cell.text
            );
            // Each claim with the passage that states it.
            let claim = dataset
                .claims
                .iter()
                .find(|c| c.id == cell.claim_id)
                .expect("the claim is in the data");
            let locator = claim
                .locator
                .expect("every bundled claim is located")
                .to_string();
            assert!(
                text.contains(&locator),
                "locator {locator} of {}",
                cell.claim_id
            );
        }
    }
    contested.len()
}
