//! Work shared among threads: services are independent, so each is lowered and emitted on
//! whichever thread is free. Results keep the order of the input, so output never depends
//! on how the work was shared.

use std::num::NonZeroUsize;
use std::sync::{Mutex, MutexGuard};

/// The threads to use by default: one per core the process may run on.
pub fn available_threads() -> NonZeroUsize {
    std::thread::available_parallelism().unwrap_or(NonZeroUsize::MIN)
}

/// The value behind `mutex`, even if a thread panicked while holding it: every value shared
/// here is written in one step, so it is never left half-changed, and the panic itself
/// reaches the caller through [`map`].
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The value of `mutex`, taken out, on the same terms as [`lock`].
pub fn into_inner<T>(mutex: Mutex<T>) -> T {
    mutex.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// `f` applied to every item, on up to `threads` threads; the results in the order of
/// `items`. Items are handed out in the order of `items`, so put the largest first. With
/// one thread (or one item) everything runs on the calling thread. A panic in `f` is
/// raised again here once every thread has stopped: the others first finish the items
/// left.
pub fn map<T, R, F>(items: Vec<T>, threads: NonZeroUsize, f: F) -> Vec<R>
where
    T: Send,
    R: Send,
    F: Fn(T) -> R + Sync,
{
    let count = items.len();
    let threads = threads.get().min(count);
    if threads <= 1 {
        return items.into_iter().map(f).collect();
    }
    let queue = Mutex::new(items.into_iter().enumerate());
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..count).map(|_| None).collect());
    let panic = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| loop {
                    // The lock is held only to take the next item, never while working on it.
                    let next = lock(&queue).next();
                    let Some((index, item)) = next else { break };
                    let result = f(item);
                    lock(&results)[index] = Some(result);
                })
            })
            .collect();
        // Join every worker, so that the scope itself never panics; keep the first panic.
        let panics: Vec<_> = workers.into_iter().filter_map(|worker| worker.join().err()).collect();
        panics.into_iter().next()
    });
    if let Some(payload) = panic {
        std::panic::resume_unwind(payload);
    }
    let results = into_inner(results);
    // Every index was filled: no thread panicked, and each ran until the queue was empty.
    results.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_keep_the_input_order_whatever_the_threads() {
        let items: Vec<u64> = (0..200).collect();
        let serial = map(items.clone(), NonZeroUsize::MIN, |n| n * n);
        for threads in [2, 3, 8, 500] {
            let threads = NonZeroUsize::new(threads).unwrap();
            assert_eq!(map(items.clone(), threads, |n| n * n), serial, "{threads} threads");
        }
        assert!(map(Vec::<u8>::new(), NonZeroUsize::new(4).unwrap(), |n| n).is_empty());
    }

    #[test]
    fn work_runs_on_several_threads() {
        let ids = map((0..64).collect(), NonZeroUsize::new(4).unwrap(), |_: u32| {
            std::thread::sleep(std::time::Duration::from_millis(2));
            std::thread::current().id()
        });
        let distinct: std::collections::BTreeSet<String> = ids.iter().map(|id| format!("{id:?}")).collect();
        assert!(distinct.len() > 1, "all 64 items ran on one thread");
    }

    #[test]
    #[should_panic(expected = "item 7")]
    fn a_panic_reaches_the_caller() {
        map((0..16).collect(), NonZeroUsize::new(2).unwrap(), |n: u32| assert!(n != 7, "item 7"));
    }
}
