//! Work over many ideas, split over the cores: the server has a few, and
//! a round's analysis happens while a moderator waits for the page.

/// Below this many items, starting threads costs more than it saves.
const SMALL: usize = 256;

/// `f` applied to every item, in order, on all cores (scoped threads, so
/// `f` may borrow).
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    split(items, f, SMALL)
}

/// As [`map`], for a few items that each take long.
pub fn map_heavy<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    split(items, f, 2)
}

fn split<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync, least: usize) -> Vec<R> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    if threads == 1 || items.len() < least {
        return items.iter().map(f).collect();
    }
    let chunk = items.len().div_ceil(threads);
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(f).collect::<Vec<R>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(part) => part,
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_their_order() {
        let items: Vec<usize> = (0..10_000).collect();
        let doubled = super::map(&items, |i| i * 2);
        assert!(doubled.iter().enumerate().all(|(i, d)| *d == i * 2));
        assert!(super::map(&[] as &[usize], |i| *i).is_empty());
        assert_eq!(super::map_heavy(&[1, 2, 3], |i| i + 1), [2, 3, 4]);
    }
}
