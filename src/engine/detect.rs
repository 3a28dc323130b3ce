//! Recognises a file's format from its content (never its name): the CSV header or the JSON
//! keys (FORMATS.md §10), after undoing any byte-order mark or UTF-16 encoding. When nothing
//! matches it names the closest supported format and what it lacked.

use super::sources::csv_table::{normalise_name, sniff_delimiter, CsvTable, Header};
use super::sources::{chatgpt_users_csv, hris};
use super::text::{head_text, Encoding};
use serde::{Deserialize, Serialize};
use std::fmt;

/// The format ids of DESIGN.md that this build reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormatId {
    #[serde(rename = "chatgpt.users_csv")]
    ChatgptUsersCsv,
    #[serde(rename = "hris")]
    Hris,
}

impl FormatId {
    pub const ALL: [FormatId; 2] = [FormatId::ChatgptUsersCsv, FormatId::Hris];

    pub fn id(self) -> &'static str {
        match self {
            FormatId::ChatgptUsersCsv => "chatgpt.users_csv",
            FormatId::Hris => "hris",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            FormatId::ChatgptUsersCsv => "ChatGPT workspace Users export (CSV)",
            FormatId::Hris => "HRIS roster (CSV)",
        }
    }

    /// The columns that identify the format, for "closest format" messages.
    fn signature(self) -> &'static [&'static str] {
        match self {
            FormatId::ChatgptUsersCsv => &[
                "period_start",
                "email",
                "messages",
                "user_status",
                "gpt_messages",
            ],
            FormatId::Hris => &["email", "department"],
        }
    }
}

impl fmt::Display for FormatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What the start of a file says it is.
#[derive(Clone, Debug, PartialEq)]
pub enum Detection {
    Csv {
        format: FormatId,
        delimiter: u8,
    },
    /// A CSV roster whose identifier column must be chosen in the mapper.
    CsvNeedsMapping {
        delimiter: u8,
    },
    Unknown {
        message: String,
        hint: String,
    },
}

/// Sniffs the first bytes of a file (64 KiB is plenty).
pub fn detect(head: &[u8]) -> Detection {
    if head.iter().all(u8::is_ascii_whitespace) {
        return unknown(
            "The file is empty.".into(),
            "Download the export again; a complete file has a header row and data.",
        );
    }
    if let Some(kind) = binary_kind(head) {
        return unknown(
            format!("This is a {kind}, not a usage export."),
            binary_hint(kind),
        );
    }
    let text = head_text(head);
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        return unknown(
            "This JSON file is not a format this version of Uptake reads yet.".into(),
            "Supported now: the ChatGPT workspace Users CSV and an HRIS CSV.",
        );
    }
    let delimiter = sniff_delimiter(&text);
    let Ok(table) = CsvTable::open(text.as_bytes(), delimiter) else {
        return unknown(
            "No header row was found.".into(),
            "Check that the file is a CSV export.",
        );
    };
    let header = &table.header.clone();
    if chatgpt_users_csv::matches(header) {
        return Detection::Csv {
            format: FormatId::ChatgptUsersCsv,
            delimiter,
        };
    }
    if hris::matches(header) {
        return Detection::Csv {
            format: FormatId::Hris,
            delimiter,
        };
    }
    if has_email_values(table) {
        return Detection::CsvNeedsMapping { delimiter };
    }
    let (format, missing) = closest(header);
    unknown(
        format!(
            "Not a supported export. Closest: {} ({}), but the columns {} are missing.",
            format.label(),
            format.id(),
            missing.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", ")
        ),
        "Check that this is the file as downloaded from the vendor's console (see the list of supported exports).",
    )
}

fn unknown(message: String, hint: &str) -> Detection {
    Detection::Unknown {
        message,
        hint: hint.to_string(),
    }
}

fn closest(header: &Header) -> (FormatId, Vec<&'static str>) {
    let mut best = (FormatId::ChatgptUsersCsv, Vec::new(), -1.0f64);
    for format in FormatId::ALL {
        let signature = format.signature();
        let missing: Vec<&str> = signature
            .iter()
            .copied()
            .filter(|c| !header.has(c))
            .collect();
        let score = 1.0 - missing.len() as f64 / signature.len() as f64;
        if score > best.2 {
            best = (format, missing, score);
        }
    }
    (best.0, best.1)
}

/// True when some column of the first rows holds email addresses.
fn has_email_values<R: std::io::Read>(mut table: CsvTable<R>) -> bool {
    let width = table.header.names.len();
    let mut hits = vec![0u32; width];
    let mut rows = 0;
    while let Some(Ok(row)) = table.next_row() {
        for (column, hit) in hits.iter_mut().enumerate() {
            let value = row.get(Some(column));
            let value = value.trim();
            if value.len() > 3 && value.contains('@') && value.contains('.') && !value.contains(' ')
            {
                *hit += 1;
            }
        }
        rows += 1;
        if rows >= 20 {
            break;
        }
    }
    rows > 0 && hits.iter().any(|&h| h * 2 >= rows)
}

fn binary_kind(head: &[u8]) -> Option<&'static str> {
    Some(match head {
        [0x50, 0x4B, 0x03, 0x04, ..] => "zip archive",
        [0x25, 0x50, 0x44, 0x46, ..] => "PDF document",
        [0x89, 0x50, 0x4E, 0x47, ..] => "PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG image",
        [0x1F, 0x8B, ..] => "gzip-compressed file",
        [0xD0, 0xCF, 0x11, 0xE0, ..] => "legacy Excel (.xls) workbook",
        _ if Encoding::sniff(head) == Encoding::Utf8
            && head.iter().take(4096).filter(|&&b| b == 0).count() > 8 =>
        {
            "binary file"
        }
        _ => return None,
    })
}

fn binary_hint(kind: &str) -> &'static str {
    match kind {
        "zip archive" => "Unzip it (an .xlsx workbook is a zip too: save it as CSV) and add the CSV or JSON files inside.",
        "gzip-compressed file" => "Decompress it first, then add the file inside.",
        "legacy Excel (.xls) workbook" => "Open it in a spreadsheet and save it as CSV, then add the CSV.",
        _ => "Add the CSV or JSON export as downloaded from the vendor's console.",
    }
}

/// Used by tests and the page: the normalised form of a header name.
pub fn column_key(name: &str) -> String {
    normalise_name(name)
}
