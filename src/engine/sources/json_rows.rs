//! The loop every JSON parser shares: stream the records, parse each into the parser's own
//! serde type (unknown keys ignored, missing optional keys `None`), and turn a record that does
//! not fit, or a file cut short, into diagnostics instead of a failure.

use super::records::{for_each_record, keeps_complete_records, Record};
use super::{Diagnostics, FileError};
use serde::de::DeserializeOwned;
use std::io::Read;

/// Calls `row` for every record that parses as `T`; skips (with line and reason) those that do
/// not. A file that ends mid-record keeps the complete records and says so.
pub fn each_record<T: DeserializeOwned>(
    reader: &mut dyn Read,
    array_keys: &[&str],
    diagnostics: &mut Diagnostics,
    mut row: impl FnMut(T, &Record<'_>, &mut Diagnostics),
) -> Result<(), FileError> {
    let outcome = for_each_record(reader, array_keys, |record| {
        match serde_json::from_slice::<T>(record.bytes) {
            Ok(value) => row(value, &record, diagnostics),
            Err(error) => diagnostics.skip(record.line, None, json_reason(&error)),
        }
    });
    match outcome {
        Ok(_) => Ok(()),
        Err(error) if keeps_complete_records(&error) => {
            diagnostics.rows_skipped += 1;
            diagnostics.note(format!("{} {}", error.message, error.hint));
            Ok(())
        }
        Err(error) => Err(error),
    }
}

/// serde_json's message without its own position (which is relative to the record).
pub fn json_reason(error: &serde_json::Error) -> String {
    let text = error.to_string();
    match text.find(" at line ") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}
