//! `codex.code_reviews_json` and `codex.code_review_responses_json`: pages of the Codex
//! Analytics API `…/code_reviews` and `…/code_review_responses` (FORMATS.md §2b). These are
//! workspace daily totals with no person: each row becomes an `OrgDaily` row (Codex, kind
//! `code_reviews` or `code_review_responses`) with reviews, comments and comments engaged, plus
//! one row per comment priority (`breakdown.feature` = `p0`, `p1`, `p2`).

use super::chatgpt_analytics_json::usage::{count, push_org, DayCheck, Part, RowError};
use super::json_rows::each_record;
use super::registry::FormatSpec;
use super::{Diagnostics, FileError, Parsed};
use crate::engine::date::Day;
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Breakdown, Facts, Measures, Tool};
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;

pub const REVIEWS_FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CodexCodeReviewsJson,
    name: "codex.code_reviews_json",
    label: "Codex code reviews (JSON)",
    csv: false,
    signature: &["start_time", "pull_request_reviews", "comments"],
    matches: |probe| is_review_page(probe, false),
    parse: |reader, ctx| parse(reader, REVIEWS, ctx.today),
};

pub const RESPONSES_FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CodexCodeReviewResponsesJson,
    name: "codex.code_review_responses_json",
    label: "Codex code review responses (JSON)",
    csv: false,
    signature: &["start_time", "pull_request_reviews", "replies", "reactions"],
    matches: |probe| is_review_page(probe, true),
    parse: |reader, ctx| parse(reader, RESPONSES, ctx.today),
};

/// The `OrgDaily` kinds these rows are filed under.
pub const REVIEWS: &str = "code_reviews";
pub const RESPONSES: &str = "code_review_responses";

/// Keys only a response row has.
const RESPONSE_KEYS: [&str; 3] = ["replies", "reactions", "comment_response_details"];

/// Detection (FORMATS.md §10): a review row has `pull_request_reviews`; a response row also
/// has replies, reactions or their details.
fn is_review_page(probe: &Probe, responses: bool) -> bool {
    let Probe::Json(json) = probe else {
        return false;
    };
    json.first_has(&["start_time", "pull_request_reviews"])
        && RESPONSE_KEYS.iter().any(|k| json.first_has(&[k])) == responses
        && (responses || json.first_has(&["comments"]))
}

#[derive(Deserialize)]
struct Row {
    start_time: Option<Value>,
    end_time: Option<Value>,
    pull_request_reviews: Option<Value>,
    comments: Option<Value>,
    comment_details: Option<Priorities>,
    comment_response_details: Option<ResponseDetails>,
}

#[derive(Deserialize)]
struct Priorities {
    p0: Option<Value>,
    p1: Option<Value>,
    p2: Option<Value>,
}

#[derive(Deserialize)]
struct ResponseDetails {
    engaged: Option<Value>,
    reacted: Option<Value>,
    replied: Option<Value>,
}

/// Where each row's comments engaged came from, for the notes.
#[derive(Default)]
struct EngagedFrom {
    engaged: bool,
    replied_plus_reacted: bool,
    nowhere: bool,
}

fn parse(
    reader: &mut dyn Read,
    kind: &'static str,
    today: Option<Day>,
) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut days = DayCheck::default();
    let mut from = EngagedFrom::default();
    let Parsed {
        facts, diagnostics, ..
    } = &mut parsed;
    each_record::<Row>(
        reader,
        &["data"],
        diagnostics,
        |row, record, diagnostics| {
            let read = read_row(
                row,
                kind,
                record.line,
                &mut days,
                &mut from,
                facts,
                diagnostics,
            );
            if let Err((column, reason)) = read {
                diagnostics.skip(record.line, Some(&column), reason);
            }
        },
    )?;
    let diagnostics = &mut parsed.diagnostics;
    days.finish(diagnostics);
    if from.engaged {
        diagnostics.note("Comments engaged were read from comment_response_details.engaged.");
    }
    if from.replied_plus_reacted {
        diagnostics.note(
            "Some rows have no comment_response_details.engaged: for those, comments engaged = \
             replied + reacted (a comment both replied to and reacted to counts twice).",
        );
    }
    if from.nowhere {
        diagnostics.note(
            "Some rows have no comment_response_details: their comments engaged are unknown \
             and were counted as 0.",
        );
    }
    Ok(parsed)
}

fn read_row(
    row: Row,
    kind: &str,
    line: u64,
    days: &mut DayCheck,
    from: &mut EngagedFrom,
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
) -> Result<(), RowError> {
    if row.pull_request_reviews.is_none() && row.comments.is_none() {
        let reason = "no pull_request_reviews or comments: not a code review row";
        return Err(("pull_request_reviews".into(), reason.into()));
    }
    let day = days.day(row.start_time.as_ref(), row.end_time.as_ref(), line)?;
    if diagnostics.after_today(line, day) {
        return Ok(());
    }
    let mut measures = Measures {
        reviews: count(row.pull_request_reviews.as_ref(), "pull_request_reviews")?.unwrap_or(0),
        comments: count(row.comments.as_ref(), "comments")?.unwrap_or(0),
        ..Measures::default()
    };
    let field = |value: &Option<Value>, name: &str| count(value.as_ref(), name);
    match &row.comment_response_details {
        Some(d) => match field(&d.engaged, "comment_response_details.engaged")? {
            Some(engaged) => {
                measures.comments_engaged = engaged;
                from.engaged = true;
            }
            None => {
                let replied = field(&d.replied, "comment_response_details.replied")?;
                let reacted = field(&d.reacted, "comment_response_details.reacted")?;
                measures.comments_engaged =
                    replied.unwrap_or(0).saturating_add(reacted.unwrap_or(0));
                from.replied_plus_reacted = true;
            }
        },
        None => from.nowhere |= kind == RESPONSES,
    }
    let priorities = match &row.comment_details {
        Some(p) => [
            field(&p.p0, "comment_details.p0")?,
            field(&p.p1, "comment_details.p1")?,
            field(&p.p2, "comment_details.p2")?,
        ],
        None => [None; 3],
    };
    push_reviews(facts, diagnostics, day, kind, measures, priorities);
    Ok(())
}

/// Pushes a workspace day of code review figures, and one row per priority given (p0, p1,
/// p2; `measures.comments` = that priority's count). Shared with the dashboard export (§2c).
pub(super) fn push_reviews(
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
    day: Day,
    kind: &str,
    measures: Measures,
    priorities: [Option<u64>; 3],
) {
    let parts = priorities
        .into_iter()
        .zip(["p0", "p1", "p2"])
        .filter_map(|(comments, label)| {
            let comments = comments?;
            Some(Part {
                breakdown: Breakdown {
                    feature: Some(facts.strings.intern(label)),
                    ..Breakdown::default()
                },
                measures: Measures {
                    comments,
                    ..Measures::default()
                },
                users: None,
            })
        })
        .collect();
    let total = Part {
        breakdown: Breakdown::default(),
        measures,
        users: None,
    };
    push_org(facts, diagnostics, Tool::Codex, day, kind, total, parts);
}
