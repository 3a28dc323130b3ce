//! The `Report`: the one serialisable boundary between the engine (in the worker) and the page.
//! Aggregate and pseudonymous by construction: it holds counts, rates and labels, never an
//! identifier or a message. Field names are stable and documented in the README.

use super::dataset::SourceSummary;
use super::date::{DaySpan, WeekStart};
use super::metrics::activity::CrossTool;
use super::metrics::definitions::{Better, Definition, Unit};
use super::metrics::tool_view;
use super::metrics::{
    activity_series, codex, concentration, copilot, credits, department_usage, depth, funnel,
    history, licences, models, my_usage, overlap, people_table, prompts, timing, tokens, trend,
};
use super::query::FilterState;
use super::settings::Settings;
use serde::{Deserialize, Serialize};

/// Bumped when a field changes meaning; readers keep accepting older versions.
pub const REPORT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub version: u32,
    /// Fingerprint of the org key the pseudonyms were made with (never the key).
    pub key_fingerprint: String,
    pub settings: Settings,
    pub week_start: WeekStart,
    pub week_start_reason: String,
    /// The last complete week: what every headline figure is about.
    pub headline_week: Option<DaySpan>,
    /// `settings.compare_weeks_back` weeks earlier, when the data covers it.
    pub comparison_week: Option<DaySpan>,
    /// Why there is no headline week, when there is none.
    pub problem: Option<String>,
    pub figures: Vec<Figure>,
    pub weekly: Vec<WeekPoint>,
    pub departments: DepartmentTable,
    /// People active on each tool in the headline week, and on how many tools.
    pub cross_tool: CrossTool,
    pub sources: Vec<SourceSummary>,
    /// The date range and filters applied, what could be chosen, and a refusal if any.
    #[serde(default)]
    pub filters: FilterState,
    /// The grain asked for and the buckets every trend uses (see `metrics::trend`).
    #[serde(default)]
    pub trend: trend::TrendPlan,
    /// AI-active people across all tools, at the page's grain (Overview).
    #[serde(default)]
    pub activity: activity_series::ActivitySeries,
    // One section per dashboard (see `metrics::<name>`), each with its figures, its recommended
    // action and what it needs when nothing loaded can compute it.
    #[serde(default)]
    pub funnel: funnel::FunnelView,
    #[serde(default)]
    pub tokens: tokens::TokensView,
    #[serde(default)]
    pub depth: depth::DepthView,
    #[serde(default)]
    pub prompts: prompts::PromptsView,
    #[serde(default)]
    pub models: models::ModelMixView,
    #[serde(default)]
    pub department_usage: department_usage::DepartmentUsageView,
    #[serde(default)]
    pub licences: licences::LicencesView,
    #[serde(default)]
    pub concentration: concentration::ConcentrationView,
    #[serde(default)]
    pub codex: codex::CodexView,
    #[serde(default)]
    pub copilot: copilot::CopilotView,
    #[serde(default)]
    pub overlap: overlap::CrossToolView,
    #[serde(default)]
    pub credits: credits::CreditsView,
    #[serde(default)]
    pub timing: timing::TimingView,
    /// Cohorts month over month and seat to first use, once history reaches past one month.
    #[serde(default)]
    pub history: history::HistoryView,
    #[serde(default)]
    pub people_table: people_table::PeopleView,
    /// The person's own use, from a personal ChatGPT export (kept apart from every figure
    /// above).
    #[serde(default)]
    pub my_usage: my_usage::MyUsageView,
    /// One view per tool without a section of its own before (see `metrics::tool_view`).
    #[serde(default)]
    pub claude_code: tool_view::ToolView,
    #[serde(default)]
    pub cursor: tool_view::ToolView,
    #[serde(default)]
    pub m365_copilot: tool_view::ToolView,
    #[serde(default)]
    pub gemini: tool_view::ToolView,
}

/// One headline figure (`data-metric` id, `data-value` = `value`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub id: String,
    pub label: String,
    pub unit: Unit,
    /// Which direction of change is an improvement.
    pub better: Better,
    /// `None` when suppressed or not computable from what was loaded.
    pub value: Option<f64>,
    /// The same figure for the comparison week.
    pub previous: Option<f64>,
    pub definition: String,
    pub sources: String,
    /// When `value` is `None`: the export that would enable it.
    pub needs: Option<String>,
}

/// One week of the trend.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WeekPoint {
    pub week: DaySpan,
    pub seats: u32,
    pub activated_users: u32,
    pub weekly_active_users: u32,
    pub messages: u64,
    pub advanced_model_share: Option<f64>,
}

/// The by-department table of the headline week, with the minimum group size applied.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentTable {
    pub min_group_size: u32,
    /// Where departments came from: `hris`, `chatgpt` (SCIM department column) or `none`.
    pub source: String,
    /// Seat holders whose HRIS row was found, and all seat holders.
    pub seat_holders_matched_to_hris: u32,
    pub seat_holders: u32,
    pub rows: Vec<DepartmentRow>,
    /// How many groups are hidden by the floor (including complementary suppression).
    pub suppressed_groups: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentRow {
    pub department: String,
    /// True when the group is hidden: every figure below is then `None`.
    pub suppressed: bool,
    pub seats: Option<u32>,
    pub activated_users: Option<u32>,
    pub activation_rate: Option<f64>,
    pub weekly_active_users: Option<u32>,
    pub weekly_active_rate: Option<f64>,
    pub messages_per_active_user_week: Option<f64>,
    pub advanced_model_share: Option<f64>,
}

impl Figure {
    /// A figure of `definition` with its value now and in the comparison window. `needs` is
    /// kept only when `value` is `None` (say which export or setting would enable it).
    pub fn of(
        definition: &Definition,
        value: Option<f64>,
        previous: Option<f64>,
        needs: Option<String>,
    ) -> Figure {
        let value = value.filter(|v| v.is_finite());
        Figure {
            id: definition.id.to_string(),
            label: definition.label.to_string(),
            unit: definition.unit,
            better: definition.better,
            value,
            previous: previous.filter(|v| v.is_finite()),
            definition: definition.formula.to_string(),
            sources: definition.sources.to_string(),
            needs: value
                .is_none()
                .then(|| needs.unwrap_or_else(|| format!("needs {}", definition.needs))),
        }
    }
}

impl Report {
    pub fn figure(&self, id: &str) -> Option<&Figure> {
        self.figures.iter().find(|f| f.id == id)
    }
}
