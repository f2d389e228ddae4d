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
}
