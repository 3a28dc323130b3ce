//! Column mappings: for the exports whose columns are not fixed (an HRIS roster, the Claude
//! Code analytics table, FORMATS.md §8 and §5d), the analyst says in the page which column
//! holds what, and the file is read again with that [`ColumnMapping`].
//!
//! A parser that recognises none of the columns it needs refuses the file with a
//! [`MappingRequest`]: the file's columns and one [`MappingForm`] per format the table could be
//! read as (the likeliest first), each naming its fields, which are required, and the columns
//! guessed for them. The page shows the forms ("Read as:" when there are several) and sends
//! back the chosen format and columns; `ingest` then reads the file as that format whatever
//! detection said.

use super::csv_table::{CsvTable, Header};
use super::{claude_code_csv, hris};
use crate::engine::detect::FormatId;
use serde::{Deserialize, Serialize};
use std::io::Read;

/// The formats whose columns can be chosen by hand, in the order "Read as:" offers them.
pub const MAPPABLE: [FormatId; 2] = [FormatId::Hris, FormatId::ClaudeCodeCsv];

/// Which column holds which field of a format: chosen in the mapper, or guessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ColumnMapping {
    /// The format the file is read as.
    pub format: FormatId,
    /// (field id, column index in the file's header), one column per field.
    pub columns: Vec<(String, usize)>,
}

impl ColumnMapping {
    pub fn new(format: FormatId) -> ColumnMapping {
        ColumnMapping {
            format,
            columns: Vec::new(),
        }
    }

    /// The column chosen for a field.
    pub fn column(&self, field: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, c)| *c)
    }

    /// Chooses a column for a field (`None`: no column).
    pub fn set(&mut self, field: &str, column: Option<usize>) {
        self.columns.retain(|(f, _)| f != field);
        if let Some(column) = column {
            self.columns.push((field.to_string(), column));
        }
    }
}

/// One field a format asks a column for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingField {
    /// Stable id (the mapper's `data-field`).
    pub id: String,
    pub label: String,
    /// The file cannot be read without it.
    pub required: bool,
}

/// One format a table could be read as: its fields and the columns guessed for them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingForm {
    pub format: FormatId,
    /// The format's name on the page.
    pub label: String,
    /// What to pick, in the page's words.
    pub instruction: String,
    pub fields: Vec<MappingField>,
    /// At least one of these fields must have a column (besides every required one).
    pub one_of: Vec<String>,
    pub guess: ColumnMapping,
}

impl MappingForm {
    /// True when `mapping` gives every required field a column, and one of `one_of` if any.
    pub fn complete(&self, mapping: &ColumnMapping) -> bool {
        mapping.format == self.format
            && self
                .fields
                .iter()
                .filter(|f| f.required)
                .all(|f| mapping.column(&f.id).is_some())
            && (self.one_of.is_empty() || self.one_of.iter().any(|f| mapping.column(f).is_some()))
    }
}

/// Sent to the page when a file's columns must be chosen by hand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MappingRequest {
    /// The file's column names, in order.
    pub headers: Vec<String>,
    /// The formats it can be read as, the likeliest first.
    pub forms: Vec<MappingForm>,
}

impl MappingRequest {
    pub fn form(&self, format: FormatId) -> Option<&MappingForm> {
        self.forms.iter().find(|f| f.format == format)
    }
}

/// What a CSV table's first rows say about its columns, for the guesses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Peek {
    /// The first column whose values are mostly email addresses.
    pub email_column: Option<usize>,
}

/// How many rows [`peek`] looks at.
const PEEK_ROWS: usize = 20;

/// Reads up to 20 rows of a table (the file is being refused: they are not used otherwise).
pub fn peek<R: Read>(table: &mut CsvTable<R>) -> Peek {
    Peek {
        email_column: email_columns(table, PEEK_ROWS).first().copied(),
    }
}

/// The columns where at least half of the first `limit` rows hold an email address (text
/// with `@` and `.` and no space).
pub fn email_columns<R: Read>(table: &mut CsvTable<R>, limit: usize) -> Vec<usize> {
    let width = table.header.names.len();
    let mut hits = vec![0usize; width];
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
        if rows >= limit {
            break;
        }
    }
    (0..width)
        .filter(|&c| rows > 0 && hits[c] * 2 >= rows)
        .collect()
}

/// The request for a CSV table whose needed columns were not recognised: every mappable
/// format it could be read as, `first` (the format detection chose) first. A Claude Code table
/// needs two columns at least.
pub fn csv_request(header: &Header, peek: &Peek, first: FormatId) -> MappingRequest {
    let mut forms = Vec::new();
    for format in MAPPABLE {
        let form = match format {
            FormatId::ClaudeCodeCsv if header.names.len() >= 2 => {
                claude_code_csv::mapping_form(header, peek)
            }
            FormatId::Hris => hris::mapping_form(header, peek),
            _ => continue,
        };
        if format == first {
            forms.insert(0, form);
        } else {
            forms.push(form);
        }
    }
    MappingRequest {
        headers: shown_headers(&header.names),
        forms,
    }
}

/// The column names as the page may show them: a name holding an email address is data (a
/// file without its header row), never shown: it reads "Column 2 (an email address: is the
/// header row missing?)".
pub fn shown_headers(names: &[String]) -> Vec<String> {
    names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            if name.contains('@') {
                format!(
                    "Column {} (an email address: is the header row missing?)",
                    i + 1
                )
            } else {
                name.clone()
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(names: &str) -> Header {
        Header::new(names.split(',').map(String::from).collect())
    }

    #[test]
    fn a_mapping_sets_and_reads_one_column_per_field() {
        let mut m = ColumnMapping::new(FormatId::ClaudeCodeCsv);
        m.set("Email", Some(0));
        m.set("Email", Some(2));
        m.set("Lines", Some(1));
        m.set("Lines", None);
        assert_eq!(m.columns, vec![("Email".to_string(), 2)]);
        assert_eq!((m.column("Email"), m.column("Lines")), (Some(2), None));
    }

    #[test]
    fn a_header_holding_an_address_is_never_shown() {
        // A roster saved without its header row: its first row is read as the header.
        let request = csv_request(
            &header("ada@example.com,Engineering"),
            &Peek::default(),
            FormatId::Hris,
        );
        assert_eq!(
            request.headers,
            [
                "Column 1 (an email address: is the header row missing?)",
                "Engineering"
            ]
        );
    }

    #[test]
    fn email_columns_are_found_by_their_values() {
        let text = "Member,Who,Lines\nAna,ana@example.com,3\nBen,ben@example.com,0\nCy,,1\n";
        let mut table = CsvTable::open(text.as_bytes(), b',').expect("table");
        // 2 of 3 rows hold an address in "Who": 2 × 2 ≥ 3.
        assert_eq!(email_columns(&mut table, 20), vec![1]);
    }

    #[test]
    fn the_detected_format_is_offered_first() {
        let peek = Peek {
            email_column: Some(0),
        };
        let forms = |names: &str, first| -> Vec<FormatId> {
            csv_request(&header(names), &peek, first)
                .forms
                .iter()
                .map(|f| f.format)
                .collect()
        };
        assert_eq!(
            forms("Member,Lines accepted", FormatId::ClaudeCodeCsv),
            vec![FormatId::ClaudeCodeCsv, FormatId::Hris]
        );
        assert_eq!(
            forms("Courriel,Service", FormatId::Hris),
            vec![FormatId::Hris, FormatId::ClaudeCodeCsv]
        );
        // One column cannot hold both a member and their lines.
        assert_eq!(forms("Courriel", FormatId::Hris), vec![FormatId::Hris]);
    }
}
