//! The Cursor team analytics CSV parser (FORMATS.md §6b): member-days with the same measures
//! as the Admin API file; empty cells are zero, `Is Active` a flag.

mod common;

use common::{day, key, read, report, seats_of};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Measures, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::settings::Settings;

const FILE: &str = "cursor/analytics_team.csv";

/// (interactions, tabs shown, tabs accepted, lines suggested, lines accepted, lines deleted, used)
type Counts = (u64, u64, u64, u64, u64, u64, u8);

fn counts(m: &Measures) -> Counts {
    (
        m.interactions,
        m.suggestions,
        m.acceptances,
        m.lines_suggested,
        m.lines_accepted,
        m.lines_deleted,
        m.used,
    )
}

#[test]
fn member_days_with_requests_tabs_and_lines() {
    let ingested = read(FILE);
    assert_eq!(ingested.format, FormatId::CursorAnalyticsCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 3));
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 5, column \"Is Active\": expected 1/0 or True/False, found \"maybe\"",
            "line 6, column \"Date\": expected a date like 2025-03-30, found \"06.10.2025\", whose day and month cannot be told apart (6 October or 10 June); save the column as YYYY-MM-DD and add the file again",
            "line 7, column \"Email\": no email or user id: the row names nobody",
        ]
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-10-06"), day("2025-10-07")))
    );
    let facts = &ingested.parsed.facts;
    // The member-day totals (request kinds are breakdown rows, tested below).
    let totals: Vec<_> = facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .collect();
    let rows: Vec<(Day, bool, Counts)> = totals
        .iter()
        .map(|r| {
            assert_eq!(r.tool, Tool::Cursor);
            (r.day, r.active, counts(&r.measures))
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            // Ivy: requests 2 edit + 4 ask + 6 agent + 1 Cmd+K = 13; tabs 90 shown, 35
            // accepted; lines 200 suggested, 150 accepted, 20 accepted deletions.
            (
                day("2025-10-06"),
                true,
                (
                    13,
                    90,
                    35,
                    200,
                    150,
                    20,
                    Measures::USED_CHAT | Measures::USED_AGENT
                )
            ),
            // Ivy, 2025-10-07T04:30Z: every cell empty, Is Active false.
            (day("2025-10-07"), false, (0, 0, 0, 0, 0, 0, 0)),
            // A user id only: tabs 12 / 5, Bugbot used.
            (
                day("2025-10-06"),
                true,
                (0, 12, 5, 0, 0, 0, Measures::USED_CODE_REVIEW)
            ),
        ]
    );
    let ivy = totals[0].identity;
    assert_eq!(
        facts.identities.pseudonym(ivy),
        key().pseudonym(IdKind::Email, "ivy.chen@example.com")
    );
    assert_eq!(
        facts.identities.kind(totals[2].identity),
        IdKind::CursorUser
    );
    // Ivy's email and id (linked), the other id.
    assert_eq!((facts.identities.len(), facts.links.len()), (3, 1));

    let debug = format!("{facts:?}").to_lowercase();
    let report = serde_json::to_string(&report(&[FILE], &Settings::default()))
        .expect("report serialises")
        .to_lowercase();
    for raw in ["ivy.chen@example.com", "user_a1x9", "user_b2k7", "jon.bell"] {
        assert!(!debug.contains(raw), "{raw} is in the facts");
        assert!(!report.contains(raw), "{raw} is in the Report");
    }
}

#[test]
fn requests_are_kept_by_kind_with_the_admin_api_names() {
    let facts = read(FILE).parsed.facts;
    let kinds: Vec<(Day, String, u64)> = facts
        .daily
        .iter()
        .filter_map(|r| {
            let kind = r.breakdown.feature?;
            Some((
                r.day,
                facts.strings.resolve(kind).to_string(),
                r.measures.interactions,
            ))
        })
        .collect();
    // Ivy 10-06: Agent 6, Edit (Composer) 2, Ask (Chat) 4, Cmd+K 1; the id-only member's
    // Bugbot use.
    assert_eq!(
        &kinds[..4],
        &[
            (day("2025-10-06"), "Agent".to_string(), 6),
            (day("2025-10-06"), "Composer".to_string(), 2),
            (day("2025-10-06"), "Chat".to_string(), 4),
            (day("2025-10-06"), "Cmd+K".to_string(), 1),
        ]
    );
}

/// Every member the export lists holds a Cursor seat as of its last day, as in the Admin API
/// file.
#[test]
fn the_members_listed_are_seats_as_of_the_last_day() {
    let facts = read(FILE).parsed.facts;
    // Rows read: Ivy on 10-06 and 10-07 (idle), user_B2k7 on 10-06; Jon's row and the two
    // others are skipped. 2 seats as of 2025-10-07, the last day read.
    assert_eq!(facts.seats.len(), 2);
    assert!(facts
        .seats
        .iter()
        .all(|s| s.tool == Some(Tool::Cursor) && s.snapshot == Some(day("2025-10-07"))));
    // Licences: 2 × $40 = $80; both were active on 10-06, inside the 30 days to 10-07.
    let r = report(&[FILE], &Settings::default());
    assert_eq!(seats_of(&r, Tool::Cursor), (2, 0, 80.0));
}
