//! The Cursor usage events parser (FORMATS.md §6c): requests summed per person, day, model and
//! kind into charges; `$0.12`, `Included`, `Free`, `-` cost cells; the older personal file
//! without `User` and with `Requests`; each person's requests per UTC hour, for Timing.

mod common;

use common::{day, key, read, report};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::settings::Settings;
use uptake::engine::{snapshot, wire};

const EVENTS: &str = "cursor/usage_events.csv";
const PERSONAL: &str = "cursor/usage_events_personal.csv";

/// Each charge as (day, model, kind, requests, USD in cents).
fn charges(facts: &Facts) -> Vec<(String, String, String, f64, i64)> {
    let label = |s: Option<uptake::engine::intern::Sym>| {
        s.map(|s| facts.strings.resolve(s).to_string())
            .unwrap_or_default()
    };
    facts
        .charges
        .iter()
        .map(|c| {
            assert_eq!(c.tool, Some(Tool::Cursor));
            assert_eq!(label(c.unit), "requests");
            assert_eq!(c.gross_usd, c.net_usd);
            (
                c.day.map(|d| d.to_string()).unwrap_or_default(),
                label(c.model),
                label(c.sku),
                c.quantity,
                (c.net_usd * 100.0).round() as i64,
            )
        })
        .collect()
}

fn row(
    day: &str,
    model: &str,
    kind: &str,
    requests: f64,
    cents: i64,
) -> (String, String, String, f64, i64) {
    (day.into(), model.into(), kind.into(), requests, cents)
}

fn assert_nothing_raw(name: &str, facts: &Facts, raw: &[&str]) {
    let debug = format!("{facts:?}").to_lowercase();
    let report = serde_json::to_string(&report(&[name], &Settings::default()))
        .expect("report serialises")
        .to_lowercase();
    for value in raw {
        assert!(
            !debug.contains(value),
            "{value} from {name} is in the facts"
        );
        assert!(
            !report.contains(value),
            "{value} from {name} is in the Report"
        );
    }
}

#[test]
fn requests_become_charges_per_person_day_model_and_kind() {
    let ingested = read(EVENTS);
    assert_eq!(ingested.format, FormatId::CursorUsageEventsCsv);
    let d = &ingested.parsed.diagnostics;
    // 9 rows: 6 requests read, 3 unreadable.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (6, 3, 0)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 8, column \"User\": no user: the row names nobody",
            "line 9, column \"Date\": expected a timestamp like 2025-09-12T10:22:33Z, found \"13/09/2025 10:00\"",
            "line 10, column \"Cost\": expected a cost like $0.12, Included, Free or -, found \"about $1\"",
        ]
    );
    // 2025-09-13T23:59:59-01:00 is 2025-09-14 00:59:59 UTC.
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-09-12"), day("2025-09-14")))
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(
        charges(facts),
        vec![
            // dev.one: one included request ("Included" cost = $0).
            row("2025-09-12", "claude-4-sonnet", "Included", 1.0, 0),
            // dev.one (either case): two usage-based requests, $0.12 + $0.30 = $0.42.
            row("2025-09-12", "claude-4-sonnet", "Usage-based", 2.0, 42),
            // dev.two: "-" and "$0.00" are no charge.
            row("2025-09-13", "gpt-5", "Included", 1.0, 0),
            row("2025-09-13", "gpt-5", "Errored, No Charge", 1.0, 0),
            // A removed member's numeric id, "Free".
            row("2025-09-14", "cursor-small", "Free", 1.0, 0),
        ]
    );
    let one = facts.charges[0].identity.expect("a person");
    assert_eq!(facts.charges[1].identity, Some(one));
    assert_eq!(
        facts.identities.pseudonym(one),
        key().pseudonym(IdKind::Email, "dev.one@example.com")
    );
    let removed = facts.charges[4].identity.expect("a person");
    assert_eq!(facts.identities.kind(removed), IdKind::CursorUser);
    // dev.one, dev.two, 48213: three people.
    assert_eq!(facts.identities.len(), 3);
    assert_nothing_raw(
        EVENTS,
        facts,
        &["dev.one@example.com", "dev.two@example.com"],
    );

    // The same file twice: every request is already loaded.
    let data = common::dataset(&[EVENTS, EVENTS]);
    assert_eq!(data.facts().charges.len(), 5);
}

#[test]
fn personal_export_without_user_and_with_requests() {
    let ingested = read(PERSONAL);
    assert_eq!(ingested.format, FormatId::CursorUsageEventsCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 0));
    assert_eq!(
        d.notes,
        vec![
            "This usage export has no \"User\" column (a personal export): its requests count for Cursor as a whole, not for a person.",
            "Read as UTF-8 with byte-order mark.",
        ]
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(
        charges(facts),
        vec![
            // Requests 1 + 2 = 3 on 06-01.
            row("2025-06-01", "claude-4-sonnet", "Included", 3.0, 0),
            row("2025-06-02", "o3", "Usage-based", 0.5, 0),
        ]
    );
    assert!(facts.charges.iter().all(|c| c.identity.is_none()));
    assert_eq!(facts.identities.len(), 0);
}

/// Each hourly count as (person's email or id, day, hour, requests).
fn hours(facts: &Facts) -> Vec<(&'static str, String, u8, u32)> {
    let who = |identity| {
        let pseudonym = facts.identities.pseudonym(identity);
        [
            ("dev.one@example.com", IdKind::Email),
            ("dev.two@example.com", IdKind::Email),
            ("48213", IdKind::CursorUser),
        ]
        .into_iter()
        .find(|(id, kind)| key().pseudonym(*kind, id) == pseudonym)
        .map_or("?", |(id, _)| id)
    };
    facts
        .hourly
        .iter()
        .map(|r| {
            assert_eq!(r.tool, Tool::Cursor);
            (who(r.identity), r.day.to_string(), r.hour, r.count)
        })
        .collect()
}

#[test]
fn requests_are_counted_per_person_and_utc_hour_for_timing() {
    let facts = read(EVENTS).parsed.facts;
    // Dev One 09:15, 11:40 and 16:05 on the 12th; Dev Two 08:00 and 08:30 on the 13th; member
    // 48213 at 23:59:59 −01:00 on the 13th, 00:59:59 UTC on the 14th. The rows without a user,
    // with a day-first date or with "about $1" are skipped, so not counted.
    let expected = vec![
        ("dev.one@example.com", "2025-09-12".to_string(), 9, 1),
        ("dev.one@example.com", "2025-09-12".to_string(), 11, 1),
        ("dev.one@example.com", "2025-09-12".to_string(), 16, 1),
        ("dev.two@example.com", "2025-09-13".to_string(), 8, 2),
        ("48213", "2025-09-14".to_string(), 0, 1),
    ];
    assert_eq!(hours(&facts), expected);
    // From a parse worker, and merged with the same file loaded twice: counted once.
    let sent: Facts = wire::from_bytes(&wire::to_bytes(&facts).expect("encodes")).expect("decodes");
    assert_eq!(hours(&sent), expected);
    let twice = common::dataset(&[EVENTS, EVENTS]);
    assert_eq!(hours(twice.facts()), expected);
    // Through a snapshot.
    let saved = snapshot::save(&twice, &Settings::default(), &key().fingerprint(), None);
    let loaded = common::read_bytes(&saved).expect("the snapshot loads");
    assert_eq!(hours(&loaded.parsed.facts), expected);
}
