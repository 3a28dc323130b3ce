//! The analyst's choices that metrics depend on. Remembered by the page in the browser (never
//! with any data) and echoed in every Report so a figure can always be traced to them.

use super::date::WeekStart;
use super::facts::Tool;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// `None`: Sunday when a ChatGPT weekly Users export is loaded, else Monday.
    pub week_start: Option<WeekStart>,
    /// Groups smaller than this (people with a seat) are suppressed in every breakdown.
    pub min_group_size: u32,
    /// Trend deltas compare the headline week with this many weeks earlier.
    pub compare_weeks_back: u32,
    /// Models whose name starts with one of these (case-insensitive) are the advanced tier.
    pub advanced_models: Vec<String>,
    /// Monthly list price per seat, in US dollars.
    pub seat_prices: Vec<SeatPrice>,
    /// Seats with no activity in this many days before the end of the range are unused.
    pub unused_after_days: u32,
    /// A session is a run of one person's messages with gaps under this many minutes.
    pub session_gap_minutes: u32,
    /// US dollars per credit (ChatGPT / Codex credits, GitHub AI credits), for usage cost.
    pub credit_price_usd: f64,
    /// Monthly budgets per tool, in US dollars (alerts at 75 %, 90 % and 100 %).
    pub budgets: Vec<Budget>,
    /// Power users: in the week's top `power_top_share` of senders by messages…
    pub power_top_share: f64,
    /// …and at least this many messages in the week…
    pub power_min_messages: u32,
    /// …and at least this many distinct tools, GPTs or projects in the 28 days ending with it.
    pub power_min_tools: u32,
    /// Hide every per-person table (pseudonymous or not): aggregates only.
    pub aggregate_only: bool,
}

/// A monthly budget for one tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    pub tool: Tool,
    pub monthly_usd: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeatPrice {
    pub tool: Tool,
    pub monthly_usd: f64,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            week_start: None,
            min_group_size: 5,
            compare_weeks_back: 14,
            advanced_models: [
                "o1",
                "o3",
                "o4",
                "gpt-4.5",
                "gpt-5-thinking",
                "gpt-5-pro",
                "gpt-5.1-thinking",
                "gpt-5.2-thinking",
                "gpt-5.2-pro",
            ]
            .iter()
            .map(|s| s.to_string())
            .collect(),
            seat_prices: vec![
                SeatPrice {
                    tool: Tool::Chatgpt,
                    monthly_usd: 30.0,
                },
                SeatPrice {
                    tool: Tool::Copilot,
                    monthly_usd: 19.0,
                },
                SeatPrice {
                    tool: Tool::M365Copilot,
                    monthly_usd: 30.0,
                },
                SeatPrice {
                    tool: Tool::Claude,
                    monthly_usd: 30.0,
                },
                SeatPrice {
                    tool: Tool::Cursor,
                    monthly_usd: 40.0,
                },
                SeatPrice {
                    tool: Tool::Gemini,
                    monthly_usd: 20.0,
                },
            ],
            unused_after_days: 30,
            session_gap_minutes: 30,
            credit_price_usd: 0.04,
            budgets: Vec::new(),
            power_top_share: 0.2,
            power_min_messages: 75,
            power_min_tools: 3,
            aggregate_only: false,
        }
    }
}

impl Settings {
    pub fn is_advanced(&self, model: &str) -> bool {
        let model = model.trim().to_ascii_lowercase();
        self.advanced_models.iter().any(|prefix| {
            !prefix.trim().is_empty() && model.starts_with(&prefix.trim().to_ascii_lowercase())
        })
    }

    pub fn seat_price(&self, tool: Tool) -> f64 {
        self.seat_prices
            .iter()
            .find(|p| p.tool == tool)
            .map_or(0.0, |p| p.monthly_usd)
    }

    /// The monthly budget set for `tool`, if any.
    pub fn budget(&self, tool: Tool) -> Option<f64> {
        self.budgets
            .iter()
            .find(|b| b.tool == tool && b.monthly_usd > 0.0)
            .map(|b| b.monthly_usd)
    }

    /// The session gap in seconds, never under one minute.
    pub fn session_gap_seconds(&self) -> i64 {
        i64::from(self.session_gap_minutes.max(1)) * 60
    }

    /// The group-size floor, never below 2 whatever was typed.
    pub fn floor(&self) -> u32 {
        self.min_group_size.max(2)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn advanced_tier_matches_prefixes_case_insensitively() {
        let settings = Settings::default();
        assert!(settings.is_advanced("o3"));
        assert!(settings.is_advanced("O3-pro"));
        assert!(settings.is_advanced("gpt-5-thinking"));
        assert!(!settings.is_advanced("gpt-5"));
        assert!(!settings.is_advanced("gpt-4o"));
    }
}
