//! `cursor.usage_events_csv`: the Cursor dashboard's **usage events** export (Usage page →
//! Export CSV, FORMATS.md §6c). One row per request: `Date` (ISO timestamp), `User` (an
//! email, or a numeric id for removed members), `Kind` (`Included`, `Usage-based`,
//! `Errored, No Charge`, `Aborted, Not Charged`, `Free`), `Model`, token columns and `Cost`.
//! Older files lack `User` and the agent/automation columns (personal exports) or end in
//! `Requests` instead of `Cost`.
//!
//! Requests are billed usage: they are summed per person, UTC day, model and kind into one
//! Cursor [`UsageCharge`] each (quantity in requests, money in USD), which also marks the person
//! active that day; each person's requests are also counted per UTC hour ([`HourlyUse`](crate::engine::facts::HourlyUse), for
//! the Timing view) when `Date` gives a time. `Cost` reads `$0.12`, `0.12`, and `Included`, `Free`, `-` or empty as no
//! charge; `Requests`, when present, is the request count of the row (else 1). Token columns
//! are not kept (no per-request token table exists yet). A file without `User` counts for
//! Cursor as a whole and says so. Columns are found by name, never by position.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, HourlyTally, IdentityId, Tool, UsageCharge};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use crate::engine::intern::Sym;
use std::collections::HashMap;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CursorUsageEventsCsv,
    name: "cursor.usage_events_csv",
    label: "Cursor usage events export (CSV)",
    csv: true,
    signature: &["Date", "Kind", "Model", "Input (w/ Cache Write)"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {Kind, Model, Input (w/ Cache Write)}, with a `Date`.
pub fn matches(header: &Header) -> bool {
    ["Date", "Kind", "Model", "Input (w/ Cache Write)"]
        .iter()
        .all(|c| header.has(c))
}

struct Columns {
    date: usize,
    user: Option<usize>,
    kind: Option<usize>,
    model: Option<usize>,
    cost: Option<usize>,
    requests: Option<usize>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

/// The requests of one person, day, model and kind.
type ChargeKey = (Option<IdentityId>, Day, Option<Sym>, Option<Sym>);

/// One summed charge and how many rows went into it.
struct Sum {
    charge: UsageCharge,
    rows: u64,
}

pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let Some(date) = h.find(&["Date"]) else {
        return Err(FileError::new(
            "This Cursor usage export has no \"Date\" column.",
            "Export it again from the Cursor dashboard → Usage → Export CSV.",
        ));
    };
    let columns = Columns {
        date,
        user: h.find(&["User", "Email", "User Email"]),
        kind: h.find(&["Kind"]),
        model: h.find(&["Model"]),
        cost: h.find(&["Cost"]),
        requests: h.find(&["Requests"]),
    };
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut sums: Vec<Sum> = Vec::new();
    let mut index: HashMap<ChargeKey, usize> = HashMap::new();
    let mut hours = HourlyTally::default();
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        match read_row(&row, &columns, &mut hasher, &mut parsed.facts) {
            Ok((key, requests, usd, at)) => {
                if parsed.diagnostics.after_today(row.line, key.1) {
                    continue;
                }
                if let (Some(identity), Some(at)) = (key.0, at) {
                    hours.add(identity, at);
                }
                let at = *index.entry(key).or_insert_with(|| {
                    sums.push(Sum {
                        charge: UsageCharge {
                            identity: key.0,
                            tool: Some(Tool::Cursor),
                            day: Some(key.1),
                            model: key.2,
                            sku: key.3,
                            unit: None,
                            ..UsageCharge::default()
                        },
                        rows: 0,
                    });
                    sums.len() - 1
                });
                let sum = &mut sums[at];
                sum.charge.quantity += requests;
                sum.charge.gross_usd += usd;
                sum.charge.net_usd += usd;
                sum.rows += 1;
            }
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(column), reason),
        }
    }
    let unit = parsed.facts.strings.intern("requests");
    for mut sum in sums {
        sum.charge.unit = Some(unit);
        let day = sum.charge.day;
        let d = &mut parsed.diagnostics;
        if parsed.facts.push_charge(sum.charge) {
            d.rows_accepted += sum.rows;
            if let Some(day) = day {
                d.cover(DaySpan::new(day, day));
            }
        } else {
            d.rows_duplicate += sum.rows;
        }
    }
    for row in hours.rows(Tool::Cursor) {
        parsed.facts.push_hourly(row);
    }
    if columns.user.is_none() && parsed.diagnostics.rows_accepted > 0 {
        parsed.diagnostics.note(
            "This usage export has no \"User\" column (a personal export): its requests count for Cursor as a whole, not for a person.",
        );
    }
    Ok(parsed)
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<(ChargeKey, f64, f64, Option<i64>), RowError> {
    let date = row.get(Some(c.date));
    let at = parse_timestamp(&date).ok_or_else(|| {
        (
            "Date",
            format!(
                "expected a timestamp like 2025-09-12T10:22:33Z, found \"{}\"",
                date.trim()
            ),
        )
    })?;
    let day = Day::from_unix_seconds(at);
    let usd = cost(&row.get(c.cost)).map_err(|e| ("Cost", e))?;
    let requests = match c.requests {
        Some(_) => values::decimal(&row.get(c.requests))
            .map_err(|e| ("Requests", e))?
            .unwrap_or(1.0),
        None => 1.0,
    };
    let identity = match c.user {
        None => None,
        Some(_) => {
            let user = row.get(c.user);
            let kind = if user.contains('@') {
                IdKind::Email
            } else {
                IdKind::CursorUser
            };
            let pseudonym = hasher
                .hash(kind, &user)
                .ok_or(("User", "no user: the row names nobody".to_string()))?;
            Some(facts.identities.intern(pseudonym, kind))
        }
    };
    let label = |text: &str, facts: &mut Facts| {
        let text = text.trim();
        (!text.is_empty()).then(|| facts.strings.intern(text))
    };
    let model = label(&row.get(c.model), facts);
    let kind = label(&row.get(c.kind), facts);
    // The hour only when the cell gives a time, not a bare date.
    let timed = date.trim().len() > 10;
    Ok((
        (identity, day, model, kind),
        requests,
        usd,
        timed.then_some(at),
    ))
}

/// A `Cost` cell in US dollars: `$0.12`, `0.12`, `1,250.00`; `Included`, `Free`, `-`, `N/A`
/// or empty is no charge.
pub fn cost(text: &str) -> Result<f64, String> {
    let trimmed = text.trim();
    if matches!(
        trimmed.to_ascii_lowercase().as_str(),
        "" | "-" | "included" | "free" | "n/a" | "none"
    ) {
        return Ok(0.0);
    }
    match values::decimal(trimmed) {
        Ok(Some(usd)) => Ok(usd),
        Ok(None) => Ok(0.0),
        Err(_) => Err(format!(
            "expected a cost like $0.12, Included, Free or -, found \"{trimmed}\""
        )),
    }
}
