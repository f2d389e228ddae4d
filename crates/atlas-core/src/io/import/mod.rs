//! Other people's data into our model: ACLED exports and UCDP GED files, whatever their
//! encoding and delimiter. Each importer reads columns by name and turns rows into sources,
//! incidents and claims; a row it cannot use is a problem with its line, everything else
//! loads. Nothing here writes: `incident-atlas import` and the app decide what to do with the
//! result.

pub mod acled;
pub mod areas;
pub mod dates;
pub mod geojson;
pub mod mapping;
pub mod sheet;
pub mod text;
pub mod ucdp;

use std::path::Path;

use rustc_hash::FxHashSet;

use crate::model::{Claim, Dataset, Incident, Source};
use crate::problem::{Problem, Problems};
use sheet::Sheet;

/// The kinds of file the importers read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Decide from the header.
    Auto,
    Acled,
    Ucdp,
    /// `GeoJSON` point features.
    Geojson,
    /// Any other table, read by a column mapping (guessed from the header when none is given).
    Csv,
}

impl Format {
    pub fn parse(word: &str) -> Option<Self> {
        match word.to_lowercase().as_str() {
            "auto" => Some(Self::Auto),
            "acled" => Some(Self::Acled),
            "ucdp" | "ged" | "ucdp-ged" => Some(Self::Ucdp),
            "geojson" | "json" => Some(Self::Geojson),
            "csv" | "table" | "sheet" => Some(Self::Csv),
            _ => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Acled => "ACLED",
            Self::Ucdp => "UCDP GED",
            Self::Geojson => "GeoJSON",
            Self::Csv => "a table by column mapping",
        }
    }
}

/// What one file gave.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub sources: Vec<Source>,
    pub incidents: Vec<Incident>,
    pub claims: Vec<Claim>,
}

impl Imported {
    /// Everything of `other` after everything of this one.
    pub fn extend(&mut self, other: Imported) {
        self.sources.extend(other.sources);
        self.incidents.extend(other.incidents);
        self.claims.extend(other.claims);
    }

    /// Each id kept once: a later row with an id already used is an error about `file`.
    fn keep_first_ids(&mut self, file: &str, problems: &mut Problems) {
        keep_first(
            &mut self.sources,
            |s| (s.id.as_str(), s.line),
            file,
            problems,
        );
        keep_first(
            &mut self.incidents,
            |i| (i.id.as_str(), i.line),
            file,
            problems,
        );
        keep_first(
            &mut self.claims,
            |c| (c.id.as_str(), c.line),
            file,
            problems,
        );
    }

    /// The dataset of everything imported (an id met in two files is kept from the first).
    pub fn into_dataset(mut self, problems: &mut Problems) -> Dataset {
        self.keep_first_ids("(the files imported together)", problems);
        Dataset::new(self.sources, self.incidents, self.claims)
    }
}

fn keep_first<T>(
    rows: &mut Vec<T>,
    key: fn(&T) -> (&str, u64),
    file: &str,
    problems: &mut Problems,
) {
    let mut seen: FxHashSet<String> = FxHashSet::default();
    let mut dropped = Vec::new();
    rows.retain(|row| {
        let (id, line) = key(row);
        let fresh = seen.insert(id.to_owned());
        if !fresh {
            dropped.push((id.to_owned(), line));
        }
        fresh
    });
    for (id, line) in dropped {
        problems.push(Problem::error(
            file,
            Some(line),
            Some("id"),
            format!("id \"{id}\" is used by an earlier row; row skipped"),
        ));
    }
}

/// A file's name without its folders (either separator): a source's `document`.
pub fn document_name(file: &str) -> String {
    file.rsplit(['/', '\\']).next().unwrap_or(file).to_owned()
}

/// The one source row of a whole imported file (a dataset, not an article); fields it does
/// not fill are empty.
fn dataset_source(id: String, title: String, file: &str, notes: &str) -> Source {
    Source {
        line: 0,
        id,
        title,
        outlet: String::new(),
        author: String::new(),
        published: None,
        kind: crate::model::SourceKind::Dataset,
        document: document_name(file),
        document_sha256: String::new(),
        url: String::new(),
        notes: notes.to_owned(),
    }
}

/// An id as our tables allow it (letters, digits, `_ - .`): anything else becomes `_`.
pub fn clean_id(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

/// Reads one file's bytes as `format`. `None` (with an error saying what the file looked like)
/// when it is not a kind the importers read.
pub fn import_bytes(
    file: &str,
    bytes: &[u8],
    format: Format,
    problems: &mut Problems,
) -> Option<Imported> {
    import_bytes_with(file, bytes, &Request::of(format), problems)
}

/// How to import: the kind of file, the column mapping for a table of no known kind, and
/// where to count rows (and see a cancel).
#[derive(Clone, Copy)]
pub struct Request<'a> {
    pub format: Format,
    pub mapping: Option<&'a mapping::ColumnMapping>,
    pub progress: Option<&'a crate::io::LoadProgress>,
}

impl Request<'_> {
    pub fn of(format: Format) -> Self {
        Self {
            format,
            mapping: None,
            progress: None,
        }
    }
}

/// What a file looks like before it is imported: the app asks, to decide whether the
/// mapping dialog is needed.
#[derive(Debug, Clone, PartialEq)]
pub enum Sniffed {
    /// A kind read without help (ACLED, UCDP GED, `GeoJSON`).
    Known(Format),
    /// A table of no kind we know: its header and first rows, for the mapping dialog.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// Neither (the reason is in the problems).
    Unreadable,
}

/// Looks at a file: its kind, or its header and first `rows` rows.
pub fn sniff(file: &str, bytes: &[u8], rows: usize, problems: &mut Problems) -> Sniffed {
    let decoded = text::decode(file, bytes, problems);
    let normalised = decoded.text.replace("\r\n", "\n");
    let body = normalised.trim_start_matches('\u{feff}');
    if body.trim_start().starts_with('{') {
        return Sniffed::Known(Format::Geojson);
    }
    let Some(sheet) = Sheet::new(file, body, problems) else {
        return Sniffed::Unreadable;
    };
    if acled::looks_like(&sheet) {
        return Sniffed::Known(Format::Acled);
    }
    if ucdp::looks_like(&sheet) {
        return Sniffed::Known(Format::Ucdp);
    }
    Sniffed::Table {
        header: sheet.header.clone(),
        rows: sheet.first_rows(rows),
    }
}

/// `import_bytes`, with the column mapping to read a table of no known kind by (for
/// `Format::Csv`, or `Format::Auto` when the header is neither ACLED's nor UCDP's).
pub fn import_bytes_with(
    file: &str,
    bytes: &[u8],
    request: &Request<'_>,
    problems: &mut Problems,
) -> Option<Imported> {
    let Request {
        format,
        mapping,
        progress,
    } = *request;
    let decoded = text::decode(file, bytes, problems);
    // Windows line ends as plain ones: the csv crate places a record after a CRLF on the line
    // before it, and every problem must name the right line.
    let normalised = decoded.text.replace("\r\n", "\n");
    let body = normalised.trim_start_matches('\u{feff}');
    let stem = Path::new(file)
        .file_stem()
        .map_or_else(|| "data".to_owned(), |s| s.to_string_lossy().into_owned());
    let json = body.trim_start().starts_with('{');
    if format == Format::Geojson || (format == Format::Auto && json) {
        let mut imported = geojson::read(file, body, &stem, problems)?;
        imported.keep_first_ids(file, problems);
        return Some(imported);
    }
    let mut sheet = Sheet::new(file, body, problems)?;
    if let Some(progress) = progress {
        sheet = sheet.watched_by(progress);
    }
    let format = match format {
        Format::Auto if acled::looks_like(&sheet) => Format::Acled,
        Format::Auto if ucdp::looks_like(&sheet) => Format::Ucdp,
        Format::Auto if mapping.is_some() => Format::Csv,
        Format::Auto => {
            let shown: Vec<&str> = sheet.header.iter().take(8).map(String::as_str).collect();
            problems.push(Problem::error(
                file,
                Some(1),
                None,
                format!(
                    "not an ACLED or UCDP GED table: its header starts {}{}; read it with --format csv (columns guessed from their names) or --mapping FILE",
                    shown.join(", "),
                    if sheet.header.len() > 8 { ", …" } else { "" }
                ),
            ));
            return None;
        }
        chosen => chosen,
    };
    log::info!(
        "importing {file} as {} ({})",
        format.name(),
        decoded.encoding
    );
    let mut imported = match format {
        Format::Acled => acled::read(&sheet, &stem, problems),
        Format::Csv => {
            let guessed;
            let mapping = if let Some(m) = mapping {
                m
            } else {
                {
                    guessed = mapping::ColumnMapping::guess(&sheet.header);
                    problems.push(Problem::warning(
                        file,
                        Some(1),
                        None,
                        format!(
                            "columns chosen by their names (give --mapping FILE to choose them): {}",
                            guessed.to_json().split_whitespace().collect::<Vec<_>>().join(" ")
                        ),
                    ));
                    &guessed
                }
            };
            mapping::read(&sheet, mapping, &stem, problems)
        }
        Format::Ucdp | Format::Auto | Format::Geojson => ucdp::read(&sheet, &stem, problems),
    };
    imported.keep_first_ids(file, problems);
    Some(imported)
}

/// Reads a file from disk (see `import_bytes`).
pub fn import_path(path: &Path, format: Format, problems: &mut Problems) -> Option<Imported> {
    import_path_with(path, &Request::of(format), problems)
}

/// Reads a file from disk (see `import_bytes_with`).
pub fn import_path_with(
    path: &Path,
    request: &Request<'_>,
    problems: &mut Problems,
) -> Option<Imported> {
    let (shown, bytes) = super::read_reported(path, problems);
    import_bytes_with(&shown, &bytes?, request, problems)
}
