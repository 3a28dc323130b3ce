//! The Copilot activity report CSV parser, one fixture per quirk (FORMATS.md §3d).

mod common;

use common::{key, read};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::sources::copilot_activity_csv::surface;

use common::day;

fn raw_values(name: &str, columns: &[&str]) -> Vec<String> {
    common::csv_values(name, columns)
}

/// No raw login is kept in the facts.
fn assert_nothing_raw(name: &str, facts: &Facts) {
    let debug = format!("{facts:?}").to_lowercase();
    for raw in raw_values(name, &["Login", "login"]) {
        assert!(!debug.contains(&raw), "{raw} from {name} is in the facts");
    }
}

/// Last activity, last authentication and last surface of each seat.
fn seats(facts: &Facts) -> Vec<(Option<Day>, Option<Day>, Option<&str>)> {
    facts
        .seats
        .iter()
        .map(|s| {
            let surface = s.last_surface.map(|x| facts.strings.resolve(x));
            (s.last_activity, s.last_authenticated, surface)
        })
        .collect()
}

#[test]
fn organisation_report_dates_none_and_surfaces() {
    let ingested = read("copilot_activity_org.csv");
    assert_eq!(ingested.format, FormatId::CopilotActivityCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (7, 0, 0)
    );
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    // Every seat is a snapshot of the report's day, 2026-03-28.
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2026-03-28"), day("2026-03-28")))
    );
    let facts = &ingested.parsed.facts;
    assert!(facts.seats.iter().all(|s| s.tool == Some(Tool::Copilot)
        && s.snapshot == Some(day("2026-03-28"))
        && s.organization.is_none()));
    assert_eq!(
        seats(facts),
        vec![
            (
                Some(day("2026-02-27")),
                Some(day("2026-03-27")),
                Some("vscode/copilot-chat")
            ),
            // Empty last activity and a `None` surface.
            (None, Some(day("2026-02-24")), None),
            (
                Some(day("2026-03-20")),
                Some(day("2026-03-20")),
                Some("JetBrains-IU/copilot-intellij")
            ),
            // `None` dates and "Unspecified surface".
            (None, None, None),
            (
                Some(day("2026-03-28")),
                Some(day("2026-03-28")),
                Some("copilot-cli")
            ),
            (
                Some(day("2026-03-01")),
                Some(day("2026-03-01")),
                Some("VisualStudio/copilot-vs")
            ),
            // 2026-03-02T23:30:00-05:00 is 2026-03-03T04:30:00Z; `/unknown` says nothing.
            (Some(day("2026-03-03")), Some(day("2026-03-02")), None),
        ]
    );
    let ada = facts.seats[0].identity.expect("identity");
    assert_eq!(
        facts.identities.pseudonym(ada),
        key().pseudonym(IdKind::GithubLogin, "octo-ada")
    );
    assert_eq!(facts.identities.len(), 7);
    assert_nothing_raw("copilot_activity_org.csv", facts);
}

#[test]
fn enterprise_report_folds_one_person_in_several_organisations() {
    let ingested = read("copilot_activity_enterprise.csv");
    assert_eq!(ingested.format, FormatId::CopilotActivityCsv);
    let d = &ingested.parsed.diagnostics;
    // 5 rows, 2 people: ent-ada in acme-corp, acme-widgets and (as "ENT-Ada") acme-labs; ent-bo
    // in acme-corp and acme-labs. 3 rows fold into the first row of their person.
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (2, 0, 3)
    );
    assert_eq!(
        d.notes,
        vec!["3 rows were the same person in several organisations and count once.".to_string()]
    );
    let facts = &ingested.parsed.facts;
    // Ada: latest activity 2026-03-25 (acme-widgets, copilot-cli) wins over 2026-02-27; latest
    // authentication 2026-03-27. Bo: activity only in acme-labs (2026-03-02, Xcode); latest
    // authentication max(2026-02-24, 2026-03-01) = 2026-03-01.
    assert_eq!(
        seats(facts),
        vec![
            (
                Some(day("2026-03-25")),
                Some(day("2026-03-27")),
                Some("copilot-cli")
            ),
            (
                Some(day("2026-03-02")),
                Some(day("2026-03-01")),
                Some("Xcode/copilot-xcode")
            ),
        ]
    );
    // The first organisation listed is kept.
    let org = facts.seats[0]
        .organization
        .map(|o| facts.strings.resolve(o));
    assert_eq!(org, Some("acme-corp"));
    assert_eq!(facts.identities.len(), 2);
    assert_nothing_raw("copilot_activity_enterprise.csv", facts);
}

#[test]
fn snake_case_header_as_the_docs_spell_it() {
    let ingested = read("copilot_activity_snake_case.csv");
    assert_eq!(ingested.format, FormatId::CopilotActivityCsv);
    let facts = &ingested.parsed.facts;
    assert_eq!(
        seats(facts),
        vec![(
            Some(day("2026-03-31")),
            Some(day("2026-03-31")),
            Some("copilot_pull_request_review")
        )]
    );
    assert_eq!(facts.seats[0].snapshot, Some(day("2026-04-01")));
    assert_nothing_raw("copilot_activity_snake_case.csv", facts);
}

#[test]
fn bad_rows_are_skipped_with_line_column_and_reason() {
    let ingested = read("copilot_activity_bad_rows.csv");
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (1, 3));
    let messages: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "line 3, column \"Login\": no login: the row names nobody",
            "line 4, column \"Report Time\": expected a date like 2025-03-30, found \"28/03/2026 06:54\"",
            "line 5, column \"Last Activity At\": expected a date like 2025-03-30, found \"yesterday\"",
        ]
    );
    assert_nothing_raw("copilot_activity_bad_rows.csv", &ingested.parsed.facts);
}

#[test]
fn surfaces_lose_their_version_numbers() {
    let cases = [
        (
            "vscode/1.114.0/copilot-chat/0.42.1",
            Some("vscode/copilot-chat"),
        ),
        ("vscode/1.99.0/copilot/1.308.0", Some("vscode/copilot")),
        (
            "JetBrains-IU/261.22158.277/copilot-intellij/1.5.61-243",
            Some("JetBrains-IU/copilot-intellij"),
        ),
        (
            "JetBrains-IU/261…/copilot-intellij/…",
            Some("JetBrains-IU/copilot-intellij"),
        ),
        (
            "VisualStudio/18.6.0/copilot-vs/1.2.3",
            Some("VisualStudio/copilot-vs"),
        ),
        (
            "Xcode/26.4/copilot-xcode/0.47.0",
            Some("Xcode/copilot-xcode"),
        ),
        ("copilot-cli", Some("copilot-cli")),
        ("copilot-pr-reviews", Some("copilot-pr-reviews")),
        ("github_spark", Some("github_spark")),
        ("None", None),
        ("Unspecified surface", None),
        ("/unknown", None),
        ("", None),
    ];
    for (text, expected) in cases {
        assert_eq!(surface(text).as_deref(), expected, "{text}");
    }
}
