//! The markers indexed by their dates, so that a new date window finds its markers by binary
//! search instead of a scan of every marker (playback moves the window twenty times a second;
//! at a million incidents a scan is the whole frame budget).
//!
//! A window admits a marker whose dates overlap it. Sorting by first day alone does not
//! answer that (a year-long span starting long before the window still overlaps it), so the
//! markers are split into classes by the length of their dates — class `k` holds spans of at
//! most 2^k days — and each class is sorted by first day. In class `k` the candidates are those
//! whose first day lies in `[start − (2^k − 1), end]`: one binary search each, and an exact
//! check of the few candidates at the edge.

use crate::model::DateWindow;
pub use crate::model::dates::day_number;
use crate::prepare::markers::PreparedMarker;

/// One class: spans of at most `2^k` days, as (first day, last day, marker index), sorted by
/// first day.
type Class = Vec<(i32, i32, u32)>;

/// The markers of one source view by date.
#[derive(Debug, Clone, Default)]
pub struct MarkersByDate {
    classes: Vec<Class>,
    /// Markers without dates, in marker order.
    undated: Vec<u32>,
}

impl MarkersByDate {
    /// Indexes `markers` (one pass, then a sort per class).
    pub fn new(markers: &[PreparedMarker]) -> Self {
        let mut classes: Vec<Class> = Vec::new();
        let mut undated = Vec::new();
        for (i, marker) in markers.iter().enumerate() {
            let Ok(index) = u32::try_from(i) else {
                log::error!("more than 2^32 markers; the rest are not indexed by date");
                break;
            };
            let Some(dates) = marker.dates else {
                undated.push(index);
                continue;
            };
            let (first, last) = (day_number(dates.first), day_number(dates.last));
            let length = u32::try_from(last - first + 1).unwrap_or(1).max(1);
            let class = length.next_power_of_two().trailing_zeros() as usize;
            if classes.len() <= class {
                classes.resize_with(class + 1, Vec::new);
            }
            if let Some(members) = classes.get_mut(class) {
                members.push((first, last, index));
            }
        }
        for class in &mut classes {
            class.sort_unstable();
        }
        Self { classes, undated }
    }

    /// The markers whose dates overlap the window, in marker order.
    pub fn in_window(&self, window: DateWindow) -> Vec<usize> {
        let (start, end) = (day_number(window.start), day_number(window.end));
        let mut found: Vec<usize> = Vec::new();
        for (k, class) in self.classes.iter().enumerate() {
            let longest = (1i64 << k) as i32;
            let from = class.partition_point(|&(first, _, _)| first < start - (longest - 1));
            let to = class.partition_point(|&(first, _, _)| first <= end);
            found.extend(
                class
                    .get(from..to)
                    .unwrap_or_default()
                    .iter()
                    .filter(|&&(_, last, _)| last >= start)
                    .map(|&(_, _, index)| index as usize),
            );
        }
        found.sort_unstable();
        found
    }

    /// The markers without dates, in marker order.
    pub fn undated(&self) -> impl Iterator<Item = usize> + '_ {
        self.undated.iter().map(|&i| i as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::DateSpan;
    use crate::prepare::markers::test_marker;
    use jiff::civil::date;
    use proptest::prelude::*;

    #[test]
    fn day_numbers_count_days_from_1970() {
        assert_eq!(day_number(date(1970, 1, 1)), 0);
        assert_eq!(day_number(date(1970, 1, 2)), 1);
        assert_eq!(day_number(date(1969, 12, 31)), -1);
        assert_eq!(day_number(date(2000, 3, 1)), 11_017);
        assert_eq!(
            day_number(date(2026, 1, 31)) - day_number(date(2025, 1, 31)),
            365
        );
    }

    fn dated(i: usize, first: jiff::civil::Date, days: i64) -> PreparedMarker {
        let mut marker = test_marker(i, 66.0, 29.0);
        let last = first.checked_add(jiff::Span::new().days(days)).unwrap();
        marker.dates = DateSpan::new(first, last);
        marker
    }

    proptest! {
        /// The index finds exactly the markers a scan of all of them finds.
        #[test]
        fn the_index_finds_what_a_scan_finds(
            spans in prop::collection::vec((0i64..900, 0i64..400), 0..200),
            undated in prop::collection::vec(0usize..200, 0..10),
            start in 0i64..1000,
            length in 0i64..120,
        ) {
            let origin = date(2024, 1, 1);
            let mut markers: Vec<PreparedMarker> = spans
                .iter()
                .enumerate()
                .map(|(i, &(offset, days))| {
                    dated(i, origin.checked_add(jiff::Span::new().days(offset)).unwrap(), days)
                })
                .collect();
            for &i in &undated {
                if let Some(m) = markers.get_mut(i) {
                    m.dates = None;
                }
            }
            let window = DateWindow {
                start: origin.checked_add(jiff::Span::new().days(start)).unwrap(),
                end: origin.checked_add(jiff::Span::new().days(start + length)).unwrap(),
            };
            let index = MarkersByDate::new(&markers);
            let scanned: Vec<usize> = markers
                .iter()
                .enumerate()
                .filter(|(_, m)| window.admits(m.dates))
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(index.in_window(window), scanned);
            let none: Vec<usize> = markers
                .iter()
                .enumerate()
                .filter(|(_, m)| m.dates.is_none())
                .map(|(i, _)| i)
                .collect();
            prop_assert_eq!(index.undated().collect::<Vec<_>>(), none);
        }
    }
}
