//! The loop every JSON parser shares: stream the records, parse each into the parser's own
//! serde type (unknown keys ignored, missing optional keys `None`), and turn a record that does
//! not fit, or a file cut short, into diagnostics instead of a failure.

use super::records::{for_each_record, keeps_complete_records, Record};
use super::{Diagnostics, FileError};
use serde::de::{DeserializeOwned, Deserializer, Visitor};
use serde::Deserialize;
use std::borrow::Cow;
use std::fmt;
use std::io::Read;

/// Calls `row` for every record that parses as `T`; skips (with line and reason) those that do
/// not. A file that ends mid-record keeps the complete records and says so.
pub fn each_record<T: DeserializeOwned>(
    reader: &mut dyn Read,
    array_keys: &[&str],
    diagnostics: &mut Diagnostics,
    mut row: impl FnMut(T, &Record<'_>, &mut Diagnostics),
) -> Result<(), FileError> {
    each_raw_record(reader, array_keys, diagnostics, |record, diagnostics| {
        match serde_json::from_slice::<T>(record.bytes) {
            Ok(value) => row(value, record, diagnostics),
            Err(error) => diagnostics.skip(record.line, None, json_reason(&error)),
        }
    })
}

/// Calls `row` with every record's bytes, for a parser whose type borrows its strings from
/// them (`#[serde(borrow)]`, no copy per field); the end of the file as [`each_record`].
pub fn each_raw_record(
    reader: &mut dyn Read,
    array_keys: &[&str],
    diagnostics: &mut Diagnostics,
    mut row: impl FnMut(&Record<'_>, &mut Diagnostics),
) -> Result<(), FileError> {
    let mut records = 0;
    let outcome = for_each_record(reader, array_keys, |record| {
        records += 1;
        row(&record, diagnostics)
    });
    diagnostics.tallies.records += records;
    match outcome {
        Ok(_) => Ok(()),
        Err(error) if keeps_complete_records(&error) => {
            diagnostics.rows_skipped += 1;
            diagnostics.tallies.stopped = true;
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

/// A JSON string borrowed from the record's bytes, or copied when it holds escapes (serde's
/// own `Cow<str>` always copies). Read like a `String` field: the same errors for a value
/// that is not a string.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonStr<'a>(pub Cow<'a, str>);

impl std::ops::Deref for JsonStr<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for JsonStr<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(JsonStrVisitor)
    }
}

struct JsonStrVisitor;

impl<'de> Visitor<'de> for JsonStrVisitor {
    type Value = JsonStr<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, text: &'de str) -> Result<Self::Value, E> {
        Ok(JsonStr(Cow::Borrowed(text)))
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Self::Value, E> {
        Ok(JsonStr(Cow::Owned(text.to_string())))
    }

    fn visit_string<E: serde::de::Error>(self, text: String) -> Result<Self::Value, E> {
        Ok(JsonStr(Cow::Owned(text)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_strings_borrow_unless_escaped_and_fail_as_strings_do() {
        let plain: JsonStr<'_> = serde_json::from_str(r#""alice@example.com""#).expect("plain");
        assert!(matches!(plain.0, Cow::Borrowed("alice@example.com")));
        let escaped: JsonStr<'_> = serde_json::from_str(r#""tab\there""#).expect("escaped");
        assert_eq!(&*escaped, "tab\there");
        let as_json_str = serde_json::from_str::<JsonStr<'_>>("5")
            .map(|text| text.0.into_owned())
            .map_err(|e| e.to_string());
        let as_string = serde_json::from_str::<String>("5").map_err(|e| e.to_string());
        assert_eq!(as_json_str, as_string);
        assert_eq!(
            as_string,
            Err("invalid type: integer `5`, expected a string at line 1 column 1".into())
        );
    }
}
