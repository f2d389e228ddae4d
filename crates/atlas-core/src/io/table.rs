//! A forgiving CSV table reader: every row that can be read is returned, every row that
//! cannot becomes a [`Problem`] with its line, and nothing panics on any input.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::io::Read;
use std::rc::Rc;

use rustc_hash::FxHashMap;

use super::progress::LoadProgress;
use crate::problem::{Problem, Problems};

/// Columns our tables may have but need not (added after files without them were written):
/// a claim's `locator` and a source's `document_sha256`. Known, so never "unknown".
pub(crate) const OPTIONAL_COLUMNS: &[&str] = &["locator", "document_sha256"];

/// One data row, with its 1-based line and its cells by column name, borrowed from the
/// reader's record: no `String` is made for a cell unless the parser keeps it.
pub(crate) struct Row<'t> {
    pub file: &'t str,
    pub line: u64,
    record: &'t csv::StringRecord,
    columns: &'t Columns,
}

/// A table's columns by name. A parser asks for the same few names in every row (a million
/// rows, fifteen names each), so the index last found for a name is remembered in a slot
/// chosen by where the name lies in memory, and checked against the header before use — a
/// slot may hold another name's index, never a wrong one — instead of hashing the name again.
pub(crate) struct Columns {
    by_name: FxHashMap<String, usize>,
    /// The header's names by position, trimmed.
    names: Vec<String>,
    recent: [std::cell::Cell<u32>; 64],
}

const NOT_REMEMBERED: u32 = u32::MAX;

impl Columns {
    fn index(&self, column: &str) -> Option<usize> {
        let slot = self.recent.get((column.as_ptr() as usize >> 3) % 64)?;
        let remembered = slot.get() as usize;
        if self
            .names
            .get(remembered)
            .is_some_and(|name| name == column)
        {
            return Some(remembered);
        }
        let found = self.by_name.get(column).copied();
        if let Some(index) = found.and_then(|i| u32::try_from(i).ok()) {
            slot.set(index);
        }
        found
    }
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
    each: impl FnMut(Row<'_>, &mut Problems) -> bool,
) -> bool {
    for_each_row_read(file, bytes, None, required, problems, each)
}

/// `for_each_row` over a stream (a file read as it is parsed, never held whole); the bytes
/// read are counted into `progress`.
pub(crate) fn for_each_row_read(
    file: &str,
    mut input: impl Read,
    progress: Option<&LoadProgress>,
    required: &[&str],
    problems: &mut Problems,
    mut each: impl FnMut(Row<'_>, &mut Problems) -> bool,
) -> bool {
    // A byte-order mark before the header is not part of its first name.
    let mut head = [0u8; 3];
    let mut got = 0;
    while got < head.len() {
        match input.read(head.get_mut(got..).unwrap_or_default()) {
            Ok(0) | Err(_) => break,
            Ok(n) => got += n,
        }
    }
    let start = head.get(..got).unwrap_or_default();
    let start = start
        .strip_prefix(b"\xEF\xBB\xBF")
        .unwrap_or(start)
        .to_vec();
    let lines = Rc::new(RefCell::new(Newlines::default()));
    let tracked = Tracked {
        inner: std::io::Cursor::new(start).chain(input),
        lines: Rc::clone(&lines),
        progress,
        read: 0,
        last: 0,
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(tracked);
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
    let line_at = |byte: u64| lines.borrow_mut().line_at(byte);
    loop {
        let line_hint = reader.position().line();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {
                let line = record.position().map_or(line_hint, |p| line_at(p.byte()));
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
                let line = e.position().map_or(line_hint, |p| line_at(p.byte()));
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
/// that follows a CRLF on the line before it (Excel writes CRLF), so lines are counted here,
/// from the newlines the reader has seen: `Tracked` notes each newline's offset as the bytes
/// pass to the csv reader, and a record's line is one more than the newlines before its first
/// byte. Records come in order, so offsets already passed are dropped: only the csv reader's
/// read-ahead is held.
#[derive(Default)]
struct Newlines {
    /// Offsets of newlines not yet passed, and whether a `\r` came just before each.
    ahead: VecDeque<(u64, bool)>,
    passed: u64,
}

impl Newlines {
    fn line_at(&mut self, offset: u64) -> u64 {
        let mut start = offset;
        // A record "starting" on the rest of the previous line's terminator (or on blank
        // lines) starts after it.
        while let Some(&(at, after_cr)) = self.ahead.front() {
            let terminator_here = at == start || (after_cr && at == start + 1);
            if at < start || terminator_here {
                if terminator_here {
                    start = at + 1;
                }
                self.passed += 1;
                self.ahead.pop_front();
            } else {
                break;
            }
        }
        self.passed + 1
    }
}

/// A reader that notes where its newlines are (for `Newlines`) and counts what it reads.
struct Tracked<'p, R> {
    inner: R,
    lines: Rc<RefCell<Newlines>>,
    progress: Option<&'p LoadProgress>,
    /// Bytes read so far, and the last byte (a `\r` before a newline across reads).
    read: u64,
    last: u8,
}

impl<R: Read> Read for Tracked<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let got = buf.get(..n).unwrap_or_default();
        let mut lines = self.lines.borrow_mut();
        // Vectorised search: every byte of a 190 MB load passes here.
        for i in memchr::memchr_iter(b'\n', got) {
            let previous = match i.checked_sub(1) {
                Some(before) => got.get(before).copied().unwrap_or(0),
                None => self.last,
            };
            lines
                .ahead
                .push_back((self.read + i as u64, previous == b'\r'));
        }
        if let Some(&last) = got.last() {
            self.last = last;
        }
        self.read += n as u64;
        if let Some(progress) = self.progress {
            progress.add_bytes(n as u64);
        }
        Ok(n)
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
) -> Option<Columns> {
    let mut columns = FxHashMap::default();
    let mut names = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let name = String::from_utf8_lossy(name).trim().to_owned();
        names.push(name.clone());
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
        if !required.contains(&name.as_str()) && !OPTIONAL_COLUMNS.contains(&name.as_str()) {
            problems.push(Problem::warning(
                file,
                Some(1),
                Some(name),
                "unknown column, ignored",
            ));
        }
    }
    Some(Columns {
        by_name: columns,
        names,
        recent: std::array::from_fn(|_| std::cell::Cell::new(NOT_REMEMBERED)),
    })
}

impl Row<'_> {
    /// Where the row starts in its file, in bytes from the start.
    pub fn byte(&self) -> u64 {
        self.record.position().map_or(0, csv::Position::byte)
    }

    /// The trimmed cell of a required column (empty if absent, which `for_each_row` rules out).
    pub fn get(&self, column: &str) -> &str {
        self.columns
            .index(column)
            .and_then(|i| self.record.get(i))
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

    /// A `;`-separated list, items trimmed, empty ones dropped; each item shared through
    /// `interner` (names repeat across rows).
    pub fn shared_list(
        &self,
        column: &str,
        interner: &mut crate::model::Interner,
    ) -> Box<[crate::model::Shared]> {
        self.get(column)
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|item| interner.get(item))
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A name's remembered index is checked against the header: names held in fresh
    /// `String`s (whose addresses are reused for other names) still find their own cells.
    #[test]
    fn cells_are_found_by_name_wherever_the_name_is_held() {
        let csv = b"id,title,place\na,Alpha,Quetta\nb,Beta,Gwadar\n";
        let mut problems = Problems::default();
        let mut seen: Vec<String> = Vec::new();
        for_each_row(
            "t.csv",
            csv,
            &["id", "title", "place"],
            &mut problems,
            |row, _| {
                for column in ["id", "title", "place", "id"] {
                    let name = column.to_owned();
                    seen.push(row.get(&name).to_owned());
                }
                seen.push(row.get("place").to_owned());
                seen.push(row.get("missing").to_owned());
                true
            },
        );
        let expected = [
            "a", "Alpha", "Quetta", "a", "Quetta", "", "b", "Beta", "Gwadar", "b", "Gwadar", "",
        ];
        assert_eq!(seen, expected);
    }
}
