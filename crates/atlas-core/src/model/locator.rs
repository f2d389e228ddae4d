//! Where in its document a claim's figure is stated: `L<line>:<from>-<to>`.
//!
//! Lines count from 1 (a line ends at `\n`; a `\r` before it is not part of the line).
//! Columns count characters (Unicode scalar values, not bytes) from 1, both ends inclusive,
//! so `L5:44-78` is the 35 characters from the 44th to the 78th of line 5. One span, inside
//! one line: the seed articles keep a paragraph to a line, and a figure is stated in one.

use std::fmt;

/// A span of one line of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Locator {
    pub line: u32,
    /// First character, from 1.
    pub from: u32,
    /// Last character, inclusive (≥ `from`).
    pub to: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("\"{text}\" is not a locator (L<line>:<from>-<to>, e.g. L5:44-78): {why}")]
pub struct LocatorError {
    pub text: String,
    pub why: &'static str,
}

impl Locator {
    /// Reads `L5:44-78` (also `l5:44-78`, spaces around the parts tolerated).
    pub fn parse(text: &str) -> Result<Self, LocatorError> {
        let fail = |why| LocatorError {
            text: text.to_owned(),
            why,
        };
        let trimmed = text.trim();
        let rest = trimmed
            .strip_prefix('L')
            .or_else(|| trimmed.strip_prefix('l'))
            .ok_or_else(|| fail("it must start with L"))?;
        let (line, span) = rest
            .split_once(':')
            .ok_or_else(|| fail("a ':' must follow the line"))?;
        let (from, to) = span
            .split_once('-')
            .ok_or_else(|| fail("the span needs a '-' between its ends"))?;
        let number = |part: &str, what| {
            part.trim()
                .parse::<u32>()
                .ok()
                .filter(|n| *n > 0)
                .ok_or_else(|| fail(what))
        };
        let locator = Self {
            line: number(line, "the line must be a number from 1")?,
            from: number(from, "the span's start must be a number from 1")?,
            to: number(to, "the span's end must be a number from 1")?,
        };
        if locator.to < locator.from {
            return Err(fail("the span ends before it starts"));
        }
        Ok(locator)
    }

    /// The span's text in `document`, or `None` when the line or the span is outside it.
    pub fn passage<'d>(&self, document: &'d str) -> Option<&'d str> {
        let line = nth_line(document, self.line)?;
        let bytes = char_range_to_bytes(line, self.from, self.to)?;
        line.get(bytes)
    }

    /// The locator of the bytes `start..end` of `line_text`, which is line `line`.
    pub fn of_bytes(line: u32, line_text: &str, start: usize, end: usize) -> Option<Self> {
        if start >= end || end > line_text.len() {
            return None;
        }
        let from = line_text.get(..start)?.chars().count() + 1;
        let to = from + line_text.get(start..end)?.chars().count() - 1;
        Some(Self {
            line,
            from: u32::try_from(from).ok()?,
            to: u32::try_from(to).ok()?,
        })
    }

    /// The byte range of the span inside the whole `document` (for highlighting).
    pub fn byte_range(&self, document: &str) -> Option<std::ops::Range<usize>> {
        let line = nth_line(document, self.line)?;
        let offset = line.as_ptr() as usize - document.as_ptr() as usize;
        let bytes = char_range_to_bytes(line, self.from, self.to)?;
        Some(offset + bytes.start..offset + bytes.end)
    }
}

impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "L{}:{}-{}", self.line, self.from, self.to)
    }
}

/// Line `n` (from 1) without its line ending.
pub fn nth_line(document: &str, n: u32) -> Option<&str> {
    let index = usize::try_from(n.checked_sub(1)?).ok()?;
    document
        .split('\n')
        .nth(index)
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
}

/// The lines of a document with their numbers from 1, line endings removed.
pub fn numbered_lines(document: &str) -> impl Iterator<Item = (u32, &str)> {
    document
        .split('\n')
        .map(|l| l.strip_suffix('\r').unwrap_or(l))
        .zip(1u32..)
        .map(|(l, n)| (n, l))
}

fn char_range_to_bytes(line: &str, from: u32, to: u32) -> Option<std::ops::Range<usize>> {
    let from = usize::try_from(from).ok()?;
    let to = usize::try_from(to).ok()?;
    let mut starts = line.char_indices().map(|(i, _)| i).chain([line.len()]);
    let start = starts.nth(from - 1)?;
    // `to` is inclusive: the span ends where character `to + 1` starts.
    let end = starts.nth(to - from)?;
    (start < end).then_some(start..end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locators_read_and_write_back() {
        let l = Locator::parse("L5:44-78").expect("a locator");
        assert_eq!(
            l,
            Locator {
                line: 5,
                from: 44,
                to: 78
            }
        );
        assert_eq!(l.to_string(), "L5:44-78");
        assert_eq!(
            Locator::parse(" l2 : 1 - 3 ").map(|l| l.to_string()).ok(),
            Some("L2:1-3".into())
        );
    }

    #[test]
    fn malformed_locators_say_why() {
        for bad in [
            "", "5:44-78", "L5", "L5:44", "L0:1-2", "L5:9-3", "Lx:1-2", "L5:1-y",
        ] {
            let error = Locator::parse(bad).expect_err(bad);
            assert!(error.to_string().contains("is not a locator"), "{error}");
        }
    }

    #[test]
    fn a_passage_counts_characters_not_bytes() {
        let document = "first line\r\nPakistan’s toll: at least 216 killed.\nlast";
        let l = Locator::parse("L2:18-29").expect("a locator");
        assert_eq!(l.passage(document), Some("at least 216"));
        let range = l.byte_range(document).expect("inside");
        assert_eq!(document.get(range), Some("at least 216"));
        let line = nth_line(document, 2).expect("line 2");
        let start = line.find("at least").expect("found");
        assert_eq!(Locator::of_bytes(2, line, start, start + 12), Some(l));
    }

    #[test]
    fn spans_outside_the_document_have_no_passage() {
        let document = "one line\nsecond";
        for outside in ["L3:1-2", "L2:1-7", "L1:9-9", "L2:7-7"] {
            let l = Locator::parse(outside).expect("a locator");
            assert_eq!(l.passage(document), None, "{outside}");
        }
        assert_eq!(
            Locator::parse("L2:6-6").expect("ok").passage(document),
            Some("d")
        );
    }
}
