//! Other people's tables: decoded text (`text.rs`), its delimiter sniffed, columns found by
//! name whatever their case or order, extra columns ignored, a row of HXL hashtags under the
//! header skipped, a trailing empty column (a comma at the end of every line) tolerated.
//! Rows are handed out with their line so every problem can say where it is.

use rustc_hash::FxHashMap;

use super::text::sniff_delimiter;
use crate::problem::{Problem, Problems};

/// A delimited table's header, by lower-case name.
pub struct Sheet<'t> {
    pub file: &'t str,
    text: &'t str,
    delimiter: u8,
    columns: FxHashMap<String, usize>,
    /// The header's names as written, in order.
    pub header: Vec<String>,
    /// Where rows read are counted, and a cancel is seen.
    progress: Option<&'t crate::io::LoadProgress>,
}

/// One data row.
pub struct SheetRow<'r> {
    pub file: &'r str,
    pub line: u64,
    record: &'r csv::StringRecord,
    columns: &'r FxHashMap<String, usize>,
    /// The header's names as written: a problem names its column as the file does.
    header: &'r [String],
}

impl<'t> Sheet<'t> {
    /// Rows read are counted into `progress`, and reading stops when it is cancelled.
    #[must_use]
    pub fn watched_by(mut self, progress: &'t crate::io::LoadProgress) -> Self {
        self.progress = Some(progress);
        self
    }

    /// Reads the header of `text`; `None` (with an error) when there is none.
    pub fn new(file: &'t str, text: &'t str, problems: &mut Problems) -> Option<Self> {
        let delimiter = sniff_delimiter(text);
        let mut reader = reader(text, delimiter);
        let header = match reader.headers() {
            Ok(h) if h.iter().any(|c| !c.trim().is_empty()) => h.clone(),
            Ok(_) => {
                problems.push(Problem::error(file, Some(1), None, "the file is empty"));
                return None;
            }
            Err(e) => {
                problems.push(Problem::error(
                    file,
                    Some(1),
                    None,
                    format!("cannot read the header row: {e}"),
                ));
                return None;
            }
        };
        let mut columns = FxHashMap::default();
        for (i, name) in header.iter().enumerate() {
            let key = name.trim().trim_start_matches('\u{feff}').to_lowercase();
            if !key.is_empty() {
                columns.entry(key).or_insert(i);
            }
        }
        Some(Self {
            file,
            text,
            delimiter,
            columns,
            header: header.iter().map(|h| h.trim().to_owned()).collect(),
            progress: None,
        })
    }

    /// Whether the header has this column (any case).
    pub fn has(&self, column: &str) -> bool {
        self.columns.contains_key(column)
    }

    /// Whether the header has every one of `columns`; if not, an error naming the first
    /// missing one says `what` needs them all and that the file was not read.
    pub fn require(&self, columns: &[&str], what: &str, problems: &mut Problems) -> bool {
        let Some(missing) = columns.iter().find(|c| !self.has(c)) else {
            return true;
        };
        problems.push(Problem::error(
            self.file,
            Some(1),
            Some(missing),
            format!("{what} needs {}; the file was not read", columns.join(", ")),
        ));
        false
    }

    /// The first of `names` the header has.
    pub fn first_of<'n>(&self, names: &[&'n str]) -> Option<&'n str> {
        names.iter().copied().find(|n| self.has(n))
    }

    /// Hands each data row to `each`. Rows that cannot be read are problems.
    pub fn rows(
        &self,
        problems: &mut Problems,
        mut each: impl FnMut(&SheetRow<'_>, &mut Problems),
    ) {
        let mut reader = reader(self.text, self.delimiter);
        // Read the header first: rows read before it would count lines from the wrong place.
        if reader.headers().is_err() {
            return;
        }
        let mut record = csv::StringRecord::new();
        let mut first = true;
        let mut unreported = 0;
        loop {
            unreported += 1;
            if unreported == 10_000
                && let Some(progress) = self.progress
            {
                progress.add_rows(unreported);
                unreported = 0;
                if progress.is_cancelled() {
                    break;
                }
            }
            let line_hint = reader.position().line();
            match reader.read_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = record.position().map_or(line_hint, csv::Position::line);
                    let is_hxl = first
                        && record
                            .iter()
                            .filter(|c| !c.trim().is_empty())
                            .all(|c| c.trim_start().starts_with('#'));
                    first = false;
                    if is_hxl || record.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    let row = SheetRow {
                        file: self.file,
                        line,
                        record: &record,
                        columns: &self.columns,
                        header: &self.header,
                    };
                    each(&row, problems);
                }
                Err(e) => {
                    let line = e.position().map_or(line_hint, csv::Position::line);
                    problems.push(Problem::error(
                        self.file,
                        Some(line),
                        None,
                        format!("cannot read row: {e}; row skipped"),
                    ));
                    if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                        break;
                    }
                }
            }
        }
    }
}

impl Sheet<'_> {
    /// The first `count` rows' cells as written (for a preview).
    pub fn first_rows(&self, count: usize) -> Vec<Vec<String>> {
        let mut reader = reader(self.text, self.delimiter);
        reader
            .records()
            .take(count)
            .filter_map(Result::ok)
            .map(|r| r.iter().map(str::to_owned).collect())
            .collect()
    }
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .has_headers(true)
        .from_reader(text.as_bytes())
}

impl SheetRow<'_> {
    /// The trimmed cell of `column` (lower case), empty when the column or cell is absent.
    pub fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// The first non-empty cell among `columns`.
    pub fn first(&self, columns: &[&str]) -> &str {
        columns
            .iter()
            .map(|c| self.get(c))
            .find(|v| !v.is_empty())
            .unwrap_or("")
    }

    /// A column's name as the file writes it (`column` is its lower-case key).
    fn shown<'c>(&'c self, column: &'c str) -> &'c str {
        self.columns
            .get(column)
            .and_then(|&i| self.header.get(i))
            .map_or(column, String::as_str)
    }

    pub fn error(&self, column: &str, message: impl Into<String>) -> Problem {
        Problem::error(
            self.file,
            Some(self.line),
            Some(self.shown(column)),
            message,
        )
    }

    pub fn warning(&self, column: &str, message: impl Into<String>) -> Problem {
        Problem::warning(
            self.file,
            Some(self.line),
            Some(self.shown(column)),
            message,
        )
    }

    /// The point in `latitude` and `longitude`: `None` when both are empty, an error when
    /// one is missing or either is out of range.
    pub fn position(&self) -> Result<Option<crate::model::LonLat>, Problem> {
        match (self.number("latitude")?, self.number("longitude")?) {
            (Some(lat), Some(lon))
                if (-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon) =>
            {
                Ok(Some(crate::model::LonLat { lon, lat }))
            }
            (None, None) => Ok(None),
            _ => Err(self.error(
                "latitude",
                "coordinates out of range or incomplete; row skipped",
            )),
        }
    }

    /// An optional number (`,` accepted as the decimal mark, as `;`-separated files write it).
    pub fn number(&self, column: &str) -> Result<Option<f64>, Problem> {
        let text = self.get(column);
        if text.is_empty() {
            return Ok(None);
        }
        let normal = text.replace(',', ".");
        match normal.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(self.error(column, format!("\"{text}\" is not a number; row skipped"))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<(u64, String, String)> {
        let mut problems = Problems::default();
        let sheet = Sheet::new("f.csv", text, &mut problems).expect("a header");
        let mut rows = Vec::new();
        sheet.rows(&mut problems, |row, _| {
            rows.push((
                row.line,
                row.get("date").to_owned(),
                row.get("best").to_owned(),
            ));
        });
        rows
    }

    #[test]
    fn columns_by_name_any_case_hxl_and_trailing_commas() {
        let text = "Best,DATE,\n#affected+killed,#date,\n12,2020-01-02,\n3,2020-01-03,\n";
        assert_eq!(
            read(text),
            [
                (3, "2020-01-02".to_owned(), "12".to_owned()),
                (4, "2020-01-03".to_owned(), "3".to_owned()),
            ]
        );
    }

    #[test]
    fn semicolons_and_decimal_commas() {
        let mut problems = Problems::default();
        let sheet = Sheet::new("f.csv", "lat;lon\n29,5;66,25\n", &mut problems).unwrap();
        let mut seen = Vec::new();
        sheet.rows(&mut problems, |row, _| {
            seen.push((row.number("lat").unwrap(), row.number("lon").unwrap()));
        });
        assert_eq!(seen, [(Some(29.5), Some(66.25))]);
    }
}
