//! Facts without a person, or about money: organisation-level daily rows (Copilot legacy
//! metrics and entity reports, Codex workspace usage and code reviews), team membership
//! (Copilot user-teams), billed usage (GitHub premium requests, ChatGPT credits), and
//! per-period rows of custom GPTs and projects.

use super::daily::{Breakdown, Measures};
use super::identities::IdentityId;
use super::Tool;
use crate::engine::date::{Day, DaySpan};
use crate::engine::intern::Sym;
use serde::{Deserialize, Serialize};

/// `OrgDaily`: tool × day × scope (an organisation, enterprise or team), no person.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OrgDaily {
    pub tool: Tool,
    pub day: Day,
    /// The organisation, enterprise or team the row is about (as the file names it).
    pub scope: Option<Sym>,
    /// What the row measures (e.g. `usage`, `code_review`, `legacy_metrics`).
    pub kind: Sym,
    pub breakdown: Breakdown,
    pub measures: Measures,
    /// Native active-user gauges (never summed across days).
    pub daily_active: Option<u32>,
    pub weekly_active: Option<u32>,
    pub monthly_active: Option<u32>,
    pub engaged: Option<u32>,
}

/// A person's membership of a team on a day (Copilot user-teams report).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TeamMembership {
    pub identity: IdentityId,
    pub day: Day,
    pub team: Sym,
}

/// Billed usage: one line of a usage or credit report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct UsageCharge {
    pub identity: Option<IdentityId>,
    pub tool: Option<Tool>,
    pub day: Option<Day>,
    pub product: Option<Sym>,
    pub sku: Option<Sym>,
    pub model: Option<Sym>,
    pub quantity: f64,
    pub unit: Option<Sym>,
    pub gross_usd: f64,
    pub net_usd: f64,
    pub credits: f64,
    pub organization: Option<Sym>,
    pub cost_centre: Option<Sym>,
    /// Set when the line sums a whole period rather than one day (the Claude spend report):
    /// `day` is then the period's last day, where a bill would fall, and the line proves no
    /// activity on any particular day.
    #[serde(default)]
    pub period: Option<DaySpan>,
}

impl UsageCharge {
    /// The day this line proves use on: its day, unless it sums a whole period.
    pub fn activity_day(&self) -> Option<Day> {
        self.day.filter(|_| self.period.is_none())
    }
}

/// A custom GPT or a project over one native period (ChatGPT GPTs / Projects exports).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AssetKind {
    Gpt,
    Project,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AssetPeriod {
    pub kind: AssetKind,
    /// The GPT or project id (`g-…`, `g-p-…`).
    pub asset: Sym,
    pub name: Option<Sym>,
    pub creator: Option<IdentityId>,
    pub period: DaySpan,
    pub active: bool,
    pub messages: u64,
    pub unique_users: u64,
}
