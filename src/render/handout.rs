//! The handout: a PDF to leave with the room. Each slide as a page (its title, caption,
//! dates, sources and contested figures as text, the slide drawn as a picture), then a page
//! per contested figure with its claims table, the sources, and the attributions the data
//! requires. Text is real text (a subset of the app's own font embedded, with its Unicode
//! mapping), so it can be selected, searched and copied.
//!
//! Written with krilla (MIT OR Apache-2.0, by the Typst developers): it embeds and subsets
//! `TrueType` fonts, shapes text and writes the `ToUnicode` maps that make text searchable —
//! what pdf-writer, the lower-level crate it builds on, would leave to us.

use std::path::Path;

use image::RgbaImage;
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};

use std::sync::atomic::AtomicBool;

use super::RenderError;
use super::slide::{RenderJob, SlideFacts, render_images};
use crate::io::{ATTRIBUTION, Loaded};
use crate::model::Dataset;
use crate::model::compare::{MetricRow, Scope, compare, short_name};

/// Contested figures given a page each, at most (the widest first in a large dataset).
const CONTESTED_PAGES: usize = 60;

/// Draws the slides (calling `drew` after each) and writes the PDF; returns the pages and
/// the contested figures. Cancelled, it writes nothing.
pub fn write_handout(
    job: &RenderJob,
    loaded: &Loaded,
    out: &Path,
    cancel: &AtomicBool,
    mut drew: impl FnMut(),
) -> Result<(usize, usize), RenderError> {
    let mut handout = Handout::new(&job.briefing.title)?;
    render_images(job, cancel, |_, image, facts| {
        handout.slide_page(&image, &facts);
        drew();
        Ok(())
    })?;
    if cancel.load(std::sync::atomic::Ordering::Relaxed) {
        return Ok((0, 0));
    }
    let dataset = &loaded.dataset;
    let comparison = compare(dataset, &Scope::Campaign, None);
    let mut contested: Vec<_> = comparison.rows.iter().filter(|r| !r.consistent).collect();
    if contested.len() > CONTESTED_PAGES {
        contested.sort_by(|a, b| {
            b.spread
                .unwrap_or(f64::INFINITY)
                .total_cmp(&a.spread.unwrap_or(f64::INFINITY))
        });
        contested.truncate(CONTESTED_PAGES);
    }
    let mut attributions: Vec<String> = crate::ui::about::LAYER_CREDITS
        .iter()
        .map(|(layer, licence, text)| format!("{layer} ({licence}): {text}"))
        .collect();
    attributions.push(format!("On every map: {ATTRIBUTION}"));
    let content = HandoutContent {
        title: &job.briefing.title,
        dataset,
        contested,
        attributions,
    };
    handout.contested_pages(&content);
    handout.sources_page(dataset);
    handout.attributions_page(&content.attributions);
    let pages = handout.pages();
    handout.write(out)?;
    Ok((pages, content.contested.len()))
}

/// A4 landscape, in points.
const PAGE: [f32; 2] = [842.0, 595.0];
const MARGIN: f32 = 40.0;
/// Ubuntu Light's average advance, as a share of the size: wrapping measures with it.
const AVERAGE_ADVANCE: f32 = 0.5;

/// What the handout holds besides the slides.
pub struct HandoutContent<'a> {
    pub title: &'a str,
    pub dataset: &'a Dataset,
    /// The figures the sources dispute, each with its claims.
    pub contested: Vec<&'a MetricRow>,
    /// The data's attributions, one paragraph each.
    pub attributions: Vec<String>,
}

/// Builds the handout in memory; `write` saves it.
pub struct Handout {
    document: Document,
    font: Font,
    bold: Font,
    pages: usize,
}

impl Handout {
    pub fn new(title: &str) -> Result<Self, RenderError> {
        let font = Font::new(epaint_default_fonts::UBUNTU_LIGHT.to_vec().into(), 0)
            .ok_or_else(|| RenderError::Gpu("the handout's font could not be read".to_owned()))?;
        let mut document = Document::new();
        document.set_metadata(
            krilla::metadata::Metadata::new()
                .title(title.to_owned())
                .creator(format!(
                    "Incident Atlas {}",
                    crate::diagnostics::VERSION_LINE
                ))
                .language("en".to_owned()),
        );
        Ok(Self {
            document,
            // One face: "bold" is the same font drawn a little larger and darker.
            bold: font.clone(),
            font,
            pages: 0,
        })
    }

    pub fn pages(&self) -> usize {
        self.pages
    }

    /// A page for one slide: its words as text, its picture below.
    pub fn slide_page(&mut self, image: &RgbaImage, facts: &SlideFacts) {
        let (font, bold) = (self.font.clone(), self.bold.clone());
        self.page(|pen| {
            pen.heading(&bold, &facts.title);
            pen.line(&font, 11.0, &format!("{} · {}", facts.dates, facts.caption));
            let width = PAGE[0] - 2.0 * MARGIN;
            let height = width * image.height() as f32 / image.width().max(1) as f32;
            let room = PAGE[1] - pen.y - MARGIN - 56.0;
            let (w, h) = if height > room {
                (width * room / height, room)
            } else {
                (width, height)
            };
            pen.image(image, w, h);
            let sources = if facts.sources.is_empty() {
                "Sources: none in view".to_owned()
            } else {
                format!("Sources: {}", facts.sources.join(" · "))
            };
            pen.paragraph(&font, 9.5, &sources);
            if !facts.contested.is_empty() {
                pen.colour = DISAGREE;
                pen.paragraph(
                    &font,
                    9.5,
                    &format!("Contested — {}", facts.contested.join(" · ")),
                );
                pen.colour = INK;
            }
            pen.paragraph(&font, 7.5, &facts.attribution);
        });
    }

    /// A page per contested figure: what it is, the spread, and every claim in a table.
    pub fn contested_pages(&mut self, content: &HandoutContent<'_>) {
        let (font, bold) = (self.font.clone(), self.bold.clone());
        for row in &content.contested {
            let incident = content
                .dataset
                .incident(&row.incident_id)
                .map_or(row.incident_id.as_str(), |i| i.title.as_str());
            self.page(|pen| {
                pen.heading(&bold, &format!("Contested: {}", row.label));
                pen.paragraph(&font, 11.0, incident);
                pen.paragraph(&font, 11.0, &format!("{} — {}", row.label, row.summary()));
                pen.gap(6.0);
                let header = [
                    "Source",
                    "Figure",
                    "Qualifier",
                    "Attributed to",
                    "Date given",
                    "Passage",
                ];
                // Where the source states it: the claim's locator in its document (the
                // sources page names the documents), so a reader can check every figure.
                let passage = |claim_id: &str| {
                    content
                        .dataset
                        .claims
                        .iter()
                        .find(|c| c.id == claim_id)
                        .and_then(|c| c.locator)
                        .map_or_else(|| "not located".to_owned(), |l| l.to_string())
                };
                let rows: Vec<[String; 6]> = row
                    .claims
                    .iter()
                    .map(|cell| {
                        [
                            content
                                .dataset
                                .source(&cell.source_id)
                                .map_or_else(|| cell.source_id.clone(), short_name),
                            cell.text.clone(),
                            match cell.qualifier.as_str() {
                                "" => "exact".to_owned(),
                                q => q.to_owned(),
                            },
                            if cell.attributed_to.is_empty() {
                                "the source itself".to_owned()
                            } else {
                                cell.attributed_to.clone()
                            },
                            if cell.event_date.is_empty() {
                                "none".to_owned()
                            } else {
                                cell.event_date.clone()
                            },
                            passage(&cell.claim_id),
                        ]
                    })
                    .collect();
                pen.table(&font, &header, &rows, &[0.18, 0.2, 0.1, 0.22, 0.15, 0.15]);
            });
        }
    }

    /// The sources: title, author, outlet, date, kind, document.
    pub fn sources_page(&mut self, dataset: &Dataset) {
        let (font, bold) = (self.font.clone(), self.bold.clone());
        self.page(|pen| {
            pen.heading(&bold, "Sources");
            let header = ["Title", "Author, outlet", "Published", "Kind", "Document"];
            let rows: Vec<[String; 5]> = dataset
                .sources
                .iter()
                .map(|s| {
                    [
                        if s.title.is_empty() {
                            format!("{} (no title given)", short_name(s))
                        } else {
                            s.title.clone()
                        },
                        [s.author.as_str(), s.outlet.as_str()]
                            .iter()
                            .filter(|t| !t.is_empty())
                            .copied()
                            .collect::<Vec<_>>()
                            .join(", "),
                        s.published
                            .map_or_else(|| "undated".to_owned(), |d| d.to_string()),
                        s.kind.to_string(),
                        s.document.clone(),
                    ]
                })
                .collect();
            pen.table(&font, &header, &rows, &[0.34, 0.2, 0.11, 0.13, 0.22]);
        });
    }

    /// The attributions the bundled map data requires.
    pub fn attributions_page(&mut self, attributions: &[String]) {
        let (font, bold) = (self.font.clone(), self.bold.clone());
        self.page(|pen| {
            pen.heading(&bold, "Data and licences");
            for text in attributions {
                pen.paragraph(&font, 10.0, text);
                pen.gap(4.0);
            }
        });
    }

    fn page(&mut self, draw: impl FnOnce(&mut Pen<'_, '_>)) {
        let Some(settings) = PageSettings::from_wh(PAGE[0], PAGE[1]) else {
            return;
        };
        let mut page = self.document.start_page_with(settings);
        let mut surface = page.surface();
        let mut pen = Pen {
            surface: &mut surface,
            y: MARGIN,
            colour: INK,
        };
        draw(&mut pen);
        surface.finish();
        page.finish();
        self.pages += 1;
    }

    /// Writes the PDF: to a temporary file beside `path`, then renamed over it.
    pub fn write(self, path: &Path) -> Result<(), RenderError> {
        let error = |message: String| RenderError::Write {
            file: path.display().to_string(),
            message,
        };
        let bytes = self
            .document
            .finish()
            .map_err(|e| error(format!("{e:?}")))?;
        crate::io::atomic::write_atomically(path, &bytes).map_err(|e| error(e.to_string()))
    }
}

const INK: [u8; 3] = [0x22, 0x22, 0x22];
const DISAGREE: [u8; 3] = [0xB0, 0x20, 0x20];
const RULE: [u8; 3] = [0xBB, 0xBB, 0xBB];

/// Writes down a page from the top, wrapping text to the margins.
struct Pen<'s, 'd> {
    surface: &'s mut Surface<'d>,
    /// The next line's top, from the page's top.
    y: f32,
    colour: [u8; 3],
}

impl Pen<'_, '_> {
    fn fill(colour: [u8; 3]) -> Fill {
        Fill {
            paint: rgb::Color::new(colour[0], colour[1], colour[2]).into(),
            opacity: NormalizedF32::ONE,
            rule: FillRule::NonZero,
        }
    }

    fn text_at(&mut self, font: &Font, size: f32, x: f32, baseline: f32, text: &str) {
        self.surface.set_fill(Some(Self::fill(self.colour)));
        self.surface.draw_text(
            Point::from_xy(x, baseline),
            font.clone(),
            size,
            text,
            false,
            TextDirection::Auto,
        );
    }

    fn heading(&mut self, font: &Font, text: &str) {
        self.paragraph(font, 20.0, text);
        self.gap(4.0);
    }

    fn line(&mut self, font: &Font, size: f32, text: &str) {
        let baseline = self.y + size;
        self.text_at(font, size, MARGIN, baseline, text);
        self.y += size * 1.35;
    }

    /// Text wrapped to the page's width.
    fn paragraph(&mut self, font: &Font, size: f32, text: &str) {
        for line in wrap(text, PAGE[0] - 2.0 * MARGIN, size) {
            self.line(font, size, &line);
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    fn image(&mut self, image: &RgbaImage, width: f32, height: f32) {
        let picture =
            krilla::image::Image::from_rgba8(image.as_raw().clone(), image.width(), image.height());
        if let Some(size) = Size::from_wh(width, height) {
            self.gap(4.0);
            self.surface
                .push_transform(&Transform::from_translate(MARGIN, self.y));
            self.surface.draw_image(picture, size);
            self.surface.pop();
            self.y += height + 8.0;
        }
    }

    fn rule(&mut self) {
        let mut path = PathBuilder::new();
        path.move_to(MARGIN, self.y);
        path.line_to(PAGE[0] - MARGIN, self.y);
        if let Some(path) = path.finish() {
            self.surface.set_fill(None);
            self.surface.set_stroke(Some(Stroke {
                paint: rgb::Color::new(RULE[0], RULE[1], RULE[2]).into(),
                width: 0.6,
                ..Stroke::default()
            }));
            self.surface.draw_path(&path);
            self.surface.set_stroke(None);
        }
    }

    /// A table: columns as shares of the width, each cell wrapped in its column, a rule
    /// under the header and between rows. Rows that would run off the page are left out
    /// with a line saying how many.
    fn table<const N: usize>(
        &mut self,
        font: &Font,
        header: &[&str; N],
        rows: &[[String; N]],
        shares: &[f32; N],
    ) {
        let width = PAGE[0] - 2.0 * MARGIN;
        let size = 10.0;
        let columns: Vec<(f32, f32)> = shares
            .iter()
            .scan(MARGIN, |x, share| {
                let start = *x;
                *x += share * width;
                Some((start, share * width - 6.0))
            })
            .collect();
        let header: Vec<String> = header.iter().map(|h| (*h).to_owned()).collect();
        self.table_row(font, size, &columns, &header);
        self.rule();
        self.gap(3.0);
        for (done, row) in rows.iter().enumerate() {
            let lines = row_lines(row, &columns, size);
            if self.y + lines as f32 * size * 1.3 > PAGE[1] - MARGIN {
                self.line(
                    font,
                    9.0,
                    &format!("… and {} more row(s)", rows.len() - done),
                );
                return;
            }
            self.table_row(font, size, &columns, row);
            self.rule();
            self.gap(3.0);
        }
    }

    fn table_row(&mut self, font: &Font, size: f32, columns: &[(f32, f32)], cells: &[String]) {
        let mut tallest = 1;
        for ((x, w), cell) in columns.iter().zip(cells) {
            let lines = wrap(cell, *w, size);
            tallest = tallest.max(lines.len());
            for (i, line) in lines.iter().enumerate() {
                let baseline = self.y + size + i as f32 * size * 1.3;
                self.text_at(font, size, *x, baseline, line);
            }
        }
        self.y += tallest as f32 * size * 1.3 + 2.0;
    }
}

fn row_lines(row: &[String], columns: &[(f32, f32)], size: f32) -> usize {
    columns
        .iter()
        .zip(row)
        .map(|((_, w), cell)| wrap(cell, *w, size).len())
        .max()
        .unwrap_or(1)
}

/// Greedy word wrap by the font's average advance (no word is split unless it alone is wider
/// than the line).
fn wrap(text: &str, width: f32, size: f32) -> Vec<String> {
    let per_line = ((width / (size * AVERAGE_ADVANCE)).floor() as usize).max(8);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let needed = line.chars().count() + usize::from(!line.is_empty()) + word.chars().count();
        if needed > per_line && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
        while line.chars().count() > per_line {
            let head: String = line.chars().take(per_line).collect();
            let rest: String = line.chars().skip(per_line).collect();
            lines.push(head);
            line = rest;
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrapping_keeps_words_whole_and_every_character() {
        let text = "Coordinated attacks across Balochistan and the 40-hour clearance operation";
        let lines = wrap(text, 120.0, 10.0);
        assert!(lines.len() > 2, "{lines:?}");
        assert!(lines.iter().all(|l| l.chars().count() <= 24), "{lines:?}");
        assert_eq!(lines.join(" "), text);
        assert_eq!(wrap("", 100.0, 10.0), vec![String::new()]);
    }
}
