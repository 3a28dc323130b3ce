//! Prompt quality: average prompt length (characters of user-authored ChatGPT messages, the
//! text itself dropped as it is parsed) week by week, and the share of short, medium and long
//! prompts by department over the 28 days ending with the headline week, floor applied.

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{self, Better, Definition, Unit};
use super::depth::{user_events, NEEDS};
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Prompts shorter than this are "keyword search" prompts.
pub const SHORT_UNDER: u32 = 50;
/// Prompts longer than this are "context-rich".
pub const LONG_OVER: u32 = 200;

pub const SHORT_PROMPT_SHARE: Definition = Definition {
    id: "short_prompt_share",
    label: "Prompts under 50 characters",
    unit: Unit::Rate,
    formula: "ChatGPT messages written by users under 50 characters (Unicode scalar values) / all messages written by users, headline week. Such prompts read like keyword searches.",
    sources: "chatgpt.compliance_logs_jsonl: content (length only)",
    needs: "chatgpt.compliance_logs_jsonl",
    better: Better::Lower,
};

pub const LONG_PROMPT_SHARE: Definition = Definition {
    id: "long_prompt_share",
    label: "Prompts over 200 characters",
    unit: Unit::Rate,
    formula: "ChatGPT messages written by users over 200 characters / all messages written by users, headline week. Such prompts carry context (role, material, format).",
    sources: "chatgpt.compliance_logs_jsonl: content (length only)",
    needs: "chatgpt.compliance_logs_jsonl",
    better: Better::Higher,
};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PromptsView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// Up to 14 weeks ending with the headline week, oldest first.
    #[serde(default)]
    pub weeks: Vec<PromptWeek>,
    /// The window of the distribution: the 28 days ending with the headline week.
    #[serde(default)]
    pub window: Option<DaySpan>,
    /// The whole organisation over `window`.
    #[serde(default)]
    pub overall: Option<PromptMix>,
    /// By department over `window`, largest group first, floor applied.
    #[serde(default)]
    pub departments: Vec<PromptDepartment>,
    /// What a department's group size counts: `seats` (ChatGPT seat holders in the headline
    /// week) or `senders` (people who sent a prompt in the window, when no seat data is loaded).
    #[serde(default)]
    pub group_basis: String,
    #[serde(default)]
    pub min_group_size: u32,
    /// What to load when nothing loaded has message-level data.
    #[serde(default)]
    pub needs: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PromptWeek {
    pub week: DaySpan,
    pub prompts: u64,
    /// `None` when no prompt was sent that week.
    pub avg_chars: Option<f64>,
}

/// Prompt counts and lengths of a group; shares are fractions of `prompts`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PromptMix {
    pub prompts: u64,
    pub chars: u64,
    pub short: u64,
    pub medium: u64,
    pub long: u64,
}

impl PromptMix {
    pub fn add(&mut self, chars: u32) {
        self.prompts += 1;
        self.chars += u64::from(chars);
        match chars {
            c if c < SHORT_UNDER => self.short += 1,
            c if c > LONG_OVER => self.long += 1,
            _ => self.medium += 1,
        }
    }
    pub fn avg_chars(&self) -> Option<f64> {
        ratio(self.chars as f64, self.prompts as f64)
    }
    pub fn short_share(&self) -> Option<f64> {
        ratio(self.short as f64, self.prompts as f64)
    }
    pub fn medium_share(&self) -> Option<f64> {
        ratio(self.medium as f64, self.prompts as f64)
    }
    pub fn long_share(&self) -> Option<f64> {
        ratio(self.long as f64, self.prompts as f64)
    }
}

/// One department's row. When `suppressed`, every number is `None`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PromptDepartment {
    pub department: String,
    pub suppressed: bool,
    /// People counted for the floor (see `PromptsView::group_basis`).
    pub group_size: Option<u32>,
    /// People who sent a prompt in the window.
    pub senders: Option<u32>,
    pub prompts: Option<u64>,
    pub avg_chars: Option<f64>,
    pub short_share: Option<f64>,
    pub medium_share: Option<f64>,
    pub long_share: Option<f64>,
}

/// The prompt mix of `window`, over ChatGPT user messages.
fn mix_in(ctx: &Ctx, window: DaySpan) -> PromptMix {
    let mut mix = PromptMix::default();
    for e in user_events(ctx.facts, Tool::Chatgpt) {
        if window.contains(Day::from_unix_seconds(e.at)) {
            mix.add(e.chars);
        }
    }
    mix
}

pub fn build(ctx: &Ctx) -> PromptsView {
    let any = user_events(ctx.facts, Tool::Chatgpt).next().is_some();
    let needs = if !any {
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
    let mix = |week: Option<DaySpan>| week.filter(|_| any).map(|w| mix_in(ctx, w));
    let (now, before) = (mix(ctx.headline), mix(ctx.comparison));
    let figure = |d: &Definition, f: fn(&PromptMix) -> Option<f64>| {
        Figure::of(
            d,
            now.as_ref().and_then(f),
            before.as_ref().and_then(f),
            needs.clone(),
        )
    };
    let figures = vec![
        figure(
            definitions::headline("avg_prompt_chars"),
            PromptMix::avg_chars,
        ),
        figure(&SHORT_PROMPT_SHARE, PromptMix::short_share),
        figure(&LONG_PROMPT_SHARE, PromptMix::long_share),
    ];
    let weeks = if any {
        ctx.trend()
            .into_iter()
            .map(|week| {
                let m = mix_in(ctx, week);
                PromptWeek {
                    week,
                    prompts: m.prompts,
                    avg_chars: m.avg_chars(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let window = ctx.headline.filter(|_| any).map(Ctx::month_of);
    let (overall, departments, group_basis) = match window {
        Some(window) => by_department(ctx, window),
        None => (None, Vec::new(), String::new()),
    };
    let action = action(now.as_ref(), &departments);
    PromptsView {
        figures,
        action,
        weeks,
        window,
        overall,
        departments,
        group_basis,
        min_group_size: ctx.settings.floor(),
        needs,
    }
}

type DepartmentBreakdown = (Option<PromptMix>, Vec<PromptDepartment>, String);

fn by_department(ctx: &Ctx, window: DaySpan) -> DepartmentBreakdown {
    let mut overall = PromptMix::default();
    let mut mixes: BTreeMap<String, PromptMix> = BTreeMap::new();
    let mut senders: BTreeMap<String, BTreeSet<u32>> = BTreeMap::new();
    for e in user_events(ctx.facts, Tool::Chatgpt) {
        if !window.contains(Day::from_unix_seconds(e.at)) {
            continue;
        }
        let person = ctx.people.person(e.identity);
        let department = ctx.department(person).to_string();
        overall.add(e.chars);
        mixes.entry(department.clone()).or_default().add(e.chars);
        senders.entry(department).or_default().insert(person.0);
    }
    // Group size: ChatGPT seat holders in the headline week, else the senders.
    let mut seats: BTreeMap<String, u32> = BTreeMap::new();
    if let Some(week) = ctx.headline {
        for (i, row) in ctx.person_weeks(week).iter().enumerate() {
            if row.seat {
                let person = super::people::PersonId(i as u32);
                *seats.entry(ctx.department(person).to_string()).or_default() += 1;
            }
        }
    }
    let basis = if seats.is_empty() { "senders" } else { "seats" };
    // The smaller of the seat holders and the senders: a department with many seats but a
    // single sender would otherwise show that one person's prompts.
    let size_of = |department: &str| -> u32 {
        let sent = senders.get(department).map_or(0, |s| s.len() as u32);
        if seats.is_empty() {
            sent
        } else {
            seats.get(department).copied().unwrap_or(0).min(sent)
        }
    };
    let mut groups: Vec<(String, u32, PromptMix)> = mixes
        .into_iter()
        .map(|(d, m)| (d.clone(), size_of(&d), m))
        .collect();
    groups.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let sizes: Vec<u32> = groups.iter().map(|g| g.1).collect();
    let hidden = ctx.suppressed(&sizes);
    let rows = groups
        .into_iter()
        .zip(hidden)
        .map(|((department, size, m), suppressed)| {
            let show = |v: Option<f64>| if suppressed { None } else { v };
            let sent = senders.get(&department).map_or(0, |s| s.len() as u32);
            PromptDepartment {
                suppressed,
                group_size: (!suppressed).then_some(size),
                senders: (!suppressed).then_some(sent),
                prompts: (!suppressed).then_some(m.prompts),
                avg_chars: show(m.avg_chars()),
                short_share: show(m.short_share()),
                medium_share: show(m.medium_share()),
                long_share: show(m.long_share()),
                department,
            }
        })
        .collect();
    (Some(overall), rows, basis.to_string())
}

/// One next step from the headline week's mix and the departments.
fn action(now: Option<&PromptMix>, departments: &[PromptDepartment]) -> Option<String> {
    let now = now?;
    let short = now.short_share()?;
    let avg = now.avg_chars()?;
    let shortest = departments
        .iter()
        .filter(|d| !d.suppressed)
        .filter_map(|d| Some((d, d.short_share?)))
        .max_by(|a, b| a.1.total_cmp(&b.1));
    let pct = |v: f64| format!("{:.0} %", v * 100.0);
    if short >= 0.25 {
        let worst = shortest
            .map(|(d, s)| format!(", most in {} ({})", d.department, pct(s)))
            .unwrap_or_default();
        return Some(format!(
            "{} of prompts are under 50 characters (keyword searches){worst}: run a prompt-writing session showing how to give the task, the context and the expected format in one message.",
            pct(short)
        ));
    }
    let long = now.long_share().unwrap_or(0.0);
    if long < 0.2 {
        return Some(format!(
            "Only {} of prompts are over 200 characters (average {avg:.0}): share a prompt template per team (role, material, format) so requests carry their context.",
            pct(long)
        ));
    }
    match shortest {
        Some((d, s)) if s > short * 1.5 => Some(format!(
            "{} writes the shortest prompts ({} under 50 characters, against {} overall): pair them with a team whose prompts carry more context.",
            d.department,
            pct(s),
            pct(short)
        )),
        _ => Some(format!(
            "Prompts average {avg:.0} characters with {} context-rich: collect the best long prompts into a shared library so new users start from them.",
            pct(long)
        )),
    }
}
