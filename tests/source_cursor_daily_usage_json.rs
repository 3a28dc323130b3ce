//! The Cursor Admin API daily usage parser (FORMATS.md §6a): epoch-millisecond dates as numbers
//! or strings, `day` when given, `email` or the older `userEmail`, numeric or string `userId`.

mod common;

use common::{day, key, read, report, seats_of};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Measures, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::settings::Settings;

const FILE: &str = "cursor/daily_usage.json";

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
    assert_eq!(ingested.format, FormatId::CursorDailyUsageJson);
    let d = &ingested.parsed.diagnostics;
    // 8 records: 4 member-days, 3 unreadable, and Ada's 02-03 again (counted once).
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (4, 3, 1)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 6, column \"email\": no email or userId: the record names nobody",
            "line 7, column \"date\": expected epoch milliseconds, found 1738540800",
            "line 8, column \"chatRequests\": expected a whole number, found -2",
        ]
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-02-03"), day("2025-02-04")))
    );
    let facts = &ingested.parsed.facts;
    // The member-day totals; every other row is a request kind (feature), tested below.
    assert!(facts.daily.iter().all(|r| r.tool == Tool::Cursor
        && (r.breakdown.is_total()
            || (r.breakdown.feature.is_some() && r.breakdown.surface.is_none()))));
    let totals: Vec<_> = facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .collect();
    let chat_agent = Measures::USED_CHAT | Measures::USED_AGENT;
    let rows: Vec<(Day, bool, Counts)> = totals
        .iter()
        .map(|r| (r.day, r.active, counts(&r.measures)))
        .collect();
    assert_eq!(
        rows,
        vec![
            // Ada, 1738540800000 ms = 2025-02-03: requests 2 composer + 5 chat + 3 agent
            // + 1 Cmd+K = 11; tabs 50 shown, 20 accepted; lines 120 suggested, 80 accepted,
            // 10 accepted deletions.
            (
                day("2025-02-03"),
                true,
                (11, 50, 20, 120, 80, 10, chat_agent)
            ),
            // Ada: `day` 2025-02-04 wins over `date`; tabs only.
            (day("2025-02-04"), true, (0, 10, 4, 0, 0, 0, 0)),
            // Ben: a row of zeros with isActive false: not active.
            (day("2025-02-03"), false, (0, 0, 0, 0, 0, 0, 0)),
            // A removed member (userId 777 only): agentRequests "4" as a string; Bugbot used.
            (
                day("2025-02-04"),
                true,
                (
                    4,
                    0,
                    0,
                    0,
                    0,
                    0,
                    Measures::USED_AGENT | Measures::USED_CODE_REVIEW
                )
            ),
        ]
    );
    // Ada's rows are her hashed email (both spellings of it), linked to her userId 101; Ben's
    // older `userEmail` is linked to "user_8fK2pQ"; 777 stands alone. 2 emails + 3 ids.
    let ada = totals[0].identity;
    assert_eq!(totals[1].identity, ada);
    assert_eq!(
        facts.identities.pseudonym(ada),
        key().pseudonym(IdKind::Email, "ada.kim@example.com")
    );
    assert_eq!(
        facts.identities.kind(totals[3].identity),
        IdKind::CursorUser
    );
    assert_eq!((facts.identities.len(), facts.links.len()), (5, 2));

    let debug = format!("{facts:?}").to_lowercase();
    let report = serde_json::to_string(&report(&[FILE], &Settings::default()))
        .expect("report serialises")
        .to_lowercase();
    for raw in ["ada.kim@example.com", "ben.ode", "user_8fk2pq", "cara.holm"] {
        assert!(!debug.contains(raw), "{raw} is in the facts");
        assert!(!report.contains(raw), "{raw} is in the Report");
    }
}

/// Each member-day's requests by kind, one feature row per kind used that day.
fn kinds(facts: &uptake::engine::facts::Facts) -> Vec<(Day, String, u64)> {
    facts
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
        .collect()
}

#[test]
fn requests_are_kept_by_kind() {
    let ingested = read(FILE);
    // Ada 02-03: agent 3, composer 2, chat 5, Cmd+K 1 (her 02-04 has no request); the removed
    // member's agentRequests "4" and one Bugbot use (see above).
    let found = kinds(&ingested.parsed.facts);
    assert_eq!(
        &found[..4],
        &[
            (day("2025-02-03"), "Agent".to_string(), 3),
            (day("2025-02-03"), "Composer".to_string(), 2),
            (day("2025-02-03"), "Chat".to_string(), 5),
            (day("2025-02-03"), "Cmd+K".to_string(), 1),
        ]
    );
    // Breakdown rows never add into the totals: 11 requests on Ada's 02-03 total and in her kinds.
    let sum: u64 = found[..4].iter().map(|k| k.2).sum();
    assert_eq!(sum, 11);
}

/// Every member the file lists, active or not, holds a Cursor seat as of its last day.
#[test]
fn the_members_listed_are_seats_as_of_the_last_day() {
    let facts = read(FILE).parsed.facts;
    // Ada (email, linked to 101), Ben (userEmail, linked to user_8fK2pQ, only an idle day) and
    // the removed member 777: 3 seats, all as of 2025-02-04 (the last day read). Cara's two
    // records are skipped (a date in seconds, chatRequests -2), so she holds none.
    let mut seats: Vec<_> = facts
        .seats
        .iter()
        .map(|s| (s.tool, s.snapshot, s.identity.is_some()))
        .collect();
    seats.dedup();
    assert_eq!(facts.seats.len(), 3);
    assert_eq!(
        seats,
        vec![(Some(Tool::Cursor), Some(day("2025-02-04")), true)]
    );
    // In Licences: 3 × $40 (the default Cursor seat price) = $120 a month. The 30 days to
    // 2025-02-04: Ada and 777 were active on 02-03 or 02-04; Ben's one row is idle: 1 unused.
    let r = report(&[FILE], &Settings::default());
    assert_eq!(seats_of(&r, Tool::Cursor), (3, 1, 120.0));
}
