//! My usage: one person's own ChatGPT use, from their personal export
//! (`chatgpt.personal_export_json`), shown only to whoever loaded it and never mixed into the
//! organisation's figures. Messages sent per week, conversations, sessions (the METRICS.md
//! rule: a run of messages with gaps under the session gap), active days, the models that
//! answered, prompt length, an hour × weekday grid (UTC), custom GPTs and projects (by
//! ordinal, never by id or name), and a few plain-language observations.

use super::adoption::ratio;
use super::definitions::{Better, Definition, Unit};
use super::timing::{week_order, WEEKDAYS};
use crate::engine::date::{Day, DaySpan, WeekStart};
use crate::engine::facts::{PersonalFacts, PersonalMessage};
use crate::engine::report::Figure;
use crate::engine::settings::Settings;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

const SOURCES: &str = "chatgpt.personal_export_json: mapping, current_node, author.role, create_time, content (length only), metadata.model_slug";
const NEEDS: &str = "chatgpt.personal_export_json (your own ChatGPT export: Settings → Data controls → Export data)";

const fn def(id: &'static str, label: &'static str, formula: &'static str) -> Definition {
    Definition {
        id,
        label,
        unit: Unit::Number,
        formula,
        sources: SOURCES,
        needs: NEEDS,
        better: Better::Neither,
    }
}

pub const MY_MESSAGES: Definition = def(
    "my_messages",
    "Messages you sent",
    "Your messages (author.role user) on the visible branch of every conversation (current_node → parent), hidden ones excluded, over the whole export.",
);
pub const MY_CONVERSATIONS: Definition = def(
    "my_conversations",
    "Conversations",
    "Conversations with at least one message of yours counted in Messages you sent.",
);
pub const MY_SESSIONS: Definition = def(
    "my_sessions",
    "Sessions",
    "Runs of your messages (across conversations) with gaps under the session gap setting (default 30 minutes); a gap of exactly the setting starts a new session.",
);
pub const MY_MESSAGES_PER_SESSION: Definition = def(
    "my_messages_per_session",
    "Messages per session",
    "Messages you sent / sessions.",
);
pub const MY_ACTIVE_DAYS: Definition = def(
    "my_active_days",
    "Active days",
    "UTC calendar days on which you sent at least one message.",
);
pub const MY_AVG_PROMPT_CHARS: Definition = def(
    "my_avg_prompt_chars",
    "Average prompt length",
    "Mean length of your messages in characters (Unicode scalar values of the text parts; images count nothing).",
);
pub const MY_MEDIAN_PROMPT_CHARS: Definition = def(
    "my_median_prompt_chars",
    "Median prompt length",
    "Median length of your messages in characters (the mean of the two middle ones for an even count).",
);
pub const MY_CUSTOM_GPTS: Definition = def(
    "my_custom_gpts",
    "Custom GPTs used",
    "Distinct custom GPTs (gizmo_id g-…, projects excluded) of the conversations you sent messages in.",
);
pub const MY_PROJECTS: Definition = def(
    "my_projects",
    "Projects used",
    "Distinct projects (g-p-…) of the conversations you sent messages in.",
);

/// Prompt length buckets, in characters: (label, lowest, highest).
pub const PROMPT_BUCKETS: [(&str, u32, u32); 5] = [
    ("under 50", 0, 49),
    ("50–199", 50, 199),
    ("200–499", 200, 499),
    ("500–1,999", 500, 1_999),
    ("2,000 and over", 2_000, u32::MAX),
];

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MyUsageView {
    /// False when no personal export is loaded (the view is then hidden).
    pub available: bool,
    pub figures: Vec<Figure>,
    /// First and last day with a message.
    pub span: Option<DaySpan>,
    /// Every week from the first message to the last, oldest first (zero weeks included: the
    /// export is the whole history).
    pub weeks: Vec<MyWeek>,
    /// Models by messages answered, most first.
    pub models: Vec<MyShare>,
    /// Messages per prompt length bucket ([`PROMPT_BUCKETS`] order).
    pub prompt_lengths: Vec<MyShare>,
    /// Weekday labels in week order.
    pub weekdays: Vec<String>,
    /// `cells[weekday][hour]`: messages, UTC.
    pub cells: Vec<Vec<u64>>,
    /// Custom GPTs (`Custom GPT 1`, `2`… in order of first use) and projects (`Project 1`…).
    pub custom_gpts: Vec<MyShare>,
    pub projects: Vec<MyShare>,
    pub observations: Vec<String>,
    /// What to load when nothing is.
    pub needs: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyWeek {
    pub week: DaySpan,
    pub messages: u64,
    pub sessions: u64,
    pub active_days: u32,
}

/// A label with its messages and share of all your messages.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MyShare {
    pub label: String,
    pub messages: u64,
    pub share: f64,
    /// Conversations (custom GPTs and projects only; 0 elsewhere).
    pub conversations: u64,
}

/// Sessions: (day of the first message, messages) for each run with gaps under `gap` seconds.
fn sessions(sorted: &[&PersonalMessage], gap: i64) -> Vec<(Day, u64)> {
    let mut out: Vec<(Day, u64)> = Vec::new();
    let mut last: Option<i64> = None;
    for m in sorted {
        match (last, out.last_mut()) {
            (Some(previous), Some(current)) if m.at - previous < gap => current.1 += 1,
            _ => out.push((Day::from_unix_seconds(m.at), 1)),
        }
        last = Some(m.at);
    }
    out
}

fn median(sorted: &[u32]) -> Option<f64> {
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(f64::from(sorted[n / 2])),
        _ => Some((f64::from(sorted[n / 2 - 1]) + f64::from(sorted[n / 2])) / 2.0),
    }
}

/// Messages and conversations per hashed GPT or project, labelled by order of first use.
fn ordinals(
    sorted: &[&PersonalMessage],
    of: impl Fn(&PersonalMessage) -> Option<u64>,
    name: &str,
    total: u64,
) -> Vec<MyShare> {
    let mut order: Vec<u64> = Vec::new();
    let mut counts: BTreeMap<u64, (u64, BTreeSet<u64>)> = BTreeMap::new();
    for m in sorted {
        if let Some(id) = of(m) {
            if !order.contains(&id) {
                order.push(id);
            }
            let entry = counts.entry(id).or_default();
            entry.0 += 1;
            entry.1.insert(m.conversation);
        }
    }
    order
        .iter()
        .enumerate()
        .map(|(i, id)| {
            let (messages, conversations) = counts.get(id).cloned().unwrap_or_default();
            MyShare {
                label: format!("{name} {}", i + 1),
                messages,
                share: ratio(messages as f64, total as f64).unwrap_or(0.0),
                conversations: conversations.len() as u64,
            }
        })
        .collect()
}

pub fn build(personal: &PersonalFacts, settings: &Settings, week_start: WeekStart) -> MyUsageView {
    let mut sorted: Vec<&PersonalMessage> = personal.messages.iter().collect();
    if sorted.is_empty() {
        return MyUsageView {
            needs: Some(format!("needs {NEEDS}")),
            ..MyUsageView::default()
        };
    }
    sorted.sort_by_key(|m| (m.at, m.key));
    let total = sorted.len() as u64;
    let days: BTreeSet<Day> = sorted
        .iter()
        .map(|m| Day::from_unix_seconds(m.at))
        .collect();
    let conversations: BTreeSet<u64> = sorted.iter().map(|m| m.conversation).collect();
    let runs = sessions(&sorted, settings.session_gap_seconds());
    let mut lengths: Vec<u32> = sorted.iter().map(|m| m.chars).collect();
    lengths.sort_unstable();
    let chars: u64 = lengths.iter().map(|&c| u64::from(c)).sum();
    let average = ratio(chars as f64, total as f64);
    let median = median(&lengths);
    let custom_gpts = ordinals(&sorted, |m| m.gpt, "Custom GPT", total);
    let projects = ordinals(&sorted, |m| m.project, "Project", total);
    let span = match (days.first(), days.last()) {
        (Some(&first), Some(&last)) => Some(DaySpan::new(first, last)),
        _ => None,
    };

    // Weeks from the first message's week to the last's.
    let mut weeks: Vec<MyWeek> = Vec::new();
    if let Some(span) = span {
        let mut start = span.first.week_start(week_start);
        while start <= span.last {
            let week = DaySpan::new(start, start.plus(6));
            weeks.push(MyWeek {
                week,
                messages: sorted
                    .iter()
                    .filter(|m| week.contains(Day::from_unix_seconds(m.at)))
                    .count() as u64,
                sessions: runs.iter().filter(|(d, _)| week.contains(*d)).count() as u64,
                active_days: days.iter().filter(|d| week.contains(**d)).count() as u32,
            });
            start = start.plus(7);
        }
    }

    let mut by_model: BTreeMap<String, u64> = BTreeMap::new();
    for m in &sorted {
        let label = personal.model_name(m.model).unwrap_or("unknown model");
        *by_model.entry(label.to_string()).or_default() += 1;
    }
    let mut models: Vec<MyShare> = by_model
        .into_iter()
        .map(|(label, messages)| MyShare {
            label,
            messages,
            share: ratio(messages as f64, total as f64).unwrap_or(0.0),
            conversations: 0,
        })
        .collect();
    models.sort_by(|a, b| b.messages.cmp(&a.messages).then(a.label.cmp(&b.label)));

    let prompt_lengths = PROMPT_BUCKETS
        .iter()
        .map(|&(label, low, high)| {
            let messages = lengths.iter().filter(|&&c| c >= low && c <= high).count() as u64;
            MyShare {
                label: label.to_string(),
                messages,
                share: ratio(messages as f64, total as f64).unwrap_or(0.0),
                conversations: 0,
            }
        })
        .collect();

    let order = week_order(week_start);
    let mut grid = [[0u64; 24]; 7];
    for m in &sorted {
        let day = Day::from_unix_seconds(m.at);
        let hour = (m.at.rem_euclid(86_400) / 3_600) as usize;
        grid[day.weekday_from_monday() as usize][hour.min(23)] += 1;
    }
    let weekdays: Vec<String> = order
        .iter()
        .map(|&d| WEEKDAYS[d as usize].to_string())
        .collect();
    let cells: Vec<Vec<u64>> = order.iter().map(|&d| grid[d as usize].to_vec()).collect();

    let per_session = ratio(total as f64, runs.len() as f64);
    let figures = vec![
        Figure::of(&MY_MESSAGES, Some(total as f64), None, None),
        Figure::of(
            &MY_CONVERSATIONS,
            Some(conversations.len() as f64),
            None,
            None,
        ),
        Figure::of(&MY_SESSIONS, Some(runs.len() as f64), None, None),
        Figure::of(&MY_MESSAGES_PER_SESSION, per_session, None, None),
        Figure::of(&MY_ACTIVE_DAYS, Some(days.len() as f64), None, None),
        Figure::of(&MY_AVG_PROMPT_CHARS, average, None, None),
        Figure::of(&MY_MEDIAN_PROMPT_CHARS, median, None, None),
        Figure::of(&MY_CUSTOM_GPTS, Some(custom_gpts.len() as f64), None, None),
        Figure::of(&MY_PROJECTS, Some(projects.len() as f64), None, None),
    ];
    let mut view = MyUsageView {
        available: true,
        figures,
        span,
        weeks,
        models,
        prompt_lengths,
        weekdays,
        cells,
        custom_gpts,
        projects,
        observations: Vec::new(),
        needs: None,
    };
    view.observations = observations(&view, &grid, median, per_session);
    view
}

/// "1 message", "2 messages".
fn plural(n: u64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// A few sentences an employee can act on, each from the figures above.
fn observations(
    view: &MyUsageView,
    grid: &[[u64; 24]; 7],
    median: Option<f64>,
    per_session: Option<f64>,
) -> Vec<String> {
    let mut out = Vec::new();
    let total: u64 = view.weeks.iter().map(|w| w.messages).sum();
    let used_weeks = view.weeks.iter().filter(|w| w.messages > 0).count();
    if let Some(span) = view.span {
        let weeks = match (used_weeks, view.weeks.len()) {
            (_, 1) => "all in one week".to_string(),
            (used, all) if used == all => {
                format!("and used ChatGPT in every one of those {all} weeks")
            }
            (used, all) => format!("and used ChatGPT in {used} of those {all} weeks"),
        };
        out.push(format!(
            "You sent {} between {} and {}, {weeks}.",
            plural(total, "message"),
            span.first,
            span.last,
        ));
    }
    let mut peak = (0u64, 0usize, 0usize);
    for (day, hours) in grid.iter().enumerate() {
        for (hour, &n) in hours.iter().enumerate() {
            if n > peak.0 {
                peak = (n, day, hour);
            }
        }
    }
    if peak.0 > 0 {
        out.push(format!(
            "Your busiest hour is {}s {:02}:00–{:02}:59 UTC ({} messages).",
            WEEKDAYS[peak.1], peak.2, peak.2, peak.0
        ));
    }
    if let Some(median) = median {
        out.push(if median < 50.0 {
            format!("Half your prompts are under {median:.0} characters. Short prompts read like searches: saying who the answer is for, what you already know and the format you want usually gets a better first answer.")
        } else if median > 200.0 {
            format!("Half your prompts are over {median:.0} characters: you give ChatGPT context, which tends to save follow-up messages.")
        } else {
            format!("Your typical prompt is {median:.0} characters. Adding the material and the format you want, when it matters, usually saves a round of follow-ups.")
        });
    }
    if let Some(per_session) = per_session {
        out.push(if per_session < 2.0 {
            format!("You send {per_session:.1} messages per session: mostly one question and done. Asking a follow-up (\"shorter\", \"as a table\", \"what did you assume?\") is often where the answer improves.")
        } else {
            format!("You send {per_session:.1} messages per session: you work answers over rather than taking the first one.")
        });
    }
    if let Some(top) = view.models.first() {
        if view.models.len() > 1 {
            out.push(format!(
                "{:.0}% of your messages were answered by {}; you used {} models in all.",
                top.share * 100.0,
                top.label,
                view.models.len()
            ));
        } else {
            out.push(format!("All your messages were answered by {}.", top.label));
        }
    }
    if view.custom_gpts.is_empty() && view.projects.is_empty() {
        out.push("You have not used custom GPTs or projects: for a task you repeat, a project keeps its files and instructions in one place.".into());
    } else {
        let gpt_messages: u64 = view.custom_gpts.iter().map(|g| g.messages).sum();
        let project_messages: u64 = view.projects.iter().map(|g| g.messages).sum();
        let mut parts = Vec::new();
        if !view.custom_gpts.is_empty() {
            parts.push(format!(
                "{} to {}",
                plural(gpt_messages, "message"),
                plural(view.custom_gpts.len() as u64, "custom GPT")
            ));
        }
        if !view.projects.is_empty() {
            parts.push(format!(
                "{} in {}",
                plural(project_messages, "message"),
                plural(view.projects.len() as u64, "project")
            ));
        }
        out.push(format!("You sent {}.", parts.join(" and ")));
    }
    out
}
