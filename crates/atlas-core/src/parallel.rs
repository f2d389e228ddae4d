//! Work split across the cores in contiguous chunks, results back in order: what the
//! million-row passes (placement checks, preparing markers, locating them) share.

/// `work(offset, chunk)` on each chunk of `items` (one chunk per core), the results in chunk
/// order. A chunk whose thread panicked — a bug — yields `None`, after an error in the log,
/// so a caller can account for its items rather than lose them quietly.
pub fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    work: impl Fn(usize, &[T]) -> R + Sync,
) -> Vec<(usize, Option<R>)> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = items.len().div_ceil(threads).max(1);
    let work = &work;
    std::thread::scope(|scope| {
        let workers: Vec<_> = items
            .chunks(chunk)
            .enumerate()
            .map(|(k, part)| (part.len(), scope.spawn(move || work(k * chunk, part))))
            .collect();
        workers
            .into_iter()
            .map(|(len, worker)| {
                let result = worker.join().ok();
                if result.is_none() {
                    log::error!("a worker thread panicked; {len} items were not processed");
                }
                (len, result)
            })
            .collect()
    })
}

/// `make(index, item)` for each item `keep` admits, in order, on every core, written straight
/// into one vector sized beforehand — no per-core parts joined afterwards (for a million
/// markers the parts and the joined copy were 150 MB at once). `placeholder` fills the slots
/// until they are made; a chunk whose thread panicked (a bug, logged) keeps its
/// placeholders, which `is_placeholder` then drops.
pub fn filter_map_in_place<T: Sync, R: Send + Clone>(
    items: &[T],
    keep: impl Fn(&T) -> bool + Sync,
    make: impl Fn(usize, &T) -> R + Sync,
    placeholder: R,
    is_placeholder: impl Fn(&R) -> bool,
) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let chunk = items.len().div_ceil(threads).max(1);
    let counts: Vec<usize> = items
        .chunks(chunk)
        .map(|part| part.iter().filter(|item| keep(item)).count())
        .collect();
    let mut out = vec![placeholder; counts.iter().sum()];
    let (keep, make) = (&keep, &make);
    let mut panicked = false;
    std::thread::scope(|scope| {
        let mut rest = out.as_mut_slice();
        let mut workers = Vec::new();
        for ((k, part), count) in items.chunks(chunk).enumerate().zip(&counts) {
            let (slots, after) = std::mem::take(&mut rest).split_at_mut(*count);
            rest = after;
            workers.push(scope.spawn(move || {
                let kept = part.iter().enumerate().filter(|(_, item)| keep(item));
                for (slot, (i, item)) in slots.iter_mut().zip(kept) {
                    *slot = make(k * chunk + i, item);
                }
            }));
        }
        for worker in workers {
            if worker.join().is_err() {
                log::error!("a worker thread panicked; its items were not processed");
                panicked = true;
            }
        }
    });
    if panicked {
        out.retain(|r| !is_placeholder(r));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_come_back_in_order_with_their_offsets() {
        let items: Vec<usize> = (0..1001).collect();
        let parts = map_chunks(&items, |offset, part| {
            assert_eq!(part.first().copied(), Some(offset));
            part.to_vec()
        });
        let joined: Vec<usize> = parts.into_iter().flat_map(|(_, r)| r.unwrap()).collect();
        assert_eq!(joined, items);
        assert!(map_chunks(&[] as &[u8], |_, _| 0).len() <= 1);
    }

    #[test]
    fn filtered_in_place_in_order_with_their_indices() {
        let items: Vec<usize> = (0..1001).collect();
        let odd_squares = filter_map_in_place(
            &items,
            |i| i % 2 == 1,
            |index, i| (index, i * i),
            (usize::MAX, 0),
            |r| r.0 == usize::MAX,
        );
        let expected: Vec<(usize, usize)> = (0..1001)
            .filter(|i| i % 2 == 1)
            .map(|i| (i, i * i))
            .collect();
        assert_eq!(odd_squares, expected);
        let none = filter_map_in_place(&items, |_| false, |_, i| *i, 0, |_| false);
        assert!(none.is_empty());
    }
}
