//! `chatgpt.projects_csv`: the ChatGPT Enterprise/Edu workspace analytics **Projects** export
//! (FORMATS.md §1c, Low-Medium confidence). One row per project per native period, read like the
//! GPTs export (see [`super::chatgpt_gpts_csv::parse_assets`]): the project's name is kept as a
//! label, its description and URL are dropped, the creator's email is hashed.
//!
//! The column list comes from one importer, which shows no `cadence`/`period_start`/`period_end`
//! (they probably exist, as in the GPTs export). Without them a row's period is its first to
//! last day active in the period; a row with neither is skipped.

use super::chatgpt_gpts_csv::{parse_assets, AssetFormat};
use super::csv_table::Header;
use super::registry::FormatSpec;
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::AssetKind;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptProjectsCsv,
    name: "chatgpt.projects_csv",
    label: "ChatGPT workspace Projects export (CSV)",
    csv: true,
    signature: &["project_id", "messages_workspace"],
    matches: |probe| matches!(probe, Probe::Csv { header, .. } if matches(header)),
    parse: |reader, ctx| parse_assets(reader, ctx.delimiter, ctx.key, &PROJECTS, ctx.today),
};

/// Detection (FORMATS.md §10): ⊇ {project_id, messages_workspace}.
pub fn matches(header: &Header) -> bool {
    ["project_id", "messages_workspace"]
        .iter()
        .all(|c| header.has(c))
}

const PROJECTS: AssetFormat = AssetFormat {
    kind: AssetKind::Project,
    report: "Projects",
    noun: "project",
    id: &["project_id"],
    name: &["project_name"],
    creator_email: &["project_creator_email"],
    // Not in the importer's list; read if a real export has it, as the GPTs export does.
    creator_public_id: &["project_creator_public_id"],
};
