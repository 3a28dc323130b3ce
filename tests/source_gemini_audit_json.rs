//! The Gemini audit activities parser (Reports API, FORMATS.md §7b): active events counted per
//! person and UTC day, with a row per app; inactive events noted, repeated events once.

mod common;

use common::{day, key, read, report};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::Tool;
use uptake::engine::identity::IdKind;
use uptake::engine::settings::Settings;

const FILE: &str = "gemini/audit_activities.json";

#[test]
fn active_events_per_person_day_and_app() {
    let ingested = read(FILE);
    assert_eq!(ingested.format, FormatId::GeminiAuditJson);
    let d = &ingested.parsed.diagnostics;
    // 8 items: Rae ×4, Sam; Rae's first event again; one naming nobody; one without a time.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (5, 2, 1)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 8, column \"actor.email\": no email or profileId: the event names nobody",
            "line 9, column \"id.time\": expected a timestamp like 2025-03-30T10:00:00.000Z, found \"\"",
        ]
    );
    assert_eq!(
        d.notes,
        vec!["1 event marked inactive or unknown (event_category) was not counted as use."]
    );
    // 2025-04-02T00:30+02:00 is 2025-04-01 22:30 UTC: everything is on 04-01.
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-04-01"), day("2025-04-01")))
    );
    let facts = &ingested.parsed.facts;
    let label = |r: &uptake::engine::facts::DailyActivity| {
        r.breakdown
            .surface
            .map(|s| facts.strings.resolve(s).to_string())
    };
    let rows: Vec<(Option<String>, u64, bool)> = facts
        .daily
        .iter()
        .map(|r| {
            assert_eq!((r.tool, r.day), (Tool::Gemini, day("2025-04-01")));
            (label(r), r.measures.interactions, r.active)
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            // Rae: gmail 09:00 and 16:00, docs 15:30 = 3 active events (the inactive 17:00 one
            // and the repeated 09:00 one are not counted).
            (None, 3, true),
            (Some("gmail".into()), 2, true),
            (Some("docs".into()), 1, true),
            // Sam: one drive event.
            (None, 1, true),
            (Some("drive".into()), 1, true),
        ]
    );
    assert_eq!(
        facts.identities.pseudonym(facts.daily[0].identity),
        key().pseudonym(IdKind::Email, "rae.moon@example.com")
    );
    // Two emails, each linked to its profile id.
    assert_eq!((facts.identities.len(), facts.links.len()), (4, 2));

    let debug = format!("{facts:?}").to_lowercase();
    let report = serde_json::to_string(&report(&[FILE], &Settings::default()))
        .expect("report serialises")
        .to_lowercase();
    for raw in [
        "rae.moon@example.com",
        "sam.vo",
        "tom.ash",
        "104611111111111111111",
        "203.0.113.5",
    ] {
        assert!(!debug.contains(raw), "{raw} is in the facts");
        assert!(!report.contains(raw), "{raw} is in the Report");
    }
}
