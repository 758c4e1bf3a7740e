//! Password hashing (argon2id: 19 MiB and tens of milliseconds of CPU each)
//! runs a few at a time. A flood of sign-ins waits for a turn here instead
//! of taking all memory and every blocking thread; a request that gets no
//! turn soon is told the site is busy rather than queueing without end.
//! It counts what it did, so tests and operators can see the bound hold.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Semaphore;

/// How long a request waits for a turn before it is told to try again.
pub const MAX_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug)]
pub struct PasswordHashing {
    turns: Arc<Semaphore>,
    at_once: usize,
    wait: Duration,
    counts: Arc<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    running: AtomicUsize,
    most_running: AtomicUsize,
    done: AtomicU64,
}

/// No turn came within the wait.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Busy;

impl PasswordHashing {
    pub fn new(at_once: usize, wait: Duration) -> PasswordHashing {
        let at_once = at_once.max(1);
        PasswordHashing {
            turns: Arc::new(Semaphore::new(at_once)),
            at_once,
            wait,
            counts: Arc::default(),
        }
    }

    /// One hash per core: more would not finish sooner, only use more
    /// memory.
    pub fn per_core() -> PasswordHashing {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        PasswordHashing::new(cores, MAX_WAIT)
    }

    /// Runs `work` (a hash or a verification) on a blocking thread when a
    /// turn is free. The turn is held until `work` ends, also when the
    /// request that asked is gone by then.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, Busy> {
        let turn = tokio::time::timeout(self.wait, self.turns.clone().acquire_owned())
            .await
            .map_err(|_| Busy)?
            .map_err(|_| Busy)?;
        let counts = self.counts.clone();
        tokio::task::spawn_blocking(move || {
            let running = counts.running.fetch_add(1, Ordering::SeqCst) + 1;
            counts.most_running.fetch_max(running, Ordering::SeqCst);
            let result = work();
            counts.running.fetch_sub(1, Ordering::SeqCst);
            counts.done.fetch_add(1, Ordering::SeqCst);
            drop(turn);
            result
        })
        .await
        .map_err(|_| Busy)
    }

    pub fn at_once(&self) -> usize {
        self.at_once
    }

    /// The most hashes that ever ran at the same time.
    pub fn most_at_once(&self) -> usize {
        self.counts.most_running.load(Ordering::SeqCst)
    }

    /// Hashes and verifications done since start.
    pub fn done(&self) -> u64 {
        self.counts.done.load(Ordering::SeqCst)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn never_more_than_the_bound_run_at_once() {
        let hashing = Arc::new(PasswordHashing::new(2, Duration::from_secs(5)));
        let tasks: Vec<_> = (0..12)
            .map(|_| {
                let hashing = hashing.clone();
                tokio::spawn(async move {
                    hashing
                        .run(|| std::thread::sleep(Duration::from_millis(20)))
                        .await
                })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap(), Ok(()));
        }
        assert_eq!(hashing.done(), 12);
        assert_eq!(hashing.most_at_once(), 2);
    }

    #[tokio::test]
    async fn who_gets_no_turn_in_time_hears_busy() {
        let hashing = Arc::new(PasswordHashing::new(1, Duration::from_millis(10)));
        let slow = {
            let hashing = hashing.clone();
            tokio::spawn(async move {
                hashing
                    .run(|| std::thread::sleep(Duration::from_millis(300)))
                    .await
            })
        };
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(hashing.run(|| ()).await, Err(Busy));
        assert_eq!(slow.await.unwrap(), Ok(()));
    }
}
