//! Text files as they arrive: UTF-8 with or without a byte-order mark, UTF-16 (what Excel's
//! "Unicode text" writes), or a legacy single-byte encoding such as Windows-1252 (what Excel
//! writes for CSV in Western European locales); fields separated by `,`, `;` (Excel in locales
//! whose decimal mark is a comma) or tabs. Decoded once into UTF-8 here, so every reader after
//! this sees plain text.

use encoding_rs::{Encoding, UTF_8, UTF_16BE, UTF_16LE};

use crate::problem::{Problem, Problems};

/// A file's text and how it was read.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    /// The encoding's name (`UTF-8`, `UTF-16LE`, `windows-1252`, …).
    pub encoding: &'static str,
}

/// Decodes a file's bytes: a byte-order mark decides; else valid UTF-8 is UTF-8; else the
/// encoding is guessed from the bytes (chardetng, as browsers do) and a warning says which.
pub fn decode(file: &str, bytes: &[u8], problems: &mut Problems) -> Decoded {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, had_errors) =
            encoding.decode_without_bom_handling(bytes.get(bom..).unwrap_or_default());
        return finish(file, text.into_owned(), encoding, had_errors, problems);
    }
    // UTF-16 without a mark: every other byte of ASCII text is zero (which is valid UTF-8
    // too, so this is asked first).
    let zeros_at = |parity: usize| {
        bytes
            .iter()
            .skip(parity)
            .step_by(2)
            .take(4096)
            .filter(|&&b| b == 0)
            .count()
    };
    let sample = bytes.len().min(8192) / 2;
    let encoding = if sample > 8 && zeros_at(1) * 10 > sample * 8 {
        UTF_16LE
    } else if sample > 8 && zeros_at(0) * 10 > sample * 8 {
        UTF_16BE
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        return Decoded {
            text: text.to_owned(),
            encoding: UTF_8.name(),
        };
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        detector.guess(None, true)
    };
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let decoded = finish(file, text.into_owned(), encoding, had_errors, problems);
    if encoding != UTF_16LE && encoding != UTF_16BE {
        problems.push(Problem::warning(
            file,
            None,
            None,
            format!(
                "the file is not UTF-8; it was read as {} (save it as UTF-8 to be sure)",
                decoded.encoding
            ),
        ));
    }
    decoded
}

fn finish(
    file: &str,
    text: String,
    encoding: &'static Encoding,
    had_errors: bool,
    problems: &mut Problems,
) -> Decoded {
    if had_errors {
        problems.push(Problem::warning(
            file,
            None,
            None,
            format!(
                "some bytes are not valid {}; they show as \u{FFFD}",
                encoding.name()
            ),
        ));
    }
    Decoded {
        text,
        encoding: encoding.name(),
    }
}

/// The field separator of a delimited text: of `,`, `;` and tab, the one that splits the first
/// lines (outside quotes) into the same number of fields, more than one, most often; `,` when
/// nothing decides.
pub fn sniff_delimiter(text: &str) -> u8 {
    let lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(20)
        .collect();
    let mut best = (b',', 0usize, 0usize); // delimiter, lines agreeing with the header, fields
    for delimiter in [b',', b';', b'\t'] {
        let counts: Vec<usize> = lines.iter().map(|l| fields_in(l, delimiter)).collect();
        let Some(&header) = counts.first() else {
            continue;
        };
        if header < 2 {
            continue;
        }
        let agreeing = counts.iter().filter(|&&c| c == header).count();
        if (agreeing, header) > (best.1, best.2) {
            best = (delimiter, agreeing, header);
        }
    }
    best.0
}

/// Fields on one line split by `delimiter`, quotes respected (a line ending inside quotes
/// counts what it has).
fn fields_in(line: &str, delimiter: u8) -> usize {
    let mut quoted = false;
    let mut fields = 1;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if b == delimiter && !quoted {
            fields += 1;
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8]) -> (Decoded, Vec<Problem>) {
        let mut problems = Problems::default();
        (decode("f.csv", bytes, &mut problems), problems.0)
    }

    #[test]
    fn utf8_with_and_without_a_mark() {
        let (d, p) = decoded("a,b\nQuetta,Kēch\n".as_bytes());
        assert_eq!(
            (d.text.as_str(), d.encoding),
            ("a,b\nQuetta,Kēch\n", "UTF-8")
        );
        assert!(p.is_empty());
        let (d, p) = decoded(b"\xEF\xBB\xBFa,b\n");
        assert_eq!(d.text, "a,b\n");
        assert!(p.is_empty());
    }

    #[test]
    fn utf16_with_a_mark_and_without() {
        let text = "date;place\n2026-01-30;Mastung\n";
        let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let with_mark: Vec<u8> = [0xFF, 0xFE].into_iter().chain(le.iter().copied()).collect();
        assert_eq!(decoded(&with_mark).0.text, text);
        let (d, p) = decoded(&le);
        assert_eq!((d.text.as_str(), d.encoding), (text, "UTF-16LE"));
        assert!(p.is_empty());
        let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
        assert_eq!(decoded(&be).0.text, text);
    }

    #[test]
    fn windows_1252_is_decoded_with_one_warning() {
        // What Excel writes in a French locale: Windows-1252, `;`.
        let text = "lieu;note\nQuetta;un café près de la gare, été 2025 (5 €)\nZhob;Straße über die Brücke\n";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let (d, p) = decoded(&bytes);
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "windows-1252");
        assert_eq!(p.len(), 1, "{p:?}");
        assert!(p[0].message.contains("windows-1252"));
    }

    #[test]
    fn delimiters_are_sniffed() {
        assert_eq!(sniff_delimiter("a,b,c\n1,2,3\n"), b',');
        assert_eq!(sniff_delimiter("a;b;c\n1,5;2;3\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n\"x,y\"\t2\n"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b\",c\n\"1;2\",3\n"), b',');
        assert_eq!(sniff_delimiter("one column\n"), b',');
    }
}
