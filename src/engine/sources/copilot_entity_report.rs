//! PLACEHOLDER: replaced by the module's real parser.

use super::registry::{FormatSpec, ParseContext};
use super::{FileError, Parsed};
use crate::engine::detect::{FormatId, Probe};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CopilotEntityReportJson,
    name: "copilot.entity_report_json",
    label: "GitHub Copilot usage metrics, organisation or enterprise (JSON)",
    csv: false,
    signature: &["day", "daily_active_users", "weekly_active_users"],
    matches: never,
    parse: not_yet,
};

fn never(_: &Probe) -> bool {
    false
}

fn not_yet(_: &mut dyn Read, _: &ParseContext<'_>) -> Result<Parsed, FileError> {
    Err(FileError::new("Not supported yet.", ""))
}
