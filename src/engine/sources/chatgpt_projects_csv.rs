//! PLACEHOLDER: replaced by the module's real parser.

use super::registry::{FormatSpec, ParseContext};
use super::{FileError, Parsed};
use crate::engine::detect::{FormatId, Probe};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptProjectsCsv,
    name: "chatgpt.projects_csv",
    label: "ChatGPT workspace Projects export (CSV)",
    csv: true,
    signature: &["project_id", "messages_workspace"],
    matches: never,
    parse: not_yet,
};

fn never(_: &Probe) -> bool {
    false
}

fn not_yet(_: &mut dyn Read, _: &ParseContext<'_>) -> Result<Parsed, FileError> {
    Err(FileError::new("Not supported yet.", ""))
}
