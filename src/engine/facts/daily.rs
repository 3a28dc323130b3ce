//! `DailyActivity`: person × tool × UTC day, optionally broken down by surface, model, feature
//! or language (Codex/ChatGPT analytics API, Copilot usage reports, Codex dashboard exports).
//! The person-day total row has no breakdown; breakdown rows never add into it.

use super::identities::IdentityId;
use super::Tool;
use crate::engine::date::Day;
use crate::engine::intern::Sym;
use serde::{Deserialize, Serialize};

/// Counters shared by person-level and organisation-level daily rows. Zero means zero only
/// where the source gave the field; token counts carry `has_tokens`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Measures {
    /// User-initiated actions: prompts, messages sent, interactions.
    pub interactions: u64,
    /// Sessions or threads started.
    pub sessions: u64,
    pub turns: u64,
    /// Code suggestions generated, and accepted (Copilot, Cursor tabs).
    pub suggestions: u64,
    pub acceptances: u64,
    pub lines_suggested: u64,
    pub lines_accepted: u64,
    pub lines_added: u64,
    pub lines_deleted: u64,
    /// All input tokens, cached ones included (METRICS.md: uncached + cached is input).
    pub input_tokens: u64,
    /// The cached part of `input_tokens`.
    pub cached_input_tokens: u64,
    pub output_tokens: u64,
    /// True when the source gave token counts (a missing count is not a zero).
    pub has_tokens: bool,
    pub credits: f64,
    /// Native money (never an estimate added to it).
    pub cost_usd: f64,
    pub commits: u64,
    pub pull_requests: u64,
    /// Code review: reviews done, comments made, comments engaged with (replied or reacted).
    pub reviews: u64,
    pub comments: u64,
    pub comments_engaged: u64,
    /// Feature flags: see the `USED_*` constants.
    pub used: u8,
}

impl Measures {
    pub const USED_CHAT: u8 = 1;
    pub const USED_AGENT: u8 = 2;
    pub const USED_CLI: u8 = 4;
    pub const USED_CODE_REVIEW: u8 = 8;
    pub const USED_CODING_AGENT: u8 = 16;

    pub fn add(&mut self, o: &Measures) {
        self.interactions = self.interactions.saturating_add(o.interactions);
        self.sessions = self.sessions.saturating_add(o.sessions);
        self.turns = self.turns.saturating_add(o.turns);
        self.suggestions = self.suggestions.saturating_add(o.suggestions);
        self.acceptances = self.acceptances.saturating_add(o.acceptances);
        self.lines_suggested = self.lines_suggested.saturating_add(o.lines_suggested);
        self.lines_accepted = self.lines_accepted.saturating_add(o.lines_accepted);
        self.lines_added = self.lines_added.saturating_add(o.lines_added);
        self.lines_deleted = self.lines_deleted.saturating_add(o.lines_deleted);
        self.input_tokens = self.input_tokens.saturating_add(o.input_tokens);
        self.cached_input_tokens = self
            .cached_input_tokens
            .saturating_add(o.cached_input_tokens);
        self.output_tokens = self.output_tokens.saturating_add(o.output_tokens);
        self.has_tokens |= o.has_tokens;
        self.credits += o.credits;
        self.cost_usd += o.cost_usd;
        self.commits = self.commits.saturating_add(o.commits);
        self.pull_requests = self.pull_requests.saturating_add(o.pull_requests);
        self.reviews = self.reviews.saturating_add(o.reviews);
        self.comments = self.comments.saturating_add(o.comments);
        self.comments_engaged = self.comments_engaged.saturating_add(o.comments_engaged);
        self.used |= o.used;
    }

    /// Any user-initiated activity at all. (Counts are compared, never added: a file can give
    /// counts near `u64::MAX`, found by fuzzing `uptake_facts_csv`.)
    pub fn any_activity(&self) -> bool {
        [
            self.interactions,
            self.sessions,
            self.turns,
            self.acceptances,
            self.suggestions,
        ]
        .iter()
        .any(|&n| n > 0)
            || self.credits > 0.0
            || self.used != 0
    }

    /// Input plus output tokens, saturating: either can be near `u64::MAX` in a hostile file.
    pub fn all_tokens(&self) -> u64 {
        self.input_tokens.saturating_add(self.output_tokens)
    }
}

/// A breakdown of a daily row: which surface / model / feature / language it counts.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub struct Breakdown {
    pub surface: Option<Sym>,
    pub model: Option<Sym>,
    pub feature: Option<Sym>,
    pub language: Option<Sym>,
}

impl Breakdown {
    pub fn is_total(&self) -> bool {
        *self == Breakdown::default()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DailyActivity {
    pub identity: IdentityId,
    pub tool: Tool,
    pub day: Day,
    pub breakdown: Breakdown,
    /// The source's own "active" flag or activity counters said the person was active.
    pub active: bool,
    pub measures: Measures,
}
