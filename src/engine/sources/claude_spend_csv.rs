//! `claude.spend_csv`: the claude.ai **spend report** (Settings → Analytics → Spend → Export
//! Spend Report, FORMATS.md §5c). One row per person × model (× product), summed over the range
//! chosen when it was exported (month to date, last month, last 90 days or custom, at most 90
//! days back): `user_email, account_uuid, product, model, model_family, total_requests,
//! total_prompt_tokens, total_completion_tokens, total_net_spend_usd, total_gross_spend_usd`.
//!
//! **The file has no date column.** The period comes from the analyst: without one the file is
//! refused with a [`PeriodRequest`] (the page asks, offering the days in the file name), and
//! read again with it. Each row becomes one Claude [`UsageCharge`] over that period
//! (`UsageCharge::period`), requests as its quantity, net and gross US dollars as given; it is
//! counted where a bill would fall, on the period's last day, and proves no activity on any day.
//! The email is hashed (linked to the hashed `account_uuid`). Token columns are checked but not
//! kept (charges carry money and requests). On seat-based plans the report holds only spend
//! beyond the seat allotment: a note says so.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed, PeriodRequest};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, IdentityId, Tool, UsageCharge};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ClaudeSpendCsv,
    name: "claude.spend_csv",
    label: "Claude spend report (CSV)",
    csv: true,
    signature: &["user_email", "total_net_spend_usd", "total_requests"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.period, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {user_email, total_net_spend_usd}.
pub fn matches(header: &Header) -> bool {
    header.has("user_email") && header.has("total_net_spend_usd")
}

/// The longest range the console exports (FORMATS.md §5c: at most 90 days back).
pub const MAX_DAYS: u32 = 90;

/// What the page asks for a spend report.
pub fn period_request() -> PeriodRequest {
    PeriodRequest {
        question: "This Claude spend report has no dates: which period was it exported for? The console offers month to date, last month, last 90 days or a custom range, at most 90 days; its most recent day is the day before the export.".into(),
        fixed_days: None,
        max_days: Some(MAX_DAYS),
        suggested: None,
    }
}

struct Columns {
    email: usize,
    account: Option<usize>,
    product: Option<usize>,
    model: Option<usize>,
    requests: Option<usize>,
    prompt_tokens: Option<usize>,
    completion_tokens: Option<usize>,
    net: usize,
    gross: Option<usize>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    period: Option<DaySpan>,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let (Some(email), Some(net)) = (h.find(&["user_email"]), h.find(&["total_net_spend_usd"]))
    else {
        return Err(FileError::new(
            "This Claude spend report lacks \"user_email\" or \"total_net_spend_usd\".",
            "Export it again from claude.ai → Settings → Analytics → Spend → Export Spend Report.",
        ));
    };
    let Some(period) = period else {
        let mut error = FileError::new(
            "This Claude spend report has no date column, so the period its spend covers must be given.",
            "Enter the first and last day of the range it was exported for, then read it.",
        );
        error.period_request = Some(Box::new(period_request()));
        return Err(error);
    };
    if period.days() < 1 || period.days() > MAX_DAYS as i32 {
        let mut error = FileError::new(
            format!(
                "The period given for this Claude spend report, {} to {}, is not 1 to {MAX_DAYS} days long.",
                period.first, period.last
            ),
            "Enter the range the report was exported for: the console exports at most 90 days.",
        );
        error.period_request = Some(Box::new(period_request()));
        return Err(error);
    }
    let columns = Columns {
        email,
        account: h.find(&["account_uuid"]),
        product: h.find(&["product"]),
        model: h.find(&["model"]),
        requests: h.find(&["total_requests"]),
        prompt_tokens: h.find(&["total_prompt_tokens"]),
        completion_tokens: h.find(&["total_completion_tokens"]),
        net,
        gross: h.find(&["total_gross_spend_usd"]),
    };
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let unit = parsed.facts.strings.intern("requests");
    let mut net_total = 0.0;
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        match read_row(&row, &columns, &mut hasher, &mut parsed.facts, period) {
            Ok(mut charge) => {
                if parsed.diagnostics.after_today(row.line, period.last) {
                    continue;
                }
                charge.unit = Some(unit);
                net_total += charge.net_usd;
                let added = parsed.facts.push_charge(charge);
                parsed.diagnostics.count(added, Some(period));
            }
            Err((column, reason)) => parsed.diagnostics.skip(row.line, Some(column), reason),
        }
    }
    if parsed.diagnostics.rows_accepted > 0 {
        parsed.diagnostics.note(format!(
            "Spend over {} to {} (the period you gave; ${net_total:.2} net) is counted on its last day, as a bill would be, and says nothing of which days people used Claude.",
            period.first, period.last
        ));
        parsed.diagnostics.note(
            "On seat-based Enterprise plans this report holds only spend beyond the seats' allotment, not the seats' price.",
        );
    }
    Ok(parsed)
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
    period: DaySpan,
) -> Result<UsageCharge, RowError> {
    let money = |column: Option<usize>, name: &'static str| -> Result<f64, RowError> {
        values::decimal(&row.get(column))
            .map(|v| v.unwrap_or(0.0))
            .map_err(|e| (name, e))
    };
    let net_usd = money(Some(c.net), "total_net_spend_usd")?;
    let gross_usd = match c.gross {
        Some(_) => money(c.gross, "total_gross_spend_usd")?,
        None => net_usd,
    };
    let count = |column: Option<usize>, name: &'static str| -> Result<u32, RowError> {
        values::count(&row.get(column))
            .map(|v| v.unwrap_or(0))
            .map_err(|e| (name, e))
    };
    let requests = count(c.requests, "total_requests")?;
    // Checked, not kept; decimals, as 90 days of tokens can pass what a u32 holds.
    money(c.prompt_tokens, "total_prompt_tokens")?;
    money(c.completion_tokens, "total_completion_tokens")?;
    // The person last, so a skipped row leaves no identity or link behind.
    let pseudonym = hasher
        .hash(IdKind::Email, &row.get(Some(c.email)))
        .ok_or(("user_email", "no email: the row names nobody".to_string()))?;
    let identity: IdentityId = facts.identities.intern(pseudonym, IdKind::Email);
    if let Some(account) = hasher.hash(IdKind::AnthropicUser, &row.get(c.account)) {
        let account = facts.identities.intern(account, IdKind::AnthropicUser);
        facts.link(identity, account);
    }
    let mut label = |column: Option<usize>| {
        let text = row.get(column);
        let text = text.trim();
        (!text.is_empty()).then(|| facts.strings.intern(text))
    };
    Ok(UsageCharge {
        identity: Some(identity),
        tool: Some(Tool::Claude),
        day: Some(period.last),
        period: Some(period),
        product: label(c.product),
        model: label(c.model),
        quantity: f64::from(requests),
        gross_usd,
        net_usd,
        ..UsageCharge::default()
    })
}
