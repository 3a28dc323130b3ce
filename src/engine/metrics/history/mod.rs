//! History: what merged snapshots show once the data reaches past each vendor's window. Cohort
//! progression month over month, and the time from a seat to its first use.
//!
//! **Active in a month** (cohorts, [`cohorts`]): any activity fact of a person (after linking
//! their identities across tools) on a day of that calendar month (UTC): a user-authored
//! message or a Codex log event, a person-day row with activity, a charge billed to them, or a
//! weekly or monthly period row with activity, which counts in the month containing the *last*
//! day of its period (a row cannot say which of its days were active, and never counts before
//! its period has ended; a week running from 29 January to 4 February counts in February). A
//! seat's last-activity date does not count: it is one snapshot's claim, not a record of days.
//!
//! **Covered months**: the calendar months that every tool with activity data covers entirely,
//! from its first to its last day (as `trend::months_of`, but every such month, not the last
//! twelve). A month some tool's data starts or ends inside would undercount that tool's people
//! (and show them as lapsed), so it is left out. Activity outside the covered months still
//! counts as *earlier activity*.
//!
//! **Cohorts of a covered month M**, over people active in M or in the month before it:
//! new = active in M and in no earlier month of the data; retained = active in M and in M−1;
//! reactivated = active in M, not in M−1, but in some month before M−1; lapsed = active in
//! M−1, not in M. Active = new + retained + reactivated; retention rate = retained / people
//! active in M−1 (= retained + lapsed).
//!
//! **The first covered month** has no covered month before it. Its people are classified
//! against whatever activity the data holds before it, with the same rules: when the data
//! starts on the month's first day (no earlier activity at all), everyone active is new;
//! when the data starts inside the month before, a person seen in that part of it is retained
//! (or lapsed), one seen only earlier is reactivated, and the rest are new. The row says so
//! (`previous_covered: false`), its retention rate is `None` (the month before is not
//! known in full), and the lapsed and retention figures are shown for a month only when its
//! month before is covered.
//!
//! **Seat to first use** ([`first_use`]): per person and tool, the earliest assignment date
//! (`Seat.created`) of their seats on that tool, when it falls inside the tool's activity data
//! (first to last day); a seat assigned before the data begins may have been used before it,
//! so its first use cannot be known and it is left out (`outside_data`). Days = first activity
//! on that tool − assignment date; 0 when first used the same day, and 0 when the first
//! activity in the data comes before the assignment (a trial, an earlier seat, a seat
//! re-issued: `used_before_seat` counts them). Median and 75th percentile are nearest rank
//! (`⌈p × n⌉`-th smallest, an observed number of days). Never used = a seat with no activity
//! on that tool in the data; the reclaim figure counts only those assigned at least the
//! unused-seat window (setting, 30 days) before the tool's data ends.
//!
//! Every figure is recounted from the facts the Report is built from, already narrowed by the
//! page's date range, department, team and tool: a date range starting on the 1st makes its
//! first month the first covered month, with no earlier activity.

pub mod cohorts;
pub mod first_use;

use super::context::Ctx;
use super::definitions::{Better, Definition, Unit};
use super::licences::usd;
use crate::engine::date::DaySpan;
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
pub use cohorts::CohortMonth;
pub use first_use::ToolFirstUse;
use serde::{Deserialize, Serialize};

pub const ACTIVE: Definition = Definition {
    id: "cohort_active_people",
    label: "AI-active people (last whole month)",
    unit: Unit::People,
    formula: "Distinct people (identities linked across tools) with any activity on any AI tool in the last calendar month the data covers entirely; a weekly or monthly row counts in the month of its last day. Compared with the month before.",
    sources: "every loaded usage export",
    needs: "usage exports covering a whole calendar month",
    better: Better::Higher,
};

pub const NEW: Definition = Definition {
    id: "cohort_new_people",
    label: "New AI users (last whole month)",
    unit: Unit::People,
    formula: "People active in the last whole month and in no earlier month of the data.",
    sources: "every loaded usage export",
    needs: "usage exports covering a whole calendar month",
    better: Better::Higher,
};

pub const LAPSED: Definition = Definition {
    id: "cohort_lapsed_people",
    label: "Lapsed AI users (last whole month)",
    unit: Unit::People,
    formula: "People active in the month before the last whole month and not in it.",
    sources: "every loaded usage export",
    needs: "usage exports covering two whole calendar months",
    better: Better::Lower,
};

pub const RETENTION: Definition = Definition {
    id: "cohort_retention_rate",
    label: "Month-over-month retention",
    unit: Unit::Rate,
    formula: "People active in both the last whole month and the month before / people active in the month before.",
    sources: "every loaded usage export",
    needs: "usage exports covering two whole calendar months",
    better: Better::Higher,
};

pub const FIRST_USE_MEDIAN: Definition = Definition {
    id: "seat_to_first_use_median_days",
    label: "Median days from seat to first use",
    unit: Unit::Number,
    formula: "Days from a seat's assignment date to its holder's first activity on that tool (0 when the same day or earlier), median by nearest rank over every tool's seats assigned inside that tool's data and used.",
    sources: "copilot.seats_json: created_at; the tool's daily usage (copilot.usage_ndjson)",
    needs: "copilot.seats_json and copilot.usage_ndjson",
    better: Better::Lower,
};

pub const NEVER_USED: Definition = Definition {
    id: "seats_never_used_since_assignment",
    label: "Seats never used since assignment",
    unit: Unit::People,
    formula: "Seats assigned inside the tool's data, at least the unused-seat window (30 days, setting) before it ends, with no activity on that tool since.",
    sources: "copilot.seats_json: created_at; the tool's daily usage (copilot.usage_ndjson)",
    needs: "copilot.seats_json and copilot.usage_ndjson",
    better: Better::Lower,
};

/// Shown when fewer than two months are covered.
pub const LOAD_OLDER: &str = "Load older exports or snapshots to see month-over-month cohorts";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryView {
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// The days every tool's activity data covers; `months` are its whole calendar months.
    pub covered: Option<DaySpan>,
    /// Every covered month, oldest first, with its cohorts.
    pub months: Vec<CohortMonth>,
    /// Why month-over-month cohorts are missing (fewer than two covered months).
    pub needs: Option<String>,
    /// Seat to first use, per tool with dated seats and activity data.
    pub first_use: Vec<ToolFirstUse>,
    /// Why seat to first use is missing, or missing for some tool.
    pub first_use_needs: Option<String>,
    /// The unused-seat window (days) behind `never_used_after_window`.
    pub unused_after_days: u32,
}

pub fn build(ctx: &Ctx) -> HistoryView {
    let covered = cohorts::covered_span(ctx);
    let months = covered.map_or_else(Vec::new, |span| cohorts::months(ctx, span));
    let needs = match (covered, months.as_slice()) {
        (None, _) => Some(format!("{LOAD_OLDER}: needs a usage export (any tool)")),
        (Some(span), []) => Some(format!(
            "{LOAD_OLDER}: the data ({} to {}) covers no whole calendar month",
            span.first, span.last
        )),
        (Some(_), [only]) => Some(format!(
            "{LOAD_OLDER}: the data covers one whole calendar month ({})",
            only.label
        )),
        _ => None,
    };
    let (first_use, pooled, without_data) = first_use::build(ctx);
    let first_use_needs = first_use_needs(&first_use, &without_data);
    let unused_after_days = ctx.settings.unused_after_days;
    HistoryView {
        figures: figures(&months, &first_use, &pooled, &needs, &first_use_needs),
        action: action(ctx, &months, &first_use),
        covered,
        months,
        needs,
        first_use,
        first_use_needs,
        unused_after_days,
    }
}

fn first_use_needs(rows: &[ToolFirstUse], without_data: &[Tool]) -> Option<String> {
    if rows.is_empty() && without_data.is_empty() {
        return Some(
            "needs seat assignment dates (copilot.seats_json) and the tool's daily usage (copilot.usage_ndjson)"
                .into(),
        );
    }
    if !without_data.is_empty() {
        let names: Vec<String> = without_data
            .iter()
            .map(|t| format!("{} ({})", t.label(), usage_export(*t)))
            .collect();
        return Some(format!(
            "needs the daily usage of {} to see first use after a seat",
            names.join(", ")
        ));
    }
    rows.iter().all(|r| r.seated == 0).then(|| {
        "no seat was assigned inside the usage data (one assigned before it may have been used before it): load older usage exports or snapshots".into()
    })
}

/// The export that gives a tool's activity day by day.
fn usage_export(tool: Tool) -> &'static str {
    match tool {
        Tool::Chatgpt => "chatgpt.compliance_logs_jsonl",
        Tool::Codex => "codex.usage_json",
        Tool::Copilot => "copilot.usage_ndjson",
        Tool::M365Copilot => "m365.copilot_usage_csv",
        Tool::Claude => "claude.code_usage_json",
        Tool::Cursor => "cursor.daily_usage_json",
        Tool::Gemini => "gemini.usage_csv",
    }
}

fn figures(
    months: &[CohortMonth],
    first_use: &[ToolFirstUse],
    pooled: &[u32],
    needs: &Option<String>,
    first_use_needs: &Option<String>,
) -> Vec<Figure> {
    let last = months.last();
    let before = months.len().checked_sub(2).and_then(|i| months.get(i));
    let count = |m: Option<&CohortMonth>, f: fn(&CohortMonth) -> u32| m.map(|m| f64::from(f(m)));
    // Lapsed and retention need the month before to be covered.
    let (last_compared, before_compared) = (
        last.filter(|m| m.previous_covered),
        before.filter(|m| m.previous_covered),
    );
    let seated: u32 = first_use.iter().map(|t| t.seated).sum();
    vec![
        Figure::of(
            &ACTIVE,
            count(last, |m| m.active),
            count(before, |m| m.active),
            needs.clone(),
        ),
        Figure::of(
            &NEW,
            count(last, |m| m.new),
            count(before, |m| m.new),
            needs.clone(),
        ),
        Figure::of(
            &LAPSED,
            count(last_compared, |m| m.lapsed),
            count(before_compared, |m| m.lapsed),
            needs.clone(),
        ),
        Figure::of(
            &RETENTION,
            last_compared.and_then(|m| m.retention_rate),
            before_compared.and_then(|m| m.retention_rate),
            needs.clone(),
        ),
        Figure::of(
            &FIRST_USE_MEDIAN,
            first_use::nearest_rank(pooled, 0.5).map(f64::from),
            None,
            first_use_needs.clone().or_else(|| {
                (seated > 0).then(|| "no seat assigned inside the data has been used yet".into())
            }),
        ),
        Figure::of(
            &NEVER_USED,
            (seated > 0).then(|| {
                f64::from(
                    first_use
                        .iter()
                        .map(|t| t.never_used_after_window)
                        .sum::<u32>(),
                )
            }),
            None,
            first_use_needs.clone(),
        ),
    ]
}

/// The one next step: people lapsing faster than new ones arrive, else seats never used,
/// else low retention, else slow first use.
fn action(ctx: &Ctx, months: &[CohortMonth], first_use: &[ToolFirstUse]) -> Option<String> {
    let compared: Vec<&CohortMonth> = months.iter().filter(|m| m.previous_covered).collect();
    if let [.., a, b] = compared.as_slice() {
        if a.lapsed > a.new && b.lapsed > b.new && a.month.last.plus(1) == b.month.first {
            return Some(format!(
                "Lapsed people outnumber new ones two months running ({}: {} lapsed vs {} new; {}: {} vs {}): ask the people who stopped why (a two-question survey through their managers), and pair each new starter with an active colleague for their first month.",
                a.label, a.lapsed, a.new, b.label, b.lapsed, b.new
            ));
        }
    }
    let days = ctx.settings.unused_after_days;
    if let Some(t) = first_use
        .iter()
        .filter(|t| t.never_used_after_window > 0)
        .max_by_key(|t| t.never_used_after_window)
    {
        let n = t.never_used_after_window;
        let cost = f64::from(n) * ctx.settings.seat_price(t.tool);
        let (seats, were) = if n == 1 {
            ("seat", "was")
        } else {
            ("seats", "were")
        };
        return Some(format!(
            "Reclaim or re-onboard {n} {} {seats} never used in the {days} days or more since {} {were} assigned ({n} of {} seats assigned since {}, {}/month): ask each holder whether they need it, else reassign it.",
            t.label,
            if n == 1 { "it" } else { "they" },
            t.seated,
            t.data.first,
            usd(cost)
        ));
    }
    if let Some(m) = compared.last() {
        if let Some(rate) = m.retention_rate.filter(|r| *r < 0.5) {
            return Some(format!(
                "Only {:.0} % of the people active the month before came back in {} ({} of {}): find out what the {} who lapsed were using AI for, and show their teams a repeatable weekly use.",
                rate * 100.0, m.label, m.retained, m.retained + m.lapsed, m.lapsed
            ));
        }
    }
    let (slow, median) = first_use
        .iter()
        .filter_map(|t| Some((t, t.median_days?)))
        .filter(|(_, median)| *median > 7)
        .max_by_key(|(_, median)| *median)?;
    Some(format!(
        "Half of new {} seat holders wait {median} days or more before first use: send a first-task guide the day a seat is assigned, and check in after a week.",
        slow.label
    ))
}
