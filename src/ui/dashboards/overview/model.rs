//! What the Overview shows, computed from the Report alone (pure, tested natively): the headline
//! cards, the recommended action, the weekly trend and the by-department rows.

use crate::engine::report::{DepartmentRow, Figure};
use crate::engine::Report;
use crate::ui::dashboards::{short_day, week_label};
use crate::ui::format;

/// The adoption figures at the top, in reading order.
pub const HEADLINE: [&str; 8] = [
    "seats",
    "activated_users",
    "activation_rate",
    "weekly_active_users",
    "monthly_active_users",
    "stickiness",
    "messages_per_active_user_week",
    "advanced_model_share",
];

/// The licence figures below them.
pub const LICENCES: [&str; 3] = ["unused_seats", "monthly_seat_cost", "cost_per_active_user"];

/// Figures across tools, shown when a tool other than ChatGPT is loaded.
pub const ACROSS_TOOLS: [&str; 2] = ["ai_active_users_any_tool", "multi_tool_users"];

/// Coding-assistant figures, shown when Codex or Copilot data is loaded.
pub const CODING: [&str; 4] = [
    "codex_weekly_active_users",
    "codex_credits_per_active_user",
    "copilot_weekly_active_users",
    "copilot_acceptance_rate",
];

#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    pub label: String,
    pub week: String,
    pub seats: f64,
    pub active: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OverviewModel {
    pub period: Option<String>,
    pub comparison: String,
    pub week_start_note: String,
    pub problem: Option<String>,
    pub headline: Vec<Figure>,
    pub licences: Vec<Figure>,
    pub across_tools: Vec<Figure>,
    pub coding: Vec<Figure>,
    pub cross_tool: crate::engine::metrics::activity::CrossTool,
    pub action: Option<String>,
    pub trend: Vec<TrendPoint>,
    pub departments: Vec<DepartmentRow>,
    pub department_note: String,
    pub funnel: crate::engine::metrics::funnel::FunnelView,
    pub activity: super::activity::ActivityChart,
}

pub fn model(report: &Report) -> OverviewModel {
    let pick = |ids: &[&str]| {
        ids.iter()
            .filter_map(|id| report.figure(id).cloned())
            .collect::<Vec<_>>()
    };
    let weeks_back = report.settings.compare_weeks_back;
    let comparison = match report.comparison_week {
        Some(_) => format!("vs {weeks_back} weeks ago"),
        None => format!("(no data {weeks_back} weeks earlier)"),
    };
    let trend = report
        .weekly
        .iter()
        .map(|w| TrendPoint {
            label: short_day(w.week),
            week: week_label(w.week),
            seats: w.seats as f64,
            active: w.weekly_active_users as f64,
        })
        .collect();
    let d = &report.departments;
    let department_note = match d.source.as_str() {
        "hris" => format!(
            "Departments from the HRIS file ({} of {} seat holders matched). Groups with fewer than {} seat holders are hidden{}.",
            d.seat_holders_matched_to_hris,
            d.seat_holders,
            d.min_group_size,
            if d.suppressed_groups > 0 {
                format!(", with the next-smallest group hidden too so that totals cannot reveal them ({} hidden)", d.suppressed_groups)
            } else {
                String::new()
            }
        ),
        "chatgpt" => format!(
            "Departments from ChatGPT's own department field (SCIM); add an HRIS file for complete departments. Groups under {} seat holders are hidden.",
            d.min_group_size
        ),
        _ => "Add an HRIS file (work email + department) to see adoption by department.".to_string(),
    };
    let other_tools = report
        .cross_tool
        .tools
        .iter()
        .any(|t| t.tool != crate::engine::facts::Tool::Chatgpt);
    OverviewModel {
        period: report.headline_week.map(week_label),
        comparison,
        week_start_note: format!("Weeks start on {}.", report.week_start_reason),
        problem: report.problem.clone(),
        headline: pick(&HEADLINE),
        licences: pick(&LICENCES),
        across_tools: if other_tools {
            pick(&ACROSS_TOOLS)
        } else {
            Vec::new()
        },
        coding: pick(&CODING)
            .into_iter()
            .filter(|f| f.value.is_some())
            .collect(),
        cross_tool: report.cross_tool.clone(),
        action: recommended_action(report),
        trend,
        departments: d.rows.clone(),
        department_note,
        funnel: report.funnel.clone(),
        activity: super::activity::activity_chart(&report.activity),
    }
}

/// One specific next step, from the numbers (never a generic tip).
pub fn recommended_action(report: &Report) -> Option<String> {
    let value = |id: &str| report.figure(id).and_then(|f| f.value);
    let Some(seats) = value("seats") else {
        return report.funnel.action.clone();
    };
    let wau = value("weekly_active_users")?;
    if seats <= 0.0 {
        return None;
    }
    let overall = wau / seats;
    // The shown department furthest below the organisation's weekly active rate.
    let lagging = report
        .departments
        .rows
        .iter()
        .filter(|r| !r.suppressed && r.seats.unwrap_or(0) >= report.departments.min_group_size)
        .filter_map(|r| Some((r, r.weekly_active_rate?)))
        .min_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((row, rate)) = lagging {
        if rate < overall * 0.6 {
            return Some(format!(
                "{} holds {} seats with {} weekly active ({}, against {} across the organisation): run a use-case session with that team before renewal.",
                row.department,
                row.seats.unwrap_or(0),
                row.weekly_active_users.unwrap_or(0),
                format::value(Some(rate), crate::engine::metrics::definitions::Unit::Rate),
                format::value(Some(overall), crate::engine::metrics::definitions::Unit::Rate),
            ));
        }
    }
    if let Some(unused) = value("unused_seats").filter(|u| *u / seats >= 0.1) {
        let price = report
            .settings
            .seat_price(crate::engine::facts::Tool::Chatgpt);
        return Some(format!(
            "{} of {} seats had no activity in {} days (about {} a month): reclaim them or reassign them to people on the waiting list.",
            format::thousands(unused as i64),
            format::thousands(seats as i64),
            report.settings.unused_after_days,
            format::value(Some(unused * price), crate::engine::metrics::definitions::Unit::Usd),
        ));
    }
    if let Some(share) = value("advanced_model_share").filter(|s| *s < 0.25) {
        return Some(format!(
            "Only {} of messages use advanced models: show people when to switch to a reasoning model, or set it as the default for analysts.",
            format::value(Some(share), crate::engine::metrics::definitions::Unit::Rate)
        ));
    }
    Some(format!(
        "{} of {} seat holders used ChatGPT this week: adoption is broad; look at depth next (messages per active user, advanced-model share).",
        format::thousands(wau as i64),
        format::thousands(seats as i64)
    ))
}
