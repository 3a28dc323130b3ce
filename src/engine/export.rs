//! Tables as files a person takes away: CSV for spreadsheets and JSON for scripts.
//!
//! A table is what the page shows (its header and its cells), so an export never says more
//! than the screen did. Cells that hold a number are written as numbers: a figure shown as
//! "1,234", "45.5 %" or "$1.20" exports as `1234`, `45.5` or `1.2`, and its column's name gains
//! the unit ("… (%)", "… (USD)") when every number in the column carries it.
//!
//! CSV cells that a spreadsheet would run as a formula (text starting with `=`, `+`, `-`, `@`,
//! a tab or a carriage return, or with spaces then one of the signs) are neutralised with a
//! leading apostrophe, the OWASP advice for CSV injection; numbers are never touched, so `-3`
//! stays the number −3.

use serde::Serialize;

/// One cell as exported.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Cell {
    Number(f64),
    Text(String),
    /// Nothing shown (a suppressed or missing value).
    Empty,
}

/// A table as shown: its name, header and rows.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// What a displayed number carried around it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Plain,
    Percent,
    Usd,
}

/// Reads a displayed value back into a cell: numbers with thousands separators, a trailing
/// `%` or a leading `$` become numbers; a dash or an empty cell is empty; the rest is text.
pub fn cell_from_display(shown: &str) -> Cell {
    parse_display(shown).map_or_else(
        || {
            let text = shown.trim();
            if text.is_empty() || text == "—" || text == "–" {
                Cell::Empty
            } else {
                Cell::Text(text.to_string())
            }
        },
        |(n, _)| Cell::Number(n),
    )
}

fn parse_display(shown: &str) -> Option<(f64, Unit)> {
    let text = shown.trim().replace(['\u{a0}', '\u{202f}'], " ");
    let (text, unit) = if let Some(rest) = text.strip_suffix('%') {
        (rest.trim_end().to_string(), Unit::Percent)
    } else if let Some(rest) = text.strip_prefix('$') {
        (rest.to_string(), Unit::Usd)
    } else if let Some(rest) = text.strip_prefix("-$").or_else(|| text.strip_prefix("−$")) {
        (format!("-{rest}"), Unit::Usd)
    } else {
        (text, Unit::Plain)
    };
    let text = text.replace('−', "-");
    let digits = text.strip_prefix('-').unwrap_or(&text);
    let mut parts = digits.split('.');
    let whole = parts.next()?;
    let fraction = parts.next();
    if parts.next().is_some() || whole.is_empty() {
        return None;
    }
    // Thousands separators only in groups of three after the first group.
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped_ok =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    let all_digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()))
        && fraction.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !grouped_ok || !all_digits {
        return None;
    }
    let plain = text.replace(',', "");
    plain.parse::<f64>().ok().map(|n| (n, unit))
}

impl Table {
    /// A table from the header and the text of each cell as displayed.
    pub fn from_display(name: &str, header: Vec<String>, shown: &[Vec<String>]) -> Table {
        let width = header.len();
        let mut units: Vec<Option<Unit>> = vec![None; width];
        let mut mixed = vec![false; width];
        for row in shown {
            for (column, text) in row.iter().enumerate().take(width) {
                if let Some((_, unit)) = parse_display(text) {
                    match units[column] {
                        None => units[column] = Some(unit),
                        Some(seen) if seen != unit => mixed[column] = true,
                        Some(_) => {}
                    }
                }
            }
        }
        let header = header
            .into_iter()
            .enumerate()
            .map(|(column, name)| match (units[column], mixed[column]) {
                (Some(Unit::Percent), false) if !name.contains('%') => format!("{name} (%)"),
                (Some(Unit::Usd), false) if !name.contains("USD") && !name.contains('$') => {
                    format!("{name} (USD)")
                }
                _ => name,
            })
            .collect();
        let rows = shown
            .iter()
            .map(|row| row.iter().map(|t| cell_from_display(t)).collect())
            .collect();
        Table {
            name: name.to_string(),
            header,
            rows,
        }
    }

    /// RFC 4180 CSV (CRLF line ends, quotes where needed), formulas neutralised.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let header: Vec<Cell> = self.header.iter().cloned().map(Cell::Text).collect();
        for row in std::iter::once(&header).chain(&self.rows) {
            let line: Vec<String> = row.iter().map(csv_cell).collect();
            out.push_str(&line.join(","));
            out.push_str("\r\n");
        }
        out
    }

    /// `{"table": name, "columns": [...], "rows": [{column: value}]}`; numbers stay numbers,
    /// an empty cell is `null`.
    pub fn to_json(&self) -> String {
        let rows: Vec<serde_json::Map<String, serde_json::Value>> = self
            .rows
            .iter()
            .map(|row| {
                self.header
                    .iter()
                    .zip(row)
                    .map(|(name, cell)| {
                        let value = match cell {
                            Cell::Number(n) => serde_json::Number::from_f64(*n)
                                .map_or(serde_json::Value::Null, serde_json::Value::Number),
                            Cell::Text(t) => serde_json::Value::String(t.clone()),
                            Cell::Empty => serde_json::Value::Null,
                        };
                        (name.clone(), value)
                    })
                    .collect()
            })
            .collect();
        let json = serde_json::json!({
            "table": self.name,
            "columns": self.header,
            "rows": rows,
        });
        serde_json::to_string_pretty(&json).unwrap_or_default()
    }

    /// A file name from the table's name: `uptake-<name>.<extension>`.
    pub fn file_name(&self, extension: &str) -> String {
        format!("uptake-{}.{extension}", slug(&self.name))
    }
}

/// One CSV cell: numbers as they are, text neutralised and quoted when needed.
pub fn csv_cell(cell: &Cell) -> String {
    match cell {
        Cell::Number(n) => format_number(*n),
        Cell::Empty => String::new(),
        Cell::Text(text) => {
            // Spaces before the sign too: some spreadsheets trim them, then run the formula.
            let lead = text.len() - text.trim_start().len();
            let safe = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
                format!("'{text}")
            } else if lead > 0 && text[lead..].starts_with(['=', '+', '-', '@']) {
                format!("{}'{}", &text[..lead], &text[lead..])
            } else {
                text.clone()
            };
            if safe.contains([',', '"', '\n', '\r']) || safe.starts_with(' ') || safe.ends_with(' ')
            {
                format!("\"{}\"", safe.replace('"', "\"\""))
            } else {
                safe
            }
        }
    }
}

/// Shortest text that reads back as the same number (`3` not `3.0`).
fn format_number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// Lowercase letters and digits, words joined by `-`.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "table".into()
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn displayed_numbers_read_back_as_numbers() {
        assert_eq!(cell_from_display("1,234"), Cell::Number(1234.0));
        assert_eq!(cell_from_display("45.5 %"), Cell::Number(45.5));
        assert_eq!(cell_from_display("$1.20"), Cell::Number(1.2));
        assert_eq!(cell_from_display("-$3"), Cell::Number(-3.0));
        assert_eq!(cell_from_display("−7"), Cell::Number(-7.0));
        assert_eq!(cell_from_display("—"), Cell::Empty);
        assert_eq!(cell_from_display(" "), Cell::Empty);
        // Not numbers: a misplaced separator, a date, a label with digits.
        assert_eq!(cell_from_display("1,23"), Cell::Text("1,23".into()));
        assert_eq!(
            cell_from_display("2026-11-08"),
            Cell::Text("2026-11-08".into())
        );
        assert_eq!(cell_from_display("GPT-5"), Cell::Text("GPT-5".into()));
        assert_eq!(cell_from_display("1.2.3"), Cell::Text("1.2.3".into()));
    }

    #[test]
    fn formulas_are_neutralised_and_numbers_are_not() {
        let text = |s: &str| csv_cell(&Cell::Text(s.into()));
        assert_eq!(text("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(text("+1"), "'+1");
        assert_eq!(text("-2+3"), "'-2+3");
        assert_eq!(text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(text("\tcmd"), "'\tcmd");
        assert_eq!(text("\rcmd"), "\"'\rcmd\"");
        assert_eq!(text("Sales, EMEA"), "\"Sales, EMEA\"");
        assert_eq!(text("plain"), "plain");
        assert_eq!(csv_cell(&Cell::Number(-3.0)), "-3");
        assert_eq!(csv_cell(&Cell::Number(0.125)), "0.125");
        assert_eq!(csv_cell(&Cell::Empty), "");
    }

    #[test]
    fn a_table_exports_with_units_in_its_header() {
        let shown = vec![
            vec![
                "=cmd".to_string(),
                "50 %".into(),
                "$1,200.50".into(),
                "12".into(),
            ],
            vec!["Sales".into(), "—".into(), "$3".into(), "n/a".into()],
        ];
        let header = vec![
            "Department".into(),
            "Active".into(),
            "Cost".into(),
            "People".into(),
        ];
        let table = Table::from_display("Departments: usage", header, &shown);
        assert_eq!(
            table.to_csv(),
            "Department,Active (%),Cost (USD),People\r\n'=cmd,50,1200.5,12\r\nSales,,3,n/a\r\n"
        );
        let json: serde_json::Value = serde_json::from_str(&table.to_json()).unwrap();
        assert_eq!(json["rows"][0]["Active (%)"], 50.0);
        assert_eq!(json["rows"][1]["Active (%)"], serde_json::Value::Null);
        assert_eq!(json["rows"][0]["Department"], "=cmd");
        assert_eq!(table.file_name("csv"), "uptake-departments-usage.csv");
    }
}
