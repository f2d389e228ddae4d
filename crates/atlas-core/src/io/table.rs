//! A forgiving CSV table reader: every row that can be read is returned, every row that
//! cannot becomes a [`Problem`] with its line, and nothing panics on any input.

use std::collections::HashMap;

use crate::problem::{Problem, Problems};

/// One data row, with its 1-based line and its cells by column name.
pub(crate) struct Row<'t> {
    pub file: &'t str,
    pub line: u64,
    cells: Vec<String>,
    columns: &'t HashMap<String, usize>,
}

/// A table whose header had every required column.
pub(crate) struct Table {
    pub file: String,
    columns: HashMap<String, usize>,
    rows: Vec<(u64, Vec<String>)>,
}

impl Table {
    /// Reads `bytes` as UTF-8 CSV. Returns `None` (with an error) when the header lacks a
    /// required column: the file cannot be read at all then, and the UI says so.
    pub fn read(
        file: &str,
        bytes: &[u8],
        required: &[&str],
        problems: &mut Problems,
    ) -> Option<Table> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .has_headers(true)
            .from_reader(bytes);
        let header = match reader.byte_headers() {
            Ok(h) => h.clone(),
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
        let columns = columns_of(file, &header, required, problems)?;
        let width = header.len();
        let mut rows = Vec::new();
        let mut record = csv::ByteRecord::new();
        loop {
            let line_hint = reader.position().line();
            match reader.read_byte_record(&mut record) {
                Ok(false) => break,
                Ok(true) => {
                    let line = record.position().map_or(line_hint, csv::Position::line);
                    if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                        continue; // A blank line between rows is not data.
                    }
                    if record.len() != width {
                        problems.push(Problem::error(
                            file,
                            Some(line),
                            None,
                            format!(
                                "row has {} fields but the header has {width}; row skipped",
                                record.len()
                            ),
                        ));
                        continue;
                    }
                    match cells_of(&record, &header) {
                        Ok(cells) => rows.push((line, cells)),
                        Err(column) => problems.push(Problem::error(
                            file,
                            Some(line),
                            Some(&column),
                            "cell is not valid UTF-8; row skipped",
                        )),
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(line_hint, csv::Position::line);
                    problems.push(Problem::error(
                        file,
                        Some(line),
                        None,
                        format!("cannot read row: {e}; row skipped"),
                    ));
                    if !matches!(
                        e.kind(),
                        csv::ErrorKind::UnequalLengths { .. } | csv::ErrorKind::Utf8 { .. }
                    ) {
                        break; // An I/O-level error does not recover; stop rather than loop.
                    }
                }
            }
        }
        Some(Table {
            file: file.to_owned(),
            columns,
            rows,
        })
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(|(line, cells)| Row {
            file: &self.file,
            line: *line,
            cells: cells.clone(),
            columns: &self.columns,
        })
    }
}

/// Maps each header name to its column index; `None` (with an error) when a required column is
/// missing.
fn columns_of(
    file: &str,
    header: &csv::ByteRecord,
    required: &[&str],
    problems: &mut Problems,
) -> Option<HashMap<String, usize>> {
    let mut columns = HashMap::new();
    for (i, name) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(name).trim().to_owned();
        if let std::collections::hash_map::Entry::Vacant(slot) = columns.entry(name.clone()) {
            slot.insert(i);
        } else {
            problems.push(Problem::warning(
                file,
                Some(1),
                Some(&name),
                "column appears twice; the first is used",
            ));
        }
    }
    let missing: Vec<&str> = required
        .iter()
        .copied()
        .filter(|c| !columns.contains_key(*c))
        .collect();
    if !missing.is_empty() {
        problems.push(Problem::error(
            file,
            Some(1),
            None,
            format!(
                "the header lacks the required column(s) {}; the file was not loaded",
                missing.join(", ")
            ),
        ));
        return None;
    }
    for name in columns.keys() {
        if !required.contains(&name.as_str()) {
            problems.push(Problem::warning(
                file,
                Some(1),
                Some(name),
                "unknown column, ignored",
            ));
        }
    }
    Some(columns)
}

/// The row's trimmed cells, or the name of the first column whose cell is not UTF-8.
fn cells_of(record: &csv::ByteRecord, header: &csv::ByteRecord) -> Result<Vec<String>, String> {
    record
        .iter()
        .enumerate()
        .map(|(i, field)| {
            std::str::from_utf8(field)
                .map(|s| s.trim().to_owned())
                .map_err(|_| {
                    String::from_utf8_lossy(header.get(i).unwrap_or_default()).into_owned()
                })
        })
        .collect()
}

impl Row<'_> {
    /// The trimmed cell of a required column (empty if absent, which `Table::read` rules out).
    pub fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.cells.get(i))
            .map_or("", String::as_str)
    }

    pub fn error(&self, column: &str, message: impl Into<String>) -> Problem {
        Problem::error(self.file, Some(self.line), Some(column), message)
    }

    pub fn warning(&self, column: &str, message: impl Into<String>) -> Problem {
        Problem::warning(self.file, Some(self.line), Some(column), message)
    }

    /// A cell that must not be empty.
    pub fn required(&self, column: &str) -> Result<String, Problem> {
        let value = self.get(column);
        if value.is_empty() {
            Err(self.error(column, "is empty but required; row skipped"))
        } else {
            Ok(value.to_owned())
        }
    }

    /// A `;`-separated list cell.
    pub fn list(&self, column: &str) -> Vec<String> {
        self.get(column)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    }

    /// An optional finite number.
    pub fn number(&self, column: &str) -> Result<Option<f64>, Problem> {
        let text = self.get(column);
        if text.is_empty() {
            return Ok(None);
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(Some(v)),
            _ => Err(self.error(column, format!("\"{text}\" is not a number; row skipped"))),
        }
    }
}
