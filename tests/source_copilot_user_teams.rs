//! The Copilot user-teams report parser (FORMATS.md §3b): memberships per person, team and
//! day, with the same pseudonyms as the user usage report.

mod common;

use common::{read, read_bytes};
use std::collections::BTreeSet;
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;

#[test]
fn memberships_per_person_team_and_day() {
    let ingested = read("copilot_user_teams.ndjson");
    assert_eq!(ingested.format, FormatId::CopilotUserTeamsNdjson);
    let d = &ingested.parsed.diagnostics;
    // 5 lines: octocat in platform and mobile, Mona-Lisa in platform, octocat in platform
    // again (a repeat), hubot in team 13 (no slug).
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (4, 0, 1)
    );
    let day = Day::parse("2026-04-25").expect("date");
    assert_eq!(d.coverage.map(|c| (c.first, c.last)), Some((day, day)));
    assert_eq!(
        d.notes,
        vec![
            "GitHub leaves out teams with fewer than 5 seated users: people in smaller teams have no team here.",
            "Team membership is a daily snapshot: it joins to the 1-day user usage records of the same day, never to a 28-day report.",
        ]
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(facts.teams.len(), 4);
    assert!(facts.teams.iter().all(|t| t.day == day));
    let teams: BTreeSet<&str> = facts
        .teams
        .iter()
        .map(|t| facts.strings.resolve(t.team))
        .collect();
    assert_eq!(teams, BTreeSet::from(["mobile", "platform", "team 13"]));
    // octocat is one person in two teams; 3 logins and 3 ids are linked pairwise.
    assert_eq!(facts.teams[0].identity, facts.teams[1].identity);
    assert_eq!(facts.links.len(), 3);
    let debug = format!("{facts:?}").to_lowercase();
    for login in ["octocat", "mona-lisa", "hubot"] {
        assert!(!debug.contains(login), "{login} is in the facts");
    }
}

#[test]
fn a_member_has_the_same_pseudonym_as_in_the_usage_report() {
    let teams = read("copilot_user_teams.ndjson").parsed.facts;
    let usage = read("copilot_usage_users.ndjson").parsed.facts;
    // octocat's first line in each file: team "platform"; 40 suggestions on 2026-04-25.
    let in_teams = teams.identities.pseudonym(teams.teams[0].identity);
    let octocat_day = usage
        .daily
        .iter()
        .find(|r| r.breakdown.is_total() && r.measures.suggestions == 40)
        .expect("octocat's day");
    assert_eq!(usage.identities.pseudonym(octocat_day.identity), in_teams);
}

#[test]
fn a_line_naming_no_team_or_nobody_is_skipped() {
    let text = concat!(
        r#"{"user_id":2,"user_login":"amy-dev","day":"2026-04-25","team_id":3,"slug":"web"}"#,
        "\n",
        r#"{"user_id":1,"user_login":"zed-dev","day":"2026-04-25","team_id":null,"slug":""}"#,
        "\n",
        r#"{"day":"2026-04-25","team_id":4,"slug":"ops"}"#,
        "\n",
    );
    let ingested = read_bytes(text.as_bytes()).expect("readable");
    assert_eq!(ingested.format, FormatId::CopilotUserTeamsNdjson);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (1, 2));
    let reasons: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        reasons,
        vec![
            "line 2, column \"slug\": no slug or team_id: the record names no team",
            "line 3, column \"user_login\": no user_login or user_id: the record names nobody",
        ]
    );
}
