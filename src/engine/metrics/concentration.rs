//! Power users and concentration: power users (METRICS.md), the share of messages sent by the
//! top 10 % of senders, the Gini coefficient of messages per active person and its Lorenz curve.
//!
//! Messages per person and week: ChatGPT weekly Users rows (`messages`) when the week has them,
//! else user-authored ChatGPT message events (compliance logs). Active people: the week's
//! weekly-active ChatGPT people (Users rows), else people with a user message that week.
//! Distinct tools in the 28 days ending with the week: other AI tools the person was active on,
//! plus GPTs, ChatGPT tools and projects messaged (the largest weekly
//! `gpts_messaged + tools_messaged + projects_messaged`, since weekly distinct counts cannot be
//! unioned; or the distinct GPT and project ids of their messages, whichever is larger).

use super::activity::bit;
use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{self, Better, Definition, Unit};
use super::people::PersonId;
use crate::engine::date::DaySpan;
use crate::engine::facts::{Role, Tool};
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ConcentrationView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// The Lorenz curve of the headline week: cumulative share of messages (0–1) held by the
    /// lightest `people_share` of active people, at 0 %, 10 %, … 100 %.
    #[serde(default)]
    pub lorenz: Vec<LorenzPoint>,
    /// Power users and weekly active people per week of the trend, oldest first.
    #[serde(default)]
    pub weekly: Vec<PowerWeek>,
    /// Power users per department (group size = ChatGPT seat holders, else active people).
    #[serde(default)]
    pub departments: Vec<PowerDepartment>,
    #[serde(default)]
    pub min_group_size: u32,
    /// The message count at the top-share cut-off in the headline week (ties included).
    #[serde(default)]
    pub top_share_cutoff: Option<u64>,
    /// Where messages came from: `users_csv`, `compliance_logs` or `none`.
    #[serde(default)]
    pub source: String,
    #[serde(default)]
    pub needs: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LorenzPoint {
    pub people_share: f64,
    pub message_share: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerWeek {
    pub week: DaySpan,
    pub power_users: u32,
    pub weekly_active: u32,
    pub top10_share: Option<f64>,
}

/// One department's power users. Suppressed: every figure `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PowerDepartment {
    pub department: String,
    pub suppressed: bool,
    pub weekly_active: Option<u32>,
    pub power_users: Option<u32>,
    pub power_user_share: Option<f64>,
    pub messages_per_active: Option<f64>,
}

pub const TOP10_SHARE: Definition = Definition {
    id: "top10_message_share",
    label: "Messages sent by the top 10 %",
    unit: Unit::Rate,
    formula: "Messages of the top 10 % of senders (⌈10 % × senders⌉ people with the most messages) / all messages, headline week.",
    sources: "chatgpt.users_csv: messages; or chatgpt.compliance_logs_jsonl: user messages",
    needs: "chatgpt.users_csv (weekly) or chatgpt.compliance_logs_jsonl",
    better: Better::Neither,
};

pub const GINI: Definition = Definition {
    id: "messages_gini",
    label: "Gini of messages per person",
    unit: Unit::Number,
    formula: "Gini coefficient of messages per weekly active person (people active with no message count as 0): 0 = everyone sends the same, 1 = one person sends everything. Σᵢ(2i − n − 1)·xᵢ / (n·Σx), x sorted ascending.",
    sources: "chatgpt.users_csv: messages, is_active; or chatgpt.compliance_logs_jsonl",
    needs: "chatgpt.users_csv (weekly) or chatgpt.compliance_logs_jsonl",
    better: Better::Neither,
};

/// One week, person by person.
pub(super) struct Week {
    /// Per person: messages in the week, whether active, whether a power user.
    messages: Vec<u64>,
    active: Vec<bool>,
    power: Vec<bool>,
    cutoff: Option<u64>,
    source: &'static str,
}

impl Week {
    fn power_users(&self) -> u32 {
        self.power.iter().filter(|p| **p).count() as u32
    }
    fn weekly_active(&self) -> u32 {
        self.active.iter().filter(|a| **a).count() as u32
    }
    fn has_data(&self) -> bool {
        self.weekly_active() > 0
    }
    fn power_share(&self) -> Option<f64> {
        ratio(
            f64::from(self.power_users()),
            f64::from(self.weekly_active()),
        )
    }
    /// Active people's messages, ascending.
    fn sorted_active(&self) -> Vec<u64> {
        let mut x: Vec<u64> = (0..self.messages.len())
            .filter(|&p| self.active[p])
            .map(|p| self.messages[p])
            .collect();
        x.sort_unstable();
        x
    }
    fn top10_share(&self) -> Option<f64> {
        let mut senders: Vec<u64> = self.messages.iter().copied().filter(|m| *m > 0).collect();
        senders.sort_unstable_by(|a, b| b.cmp(a));
        let k = (senders.len() as f64 * 0.1).ceil() as usize;
        let total: u64 = senders.iter().sum();
        ratio(senders.iter().take(k).sum::<u64>() as f64, total as f64)
    }
    fn gini(&self) -> Option<f64> {
        gini(&self.sorted_active())
    }
}

/// Gini of `x` sorted ascending: Σᵢ (2i − n − 1)·xᵢ / (n·Σx), i from 1.
pub fn gini(x: &[u64]) -> Option<f64> {
    let n = x.len() as f64;
    let total: f64 = x.iter().map(|v| *v as f64).sum();
    if x.is_empty() || total <= 0.0 {
        return None;
    }
    let weighted: f64 = x
        .iter()
        .enumerate()
        .map(|(i, v)| (2.0 * (i as f64 + 1.0) - n - 1.0) * *v as f64)
        .sum();
    Some(weighted / (n * total))
}

/// Lorenz curve of `x` sorted ascending at 0 %, 10 %, … 100 % of people (linear between
/// people).
pub fn lorenz(x: &[u64]) -> Vec<LorenzPoint> {
    let total: f64 = x.iter().map(|v| *v as f64).sum();
    if x.is_empty() || total <= 0.0 {
        return Vec::new();
    }
    let mut cumulative = vec![0.0];
    for v in x {
        cumulative.push(cumulative.last().copied().unwrap_or(0.0) + *v as f64);
    }
    let n = x.len() as f64;
    (0..=10)
        .map(|step| {
            let p = f64::from(step) / 10.0;
            let at = p * n;
            let i = (at.floor() as usize).min(x.len());
            let frac = at - i as f64;
            let below = cumulative[i];
            let next = x.get(i).map_or(0.0, |v| *v as f64);
            LorenzPoint {
                people_share: p,
                message_share: (below + frac * next) / total,
            }
        })
        .collect()
}

/// One week's messages, activity and power users per person, computed once per Report (the
/// headline, the comparison, the trend and the funnel ask for the same weeks).
fn week_of(ctx: &Ctx, week: DaySpan) -> Rc<Week> {
    ctx.power_week(week, || compute_week(ctx, week))
}

fn compute_week(ctx: &Ctx, week: DaySpan) -> Week {
    let n = ctx.people.count();
    let mut messages = vec![0u64; n];
    let mut active = vec![false; n];
    let users_rows = ctx.chatgpt_rows_in(week).any(|r| r.period == week);
    let source = if users_rows {
        for (p, row) in ctx.person_weeks(week).iter().enumerate() {
            messages[p] = row.messages;
            active[p] = row.weekly_active;
        }
        "users_csv"
    } else {
        let mut any = false;
        for e in ctx
            .events_in(week)
            .filter(|e| e.tool == Tool::Chatgpt && e.role == Role::User)
        {
            let p = ctx.people.person(e.identity).0 as usize;
            messages[p] += 1;
            active[p] = true;
            any = true;
        }
        if any {
            "compliance_logs"
        } else {
            "none"
        }
    };
    for p in 0..n {
        active[p] |= messages[p] > 0;
    }
    // Distinct tools, GPTs and projects in the 28 days ending with the week.
    let month = Ctx::month_of(week);
    let masks = ctx.active_tools(month);
    let mut assets = vec![0u32; n];
    for r in ctx
        .chatgpt_rows_in(month)
        .filter(|r| month.covers(r.period))
    {
        let p = ctx.people.person(r.identity).0 as usize;
        assets[p] = assets[p].max(r.gpts_messaged + r.tools_messaged + r.projects_messaged);
    }
    let mut ids: BTreeMap<usize, BTreeSet<(u8, u32)>> = BTreeMap::new();
    for e in ctx
        .events_in(month)
        .filter(|e| e.tool == Tool::Chatgpt && e.role == Role::User)
    {
        let p = ctx.people.person(e.identity).0 as usize;
        let set = ids.entry(p).or_default();
        if let Some(g) = e.gpt {
            set.insert((0, g.0));
        }
        if let Some(pr) = e.project {
            set.insert((1, pr.0));
        }
    }
    for (p, set) in ids {
        assets[p] = assets[p].max(set.len() as u32);
    }
    let chatgpt = bit(Tool::Chatgpt);
    let distinct = |p: usize| (masks[p] & !chatgpt).count_ones() + assets[p];
    // Top share of senders by messages, ties at the cut-off included.
    let mut senders: Vec<u64> = messages.iter().copied().filter(|m| *m > 0).collect();
    senders.sort_unstable_by(|a, b| b.cmp(a));
    let k = (senders.len() as f64 * ctx.settings.power_top_share.clamp(0.0, 1.0)).ceil() as usize;
    let cutoff = k.checked_sub(1).and_then(|i| senders.get(i)).copied();
    let s = ctx.settings;
    let power = (0..n)
        .map(|p| {
            cutoff.is_some_and(|c| messages[p] >= c && messages[p] > 0)
                && messages[p] >= u64::from(s.power_min_messages)
                && distinct(p) >= s.power_min_tools
        })
        .collect();
    Week {
        messages,
        active,
        power,
        cutoff,
        source,
    }
}

pub fn build(ctx: &Ctx) -> ConcentrationView {
    let needs = "needs chatgpt.users_csv (weekly) or chatgpt.compliance_logs_jsonl".to_string();
    let mut view = ConcentrationView {
        min_group_size: ctx.settings.floor(),
        source: "none".into(),
        ..ConcentrationView::default()
    };
    let now = ctx
        .headline
        .map(|w| week_of(ctx, w))
        .filter(|w| w.has_data());
    let before = ctx
        .comparison
        .map(|w| week_of(ctx, w))
        .filter(|w| w.has_data());
    let figure = |id: &str, f: &dyn Fn(&Week) -> Option<f64>| {
        let d = definitions::headline(id);
        Figure::of(
            d,
            now.as_deref().and_then(f),
            before.as_deref().and_then(f),
            Some(needs.clone()),
        )
    };
    view.figures = vec![
        figure("power_users", &|w| Some(f64::from(w.power_users()))),
        figure("power_user_share", &|w| w.power_share()),
        Figure::of(
            &TOP10_SHARE,
            now.as_deref().and_then(Week::top10_share),
            before.as_deref().and_then(Week::top10_share),
            Some(needs.clone()),
        ),
        Figure::of(
            &GINI,
            now.as_deref().and_then(Week::gini),
            before.as_deref().and_then(Week::gini),
            Some(needs.clone()),
        ),
    ];
    let Some(now) = now else {
        view.needs = Some(needs);
        return view;
    };
    view.source = now.source.into();
    view.top_share_cutoff = now.cutoff;
    view.lorenz = lorenz(&now.sorted_active());
    view.weekly = ctx
        .trend_weeks(14)
        .into_iter()
        .map(|w| {
            let week = week_of(ctx, w);
            PowerWeek {
                week: w,
                power_users: week.power_users(),
                weekly_active: week.weekly_active(),
                top10_share: week.top10_share(),
            }
        })
        .collect();
    view.departments = departments(ctx, &now);
    view.action = action(ctx, &now, &view.departments);
    view
}

/// A department's (group size, active people, power users, messages of active people).
type Group = (u32, u32, u32, u64);

/// Power users by department. Group size: people with a ChatGPT seat in the headline week, or
/// (when the data has no seats) people active in it.
fn departments(ctx: &Ctx, now: &Week) -> Vec<PowerDepartment> {
    let Some(week) = ctx.headline else {
        return Vec::new();
    };
    let seats: Vec<bool> = ctx.person_weeks(week).iter().map(|p| p.seat).collect();
    let with_seats = seats.iter().any(|s| *s);
    // department → (group size, active, power, messages of active)
    let mut groups: BTreeMap<&str, Group> = BTreeMap::new();
    for (p, &seat) in seats.iter().enumerate().take(now.active.len()) {
        let member = if with_seats { seat } else { now.active[p] };
        if !member && !now.active[p] {
            continue;
        }
        let g = groups
            .entry(ctx.department(PersonId(p as u32)))
            .or_default();
        g.0 += u32::from(member);
        if now.active[p] {
            g.1 += 1;
            g.3 += now.messages[p];
        }
        g.2 += u32::from(now.power[p]);
    }
    let mut groups: Vec<(&str, Group)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    // The smaller of the members and the active people: messages per active person must
    // never be one person's count.
    let sizes: Vec<u32> = groups.iter().map(|g| g.1 .0.min(g.1 .1)).collect();
    let hidden = ctx.suppressed(&sizes);
    groups
        .into_iter()
        .zip(hidden)
        .map(|((department, (_, active, power, messages)), suppressed)| {
            let show = |v: Option<f64>| if suppressed { None } else { v };
            PowerDepartment {
                department: department.to_string(),
                suppressed,
                weekly_active: (!suppressed).then_some(active),
                power_users: (!suppressed).then_some(power),
                power_user_share: show(ratio(f64::from(power), f64::from(active))),
                messages_per_active: show(ratio(messages as f64, f64::from(active))),
            }
        })
        .collect()
}

/// One next step: name the gap between the heaviest senders and everyone else, and use the
/// power users (or the departments without any) to close it.
fn action(ctx: &Ctx, now: &Week, departments: &[PowerDepartment]) -> Option<String> {
    let top10 = now.top10_share()?;
    let power = now.power_users();
    let active = now.weekly_active();
    let without: Vec<&str> = departments
        .iter()
        .filter(|d| !d.suppressed && d.power_users == Some(0) && d.weekly_active.unwrap_or(0) > 0)
        .map(|d| d.department.as_str())
        .collect();
    if power == 0 {
        return Some(format!(
            "No one meets the power-user bar this week (top {:.0} % of senders, ≥ {} messages, ≥ {} tools, GPTs or projects in 28 days); the top 10 % send {:.0} % of messages: ask them to share one workflow each in a GPT or project.",
            ctx.settings.power_top_share * 100.0,
            ctx.settings.power_min_messages,
            ctx.settings.power_min_tools,
            top10 * 100.0
        ));
    }
    let champions = if without.is_empty() {
        "pair each with a light user in their own department".to_string()
    } else {
        let names = without
            .iter()
            .take(3)
            .copied()
            .collect::<Vec<_>>()
            .join(", ");
        format!("recruit champions for {names}, which have none")
    };
    Some(format!(
        "{power} power users ({:.0} % of {active} weekly active) and the top 10 % of senders send {:.0} % of all messages: make them champions and {champions}.",
        f64::from(power) / f64::from(active.max(1)) * 100.0,
        top10 * 100.0
    ))
}

/// Per person: a power user in any of `weeks` (the funnel's "deep use"); `None` when no week
/// has messages per person.
pub fn power_users_in_weeks(ctx: &Ctx, weeks: &[DaySpan]) -> Option<Vec<bool>> {
    let mut any = vec![false; ctx.people.count()];
    let mut seen = false;
    for &w in weeks {
        let week = week_of(ctx, w);
        if !week.has_data() {
            continue;
        }
        seen = true;
        for (p, &power) in week.power.iter().enumerate() {
            any[p] |= power;
        }
    }
    seen.then_some(any)
}
