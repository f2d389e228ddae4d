//! A document as text, the text locators count in: a plain-text file as it is (UTF-8, a
//! byte-order mark dropped, other encodings decoded as the importer does), an HTML page as
//! the text a browser shows (scripts and styles dropped, a line per block element, entities
//! decoded). Locators into an HTML page count in that text, not in the markup.

use std::path::Path;

/// What a document file could not be.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} is a PDF: save it as text first (File ▸ Save as text in a PDF reader); its text is not read here"
    )]
    Pdf { path: String },
}

/// Reads a document file as text.
pub fn read_text(path: &Path) -> Result<String, DocumentError> {
    let bytes = std::fs::read(path).map_err(|source| DocumentError::Read {
        path: path.display().to_string(),
        source,
    })?;
    text_of(path, &bytes)
}

/// A document's text from its bytes (`path` says whether it is HTML).
pub fn text_of(path: &Path, bytes: &[u8]) -> Result<String, DocumentError> {
    if bytes.starts_with(b"%PDF") {
        return Err(DocumentError::Pdf {
            path: path.display().to_string(),
        });
    }
    let name = path.display().to_string();
    let text =
        crate::io::import::text::decode(&name, bytes, &mut crate::problem::Problems::default())
            .text;
    let is_html = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
        || text
            .trim_start()
            .get(..15)
            .is_some_and(|h| h.to_ascii_lowercase().starts_with("<!doctype html"));
    Ok(if is_html { html_to_text(&text) } else { text })
}

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "table",
    "ul",
    "ol",
    "title",
];

/// The visible text of an HTML page: a line per block, runs of spaces made one.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut skipping: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        if skipping.is_none() {
            push_text(&mut out, rest.get(..open).unwrap_or_default());
        }
        let after = rest.get(open + 1..).unwrap_or_default();
        let close = after.find('>').unwrap_or(after.len());
        let tag = after.get(..close).unwrap_or_default();
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        let closing = tag.starts_with('/');
        match skipping {
            Some(skipped) if closing && name == skipped => skipping = None,
            None if !closing && (name == "script" || name == "style") => {
                skipping = Some(if name == "script" { "script" } else { "style" });
            }
            None if BLOCKS.contains(&name.as_str()) => {
                while out.ends_with(' ') {
                    out.pop();
                }
                if !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
            Some(_) | None => {}
        }
        rest = after.get(close + 1..).unwrap_or_default();
    }
    if skipping.is_none() {
        push_text(&mut out, rest);
    }
    out.trim().to_owned() + "\n"
}

fn push_text(out: &mut String, raw: &str) {
    let decoded = decode_entities(raw);
    for c in decoded.chars() {
        if c.is_whitespace() {
            if !(out.is_empty() || out.ends_with(' ') || out.ends_with('\n')) {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

fn decode_entities(text: &str) -> String {
    if !text.contains('&') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(rest.get(..at).unwrap_or_default());
        let tail = rest.get(at..).unwrap_or_default();
        let end = tail.find(';').filter(|&e| e <= 10);
        let decoded = end.and_then(|e| entity(tail.get(1..e).unwrap_or_default()));
        if let (Some(c), Some(e)) = (decoded, end) {
            out.push(c);
            rest = tail.get(e + 1..).unwrap_or_default();
        } else {
            out.push('&');
            rest = tail.get(1..).unwrap_or_default();
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        return char::from_u32(code);
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        "rsquo" => '’',
        "lsquo" => '‘',
        "ldquo" => '“',
        "rdquo" => '”',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_becomes_the_text_a_reader_sees() {
        let html = "<!DOCTYPE html><html><head><title>T</title><style>p{}</style>\
            <script>var x = '<p>';</script></head><body><h1>Attack &amp; response</h1>\
            <p>At least <b>67</b>   militants&nbsp;were killed.</p><p>Second&#8217;s line</p></body></html>";
        assert_eq!(
            html_to_text(html),
            "T\nAttack & response\nAt least 67 militants were killed.\nSecond’s line\n"
        );
    }
}
