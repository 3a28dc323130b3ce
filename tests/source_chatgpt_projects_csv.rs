//! The ChatGPT workspace Projects CSV parser, one fixture per quirk (FORMATS.md §1c).

mod common;

use common::read;
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{AssetKind, Facts};
use uptake::engine::identity::IdKind;

use common::day;

fn raw_values(name: &str, columns: &[&str]) -> Vec<String> {
    common::csv_values(name, columns)
}

/// No raw creator email (nor dropped description or URL) is kept in the facts.
fn assert_nothing_raw(name: &str, facts: &Facts) {
    let debug = format!("{facts:?}").to_lowercase();
    let columns = [
        "project_creator_email",
        "project_description",
        "project_url",
    ];
    for raw in raw_values(name, &columns) {
        assert!(!debug.contains(&raw), "{raw} from {name} is in the facts");
    }
}

/// Id, name, messages, unique users, active, days in the period.
type AssetRow<'a> = (&'a str, Option<&'a str>, u64, u64, bool, i32);

#[test]
fn monthly_projects_with_period_columns() {
    let ingested = read("chatgpt_projects.csv");
    assert_eq!(ingested.format, FormatId::ChatgptProjectsCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (3, 0, 0)
    );
    assert!(d.notes.is_empty(), "{:?}", d.notes);
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-04-01"), day("2025-05-31")))
    );
    let facts = &ingested.parsed.facts;
    assert!(facts.assets.iter().all(|a| a.kind == AssetKind::Project));
    let s = |sym| facts.strings.resolve(sym);
    let rows: Vec<AssetRow<'_>> = facts
        .assets
        .iter()
        .map(|a| {
            let name = a.name.map(s);
            (
                s(a.asset),
                name,
                a.messages,
                a.unique_users,
                a.active,
                a.period.days(),
            )
        })
        .collect();
    // April has 30 days, May 31; is_active "True" reads like 1.
    assert_eq!(
        rows,
        vec![
            ("g-p-aaa111", Some("Q2 Planning"), 120, 6, true, 30),
            ("g-p-bbb222", Some("Hiring"), 3, 1, true, 30),
            ("g-p-aaa111", Some("Q2 Planning"), 0, 0, false, 31),
        ]
    );
    // Two creators, by email only: no links.
    let ada = facts.assets[0].creator.expect("creator");
    assert_eq!(facts.assets[2].creator, Some(ada));
    assert_eq!(facts.identities.kind(ada), IdKind::Email);
    assert_eq!((facts.identities.len(), facts.links.len()), (2, 0));
    assert_nothing_raw("chatgpt_projects.csv", facts);
}

#[test]
fn without_period_columns_the_active_days_are_the_period() {
    let ingested = read("chatgpt_projects_no_period.csv");
    assert_eq!(ingested.format, FormatId::ChatgptProjectsCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (2, 2));
    let messages: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![
            "line 4, column \"period_start\": no period: no period_start and no day active in the period",
            "line 5, column \"last_day_active_in_period\": the period ends (2025-04-02) before it starts (2025-04-20)",
        ]
    );
    assert_eq!(
        d.notes,
        vec![
            "No \"period_start\" column: each row's period is its first to last day active in \
             the period; rows with neither were skipped."
                .to_string()
        ]
    );
    let facts = &ingested.parsed.facts;
    let periods: Vec<(Day, Day)> = facts
        .assets
        .iter()
        .map(|a| (a.period.first, a.period.last))
        .collect();
    // g-p-aaa111: 2025-04-03..2025-04-28; g-p-bbb222 has a first day only: 2025-04-10 alone.
    assert_eq!(
        periods,
        vec![
            (day("2025-04-03"), day("2025-04-28")),
            (day("2025-04-10"), day("2025-04-10")),
        ]
    );
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-04-03"), day("2025-04-28")))
    );
    assert_nothing_raw("chatgpt_projects_no_period.csv", facts);
}
