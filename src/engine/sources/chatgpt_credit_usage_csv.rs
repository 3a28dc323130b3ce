//! `chatgpt.credit_usage_csv`: the ChatGPT **credit usage** report from Billing → Credit
//! Balance → Download Usage Data (FORMATS.md §1h, Low-Medium confidence: one importer's column
//! list). One row per usage type per person per day, in credits. The email is hashed and linked
//! with `account_user_id` and `public_id`; the name is dropped; `usage_type` is kept as the SKU.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, IdentityId, Tool, UsageCharge};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptCreditUsageCsv,
    name: "chatgpt.credit_usage_csv",
    label: "ChatGPT credit usage report (CSV)",
    csv: true,
    signature: &["date_partition", "usage_type", "usage_credits"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {date_partition, usage_type, usage_credits}.
pub fn matches(header: &Header) -> bool {
    ["date_partition", "usage_type", "usage_credits"]
        .iter()
        .all(|c| header.has(c))
}

/// The columns this parser reads, found by name.
struct Columns {
    day: usize,
    email: Option<usize>,
    account_user_id: Option<usize>,
    public_id: Option<usize>,
    usage_type: Option<usize>,
    credits: Option<usize>,
    quantity: Option<usize>,
    units: Option<usize>,
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

/// Parses a whole credit usage CSV (already decoded to UTF-8).
pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let h = &table.header;
    let Some(day) = h.find(&["date_partition", "date"]) else {
        return Err(FileError::new(
            "This credit usage report has no \"date_partition\" column.",
            "Download it again from ChatGPT → Billing → Credit Balance → Download Usage Data.",
        ));
    };
    let columns = Columns {
        day,
        email: h.find(&["email"]),
        account_user_id: h.find(&["account_user_id"]),
        public_id: h.find(&["public_id"]),
        usage_type: h.find(&["usage_type"]),
        credits: h.find(&["usage_credits"]),
        quantity: h.find(&["usage_quantity"]),
        units: h.find(&["usage_units"]),
    };
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut nobody = 0u64;
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
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
    match nobody {
        0 => {}
        1 => parsed.diagnostics.note(
            "1 row names no email, public_id or account_user_id: it counts in the totals but \
             belongs to nobody.",
        ),
        n => parsed.diagnostics.note(format!(
            "{n} rows name no email, public_id or account_user_id: they count in the totals \
             but belong to nobody."
        )),
    }
    Ok(parsed)
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Result<UsageCharge, RowError> {
    let day = values::date(&row.get(Some(c.day)))
        .map_err(|e| ("date_partition", e))?
        .ok_or((
            "date_partition",
            "expected a date like 2025-03-30, found nothing".to_string(),
        ))?;
    let decimal = |column: Option<usize>, name: &'static str| -> Result<f64, RowError> {
        values::decimal(&row.get(column))
            .map(Option::unwrap_or_default)
            .map_err(|e| (name, e))
    };
    let credits = decimal(c.credits, "usage_credits")?;
    let quantity = decimal(c.quantity, "usage_quantity")?;
    let mut label = |column: Option<usize>| {
        let text = row.get(column);
        let text = text.trim();
        (!text.is_empty()).then(|| facts.strings.intern(text))
    };
    let sku = label(c.usage_type);
    let unit = label(c.units);
    Ok(UsageCharge {
        identity: identity(row, c, hasher, facts),
        tool: Some(Tool::Chatgpt),
        day: Some(day),
        sku,
        quantity,
        unit,
        credits,
        ..UsageCharge::default()
    })
}

/// The person: the hashed email, linked to the hashed user ids (any one of them will do).
fn identity(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    facts: &mut Facts,
) -> Option<IdentityId> {
    let mut id = |kind: IdKind, column: Option<usize>| {
        hasher
            .hash(kind, &row.get(column))
            .map(|p| facts.identities.intern(p, kind))
    };
    let email = id(IdKind::Email, c.email);
    let public = id(IdKind::OpenaiUser, c.public_id);
    let account_user = id(IdKind::OpenaiUser, c.account_user_id);
    let person = email.or(public).or(account_user)?;
    for other in [public, account_user].into_iter().flatten() {
        facts.link(person, other);
    }
    Some(person)
}
