//! JSON records, streamed: NDJSON (one object per line), a JSON array, an API page
//! (`{"object":"page","data":[…]}`), an object wrapping an array (`{"day_totals":[…]}`,
//! `{"seats":[…]}`), or several of these concatenated. Each record's bytes are handed to the
//! caller one at a time, so a file of any size is never materialised; the envelope's small
//! values (`object`, `has_more`, `report_day`…) are kept.
//!
//! The scanner only tracks strings and nesting: the caller parses each record with serde_json.

use super::FileError;
use std::io::Read;

/// One record: its bytes, its position and the envelope it came in.
pub struct Record<'a> {
    pub bytes: &'a [u8],
    /// 1-based line where the record starts (NDJSON line numbers).
    pub line: u64,
    /// 0-based index of the record in the file.
    pub index: u64,
    /// Small values of the enclosing object (e.g. `report_start_day`), as raw JSON.
    pub envelope: &'a [(String, Vec<u8>)],
}

impl Record<'_> {
    /// Where a record is, for messages: "line 12" for NDJSON, "record 12" inside an array.
    pub fn place(&self) -> String {
        format!("line {}", self.line)
    }

    /// An envelope value parsed as a string, if present.
    pub fn envelope_str(&self, key: &str) -> Option<String> {
        self.envelope
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| serde_json::from_slice::<String>(v).ok())
    }
}

/// Largest envelope value kept (bigger ones are skipped) and largest record accepted.
const ENVELOPE_VALUE_MAX: usize = 64 * 1024;
pub const RECORD_MAX: usize = 64 * 1024 * 1024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mode {
    /// Between top-level values.
    Top,
    /// Inside a top-level object, buffering it (it may be a record itself).
    Object,
    /// Inside the wanted array of a top-level object (or a root array): records are elements.
    Array,
}

/// Reads `reader` and calls `on_record` for every record. `array_keys` are the keys whose
/// array value holds the records when a top-level object has one (e.g. `["data"]`).
/// Returns how many records were seen. A record cut off by the end of the file is reported
/// as an error after the complete ones were handed over.
pub fn for_each_record<R: Read>(
    mut reader: R,
    array_keys: &[&str],
    mut on_record: impl FnMut(Record<'_>),
) -> Result<u64, FileError> {
    let mut chunk = vec![0u8; 256 * 1024];
    let mut state = Scanner::new(array_keys);
    loop {
        let n = reader.read(&mut chunk)?;
        if n == 0 {
            break;
        }
        state.feed(&chunk[..n], &mut on_record)?;
    }
    state.finish()
}

struct Scanner<'k> {
    array_keys: &'k [&'k str],
    mode: Mode,
    depth: u32,
    in_string: bool,
    escaped: bool,
    line: u64,
    index: u64,
    /// The record (or top-level object) being collected.
    buffer: Vec<u8>,
    record_line: u64,
    /// Depth at which array elements sit (1 for a root array, 2 inside an object).
    element_depth: u32,
    /// Inside an object at depth 1: the last key read and where its value started.
    key: Option<String>,
    key_start: usize,
    value_start: Option<usize>,
    envelope: Vec<(String, Vec<u8>)>,
    /// Set when a top-level object turned out to wrap the record array.
    wrapped: bool,
}

impl<'k> Scanner<'k> {
    fn new(array_keys: &'k [&'k str]) -> Self {
        Scanner {
            array_keys,
            mode: Mode::Top,
            depth: 0,
            in_string: false,
            escaped: false,
            line: 1,
            index: 0,
            buffer: Vec::new(),
            record_line: 1,
            element_depth: 0,
            key: None,
            key_start: 0,
            value_start: None,
            envelope: Vec::new(),
            wrapped: false,
        }
    }

    fn emit(&mut self, on_record: &mut impl FnMut(Record<'_>)) {
        let bytes = trim(&self.buffer);
        if !bytes.is_empty() {
            on_record(Record {
                bytes,
                line: self.record_line,
                index: self.index,
                envelope: &self.envelope,
            });
            self.index += 1;
        }
        self.buffer.clear();
    }

    /// Steps through `bytes`; runs that [`Scanner::step`] would only copy into the buffer
    /// (the inside of a string up to a quote or backslash, and an object's bytes between
    /// structural characters) are copied whole.
    fn feed(
        &mut self,
        mut bytes: &[u8],
        on_record: &mut impl FnMut(Record<'_>),
    ) -> Result<(), FileError> {
        while let Some(&first) = bytes.first() {
            if self.mode == Mode::Object && self.depth >= 2 {
                let taken = self.nested_run(bytes);
                self.copy(&bytes[..taken])?;
                bytes = &bytes[taken..];
                continue;
            }
            let plain = if self.in_string && !self.escaped {
                memchr::memchr2(b'"', b'\\', bytes).unwrap_or(bytes.len())
            } else if !self.in_string && self.mode == Mode::Object {
                bytes
                    .iter()
                    .position(|&b| matches!(b, b'"' | b':' | b',' | b'{' | b'}' | b'[' | b']'))
                    .unwrap_or(bytes.len())
            } else {
                0
            };
            if plain > 0 {
                self.copy(&bytes[..plain])?;
                bytes = &bytes[plain..];
            } else {
                self.step(first, on_record)?;
                bytes = &bytes[1..];
            }
        }
        Ok(())
    }

    /// Inside a top-level object below its own keys (depth 2 and more), `step` only tracks
    /// strings and nesting: this does the same in one loop, up to the byte that brings the
    /// depth back to 1 (included) or the end of `bytes`, and says how many bytes it took (at
    /// least one), for [`Scanner::copy`] to keep.
    fn nested_run(&mut self, bytes: &[u8]) -> usize {
        let (mut depth, mut in_string, mut escaped) = (self.depth, self.in_string, self.escaped);
        let mut taken = bytes.len();
        for (i, &byte) in bytes.iter().enumerate() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if byte == b'\\' {
                    escaped = true;
                } else if byte == b'"' {
                    in_string = false;
                }
                continue;
            }
            match byte {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 1 {
                        taken = i + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        (self.depth, self.in_string, self.escaped) = (depth, in_string, escaped);
        taken
    }

    /// What `step` does with bytes it only collects: count lines, check the size, keep them.
    fn copy(&mut self, bytes: &[u8]) -> Result<(), FileError> {
        self.line += memchr::memchr_iter(b'\n', bytes).count() as u64;
        self.check_size()?;
        self.buffer.extend_from_slice(bytes);
        Ok(())
    }

    /// Called for every structural byte: the comparison is inlined, the message built apart.
    #[inline]
    fn check_size(&self) -> Result<(), FileError> {
        if self.buffer.len() > RECORD_MAX {
            return Err(self.too_large());
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn too_large(&self) -> FileError {
        FileError::new(
            format!(
                "line {}: one JSON record is larger than {} MB, so reading stopped there ({}).",
                self.record_line,
                RECORD_MAX >> 20,
                complete_records(self.index)
            ),
            "Export the data again as NDJSON or in smaller pages.",
        )
    }

    fn step(&mut self, byte: u8, on_record: &mut impl FnMut(Record<'_>)) -> Result<(), FileError> {
        if byte == b'\n' {
            self.line += 1;
        }
        self.check_size()?;
        if self.in_string {
            self.collect(byte);
            if self.escaped {
                self.escaped = false;
            } else if byte == b'\\' {
                self.escaped = true;
            } else if byte == b'"' {
                self.in_string = false;
                self.string_ended();
            }
            return Ok(());
        }
        match self.mode {
            Mode::Top => match byte {
                b'{' => {
                    self.mode = Mode::Object;
                    self.depth = 1;
                    self.buffer.clear();
                    self.buffer.push(byte);
                    self.record_line = self.line;
                    self.envelope.clear();
                    self.wrapped = false;
                    self.key = None;
                    self.value_start = None;
                }
                b'[' => {
                    self.mode = Mode::Array;
                    self.depth = 1;
                    self.element_depth = 1;
                    self.envelope.clear();
                    self.buffer.clear();
                }
                b if b.is_ascii_whitespace()
                    || b == b','
                    || b == 0xEF
                    || b == 0xBB
                    || b == 0xBF => {}
                other => {
                    return Err(FileError::new(
                        format!(
                            "line {}: expected a JSON object or array, found {:?}.",
                            self.line,
                            char::from(other)
                        ),
                        "Check that the file is the JSON or NDJSON export as downloaded.",
                    ))
                }
            },
            Mode::Object => self.object_byte(byte),
            Mode::Array => self.array_byte(byte, on_record),
        }
        if self.mode == Mode::Object && self.depth == 0 {
            // The top-level object ended without wrapping an array: it is a record itself.
            self.mode = Mode::Top;
            if !self.wrapped {
                self.emit(on_record);
            }
            self.buffer.clear();
        }
        Ok(())
    }

    fn collect(&mut self, byte: u8) {
        // Inside a string: every byte belongs to the object or record being collected.
        self.buffer.push(byte);
    }

    fn string_ended(&mut self) {
        // A key at depth 1 of a top-level object: remember it.
        if self.mode == Mode::Object && self.depth == 1 && self.value_start.is_none() {
            let text = &self.buffer[self.key_start..];
            self.key = serde_json::from_slice::<String>(text).ok();
        }
    }

    fn object_byte(&mut self, byte: u8) {
        match byte {
            b'"' => {
                if self.depth == 1 && self.value_start.is_none() {
                    self.key_start = self.buffer.len();
                }
                self.in_string = true;
                self.buffer.push(byte);
            }
            b':' if self.depth == 1 => {
                self.buffer.push(byte);
                self.value_start = Some(self.buffer.len());
            }
            b'[' if self.depth == 1 && self.value_start.is_some() && self.is_record_key() => {
                // The records are this array's elements; what came before is envelope.
                self.envelope_from_buffer();
                self.wrapped = true;
                self.mode = Mode::Array;
                self.depth = 2;
                self.element_depth = 2;
                self.buffer.clear();
                self.key = None;
                self.value_start = None;
            }
            b'{' | b'[' => {
                self.depth += 1;
                self.buffer.push(byte);
            }
            b'}' | b']' => {
                self.depth -= 1;
                self.buffer.push(byte);
                if self.depth == 0 && self.wrapped {
                    self.envelope_from_buffer();
                }
            }
            b',' if self.depth == 1 => {
                self.buffer.push(byte);
                self.key = None;
                self.value_start = None;
            }
            _ => self.buffer.push(byte),
        }
    }

    fn is_record_key(&self) -> bool {
        self.key
            .as_deref()
            .is_some_and(|k| self.array_keys.contains(&k))
    }

    /// Keeps the small `key: value` pairs buffered so far (after the wrapped array too).
    fn envelope_from_buffer(&mut self) {
        let text = std::mem::take(&mut self.buffer);
        let mut body = trim(&text);
        if body.first() == Some(&b'{') {
            body = &body[1..];
        }
        if body.last() == Some(&b'}') {
            body = &body[..body.len() - 1];
        }
        // Parse the pairs with serde_json by wrapping them as an object; a pair whose value is
        // cut (the key of the record array itself) is dropped first.
        let mut candidate = body.to_vec();
        while let Some(b',' | b' ' | b'\n' | b'\r' | b'\t') = candidate.last() {
            candidate.pop();
        }
        if let Some(cut) = find_trailing_key(&candidate) {
            candidate.truncate(cut);
        }
        let mut wrapped = Vec::with_capacity(candidate.len() + 2);
        wrapped.push(b'{');
        wrapped.extend_from_slice(trim_commas(&candidate));
        wrapped.push(b'}');
        if let Ok(serde_json::Value::Object(map)) =
            serde_json::from_slice::<serde_json::Value>(&wrapped)
        {
            for (key, value) in map {
                let raw = serde_json::to_vec(&value).unwrap_or_default();
                if raw.len() <= ENVELOPE_VALUE_MAX {
                    self.envelope.push((key, raw));
                }
            }
        }
    }

    fn array_byte(&mut self, byte: u8, on_record: &mut impl FnMut(Record<'_>)) {
        let at_element_level = self.depth == self.element_depth;
        match byte {
            b'"' => {
                if at_element_level && self.buffer.is_empty() {
                    self.record_line = self.line;
                }
                self.in_string = true;
                self.buffer.push(byte);
            }
            b'{' | b'[' => {
                if at_element_level {
                    self.record_line = self.line;
                }
                self.depth += 1;
                self.buffer.push(byte);
            }
            b'}' | b']' => {
                if at_element_level {
                    // The array ends.
                    self.emit(on_record);
                    self.depth -= 1;
                    if self.element_depth == 2 {
                        // Back inside the wrapping object: collect the rest as envelope.
                        self.mode = Mode::Object;
                        self.buffer.clear();
                        self.buffer.push(b'{');
                        self.value_start = None;
                        self.key = None;
                    } else {
                        self.mode = Mode::Top;
                        self.depth = 0;
                    }
                } else {
                    self.depth -= 1;
                    self.buffer.push(byte);
                    if self.depth == self.element_depth {
                        self.emit(on_record);
                    }
                }
            }
            b',' if at_element_level => self.emit(on_record),
            b if at_element_level && b.is_ascii_whitespace() => {}
            _ => {
                if at_element_level && self.buffer.is_empty() {
                    self.record_line = self.line;
                }
                self.buffer.push(byte);
            }
        }
    }

    fn finish(self) -> Result<u64, FileError> {
        if self.mode != Mode::Top || self.in_string {
            return Err(FileError::new(
                format!(
                    "line {}: the file ends in the middle of a JSON record ({}).",
                    self.line,
                    complete_records(self.index)
                ),
                "The download may have been cut short: download the export again.",
            ));
        }
        Ok(self.index)
    }
}

/// "3 complete records were read", for the messages of a file cut short.
fn complete_records(count: u64) -> String {
    match count {
        1 => "1 complete record was read".into(),
        n => format!("{n} complete records were read"),
    }
}

/// A note that counts complete records ([`complete_records`]), from a later part of a file
/// read in parts (`engine::split`), with the `before` records of the parts before it counted
/// in; `None` for any other note.
pub fn count_records_before(note: &str, before: u64) -> Option<String> {
    let open = note.find(" (")? + 2;
    let digits = note[open..].bytes().take_while(u8::is_ascii_digit).count();
    let count: u64 = note[open..open + digits].parse().ok()?;
    let rest = &note[open + digits..];
    if !rest.starts_with(" complete record") {
        return None;
    }
    let tail = rest.find(" read)")? + " read".len();
    Some(format!(
        "{}{}{}",
        &note[..open],
        complete_records(count.saturating_add(before)),
        &rest[tail..]
    ))
}

/// True for the errors after which the records already handed over stand: the file ended
/// mid-record, or a record was too large to keep.
pub fn keeps_complete_records(error: &FileError) -> bool {
    error.message.contains("ends in the middle") || error.message.contains("reading stopped there")
}

fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let end = bytes
        .iter()
        .rposition(|b| !b.is_ascii_whitespace())
        .map_or(start, |e| e + 1);
    &bytes[start..end]
}

fn trim_commas(bytes: &[u8]) -> &[u8] {
    let mut b = trim(bytes);
    while let Some((&first, rest)) = b.split_first() {
        if first == b',' {
            b = trim(rest);
        } else {
            break;
        }
    }
    while let Some((&last, rest)) = b.split_last() {
        if last == b',' {
            b = trim(rest);
        } else {
            break;
        }
    }
    b
}

/// If the text ends with `"key":` (a value that was cut), where that key starts.
fn find_trailing_key(bytes: &[u8]) -> Option<usize> {
    let trimmed = trim(bytes);
    if trimmed.last() != Some(&b':') {
        return None;
    }
    let before = &trimmed[..trimmed.len() - 1];
    let before = trim(before);
    if before.last() != Some(&b'"') {
        return None;
    }
    let mut i = before.len() - 1;
    while i > 0 {
        i -= 1;
        if before[i] == b'"' && (i == 0 || before[i - 1] != b'\\') {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    type Seen = (Vec<(String, u64)>, Result<u64, FileError>, Vec<String>);

    fn records(text: &str, keys: &[&str]) -> Seen {
        let mut out = Vec::new();
        let mut envelope = Vec::new();
        let result = for_each_record(text.as_bytes(), keys, |r| {
            out.push((String::from_utf8_lossy(r.bytes).into_owned(), r.line));
            envelope = r
                .envelope
                .iter()
                .map(|(k, v)| format!("{k}={}", String::from_utf8_lossy(v)))
                .collect();
        });
        (out, result, envelope)
    }

    /// A reader that hands out at most `size` bytes per read, to cut records anywhere.
    struct Trickle<'a> {
        bytes: &'a [u8],
        size: usize,
    }

    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.size.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    #[test]
    fn records_are_the_same_however_the_stream_is_cut() {
        // Nesting, escaped quotes and backslashes, brackets inside strings, a line break
        // inside a nested value, a page envelope and a cut-off last record.
        let text = concat!(
            r#"{"a":{"b":[1,{"c":"}]\\\"{["}],"d":"x\""},"e":2}"#,
            "\n",
            r#"{"object":"page","data":[{"n":{"m":"#,
            "\n",
            r#"[1]}},{"n":2}],"has_more":false}"#,
            "\n",
            r#"{"z":{"y":["cut"#
        );
        let whole = records(text, &["data"]);
        assert_eq!(whole.0.len(), 3, "{:?}", whole.1);
        for size in 1..=9 {
            let mut out = Vec::new();
            let mut envelope = Vec::new();
            let reader = Trickle {
                bytes: text.as_bytes(),
                size,
            };
            let result = for_each_record(reader, &["data"], |r| {
                out.push((String::from_utf8_lossy(r.bytes).into_owned(), r.line));
                envelope = r
                    .envelope
                    .iter()
                    .map(|(k, v)| format!("{k}={}", String::from_utf8_lossy(v)))
                    .collect();
            });
            assert_eq!(out, whole.0, "{size}-byte reads");
            assert_eq!(envelope, whole.2, "{size}-byte reads");
            assert_eq!(
                result.map_err(|e| e.message),
                whole.1.clone().map_err(|e| e.message)
            );
        }
    }

    #[test]
    fn ndjson_lines_are_records_with_line_numbers() {
        let (out, result, _) = records(
            "{\"a\":1}\n\n{\"a\":\"x}\\\"{\"}\r\n{\"b\":[1,{\"c\":2}]}\n",
            &["data"],
        );
        assert_eq!(
            out,
            vec![
                ("{\"a\":1}".into(), 1),
                ("{\"a\":\"x}\\\"{\"}".into(), 3),
                ("{\"b\":[1,{\"c\":2}]}".into(), 4)
            ]
        );
        assert_eq!(result.ok(), Some(3));
    }

    #[test]
    fn arrays_pages_and_wrapped_arrays() {
        let (out, _, _) = records("[{\"a\":1},\n {\"a\":2}]", &["data"]);
        assert_eq!(
            out.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(),
            vec!["{\"a\":1}", "{\"a\":2}"]
        );
        let page = "{\"object\":\"page\",\"data\":[{\"a\":[1,2]},{\"a\":{\"b\":[]}}],\"has_more\":false,\"next_page\":null}";
        let (out, result, envelope) = records(page, &["data"]);
        assert_eq!(
            out.iter().map(|o| o.0.as_str()).collect::<Vec<_>>(),
            vec!["{\"a\":[1,2]}", "{\"a\":{\"b\":[]}}"]
        );
        assert_eq!(result.ok(), Some(2));
        // The envelope seen by the last record includes keys before the array; keys after it
        // are read when the object closes.
        assert_eq!(envelope, vec!["object=\"page\""]);
        let (out, _, _) = records(
            "{\"report_day\":\"2026-05-07\",\"day_totals\":[{\"day\":\"2026-05-07\"}]}",
            &["day_totals"],
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn an_object_without_the_array_key_is_itself_a_record() {
        let (out, _, _) = records(
            "{\"user_login\":\"x\",\"totals_by_ide\":[{\"ide\":\"vscode\"}]}",
            &["data"],
        );
        assert_eq!(out.len(), 1);
        assert!(out[0].0.starts_with("{\"user_login\""));
    }

    #[test]
    fn truncated_json_keeps_complete_records_and_says_so() {
        let (out, result, _) = records("[{\"a\":1},{\"a\":2},{\"a\":", &["data"]);
        assert_eq!(out.len(), 2);
        let error = result.expect_err("truncated");
        assert!(
            error
                .message
                .contains("ends in the middle of a JSON record (2 complete records were read)"),
            "{}",
            error.message
        );
        let (out, result, _) = records("{\"a\":1}\n{\"a\":2", &["data"]);
        assert_eq!((out.len(), result.is_err()), (1, true));
    }
}
