//! Dates as other datasets write them: `2025-04-01`, `2025-04-01 00:00:00.000` (UCDP GED),
//! `16 May 2025` and `16 May 25` (ACLED's exports), `9-May-20` (ACLED opened and saved by
//! Excel), `03/27/1990 00:00:00` (older UCDP files, month first), `27/03/1990` when the day
//! cannot be a month, `12.01.2026` (day first, as European spreadsheets write it).

use jiff::civil::Date;

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month by its English name or its three-letter abbreviation (and "Sept").
pub(crate) fn month_named(word: &str) -> Option<i8> {
    let word = word.trim().to_lowercase();
    MONTHS
        .iter()
        .position(|m| {
            *m == word || m.get(..3) == Some(word.as_str()) || (word == "sept" && *m == "september")
        })
        .and_then(|i| i8::try_from(i + 1).ok())
}

/// A two-digit year: ACLED starts in 1997, so 90–99 are the 1990s and the rest this century.
fn full_year(text: &str) -> Option<i16> {
    let year: i16 = text.parse().ok()?;
    match text.len() {
        4 => Some(year),
        2 if year >= 90 => Some(1900 + year),
        2 => Some(2000 + year),
        _ => None,
    }
}

/// Parses one day in any of the forms above; `None` when it is none of them.
pub fn parse_day(text: &str) -> Option<Date> {
    let text = text.trim();
    // Drop a time of day: "2025-04-01 00:00:00.000", "03/27/1990 00:00:00", "…T00:00:00".
    let day = text
        .split([' ', 'T'])
        .next()
        .filter(|d| d.contains('-') || d.contains('/') || d.contains('.'))
        .unwrap_or(text);
    let number = |s: &str| s.parse::<i8>().ok();
    if let Some(parts) = split3(day, '-') {
        // 2025-04-01, or 9-May-20.
        if let (Ok(y), Some(m), Some(d)) =
            (parts.0.parse::<i16>(), number(parts.1), number(parts.2))
            && parts.0.len() == 4
        {
            return Date::new(y, m, d).ok();
        }
        let (d, m, y) = (number(parts.0)?, month_named(parts.1)?, full_year(parts.2)?);
        return Date::new(y, m, d).ok();
    }
    if let Some((a, b, y)) = split3(day, '/') {
        let (a, b, y) = (number(a)?, number(b)?, full_year(y)?);
        // Month first (UCDP's American form) unless the first number cannot be a month.
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return Date::new(y, m, d).ok();
    }
    if let Some((d, m, y)) = split3(day, '.') {
        // 12.01.2026: the dotted form is always day first.
        return Date::new(full_year(y)?, number(m)?, number(d)?).ok();
    }
    // 16 May 2025.
    let words: Vec<&str> = text.split_whitespace().collect();
    if let [d, m, y] = words.as_slice() {
        let (d, m, y) = (number(d)?, month_named(m)?, full_year(y)?);
        return Date::new(y, m, d).ok();
    }
    None
}

fn split3(text: &str, separator: char) -> Option<(&str, &str, &str)> {
    let mut parts = text.split(separator);
    let parts3 = (parts.next()?, parts.next()?, parts.next()?);
    parts.next().is_none().then_some(parts3)
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn every_form_in_the_wild() {
        let cases = [
            ("2025-04-01", date(2025, 4, 1)),
            ("2025-04-01 00:00:00.000", date(2025, 4, 1)),
            ("16 May 2025", date(2025, 5, 16)),
            ("12.01.2026", date(2026, 1, 12)),
            ("16 May 25", date(2025, 5, 16)),
            ("1 September 2019", date(2019, 9, 1)),
            ("9-May-20", date(2020, 5, 9)),
            ("09-May-1998", date(1998, 5, 9)),
            ("03/27/1990 00:00:00", date(1990, 3, 27)),
            ("27/03/1990", date(1990, 3, 27)),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_day(text), Some(expected), "{text}");
        }
        for bad in [
            "",
            "yesterday",
            "2025-13-01",
            "31 Febtember 2020",
            "1/2",
            "30 Feb 2020",
        ] {
            assert_eq!(parse_day(bad), None, "{bad}");
        }
    }

    proptest! {
        #[test]
        fn never_panics(text in ".{0,40}") {
            let _ = parse_day(&text);
        }
    }
}
