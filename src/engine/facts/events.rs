//! `MessageEvent`: one message (or Codex log event) of one person at one instant, from
//! message-level sources (compliance logs). Text is reduced to its length as it is parsed;
//! conversation and event ids are kept only as keyed 64-bit hashes.

use super::identities::IdentityId;
use super::Tool;
use crate::engine::intern::Sym;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    User,
    Assistant,
    System,
    Tool,
    Other,
}

impl Role {
    pub fn parse(text: &str) -> Role {
        match text.trim().to_ascii_lowercase().as_str() {
            "user" | "human" => Role::User,
            "assistant" | "bot" | "model" => Role::Assistant,
            "system" | "developer" => Role::System,
            "tool" | "function" => Role::Tool,
            _ => Role::Other,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MessageEvent {
    pub identity: IdentityId,
    pub tool: Tool,
    /// Unix seconds, UTC.
    pub at: i64,
    /// Keyed hash of the conversation / session id (0 when none).
    pub conversation: u64,
    pub role: Role,
    pub model: Option<Sym>,
    pub gpt: Option<Sym>,
    pub project: Option<Sym>,
    /// Client or surface (`CODEX_CLI`, …).
    pub client: Option<Sym>,
    /// Length in Unicode scalar values of user-authored text (the text itself is dropped).
    pub chars: u32,
    pub tools_used: u16,
    /// All input tokens, cached ones included (METRICS.md: uncached + cached is input).
    pub input_tokens: u64,
    /// The cached part of `input_tokens`.
    pub cached_input_tokens: u64,
    pub output_tokens: u64,
    pub has_tokens: bool,
    /// Keyed hash of the event id: the same event loaded twice counts once.
    pub key: u64,
}
