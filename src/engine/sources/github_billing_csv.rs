//! `github.billing_usage_csv`: GitHub's billing **premium request / AI usage** report from
//! Billing & Licensing → Usage → Get usage report (FORMATS.md §3e). One row per user × day ×
//! product × SKU × model; every value quoted; often a UTF-8 byte-order mark.
//!
//! Header variants: the 2026 AI-credit report ends in `aic_quantity, aic_gross_amount`, the token
//! report in four `total_*_tokens` columns, and some files put `repository` before
//! `cost_center_name`. Copilot rows (SKUs and products naming copilot, coding_agent or spark)
//! become [`UsageCharge`]s; rows for other GitHub products are counted in a note and not read.
//! The username is hashed as a GitHub login; `repository` and the token counts are dropped.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, Tool, UsageCharge};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::GithubBillingUsageCsv,
    name: "github.billing_usage_csv",
    label: "GitHub billing usage report (CSV)",
    csv: true,
    signature: &["username", "sku", "quantity", "unit_type"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {username, sku, quantity, unit_type}.
pub fn matches(header: &Header) -> bool {
    ["username", "sku", "quantity", "unit_type"]
        .iter()
        .all(|c| header.has(c))
}

/// Words in a SKU or product that make a row Copilot usage.
const COPILOT_WORDS: [&str; 3] = ["copilot", "coding_agent", "spark"];

/// The columns this parser reads, found by name.
struct Columns {
    day: Option<usize>,
    username: usize,
    product: Option<usize>,
    sku: usize,
    model: Option<usize>,
    quantity: Option<usize>,
    unit_type: Option<usize>,
    gross_amount: Option<usize>,
    net_amount: Option<usize>,
    aic_quantity: Option<usize>,
    organization: Option<usize>,
    cost_center: Option<usize>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

/// Parses a whole GitHub billing usage CSV (already decoded to UTF-8).
pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let (Some(username), Some(sku)) = (h.find(&["username"]), h.find(&["sku"])) else {
        return Err(FileError::new(
            "This billing report has no \"username\" or \"sku\" column.",
            "Get the usage report again from GitHub → Billing & Licensing → Usage.",
        ));
    };
    let columns = Columns {
        day: h.find(&["date"]),
        username,
        product: h.find(&["product"]),
        sku,
        model: h.find(&["model"]),
        quantity: h.find(&["quantity"]),
        unit_type: h.find(&["unit_type"]),
        gross_amount: h.find(&["gross_amount"]),
        net_amount: h.find(&["net_amount"]),
        aic_quantity: h.find(&["aic_quantity"]),
        organization: h.find(&["organization"]),
        cost_center: h.find(&["cost_center_name", "cost_center"]),
    };
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let (mut other_products, mut nobody) = (0u64, 0u64);
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        if !is_copilot(&row, &columns) {
            other_products += 1;
            continue;
        }
        match read_row(&row, &columns, &mut hasher, &mut parsed.facts) {
            Ok(charge) => {
                let day = charge.day;
                if day.is_some_and(|day| parsed.diagnostics.after_today(row.line, day)) {
                    continue;
                }
                nobody += u64::from(charge.identity.is_none());
                let added = parsed.facts.push_charge(charge);
                parsed
                    .diagnostics
                    .count(added, day.map(|day| DaySpan::new(day, day)));
            }
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(column), reason),
        }
    }
    let d = &mut parsed.diagnostics;
    match other_products {
        0 => {}
        1 => d.note("1 row is for another GitHub product (not Copilot) and was not read."),
        n => d.note(format!(
            "{n} rows are for other GitHub products (not Copilot) and were not read."
        )),
    }
    match nobody {
        0 => {}
        1 => d.note("1 row names no username: it counts in the totals but belongs to nobody."),
        n => d.note(format!(
            "{n} rows name no username: they count in the totals but belong to nobody."
        )),
    }
    Ok(parsed)
}

/// Copilot usage: the SKU or product names copilot, coding_agent or spark.
fn is_copilot(row: &Row<'_>, c: &Columns) -> bool {
    [Some(c.sku), c.product].into_iter().any(|column| {
        let text = row.get(column).to_ascii_lowercase();
        COPILOT_WORDS.iter().any(|word| text.contains(word))
    })
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<UsageCharge, RowError> {
    let day = values::date(&row.get(c.day))
        .map_err(|e| ("date", e))?
        .ok_or((
            "date",
            "expected a date like 2025-03-30, found nothing".to_string(),
        ))?;
    let decimal = |column: Option<usize>, name: &'static str| -> Result<f64, RowError> {
        values::decimal(&row.get(column))
            .map(Option::unwrap_or_default)
            .map_err(|e| (name, e))
    };
    let quantity = decimal(c.quantity, "quantity")?;
    let gross_usd = decimal(c.gross_amount, "gross_amount")?;
    let net_usd = decimal(c.net_amount, "net_amount")?;
    let credits = decimal(c.aic_quantity, "aic_quantity")?;
    let identity = hasher
        .hash(IdKind::GithubLogin, &row.get(Some(c.username)))
        .map(|p| facts.identities.intern(p, IdKind::GithubLogin));
    let mut label = |column: Option<usize>| {
        let text = row.get(column);
        let text = text.trim();
        (!text.is_empty()).then(|| facts.strings.intern(text))
    };
    Ok(UsageCharge {
        identity,
        tool: Some(Tool::Copilot),
        day: Some(day),
        product: label(c.product),
        sku: label(Some(c.sku)),
        model: label(c.model),
        quantity,
        unit: label(c.unit_type),
        gross_usd,
        net_usd,
        credits,
        organization: label(c.organization),
        cost_centre: label(c.cost_center),
        period: None,
    })
}
