//! Codex: active people by surface, threads, turns, credits per active person by department
//! (floor applied), the credit trend by surface, code review throughput and engagement, and a
//! pseudonymous ranking (hidden in aggregate-only mode).
//!
//! Surfaces (METRICS.md): CLI = `CODEX_CLI`; IDE = `CODEX_IDE_*`; cloud = `CODEX_WEB`; desktop =
//! `CODEX_DESKTOP_APP`, `CODEX_WORK_DESKTOP`; code review = `CODEX_GITHUB`; any other client is
//! listed under its own id. The dashboard export's suffixes (`cli`, `vscode`,
//! `github_code_review`…) map onto the same groups.

use super::activity::bit;
use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{self, Better, Definition, Unit};
use super::people::PersonId;
use super::tools::week_tools;
use crate::engine::date::DaySpan;
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CodexView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// When no Codex usage is loaded: the export that fills the view.
    #[serde(default)]
    pub needs: Option<String>,
    /// The headline week, surface by surface (most credits first).
    #[serde(default)]
    pub surfaces: Vec<SurfaceRow>,
    /// Credits per week and surface over up to 14 weeks ending with the headline week.
    #[serde(default)]
    pub trend: CreditTrend,
    /// Credits per Codex-active person by department, with the group-size floor applied.
    #[serde(default)]
    pub departments: Vec<DepartmentCredits>,
    /// The same by team (HRIS team, else the vendor's), when any person has one.
    #[serde(default)]
    pub teams: Vec<DepartmentCredits>,
    /// The group size the department rows obey, and what a group counts.
    #[serde(default)]
    pub min_group_size: u32,
    /// Top people by turns in the headline week, as pseudonyms (empty in aggregate-only mode).
    #[serde(default)]
    pub ranking: Vec<RankRow>,
    /// True when the ranking is hidden because the settings ask for aggregates only.
    #[serde(default)]
    pub ranking_hidden: bool,
    /// What would enable the code review panel, when nothing loaded can fill it.
    #[serde(default)]
    pub reviews_needs: Option<String>,
}

/// One surface group in the headline week.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SurfaceRow {
    /// "CLI", "IDE", "Cloud", "Desktop", "Code review", or the client id as given.
    pub surface: String,
    pub active_people: u32,
    pub threads: u64,
    pub turns: u64,
    pub credits: f64,
}

/// Weekly credits per surface (`None`: Codex data does not cover that week).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CreditTrend {
    pub weeks: Vec<DaySpan>,
    pub series: Vec<TrendSeries>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendSeries {
    pub surface: String,
    pub credits: Vec<Option<f64>>,
}

/// One department: Codex-active people and credits in the headline week. Every figure is
/// `None` when the group is suppressed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentCredits {
    pub department: String,
    pub suppressed: bool,
    pub active_people: Option<u32>,
    pub credits: Option<f64>,
    pub credits_per_active_person: Option<f64>,
}

/// Name shown for people with no team.
pub const NO_TEAM: &str = "No team";

/// Codex-active people and credits by group (department or team), largest group first, with
/// the minimum group size and complementary suppression.
fn credit_groups(
    ctx: &Ctx,
    active: &[bool],
    usage: &[Usage],
    group_of: impl Fn(PersonId) -> String,
) -> Vec<DepartmentCredits> {
    let mut groups: BTreeMap<String, (u32, f64)> = BTreeMap::new();
    for (person, is_active) in active.iter().enumerate() {
        if *is_active {
            let g = groups.entry(group_of(PersonId(person as u32))).or_default();
            g.0 += 1;
            g.1 += usage[person].credits;
        }
    }
    let mut groups: Vec<(String, (u32, f64))> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let sizes: Vec<u32> = groups.iter().map(|g| g.1 .0).collect();
    let hidden = ctx.suppressed(&sizes);
    groups
        .into_iter()
        .zip(hidden)
        .map(
            |((department, (people, credits)), suppressed)| DepartmentCredits {
                department,
                suppressed,
                active_people: (!suppressed).then_some(people),
                credits: (!suppressed).then_some(credits),
                credits_per_active_person: if suppressed {
                    None
                } else {
                    ratio(credits, people as f64)
                },
            },
        )
        .collect()
}

/// One person of the ranking: a pseudonym and their headline-week numbers, nothing else.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankRow {
    pub pseudonym: String,
    pub turns: u64,
    pub threads: u64,
    pub credits: f64,
}

/// How many people the ranking shows.
pub const RANKING_SIZE: usize = 10;

const THREADS: Definition = Definition {
    id: "codex_threads_week",
    label: "Codex threads",
    unit: Unit::Number,
    formula: "Threads (sessions) started in Codex in the headline week, all surfaces.",
    sources: "codex.usage_json: totals.threads; codex.dashboard_json: n_new_sessions",
    needs: "codex.usage_json",
    better: Better::Higher,
};

const TURNS: Definition = Definition {
    id: "codex_turns_week",
    label: "Codex turns",
    unit: Unit::Number,
    formula: "Turns (user messages) sent to Codex in the headline week, all surfaces.",
    sources: "codex.usage_json: totals.turns; codex.dashboard_json: n_user_messages",
    needs: "codex.usage_json",
    better: Better::Higher,
};

const TURNS_PER_PERSON: Definition = Definition {
    id: "codex_turns_per_active_user",
    label: "Turns per active person",
    unit: Unit::Number,
    formula: "Codex turns in the headline week / Codex weekly active people.",
    sources: "codex.usage_json: totals.turns",
    needs: "codex.usage_json",
    better: Better::Higher,
};

const REVIEWS: Definition = Definition {
    id: "codex_code_reviews_week",
    label: "Code reviews",
    unit: Unit::Number,
    formula: "Pull request reviews Codex wrote in the headline week (from the code review totals, else from the code review responses).",
    sources: "codex.code_reviews_json, codex.code_review_responses_json, codex.dashboard_json: pull_request_reviews / n_reviews",
    needs: "codex.code_reviews_json",
    better: Better::Higher,
};

const COMMENTS: Definition = Definition {
    id: "codex_review_comments_week",
    label: "Review comments",
    unit: Unit::Number,
    formula: "Comments Codex left on pull requests in the headline week.",
    sources: "codex.code_reviews_json, codex.code_review_responses_json: comments",
    needs: "codex.code_reviews_json",
    better: Better::Neither,
};

const ENGAGEMENT: Definition = Definition {
    id: "codex_review_engagement_rate",
    label: "Review comments engaged with",
    unit: Unit::Rate,
    formula: "Σ comments engaged with (replied to or reacted to) / Σ comments over the headline week, from the code review responses (a ratio of sums, never a mean of daily rates).",
    sources: "codex.code_review_responses_json: comments, comment_response_details.engaged (else replied + reacted)",
    needs: "codex.code_review_responses_json",
    better: Better::Higher,
};

/// The surface group of a Codex client id or dashboard suffix.
pub fn surface_group(id: &str) -> String {
    let lower = id.trim().to_ascii_lowercase();
    let bare = lower.strip_prefix("codex_").unwrap_or(&lower);
    let group = match bare {
        "cli" => "CLI",
        "web" | "cloud" => "Cloud",
        "desktop_app" | "work_desktop" | "desktop" | "app" => "Desktop",
        "github" | "github_code_review" | "code_review" => "Code review",
        s if s.starts_with("ide")
            || matches!(s, "vscode" | "jetbrains" | "cursor" | "windsurf") =>
        {
            "IDE"
        }
        _ => return id.trim().to_string(),
    };
    group.to_string()
}

/// Display order of the named groups (other ids follow, by credits).
const GROUP_ORDER: [&str; 5] = ["CLI", "IDE", "Cloud", "Desktop", "Code review"];

#[derive(Default, Clone, Copy)]
struct Usage {
    threads: u64,
    turns: u64,
    credits: f64,
}

impl Usage {
    fn add(&mut self, threads: u64, turns: u64, credits: f64) {
        self.threads = self.threads.saturating_add(threads);
        self.turns = self.turns.saturating_add(turns);
        self.credits += credits;
    }
}

/// Per person, their Codex total usage in `week` (total rows only).
fn person_usage(ctx: &Ctx, week: DaySpan) -> Vec<Usage> {
    let mut out = vec![Usage::default(); ctx.people.count()];
    for row in ctx
        .facts
        .daily
        .iter()
        .filter(|r| r.tool == Tool::Codex && r.breakdown.is_total() && week.contains(r.day))
    {
        let m = &row.measures;
        out[ctx.people.person(row.identity).0 as usize].add(m.sessions, m.turns, m.credits);
    }
    out
}

/// Per surface group: who was active on it, and its threads, turns and credits.
type SurfaceUsage = BTreeMap<String, (Vec<bool>, Usage)>;

/// Per surface group: active people, threads, turns and credits in `window` (client rows).
fn surface_usage(ctx: &Ctx, window: DaySpan) -> SurfaceUsage {
    let mut groups: SurfaceUsage = BTreeMap::new();
    let count = ctx.people.count();
    for row in ctx.facts.daily.iter().filter(|r| {
        r.tool == Tool::Codex
            && window.contains(r.day)
            && r.breakdown.surface.is_some()
            && r.breakdown.model.is_none()
            && r.breakdown.feature.is_none()
            && r.breakdown.language.is_none()
    }) {
        let Some(surface) = row.breakdown.surface else {
            continue;
        };
        let group = surface_group(ctx.facts.strings.resolve(surface));
        let entry = groups
            .entry(group)
            .or_insert_with(|| (vec![false; count], Usage::default()));
        let m = &row.measures;
        entry.1.add(m.sessions, m.turns, m.credits);
        if row.active || m.any_activity() {
            entry.0[ctx.people.person(row.identity).0 as usize] = true;
        }
    }
    groups
}

fn group_rank(name: &str) -> usize {
    GROUP_ORDER
        .iter()
        .position(|g| *g == name)
        .unwrap_or(GROUP_ORDER.len())
}

/// Code review totals of a week: (reviews, comments) and (comments, engaged) of responses.
struct Reviews {
    reviews: Option<u64>,
    comments: Option<u64>,
    engagement: Option<f64>,
}

fn reviews_in(ctx: &Ctx, week: DaySpan) -> Reviews {
    let facts = ctx.facts;
    let sum = |kind: &str| -> Option<(u64, u64, u64)> {
        let kind = facts.strings.get(kind)?;
        let mut any = false;
        let mut total = (0u64, 0u64, 0u64);
        for row in facts.org_daily.iter().filter(|r| {
            r.tool == Tool::Codex
                && r.kind == kind
                && r.breakdown.is_total()
                && week.contains(r.day)
        }) {
            any = true;
            total.0 = total.0.saturating_add(row.measures.reviews);
            total.1 = total.1.saturating_add(row.measures.comments);
            total.2 = total.2.saturating_add(row.measures.comments_engaged);
        }
        any.then_some(total)
    };
    let totals = sum("code_reviews");
    let responses = sum("code_review_responses");
    let throughput = totals.or(responses);
    Reviews {
        reviews: throughput.map(|t| t.0),
        comments: throughput.map(|t| t.1),
        engagement: responses.and_then(|r| ratio(r.2 as f64, r.1 as f64)),
    }
}

pub fn build(ctx: &Ctx) -> CodexView {
    let facts = ctx.facts;
    let has_codex = facts.daily.iter().any(|r| r.tool == Tool::Codex)
        || facts.events.iter().any(|e| e.tool == Tool::Codex)
        || facts.org_daily.iter().any(|r| r.tool == Tool::Codex);
    let mut view = CodexView {
        min_group_size: ctx.settings.floor(),
        ranking_hidden: ctx.settings.aggregate_only,
        ..CodexView::default()
    };
    if !has_codex {
        view.needs = Some("needs codex.usage_json (Codex Analytics API usage)".into());
    }
    let Some(week) = ctx.headline else {
        view.needs = Some(
            ctx.plan
                .problem
                .clone()
                .unwrap_or_else(|| "needs a complete week of data".into()),
        );
        return view;
    };
    let headline_figure = |id: &str, w: Option<DaySpan>| -> Option<f64> {
        let w = w?;
        let covering = ctx.tool_spans.covering(w);
        week_tools(ctx, w, &covering, true).figure(id).flatten()
    };
    let covered = |w: DaySpan| ctx.tool_spans.covering(w).contains(&Tool::Codex);
    let active_in = |w: DaySpan| -> Vec<bool> {
        ctx.active_tools(w)
            .iter()
            .map(|m| m & bit(Tool::Codex) != 0)
            .collect()
    };
    let totals = |w: Option<DaySpan>| -> Option<(Usage, u32)> {
        let w = w.filter(|w| covered(*w))?;
        let mut t = Usage::default();
        for u in person_usage(ctx, w) {
            t.add(u.threads, u.turns, u.credits);
        }
        let active = active_in(w).iter().filter(|a| **a).count() as u32;
        Some((t, active))
    };
    let (now, before) = (totals(Some(week)), totals(ctx.comparison));
    let needs_codex = || Some("needs codex.usage_json".to_string());
    let with = |d: &Definition, f: &dyn Fn((Usage, u32)) -> Option<f64>| {
        Figure::of(d, now.and_then(f), before.and_then(f), needs_codex())
    };
    let shared = |id: &str| {
        let d = definitions::headline(id);
        Figure::of(
            d,
            headline_figure(id, Some(week)),
            headline_figure(id, ctx.comparison),
            None,
        )
    };
    let reviews_now = reviews_in(ctx, week);
    let reviews_before = ctx.comparison.map(|w| reviews_in(ctx, w));
    let review_figure = |d: &Definition, f: &dyn Fn(&Reviews) -> Option<f64>| {
        Figure::of(
            d,
            f(&reviews_now),
            reviews_before.as_ref().and_then(f),
            None,
        )
    };
    view.figures = vec![
        shared("codex_weekly_active_users"),
        shared("codex_credits_per_active_user"),
        with(&THREADS, &|(t, _)| Some(t.threads as f64)),
        with(&TURNS, &|(t, _)| Some(t.turns as f64)),
        with(&TURNS_PER_PERSON, &|(t, a)| ratio(t.turns as f64, a as f64)),
        review_figure(&REVIEWS, &|r| r.reviews.map(|v| v as f64)),
        review_figure(&COMMENTS, &|r| r.comments.map(|v| v as f64)),
        review_figure(&ENGAGEMENT, &|r| r.engagement),
    ];
    if reviews_now.reviews.is_none() {
        view.reviews_needs = Some("needs codex.code_reviews_json".into());
    } else if reviews_now.engagement.is_none() {
        view.reviews_needs = Some(
            "Engagement needs codex.code_review_responses_json (replies and reactions)".into(),
        );
    }

    // Surfaces in the headline week.
    let mut surfaces: Vec<SurfaceRow> = surface_usage(ctx, week)
        .into_iter()
        .map(|(surface, (people, u))| SurfaceRow {
            surface,
            active_people: people.iter().filter(|p| **p).count() as u32,
            threads: u.threads,
            turns: u.turns,
            credits: u.credits,
        })
        .collect();
    surfaces.sort_by(|a, b| {
        group_rank(&a.surface)
            .cmp(&group_rank(&b.surface))
            .then(b.credits.total_cmp(&a.credits))
            .then(a.surface.cmp(&b.surface))
    });
    view.surfaces = surfaces;

    // Credit trend by surface.
    let weeks = ctx.trend();
    let per_week: Vec<Option<SurfaceUsage>> = weeks
        .iter()
        .map(|w| covered(*w).then(|| surface_usage(ctx, *w)))
        .collect();
    let mut names: Vec<String> = per_week
        .iter()
        .flatten()
        .flat_map(|m| m.keys().cloned())
        .collect();
    names.sort_by(|a, b| group_rank(a).cmp(&group_rank(b)).then(a.cmp(b)));
    names.dedup();
    view.trend = CreditTrend {
        weeks: weeks.clone(),
        series: names
            .into_iter()
            .map(|name| TrendSeries {
                credits: per_week
                    .iter()
                    .map(|m| {
                        m.as_ref()
                            .map(|m| m.get(&name).map_or(0.0, |(_, u)| u.credits))
                    })
                    .collect(),
                surface: name,
            })
            .collect(),
    };

    // Departments: group size = Codex-active people in the headline week (Codex has no seat
    // export, so activity stands for access).
    let usage = person_usage(ctx, week);
    let active = active_in(week);
    view.departments = credit_groups(ctx, &active, &usage, |p| ctx.department(p).to_string());
    // HRIS teams (else the vendor's latest team), the same rules.
    let teams = crate::engine::query::teams(ctx.facts, ctx.people);
    if teams.iter().any(Option::is_some) {
        view.teams = credit_groups(ctx, &active, &usage, |p| {
            teams[p.0 as usize].map_or(NO_TEAM.to_string(), |t| {
                ctx.facts.strings.resolve(t).to_string()
            })
        });
    }

    // Ranking (pseudonyms only), never in aggregate-only mode.
    if !ctx.settings.aggregate_only {
        let mut ranked: Vec<(usize, Usage)> = usage
            .iter()
            .enumerate()
            .filter(|(_, u)| u.turns > 0 || u.credits > 0.0)
            .map(|(p, u)| (p, *u))
            .collect();
        ranked.sort_by(|a, b| {
            b.1.turns
                .cmp(&a.1.turns)
                .then(b.1.credits.total_cmp(&a.1.credits))
                .then(a.0.cmp(&b.0))
        });
        view.ranking = ranked
            .into_iter()
            .take(RANKING_SIZE)
            .map(|(p, u)| RankRow {
                pseudonym: ctx.people.pseudonym(PersonId(p as u32)).label(),
                turns: u.turns,
                threads: u.threads,
                credits: u.credits,
            })
            .collect();
    }
    if has_codex {
        view.action = action(&view, now.map(|n| n.1));
    }
    view
}

fn percent(v: f64) -> String {
    format!("{:.0} %", v * 100.0)
}

/// "2.8", "14", "2,791": one decimal under 100, whole numbers with separators above.
fn number(v: f64) -> String {
    if v.abs() < 100.0 {
        let text = format!("{v:.1}");
        return text.strip_suffix(".0").unwrap_or(&text).to_string();
    }
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// One next step from the numbers: a department far above the credit average, else code
/// review comments that go unanswered, else the surface that carries the credits.
fn action(view: &CodexView, active: Option<u32>) -> Option<String> {
    let value = |id: &str| {
        view.figures
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.value)
    };
    let overall = value("codex_credits_per_active_user");
    let shown: Vec<&DepartmentCredits> =
        view.departments.iter().filter(|d| !d.suppressed).collect();
    if let Some(overall) = overall.filter(|o| *o > 0.0) {
        if shown.len() >= 2 {
            let top = shown
                .iter()
                .filter_map(|d| Some((*d, d.credits_per_active_person?)))
                .max_by(|a, b| a.1.total_cmp(&b.1));
            if let Some((d, rate)) = top.filter(|(_, r)| *r >= overall * 1.5) {
                return Some(format!(
                    "{} uses {} Codex credits per active person this week, {:.1}× the organisation's {}: agree a monthly credit budget with that team and check which surface drives it.",
                    d.department,
                    number(rate),
                    rate / overall,
                    number(overall)
                ));
            }
        }
    }
    if let (Some(rate), Some(comments)) = (
        value("codex_review_engagement_rate"),
        value("codex_review_comments_week"),
    ) {
        if rate < 0.5 && comments >= 5.0 {
            return Some(format!(
                "Only {} of Codex's {} review comments this week got a reply or a reaction: raise the review's priority threshold (keep P0/P1 comments) so authors read what it says.",
                percent(rate),
                number(comments)
            ));
        }
    }
    let total: f64 = view.surfaces.iter().map(|s| s.credits).sum();
    let top = view
        .surfaces
        .iter()
        .max_by(|a, b| a.credits.total_cmp(&b.credits))?;
    if total <= 0.0 {
        return active.map(|a| {
            format!("{a} people used Codex this week but no credits were reported: load the usage export with credits to see cost.")
        });
    }
    let share = top.credits / total;
    let cli = view.surfaces.iter().find(|s| s.surface == "CLI");
    let ide = view.surfaces.iter().find(|s| s.surface == "IDE");
    let reach = match (cli, ide) {
        (Some(c), None) => format!(
            "; nobody used the IDE extension, so show the {} CLI users' workflow to IDE-first developers",
            c.active_people
        ),
        _ => String::new(),
    };
    Some(format!(
        "{} carries {} of Codex credits this week ({} of {}){}: set the credit budget per surface from this split before the next invoice.",
        top.surface,
        percent(share),
        number(top.credits),
        number(total),
        reach
    ))
}

#[cfg(test)]
mod tests {
    use super::surface_group;

    #[test]
    fn client_ids_fall_into_the_metrics_md_groups() {
        assert_eq!(surface_group("CODEX_CLI"), "CLI");
        assert_eq!(surface_group("CODEX_IDE_VSCODE"), "IDE");
        assert_eq!(surface_group("CODEX_IDE_JETBRAINS"), "IDE");
        assert_eq!(surface_group("CODEX_WEB"), "Cloud");
        assert_eq!(surface_group("CODEX_DESKTOP_APP"), "Desktop");
        assert_eq!(surface_group("CODEX_WORK_DESKTOP"), "Desktop");
        assert_eq!(surface_group("CODEX_GITHUB"), "Code review");
        assert_eq!(surface_group("CODEX_SLACK"), "CODEX_SLACK");
        assert_eq!(surface_group("vscode"), "IDE");
        assert_eq!(surface_group("github_code_review"), "Code review");
    }
}
