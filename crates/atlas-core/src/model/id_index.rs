//! Rows by their id, with the ids borrowed from the rows themselves: a hash table of row
//! positions (four bytes each), not a map of copied `String`s. A million incidents are
//! indexed without a million allocations, and building the index finds the duplicate ids.

use std::hash::BuildHasher;

use hashbrown::HashTable;
use hashbrown::hash_table::Entry;

/// Positions of rows in a slice, found by id. The slice is passed to every call: the index
/// holds positions only, so it must be asked with the slice it was built from.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    table: HashTable<u32>,
}

fn hash(id: &str) -> u64 {
    rustc_hash::FxBuildHasher.hash_one(id)
}

impl IdIndex {
    /// The index of `items` by `id`, and the positions of rows whose id an earlier row has
    /// (the first row with an id is the one indexed).
    pub fn build<T>(items: &[T], id: impl Fn(&T) -> &str) -> (Self, Vec<usize>) {
        let mut table = HashTable::with_capacity(items.len());
        let mut taken = Vec::new();
        let id_at = |j: u32| items.get(j as usize).map(&id);
        for (i, item) in items.iter().enumerate() {
            let key = id(item);
            let entry = table.entry(
                hash(key),
                |&j| id_at(j) == Some(key),
                |&j| id_at(j).map_or(0, hash),
            );
            match entry {
                Entry::Occupied(_) => taken.push(i),
                Entry::Vacant(slot) => {
                    slot.insert(u32::try_from(i).unwrap_or(u32::MAX));
                }
            }
        }
        (Self { table }, taken)
    }

    /// The position of the row with id `key` in `items` (the slice the index was built from).
    pub fn get<T>(&self, items: &[T], key: &str, id: impl Fn(&T) -> &str) -> Option<usize> {
        self.table
            .find(hash(key), |&j| {
                items.get(j as usize).is_some_and(|item| id(item) == key)
            })
            .map(|&j| j as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The index finds what a scan finds: the first row with each id, and every later
        /// row with a taken id is reported.
        #[test]
        fn finds_what_a_scan_finds(ids in prop::collection::vec("[a-e]{1,2}", 0..60), probe in "[a-e]{1,2}") {
            let (index, taken) = IdIndex::build(&ids, |s| s.as_str());
            let first = ids.iter().position(|s| *s == probe);
            prop_assert_eq!(index.get(&ids, &probe, |s| s.as_str()), first);
            let expected: Vec<usize> = (0..ids.len())
                .filter(|&i| ids.iter().position(|s| *s == ids[i]) != Some(i))
                .collect();
            prop_assert_eq!(taken, expected);
        }
    }
}
