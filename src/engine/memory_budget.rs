//! A memory budget for reading one file: the stream a parser reads is wrapped so that, every
//! megabyte read, the memory the read has added is compared with the budget, and past it the
//! stream fails and the file is refused with a message (`ingest` turns the stop into
//! [`refusal`]), before a file too big for the tab can crash it. The engine measures nothing
//! itself (no allocator, no clock): the caller passes how to read the memory in use (the
//! worker: its wasm memory's size).

use std::io::{self, Read};

/// What one file may add to the memory of the worker that reads it, in bytes. A parse worker
/// holds the file's facts, then a copy encoded for the dataset worker, which merges them with
/// everything loaded (about twice their size while it does): one file at the budget costs the
/// tab about 4 × 400 MB, under the 2 to 4 GB a browser tab's wasm can hold. The benchmark's
/// largest files (20 000 people × 52 weeks, 200–240 MB) need about 250 MB.
pub const FILE_MEMORY_BUDGET: u64 = 400_000_000;

/// Bytes read between two checks: a check costs one call of `used`, nothing per row.
pub const CHECK_EVERY: u64 = 1_000_000;

/// How much memory one file may add, and how to read the memory in use.
#[derive(Clone, Copy)]
pub struct MemoryBudget<'a> {
    /// Bytes the read may add to what `used` returned when it began.
    pub limit: u64,
    /// The memory in use now, in bytes (only its growth matters).
    pub used: &'a dyn Fn() -> u64,
}

/// A stream that stops when the memory in use has grown past the budget since it was opened.
pub struct Budgeted<'a, R> {
    inner: R,
    budget: MemoryBudget<'a>,
    start: u64,
    read: u64,
    next_check: u64,
    /// Where the read stopped (bytes read), once it has.
    pub stopped_at: Option<u64>,
}

impl<'a, R: Read> Budgeted<'a, R> {
    pub fn new(inner: R, budget: MemoryBudget<'a>) -> Self {
        Budgeted {
            inner,
            start: (budget.used)(),
            budget,
            read: 0,
            next_check: CHECK_EVERY,
            stopped_at: None,
        }
    }
}

impl<R: Read> Read for Budgeted<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.stopped_at.is_some() {
            return Err(io::Error::other("the memory budget was reached"));
        }
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read >= self.next_check {
            self.next_check = (self.read / CHECK_EVERY + 1) * CHECK_EVERY;
            let grown = (self.budget.used)().saturating_sub(self.start);
            if grown > self.budget.limit {
                self.stopped_at = Some(self.read);
                return Err(io::Error::other("the memory budget was reached"));
            }
        }
        Ok(n)
    }
}

/// Whole megabytes (10^6 bytes), as the message says them.
fn megabytes(bytes: u64) -> u64 {
    bytes / 1_000_000
}

/// The message and hint of a file whose read stopped at `read` bytes.
pub fn refusal(read: u64, limit: u64) -> (String, String) {
    (
        format!(
            "Reading stopped after {} MB: the rows read so far needed more than the {} MB of memory one file may take in this browser tab, so the file was not loaded (more could crash the tab).",
            megabytes(read),
            megabytes(limit)
        ),
        "Load it in shorter periods (export fewer days or weeks per file), or pre-aggregate it to the Uptake facts CSV (README, \"Uptake facts CSV\") and load that.".into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn stops_at_the_first_check_past_the_budget_and_stays_stopped() {
        // Memory "grows" by the bytes handed out: reads of 250 kB, checks at 1, 2 and 3 MB read,
        // when 0.75, 1.75 and 2.75 MB have been handed out. A limit of 2.5 MB stops it at 3 MB,
        // and the read that reached it returns no bytes: 2.75 MB in all.
        let grown = Cell::new(0u64);
        let used = || grown.get();
        let budget = MemoryBudget {
            limit: 2_500_000,
            used: &used,
        };
        let mut stream = Budgeted::new(io::repeat(b'x').take(10_000_000), budget);
        let mut buf = vec![0u8; 250_000];
        let mut total = 0u64;
        while let Ok(n) = stream.read(&mut buf) {
            total += n as u64;
            grown.set(total);
        }
        assert_eq!((stream.stopped_at, total), (Some(3_000_000), 2_750_000));
        assert!(stream.read(&mut buf).is_err(), "stays stopped");
    }

    #[test]
    fn memory_that_does_not_grow_never_stops_it() {
        let used = || 7_000_000_000u64;
        let budget = MemoryBudget {
            limit: 0,
            used: &used,
        };
        let mut stream = Budgeted::new(io::repeat(b'x').take(5_000_000), budget);
        let mut out = Vec::new();
        assert_eq!(stream.read_to_end(&mut out).ok(), Some(5_000_000));
        assert_eq!(stream.stopped_at, None);
    }
}
