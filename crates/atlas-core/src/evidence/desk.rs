//! The evidence desk (the app's evidence view holds one): the document open — a source's, at a
//! claim's passage with the document's other claims marked, or a new article the analyst
//! opened to take claims from — its selected passage and its suggested claims.

use std::ops::Range;
use std::path::{Path, PathBuf};

use super::suggest::{self, Suggestion};
use super::verify::{DocumentState, read_document};

use crate::io::DataLocation;
use crate::model::Dataset;

/// A claim's passage in the open document.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub claim_id: String,
    /// Byte range in the document's text.
    pub range: Range<usize>,
    /// "c002 · militants killed: at least 216".
    pub label: String,
}

/// The document the evidence view shows.
#[derive(Debug, Clone, PartialEq)]
pub struct OpenDocument {
    /// Its file name, as `sources.csv` names it.
    pub name: String,
    pub path: Option<PathBuf>,
    /// The source whose document it is (`None`: an article not in the data yet).
    pub source_id: Option<String>,
    /// The text, or why it cannot be shown (which file it needs, and where it looked).
    pub text: Result<String, String>,
    /// Said above the text (the document changed since its claims were located).
    pub warning: Option<String>,
    /// The claim asked for, highlighted.
    pub focus: Option<Mark>,
    /// The document's other located claims, marked.
    pub marks: Vec<Mark>,
    /// The passage the analyst selected (byte range).
    pub selection: Option<(usize, usize)>,
    /// Every figure phrase of the document, each with whether it was rejected.
    pub suggestions: Option<Vec<(Suggestion, bool)>>,
    /// Scroll to the focus on the next frame.
    pub scroll_to_focus: bool,
}

#[derive(Default)]
pub struct EvidenceDesk {
    open: Option<OpenDocument>,
}

impl EvidenceDesk {
    pub fn open(&self) -> Option<&OpenDocument> {
        self.open.as_ref()
    }

    pub fn open_mut(&mut self) -> Option<&mut OpenDocument> {
        self.open.as_mut()
    }

    pub fn close(&mut self) {
        self.open = None;
    }

    /// The source whose document is open, if it is one of the data's.
    pub fn source_id(&self) -> Option<&str> {
        self.open.as_ref().and_then(|d| d.source_id.as_deref())
    }

    /// Opens claim `claim_id`'s document at its passage.
    pub fn show_claim(
        &mut self,
        dataset: &Dataset,
        claim_id: &str,
        folder: Option<&Path>,
    ) -> Result<(), String> {
        let claim = dataset
            .claims
            .iter()
            .find(|c| c.id == claim_id)
            .ok_or_else(|| format!("there is no claim \"{claim_id}\""))?;
        let source = dataset.source(&claim.source_id).ok_or_else(|| {
            format!(
                "claim {claim_id} names an unknown source \"{}\"",
                claim.source_id
            )
        })?;
        let (text, warning, path) = document_for_view(source, folder);
        let marks = text
            .as_ref()
            .map_or_else(|_| Vec::new(), |t| marks_of(dataset, &source.id, t));
        let focus = marks.iter().find(|m| m.claim_id == claim_id).cloned();
        let warning = match (&text, &focus, claim.locator) {
            (Ok(_), None, None) => Some(format!(
                "Claim {claim_id} has no locator yet: its passage is not marked."
            )),
            (Ok(_), None, Some(l)) => Some(format!(
                "Claim {claim_id}'s locator {l} is outside the document."
            )),
            _ => warning,
        };
        self.open = Some(OpenDocument {
            name: source.document.clone(),
            path,
            source_id: Some(source.id.clone()),
            text,
            warning,
            focus,
            marks,
            selection: None,
            suggestions: None,
            scroll_to_focus: true,
        });
        Ok(())
    }

    /// Opens a new article (plain text or HTML) to take claims from; marks the claims of a
    /// source whose document it is.
    pub fn open_document(&mut self, dataset: &Dataset, path: &Path) {
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        let text = super::document::read_text(path).map_err(|e| e.to_string());
        let source_id = dataset
            .sources
            .iter()
            .find(|s| s.document == name)
            .map(|s| s.id.clone());
        let marks = match (&text, &source_id) {
            (Ok(t), Some(id)) => marks_of(dataset, id, t),
            _ => Vec::new(),
        };
        self.open = Some(OpenDocument {
            name,
            path: Some(path.to_owned()),
            source_id,
            text,
            warning: None,
            focus: None,
            marks,
            selection: None,
            suggestions: None,
            scroll_to_focus: false,
        });
    }

    /// The suggestion for the selected passage: its first figure, read with its line.
    pub fn selection_suggestion(&self) -> Result<Suggestion, String> {
        let doc = self.open.as_ref().ok_or("no document is open")?;
        let text = doc.text.as_ref().map_err(Clone::clone)?;
        let (start, end) = doc
            .selection
            .filter(|(s, e)| s < e)
            .ok_or("select a passage in the document first")?;
        let line_start = text
            .get(..start)
            .map_or(0, |t| t.rfind('\n').map_or(0, |i| i + 1));
        let line_end = text
            .get(start..)
            .and_then(|t| t.find('\n'))
            .map_or(text.len(), |i| start + i);
        let line_text = text.get(line_start..line_end).unwrap_or_default();
        let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
        let line = u32::try_from(text.get(..start).map_or(0, |t| t.matches('\n').count()) + 1)
            .map_err(|_| "the document is too long")?;
        let end = end.min(line_start + line_text.len());
        suggest::suggest_for_selection(line, line_text, start - line_start, end - line_start)
            .ok_or_else(|| "the selected passage states no figure".to_owned())
    }

    /// Lists every figure phrase of the open document.
    pub fn suggest(&mut self) {
        if let Some(doc) = self.open.as_mut()
            && let Ok(text) = &doc.text
        {
            doc.suggestions = Some(
                suggest::suggest(text)
                    .into_iter()
                    .map(|s| (s, false))
                    .collect(),
            );
        }
    }
}

/// A source's document as the evidence view shows it: its text (or why there is none: which
/// file it needs, and where it looked), a warning when it changed since its claims were
/// located, and where it was read from.
type ViewedDocument = (Result<String, String>, Option<String>, Option<PathBuf>);

fn document_for_view(source: &crate::model::Source, folder: Option<&Path>) -> ViewedDocument {
    match folder {
        None => (
            Err(format!(
                "This claim's passage is in {}. Choose the folder that holds the sources' documents (a documents folder beside the data is found by itself).",
                source.document
            )),
            None,
            None,
        ),
        Some(folder) => {
            let path = folder.join(&source.document);
            match read_document(source, folder) {
                DocumentState::Ready(text) => (Ok(text), None, Some(path)),
                DocumentState::Missing(why) => (
                    Err(format!(
                        "{} is not in {}: {why}",
                        source.document,
                        folder.display()
                    )),
                    None,
                    None,
                ),
                DocumentState::Changed { .. } => (
                    super::document::read_text(&path).map_err(|e| e.to_string()),
                    Some(format!(
                        "{} has changed since its claims were located (its SHA-256 differs from sources.csv): passages may have moved.",
                        source.document
                    )),
                    Some(path),
                ),
                DocumentState::NotText => (
                    Err(format!(
                        "{} is not a text or HTML document",
                        source.document
                    )),
                    None,
                    None,
                ),
            }
        }
    }
}

/// Every located claim of `source_id` as a mark in `text`.
fn marks_of(dataset: &Dataset, source_id: &str, text: &str) -> Vec<Mark> {
    dataset
        .claims
        .iter()
        .filter(|c| &*c.source_id == source_id)
        .filter_map(|c| {
            let range = c.locator?.byte_range(text)?;
            let metric =
                crate::model::vocabulary::metric(&c.metric).map_or(c.metric.as_ref(), |m| m.label);
            let figure = if c.metric.as_ref() == "incident_reported" {
                "reports the incident".to_owned()
            } else {
                format!("{metric}: {}", crate::model::compare::describe_value(c))
            };
            let by = if c.attributed_to.is_empty() {
                String::new()
            } else {
                format!(", according to {}", c.attributed_to)
            };
            Some(Mark {
                claim_id: c.id.to_string(),
                range,
                label: format!("{} · {figure}{by} · incident {}", c.id, c.incident_id),
            })
        })
        .collect()
}

/// Where the sources' documents are: the folder the analyst chose (remembered), else a
/// `documents` folder beside the data.
pub fn documents_folder(location: &DataLocation, chosen: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = chosen.filter(|d| d.is_dir()) {
        return Some(dir.to_owned());
    }
    location
        .parts()
        .iter()
        .find_map(|part| match part {
            DataLocation::Dir(dir) => Some(dir.join("documents")),
            _ => None,
        })
        .filter(|d| d.is_dir())
}
