//! The Copilot seat assignments parser (FORMATS.md §3c): organisation and enterprise files,
//! UTC days from offset timestamps, editors without versions, a person in two organisations.

mod common;

use common::{read, read_bytes};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, Tool};
use uptake::engine::intern::Sym;
use uptake::engine::sources::copilot_activity_csv::surface;

fn editor_and_product(text: &str) -> String {
    surface(text).unwrap_or_default()
}

fn day(text: &str) -> Option<Day> {
    Some(Day::parse(text).expect("valid date"))
}

fn label(facts: &Facts, sym: Option<Sym>) -> Option<&str> {
    sym.map(|s| facts.strings.resolve(s))
}

fn assert_nothing_personal(facts: &Facts, words: &[&str]) {
    let debug = format!("{facts:?}").to_lowercase();
    for word in words {
        assert!(!debug.contains(word), "{word} is in the facts");
    }
}

#[test]
fn organisation_seats() {
    let ingested = read("copilot_seats_org.json");
    assert_eq!(ingested.format, FormatId::CopilotSeatsJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (2, 0, 0)
    );
    // total_seats 2 = 2 distinct seat holders: nothing to say.
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    // Last activity / authentication days: 2021-10-14 and 2021-10-13.
    assert_eq!(
        d.coverage.map(|c| (Some(c.first), Some(c.last))),
        Some((day("2021-10-13"), day("2021-10-14")))
    );
    let facts = &ingested.parsed.facts;
    let octocat = &facts.seats[0];
    assert_eq!(octocat.tool, Some(Tool::Copilot));
    assert_eq!(octocat.snapshot, None);
    // 2021-08-03T18:00:00-06:00 is 2021-08-04 00:00 UTC; 2021-10-14T00:53:32-06:00 is
    // 06:53 UTC the same day.
    assert_eq!(octocat.created, day("2021-08-04"));
    assert_eq!(octocat.last_activity, day("2021-10-14"));
    assert_eq!(octocat.last_authenticated, day("2021-10-14"));
    assert_eq!(label(facts, octocat.last_surface), Some("vscode/copilot"));
    assert_eq!(label(facts, octocat.plan), Some("business"));
    assert_eq!(label(facts, octocat.assigning_team), Some("justice-league"));
    assert_eq!(octocat.organization, None);
    let octokitten = &facts.seats[1];
    assert_eq!(octokitten.created, day("2021-09-24"));
    assert_eq!(octokitten.pending_cancellation, day("2021-11-01"));
    assert_eq!(octokitten.last_authenticated, None);
    assert_eq!(
        label(facts, octokitten.last_surface),
        Some("vscode/copilot-chat")
    );
    // Logins and ids hashed and linked; names and URLs never read.
    assert_eq!((facts.identities.len(), facts.links.len()), (4, 2));
    assert_nothing_personal(
        facts,
        &[
            "octocat",
            "octokitten",
            "justice league",
            "https://",
            "a great team",
        ],
    );
}

#[test]
fn enterprise_pages_fold_a_person_granted_by_two_organisations() {
    let ingested = read("copilot_seats_enterprise.json");
    assert_eq!(ingested.format, FormatId::CopilotSeatsJson);
    let d = &ingested.parsed.diagnostics;
    // Two pages: octocat (acme-eng), hubot (acme-eng); octocat again (acme-labs, login
    // written "Octocat").
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (2, 0, 1)
    );
    assert_eq!(
        d.notes,
        vec![
            "1 seat row repeats a person already listed (enterprise files list a person once per organisation or team granting the seat): folded into one seat with the latest activity.",
            "total_seats says 3 but the file lists 2 distinct seat holders: check that every page of the seats API was saved, all on the same day.",
        ]
    );
    // Activity on 2026-05-01 (page 1) and 2026-05-03 (page 2; 23:30 at -02:00 is 01:30 UTC).
    assert_eq!(
        d.coverage.map(|c| (Some(c.first), Some(c.last))),
        Some((day("2026-05-01"), day("2026-05-03")))
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(facts.seats.len(), 2);
    let octocat = &facts.seats[0];
    // Folded: earliest creation, latest activity with its editor, first organisation, the
    // team from the row that had one.
    assert_eq!(octocat.created, day("2025-11-20"));
    assert_eq!(octocat.last_activity, day("2026-05-03"));
    assert_eq!(octocat.last_authenticated, day("2026-05-03"));
    assert_eq!(
        label(facts, octocat.last_surface),
        Some("JetBrains-IU/copilot-intellij")
    );
    assert_eq!(label(facts, octocat.organization), Some("acme-eng"));
    assert_eq!(label(facts, octocat.assigning_team), Some("lab-rats"));
    let hubot = &facts.seats[1];
    assert_eq!((hubot.last_activity, hubot.last_surface), (None, None));
    assert_eq!(label(facts, hubot.plan), Some("enterprise"));
    assert_nothing_personal(facts, &["octocat", "hubot", "lab rats", "https://"]);
}

#[test]
fn a_seat_without_assignee_or_with_a_bad_timestamp_is_skipped() {
    let text = r#"{"total_seats": 3, "seats": [
        {"created_at": "2026-01-10T09:00:00Z", "assignee": {"login": "kim-dev", "id": 9}},
        {"created_at": "2026-01-10T09:00:00Z", "assignee": null},
        {"created_at": "last tuesday", "assignee": {"login": "lee-dev", "id": 10}}
    ]}"#;
    let ingested = read_bytes(text.as_bytes()).expect("readable");
    assert_eq!(ingested.format, FormatId::CopilotSeatsJson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (1, 2));
    let reasons: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons,
        vec![
            "line 3, column \"assignee\": no assignee login or id: the seat names nobody",
            "line 4, column \"created_at\": expected a timestamp like 2026-05-01T10:00:00Z, found \"last tuesday\"",
        ]
    );
    // No activity date at all: no coverage.
    assert_eq!(d.coverage, None);
}

#[test]
fn editors_lose_their_versions() {
    assert_eq!(
        editor_and_product("vscode/1.99.0/copilot-chat/0.27.0"),
        "vscode/copilot-chat"
    );
    assert_eq!(
        editor_and_product("vscode/1.77.3/copilot/1.86.82"),
        "vscode/copilot"
    );
    assert_eq!(
        editor_and_product("JetBrains-IC/241.14494.240/copilot-intellij/1.5.3.5510"),
        "JetBrains-IC/copilot-intellij"
    );
    assert_eq!(editor_and_product("copilot_pr_review"), "copilot_pr_review");
    assert_eq!(
        editor_and_product("neovim/v0.10.0/copilot.vim/v1.41.0"),
        "neovim/copilot.vim"
    );
}
