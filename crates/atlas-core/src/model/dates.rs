//! Dates as the sources give them: a day, a month, a year, or an interval of those.
//!
//! Owns parsing of the ISO forms used in `data/` (`2026-01-31`, `2026-01`, `2026`,
//! `2026-01-31/2026-02-01`) into an inclusive [`DateSpan`]. Knows nothing of files.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An inclusive range of calendar days. A single day has `first == last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateSpan {
    pub first: Date,
    pub last: Date,
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; Howard Hinnant's algorithm):
/// comparable and subtractable as plain integers.
pub fn day_number(date: jiff::civil::Date) -> i32 {
    let (y, m, d) = (
        i32::from(date.year()),
        i32::from(date.month()),
        i32::from(date.day()),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let year_of_era = y - era * 400;
    let month_from_march = (m + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + d - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// Why a date cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("\"{0}\" is not a date; use YYYY-MM-DD, YYYY-MM, YYYY or FROM/TO")]
    Malformed(String),
    #[error("\"{0}\" ends before it starts")]
    EndsBeforeStart(String),
}

impl DateSpan {
    pub fn day(date: Date) -> Self {
        Self {
            first: date,
            last: date,
        }
    }

    /// Builds a span, refusing one whose end lies before its start.
    pub fn new(first: Date, last: Date) -> Option<Self> {
        (first <= last).then_some(Self { first, last })
    }

    /// Parses a day, a month, a year, or an ISO 8601 interval `A/B` of those.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        if let Some((from, to)) = text.split_once('/') {
            let from = Self::parse_single(from.trim())?;
            let to = Self::parse_single(to.trim())?;
            return Self::new(from.first, to.last)
                .ok_or_else(|| DateError::EndsBeforeStart(text.to_owned()));
        }
        Self::parse_single(text)
    }

    fn parse_single(text: &str) -> Result<Self, DateError> {
        let malformed = || DateError::Malformed(text.to_owned());
        // Up to four parts, held on the stack: a million rows' dates are parsed at a load.
        let mut split = text.split('-');
        let parts = [split.next(), split.next(), split.next(), split.next()];
        let number = |s: &str, digits: usize| -> Result<i16, DateError> {
            if s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()) {
                s.parse::<i16>().map_err(|_| malformed())
            } else {
                Err(malformed())
            }
        };
        match parts {
            [Some(y), None, None, None] => {
                let y = number(y, 4)?;
                let first = Date::new(y, 1, 1).map_err(|_| malformed())?;
                let last = Date::new(y, 12, 31).map_err(|_| malformed())?;
                Ok(Self { first, last })
            }
            [Some(y), Some(m), None, None] => {
                let (y, m) = (number(y, 4)?, number(m, 2)?);
                let first = Date::new(y, m as i8, 1).map_err(|_| malformed())?;
                Ok(Self {
                    first,
                    last: first.last_of_month(),
                })
            }
            [Some(y), Some(m), Some(d), None] => {
                let (y, m, d) = (number(y, 4)?, number(m, 2)?, number(d, 2)?);
                Date::new(y, m as i8, d as i8)
                    .map(Self::day)
                    .map_err(|_| malformed())
            }
            _ => Err(malformed()),
        }
    }

    /// The shortest ISO form that parses back to this span: `2026-01-31`, `2026-01`, `2026`
    /// or `2026-01-31/2026-02-01`. Exports use it so a month stays a month.
    pub fn to_iso(&self) -> String {
        let whole_year = self.first.month() == 1
            && self.first.day() == 1
            && self.last.month() == 12
            && self.last.day() == 31;
        if self.is_single_day() {
            self.first.to_string()
        } else if whole_year && self.first.year() == self.last.year() {
            format!("{:04}", self.first.year())
        } else if self.first.day() == 1 && self.last == self.first.last_of_month() {
            format!("{:04}-{:02}", self.first.year(), self.first.month())
        } else {
            format!("{}/{}", self.first, self.last)
        }
    }

    pub fn is_single_day(&self) -> bool {
        self.first == self.last
    }

    /// Whether two spans share at least one day; both ends count.
    pub fn overlaps(&self, other: &DateSpan) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// Number of days covered, both ends included.
    pub fn days(&self) -> i64 {
        i64::from((self.last - self.first).get_days()) + 1
    }
}

impl fmt::Display for DateSpan {
    /// Writes the shortest honest form: one day, or `first – last`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_single_day() {
            write!(f, "{}", self.first)
        } else {
            write!(f, "{} – {}", self.first, self.last)
        }
    }
}

/// The selected dates, both ends inclusive. Decides which incidents show, what the districts
/// are shaded by, and which district set is drawn (the one in force on `end`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateWindow {
    pub start: Date,
    pub end: Date,
}

impl DateWindow {
    pub fn span(self) -> DateSpan {
        DateSpan {
            first: self.start,
            last: self.end,
        }
    }

    pub fn from_span(span: DateSpan) -> Self {
        Self {
            start: span.first,
            end: span.last,
        }
    }

    /// Whether an incident with these dates is in the window: the two share at least one day,
    /// both ends inclusive. Undated incidents are in no window (the map may still show them,
    /// apart from the window; see `ViewSettings::hide_undated`).
    pub fn admits(self, dates: Option<DateSpan>) -> bool {
        dates.is_some_and(|d| d.overlaps(&self.span()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn a_day_a_month_a_year_and_an_interval_parse() {
        assert_eq!(
            DateSpan::parse("2026-01-31"),
            Ok(DateSpan::day(date(2026, 1, 31)))
        );
        assert_eq!(
            DateSpan::parse("2026-02"),
            Ok(DateSpan {
                first: date(2026, 2, 1),
                last: date(2026, 2, 28)
            })
        );
        assert_eq!(
            DateSpan::parse("2025"),
            Ok(DateSpan {
                first: date(2025, 1, 1),
                last: date(2025, 12, 31)
            })
        );
        assert_eq!(
            DateSpan::parse("2026-01-31/2026-02-01"),
            Ok(DateSpan {
                first: date(2026, 1, 31),
                last: date(2026, 2, 1)
            })
        );
    }

    #[test]
    fn iso_form_round_trips_at_the_precision_given() {
        for text in [
            "2026-01-31",
            "2026-01",
            "2025",
            "2026-01-31/2026-02-01",
            "2024-02",
        ] {
            assert_eq!(DateSpan::parse(text).unwrap().to_iso(), text);
        }
    }

    #[test]
    fn an_interval_that_ends_before_it_starts_is_refused() {
        assert!(matches!(
            DateSpan::parse("2026-02-01/2026-01-31"),
            Err(DateError::EndsBeforeStart(_))
        ));
    }

    #[test]
    fn malformed_dates_are_refused() {
        for bad in [
            "",
            "31/01/2026",
            "2026-1-31",
            "2026-02-30",
            "Saturday",
            "2026-13",
        ] {
            assert!(DateSpan::parse(bad).is_err(), "{bad} should not parse");
        }
    }

    #[test]
    fn overlap_counts_both_ends() {
        let a = DateSpan::parse("2026-01-30/2026-01-31").unwrap();
        let b = DateSpan::parse("2026-01-31").unwrap();
        let c = DateSpan::parse("2026-02-01").unwrap();
        assert!(a.overlaps(&b) && b.overlaps(&a));
        assert!(!a.overlaps(&c));
        assert_eq!(a.days(), 2);
    }

    #[test]
    fn a_window_admits_what_overlaps_it_with_both_ends_inclusive() {
        let window = DateWindow {
            start: date(2026, 1, 30),
            end: date(2026, 1, 31),
        };
        let day = |d| Some(DateSpan::day(d));
        assert!(window.admits(day(date(2026, 1, 30))));
        assert!(window.admits(day(date(2026, 1, 31))));
        assert!(!window.admits(day(date(2026, 1, 29))));
        assert!(!window.admits(day(date(2026, 2, 1))));
        // A span that only touches the window's last day, and one that covers it whole.
        let span = |a, b| DateSpan::new(a, b);
        assert!(window.admits(span(date(2026, 1, 31), date(2026, 2, 1))));
        assert!(window.admits(span(date(2026, 1, 1), date(2026, 12, 31))));
        assert!(!window.admits(span(date(2026, 2, 1), date(2026, 2, 28))));
        // A month-precise incident (the whole month) is in any window touching the month.
        let august = DateSpan::parse("2025-08").ok();
        let touching = DateWindow {
            start: date(2025, 8, 31),
            end: date(2025, 9, 5),
        };
        assert!(touching.admits(august));
        assert!(!window.admits(None), "undated incidents are in no window");
    }
}
