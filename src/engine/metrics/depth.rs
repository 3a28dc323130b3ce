//! Session depth: sessions per active person per week and messages per session, from
//! message-level sources (compliance logs).
//!
//! A session is a run of one person's user-authored messages on one tool whose gaps are all
//! under the session gap (setting, default 30 minutes); it belongs to the week of its first
//! message, and so do its messages. People active in a week are those who sent a user message
//! in it. The headline figures are about ChatGPT (the chat tool); other tools with message
//! events (Codex prompts from the compliance log) get their own row.

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{self, Better, Definition, Unit};
use super::people::PersonId;
use super::sessions::Session;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{Facts, Role, Tool};
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the view needs when no message-level data is loaded.
pub const NEEDS: &str = "needs chatgpt.compliance_logs_jsonl";

/// `messages_per_active_user_week` recomputed from message events (the headline definition
/// reads the Users CSV; this one reads the compliance log).
pub const MESSAGES_PER_ACTIVE_FROM_LOGS: Definition = Definition {
    id: "messages_per_active_user_week",
    label: "Messages per active person (message logs)",
    unit: Unit::Number,
    formula: "ChatGPT messages written by users sent in the headline week / people who sent at least one that week (counted from message timestamps, UTC).",
    sources: "chatgpt.compliance_logs_jsonl: author.role, created_at",
    needs: "chatgpt.compliance_logs_jsonl",
    better: Better::Higher,
};

/// Share of the week's sessions that hold a single user message.
pub const SINGLE_MESSAGE_SESSION_SHARE: Definition = Definition {
    id: "single_message_session_share",
    label: "One-message sessions",
    unit: Unit::Rate,
    formula: "ChatGPT sessions starting in the headline week with exactly one message written by the user / all sessions starting that week.",
    sources: "chatgpt.compliance_logs_jsonl: author.role, created_at",
    needs: "chatgpt.compliance_logs_jsonl",
    better: Better::Lower,
};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepthView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// Up to 14 weeks ending with the headline week, oldest first (ChatGPT).
    #[serde(default)]
    pub weeks: Vec<DepthWeek>,
    /// Sessions against depth: headline week vs the comparison (or first measured) week.
    #[serde(default)]
    pub verdict: Option<String>,
    /// The headline week per tool with message events.
    #[serde(default)]
    pub tools: Vec<ToolDepth>,
    /// What to load when nothing loaded has message-level data.
    #[serde(default)]
    pub needs: Option<String>,
}

/// One week of the depth trend. Ratios are `None` when nobody sent a message that week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepthWeek {
    pub week: DaySpan,
    /// People who sent a user message in the week.
    pub active_people: u32,
    /// Sessions starting in the week.
    pub sessions: u32,
    /// User messages of those sessions.
    pub session_messages: u64,
    /// User messages sent in the week (by their own timestamp).
    pub messages: u64,
    pub sessions_per_active_user: Option<f64>,
    pub messages_per_session: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolDepth {
    pub tool: Tool,
    pub label: String,
    pub active_people: u32,
    pub sessions: u32,
    pub sessions_per_active_user: Option<f64>,
    pub messages_per_session: Option<f64>,
}

/// User-authored message timestamps of `tool`, per person, sorted.
pub fn user_messages(ctx: &Ctx, tool: Tool) -> BTreeMap<PersonId, Vec<i64>> {
    let mut by_person: BTreeMap<PersonId, Vec<i64>> = BTreeMap::new();
    for e in user_events(ctx.facts, tool) {
        by_person
            .entry(ctx.people.person(e.identity))
            .or_default()
            .push(e.at);
    }
    for times in by_person.values_mut() {
        times.sort_unstable();
    }
    by_person
}

/// The user-authored message events of `tool`.
pub fn user_events(
    facts: &Facts,
    tool: Tool,
) -> impl Iterator<Item = &crate::engine::facts::MessageEvent> {
    facts
        .events
        .iter()
        .filter(move |e| e.tool == tool && e.role == Role::User)
}

/// Sessions, messages and people of one week.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
struct WeekCount {
    active_people: u32,
    sessions: u32,
    single_message_sessions: u32,
    session_messages: u64,
    messages: u64,
}

impl WeekCount {
    fn of(messages: &BTreeMap<PersonId, Vec<i64>>, sessions: &[Session], week: DaySpan) -> Self {
        let in_week = |at: i64| week.contains(Day::from_unix_seconds(at));
        let mut count = WeekCount::default();
        for times in messages.values() {
            let sent = times.iter().filter(|&&at| in_week(at)).count() as u64;
            count.messages += sent;
            count.active_people += u32::from(sent > 0);
        }
        for s in sessions.iter().filter(|s| week.contains(s.day)) {
            count.sessions += 1;
            count.session_messages += u64::from(s.messages);
            count.single_message_sessions += u32::from(s.messages == 1);
        }
        count
    }
    fn sessions_per_active_user(&self) -> Option<f64> {
        ratio(f64::from(self.sessions), f64::from(self.active_people))
    }
    fn messages_per_session(&self) -> Option<f64> {
        ratio(self.session_messages as f64, f64::from(self.sessions))
    }
    fn messages_per_active_user(&self) -> Option<f64> {
        ratio(self.messages as f64, f64::from(self.active_people))
    }
    fn single_message_share(&self) -> Option<f64> {
        ratio(
            f64::from(self.single_message_sessions),
            f64::from(self.sessions),
        )
    }
}

pub fn build(ctx: &Ctx) -> DepthView {
    let all_sessions = ctx.sessions();
    let of_tool = |tool: Tool| -> Vec<Session> {
        all_sessions
            .iter()
            .filter(|s| s.tool == tool)
            .copied()
            .collect()
    };
    let chat = user_messages(ctx, Tool::Chatgpt);
    let chat_sessions = of_tool(Tool::Chatgpt);
    let count = |week: Option<DaySpan>| week.map(|w| WeekCount::of(&chat, &chat_sessions, w));
    let now = count(ctx.headline);
    let before = count(ctx.comparison);
    let needs = if chat.is_empty() {
        Some(NEEDS.to_string())
    } else if ctx.headline.is_none() {
        Some(
            ctx.plan
                .problem
                .clone()
                .unwrap_or_else(|| "needs a complete week of data".to_string()),
        )
    } else {
        None
    };
    let figure = |d: &Definition, f: fn(&WeekCount) -> Option<f64>| {
        Figure::of(
            d,
            now.as_ref().and_then(f),
            before.as_ref().and_then(f),
            needs.clone(),
        )
    };
    let headline = |id: &str| definitions::headline(id);
    let figures = vec![
        figure(
            headline("sessions_per_active_user_week"),
            WeekCount::sessions_per_active_user,
        ),
        figure(
            headline("messages_per_session"),
            WeekCount::messages_per_session,
        ),
        figure(
            &MESSAGES_PER_ACTIVE_FROM_LOGS,
            WeekCount::messages_per_active_user,
        ),
        figure(
            &SINGLE_MESSAGE_SESSION_SHARE,
            WeekCount::single_message_share,
        ),
    ];

    let trend = ctx.trend();
    let counts: Vec<(DaySpan, WeekCount)> = if chat.is_empty() {
        Vec::new()
    } else {
        trend
            .iter()
            .map(|&w| (w, WeekCount::of(&chat, &chat_sessions, w)))
            .collect()
    };
    let weeks = counts
        .iter()
        .map(|(week, c)| DepthWeek {
            week: *week,
            active_people: c.active_people,
            sessions: c.sessions,
            session_messages: c.session_messages,
            messages: c.messages,
            sessions_per_active_user: c.sessions_per_active_user(),
            messages_per_session: c.messages_per_session(),
        })
        .collect();
    // The baseline: the comparison week when it has messages, else the first measured week.
    let baseline = before
        .filter(|c| c.active_people > 0)
        .zip(ctx.comparison)
        .map(|(c, w)| (w, c))
        .or_else(|| {
            counts
                .iter()
                .find(|(w, c)| c.active_people > 0 && Some(*w) != ctx.headline)
                .copied()
        });
    let verdict = match (now, baseline) {
        (Some(now), Some((week, base))) if now.active_people > 0 => verdict(&now, &base, week),
        _ => None,
    };

    let tools = ctx
        .headline
        .map(|week| {
            let mut present: BTreeSet<Tool> = BTreeSet::new();
            for e in &ctx.facts.events {
                if e.role == Role::User {
                    present.insert(e.tool);
                }
            }
            present
                .into_iter()
                .map(|tool| {
                    let messages = user_messages(ctx, tool);
                    let c = WeekCount::of(&messages, &of_tool(tool), week);
                    ToolDepth {
                        tool,
                        label: tool.label().to_string(),
                        active_people: c.active_people,
                        sessions: c.sessions,
                        sessions_per_active_user: c.sessions_per_active_user(),
                        messages_per_session: c.messages_per_session(),
                    }
                })
                .collect()
        })
        .unwrap_or_default();

    let action = now.and_then(|now| action(&now, baseline.map(|b| b.1), ctx));
    DepthView {
        figures,
        action,
        weeks,
        verdict,
        tools,
        needs,
    }
}

/// Did sessions rise while depth stayed put? (A change under 5 % counts as flat.)
fn verdict(now: &WeekCount, base: &WeekCount, base_week: DaySpan) -> Option<String> {
    let (s1, s0) = (
        now.sessions_per_active_user()?,
        base.sessions_per_active_user()?,
    );
    let (d1, d0) = (now.messages_per_session()?, base.messages_per_session()?);
    let trend = |now: f64, then: f64| {
        if now > then * 1.05 {
            1
        } else if now < then * 0.95 {
            -1
        } else {
            0
        }
    };
    let since = format!("since the week of {}", base_week.first);
    let s = format!("{s0:.1} → {s1:.1} sessions per person");
    let d = format!("{d0:.1} → {d1:.1} messages per session");
    Some(match (trend(s1, s0), trend(d1, d0)) {
        (1, 1) => format!("Deeper and more frequent use {since}: {s}, {d}."),
        (1, _) => format!("Sessions rise but depth does not {since}: {s}, while {d}. People come back more often but keep conversations short."),
        (_, 1) => format!("Depth rises {since}: {d}, with {s}."),
        (-1, -1) => format!("Use is thinning {since}: {s}, {d}."),
        (-1, _) => format!("Fewer sessions per person {since} ({s}) at a steady depth ({d})."),
        _ if trend(d1, d0) == -1 => format!("Conversations are getting shorter {since}: {d}, with {s}."),
        _ => format!("Steady {since}: {s}, {d}."),
    })
}

/// One next step from the headline week's numbers.
fn action(now: &WeekCount, base: Option<WeekCount>, ctx: &Ctx) -> Option<String> {
    let spa = now.sessions_per_active_user()?;
    let mps = now.messages_per_session()?;
    let single = now.single_message_share().unwrap_or(0.0);
    let gap = ctx.settings.session_gap_minutes.max(1);
    let rising_shallow = base.is_some_and(|b| {
        b.sessions_per_active_user()
            .is_some_and(|s0| spa > s0 * 1.05)
            && b.messages_per_session().is_some_and(|d0| mps <= d0 * 1.05)
    });
    if single >= 0.3 || mps < 3.0 {
        return Some(format!(
            "{:.0} % of ChatGPT sessions are a single message (mean {mps:.1} messages per session{}): show teams how to refine an answer with follow-up prompts in the same conversation instead of starting over.",
            single * 100.0,
            if rising_shallow { ", while sessions per person rise" } else { "" },
        ));
    }
    if rising_shallow {
        return Some(format!(
            "Sessions per person rose to {spa:.1} a week but stay at {mps:.1} messages each: share worked examples of multi-step conversations (draft, critique, revise) so repeat visits go deeper."
        ));
    }
    if spa < 2.0 {
        return Some(format!(
            "Active people open only {spa:.1} ChatGPT sessions a week (a session ends after {gap} minutes without a message): pick one weekly recurring task per team to do with ChatGPT so it becomes a habit."
        ));
    }
    Some(format!(
        "Sessions run {mps:.1} messages deep, {spa:.1} a week per active person: collect the longest-running use cases from the most active teams and publish them as templates."
    ))
}
