//! Every format Uptake reads, in detection order (specific signatures first, the HRIS roster,
//! which matches any email + department file, last). Adding a vendor format means adding a
//! module under `sources/` and one line here.

use super::mapping::ColumnMapping;
use super::{
    chatgpt_analytics_json, chatgpt_compliance_json, chatgpt_compliance_logs,
    chatgpt_credit_usage_csv, chatgpt_gpts_csv, chatgpt_personal_export, chatgpt_projects_csv,
    chatgpt_users_csv, claude_code_csv, claude_code_usage_json, claude_enterprise_analytics_json,
    claude_spend_csv, codex_code_reviews_json, codex_dashboard_json, codex_user_csv,
    copilot_activity_csv, copilot_entity_report, copilot_metrics_json, copilot_seats_json,
    copilot_usage_ndjson, copilot_user_teams, cursor_analytics_csv, cursor_daily_usage_json,
    cursor_usage_events_csv, gemini_audit_json, gemini_usage_csv, github_billing_csv, hris,
    m365_copilot_usage_csv, uptake_facts_csv, uptake_snapshot, FileError, Parsed,
};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::identity::OrgKey;
use std::io::Read;

/// What a parser is given besides the bytes.
pub struct ParseContext<'a> {
    pub key: &'a OrgKey,
    /// The CSV delimiter found by detection (`,` for JSON).
    pub delimiter: u8,
    /// True for JSON and NDJSON files.
    pub json: bool,
    /// Columns chosen by the analyst in the mapper, if any (see `IngestOptions`).
    pub mapping: Option<&'a ColumnMapping>,
    /// Accept a snapshot made under another org key (see `IngestOptions`).
    pub foreign_snapshot_ok: bool,
    /// The period the analyst gave a file that holds no dates (see `IngestOptions`).
    pub period: Option<DaySpan>,
    /// Today on the page's clock: rows dated after it are skipped (`Diagnostics::after_today`,
    /// which every parser calls with each row's day). Not checked: HRIS rosters, whose hire
    /// and leave dates may rightly lie ahead, and snapshots, whose rows were checked when
    /// their exports were read.
    pub today: Option<Day>,
}

/// One supported format.
pub struct FormatSpec {
    pub id: FormatId,
    /// The DESIGN.md format id.
    pub name: &'static str,
    pub label: &'static str,
    pub csv: bool,
    /// Columns or keys that identify it, for "closest format" messages.
    pub signature: &'static [&'static str],
    pub matches: fn(&Probe) -> bool,
    pub parse: fn(&mut dyn Read, &ParseContext<'_>) -> Result<Parsed, FileError>,
}

pub static FORMATS: &[FormatSpec] = &[
    uptake_snapshot::FORMAT,
    chatgpt_users_csv::FORMAT,
    chatgpt_gpts_csv::FORMAT,
    chatgpt_projects_csv::FORMAT,
    chatgpt_credit_usage_csv::FORMAT,
    chatgpt_analytics_json::CHATGPT_FORMAT,
    chatgpt_analytics_json::CODEX_FORMAT,
    chatgpt_compliance_logs::FORMAT,
    chatgpt_compliance_json::FORMAT,
    chatgpt_personal_export::FORMAT,
    codex_code_reviews_json::REVIEWS_FORMAT,
    codex_code_reviews_json::RESPONSES_FORMAT,
    codex_dashboard_json::FORMAT,
    codex_user_csv::FORMAT,
    copilot_user_teams::FORMAT,
    copilot_usage_ndjson::FORMAT,
    copilot_entity_report::FORMAT,
    copilot_metrics_json::FORMAT,
    copilot_seats_json::FORMAT,
    copilot_activity_csv::FORMAT,
    github_billing_csv::FORMAT,
    m365_copilot_usage_csv::FORMAT,
    claude_code_usage_json::FORMAT,
    claude_enterprise_analytics_json::FORMAT,
    cursor_daily_usage_json::FORMAT,
    cursor_usage_events_csv::FORMAT,
    cursor_analytics_csv::FORMAT,
    gemini_usage_csv::FORMAT,
    claude_spend_csv::FORMAT,
    gemini_audit_json::FORMAT,
    uptake_facts_csv::FORMAT,
    claude_code_csv::FORMAT,
    hris::FORMAT,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_id_has_one_spec_with_its_design_id() {
        for spec in FORMATS {
            assert_eq!(spec.id.spec().name, spec.name);
            assert_eq!((spec.id.id(), spec.id.label()), (spec.name, spec.label));
            assert_eq!(
                serde_json::to_value(spec.id).ok(),
                Some(serde_json::Value::String(spec.name.into()))
            );
        }
        let mut names: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), FORMATS.len());
    }
}
