//! A forgiving CSV table reader: every row that can be read is returned, every row that
//! cannot becomes a [`Problem`] with its line, and nothing panics on any input.

use rustc_hash::FxHashMap;

use crate::problem::{Problem, Problems};

/// One data row, with its 1-based line and its cells by column name, borrowed from the
/// reader's record: no `String` is made for a cell unless the parser keeps it.
pub(crate) struct Row<'t> {
    pub file: &'t str,
    pub line: u64,
    record: &'t csv::StringRecord,
    columns: &'t FxHashMap<String, usize>,
}

/// Reads `bytes` as UTF-8 CSV and hands each data row to `each`, as it is read. Returns
/// `false` (with an error) when the header lacks a required column: the file cannot be read
/// at all then, and the UI says so. Rows that cannot be read are problems with their line.
/// `each` returns whether to go on (`false` when the user cancelled the load).
pub(crate) fn for_each_row(
    file: &str,
    bytes: &[u8],
    required: &[&str],
    problems: &mut Problems,
    mut each: impl FnMut(Row<'_>, &mut Problems) -> bool,
) -> bool {
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
            return false;
        }
    };
    let Some(columns) = columns_of(file, &header, required, problems) else {
        return false;
    };
    let width = header.len();
    // Read as text: the reader checks a record's UTF-8 once, as a whole, and a cell is then
    // read without a second check.
    let mut record = csv::StringRecord::new();
    let mut lines = LineCounter::default();
    loop {
        let line_hint = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record
                    .position()
                    .map_or(line_hint, |p| lines.line_at(bytes, p.byte()));
                match check_record(&record, width) {
                    Ok(true) => {
                        let row = Row {
                            file,
                            line,
                            record: &record,
                            columns: &columns,
                        };
                        if !each(row, problems) {
                            break;
                        }
                    }
                    Ok(false) => {} // A blank line between rows is not data.
                    Err((column, message)) => {
                        let column = column.as_deref();
                        problems.push(Problem::error(file, Some(line), column, message));
                    }
                }
            }
            Err(e) => {
                let line = e
                    .position()
                    .map_or(line_hint, |p| lines.line_at(bytes, p.byte()));
                if !report_unreadable(file, line, &e, &header, problems) {
                    break; // An I/O-level error does not recover; stop rather than loop.
                }
            }
        }
    }
    true
}

/// The problem of a record that could not be read; whether reading can go on after it (a
/// cell that is not UTF-8 or a short row: yes; an I/O error: no).
fn report_unreadable(
    file: &str,
    line: u64,
    e: &csv::Error,
    header: &csv::ByteRecord,
    problems: &mut Problems,
) -> bool {
    if let csv::ErrorKind::Utf8 { err, .. } = e.kind() {
        let column = header
            .get(err.field())
            .map(|c| String::from_utf8_lossy(c).trim().to_owned());
        problems.push(Problem::error(
            file,
            Some(line),
            column.as_deref(),
            "cell is not valid UTF-8; row skipped",
        ));
        return true;
    }
    problems.push(Problem::error(
        file,
        Some(line),
        None,
        format!("cannot read row: {e}; row skipped"),
    ));
    matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. })
}

/// Physical line numbers from byte offsets. The csv crate's own line count places a record
/// that follows a CRLF on the line before it (Excel writes CRLF), so lines are counted here:
/// the newlines before the record's first byte, counted incrementally (one pass in all).
#[derive(Default)]
struct LineCounter {
    byte: usize,
    newlines: u64,
}

impl LineCounter {
    fn line_at(&mut self, bytes: &[u8], offset: u64) -> u64 {
        let mut start = usize::try_from(offset)
            .unwrap_or(usize::MAX)
            .min(bytes.len());
        // A record "starting" on the rest of the previous line's terminator starts after it.
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        if start >= self.byte {
            let between = bytes.get(self.byte..start).unwrap_or_default();
            // One pass over each file; not worth a byte-counting crate.
            #[allow(clippy::naive_bytecount)]
            let newlines = between.iter().filter(|&&b| b == b'\n').count();
            self.newlines += newlines as u64;
            self.byte = start;
        }
        self.newlines + 1
    }
}

/// Whether a record is data (`false`: a blank line), or why it is skipped (the column to
/// blame, if one is, and the message).
fn check_record(
    record: &csv::StringRecord,
    width: usize,
) -> Result<bool, (Option<String>, String)> {
    if record
        .iter()
        .all(|f| f.bytes().all(|b| b.is_ascii_whitespace()))
    {
        return Ok(false);
    }
    if record.len() != width {
        return Err((
            None,
            format!(
                "row has {} fields but the header has {width}; row skipped",
                record.len()
            ),
        ));
    }
    Ok(true)
}

/// Maps each header name to its column index; `None` (with an error) when a required column is
/// missing.
fn columns_of(
    file: &str,
    header: &csv::ByteRecord,
    required: &[&str],
    problems: &mut Problems,
) -> Option<FxHashMap<String, usize>> {
    let mut columns = FxHashMap::default();
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

impl Row<'_> {
    /// The trimmed cell of a required column (empty if absent, which `for_each_row` rules out).
    pub fn get(&self, column: &str) -> &str {
        self.columns
            .get(column)
            .and_then(|&i| self.record.get(i))
            .map_or("", str::trim)
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
