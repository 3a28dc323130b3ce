//! A file too big for the tab (issue 7): reading stops when the memory it has added passes the
//! budget, and the file is refused with how far it got and what to do. The worker measures its
//! wasm memory; here the memory in use is played by the bytes the parser has pulled from the
//! file, so every stop is worked out by hand (no timing, no allocator).

mod common;

use std::cell::Cell;
use std::io::Read;
use uptake::engine::detect::FormatId;
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::memory_budget::MemoryBudget;

/// A weekly Users CSV of `people` people, one row each (67 bytes a row with these numbers).
fn users_csv(people: u32) -> Vec<u8> {
    let mut out =
        b"cadence,period_start,period_end,email,user_status,is_active,messages\n".to_vec();
    for i in 0..people {
        out.extend_from_slice(
            format!("Weekly,2026-11-08,2026-11-14,person{i:07}@big.example,enabled,1,5\n")
                .as_bytes(),
        );
    }
    out
}

/// Counts the bytes read from the file.
struct Counting<'a, R> {
    inner: R,
    read: &'a Cell<u64>,
}

impl<R: Read> Read for Counting<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

#[test]
fn a_file_past_the_budget_is_refused_with_how_far_it_got() {
    // 60 000 rows × 67 bytes + a 69-byte header = 4 020 069 bytes.
    let file = users_csv(60_000);
    assert_eq!(file.len(), 4_020_069);
    let read = Cell::new(0u64);
    let used = || read.get();
    let key = common::key();
    let options = IngestOptions::new(&key).with_budget(Some(MemoryBudget {
        limit: 2_500_000,
        used: &used,
    }));
    let input = Counting {
        inner: file.as_slice(),
        read: &read,
    };
    let error = ingest(input, &options).expect_err("refused");
    // The budget starts after the 65 536-byte head was peeked. The CSV reader pulls 8 KiB at
    // a time, so the checks fall at the first multiples of 8 192 past each megabyte:
    // 1 007 616 (grown 942 080), 2 007 040 (1 941 504), 3 006 464 (2 940 928 > 2 500 000:
    // stopped). Megabytes are 10^6 bytes, rounded down: 3 MB read, a 2 MB budget.
    assert_eq!(error.format, Some(FormatId::ChatgptUsersCsv));
    assert_eq!(
        (error.error.message.as_str(), error.error.hint.as_str()),
        (
            "Reading stopped after 3 MB: the rows read so far needed more than the 2 MB of memory one file may take in this browser tab, so the file was not loaded (more could crash the tab).",
            "Load it in shorter periods (export fewer days or weeks per file), or pre-aggregate it to the Uptake facts CSV (README, \"Uptake facts CSV\") and load that."
        )
    );
    // It stopped there: the reader pulled no more than the check that stopped it.
    assert_eq!(read.get(), 3_006_464);
}

#[test]
fn within_the_budget_the_file_is_read_whole() {
    // The same file with a 5 MB budget: all 60 000 rows are read.
    let file = users_csv(60_000);
    let read = Cell::new(0u64);
    let used = || read.get();
    let key = common::key();
    let options = IngestOptions::new(&key).with_budget(Some(MemoryBudget {
        limit: 5_000_000,
        used: &used,
    }));
    let input = Counting {
        inner: file.as_slice(),
        read: &read,
    };
    let ingested = ingest(input, &options).expect("read");
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 60_000);
    assert_eq!(read.get(), 4_020_069);
}

#[test]
fn json_files_stop_the_same_way() {
    // Compliance log lines of 200 bytes each: a 2 MB budget stops a 10 MB file at the first
    // check past 3 MB, and the file is refused whatever the JSON reader kept before it.
    let mut file = Vec::new();
    for i in 0..50_000u32 {
        let line = format!(
            "{{\"event_id\":\"e{i:07}\",\"type\":\"CONVERSATION_MESSAGE\",\"principal\":{{\"id\":\"w\"}},\"actor\":{{\"user_email\":\"p{i:07}@x.example\"}},\"timestamp\":\"2026-11-10T09:00:00Z\",\"message\":{{\"author\":{{\"type\":\"user\"}}}}}}"
        );
        file.extend_from_slice(format!("{line:<199}\n").as_bytes());
    }
    assert_eq!(file.len(), 10_000_000);
    let read = Cell::new(0u64);
    let used = || read.get();
    let key = common::key();
    let options = IngestOptions::new(&key).with_budget(Some(MemoryBudget {
        limit: 2_500_000,
        used: &used,
    }));
    let input = Counting {
        inner: file.as_slice(),
        read: &read,
    };
    let error = ingest(input, &options).expect_err("refused");
    assert_eq!(error.format, Some(FormatId::ChatgptComplianceLogsJsonl));
    assert!(
        error
            .error
            .message
            .starts_with("Reading stopped after 3 MB: "),
        "{}",
        error.error.message
    );
}
