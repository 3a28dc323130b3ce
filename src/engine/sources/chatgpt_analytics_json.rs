//! PLACEHOLDER: replaced by the module's real parser.

use super::registry::{FormatSpec, ParseContext};
use super::{FileError, Parsed};
use crate::engine::detect::{FormatId, Probe};
use std::io::Read;

pub const CHATGPT_FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptAnalyticsUsageJson,
    name: "chatgpt.analytics_usage_json",
    label: "ChatGPT Analytics API usage (JSON)",
    csv: false,
    signature: &["object", "start_time", "user_id", "totals"],
    matches: never,
    parse: not_yet,
};

pub const CODEX_FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CodexUsageJson,
    name: "codex.usage_json",
    label: "Codex Analytics API usage (JSON)",
    csv: false,
    signature: &["object", "start_time", "user_id", "totals", "clients"],
    matches: never,
    parse: not_yet,
};

fn never(_: &Probe) -> bool {
    false
}

fn not_yet(_: &mut dyn Read, _: &ParseContext<'_>) -> Result<Parsed, FileError> {
    Err(FileError::new("Not supported yet.", ""))
}
