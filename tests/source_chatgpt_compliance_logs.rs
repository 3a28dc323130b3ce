//! The ChatGPT Compliance Logs Platform event files (FORMATS.md §1f): message and Codex events
//! become message events, auth events are counted in a note, texts are reduced to lengths.

mod common;

use common::{fixture, key, read, read_bytes};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, Role, Tool};
use uptake::engine::identity::{IdKind, Pseudonymiser};
use uptake::engine::intern::Sym;

/// 2026-05-20T00:00:00Z (day 20593 × 86 400).
const MAY_20: i64 = 1_779_235_200;

fn label(facts: &Facts, sym: Option<Sym>) -> Option<&str> {
    sym.map(|s| facts.strings.resolve(s))
}

#[test]
fn message_codex_and_auth_events() {
    let ingested = read("compliance_logs.jsonl");
    assert_eq!(ingested.format, FormatId::ChatgptComplianceLogsJsonl);
    let d = &ingested.parsed.diagnostics;
    // 11 lines: 5 events read (lines 1, 2, 3, 5, 9); line 6 repeats line 1's event_id; lines 7
    // and 8 are skipped; lines 4 and 10 (AUTH_LOG) and 11 (COSTS) are noted, not skipped.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (5, 2, 1)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 7: no actor.user_email or actor.user_id: the event names nobody",
            "line 8: \"timestamp\": expected a time like 2026-05-20T12:47:09Z or epoch seconds, found \"yesterday\"",
        ]
    );
    assert_eq!(
        d.notes,
        vec![
            "2 AUTH_LOG events were not used: they say nothing about usage.",
            "1 COSTS event was not used: Uptake does not read this event type.",
        ]
    );
    assert_eq!(
        d.coverage
            .map(|c| (c.first.to_string(), c.last.to_string())),
        Some(("2026-05-20".into(), "2026-05-22".into()))
    );

    let facts = &ingested.parsed.facts;
    let e = &facts.events;
    assert_eq!(e.len(), 5);
    // Times: 09:00:00.123456 → +32 400 s; 09:00:07.5 → +32 407; 10:15 → +36 900;
    // bob's message has no timestamp, so message.created_at 2026-05-21T08:30+02:00 = 06:30 UTC
    // → +86 400 + 23 400; 2026-05-22T16:45:30 → +172 800 + 60 330.
    let at: Vec<i64> = e.iter().map(|e| e.at - MAY_20).collect();
    assert_eq!(at, vec![32_400, 32_407, 36_900, 109_800, 233_130]);
    let tools: Vec<Tool> = e.iter().map(|e| e.tool).collect();
    assert_eq!(
        tools,
        vec![
            Tool::Chatgpt,
            Tool::Chatgpt,
            Tool::Codex,
            Tool::Chatgpt,
            Tool::Codex
        ]
    );
    // author.type "user" / author.role "assistant"; PROMPT_SENT is the user's, TOOL_CALL not.
    let roles: Vec<Role> = e.iter().map(|e| e.role).collect();
    assert_eq!(
        roles,
        vec![
            Role::User,
            Role::Assistant,
            Role::User,
            Role::User,
            Role::Other
        ]
    );
    // Lengths in Unicode scalar values, user-authored text only:
    // alice's question: 15 words of 3+3+9+3+2+5+4+2+5+6+6+3+3+10+8 = 72 letters + 14 spaces = 86;
    // the assistant's answer: 0 (not user-authored);
    // the Codex prompt: 3+3+5+5+4+2+17+3+7+3+2+5+2+2 = 63 + 13 spaces = 76;
    // bob's "Résumé: traduis « bonne journée, café à 9h » en 日本語, s'il te plaît 🙂":
    // 7+7+1+5+8+4+1+2+1+2+4+4+2+5+1 = 54 + 14 spaces = 68 (85 UTF-8 bytes, 69 UTF-16 units);
    // the tool call: 0.
    let chars: Vec<u32> = e.iter().map(|e| e.chars).collect();
    assert_eq!(chars, vec![86, 0, 76, 68, 0]);

    let (question, answer, prompt, bob, tool_call) = (&e[0], &e[1], &e[2], &e[3], &e[4]);
    assert_eq!(label(facts, question.gpt), Some("g-memo-helper"));
    assert_eq!(label(facts, question.project), Some("g-p-quarterly"));
    assert_eq!(label(facts, question.client), Some("web"));
    assert_eq!(label(facts, question.model), None);
    assert_eq!(label(facts, answer.model), Some("gpt-5"));
    assert_eq!(answer.tools_used, 2);
    assert!(!question.has_tokens && !answer.has_tokens);
    assert_eq!(label(facts, bob.client), Some("ios"));
    assert_eq!((bob.gpt, bob.project), (None, None));
    // One conversation per conversation.id / session_id, hashed.
    assert_ne!(question.conversation, 0);
    assert_eq!(question.conversation, answer.conversation);
    assert_ne!(question.conversation, bob.conversation);
    assert_eq!(prompt.conversation, tool_call.conversation);
    assert_eq!(label(facts, prompt.client), Some("CODEX_CLI"));
    assert_eq!(label(facts, tool_call.client), Some("CODEX_IDE_VSCODE"));
    assert_eq!(label(facts, prompt.model), Some("gpt-5.1-codex-max"));
    // token_usage {input 1200, cached_input 800, output 350, reasoning_output 120}: input
    // includes the cached tokens (Uptake's input = uncached + cached, METRICS.md) and output
    // the reasoning ones: input 1200 (of which 800 cached), output 350. The tool call: 500, 0, 40.
    let tokens = |e: &uptake::engine::facts::MessageEvent| {
        (
            e.input_tokens,
            e.cached_input_tokens,
            e.output_tokens,
            e.has_tokens,
        )
    };
    assert_eq!(tokens(prompt), (1200, 800, 350, true));
    assert_eq!(tokens(tool_call), (500, 0, 40, true));

    // The event key is the keyed hash of event_id.
    let k = key();
    let mut hasher = Pseudonymiser::new(&k);
    assert_eq!(question.key, hasher.short_hash(IdKind::Event, "evt_101"));
    // Alice and Bob: each email linked to its user id; the workspace (principal.id) is nobody.
    assert_eq!((facts.identities.len(), facts.links.len()), (4, 2));
    assert_eq!(
        facts.identities.pseudonym(question.identity),
        k.pseudonym(IdKind::Email, "alice.archer@example.com")
    );
    assert_eq!(
        (question.identity, prompt.identity, tool_call.identity),
        (answer.identity, answer.identity, answer.identity)
    );
}

#[test]
fn no_identifier_text_title_or_file_name_is_kept() {
    let facts = read("compliance_logs.jsonl").parsed.facts;
    let debug = format!("{facts:?}");
    for raw in [
        "Alice.Archer@example.com",
        "alice.archer@example.com",
        "bob.baker@example.com",
        "user-alice01",
        "user-bob02",
        "ws_acme_7f3a",
        "conv_board_memo_1",
        "session-7c1",
        "evt_101",
        "msg_101",
        "Board memo summary",
        "Memo Helper",
        "Quarterly reporting",
        "Traduction pour Kyoto",
        "summarise the Q3 board memo",
        "revenue grew 12%",
        "flaky retry test",
        "bonne journée",
        "Lisbon office lease",
        "q3-board-memo.pdf",
        "203.0.113.9",
    ] {
        assert!(!debug.contains(raw), "{raw} is in the facts");
    }
}

#[test]
fn crlf_lines_and_a_truncated_last_line() {
    let ingested = read("compliance_logs_crlf_truncated.jsonl");
    assert_eq!(ingested.format, FormatId::ChatgptComplianceLogsJsonl);
    let d = &ingested.parsed.diagnostics;
    // Line 1 is read; line 2 is an AUTH_LOG; line 3 stops mid-record and is counted skipped.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (1, 1, 0)
    );
    assert_eq!(
        d.notes,
        vec![
            "line 3: the file ends in the middle of a JSON record (2 complete records were read). The download may have been cut short: download the export again.",
            "1 AUTH_LOG event was not used: it says nothing about usage.",
        ]
    );
    // "Plan a two-day onsite in Porto for twelve people": 4+1+7+6+2+5+3+6+6 = 40 + 8 spaces.
    let facts = &ingested.parsed.facts;
    assert_eq!(facts.events.len(), 1);
    assert_eq!(facts.events[0].chars, 48);
    assert_eq!(
        Day::from_unix_seconds(facts.events[0].at).to_string(),
        "2026-05-23"
    );
}

#[test]
fn a_json_array_of_events_reads_like_lines() {
    let text = String::from_utf8(fixture("compliance_logs.jsonl")).expect("utf-8");
    let first_three: Vec<&str> = text.lines().take(3).collect();
    let array = format!("[\n{}\n]", first_three.join(",\n"));
    let ingested = read_bytes(array.as_bytes()).expect("reads");
    assert_eq!(ingested.format, FormatId::ChatgptComplianceLogsJsonl);
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 3);
    let chars: Vec<u32> = ingested
        .parsed
        .facts
        .events
        .iter()
        .map(|e| e.chars)
        .collect();
    assert_eq!(chars, vec![86, 0, 76]);
}
