//! `claude.code_csv`: the claude.ai **Claude Code analytics** table export (Analytics → Claude
//! Code → user table → Export, FORMATS.md §5d): "members' email addresses and total lines of
//! code" for the current month. Its headers are not documented (confidence Low), so columns
//! are recognised by what their names say: the email column is the one whose name holds
//! `email`; the lines column the one whose name holds `line` (preferring `accepted`, then
//! `added`, never `removed` or `deleted`). A short table with a lines column and a column of
//! email addresses under another name (`Member,Lines accepted`) is recognised too. Where
//! either column is not recognised by name, the file is refused with a [`MappingRequest`]: the
//! analyst picks the two columns in the page's mapper (or reads the table as a roster instead)
//! and the file is read again with that [`ColumnMapping`].
//!
//! **The file has no date**: the page asks for the month it covers (a [`PeriodRequest`] of at
//! most 31 days, offering dates in the file name). Each row becomes one Claude
//! [`PeriodActivity`] over that period, active when its lines are above zero. Lines have no
//! place in a period row, so their total is stated in a note; the email is hashed.

use super::csv_table::{normalise_name, CsvTable, Header};
use super::mapping::{self, ColumnMapping, MappingField, MappingForm, MappingRequest, Peek};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed, PeriodRequest};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Cadence, PeriodActivity, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ClaudeCodeCsv,
    name: "claude.code_csv",
    label: "Claude Code analytics table export (CSV)",
    csv: true,
    signature: &["email", "lines of code", "member"],
    matches: |probe| match probe {
        Probe::Csv {
            header,
            email_column,
            ..
        } => matches(header) || (*email_column && lines_table(header)),
        Probe::Json(_) => false,
    },
    parse: |reader, ctx| {
        let mapping = ctx.mapping.filter(|m| m.format == FormatId::ClaudeCodeCsv);
        parse(
            reader,
            ctx.delimiter,
            ctx.key,
            ctx.period,
            mapping,
            ctx.today,
        )
    },
};

/// The field ids of this format's mapping.
pub const EMAIL: &str = "Email";
pub const LINES: &str = "Lines";

/// The email column and the lines column, by what their names hold.
fn columns(header: &Header) -> (Option<usize>, Option<usize>) {
    let names: Vec<String> = header.names.iter().map(|n| normalise_name(n)).collect();
    let email = names.iter().position(|n| n.contains("email"));
    let lines: Vec<usize> = (0..names.len())
        .filter(|&i| names[i].contains("line"))
        .filter(|&i| !names[i].contains("removed") && !names[i].contains("deleted"))
        .collect();
    let prefer = |word: &str| lines.iter().copied().find(|&i| names[i].contains(word));
    let lines = prefer("accepted")
        .or_else(|| prefer("added"))
        .or(lines.first().copied());
    (email, lines)
}

/// Detection: a short table (at most 6 columns) with an email column and a lines column that
/// is not a roster (no department), nothing else recognised first (the registry tries every
/// documented format before it).
pub fn matches(header: &Header) -> bool {
    lines_table(header) && columns(header).0.is_some()
}

/// A short table (at most 6 columns) with a column named for lines of code, not a roster.
fn lines_table(header: &Header) -> bool {
    header.names.len() <= 6 && columns(header).1.is_some() && !super::hris::matches(header)
}

/// This format's form in the mapper: the member's email and the lines, both required; guessed
/// by name, the email also as the column holding email addresses.
pub fn mapping_form(header: &Header, peek: &Peek) -> MappingForm {
    let (email, lines) = columns(header);
    let mut guess = ColumnMapping::new(FormatId::ClaudeCodeCsv);
    guess.set(
        EMAIL,
        email.or(peek.email_column.filter(|c| Some(*c) != lines)),
    );
    guess.set(LINES, lines);
    let field = |id: &str, label: &str| MappingField {
        id: id.into(),
        label: label.into(),
        required: true,
    };
    MappingForm {
        format: FormatId::ClaudeCodeCsv,
        label: "Claude Code analytics table".into(),
        instruction: "Which column holds each member's email address, and which their lines of code (accepted, or added)?".into(),
        fields: vec![
            field(EMAIL, "Member's email"),
            field(LINES, "Lines of code"),
        ],
        one_of: Vec::new(),
        guess,
    }
}

/// The error that opens the mapper: the email or the lines column is not known.
fn mapping_error(request: MappingRequest) -> FileError {
    let mut error = FileError::new(
        format!(
            "This Claude Code analytics export's member email and lines-of-code columns were not both recognised among: {}.",
            request.headers.join(", ")
        ),
        "Choose which column holds what below (or read the file as another kind), then apply.",
    );
    error.mapping_request = Some(request);
    error
}

/// The longest period: the export covers one calendar month.
pub const MAX_DAYS: u32 = 31;

pub fn period_request() -> PeriodRequest {
    PeriodRequest {
        question: "This Claude Code analytics export has no dates: which month does it cover? The console exports the current month, from its first day to the day of the export.".into(),
        fixed_days: None,
        max_days: Some(MAX_DAYS),
        suggested: None,
    }
}

/// Reads the table with the columns of `mapping` when given, else those recognised by name.
pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    period: Option<DaySpan>,
    mapping: Option<&ColumnMapping>,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let width = table.header.names.len();
    let (email, lines) = match mapping {
        Some(m) => (m.column(EMAIL), m.column(LINES)),
        None => columns(&table.header),
    };
    let within = |c: Option<usize>| c.filter(|&c| c < width);
    let (Some(email), Some(lines)) = (within(email), within(lines)) else {
        let peek = mapping::peek(&mut table);
        let mut request = mapping::csv_request(&table.header, &peek, FormatId::ClaudeCodeCsv);
        if let (Some(given), Some(form)) = (mapping, request.forms.first_mut()) {
            form.guess = given.clone();
        }
        return Err(mapping_error(request));
    };
    let Some(period) = period.filter(|p| p.days() >= 1 && p.days() <= MAX_DAYS as i32) else {
        let mut error = FileError::new(
            "This Claude Code analytics export has no date column, so the month it covers must be given.",
            "Enter its first and last day (at most 31 days), then read it.",
        );
        error.period_request = Some(Box::new(period_request()));
        return Err(error);
    };
    let email_name = table.header.name(email).to_string();
    let lines_name = table.header.name(lines).to_string();
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut total = 0u64;
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        let count = match values::count(&row.get(Some(lines))) {
            Ok(n) => n.unwrap_or(0),
            Err(reason) => {
                parsed.diagnostics.skip(row.line, Some(&lines_name), reason);
                continue;
            }
        };
        if parsed.diagnostics.after_today(row.line, period.last) {
            continue;
        }
        let Some(pseudonym) = hasher.hash(IdKind::Email, &row.get(Some(email))) else {
            parsed.diagnostics.skip(
                row.line,
                Some(&email_name),
                "no email: the row names nobody",
            );
            continue;
        };
        let identity = parsed.facts.identities.intern(pseudonym, IdKind::Email);
        let activity = PeriodActivity {
            is_active: count > 0,
            ..PeriodActivity::over(identity, Tool::Claude, period, Cadence::DateRange)
        };
        let added = parsed.facts.push_period(activity, &[]);
        if added {
            total += u64::from(count);
        }
        parsed.diagnostics.count(added, Some(period));
    }
    if parsed.diagnostics.rows_accepted > 0 {
        parsed.diagnostics.note(format!(
            "Read \"{email_name}\" as the member and \"{lines_name}\" as lines of code: {total} lines over {} to {}, the period you gave. Lines over a month have no day, so they are counted here, not in the Claude Code view; the people with lines count as active over the period.",
            period.first, period.last
        ));
    }
    Ok(parsed)
}
