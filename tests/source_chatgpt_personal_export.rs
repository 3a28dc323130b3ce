//! The ChatGPT personal "Export data" archive (FORMATS.md §1g): `conversations.json` read as
//! such and straight out of the export's zip, the counting rules of §1g, and the "My usage"
//! view it feeds (and nothing else).
//!
//! The fixture, tests/fixtures/personal/conversations.json (four conversations, made by hand):
//!
//! - A (default gpt-4o), Monday 2026-03-02: a hidden system message; u1 09:00:05.25 (47
//!   characters) answered by a1 (gpt-4o); u2x 09:05, an edited prompt on a branch left behind;
//!   u2 09:10:00 (15 characters), answered first by a2 (gpt-4o, regenerated away) and then by
//!   a2b (o3), the current node.
//! - B (custom GPT g-OrchidGPT123, default gpt-4o): custom instructions (a user system
//!   message); a hidden user message; u3 09:20:00.9 (77 characters); a tool call (assistant,
//!   recipient "python", o3) and its tool output; a3 with no model_slug (so gpt-4o, the
//!   default); u4 with create_time null; a4.
//! - C (project g-p-NightjarProject9), Wednesday 2026-03-11: u5 14:00:00.4 (232 characters,
//!   "Café résumé…": é counts one) → a5 gpt-4o; u6 14:45:00 (13) → a6 o3.
//! - D (default gpt-4o), Thursday 2026-03-12: u7 22:30 (an image part, which counts nothing,
//!   and 33 characters of text), never answered.
//!
//! Counted: u1, u2, u3, u5, u6, u7 = 6 messages (u2x off the branch, the hidden one, u4 untimed
//! and the system/tool/assistant messages are not yours), 4 conversations.

mod common;

use common::{fixture, key, read, read_bytes};
use uptake::engine::dataset::Dataset;
use uptake::engine::detect::FormatId;
use uptake::engine::metrics::build_report;
use uptake::engine::settings::Settings;
use uptake::engine::Report;

/// 2026-03-02T00:00:00Z, a Monday.
const MAR_2: i64 = 1_772_409_600;

#[test]
fn the_visible_branch_of_each_conversation_counts() {
    let ingested = read("personal/conversations.json");
    assert_eq!(ingested.format, FormatId::ChatgptPersonalExportJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (6, 0, 0)
    );
    assert_eq!(
        d.notes,
        vec![
            "Personal export: shown only in My usage, never in the organisation's figures.",
            "1 of your messages sit on branches you left (edited prompts, regenerated answers) and are not counted: only the branch each conversation shows is.",
            "1 of your messages have no create_time and are not counted.",
        ]
    );
    // Nothing reaches the organisation's facts.
    let facts = &ingested.parsed.facts;
    assert!(facts.events.is_empty() && facts.identities.is_empty() && facts.daily.is_empty());

    let p = &ingested.parsed.personal;
    // Float seconds, fractions dropped: u1 09:00:05 = 32 405, u2 09:10 = 33 000, u3 09:20:00
    // = 33 600; u5 nine days later 14:00 = 9 × 86 400 + 50 400 = 828 000, u6 14:45 = 830 700;
    // u7 ten days later 22:30 = 864 000 + 81 000 = 945 000.
    let at: Vec<i64> = p.messages.iter().map(|m| m.at - MAR_2).collect();
    assert_eq!(at, vec![32_405, 33_000, 33_600, 828_000, 830_700, 945_000]);
    let chars: Vec<u32> = p.messages.iter().map(|m| m.chars).collect();
    assert_eq!(chars, vec![47, 15, 77, 232, 13, 33]);
    // The model of the answer on the branch: u2 → a2b (o3), not the regenerated-away a2; u3 →
    // a3, whose missing model_slug falls back to the default (the tool call's o3 is skipped);
    // u7 has no answer: the default.
    let models: Vec<&str> = p
        .messages
        .iter()
        .map(|m| p.model_name(m.model).unwrap_or("-"))
        .collect();
    assert_eq!(
        models,
        vec!["gpt-4o", "o3", "gpt-4o", "gpt-4o", "o3", "gpt-4o"]
    );
    // One custom GPT (B) and one project (C), hashed; distinct conversations 4.
    let gpts: Vec<bool> = p.messages.iter().map(|m| m.gpt.is_some()).collect();
    assert_eq!(gpts, vec![false, false, true, false, false, false]);
    let projects: Vec<bool> = p.messages.iter().map(|m| m.project.is_some()).collect();
    assert_eq!(projects, vec![false, false, false, true, true, false]);
    let mut conversations: Vec<u64> = p.messages.iter().map(|m| m.conversation).collect();
    conversations.dedup();
    assert_eq!(conversations.len(), 4);
}

fn personal_report(files: &[&[u8]]) -> Report {
    let mut dataset = Dataset::default();
    for (i, bytes) in files.iter().enumerate() {
        dataset.add(i as u32, "export", bytes.len() as u64, read_bytes(bytes));
    }
    build_report(&dataset, &Settings::default(), &key().fingerprint())
}

fn my(report: &Report, id: &str) -> Option<f64> {
    report
        .my_usage
        .figures
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
        .value
}

fn assert_my_usage(report: &Report) {
    let view = &report.my_usage;
    assert!(view.available);
    assert_eq!(my(report, "my_messages"), Some(6.0));
    assert_eq!(my(report, "my_conversations"), Some(4.0));
    // Sessions, gaps under 30 minutes: u1 09:00:05, u2 09:10 (+9′55″), u3 09:20 (+10′) are one;
    // u5 14:00, then u6 14:45 (+45′) starts another; u7 on the 12th a fourth. 6 / 4 = 1.5.
    assert_eq!(my(report, "my_sessions"), Some(4.0));
    assert_eq!(my(report, "my_messages_per_session"), Some(1.5));
    // 2026-03-02, 03-11 and 03-12.
    assert_eq!(my(report, "my_active_days"), Some(3.0));
    // 47 + 15 + 77 + 232 + 13 + 33 = 417; 417 / 6 = 69.5. Sorted 13, 15, 33, 47, 77, 232: the
    // median is (33 + 47) / 2 = 40.
    assert_eq!(my(report, "my_avg_prompt_chars"), Some(69.5));
    assert_eq!(my(report, "my_median_prompt_chars"), Some(40.0));
    assert_eq!(my(report, "my_custom_gpts"), Some(1.0));
    assert_eq!(my(report, "my_projects"), Some(1.0));
    // Weeks start on Monday (no ChatGPT Users CSV): 03-02..03-08 has u1, u2, u3 (1 session,
    // 1 day); 03-09..03-15 has u5, u6, u7 (3 sessions, 2 days).
    let weeks: Vec<(String, u64, u64, u32)> = view
        .weeks
        .iter()
        .map(|w| {
            (
                w.week.first.to_string(),
                w.messages,
                w.sessions,
                w.active_days,
            )
        })
        .collect();
    assert_eq!(
        weeks,
        vec![
            ("2026-03-02".into(), 3, 1, 1),
            ("2026-03-09".into(), 3, 3, 2)
        ]
    );
    // gpt-4o answered u1, u3, u5, u7 (4 / 6), o3 u2 and u6 (2 / 6).
    let models: Vec<(&str, u64)> = view
        .models
        .iter()
        .map(|m| (m.label.as_str(), m.messages))
        .collect();
    assert_eq!(models, vec![("gpt-4o", 4), ("o3", 2)]);
    assert!((view.models[0].share - 4.0 / 6.0).abs() < 1e-12);
    // Under 50: 13, 15, 33, 47; 50–199: 77; 200–499: 232.
    let buckets: Vec<u64> = view.prompt_lengths.iter().map(|b| b.messages).collect();
    assert_eq!(buckets, vec![4, 1, 1, 0, 0]);
    // Monday 09h: u1, u2, u3; Wednesday 14h: u5, u6; Thursday 22h: u7.
    assert_eq!(view.weekdays[0], "Monday");
    assert_eq!(
        (view.cells[0][9], view.cells[2][14], view.cells[3][22]),
        (3, 2, 1)
    );
    assert_eq!(view.cells.iter().flatten().sum::<u64>(), 6);
    let gpts: Vec<(&str, u64, u64)> = view
        .custom_gpts
        .iter()
        .map(|g| (g.label.as_str(), g.messages, g.conversations))
        .collect();
    assert_eq!(gpts, vec![("Custom GPT 1", 1, 1)]);
    let projects: Vec<(&str, u64, u64)> = view
        .projects
        .iter()
        .map(|g| (g.label.as_str(), g.messages, g.conversations))
        .collect();
    assert_eq!(projects, vec![("Project 1", 2, 1)]);
    assert_eq!(
        view.observations,
        vec![
            "You sent 6 messages between 2026-03-02 and 2026-03-12, and used ChatGPT in every one of those 2 weeks.",
            "Your busiest hour is Mondays 09:00–09:59 UTC (3 messages).",
            "Half your prompts are under 40 characters. Short prompts read like searches: saying who the answer is for, what you already know and the format you want usually gets a better first answer.",
            "You send 1.5 messages per session: mostly one question and done. Asking a follow-up (\"shorter\", \"as a table\", \"what did you assume?\") is often where the answer improves.",
            "67% of your messages were answered by gpt-4o; you used 2 models in all.",
            "You sent 1 message to 1 custom GPT and 2 messages in 1 project.",
        ]
    );
}

#[test]
fn my_usage_counts_the_fixture_by_hand_and_leaves_the_organisation_alone() {
    let report = personal_report(&[&fixture("personal/conversations.json")]);
    assert_my_usage(&report);
    // The organisation's figures see nothing of it.
    assert_eq!(
        report.figure("weekly_active_users").and_then(|f| f.value),
        None
    );
    assert_eq!(report.timing.total, 0);
    assert!(report.weekly.is_empty());
    assert_eq!(
        report.sources[0].format_id(),
        "chatgpt.personal_export_json"
    );
}

#[test]
fn the_export_zip_gives_the_same_figures_and_counts_once_with_its_json() {
    let zip = fixture("personal/chatgpt-export.zip");
    let ingested = read("personal/chatgpt-export.zip");
    assert_eq!(ingested.format, FormatId::ChatgptPersonalExportJson);
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 6);
    assert_my_usage(&personal_report(&[&zip]));
    // The zip and the JSON it holds, loaded together: every message counts once.
    let both = personal_report(&[&zip, &fixture("personal/conversations.json")]);
    assert_my_usage(&both);
    assert_eq!(both.sources[1].diagnostics.rows_duplicate, 6);
}

#[test]
fn no_title_text_or_identifier_reaches_the_report() {
    let report = personal_report(&[&fixture("personal/chatgpt-export.zip")]);
    let json = serde_json::to_string(&report).unwrap_or_default();
    for secret in [
        "Zebra",
        "Falcon",
        "Orchid",
        "Nightjar",
        "Quartz",
        "Café",
        "OrchidGPT",
        "NightjarProject9",
        "conv-a",
        "zara",
        "Secret42",
        "u1",
        "a2b",
    ] {
        assert!(!json.contains(secret), "{secret} leaked into the Report");
    }
}

#[test]
fn a_cut_or_damaged_export_zip_says_so() {
    let zip = fixture("personal/chatgpt-export.zip");
    // conversations.json is the second member: cut inside its deflated data.
    let start = zip
        .windows(18)
        .position(|w| w == b"conversations.json")
        .unwrap_or(0);
    let cut = read_bytes(&zip[..start + 400])
        .err()
        .map(|e| (e.format, e.error.message));
    assert_eq!(
        cut,
        Some((
            Some(FormatId::ChatgptPersonalExportJson),
            "The file could not be read: \"conversations.json\" in the zip archive is damaged: the compressed data ends early (the archive is cut short).".into()
        ))
    );
    let mut encrypted = zip.clone();
    encrypted[start - 30 + 6] |= 1;
    let refused = read_bytes(&encrypted)
        .err()
        .map(|e| (e.error.message, e.error.hint));
    assert_eq!(
        refused,
        Some((
            "\"conversations.json\" in the zip archive is encrypted (password-protected).".into(),
            "Unzip it with its password and add the file inside.".into()
        ))
    );
}

#[test]
fn a_wrapped_array_and_a_first_conversation_larger_than_the_probe_are_recognised() {
    let json = String::from_utf8(fixture("personal/conversations.json")).unwrap_or_default();
    // {"conversations": […]}: the same 6 messages.
    let wrapped = format!("{{\"conversations\":{json}}}");
    let ingested = read_bytes(wrapped.as_bytes()).map_err(|e| e.error.message);
    assert_eq!(
        ingested.map(|i| (i.format, i.parsed.diagnostics.rows_accepted)),
        Ok((FormatId::ChatgptPersonalExportJson, 6))
    );
    // A 100 000-character answer (a1) makes the first conversation larger than the 64 KiB
    // the detector parses, and pushes its current_node out of the head: the keys before it
    // still say what it is.
    let long = json.replacen(
        "Here is a plan about Zebra Falcon",
        &"Zebra ".repeat(100_000 / 6),
        1,
    );
    assert!(long.len() > 100_000);
    let ingested = read_bytes(long.as_bytes()).map_err(|e| e.error.message);
    assert_eq!(
        ingested.map(|i| (i.format, i.parsed.diagnostics.rows_accepted)),
        Ok((FormatId::ChatgptPersonalExportJson, 6))
    );
}

#[test]
fn a_snapshot_never_carries_a_personal_export() {
    let mut dataset = Dataset::default();
    let zip = fixture("personal/chatgpt-export.zip");
    dataset.add(0, "chatgpt-export.zip", zip.len() as u64, read_bytes(&zip));
    let users = fixture("chatgpt_users_weekly.csv");
    dataset.add(1, "users.csv", users.len() as u64, read_bytes(&users));
    let bytes =
        uptake::engine::snapshot::save(&dataset, &Settings::default(), &key().fingerprint(), None);
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        !text.contains("personal_export"),
        "the snapshot lists the personal export"
    );
    // Reloaded on its own, the snapshot has the Users rows and no My usage.
    let mut reloaded = Dataset::default();
    reloaded.add(0, "uptake.snapshot", bytes.len() as u64, read_bytes(&bytes));
    let report = build_report(&reloaded, &Settings::default(), &key().fingerprint());
    assert_eq!(report.sources[0].format_id(), "uptake.snapshot");
    assert!(!report.my_usage.available);
    assert_eq!(report.sources[0].error, None);
    assert!(!report.weekly.is_empty(), "the Users weeks are kept");
}
