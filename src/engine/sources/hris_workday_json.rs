//! `hris` as Workday RaaS JSON (FORMATS.md §8): a custom report's rows as
//! `{"Report_Entry":[{…}]}`, keyed by the report's column aliases (`Email_-_Work`,
//! `Employee_ID`, `Supervisory_Organization`…). Rows stream one at a time.
//!
//! Each entry is flattened into columns: a scalar key is a column of that name; a nested group
//! (`Worker_s_Manager_group[].Manager_ID`) gives one column per inner key, shown as
//! `Worker_s_Manager_group.Manager_ID` and recognised by its inner name; an array gives its
//! first scalar. Workday leaves empty fields out, so columns are added as they first appear and
//! the usual names are recognised again each time ([`HrisMapping::guess`], as for CSV rosters).
//! A mapping chosen in the mapper refers to columns in the order they first appeared.
//! Dates may carry Workday's offset (`2019-05-01-07:00`): the date part is read.

use super::csv_table::Header;
use super::hris::{HrisField, HrisMapping};
use super::json_rows;
use super::registry::ParseContext;
use super::{Diagnostics, FileError, Parsed};
use crate::engine::facts::{Facts, PersonRecord};
use crate::engine::identity::Pseudonymiser;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::io::Read;

/// How deep nested groups are followed.
const MAX_DEPTH: u32 = 4;

/// Parses a Workday RaaS JSON roster with the given or the guessed mapping.
pub fn parse(reader: &mut dyn Read, ctx: &ParseContext<'_>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::default();
    let mut hasher = Pseudonymiser::new(ctx.key);
    let mut columns = Columns::default();
    let given = ctx
        .mapping
        .filter(|m| m.format == crate::engine::detect::FormatId::Hris)
        .map(HrisMapping::from_columns);
    let mut mapping = given.clone().unwrap_or_default();
    let mut entries = 0u64;
    let facts = &mut parsed.facts;
    json_rows::each_record::<Entry>(
        reader,
        &["Report_Entry"],
        &mut parsed.diagnostics,
        |entry, record, diagnostics| {
            entries += 1;
            let mut row = Vec::new();
            let known = columns.names.len();
            for (key, value) in &entry.0 {
                columns.flatten(key, key, value, 0, &mut row);
            }
            if columns.names.len() > known && given.is_none() {
                mapping = HrisMapping::guess(&Header::new(columns.leaves.clone()));
            }
            let fields = Fields {
                row: &row,
                names: &columns.names,
                line: record.line,
            };
            match person(&fields, &mapping, facts, &mut hasher, diagnostics) {
                Some(person) => {
                    facts.people.push(person);
                    diagnostics.rows_accepted += 1;
                }
                None => diagnostics.skip(
                    record.line,
                    None,
                    "no email, employee id or GitHub login: the row names nobody",
                ),
            }
        },
    )?;
    if entries == 0 {
        return Err(FileError::new(
            "The Workday report has no rows: \"Report_Entry\" is empty.",
            "Run the report again in Workday and download it as JSON, then add it again.",
        ));
    }
    if !mapping.has_identifier() {
        let request = super::hris::json_request(columns.names, &mapping);
        return Err(super::hris::mapping_error(request));
    }
    Ok(parsed)
}

/// One report entry, its keys in the order the report wrote them.
struct Entry(Vec<(String, Value)>);

impl<'de> Deserialize<'de> for Entry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntryVisitor;
        impl<'de> Visitor<'de> for EntryVisitor {
            type Value = Entry;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of report fields")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entry, A::Error> {
                let mut fields = Vec::new();
                while let Some(field) = map.next_entry::<String, Value>()? {
                    fields.push(field);
                }
                Ok(Entry(fields))
            }
        }
        deserializer.deserialize_map(EntryVisitor)
    }
}

/// The columns seen so far: shown names (`group.key`), the names recognised (`key`), and
/// where each is.
#[derive(Default)]
struct Columns {
    names: Vec<String>,
    leaves: Vec<String>,
    index: HashMap<String, usize>,
}

impl Columns {
    /// Puts the scalars of `value` into `row`, the first one of each column winning.
    fn flatten(
        &mut self,
        path: &str,
        leaf: &str,
        value: &Value,
        depth: u32,
        row: &mut Vec<Option<String>>,
    ) {
        let text = match value {
            Value::String(text) => text.trim().to_string(),
            Value::Number(number) => number.to_string(),
            Value::Bool(flag) => flag.to_string(),
            Value::Array(items) if depth < MAX_DEPTH => {
                for item in items {
                    self.flatten(path, leaf, item, depth + 1, row);
                }
                return;
            }
            Value::Object(map) if depth < MAX_DEPTH => {
                for (key, inner) in map {
                    self.flatten(&format!("{path}.{key}"), key, inner, depth + 1, row);
                }
                return;
            }
            _ => return,
        };
        let column = match self.index.get(path) {
            Some(&column) => column,
            None => {
                self.names.push(path.to_string());
                self.leaves.push(leaf.to_string());
                self.index.insert(path.to_string(), self.names.len() - 1);
                self.names.len() - 1
            }
        };
        if row.len() <= column {
            row.resize(column + 1, None);
        }
        if row[column].is_none() && !text.is_empty() {
            row[column] = Some(text);
        }
    }
}

/// One flattened entry.
struct Fields<'a> {
    row: &'a [Option<String>],
    names: &'a [String],
    line: u64,
}

impl Fields<'_> {
    fn get(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.row.get(c))
            .and_then(|v| v.as_deref())
            .unwrap_or("")
    }

    fn name(&self, column: Option<usize>) -> &str {
        column
            .and_then(|c| self.names.get(c))
            .map_or("", String::as_str)
    }
}

/// The person of one entry, exactly as a CSV roster row gives it.
fn person(
    fields: &Fields<'_>,
    mapping: &HrisMapping,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
    diagnostics: &mut Diagnostics,
) -> Option<PersonRecord> {
    let col = |field| mapping.column(field);
    let value = |field| fields.get(col(field)).to_string();
    let mut bad_date = |field: HrisField, reason: String| {
        diagnostics.note(format!(
            "line {}, key \"{}\": {reason}; the date was left empty.",
            fields.line,
            fields.name(col(field))
        ));
    };
    super::hris::person_record(&value, facts, hasher, &mut bad_date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workday_dates_with_and_without_offset() {
        let day = |t| {
            crate::engine::sources::hris::roster_date(t)
                .ok()
                .flatten()
                .map(|d| d.to_string())
        };
        assert_eq!(day("2019-05-01-07:00").as_deref(), Some("2019-05-01"));
        assert_eq!(day("2019-05-01+01:00").as_deref(), Some("2019-05-01"));
        assert_eq!(day("2019-05-01").as_deref(), Some("2019-05-01"));
        assert_eq!(crate::engine::sources::hris::roster_date(""), Ok(None));
        assert_eq!(
            crate::engine::sources::hris::roster_date("14/09/2020"),
            Err("expected a date like 2025-03-30, found \"14/09/2020\", a date in a spreadsheet's local format; save the column as YYYY-MM-DD and add the file again".to_string())
        );
    }

    #[test]
    fn nested_groups_and_arrays_become_columns_first_scalar_wins() {
        let entry: Entry = serde_json::from_str(
            r#"{"Employee_ID": 7, "Location": ["Berlin", "Remote"],
                "Worker_s_Manager_group": [{"Manager_ID": "E1"}, {"Manager_ID": "E9"}]}"#,
        )
        .expect("entry");
        let mut columns = Columns::default();
        let mut row = Vec::new();
        for (key, value) in &entry.0 {
            columns.flatten(key, key, value, 0, &mut row);
        }
        assert_eq!(
            columns.names,
            vec![
                "Employee_ID",
                "Location",
                "Worker_s_Manager_group.Manager_ID"
            ]
        );
        assert_eq!(columns.leaves[2], "Manager_ID");
        let values: Vec<&str> = row.iter().map(|v| v.as_deref().unwrap_or("")).collect();
        assert_eq!(values, vec!["7", "Berlin", "E1"]);
    }
}
