//! Figure phrases in running text: "at least 216", "over a dozen", "dozens", "about 180",
//! "between 67 and 92", "nearly four hours", "1,200", "Thirty-three", "22pc".
//!
//! A phrase is a number (digits with thousands separators, or number words), the hedge
//! before it (a [`Qualifier`]) and the unit right after it (per cent, hours, days). What
//! looks like a number but is not a figure is left out: dates ("January 15", "31st",
//! "30 Jan"), years ("2025", "the 2010s"), money ("$62 billion"), list markers ("1."),
//! clock times. Used by the locator check (does the passage state the claimed figure?) and
//! by the suggestions.

use crate::model::Qualifier;

/// What a figure counts, as far as the words right after it say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Count,
    Percent,
    Hours,
    /// Days, weeks, months, years: a duration, never a casualty figure.
    OtherDuration,
}

/// One figure found in a text. `start..end` are byte offsets in the text searched.
#[derive(Debug, Clone, PartialEq)]
pub struct FigurePhrase {
    pub start: usize,
    pub end: usize,
    pub value_min: f64,
    pub value_max: f64,
    pub qualifier: Qualifier,
    pub unit: Unit,
    /// Where the number itself starts (after the hedge), for the words around it.
    pub number_start: usize,
    /// Written "one" or "a": only a figure when a counted noun follows.
    pub is_single_word_one: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Word,
    Digits,
    Symbol,
}

#[derive(Debug, Clone, Copy)]
struct Token<'t> {
    text: &'t str,
    start: usize,
    end: usize,
    kind: Kind,
    /// No space between this token and the one before.
    joined: bool,
}

fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    let mut last_end = usize::MAX;
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let kind = if c.is_ascii_digit() {
            Kind::Digits
        } else if c.is_alphabetic() {
            Kind::Word
        } else {
            Kind::Symbol
        };
        let mut end = start + c.len_utf8();
        if kind != Kind::Symbol {
            while let Some(&(i, n)) = chars.peek() {
                let same = match kind {
                    Kind::Digits => {
                        n.is_ascii_digit()
                            || (matches!(n, ',' | '.')
                                && text
                                    .get(i + 1..)
                                    .and_then(|r| r.chars().next())
                                    .is_some_and(|d| d.is_ascii_digit()))
                    }
                    _ => n.is_alphabetic() || n == '\'' || n == '’',
                };
                if !same {
                    break;
                }
                end = i + n.len_utf8();
                chars.next();
            }
        }
        out.push(Token {
            text: text.get(start..end).unwrap_or_default(),
            start,
            end,
            kind,
            joined: last_end == start,
        });
        last_end = end;
    }
    out
}

/// Whether a word names a month ("January", "Jan", "Jan.", "Sept"), as the importers read
/// dates.
pub(crate) fn is_month_word(word: &str) -> bool {
    crate::io::import::dates::month_named(word.trim_end_matches('.')).is_some()
}

const UNITS: &[(&str, f64)] = &[
    ("zero", 0.0),
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
];
const TENS: &[(&str, f64)] = &[
    ("twenty", 20.0),
    ("thirty", 30.0),
    ("forty", 40.0),
    ("fifty", 50.0),
    ("sixty", 60.0),
    ("seventy", 70.0),
    ("eighty", 80.0),
    ("ninety", 90.0),
];

fn lower(token: Option<&Token<'_>>) -> String {
    token.map(|t| t.text.to_lowercase()).unwrap_or_default()
}

fn word_value(word: &str) -> Option<f64> {
    UNITS
        .iter()
        .chain(TENS)
        .find(|(w, _)| *w == word)
        .map(|(_, v)| *v)
}

/// A number starting at token `i`: its value, the token after it, whether it is "dozens",
/// and whether it is a lone "one"/"a".
struct Number {
    value: f64,
    next: usize,
    dozens: bool,
    lone_one: bool,
}

impl Number {
    fn plain(value: f64, next: usize) -> Self {
        Self {
            value,
            next,
            dozens: false,
            lone_one: false,
        }
    }
}

fn number_at(tokens: &[Token<'_>], i: usize) -> Option<Number> {
    let token = tokens.get(i)?;
    match token.kind {
        Kind::Digits => digits_value(token.text).map(|value| Number::plain(value, i + 1)),
        Kind::Word => words_at(tokens, i),
        Kind::Symbol => None,
    }
}

/// "216", "1,200", "22.5"; `None` for "1,20" (not thousands).
fn digits_value(digits: &str) -> Option<f64> {
    if !digits.contains(',') {
        return digits.parse().ok();
    }
    // Thousands separators: one to three digits, then groups of three.
    let mut groups = digits.split(',');
    let first = groups.next()?;
    if first.is_empty() || first.len() > 3 {
        return None;
    }
    let last = groups.clone().count();
    let well_grouped = groups.enumerate().all(|(k, g)| {
        let whole = if k + 1 == last {
            g.split('.').next().unwrap_or(g)
        } else {
            g
        };
        whole.len() == 3
    });
    if !well_grouped {
        return None;
    }
    digits.replace(',', "").parse().ok()
}

/// A number in words at token `i`: "dozens", "a dozen", "thirty-three", "one hundred and
/// fifty", "two dozen".
fn words_at(tokens: &[Token<'_>], i: usize) -> Option<Number> {
    let word = lower(tokens.get(i));
    if word == "dozens" {
        return Some(Number {
            dozens: true,
            ..Number::plain(24.0, i + 1)
        });
    }
    if word == "a" || word == "an" {
        let value = match lower(tokens.get(i + 1)).as_str() {
            "dozen" => 12.0,
            "hundred" => 100.0,
            "thousand" => 1000.0,
            _ => return None,
        };
        return Some(Number::plain(value, i + 2));
    }
    let mut value = word_value(&word)?;
    let mut next = i + 1;
    // "thirty-three", "thirty three"
    if TENS.iter().any(|(w, _)| *w == word) {
        let mut j = next;
        if tokens.get(j).is_some_and(|t| t.text == "-" && t.joined) {
            j += 1;
        }
        if let Some(unit) = word_value(&lower(tokens.get(j))).filter(|v| (1.0..=9.0).contains(v)) {
            value += unit;
            next = j + 1;
        }
    }
    match lower(tokens.get(next)).as_str() {
        "dozen" => {
            value *= 12.0;
            next += 1;
        }
        "hundred" => {
            value *= 100.0;
            next += 1;
            // "one hundred and fifty"
            let at = if lower(tokens.get(next)) == "and" {
                next + 1
            } else {
                next
            };
            if let Some(rest) = tokens
                .get(at)
                .filter(|t| t.kind == Kind::Word)
                .and_then(|_| words_at(tokens, at))
                .filter(|rest| rest.value < 100.0 && !rest.dozens)
            {
                value += rest.value;
                next = rest.next;
            }
        }
        "thousand" => {
            value *= 1000.0;
            next += 1;
        }
        _ => {}
    }
    Some(Number {
        lone_one: word == "one" && next == i + 1,
        ..Number::plain(value, next)
    })
}

/// The hedge before token `i`: the qualifier and the token where the phrase starts.
fn hedge_before(tokens: &[Token<'_>], i: usize) -> (Qualifier, usize) {
    let word = |k: usize| {
        i.checked_sub(k)
            .map(|j| lower(tokens.get(j)))
            .unwrap_or_default()
    };
    let two = format!("{} {}", word(2), word(1));
    let three = format!("{} {} {}", word(3), word(2), word(1));
    let one = word(1);
    let q = match three.as_str() {
        "in excess of" => Some((Qualifier::Over, 3)),
        _ => None,
    }
    .or(match two.as_str() {
        "at least" | "no fewer" => Some((Qualifier::AtLeast, 2)),
        "more than" | "upwards of" => Some((Qualifier::Over, 2)),
        "up to" | "as many" => Some((Qualifier::UpTo, 2)),
        "close to" => Some((Qualifier::Nearly, 2)),
        "an estimated" => Some((Qualifier::Approximately, 2)),
        _ => None,
    })
    .or(match one.as_str() {
        "over" | "above" => Some((Qualifier::Over, 1)),
        "about" | "approximately" | "around" | "roughly" | "approx" | "~" | "some" => {
            Some((Qualifier::Approximately, 1))
        }
        "nearly" => Some((Qualifier::Nearly, 1)),
        "almost" => Some((Qualifier::Almost, 1)),
        _ => None,
    });
    // "as many as 40": the second "as" is the word before the number.
    let q = match (two.as_str(), q) {
        ("many as", _) => Some((Qualifier::UpTo, 3)),
        (_, q) => q,
    };
    q.map_or((Qualifier::Exact, i), |(q, n)| (q, i - n))
}

fn is_month(token: Option<&Token<'_>>) -> bool {
    token.is_some_and(|t| is_month_word(t.text))
}

/// Whether the number at `i..next` is a date, a year, money, a list marker or a time.
fn is_not_a_figure(tokens: &[Token<'_>], i: usize, next: usize, value: f64) -> bool {
    let Some(token) = tokens.get(i) else {
        return true;
    };
    let before = i.checked_sub(1).and_then(|j| tokens.get(j));
    let after = tokens.get(next);
    if token.kind == Kind::Digits {
        let ordinal_or_decade = after.is_some_and(|a| {
            a.joined
                && matches!(
                    a.text.to_lowercase().as_str(),
                    "st" | "nd" | "rd" | "th" | "s"
                )
        });
        let year = token.text.len() == 4 && (1800.0..=2100.0).contains(&value);
        let money = before
            .is_some_and(|b| matches!(b.text, "$" | "£" | "€" | "Rs" | "Rs." | "PKR" | "USD"));
        let list_marker = i == 0 && after.is_some_and(|a| a.joined && a.text == ".");
        let time = after.is_some_and(|a| a.joined && a.text == ":")
            || (token.joined && before.is_some_and(|b| b.text == ":"));
        // "Herof 2.0", "Phase 2.1": a version after a name, not a figure.
        let version = token.text.contains('.')
            && before
                .is_some_and(|b| b.kind == Kind::Word && b.text.starts_with(char::is_uppercase));
        let dated = is_month(before)
            || is_month(after)
            || is_month(tokens.get(next + 1))
                && after.is_some_and(|a| a.text.eq_ignore_ascii_case("of"));
        return ordinal_or_decade || year || money || list_marker || time || dated || version;
    }
    // "fourth", "one of the", "the one": number words are figures unless a month follows.
    is_month(after)
}

/// The unit after the number ends at `next`, and the token after the unit.
fn unit_after(tokens: &[Token<'_>], next: usize) -> (Unit, usize) {
    let first = tokens.get(next);
    let (word, at, joined_hyphen) = match first {
        Some(t) if t.text == "-" && t.joined => (lower(tokens.get(next + 1)), next + 1, true),
        Some(t) if t.text == "%" => return (Unit::Percent, next + 1),
        _ => (lower(first), next, false),
    };
    let unit = match word.as_str() {
        "pc" | "percent" => Unit::Percent,
        "per" if lower(tokens.get(at + 1)) == "cent" => return (Unit::Percent, at + 2),
        "hour" | "hours" | "hrs" => Unit::Hours,
        "day" | "days" | "week" | "weeks" | "month" | "months" | "year" | "years" => {
            Unit::OtherDuration
        }
        _ => return (Unit::Count, next),
    };
    let _ = joined_hyphen;
    (unit, at + 1)
}

/// Every figure phrase in `text`, in order.
pub fn find_figures(text: &str) -> Vec<FigurePhrase> {
    let tokens = tokens(text);
    let mut out: Vec<FigurePhrase> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let Some(number) = number_at(&tokens, i) else {
            i += 1;
            continue;
        };
        if is_not_a_figure(&tokens, i, number.next, number.value) {
            i = number.next;
            continue;
        }
        let (mut qualifier, start_token) = hedge_before(&tokens, i);
        if number.dozens {
            qualifier = Qualifier::Dozens;
        }
        let mut value_max = number.value;
        let mut next = number.next;
        // A stated range: "67 to 92", "67-92", "between 67 and 92" (not "from 787 to 956",
        // which is two figures).
        let from = i
            .checked_sub(1)
            .is_some_and(|j| lower(tokens.get(j)) == "from");
        let between = i
            .checked_sub(1)
            .is_some_and(|j| lower(tokens.get(j)) == "between");
        let joiner = lower(tokens.get(next));
        let is_joiner = match joiner.as_str() {
            "to" => !from,
            "-" | "–" => true,
            "and" => between,
            _ => false,
        };
        let upper = if is_joiner && !number.dozens {
            number_at(&tokens, next + 1).filter(|upper| {
                !upper.dozens
                    && upper.value >= number.value
                    && !is_not_a_figure(&tokens, next + 1, upper.next, upper.value)
            })
        } else {
            None
        };
        if let Some(upper) = upper {
            value_max = upper.value;
            next = upper.next;
        }
        let (unit, end_token) = unit_after(&tokens, next);
        let start = if between && value_max > number.value {
            i.checked_sub(1)
                .and_then(|j| tokens.get(j))
                .map_or(0, |t| t.start)
        } else {
            tokens.get(start_token).map_or(0, |t| t.start)
        };
        let last = end_token.checked_sub(1).and_then(|j| tokens.get(j));
        out.push(FigurePhrase {
            start,
            end: last.map_or(text.len(), |t| t.end),
            value_min: number.value,
            value_max,
            qualifier,
            unit,
            number_start: tokens.get(i).map_or(0, |t| t.start),
            is_single_word_one: number.lone_one,
        });
        i = end_token.max(i + 1);
    }
    out
}

/// The one figure a short phrase states ("at least 216", "between 67 and 92"), if it
/// states exactly one.
pub fn parse_figure(phrase: &str) -> Option<FigurePhrase> {
    let mut found = find_figures(phrase);
    (found.len() == 1).then(|| found.remove(0))
}

/// Whether `passage` states this figure: a phrase with the same value or range (a
/// "dozens" claim is stated by "dozens").
pub fn states_figure(passage: &str, value_min: f64, value_max: f64, qualifier: Qualifier) -> bool {
    find_figures(passage).iter().any(|f| {
        if qualifier == Qualifier::Dozens || f.qualifier == Qualifier::Dozens {
            return qualifier == f.qualifier;
        }
        (f.value_min - value_min).abs() < 1e-9 && (f.value_max - value_max).abs() < 1e-9
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, expected figures as (min, max, qualifier, unit)); an empty list: no figure.
    #[allow(clippy::type_complexity)]
    const TABLE: &[(&str, &[(f64, f64, Qualifier, Unit)])] = &[
        // Digits and their hedges.
        (
            "at least 216 militants",
            &[(216.0, 216.0, Qualifier::AtLeast, Unit::Count)],
        ),
        (
            "approximately 180 bodies",
            &[(180.0, 180.0, Qualifier::Approximately, Unit::Count)],
        ),
        (
            "about 180 bodies recovered",
            &[(180.0, 180.0, Qualifier::Approximately, Unit::Count)],
        ),
        (
            "around 40 attackers",
            &[(40.0, 40.0, Qualifier::Approximately, Unit::Count)],
        ),
        (
            "~11 civilians",
            &[(11.0, 11.0, Qualifier::Approximately, Unit::Count)],
        ),
        (
            "more than 150 injured",
            &[(150.0, 150.0, Qualifier::Over, Unit::Count)],
        ),
        (
            "over 150 people were injured",
            &[(150.0, 150.0, Qualifier::Over, Unit::Count)],
        ),
        (
            "in excess of 300 arrests",
            &[(300.0, 300.0, Qualifier::Over, Unit::Count)],
        ),
        (
            "nearly 22pc higher",
            &[(22.0, 22.0, Qualifier::Nearly, Unit::Percent)],
        ),
        (
            "almost 93pc of violent incidents",
            &[(93.0, 93.0, Qualifier::Almost, Unit::Percent)],
        ),
        (
            "up to 30 fighters",
            &[(30.0, 30.0, Qualifier::UpTo, Unit::Count)],
        ),
        (
            "as many as 40 attackers",
            &[(40.0, 40.0, Qualifier::UpTo, Unit::Count)],
        ),
        (
            "close to 50 dead",
            &[(50.0, 50.0, Qualifier::Nearly, Unit::Count)],
        ),
        // Number words.
        (
            "At least twelve attackers",
            &[(12.0, 12.0, Qualifier::AtLeast, Unit::Count)],
        ),
        (
            "Thirty-three lives were lost",
            &[(33.0, 33.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "twenty one soldiers",
            &[(21.0, 21.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "eight personnel",
            &[(8.0, 8.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "one hundred and fifty people",
            &[(150.0, 150.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "a hundred wounded",
            &[(100.0, 100.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "one navy official",
            &[(1.0, 1.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "three suicide bombers",
            &[(3.0, 3.0, Qualifier::Exact, Unit::Count)],
        ),
        // Dozens.
        (
            "a dozen civilians",
            &[(12.0, 12.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "over a dozen civilians",
            &[(12.0, 12.0, Qualifier::Over, Unit::Count)],
        ),
        (
            "dozens of militants",
            &[(24.0, 24.0, Qualifier::Dozens, Unit::Count)],
        ),
        (
            "two dozen policemen",
            &[(24.0, 24.0, Qualifier::Exact, Unit::Count)],
        ),
        // Ranges.
        (
            "between 67 and 92 militants",
            &[(67.0, 92.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "67 to 92 dead",
            &[(67.0, 92.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "67-92 killed",
            &[(67.0, 92.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "between ten and twelve locations",
            &[(10.0, 12.0, Qualifier::Exact, Unit::Count)],
        ),
        // Two figures, not a range.
        (
            "increasing from 787 to 956",
            &[
                (787.0, 787.0, Qualifier::Exact, Unit::Count),
                (956.0, 956.0, Qualifier::Exact, Unit::Count),
            ],
        ),
        // Thousands separators and decimals.
        (
            "1,200 people displaced",
            &[(1200.0, 1200.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "12,345,678 residents",
            &[(12_345_678.0, 12_345_678.0, Qualifier::Exact, Unit::Count)],
        ),
        (
            "a 2.5 per cent rise",
            &[(2.5, 2.5, Qualifier::Exact, Unit::Percent)],
        ),
        (
            "45% increase",
            &[(45.0, 45.0, Qualifier::Exact, Unit::Percent)],
        ),
        // Durations are figures with a unit (never casualties).
        (
            "nearly four hours",
            &[(4.0, 4.0, Qualifier::Nearly, Unit::Hours)],
        ),
        (
            "a 40-hour operation",
            &[(40.0, 40.0, Qualifier::Exact, Unit::Hours)],
        ),
        ("48 hours", &[(48.0, 48.0, Qualifier::Exact, Unit::Hours)]),
        (
            "a two-day period",
            &[(2.0, 2.0, Qualifier::Exact, Unit::OtherDuration)],
        ),
        (
            "five districts",
            &[(5.0, 5.0, Qualifier::Exact, Unit::Count)],
        ),
        // Not figures at all.
        ("March 9", &[]),
        ("on 30 Jan (Friday)", &[]),
        ("On 31st January", &[]),
        ("15 January 2026", &[]),
        ("in 2025", &[]),
        ("since the 2010s", &[]),
        ("the $62 billion corridor", &[]),
        ("Operation Herof 2.0", &[]),
        ("1. Intensified Security Measures", &[]),
        ("at 10:30 in the morning", &[]),
        ("several soldiers and many civilians", &[]),
        (
            "one of the least developed",
            &[(1.0, 1.0, Qualifier::Exact, Unit::Count)],
        ),
    ];

    #[test]
    fn the_phrase_table_reads_as_expected() {
        assert!(TABLE.len() >= 40);
        for (text, expected) in TABLE {
            let found: Vec<(f64, f64, Qualifier, Unit)> = find_figures(text)
                .iter()
                .map(|f| (f.value_min, f.value_max, f.qualifier, f.unit))
                .collect();
            assert_eq!(&found, expected, "{text}");
        }
    }

    #[test]
    fn a_phrase_spans_its_hedge_and_unit() {
        let text = "Officials said over a dozen civilians died.";
        let figure = parse_figure(text).expect("one figure");
        assert_eq!(text.get(figure.start..figure.end), Some("over a dozen"));
        let text = "a 2.5 per cent rise";
        let figure = parse_figure(text).expect("one figure");
        assert_eq!(text.get(figure.start..figure.end), Some("2.5 per cent"));
        let text = "between 67 and 92 militants";
        let figure = parse_figure(text).expect("one figure");
        assert_eq!(
            text.get(figure.start..figure.end),
            Some("between 67 and 92")
        );
    }

    #[test]
    fn a_passage_states_a_figure_or_not() {
        assert!(states_figure(
            "at least 216 armed militants",
            216.0,
            216.0,
            Qualifier::AtLeast
        ));
        assert!(states_figure(
            "dozens of militants",
            24.0,
            24.0,
            Qualifier::Dozens
        ));
        assert!(!states_figure(
            "two dozen militants",
            24.0,
            24.0,
            Qualifier::Dozens
        ));
        assert!(!states_figure(
            "at least 92 militants",
            216.0,
            216.0,
            Qualifier::AtLeast
        ));
        assert!(!states_figure(
            "on January 13",
            13.0,
            13.0,
            Qualifier::Exact
        ));
    }
}
