//! CSV as exports and spreadsheets write it: `,` `;` or tab delimiters, CRLF, quoted newlines,
//! extra or reordered columns. Columns are found by name, never by position.

use super::FileError;
use crate::engine::text::decode_field;
use std::borrow::Cow;
use std::io::Read;

/// Lower-cases and keeps only letters and digits: `Email_-_Primary_Work` → `emailprimarywork`.
pub fn normalise_name(name: &str) -> String {
    name.trim_start_matches('\u{feff}')
        .chars()
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

/// Reads a CSV stream row by row after its header.
pub struct CsvTable<R: Read> {
    reader: csv::Reader<LfReader<R>>,
    pub header: Header,
    record: csv::ByteRecord,
}

/// One data row: its fields and the line it starts on.
pub struct Row<'a> {
    record: &'a csv::ByteRecord,
    pub line: u64,
}

impl Row<'_> {
    /// The decoded text of a column ("" when the column is absent or the row is short).
    pub fn get(&self, column: Option<usize>) -> Cow<'_, str> {
        match column.and_then(|c| self.record.get(c)) {
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
        })
    }

    /// The next readable data row; a line that cannot be read is recorded as skipped, with its
    /// line and reason, and passed over.
    pub fn next_readable(&mut self, diagnostics: &mut super::Diagnostics) -> Option<Row<'_>> {
        loop {
            match self.next_row_position() {
                None => return None,
                Some(Err((line, reason))) => diagnostics.skip(line, None, reason),
                Some(Ok(line)) => {
                    return Some(Row {
                        record: &self.record,
                        line,
                    })
                }
            }
        }
    }

    /// Reads the next record into `self.record`: its line, or the unreadable line and reason.
    fn next_row_position(&mut self) -> Option<Result<u64, (u64, String)>> {
        self.next_row().map(|row| row.map(|row| row.line))
    }

    /// The next data row; blank lines are passed over. `Err` is a line that cannot be read.
    pub fn next_row(&mut self) -> Option<Result<Row<'_>, (u64, String)>> {
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
                    let inside: u64 = self
                        .record
                        .iter()
                        .map(|f| f.iter().filter(|&&b| b == b'\n').count() as u64)
                        .sum();
                    let after = self.reader.position().line();
                    let terminated = u64::from(!self.reader.is_done());
                    let line = after.saturating_sub(inside + terminated).max(1);
                    return Some(Ok(Row {
                        record: &self.record,
                        line,
                    }));
                }
                Err(error) => {
                    let line = error.position().map_or(0, |p| p.line());
                    return Some(Err((line, error.to_string())));
                }
            }
        }
    }
}

/// Turns CRLF line ends into LF, so that the line numbers csv reports are the lines a person
/// sees in an editor (csv counts a CRLF record's start one line early).
pub struct LfReader<R> {
    inner: R,
    held_cr: bool,
}

impl<R: Read> LfReader<R> {
    pub fn new(inner: R) -> Self {
        LfReader {
            inner,
            held_cr: false,
        }
    }
}

impl<R: Read> Read for LfReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.len() < 2 {
            return self.inner.read(buf);
        }
        loop {
            let start = usize::from(self.held_cr);
            if self.held_cr {
                buf[0] = b'\r';
            }
            let n = self.inner.read(&mut buf[start..])?;
            if n == 0 {
                self.held_cr = false;
                return Ok(start);
            }
            let end = start + n;
            let mut write = 0;
            for read in 0..end {
                let byte = buf[read];
                if byte == b'\r' && read + 1 < end && buf[read + 1] == b'\n' {
                    continue;
                }
                buf[write] = byte;
                write += 1;
            }
            // A CR at the very end may be the first half of a CRLF: hold it back.
            self.held_cr = write > 0 && buf[write - 1] == b'\r';
            if self.held_cr {
                write -= 1;
            }
            if write > 0 {
                return Ok(write);
            }
        }
    }
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
