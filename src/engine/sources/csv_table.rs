//! CSV as exports and spreadsheets write it: `,` `;` or tab delimiters, CRLF, quoted newlines,
//! extra or reordered columns. Columns are found by name, never by position.

use super::FileError;
use crate::engine::text::decode_field;
use std::borrow::Cow;
use std::io::Read;

/// Lower-cases and keeps only letters and digits: `Email_-_Primary_Work` → `emailprimarywork`.
pub fn normalise_name(name: &str) -> String {
    let name = name.trim_start_matches('\u{feff}');
    if name.is_ascii() {
        // Every header the exports write: a byte at a time, no Unicode tables.
        return name
            .bytes()
            .filter(u8::is_ascii_alphanumeric)
            .map(|b| char::from(b.to_ascii_lowercase()))
            .collect();
    }
    name.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The delimiter of a CSV file, from its first line: the most frequent of `,` `;` tab outside
/// quotes (comma on a tie).
pub fn sniff_delimiter(head: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for ch in head.chars() {
        match ch {
            '"' => quoted = !quoted,
            '\n' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3)
        .max_by_key(|&i| (counts[i], usize::from(i == 0)))
        .unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// A header row: the names as written and their normalised forms.
#[derive(Clone, Debug, PartialEq)]
pub struct Header {
    pub names: Vec<String>,
    normalised: Vec<String>,
}

impl Header {
    pub fn new(names: Vec<String>) -> Header {
        let normalised = names.iter().map(|n| normalise_name(n)).collect();
        Header { names, normalised }
    }

    /// The first column whose normalised name equals one of `aliases` (tried in order).
    pub fn find(&self, aliases: &[&str]) -> Option<usize> {
        aliases.iter().find_map(|alias| {
            let alias = normalise_name(alias);
            self.normalised.iter().position(|n| *n == alias)
        })
    }

    pub fn has(&self, name: &str) -> bool {
        self.find(&[name]).is_some()
    }

    pub fn name(&self, index: usize) -> &str {
        self.names.get(index).map_or("", String::as_str)
    }
}

/// The longest line read (quoted line breaks start a new line): no export writes rows near
/// this, and a file that does is not a CSV export; it is refused before it is buffered.
pub const LINE_MAX: usize = 1 << 20;

/// Reads a CSV stream row by row after its header.
pub struct CsvTable<R: Read> {
    reader: csv::Reader<LfReader<R>>,
    pub header: Header,
    record: csv::ByteRecord,
    /// Set once the header's problems were noted in the diagnostics.
    header_noted: bool,
    /// Set once a row that is not UTF-8 (read as Windows-1252) was noted.
    legacy_noted: bool,
    /// Set after an unreadable stream (a line over [`LINE_MAX`]): no more rows are read.
    stopped: bool,
    delimiter: u8,
}

/// One data row: its fields and the line it starts on.
pub struct Row<'a> {
    record: &'a csv::ByteRecord,
    /// The record's fields end to end, when they are UTF-8 (validated once per row).
    text: Option<&'a str>,
    pub line: u64,
}

impl<'a> Row<'a> {
    fn new(record: &'a csv::ByteRecord, line: u64) -> Self {
        let text = std::str::from_utf8(record.as_slice()).ok();
        Row { record, text, line }
    }

    /// The decoded text of a column ("" when the column is absent or the row is short). A
    /// field of a UTF-8 row is cut from the row's text, not validated again.
    pub fn get(&self, column: Option<usize>) -> Cow<'_, str> {
        let Some(column) = column else {
            return Cow::Borrowed("");
        };
        let field = self.text.zip(self.record.range(column));
        if let Some(field) = field.and_then(|(text, range)| text.get(range)) {
            return Cow::Borrowed(field);
        }
        match self.record.get(column) {
            Some(bytes) => decode_field(bytes),
            None => Cow::Borrowed(""),
        }
    }

    pub fn len(&self) -> usize {
        self.record.len()
    }

    pub fn is_empty(&self) -> bool {
        self.record
            .iter()
            .all(|f| f.iter().all(u8::is_ascii_whitespace))
    }
}

impl<R: Read> CsvTable<R> {
    /// Reads the header. `Err` when the file has no header row.
    pub fn open(reader: R, delimiter: u8) -> Result<Self, FileError> {
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(LfReader::new(reader));
        let mut record = csv::ByteRecord::new();
        loop {
            let more = reader.read_byte_record(&mut record).map_err(csv_error)?;
            if !more {
                return Err(FileError::new(
                    "The file is empty: it has no header row.",
                    "Export the file again from the vendor's console and add it again.",
                ));
            }
            if record
                .iter()
                .any(|f| !f.iter().all(u8::is_ascii_whitespace))
            {
                break;
            }
        }
        let names = record
            .iter()
            .map(|f| decode_field(f).trim().to_string())
            .collect();
        Ok(CsvTable {
            reader,
            header: Header::new(names),
            record,
            header_noted: false,
            legacy_noted: false,
            stopped: false,
            delimiter,
        })
    }

    /// Columns named twice (after normalising): only the first of each is read.
    fn note_duplicate_columns(&self, diagnostics: &mut super::Diagnostics) {
        for (index, name) in self.header.normalised.iter().enumerate() {
            let first = self.header.normalised.iter().position(|n| n == name);
            if name.is_empty() || first == Some(index) {
                continue;
            }
            let first = first.unwrap_or(index);
            diagnostics.note(format!(
                "line 1: column \"{}\" appears twice (columns {} and {}): only column {} was read.",
                self.header.name(index),
                first + 1,
                index + 1,
                first + 1
            ));
        }
    }

    /// The next readable data row; a line that cannot be read is recorded as skipped, with its
    /// line and reason, and passed over.
    pub fn next_readable(&mut self, diagnostics: &mut super::Diagnostics) -> Option<Row<'_>> {
        if !self.header_noted {
            self.header_noted = true;
            self.note_duplicate_columns(diagnostics);
        }
        loop {
            match self.next_row_position() {
                None => return None,
                Some(Err((line, reason))) => diagnostics.skip(line, None, reason),
                Some(Ok(line)) => {
                    let row = Row::new(&self.record, line);
                    if !self.legacy_noted && row.text.is_none() {
                        self.legacy_noted = true;
                        diagnostics.note(format!(
                            "line {line}: the text is not UTF-8, so it was read as Windows-1252 (as Excel saves \"CSV\"). If names look wrong, save the file as \"CSV UTF-8\" and add it again."
                        ));
                    }
                    return Some(row);
                }
            }
        }
    }

    /// Reads the next record into `self.record`: its line, or the unreadable line and reason.
    fn next_row_position(&mut self) -> Option<Result<u64, (u64, String)>> {
        if self.stopped {
            return None;
        }
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return None,
                Ok(true) => {
                    let blank = self
                        .record
                        .iter()
                        .all(|f| f.iter().all(u8::is_ascii_whitespace));
                    if blank {
                        continue;
                    }
                    // csv reports where the blank lines before a record start; count back from
                    // the end instead: the line after the record, less its quoted newlines.
                    // (The record's fields are stored end to end: one search covers them all.)
                    let inside = memchr::memchr_iter(b'\n', self.record.as_slice()).count() as u64;
                    let after = self.reader.position().line();
                    let cut = self.ends_unterminated();
                    let terminated = u64::from(!cut && !self.reader.is_done());
                    let line = after.saturating_sub(inside + terminated).max(1);
                    if let Some(reason) = self.width_problem(cut) {
                        return Some(Err((line, reason)));
                    }
                    return Some(Ok(line));
                }
                Err(error) => {
                    if let csv::ErrorKind::Io(io) = error.kind() {
                        // The stream cannot be resumed mid-record: stop at the line it began.
                        self.stopped = true;
                        let line = self.reader.position().line().max(2);
                        return Some(Err((
                            line,
                            format!("{io}; the rest of the file was not read"),
                        )));
                    }
                    let line = error.position().map_or(0, |p| p.line());
                    return Some(Err((line, error.to_string())));
                }
            }
        }
    }

    /// The next data row; blank lines are passed over. `Err` is a line that cannot be read: a
    /// row with fewer fields than the header, or with more that are not empty (a value with an
    /// unquoted delimiter), or a line too long to be a CSV row (reading stops there).
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, (u64, String)>> {
        let line = self.next_row_position()?;
        Some(line.map(|line| Row::new(&self.record, line)))
    }

    /// True when the record just read is the file's last and no line break ends it.
    fn ends_unterminated(&self) -> bool {
        let source = self.reader.get_ref();
        source.at_end && self.reader.position().byte() == source.bytes_out && !source.ended_line
    }

    /// Why the record just read does not fit the header, if it does not.
    fn width_problem(&self, last: bool) -> Option<String> {
        let (found, expected) = (self.record.len(), self.header.names.len());
        if found < expected && last {
            return Some(format!(
                "the file ends in the middle of this row ({found} of {expected} fields): the download may have been cut short; download the export again"
            ));
        }
        if found < expected {
            return Some(format!(
                "{found} fields where the header has {expected}: the row is cut short; export the file again"
            ));
        }
        let extra_filled = self
            .record
            .iter()
            .skip(expected)
            .any(|f| !f.iter().all(u8::is_ascii_whitespace));
        extra_filled.then(|| {
            let delimiter = match self.delimiter {
                b'\t' => "tab".to_string(),
                other => format!("\"{}\"", char::from(other)),
            };
            format!(
                "{found} fields where the header has {expected}: a value holds an unquoted {delimiter}; quote it (or save the file again as CSV) and add it again"
            )
        })
    }
}

/// Turns CRLF line ends into LF, so that the line numbers csv reports are the lines a person
/// sees in an editor (csv counts a CRLF record's start one line early).
/// It also refuses a line longer than [`LINE_MAX`] (an error, once it is seen), so that csv
/// never buffers more than that for one record.
pub struct LfReader<R> {
    inner: R,
    held_cr: bool,
    /// Bytes handed out since the last line feed.
    line_bytes: usize,
    /// Bytes handed out in all; the inner reader is exhausted; the last byte ended a line.
    bytes_out: u64,
    at_end: bool,
    ended_line: bool,
}

impl<R: Read> LfReader<R> {
    pub fn new(inner: R) -> Self {
        LfReader {
            inner,
            held_cr: false,
            line_bytes: 0,
            bytes_out: 0,
            at_end: false,
            ended_line: true,
        }
    }

    fn count_line(&mut self, out: &[u8]) -> std::io::Result<()> {
        if out.is_empty() {
            self.at_end = true;
            return Ok(());
        }
        self.bytes_out += out.len() as u64;
        self.ended_line = matches!(out.last(), Some(b'\n' | b'\r'));
        self.line_bytes = match memchr::memrchr(b'\n', out) {
            Some(at) => out.len() - at - 1,
            None => self.line_bytes.saturating_add(out.len()),
        };
        if self.line_bytes > LINE_MAX {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                format!(
                    "a line longer than {} MiB without a line break, which no CSV export writes",
                    LINE_MAX >> 20
                ),
            ));
        }
        Ok(())
    }
}

impl<R: Read> Read for LfReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            let n = self.inner.read(buf)?;
            self.count_line(&buf[..n])?;
            return Ok(n);
        }
        loop {
            let start = usize::from(self.held_cr);
            if self.held_cr {
                buf[0] = b'\r';
            }
            let n = self.inner.read(&mut buf[start..])?;
            if n == 0 {
                self.held_cr = false;
                self.count_line(&buf[..start])?;
                if start == 0 {
                    self.at_end = true;
                }
                return Ok(start);
            }
            let end = start + n;
            let mut write = drop_crlf_carriage_returns(&mut buf[..end]);
            // A CR at the very end may be the first half of a CRLF: hold it back.
            self.held_cr = write > 0 && buf[write - 1] == b'\r';
            if self.held_cr {
                write -= 1;
            }
            if write > 0 {
                self.count_line(&buf[..write])?;
                return Ok(write);
            }
        }
    }
}

/// Removes every CR that a LF follows, in place, and returns the length left. The runs between
/// CRs are moved whole (a file with LF line ends is not moved at all).
fn drop_crlf_carriage_returns(buf: &mut [u8]) -> usize {
    let end = buf.len();
    let (mut read, mut write) = (0, 0);
    while let Some(offset) = memchr::memchr(b'\r', &buf[read..end]) {
        let cr = read + offset;
        buf.copy_within(read..cr, write);
        write += cr - read;
        if cr + 1 < end && buf[cr + 1] == b'\n' {
            read = cr + 1;
        } else {
            buf[write] = b'\r';
            write += 1;
            read = cr + 1;
        }
    }
    buf.copy_within(read..end, write);
    write + end - read
}

fn csv_error(error: csv::Error) -> FileError {
    match error.kind() {
        csv::ErrorKind::Io(io) => FileError::new(
            format!("The file could not be read: {io}."),
            "Add it again.",
        ),
        _ => FileError::new(
            format!("The CSV header could not be read: {error}."),
            "Check that the file is a CSV export.",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_ascii_names_as_the_unicode_rules_do() {
        let by_chars = |name: &str| -> String {
            name.trim_start_matches('\u{feff}')
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        let names = [
            "Email_-_Primary_Work",
            "\u{feff}User ID",
            "  Messages (7d) ",
            "",
            "Département",
            "ÄÖÜ_ß İstanbul",
        ];
        for name in names {
            assert_eq!(normalise_name(name), by_chars(name), "{name:?}");
        }
        for byte in 0u8..128 {
            let name = format!("a{}B", char::from(byte));
            assert_eq!(normalise_name(&name), by_chars(&name), "byte {byte}");
        }
    }

    #[test]
    fn finds_columns_by_normalised_name() {
        let header = Header::new(vec!["Email_-_Primary_Work".into(), " Department ".into()]);
        assert_eq!(
            header.find(&["work email", "email - primary work"]),
            Some(0)
        );
        assert_eq!(header.find(&["DEPARTMENT"]), Some(1));
        assert_eq!(header.find(&["team"]), None);
    }

    #[test]
    fn crlf_becomes_lf_across_read_boundaries() {
        let data = b"a\r\nb\r\r\nc\r";
        let mut reader = LfReader::new(&data[..]);
        let mut out = Vec::new();
        let mut buf = [0u8; 2];
        loop {
            let n = reader.read(&mut buf).expect("slice");
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        assert_eq!(out, b"a\nb\r\nc\r");
    }

    #[test]
    fn carriage_returns_are_dropped_only_before_a_line_feed() {
        // "a\r\nb\rc\r\r\nd\r": the CRs at 1 and 7 are followed by LF and go; the lone CR
        // after b, the first of the two before the LF and the final one stay (11 - 2 = 9 bytes).
        let mut data = *b"a\r\nb\rc\r\r\nd\r";
        let kept = drop_crlf_carriage_returns(&mut data);
        assert_eq!(&data[..kept], b"a\nb\rc\r\nd\r");
        let mut plain = *b"no carriage returns\n";
        assert_eq!(drop_crlf_carriage_returns(&mut plain), plain.len());
        assert_eq!(drop_crlf_carriage_returns(&mut []), 0);
    }

    #[test]
    fn lf_reader_matches_a_byte_by_byte_reference_at_every_buffer_size() {
        // Inputs built from every sequence of 6 bytes over {a, CR, LF} (3^6 = 729), read
        // through buffers of 2 to 7 bytes: the output is the input less each CR before a LF.
        let alphabet = [b'a', b'\r', b'\n'];
        for code in 0..729usize {
            let input: Vec<u8> = (0..6).map(|i| alphabet[code / 3usize.pow(i) % 3]).collect();
            let expected: Vec<u8> = input
                .iter()
                .enumerate()
                .filter(|&(i, &b)| !(b == b'\r' && input.get(i + 1) == Some(&b'\n')))
                .map(|(_, &b)| b)
                .collect();
            for size in 2..8 {
                let mut reader = LfReader::new(&input[..]);
                let mut out = Vec::new();
                let mut buf = vec![0u8; size];
                loop {
                    let n = reader.read(&mut buf).expect("slice");
                    if n == 0 {
                        break;
                    }
                    out.extend_from_slice(&buf[..n]);
                }
                assert_eq!(out, expected, "{input:?} through {size}-byte reads");
            }
        }
    }

    #[test]
    fn fields_are_the_same_cut_from_the_row_or_decoded_alone() {
        // A UTF-8 row (accents, a quoted delimiter), then a Windows-1252 one (0xE9 is é).
        let mut data = "name,city\nJos\u{e9},\"Z\u{fc}rich, CH\"\n"
            .as_bytes()
            .to_vec();
        data.extend_from_slice(b"Ren\xe9,Li\xe8ge\n");
        let mut table = CsvTable::open(&data[..], b',').expect("header");
        let mut seen = Vec::new();
        while let Some(row) = table.next_row() {
            let row = row.expect("row");
            for column in [Some(0), Some(1), Some(2), None] {
                let alone = column
                    .and_then(|c| row.record.get(c))
                    .map_or(Cow::Borrowed(""), decode_field);
                assert_eq!(row.get(column), alone);
            }
            seen.push(format!("{}|{}", row.get(Some(0)), row.get(Some(1))));
        }
        assert_eq!(seen, ["José|Zürich, CH", "René|Liège"]);
    }

    #[test]
    fn sniffs_delimiters_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c\n1;2"), b',');
        assert_eq!(sniff_delimiter("a;b;\"c,d,e\"\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("single"), b',');
    }

    #[test]
    fn reads_rows_with_quoted_newlines_crlf_and_line_numbers() {
        let data = "email,note\r\na@x.com,\"two\r\nlines\"\r\n\r\nb@x.com,ok\r\n";
        let mut table = CsvTable::open(data.as_bytes(), b',').expect("header");
        let mut seen = Vec::new();
        while let Some(row) = table.next_row() {
            let row = row.expect("row");
            seen.push((
                row.line,
                row.get(Some(0)).into_owned(),
                row.get(Some(1)).into_owned(),
            ));
        }
        assert_eq!(
            seen,
            vec![
                (2, "a@x.com".into(), "two\nlines".into()),
                (5, "b@x.com".into(), "ok".into())
            ]
        );
    }
}
