//! `chatgpt.users_csv`: the ChatGPT Enterprise/Edu workspace analytics **Users** export
//! (FORMATS.md §1a). One row per member per native period (weekly, monthly or a date range),
//! including idle members and pending invites. Every column but `email` and `messages` is
//! optional; `department` is a JSON-array string; `model_to_messages` is JSON or a Python repr.

use super::csv_table::{CsvTable, Header, Row};
use super::registry::FormatSpec;
use super::values;
use super::{Diagnostics, FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Cadence, Facts, ModelCount, PeriodActivity, SeatStatus, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use crate::engine::literal::{first_label, parse_count_map};
use std::borrow::Cow;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptUsersCsv,
    name: "chatgpt.users_csv",
    label: "ChatGPT workspace Users export (CSV)",
    csv: true,
    signature: &[
        "period_start",
        "email",
        "messages",
        "user_status",
        "gpt_messages",
    ],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse(reader, ctx.delimiter, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {period_start, email, messages} and one of the others.
pub fn matches(header: &Header) -> bool {
    ["period_start", "email", "messages"]
        .iter()
        .all(|c| header.has(c))
        && ["gpt_messages", "user_status", "first_day_active_in_period"]
            .iter()
            .any(|c| header.has(c))
}

/// The columns this parser reads, found by name.
struct Columns {
    cadence: Option<usize>,
    period_start: Option<usize>,
    period_end: Option<usize>,
    public_id: Option<usize>,
    email: Option<usize>,
    department: Option<usize>,
    user_status: Option<usize>,
    created: Option<usize>,
    is_active: Option<usize>,
    first_day: Option<usize>,
    last_day: Option<usize>,
    messages: Option<usize>,
    model_to_messages: Option<usize>,
    gpt_messages: Option<usize>,
    gpts_messaged: Option<usize>,
    tool_messages: Option<usize>,
    tools_messaged: Option<usize>,
    project_messages: Option<usize>,
    projects_messaged: Option<usize>,
    projects_created: Option<usize>,
    last_day_active: Option<usize>,
    credits_used: Option<usize>,
}

impl Columns {
    fn find(h: &Header) -> Columns {
        Columns {
            cadence: h.find(&["cadence"]),
            period_start: h.find(&["period_start"]),
            period_end: h.find(&["period_end"]),
            public_id: h.find(&["public_id"]),
            email: h.find(&["email"]),
            department: h.find(&["department"]),
            user_status: h.find(&["user_status"]),
            created: h.find(&["created_or_invited_date"]),
            is_active: h.find(&["is_active"]),
            first_day: h.find(&["first_day_active_in_period"]),
            last_day: h.find(&["last_day_active_in_period"]),
            messages: h.find(&["messages"]),
            model_to_messages: h.find(&["model_to_messages"]),
            gpt_messages: h.find(&["gpt_messages"]),
            gpts_messaged: h.find(&["gpts_messaged"]),
            tool_messages: h.find(&["tool_messages"]),
            tools_messaged: h.find(&["tools_messaged"]),
            project_messages: h.find(&["project_messages"]),
            projects_messaged: h.find(&["projects_messaged"]),
            projects_created: h.find(&["projects_created"]),
            last_day_active: h.find(&["last_day_active"]),
            credits_used: h.find(&["credits_used"]),
        }
    }
}

/// A row problem: the column it is in and what was wrong.
type RowError = (&'static str, String);

/// Parses a whole Users CSV (already decoded to UTF-8).
pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let columns = Columns::find(&table.header);
    if columns.email.is_none() || columns.period_start.is_none() {
        return Err(FileError::new(
            "This Users export has no \"email\" or \"period_start\" column.",
            "Export the Users report again from ChatGPT → Workspace settings → Workspace analytics.",
        ));
    }
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut models = Vec::new();
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        let line = row.line;
        models.clear();
        match read_row(&row, &columns, &mut hasher, &mut parsed, &mut models) {
            Ok(Some(activity)) => {
                let span = activity.period;
                if parsed.diagnostics.after_today(line, span.last) {
                    continue;
                }
                let added = parsed.facts.push_period(activity, &models);
                parsed.diagnostics.count(added, Some(span));
            }
            Ok(None) => {}
            Err((column, reason)) => parsed.diagnostics.skip(line, Some(column), reason),
        }
    }
    if columns.cadence.is_none() {
        parsed
            .diagnostics
            .note("No \"cadence\" column: each period's cadence was inferred from its dates.");
    }
    Ok(parsed)
}

fn read_row(
    row: &Row<'_>,
    c: &Columns,
    hasher: &mut Pseudonymiser<'_>,
    parsed: &mut Parsed,
    models: &mut Vec<ModelCount>,
) -> Result<Option<PeriodActivity>, RowError> {
    let facts: &mut Facts = &mut parsed.facts;
    let diagnostics: &mut Diagnostics = &mut parsed.diagnostics;
    let email = hasher.hash(IdKind::Email, &row.get(c.email));
    let public_id = hasher.hash(IdKind::OpenaiUser, &row.get(c.public_id));
    let email_id = email.map(|p| facts.identities.intern(p, IdKind::Email));
    let public = public_id.map(|p| facts.identities.intern(p, IdKind::OpenaiUser));
    let identity = match (email_id, public) {
        (Some(e), Some(p)) => {
            facts.link(e, p);
            e
        }
        (Some(id), None) | (None, Some(id)) => id,
        (None, None) => {
            return Err((
                "email",
                "no email or public_id: the row names nobody".into(),
            ))
        }
    };

    let start = values::date(&row.get(c.period_start))
        .map_err(|e| ("period_start", e))?
        .ok_or((
            "period_start",
            "expected a date like 2025-03-30, found nothing".to_string(),
        ))?;
    let cadence_cell = row.get(c.cadence);
    let cadence_text = lower_case(cadence_cell.trim());
    let end = match values::date(&row.get(c.period_end)).map_err(|e| ("period_end", e))? {
        Some(end) => end,
        None if cadence_text == "weekly" => start.plus(6),
        None if cadence_text == "monthly" => start.plus(31).month_start().plus(-1),
        None => {
            return Err((
                "period_end",
                "expected a date like 2025-04-05, found nothing".into(),
            ))
        }
    };
    if end < start {
        return Err((
            "period_end",
            format!("the period ends ({end}) before it starts ({start})"),
        ));
    }
    let period = DaySpan::new(start, end);
    let cadence = match &*cadence_text {
        "weekly" => Cadence::Weekly,
        "monthly" => Cadence::Monthly,
        "date range" | "daterange" | "date_range" | "custom" => Cadence::DateRange,
        _ if period.days() == 7 => Cadence::Weekly,
        _ if start == start.month_start() && end.plus(1) == end.plus(1).month_start() => {
            Cadence::Monthly
        }
        _ => Cadence::DateRange,
    };

    let status_cell = row.get(c.user_status);
    let status_text = lower_case(status_cell.trim());
    let status = match &*status_text {
        "" | "enabled" | "active" => SeatStatus::Enabled,
        "pending" | "invited" => SeatStatus::Pending,
        "deleted" | "deactivated" | "disabled" | "removed" | "suspended" => SeatStatus::Deactivated,
        other => {
            diagnostics.note(format!(
                "Unknown user_status \"{other}\" read as enabled (expected enabled, pending or deleted)."
            ));
            SeatStatus::Enabled
        }
    };

    let count = |column: Option<usize>, name: &'static str| -> Result<u32, RowError> {
        values::count(&row.get(column))
            .map(Option::unwrap_or_default)
            .map_err(|e| (name, e))
    };
    let messages = count(c.messages, "messages")?;
    let is_active = values::flag(&row.get(c.is_active))
        .map_err(|e| ("is_active", e))?
        .unwrap_or(messages > 0);
    let optional_date =
        |column: Option<usize>, name: &'static str| -> Result<Option<Day>, RowError> {
            values::date(&row.get(column)).map_err(|e| (name, e))
        };
    let first_active_in_period = optional_date(c.first_day, "first_day_active_in_period")?;
    let last_active_in_period = optional_date(c.last_day, "last_day_active_in_period")?;
    let last_active_ever = optional_date(c.last_day_active, "last_day_active")?;
    let seat_created = optional_date(c.created, "created_or_invited_date")?;
    let credits = values::decimal(&row.get(c.credits_used)).map_err(|e| ("credits_used", e))?;

    match parse_count_map(&row.get(c.model_to_messages)) {
        Ok(entries) => {
            for (model, messages) in entries {
                let model = facts.strings.intern(model.trim());
                models.push(ModelCount { model, messages });
            }
        }
        Err(reason) => diagnostics.note(format!(
            "line {}, column \"model_to_messages\": {reason}; the row was kept without its model split.",
            row.line
        )),
    }
    let department = first_label(&row.get(c.department)).map(|d| facts.strings.intern(&d));

    Ok(Some(PeriodActivity {
        identity,
        tool: Tool::Chatgpt,
        period,
        cadence,
        status,
        is_active: is_active && status != SeatStatus::Pending,
        messages,
        gpt_messages: count(c.gpt_messages, "gpt_messages")?,
        gpts_messaged: count(c.gpts_messaged, "gpts_messaged")?,
        tool_messages: count(c.tool_messages, "tool_messages")?,
        tools_messaged: count(c.tools_messaged, "tools_messaged")?,
        project_messages: count(c.project_messages, "project_messages")?,
        projects_messaged: count(c.projects_messaged, "projects_messaged")?,
        projects_created: count(c.projects_created, "projects_created")?,
        credits,
        first_active_in_period,
        last_active_in_period,
        last_active_ever,
        seat_created,
        department,
        models: (0, 0),
        active_days: None,
    }))
}

/// ASCII lower case, copied only when the text has an upper-case letter (the export writes
/// `weekly` and `enabled` already lower-cased).
fn lower_case(text: &str) -> Cow<'_, str> {
    if text.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Borrowed(text)
    }
}
