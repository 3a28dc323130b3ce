//! PLACEHOLDER: replaced by the module's real parser.

use super::registry::{FormatSpec, ParseContext};
use super::{FileError, Parsed};
use crate::engine::detect::{FormatId, Probe};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotUsageNdjson,
    name: "copilot.usage_ndjson",
    label: "GitHub Copilot usage metrics, users (NDJSON)",
    csv: false,
    signature: &["user_login", "day", "user_initiated_interaction_count"],
    matches: never,
    parse: not_yet,
};

fn never(_: &Probe) -> bool {
    false
}

fn not_yet(_: &mut dyn Read, _: &ParseContext<'_>) -> Result<Parsed, FileError> {
    Err(FileError::new("Not supported yet.", ""))
}
