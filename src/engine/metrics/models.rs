//! Model mix: each model's weekly share (14 weeks; the top models and "Other"), the
//! advanced-model share, and the tier table (every model seen, its tier from the settings'
//! prefix list, and its share of the headline week).
//!
//! Counts come from the ChatGPT weekly Users CSV (`model_to_messages`: messages per model) when
//! it is loaded, else from message-level data (assistant answers and Codex prompts by model).
//! The advanced-model share is a share of messages from the Users CSV (labelled so) and a share
//! of ChatGPT sessions using at least one advanced model from message-level data (METRICS.md).

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{self, Better, Definition, Unit};
use super::sessions::Session;
use crate::engine::date::DaySpan;
use crate::engine::facts::{Role, Tool};
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Models with their own band in the weekly chart; the rest are "Other".
pub const TOP_MODELS: usize = 5;
pub const OTHER: &str = "Other";

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ModelMixView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// What to load when no model data is loaded.
    #[serde(default)]
    pub needs: Option<String>,
    /// What the shares count ("messages (Users CSV)" …).
    #[serde(default)]
    pub basis: String,
    /// The weeks of the chart, oldest first (up to 14, ending with the headline week).
    #[serde(default)]
    pub weeks: Vec<DaySpan>,
    /// The top models and "Other": each a share per week (`None`: no model data that week).
    #[serde(default)]
    pub series: Vec<ModelSeries>,
    /// Per week: the advanced tier's share of the counts.
    #[serde(default)]
    pub advanced_weekly: Vec<Option<f64>>,
    /// Every model seen in the chart's weeks, most used in the headline week first.
    #[serde(default)]
    pub tiers: Vec<ModelTierRow>,
    /// The advanced tier as set in settings (model name prefixes).
    #[serde(default)]
    pub advanced_prefixes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelSeries {
    pub model: String,
    pub advanced: bool,
    pub shares: Vec<Option<f64>>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelTierRow {
    pub model: String,
    pub advanced: bool,
    /// The settings prefix that puts it in the advanced tier.
    pub matched_prefix: Option<String>,
    /// Count in the headline week (messages or answers, see `basis`).
    pub count: u64,
    /// Share of the headline week's counts.
    pub share: Option<f64>,
}

/// The headline id computed from sessions, when no Users CSV model counts are loaded.
const ADVANCED_SHARE_OF_SESSIONS: Definition = Definition {
    id: "advanced_model_share",
    label: "Advanced-model share (of sessions)",
    unit: Unit::Rate,
    formula: "ChatGPT sessions in the headline week in which at least one message used a model of the advanced tier / all ChatGPT sessions that week. A session is a run of one person's messages with gaps under the session gap (setting). The tier table is in settings.",
    sources: "chatgpt.compliance_logs_jsonl: author.model, role, created_at",
    needs: "chatgpt.compliance_logs_jsonl or chatgpt.users_csv with model_to_messages",
    better: Better::Higher,
};

/// The same, shown beside the message share when both sources are loaded.
const ADVANCED_SESSION_SHARE: Definition = Definition {
    id: "advanced_model_session_share",
    label: "Sessions using an advanced model",
    unit: Unit::Rate,
    formula: ADVANCED_SHARE_OF_SESSIONS.formula,
    sources: ADVANCED_SHARE_OF_SESSIONS.sources,
    needs: "chatgpt.compliance_logs_jsonl",
    better: Better::Higher,
};

/// Counts per model name in one week.
type Counts = BTreeMap<String, u64>;

/// Messages per model in `week` from weekly Users rows (ChatGPT).
fn csv_counts(ctx: &Ctx, week: DaySpan) -> Counts {
    let mut out = Counts::new();
    for row in ctx.chatgpt_rows_in(week).filter(|r| r.period == week) {
        for m in ctx.facts.models_of(row) {
            *out.entry(ctx.facts.strings.resolve(m.model).to_string())
                .or_default() += u64::from(m.messages);
        }
    }
    out
}

/// Messages per model in `week` from message events (answers carry the model).
fn event_counts(ctx: &Ctx, week: DaySpan) -> Counts {
    let mut out = Counts::new();
    for e in ctx.events_in(week) {
        if let Some(model) = e.model {
            if e.role == Role::Assistant || e.tool == Tool::Codex {
                *out.entry(ctx.facts.strings.resolve(model).to_string())
                    .or_default() += 1;
            }
        }
    }
    out
}

/// Advanced sessions and all sessions per week (ChatGPT only: the tier list names chat models).
fn session_shares(all: &[Session], weeks: &[DaySpan]) -> Vec<(u32, u32)> {
    weeks
        .iter()
        .map(|w| {
            all.iter()
                .filter(|s| s.tool == Tool::Chatgpt && w.contains(s.day))
                .fold((0, 0), |(adv, n), s| (adv + u32::from(s.advanced), n + 1))
        })
        .collect()
}

fn advanced_share(ctx: &Ctx, counts: &Counts) -> Option<f64> {
    let total: u64 = counts.values().sum();
    let advanced: u64 = counts
        .iter()
        .filter(|(m, _)| ctx.settings.is_advanced(m))
        .map(|(_, c)| c)
        .sum();
    ratio(advanced as f64, total as f64)
}

pub fn build(ctx: &Ctx) -> ModelMixView {
    let mut view = ModelMixView {
        advanced_prefixes: ctx.settings.advanced_models.clone(),
        ..Default::default()
    };
    let from_csv = !ctx.facts.period_models.is_empty();
    let from_events = ctx.facts.events.iter().any(|e| e.model.is_some());
    // Users-CSV counts keep the export's cadence; message events can be cut at any grain.
    let weeks = if from_csv {
        ctx.row_trend()
    } else {
        ctx.trend()
    };
    let counts_of = |w: DaySpan| {
        if from_csv {
            csv_counts(ctx, w)
        } else {
            event_counts(ctx, w)
        }
    };
    view.basis = if from_csv {
        "messages by model (Users CSV)".into()
    } else if from_events {
        "answers and Codex prompts by model (compliance logs)".into()
    } else {
        String::new()
    };
    let weekly: Vec<Counts> = weeks.iter().map(|&w| counts_of(w)).collect();
    let all_sessions = ctx.sessions();
    let sessions_now = ctx.headline.map(|w| session_shares(all_sessions, &[w])[0]);
    let sessions_before = ctx
        .comparison
        .map(|w| session_shares(all_sessions, &[w])[0]);
    let session_share = |s: Option<(u32, u32)>| s.and_then(|(a, n)| ratio(a as f64, n as f64));
    let now_counts = ctx.headline.map(counts_of);
    let before_counts = ctx.comparison.map(counts_of);
    let any_model = from_csv || from_events;
    let needs = if !any_model {
        Some(
            "needs chatgpt.users_csv with model_to_messages, or chatgpt.compliance_logs_jsonl"
                .to_string(),
        )
    } else {
        ctx.plan.problem.clone()
    };
    view.needs = needs.clone();
    if from_csv {
        if let Some(d) = definitions::definition("advanced_model_share") {
            view.figures.push(Figure::of(
                d,
                now_counts.as_ref().and_then(|c| advanced_share(ctx, c)),
                before_counts.as_ref().and_then(|c| advanced_share(ctx, c)),
                needs.clone(),
            ));
        }
        if sessions_now.is_some_and(|(_, n)| n > 0) {
            view.figures.push(Figure::of(
                &ADVANCED_SESSION_SHARE,
                session_share(sessions_now),
                session_share(sessions_before),
                None,
            ));
        }
    } else {
        view.figures.push(Figure::of(
            &ADVANCED_SHARE_OF_SESSIONS,
            session_share(sessions_now),
            session_share(sessions_before),
            needs.clone(),
        ));
    }
    if !any_model || weeks.is_empty() {
        return view;
    }
    // The top models over the chart's weeks; the rest are "Other".
    let mut overall: Counts = Counts::new();
    for c in &weekly {
        for (m, n) in c {
            *overall.entry(m.clone()).or_default() += n;
        }
    }
    let mut ranked: Vec<(&String, &u64)> = overall.iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    let top: Vec<String> = ranked
        .iter()
        .take(if ranked.len() > TOP_MODELS + 1 {
            TOP_MODELS
        } else {
            ranked.len()
        })
        .map(|(m, _)| (*m).clone())
        .collect();
    let share_of = |c: &Counts, pick: &dyn Fn(&str) -> bool| {
        let total: u64 = c.values().sum();
        let part: u64 = c.iter().filter(|(m, _)| pick(m)).map(|(_, n)| n).sum();
        ratio(part as f64, total as f64)
    };
    view.series = top
        .iter()
        .map(|model| ModelSeries {
            model: model.clone(),
            advanced: ctx.settings.is_advanced(model),
            shares: weekly
                .iter()
                .map(|c| share_of(c, &|m| m == model))
                .collect(),
        })
        .collect();
    if overall.len() > top.len() {
        view.series.push(ModelSeries {
            model: OTHER.into(),
            advanced: false,
            shares: weekly
                .iter()
                .map(|c| share_of(c, &|m| !top.iter().any(|t| t == m)))
                .collect(),
        });
    }
    view.advanced_weekly = if from_csv {
        weekly.iter().map(|c| advanced_share(ctx, c)).collect()
    } else {
        session_shares(all_sessions, &weeks)
            .into_iter()
            .map(|s| session_share(Some(s)))
            .collect()
    };
    view.weeks = weeks;
    // The tier table: every model seen, most used in the headline week first.
    let now = now_counts.unwrap_or_default();
    let total_now: u64 = now.values().sum();
    let mut tiers: Vec<ModelTierRow> = overall
        .keys()
        .map(|model| {
            let count = now.get(model).copied().unwrap_or(0);
            ModelTierRow {
                model: model.clone(),
                advanced: ctx.settings.is_advanced(model),
                matched_prefix: ctx
                    .settings
                    .advanced_models
                    .iter()
                    .find(|p| {
                        !p.trim().is_empty()
                            && model
                                .trim()
                                .to_ascii_lowercase()
                                .starts_with(&p.trim().to_ascii_lowercase())
                    })
                    .cloned(),
                count,
                share: ratio(count as f64, total_now as f64),
            }
        })
        .collect();
    tiers.sort_by(|a, b| b.count.cmp(&a.count).then(a.model.cmp(&b.model)));
    view.tiers = tiers;
    view.action = action(&view);
    view
}

/// One next step from the numbers: the standard model most used in the headline week, when the
/// advanced share is low; or the fall in the advanced share.
fn action(view: &ModelMixView) -> Option<String> {
    let share = view.figures.first()?.value?;
    let previous = view.figures.first()?.previous;
    let top_standard = view
        .tiers
        .iter()
        .filter(|t| !t.advanced && t.count > 0)
        .max_by_key(|t| t.count)?;
    let unit = if view.figures[0].label.contains("sessions") {
        "sessions"
    } else {
        "messages"
    };
    if share < 0.5 {
        let standard_share = top_standard.share.unwrap_or(0.0);
        Some(format!(
            "{:.0} % of {unit} still go to standard models ({} alone takes {:.0} %) and {:.0} % to the advanced tier: show analysts and engineers when a reasoning model pays off, or set an advanced default for those teams.",
            (1.0 - share) * 100.0,
            top_standard.model,
            standard_share * 100.0,
            share * 100.0
        ))
    } else if let Some(before) = previous.filter(|p| *p > share + 0.05) {
        Some(format!(
            "The advanced-model share fell from {:.0} % to {:.0} % of {unit}: check whether a usage limit or a default-model change pushed people back to {}.",
            before * 100.0,
            share * 100.0,
            top_standard.model
        ))
    } else {
        Some(format!(
            "{:.0} % of {unit} already use the advanced tier: review advanced-model limits and cost before renewal rather than promoting it further.",
            share * 100.0
        ))
    }
}
