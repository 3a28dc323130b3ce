//! PLACEHOLDER: replaced by the module's real parser.

use super::registry::{FormatSpec, ParseContext};
use super::{FileError, Parsed};
use crate::engine::detect::{FormatId, Probe};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotMetricsJson,
    name: "copilot.metrics_json",
    label: "GitHub Copilot Metrics API, legacy (JSON)",
    csv: false,
    signature: &["date", "total_active_users", "copilot_ide_code_completions"],
    matches: never,
    parse: not_yet,
};

fn never(_: &Probe) -> bool {
    false
}

fn not_yet(_: &mut dyn Read, _: &ParseContext<'_>) -> Result<Parsed, FileError> {
    Err(FileError::new("Not supported yet.", ""))
}
