//! Hands a large table's rows over, in order, from the threads that build them to the one
//! that writes them. The rows are built in chunks; any thread may build the next chunk nobody
//! has claimed yet, and the writer builds a chunk itself rather than wait for one that nobody
//! is building, so the writer is never idle while there is work it could do.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard};

struct Slot<T> {
    value: Mutex<Option<T>>,
    ready: Condvar,
}

/// Chunks `0..len` built by any thread and taken by one writer in order.
pub(super) struct Pipeline<T> {
    next: AtomicUsize,
    failed: AtomicBool,
    slots: Vec<Slot<T>>,
}

/// Marks the pipeline failed if a builder panics, so that the writer stops waiting.
struct Abandon<'a, T>(&'a Pipeline<T>);

impl<T> Drop for Abandon<'_, T> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.0.failed.store(true, Ordering::SeqCst);
            for slot in &self.0.slots {
                let _guard = lock(&slot.value);
                slot.ready.notify_all();
            }
        }
    }
}

/// Lock, carrying on past a panic elsewhere (the data is a hand-over slot, never half-written).
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl<T> Pipeline<T> {
    /// A pipeline of `len` chunks.
    pub(super) fn new(len: usize) -> Self {
        Self {
            next: AtomicUsize::new(0),
            failed: AtomicBool::new(false),
            slots: (0..len)
                .map(|_| Slot {
                    value: Mutex::new(None),
                    ready: Condvar::new(),
                })
                .collect(),
        }
    }

    /// Number of chunks.
    pub(super) fn len(&self) -> usize {
        self.slots.len()
    }

    fn claim(&self) -> Option<usize> {
        let i = self.next.fetch_add(1, Ordering::SeqCst);
        (i < self.slots.len()).then_some(i)
    }

    fn put(&self, i: usize, value: T) {
        let slot = &self.slots[i];
        *lock(&slot.value) = Some(value);
        slot.ready.notify_all();
    }

    /// Build chunks ahead of the writer until every chunk has been claimed.
    pub(super) fn build_ahead(&self, build: &(impl Fn(usize) -> T + Sync)) {
        let _abandon = Abandon(self);
        while let Some(i) = self.claim() {
            self.put(i, build(i));
        }
    }

    /// Chunk `i` for the writer (chunks are taken in order, each once): ready, being built
    /// elsewhere (then waited for), or built here.
    ///
    /// # Panics
    /// When a builder on another thread panicked.
    pub(super) fn take(&self, i: usize, build: &(impl Fn(usize) -> T + Sync)) -> T {
        let slot = &self.slots[i];
        loop {
            if let Some(value) = lock(&slot.value).take() {
                return value;
            }
            if self.next.load(Ordering::SeqCst) <= i {
                if let Some(j) = self.claim() {
                    let _abandon = Abandon(self);
                    let value = build(j);
                    if j == i {
                        return value;
                    }
                    self.put(j, value);
                }
                continue;
            }
            let mut guard = lock(&slot.value);
            while guard.is_none() {
                assert!(
                    !self.failed.load(Ordering::SeqCst),
                    "a thread building rows for the workbook failed"
                );
                guard = slot
                    .ready
                    .wait(guard)
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
            }
            if let Some(value) = guard.take() {
                return value;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Pipeline;

    #[test]
    fn the_writer_gets_every_chunk_in_order_whoever_builds_them() {
        for builders in 0..3 {
            let p = Pipeline::new(200);
            let build = |i: usize| {
                // Uneven work so that the threads overtake each other.
                (0..(i % 7) * 500).fold(i, |a, b| a ^ b) ^ (0..(i % 7) * 500).fold(0, |a, b| a ^ b)
            };
            let taken = std::thread::scope(|s| {
                for _ in 0..builders {
                    s.spawn(|| p.build_ahead(&build));
                }
                (0..p.len()).map(|i| p.take(i, &build)).collect::<Vec<_>>()
            });
            assert_eq!(
                taken,
                (0..200).collect::<Vec<_>>(),
                "{builders} helper threads"
            );
        }
    }

    #[test]
    fn a_failing_builder_stops_the_writer_instead_of_leaving_it_waiting() {
        use std::sync::atomic::{AtomicBool, Ordering};
        let p = Pipeline::new(4);
        let claimed = AtomicBool::new(false);
        let result = std::thread::scope(|s| {
            let helper = s.spawn(|| {
                p.build_ahead(&|i: usize| {
                    claimed.store(true, Ordering::SeqCst);
                    if i == 0 {
                        std::thread::sleep(std::time::Duration::from_millis(20));
                        panic!("builder failed");
                    }
                    i
                })
            });
            // The helper has claimed chunk 0 before the writer asks for it.
            while !claimed.load(Ordering::SeqCst) {
                std::thread::yield_now();
            }
            let taken =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| p.take(0, &|i| i)));
            assert!(helper.join().is_err(), "the helper panicked");
            taken
        });
        assert!(
            result.is_err(),
            "the writer must not get a value for the failed chunk"
        );
    }
}
