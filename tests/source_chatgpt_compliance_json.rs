//! The legacy ChatGPT Compliance API conversations pages (FORMATS.md §1e): one message event per
//! message, the owner hashed, titles and texts reduced to lengths.

mod common;

use common::{fixture, key, read, read_bytes};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::Role;
use uptake::engine::identity::{IdKind, Pseudonymiser};

/// 2026-05-20T00:00:00Z (day 20593 × 86 400).
const MAY_20: i64 = 1_779_235_200;

#[test]
fn a_page_of_conversations_gives_one_event_per_message() {
    let ingested = read("compliance_conversations.json");
    assert_eq!(
        ingested.format,
        FormatId::ChatgptComplianceConversationsJson
    );
    let d = &ingested.parsed.diagnostics;
    // Alice's conversation (line 2): 4 messages, the 4th without created_at; Bob's (line 3):
    // 3 messages; line 4 names nobody. 3 + 3 read, 1 message + 1 conversation skipped.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (6, 2, 0)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 2: message 4: no \"created_at\"",
            "line 4: no user_email or user_id: the conversation names nobody",
        ]
    );
    assert_eq!(
        d.notes,
        vec![
            "1 conversation lists only its first messages (\"has_more\" is true): the rest are not counted.",
            "The page says more conversations follow (\"has_more\" is true): add the next pages too.",
        ]
    );
    assert_eq!(
        d.coverage
            .map(|c| (c.first.to_string(), c.last.to_string())),
        Some(("2026-05-20".into(), "2026-05-21".into()))
    );

    let facts = &ingested.parsed.facts;
    let e = &facts.events;
    // Float epoch seconds, fractions dropped: 1779267600.25 = 09:00 on 2026-05-20 (+32 400),
    // 1779267612.9 (+32 412), 1779271200.0 (+36 000); Bob: 1779357600.5 (+86 400 + 36 000),
    // 1779357630.0 (+122 430), and an ISO 2026-05-21T10:05:00Z (+122 700).
    let at: Vec<i64> = e.iter().map(|e| e.at - MAY_20).collect();
    assert_eq!(at, vec![32_400, 32_412, 36_000, 122_400, 122_430, 122_700]);
    let roles: Vec<Role> = e.iter().map(|e| e.role).collect();
    assert_eq!(
        roles,
        vec![
            Role::User,
            Role::Assistant,
            Role::User,
            Role::User,
            Role::Tool,
            Role::User
        ]
    );
    // User-authored lengths in Unicode scalar values:
    // "What discount should we offer Nordic resellers in year one?" 4+8+6+2+5+6+9+2+4+4 = 50
    //   + 9 spaces = 59;
    // parts "Check this clause against our policy:" (32 + 5 = 37) + an image (0)
    //   + " is it enforceable?" (16 + 3 = 19) = 56;
    // "Summarise the attached forecast in one paragraph." 43 + 6 = 49;
    // "Thanks — now as a table, please" 25 + 6 = 31 (the dash is one scalar value).
    let chars: Vec<u32> = e.iter().map(|e| e.chars).collect();
    assert_eq!(chars, vec![59, 0, 56, 49, 0, 31]);
    let label = |sym: Option<uptake::engine::intern::Sym>| sym.map(|s| facts.strings.resolve(s));
    assert_eq!(label(e[1].model), Some("gpt-4o"));
    assert_eq!(label(e[2].gpt), Some("g-legal01"));
    assert_eq!(label(e[2].project), Some("g-p-launch"));
    assert_eq!((e[0].gpt, e[0].project, e[0].client), (None, None, None));
    assert!(e
        .iter()
        .all(|e| !e.has_tokens && e.tool == uptake::engine::facts::Tool::Chatgpt));
    assert!(e[0].conversation != 0 && e[0].conversation == e[2].conversation);
    assert!(e[3].conversation == e[5].conversation && e[3].conversation != e[0].conversation);
    let k = key();
    assert_eq!(
        e[0].key,
        Pseudonymiser::new(&k).short_hash(IdKind::Event, "msg_a1")
    );
    // Each owner's email and user id are linked: 2 people, 4 identifiers.
    assert_eq!((facts.identities.len(), facts.links.len()), (4, 2));
    assert_eq!(
        facts.identities.pseudonym(e[0].identity),
        k.pseudonym(IdKind::Email, "alice.archer@example.com")
    );
}

#[test]
fn no_identifier_title_text_or_file_name_is_kept() {
    let facts = read("compliance_conversations.json").parsed.facts;
    let debug = format!("{facts:?}");
    for raw in [
        "Alice.Archer@example.com",
        "alice.archer@example.com",
        "bob.baker@example.com",
        "user-alice01",
        "user-bob02",
        "ws_acme_7f3a",
        "conv_a1",
        "msg_a1",
        "Pricing strategy for the Nordics",
        "Forecast review",
        "Nordic resellers",
        "15% reseller discount",
        "enforceable",
        "file-service://file-77",
        "reseller-agreement-v3.docx",
        "fy27-forecast.xlsx",
        "mean 4031.5",
        "now as a table",
    ] {
        assert!(!debug.contains(raw), "{raw} is in the facts");
    }
}

#[test]
fn the_same_page_twice_counts_each_message_once() {
    let page = fixture("compliance_conversations.json");
    let twice = [page.clone(), page].concat();
    let ingested = read_bytes(&twice).expect("reads");
    let d = &ingested.parsed.diagnostics;
    // 6 messages read, the same 6 again as duplicates; 2 skipped in each copy.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (6, 4, 6)
    );
}

#[test]
fn a_bare_array_of_conversations() {
    let text = String::from_utf8(fixture("compliance_conversations.json")).expect("utf-8");
    let alice = text.lines().nth(1).expect("line 2").trim_end_matches(',');
    let ingested = read_bytes(format!("[{alice}]").as_bytes()).expect("reads");
    assert_eq!(
        ingested.format,
        FormatId::ChatgptComplianceConversationsJson
    );
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 1));
    assert!(d.notes.is_empty(), "{:?}", d.notes);
}
