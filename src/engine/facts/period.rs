//! `PeriodActivity`: person × tool × native period (a ChatGPT weekly Users CSV row). Native
//! grain is kept: a weekly row is never spread over days.

use super::identities::IdentityId;
use super::Tool;
use crate::engine::date::{Day, DaySpan};
use crate::engine::intern::Sym;
use serde::{Deserialize, Serialize};

/// The native period of a period row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    Monthly,
    DateRange,
}

/// The state of a person's seat as the export gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatStatus {
    Enabled,
    Pending,
    Deactivated,
}

/// `PeriodActivity`: person × tool × native period (e.g. a ChatGPT weekly Users CSV row).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodActivity {
    pub identity: IdentityId,
    pub tool: Tool,
    pub period: DaySpan,
    pub cadence: Cadence,
    pub status: SeatStatus,
    pub is_active: bool,
    pub messages: u32,
    pub gpt_messages: u32,
    pub gpts_messaged: u32,
    pub tool_messages: u32,
    pub tools_messaged: u32,
    pub project_messages: u32,
    pub projects_messaged: u32,
    pub projects_created: u32,
    pub credits: Option<f64>,
    pub first_active_in_period: Option<Day>,
    pub last_active_in_period: Option<Day>,
    /// Overall last active day, not limited to the period.
    pub last_active_ever: Option<Day>,
    pub seat_created: Option<Day>,
    /// The vendor's own department field (SCIM), when given.
    pub department: Option<Sym>,
    /// Range into [`super::Facts::period_models`].
    pub models: (u32, u32),
    /// Days of the period with use, where the export counts them (the Gemini usage report's
    /// `Active days`); `None` when it does not. Absent from snapshots written before it.
    #[serde(default)]
    pub active_days: Option<u32>,
}

impl PeriodActivity {
    /// A row with a seat enabled over `period` and nothing else known: the sources that give one
    /// count per person and period (Gemini usage report, Claude Code table, Uptake facts) set
    /// what they have on it.
    pub fn over(identity: IdentityId, tool: Tool, period: DaySpan, cadence: Cadence) -> Self {
        PeriodActivity {
            identity,
            tool,
            period,
            cadence,
            status: SeatStatus::Enabled,
            is_active: false,
            messages: 0,
            gpt_messages: 0,
            gpts_messaged: 0,
            tool_messages: 0,
            tools_messaged: 0,
            project_messages: 0,
            projects_messaged: 0,
            projects_created: 0,
            credits: None,
            first_active_in_period: None,
            last_active_in_period: None,
            last_active_ever: None,
            seat_created: None,
            department: None,
            models: (0, 0),
            active_days: None,
        }
    }

    /// Did this row prove activity on some day inside `window`?
    pub fn active_in(&self, window: DaySpan) -> bool {
        let day_inside = |d: Option<Day>| d.is_some_and(|d| window.contains(d));
        if day_inside(self.first_active_in_period) || day_inside(self.last_active_in_period) {
            return true;
        }
        (self.is_active || self.messages > 0) && window.covers(self.period)
    }

    pub fn has_activity(&self) -> bool {
        self.is_active || self.messages > 0 || self.first_active_in_period.is_some()
    }
}

/// Messages per model inside one period row.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelCount {
    pub model: Sym,
    pub messages: u32,
}

/// A count per app inside one person's native period (the Gemini usage report's Gmail, Docs…
/// columns), kept at the period's grain like the row it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct PeriodApp {
    pub identity: IdentityId,
    pub tool: Tool,
    pub period: DaySpan,
    pub app: Sym,
    pub count: u32,
}
