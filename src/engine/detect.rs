//! Recognises a file's format from its content (never its name): the CSV header, or the keys
//! of the first JSON record and its envelope (FORMATS.md §10), after undoing any byte-order
//! mark or UTF-16 encoding. When nothing matches it names the closest supported format and
//! what it lacked. The formats themselves are listed in [`super::sources::registry`].

use super::sources::csv_table::{sniff_delimiter, CsvTable, Header};
use super::sources::records::for_each_record;
use super::sources::registry::{FormatSpec, FORMATS};
use super::text::{head_text, Encoding};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::fmt;

/// The format ids of DESIGN.md that this build reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FormatId {
    #[serde(rename = "chatgpt.users_csv")]
    ChatgptUsersCsv,
    #[serde(rename = "chatgpt.gpts_csv")]
    ChatgptGptsCsv,
    #[serde(rename = "chatgpt.projects_csv")]
    ChatgptProjectsCsv,
    #[serde(rename = "chatgpt.credit_usage_csv")]
    ChatgptCreditUsageCsv,
    #[serde(rename = "chatgpt.analytics_usage_json")]
    ChatgptAnalyticsUsageJson,
    #[serde(rename = "chatgpt.compliance_logs_jsonl")]
    ChatgptComplianceLogsJsonl,
    #[serde(rename = "chatgpt.compliance_conversations_json")]
    ChatgptComplianceConversationsJson,
    #[serde(rename = "chatgpt.personal_export_json")]
    ChatgptPersonalExportJson,
    #[serde(rename = "codex.usage_json")]
    CodexUsageJson,
    #[serde(rename = "codex.code_reviews_json")]
    CodexCodeReviewsJson,
    #[serde(rename = "codex.code_review_responses_json")]
    CodexCodeReviewResponsesJson,
    #[serde(rename = "codex.dashboard_json")]
    CodexDashboardJson,
    #[serde(rename = "codex.user_csv")]
    CodexUserCsv,
    #[serde(rename = "copilot.usage_ndjson")]
    CopilotUsageNdjson,
    #[serde(rename = "copilot.entity_report_json")]
    CopilotEntityReportJson,
    #[serde(rename = "copilot.user_teams_ndjson")]
    CopilotUserTeamsNdjson,
    #[serde(rename = "copilot.metrics_json")]
    CopilotMetricsJson,
    #[serde(rename = "copilot.seats_json")]
    CopilotSeatsJson,
    #[serde(rename = "copilot.activity_csv")]
    CopilotActivityCsv,
    #[serde(rename = "github.billing_usage_csv")]
    GithubBillingUsageCsv,
    #[serde(rename = "m365.copilot_usage_csv")]
    M365CopilotUsageCsv,
    #[serde(rename = "cursor.daily_usage_json")]
    CursorDailyUsageJson,
    #[serde(rename = "cursor.usage_events_csv")]
    CursorUsageEventsCsv,
    #[serde(rename = "claude.code_usage_json")]
    ClaudeCodeUsageJson,
    #[serde(rename = "claude.code_csv")]
    ClaudeCodeCsv,
    #[serde(rename = "claude.enterprise_analytics_json")]
    ClaudeEnterpriseAnalyticsJson,
    #[serde(rename = "claude.spend_csv")]
    ClaudeSpendCsv,
    #[serde(rename = "gemini.usage_csv")]
    GeminiUsageCsv,
    #[serde(rename = "cursor.analytics_csv")]
    CursorAnalyticsCsv,
    #[serde(rename = "gemini.audit_json")]
    GeminiAuditJson,
    #[serde(rename = "hris")]
    Hris,
    #[serde(rename = "uptake.snapshot")]
    UptakeSnapshot,
    #[serde(rename = "uptake.facts_csv")]
    UptakeFactsCsv,
}

impl FormatId {
    pub fn spec(self) -> &'static FormatSpec {
        FORMATS.iter().find(|f| f.id == self).unwrap_or(&FORMATS[0])
    }

    /// The DESIGN.md id, e.g. `chatgpt.users_csv`. (A plain table, not the registry, so the page
    /// can name formats without linking every parser into its wasm.)
    pub fn id(self) -> &'static str {
        match self {
            FormatId::ChatgptAnalyticsUsageJson => "chatgpt.analytics_usage_json",
            FormatId::CodexUsageJson => "codex.usage_json",
            FormatId::ChatgptComplianceConversationsJson => "chatgpt.compliance_conversations_json",
            FormatId::ChatgptComplianceLogsJsonl => "chatgpt.compliance_logs_jsonl",
            FormatId::ChatgptPersonalExportJson => "chatgpt.personal_export_json",
            FormatId::ChatgptCreditUsageCsv => "chatgpt.credit_usage_csv",
            FormatId::ChatgptGptsCsv => "chatgpt.gpts_csv",
            FormatId::ChatgptProjectsCsv => "chatgpt.projects_csv",
            FormatId::ChatgptUsersCsv => "chatgpt.users_csv",
            FormatId::CodexCodeReviewsJson => "codex.code_reviews_json",
            FormatId::CodexCodeReviewResponsesJson => "codex.code_review_responses_json",
            FormatId::CodexDashboardJson => "codex.dashboard_json",
            FormatId::CodexUserCsv => "codex.user_csv",
            FormatId::CopilotActivityCsv => "copilot.activity_csv",
            FormatId::CopilotEntityReportJson => "copilot.entity_report_json",
            FormatId::CopilotMetricsJson => "copilot.metrics_json",
            FormatId::CopilotSeatsJson => "copilot.seats_json",
            FormatId::CopilotUsageNdjson => "copilot.usage_ndjson",
            FormatId::CopilotUserTeamsNdjson => "copilot.user_teams_ndjson",
            FormatId::GithubBillingUsageCsv => "github.billing_usage_csv",
            FormatId::M365CopilotUsageCsv => "m365.copilot_usage_csv",
            FormatId::CursorDailyUsageJson => "cursor.daily_usage_json",
            FormatId::CursorUsageEventsCsv => "cursor.usage_events_csv",
            FormatId::ClaudeCodeUsageJson => "claude.code_usage_json",
            FormatId::ClaudeCodeCsv => "claude.code_csv",
            FormatId::ClaudeEnterpriseAnalyticsJson => "claude.enterprise_analytics_json",
            FormatId::ClaudeSpendCsv => "claude.spend_csv",
            FormatId::GeminiUsageCsv => "gemini.usage_csv",
            FormatId::CursorAnalyticsCsv => "cursor.analytics_csv",
            FormatId::GeminiAuditJson => "gemini.audit_json",
            FormatId::Hris => "hris",
            FormatId::UptakeSnapshot => "uptake.snapshot",
            FormatId::UptakeFactsCsv => "uptake.facts_csv",
        }
    }

    /// What a person calls the file.
    pub fn label(self) -> &'static str {
        match self {
            FormatId::ChatgptAnalyticsUsageJson => "ChatGPT Analytics API usage (JSON)",
            FormatId::CodexUsageJson => "Codex Analytics API usage (JSON)",
            FormatId::ChatgptComplianceConversationsJson => {
                "ChatGPT Compliance API conversations (JSON)"
            }
            FormatId::ChatgptComplianceLogsJsonl => "ChatGPT Compliance Logs (JSONL)",
            FormatId::ChatgptPersonalExportJson => {
                "ChatGPT personal data export (conversations.json or the export .zip)"
            }
            FormatId::ChatgptCreditUsageCsv => "ChatGPT credit usage report (CSV)",
            FormatId::ChatgptGptsCsv => "ChatGPT workspace GPTs export (CSV)",
            FormatId::ChatgptProjectsCsv => "ChatGPT workspace Projects export (CSV)",
            FormatId::ChatgptUsersCsv => "ChatGPT workspace Users export (CSV)",
            FormatId::CodexCodeReviewsJson => "Codex code reviews (JSON)",
            FormatId::CodexCodeReviewResponsesJson => "Codex code review responses (JSON)",
            FormatId::CodexDashboardJson => "Codex analytics dashboard export (JSON)",
            FormatId::CodexUserCsv => "Codex per-user usage (CSV)",
            FormatId::CopilotActivityCsv => "GitHub Copilot seat activity report (CSV)",
            FormatId::CopilotEntityReportJson => {
                "GitHub Copilot usage metrics, organisation or enterprise (JSON)"
            }
            FormatId::CopilotMetricsJson => "GitHub Copilot Metrics API, legacy (JSON)",
            FormatId::CopilotSeatsJson => "GitHub Copilot seat assignments (JSON)",
            FormatId::CopilotUsageNdjson => "GitHub Copilot usage metrics, users (NDJSON)",
            FormatId::CopilotUserTeamsNdjson => "GitHub Copilot user-teams report (NDJSON)",
            FormatId::GithubBillingUsageCsv => "GitHub billing usage report (CSV)",
            FormatId::M365CopilotUsageCsv => {
                "Microsoft 365 Copilot usage, user detail (CSV or Graph JSON)"
            }
            FormatId::CursorDailyUsageJson => "Cursor Admin API daily usage (JSON)",
            FormatId::CursorUsageEventsCsv => "Cursor usage events export (CSV)",
            FormatId::ClaudeCodeUsageJson => "Claude Code Analytics API usage (JSON)",
            FormatId::ClaudeCodeCsv => "Claude Code analytics table export (CSV)",
            FormatId::ClaudeEnterpriseAnalyticsJson => "Claude Enterprise Analytics API (JSON)",
            FormatId::ClaudeSpendCsv => "Claude spend report (CSV)",
            FormatId::GeminiUsageCsv => "Google Gemini for Workspace usage report (CSV)",
            FormatId::CursorAnalyticsCsv => "Cursor team analytics export (CSV)",
            FormatId::GeminiAuditJson => {
                "Google Workspace Gemini audit activities, Reports API (JSON)"
            }
            FormatId::Hris => "HRIS roster (CSV or Workday JSON)",
            FormatId::UptakeSnapshot => "Uptake snapshot",
            FormatId::UptakeFactsCsv => "Uptake facts (CSV)",
        }
    }
}

impl fmt::Display for FormatId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// What the start of a file looks like, for the formats' `matches` functions.
pub enum Probe {
    Csv {
        header: Header,
        delimiter: u8,
        email_column: bool,
    },
    Json(JsonProbe),
}

/// The first JSON record of a file and its envelope.
pub struct JsonProbe {
    /// More than one top-level value (one object per line).
    pub ndjson: bool,
    /// The first complete record, if the head holds one.
    pub first: Option<Value>,
    /// Small top-level values around the records (`object`, `report_day`, `total_seats`…).
    pub envelope: Map<String, Value>,
    /// The head as text, for formats recognised by a key whose record is too large to probe.
    pub text: String,
}

impl JsonProbe {
    /// True when the first record has every key (dotted paths reach into objects).
    pub fn first_has(&self, keys: &[&str]) -> bool {
        self.first
            .as_ref()
            .is_some_and(|v| keys.iter().all(|k| lookup(v, k).is_some()))
    }

    /// A string field of the first record.
    pub fn first_str(&self, key: &str) -> Option<&str> {
        self.first
            .as_ref()
            .and_then(|v| lookup(v, key))
            .and_then(Value::as_str)
    }

    pub fn envelope_has(&self, key: &str) -> bool {
        self.envelope.contains_key(key)
    }

    pub fn envelope_str(&self, key: &str) -> Option<&str> {
        self.envelope.get(key).and_then(Value::as_str)
    }
}

/// `a.b.c` inside a JSON value.
pub fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(value, |v, key| v.get(key))
        .filter(|v| !v.is_null() || path.is_empty())
}

/// Keys whose array holds the records, in any JSON export Uptake reads.
pub const RECORD_ARRAY_KEYS: &[&str] = &[
    "data",
    "day_totals",
    "seats",
    "value",
    "items",
    "Report_Entry",
    "usageEvents",
    "teamMembers",
];

/// What the start of a file says it is.
#[derive(Clone, Debug, PartialEq)]
pub enum Detection {
    Known { format: FormatId, delimiter: u8 },
    Unknown { message: String, hint: String },
}

impl Detection {
    /// The format detected, if any.
    pub fn format(&self) -> Option<FormatId> {
        match self {
            Detection::Known { format, .. } => Some(*format),
            Detection::Unknown { .. } => None,
        }
    }
}

/// Sniffs the first bytes of a file (64 KiB is plenty).
pub fn detect(head: &[u8]) -> Detection {
    if head.iter().all(u8::is_ascii_whitespace) {
        return unknown(
            "The file is empty.".into(),
            "Download the export again; a complete file has a header row and data.",
        );
    }
    // A sealed snapshot is binary after its header line: recognised before binary files.
    if super::snapshot::sniff(head) {
        return Detection::Known {
            format: FormatId::UptakeSnapshot,
            delimiter: b',',
        };
    }
    if head.starts_with(b"PK\x03\x04") {
        return zip_archive(head);
    }
    if let Some(kind) = binary_kind(head) {
        return unknown(
            format!("This is a {kind}, not a usage export."),
            binary_hint(kind),
        );
    }
    let text = head_text(head);
    let probe = probe(&text);
    let delimiter = match &probe {
        Probe::Csv { delimiter, .. } => *delimiter,
        Probe::Json(_) => b',',
    };
    if let Some(spec) = FORMATS.iter().find(|f| (f.matches)(&probe)) {
        if let Some(lookalike) = vendor_lookalike(spec, &probe) {
            return lookalike;
        }
        return Detection::Known {
            format: spec.id,
            delimiter,
        };
    }
    if let Probe::Json(json) = &probe {
        if json.first.is_none() && serde_json::from_str::<Value>(&json.text).is_ok() {
            return unknown(
                "The file holds no records: its JSON list is empty, so it covers nobody and its format cannot be told.".into(),
                "Export a period that has activity (an API page with \"data\": [] is empty), then add it again.",
            );
        }
        if json.first_has(&["download_links"]) || json.envelope_has("download_links") {
            return unknown(
                "This is a Copilot usage-metrics link file: it holds download links, not the data.".into(),
                "Open each link in \"download_links\" (they expire after a few minutes), save the NDJSON files and add those.",
            );
        }
    }
    let (spec, missing) = closest(&probe, |_| true);
    closest_message(spec, &missing)
}

/// A CSV taken as an HRIS roster only because it has a column of email addresses, while it
/// carries two or more of a vendor export's signature columns besides: most likely that export
/// with columns missing or renamed, not a roster. Said so instead of read as one.
fn vendor_lookalike(spec: &FormatSpec, probe: &Probe) -> Option<Detection> {
    let Probe::Csv { header, .. } = probe else {
        return None;
    };
    if spec.id != FormatId::Hris || super::sources::hris::matches(header) {
        return None;
    }
    let (closest, missing) = closest(probe, |f| f.id != FormatId::Hris);
    let present = closest.signature.len() - missing.len();
    (present >= 2 && !missing.is_empty()).then(|| closest_message(closest, &missing))
}

fn closest_message(spec: &FormatSpec, missing: &[&str]) -> Detection {
    unknown(
        format!(
            "Not a supported export. Closest: {} ({}), but {} {} missing.",
            spec.label,
            spec.name,
            missing.iter().map(|m| format!("\"{m}\"")).collect::<Vec<_>>().join(", "),
            if missing.len() == 1 { "is" } else { "are" },
        ),
        "Check that this is the file as downloaded from the vendor's console (see the list of supported exports).",
    )
}

fn probe(text: &str) -> Probe {
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let mut first: Option<Value> = None;
        let mut envelope = Map::new();
        let mut top_level = 0;
        let _ = for_each_record(trimmed.as_bytes(), &[], |_| top_level += 1);
        let _ = for_each_record(trimmed.as_bytes(), RECORD_ARRAY_KEYS, |record| {
            if first.is_none() {
                first = serde_json::from_slice(record.bytes).ok();
                for (key, raw) in record.envelope {
                    if let Ok(value) = serde_json::from_slice(raw) {
                        envelope.insert(key.clone(), value);
                    }
                }
            }
        });
        return Probe::Json(JsonProbe {
            ndjson: top_level > 1,
            first,
            envelope,
            text: text.to_string(),
        });
    }
    let delimiter = sniff_delimiter(text);
    match CsvTable::open(text.as_bytes(), delimiter) {
        Ok(table) => {
            let header = table.header.clone();
            Probe::Csv {
                header,
                delimiter,
                email_column: has_email_values(table),
            }
        }
        Err(_) => Probe::Csv {
            header: Header::new(Vec::new()),
            delimiter,
            email_column: false,
        },
    }
}

fn unknown(message: String, hint: &str) -> Detection {
    Detection::Unknown {
        message,
        hint: hint.to_string(),
    }
}

/// The supported format sharing most of its signature with the file, and what it lacks.
fn closest(
    probe: &Probe,
    candidate: impl Fn(&FormatSpec) -> bool,
) -> (&'static FormatSpec, Vec<&'static str>) {
    let present = |key: &str| match probe {
        Probe::Csv { header, .. } => header.has(key),
        Probe::Json(json) => json.first_has(&[key]) || json.envelope_has(key),
    };
    let is_csv = matches!(probe, Probe::Csv { .. });
    let mut best: Option<(&FormatSpec, Vec<&str>, f64)> = None;
    for spec in FORMATS.iter().filter(|f| f.csv == is_csv && candidate(f)) {
        let missing: Vec<&str> = spec
            .signature
            .iter()
            .copied()
            .filter(|c| !present(c))
            .collect();
        let score = 1.0 - missing.len() as f64 / spec.signature.len().max(1) as f64;
        if best.as_ref().is_none_or(|b| score > b.2) {
            best = Some((spec, missing, score));
        }
    }
    best.map_or((&FORMATS[0], Vec::new()), |(spec, missing, _)| {
        (spec, missing)
    })
}

/// True when some column of the first rows holds email addresses.
fn has_email_values<R: std::io::Read>(mut table: CsvTable<R>) -> bool {
    !super::sources::mapping::email_columns(&mut table, 20).is_empty()
}

/// A zip archive, named by what it holds: the member names are read from the local file
/// headers in the head (each gives its name and, unless streamed, its compressed size).
fn zip_archive(head: &[u8]) -> Detection {
    let names = zip_member_names(head);
    if names.iter().any(|n| n.starts_with("xl/")) {
        return unknown(
            "This is an Excel workbook (.xlsx), not a usage export.".into(),
            "Open it in a spreadsheet and save each sheet as CSV (UTF-8), then add the CSV files.",
        );
    }
    let files: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| !n.ends_with('/') && !n.starts_with("__MACOSX/"))
        .collect();
    if files.is_empty() {
        return unknown(
            "This is a zip archive, not a usage export.".into(),
            binary_hint("zip archive"),
        );
    }
    const SHOWN: usize = 5;
    let mut list = files[..files.len().min(SHOWN)].join(", ");
    if files.len() > SHOWN {
        list.push_str(&format!(" and {} more files", files.len() - SHOWN));
    } else if let Some(cut) = list.rfind(", ") {
        list.replace_range(cut..cut + 2, " and ");
    }
    unknown(
        format!("This is a zip archive holding {list}, not a usage export."),
        "Unzip it and add the files inside.",
    )
}

/// The member names of the zip entries whose local headers lie in `head`, in order.
fn zip_member_names(head: &[u8]) -> Vec<String> {
    let u16_at = |at: usize| {
        head.get(at..at + 2)
            .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
    };
    let u32_at = |at: usize| {
        head.get(at..at + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
    };
    let mut names = Vec::new();
    let mut at = 0usize;
    while head.get(at..at + 4) == Some(b"PK\x03\x04") && names.len() < 100 {
        let (Some(flags), Some(size), Some(name_len), Some(extra_len)) = (
            u16_at(at + 6),
            u32_at(at + 18),
            u16_at(at + 26),
            u16_at(at + 28),
        ) else {
            break;
        };
        let Some(name) = head.get(at + 30..at + 30 + name_len) else {
            break;
        };
        names.push(String::from_utf8_lossy(name).into_owned());
        if flags & 0x08 != 0 {
            // Streamed: the size follows the data, so the next header cannot be found.
            break;
        }
        at = at
            .saturating_add(30 + name_len + extra_len)
            .saturating_add(size);
    }
    names
}

fn binary_kind(head: &[u8]) -> Option<&'static str> {
    Some(match head {
        [0x50, 0x4B, 0x03, 0x04, ..] => "zip archive",
        [0x25, 0x50, 0x44, 0x46, ..] => "PDF document",
        [0x89, 0x50, 0x4E, 0x47, ..] => "PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG image",
        [0x1F, 0x8B, ..] => "gzip-compressed file",
        [0xD0, 0xCF, 0x11, 0xE0, ..] => "legacy Excel (.xls) workbook",
        _ if Encoding::sniff(head) == Encoding::Utf8
            && head.iter().take(4096).filter(|&&b| b == 0).count() > 8 =>
        {
            "binary file"
        }
        _ => return None,
    })
}

fn binary_hint(kind: &str) -> &'static str {
    match kind {
        "zip archive" => "Unzip it (an .xlsx workbook is a zip too: save it as CSV) and add the CSV or JSON files inside.",
        "gzip-compressed file" => "Decompress it first, then add the file inside.",
        "legacy Excel (.xls) workbook" => "Open it in a spreadsheet and save it as CSV, then add the CSV.",
        _ => "Add the CSV or JSON export as downloaded from the vendor's console.",
    }
}
