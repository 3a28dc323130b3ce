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
    /// Monthly budgets per department (HRIS department name), in US dollars.
    pub department_budgets: Vec<DepartmentBudget>,
    /// GitHub Copilot premium-request multipliers by model-name prefix (longest prefix wins;
    /// "Auto: <model>" is 0.9 × that model's).
    pub model_multipliers: Vec<ModelMultiplier>,
    /// Power users: in the week's top `power_top_share` of senders by messages…
    pub power_top_share: f64,
    /// …and at least this many messages in the week…
    pub power_min_messages: u32,
    /// …and at least this many distinct tools, GPTs or projects in the 28 days ending with it.
    pub power_min_tools: u32,
    /// Hide every per-person table (pseudonymous or not): aggregates only.
    pub aggregate_only: bool,
    /// The organisation's name, as typed for the printed report's cover (empty: none).
    pub organisation: String,
}

/// A monthly budget for one tool.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    pub tool: Tool,
    pub monthly_usd: f64,
}

/// A monthly budget for one department.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DepartmentBudget {
    pub department: String,
    pub monthly_usd: f64,
}

/// How many premium requests one request to a model counts as.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ModelMultiplier {
    /// Compared after lower-casing and turning spaces into `-`: "Claude Opus 4.6" → "claude-opus-4.6".
    pub prefix: String,
    pub multiplier: f64,
}

/// GitHub's published premium-request multipliers for paid plans (docs.github.com, "Requests
/// in GitHub Copilot"), as of late 2026. Editable in Settings.
pub const DEFAULT_MULTIPLIERS: [(&str, f64); 22] = [
    ("gpt-4.1", 0.0),
    ("gpt-4o", 0.0),
    ("gpt-5-mini", 0.0),
    ("raptor-mini", 0.0),
    ("grok-code-fast", 0.25),
    ("claude-haiku", 0.33),
    ("gemini-3-flash", 0.33),
    ("gpt-5.1-codex-mini", 0.33),
    ("o4-mini", 0.33),
    ("claude-sonnet", 1.0),
    ("claude-opus-4.5", 3.0),
    ("claude-opus-4.6", 3.0),
    ("claude-opus-4.1", 10.0),
    ("claude-opus-4", 10.0),
    ("gemini-2.5-pro", 1.0),
    ("gemini-3-pro", 1.0),
    ("gpt-5", 1.0),
    ("o3", 1.0),
    ("code-review", 1.0),
    ("coding-agent", 1.0),
    ("spark", 1.0),
    ("gpt-4.5", 50.0),
];

/// "Claude Opus 4.6" → "claude-opus-4.6".
fn model_key(name: &str) -> String {
    name.trim()
        .to_ascii_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
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
            organisation: String::new(),
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
            department_budgets: Vec::new(),
            model_multipliers: DEFAULT_MULTIPLIERS
                .iter()
                .map(|(prefix, multiplier)| ModelMultiplier {
                    prefix: prefix.to_string(),
                    multiplier: *multiplier,
                })
                .collect(),
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

    /// The monthly budget set for a department, if any.
    pub fn department_budget(&self, department: &str) -> Option<f64> {
        self.department_budgets
            .iter()
            .find(|b| b.department == department && b.monthly_usd > 0.0)
            .map(|b| b.monthly_usd)
    }

    /// A model's premium-request multiplier: the longest matching prefix; "Auto: <model>" is
    /// 0.9 × the model's (GitHub discounts auto model selection by 10 %). `None` when no
    /// prefix matches.
    pub fn multiplier(&self, model: &str) -> Option<f64> {
        let key = model_key(model);
        if let Some(rest) = key.strip_prefix("auto:") {
            return self
                .multiplier(rest.trim_start_matches('-'))
                .map(|m| m * 0.9);
        }
        self.model_multipliers
            .iter()
            .filter_map(|m| {
                let p = model_key(&m.prefix);
                (!p.is_empty() && key.starts_with(&p)).then_some((p.len(), m.multiplier))
            })
            .max_by_key(|(len, _)| *len)
            .map(|(_, multiplier)| multiplier)
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

#[cfg(test)]
mod multiplier_tests {
    use super::*;

    #[test]
    fn the_longest_prefix_wins_and_auto_is_discounted() {
        let s = Settings::default();
        assert_eq!(s.multiplier("Claude Opus 4.6"), Some(3.0));
        assert_eq!(s.multiplier("Claude Opus 4.1"), Some(10.0));
        // "gpt-5" is 1, "gpt-5-mini" (longer) is included.
        assert_eq!(s.multiplier("GPT-5.4"), Some(1.0));
        assert_eq!(s.multiplier("GPT-5 mini"), Some(0.0));
        // Auto: 0.9 × Claude Sonnet's 1.
        assert_eq!(s.multiplier("Auto: Claude Sonnet 4.6"), Some(0.9));
        assert_eq!(s.multiplier("Code Review model"), Some(1.0));
        assert_eq!(s.multiplier("some-new-model"), None);
    }
}
