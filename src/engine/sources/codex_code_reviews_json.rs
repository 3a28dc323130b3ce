//! PLACEHOLDER: replaced by the module's real parser.

use super::registry::{FormatSpec, ParseContext};
use super::{FileError, Parsed};
use crate::engine::detect::{FormatId, Probe};
use std::io::Read;

pub const REVIEWS_FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CodexCodeReviewsJson,
    name: "codex.code_reviews_json",
    label: "Codex code reviews (JSON)",
    csv: false,
    signature: &["start_time", "pull_request_reviews", "comments"],
    matches: never,
    parse: not_yet,
};

pub const RESPONSES_FORMAT: FormatSpec = FormatSpec {
    id: FormatId::CodexCodeReviewResponsesJson,
    name: "codex.code_review_responses_json",
    label: "Codex code review responses (JSON)",
    csv: false,
    signature: &["start_time", "pull_request_reviews", "replies", "reactions"],
    matches: never,
    parse: not_yet,
};

fn never(_: &Probe) -> bool {
    false
}

fn not_yet(_: &mut dyn Read, _: &ParseContext<'_>) -> Result<Parsed, FileError> {
    Err(FileError::new("Not supported yet.", ""))
}
