//! Ordered work on several threads: `produce` runs on worker threads for items in any order,
//! at most `ahead` items beyond the one the consumer waits for, and `consume` sees the results
//! in item order on the calling thread. `check` parses packages this way while it type-checks
//! them in dependency order: parsing costs more than checking and parallelizes, checking
//! does not (each package needs its dependencies' results).

use std::sync::{Condvar, Mutex};

/// Runs `produce` over `items` on `workers` threads and `consume` on the results in order.
/// `consume` returning `false` stops the run (workers finish their current item).
pub(crate) fn ordered<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    ahead: usize,
    produce: impl Fn(&T) -> R + Sync,
    mut consume: impl FnMut(&T, R) -> bool,
) {
    struct Shared<R> {
        /// The next item a worker should take.
        next: usize,
        /// The item the consumer is waiting for.
        wanted: usize,
        stop: bool,
        results: Vec<Option<R>>,
    }
    let shared = Mutex::new(Shared {
        next: 0,
        wanted: 0,
        stop: false,
        results: (0..items.len()).map(|_| None).collect(),
    });
    let changed = Condvar::new();
    let lock = || shared.lock().unwrap_or_else(|e| e.into_inner());
    std::thread::scope(|scope| {
        for _ in 0..workers.max(1) {
            let spawned = std::thread::Builder::new()
                .name("parse".into())
                .spawn_scoped(scope, || {
                    loop {
                        let i = {
                            let mut state = lock();
                            while !state.stop
                                && state.next < items.len()
                                && state.next > state.wanted + ahead
                            {
                                state = changed.wait(state).unwrap_or_else(|e| e.into_inner());
                            }
                            if state.stop || state.next >= items.len() {
                                return;
                            }
                            state.next += 1;
                            state.next - 1
                        };
                        let result = produce(&items[i]);
                        lock().results[i] = Some(result);
                        changed.notify_all();
                    }
                });
            if spawned.is_err() {
                // Fewer workers is slower, not wrong; with none, the consumer parses itself.
                break;
            }
        }
        for (i, item) in items.iter().enumerate() {
            let result = {
                let mut state = lock();
                state.wanted = i;
                changed.notify_all();
                loop {
                    if let Some(result) = state.results[i].take() {
                        break Some(result);
                    }
                    // No worker took it (none could start): produce it here.
                    if state.next <= i {
                        state.next = i + 1;
                        break None;
                    }
                    state = changed.wait(state).unwrap_or_else(|e| e.into_inner());
                }
            };
            let result = result.unwrap_or_else(|| produce(item));
            if !consume(item, result) {
                break;
            }
        }
        lock().stop = true;
        changed.notify_all();
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_arrive_in_order_whatever_the_workers_do() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        ordered(
            &items,
            3,
            4,
            |&x| {
                // Later items finish sooner, so workers complete out of order.
                std::thread::sleep(std::time::Duration::from_micros(200 - x));
                x * 2
            },
            |&x, r| {
                assert_eq!(r, x * 2);
                seen.push(x);
                true
            },
        );
        assert_eq!(seen, items);
    }

    #[test]
    fn the_consumer_can_stop_early() {
        let items: Vec<u32> = (0..1000).collect();
        let mut count = 0;
        ordered(
            &items,
            2,
            8,
            |&x| x,
            |_, _| {
                count += 1;
                count < 10
            },
        );
        assert_eq!(count, 10);
    }
}
