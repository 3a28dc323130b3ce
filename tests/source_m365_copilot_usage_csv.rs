//! The Microsoft 365 Copilot usage (user detail) parser: the Graph CSV, an admin-centre style
//! file (BOM, CRLF, other order and case, extra columns), a tenant with concealed names, and the
//! Graph JSON (FORMATS.md §4).

mod common;

use common::{day, key, read, report};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Facts, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::settings::Settings;

const GRAPH_CSV: &str = "m365/copilot_usage_user_detail.csv";
const ADMIN_CENTER: &str = "m365/copilot_usage_admin_center.csv";
const CONCEALED: &str = "m365/copilot_usage_concealed.csv";
const GRAPH_JSON: &str = "m365/copilot_usage_graph.json";

/// Each seat as (snapshot, last activity, last app).
fn seats(facts: &Facts) -> Vec<(Option<Day>, Option<Day>, Option<String>)> {
    facts
        .seats
        .iter()
        .map(|s| {
            assert_eq!(s.tool, Some(Tool::M365Copilot));
            (
                s.snapshot,
                s.last_activity,
                s.last_surface.map(|l| facts.strings.resolve(l).to_string()),
            )
        })
        .collect()
}

fn seat(
    snapshot: &str,
    last: Option<&str>,
    app: Option<&str>,
) -> (Option<Day>, Option<Day>, Option<String>) {
    (Some(day(snapshot)), last.map(day), app.map(str::to_string))
}

/// No user principal name or display name of the fixture is in the facts or the Report.
fn assert_nothing_raw(name: &str, facts: &Facts, raw: &[&str]) {
    let debug = format!("{facts:?}").to_lowercase();
    let report = serde_json::to_string(&report(&[name], &Settings::default()))
        .expect("report serialises")
        .to_lowercase();
    for value in raw {
        let value = value.to_lowercase();
        assert!(
            !debug.contains(&value),
            "{value} from {name} is in the facts"
        );
        assert!(
            !report.contains(&value),
            "{value} from {name} is in the Report"
        );
    }
}

#[test]
fn graph_csv_rows_become_seats_with_their_latest_app_day() {
    let ingested = read(GRAPH_CSV);
    assert_eq!(ingested.format, FormatId::M365CopilotUsageCsv);
    let d = &ingested.parsed.diagnostics;
    // 9 rows: 5 people, 3 unreadable, and Adele again in capitals (one person, counted once).
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (5, 3, 1)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 6, column \"User Principal Name\": no user principal name: the row names nobody",
            "line 7, column \"Last Activity Date\": expected a date like 2025-03-30, found \"01/15/2025\", a date in a spreadsheet's local format; save the column as YYYY-MM-DD and add the file again",
            "line 8, column \"PowerPoint Copilot Last Activity Date\": expected a date like 2025-03-30, found \"yesterday\"",
        ]
    );
    // The report is a snapshot: coverage is its refresh day.
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-01-21"), day("2025-01-21")))
    );
    assert_eq!(
        d.notes,
        vec![
            "1 of 5 licensed people have no Copilot activity date: never used, or not within the report's period."
        ]
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(
        seats(facts),
        vec![
            // Adele: Teams 01-20 is the latest of Teams 01-20, Word 01-14, Outlook 12-21,
            // Chat 01-18, and equals Last Activity Date.
            seat("2025-01-21", Some("2025-01-20"), Some("Teams")),
            seat("2025-01-21", Some("2024-12-02"), Some("Copilot Chat")),
            // Chen: every date empty: never used.
            seat("2025-01-21", None, None),
            // Dana: Last Activity Date 01-05 is older than Word's 01-10: the app's day wins.
            seat("2025-01-21", Some("2025-01-10"), Some("Word")),
            // Gia: Outlook and Chat both 01-21: the first column in the file's order.
            seat("2025-01-21", Some("2025-01-21"), Some("Outlook")),
        ]
    );
    // The UPN is hashed as an email (lower-cased first), so it joins an HRIS work email.
    let adele = facts.seats[0].identity.expect("identity");
    assert_eq!(
        facts.identities.pseudonym(adele),
        key().pseudonym(IdKind::Email, "adele.vance@example.com")
    );
    assert_eq!(facts.identities.len(), 5);
    assert_nothing_raw(
        GRAPH_CSV,
        facts,
        &[
            "adele.vance@example.com",
            "Adele Vance",
            "bruno.diaz",
            "Chen Li",
            "gia.ruiz",
            "Nobody Named",
        ],
    );
}

#[test]
fn licences_count_the_seats_and_the_unused_ones() {
    let report = report(&[GRAPH_CSV], &Settings::default());
    let m365 = report
        .licences
        .tools
        .iter()
        .find(|t| t.tool == Tool::M365Copilot)
        .expect("an M365 Copilot row");
    // As of 2025-01-21, the 30-day window is 2024-12-23 … 2025-01-21. Used in it: Adele
    // (01-20), Dana (01-10), Gia (01-21). Unused: Bruno (12-02) and Chen (never) = 2 of 5.
    // Cost: 5 × $30 = $150; unused 2 × $30 = $60.
    assert_eq!((m365.seats, m365.unused), (5, 2));
    assert_eq!((m365.monthly_cost, m365.unused_cost), (150.0, 60.0));
    assert_eq!(report.licences.as_of, Some(day("2025-01-21")));
}

#[test]
fn admin_center_file_with_bom_crlf_other_order_and_extra_columns() {
    let ingested = read(ADMIN_CENTER);
    assert_eq!(ingested.format, FormatId::M365CopilotUsageCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 0));
    assert_eq!(
        seats(&ingested.parsed.facts),
        vec![
            // Hana: Chat 02-03, a newer app column "Copilot Agent" 02-07 (kept by its own name).
            seat("2025-02-10", Some("2025-02-07"), Some("Copilot Agent")),
            seat("2025-02-10", None, None),
            // Jun: Chat 02-09, Word 01-30.
            seat("2025-02-10", Some("2025-02-09"), Some("Copilot Chat")),
        ]
    );
    assert_nothing_raw(
        ADMIN_CENTER,
        &ingested.parsed.facts,
        &["hana.berg@example.com", "Ivo Petrov", "jun.sato"],
    );
}

#[test]
fn concealed_names_are_kept_as_people_with_a_note_on_the_hris_join() {
    let ingested = read(CONCEALED);
    assert_eq!(ingested.format, FormatId::M365CopilotUsageCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 0));
    assert_eq!(
        d.notes,
        vec![
            "3 people are concealed: this tenant shows 32-character hashes instead of user names, so they cannot be joined to the HRIS file (departments) or to other tools. \
             To join them, an admin turns concealment off in the Microsoft 365 admin center → Settings → Org settings → Reports (clear \"Display concealed user, group, and site names in all reports\"), then exports the report again.",
            "1 of 3 licensed people have no Copilot activity date: never used, or not within the report's period.",
        ]
    );
    assert_eq!(ingested.parsed.facts.identities.len(), 3);
    assert_nothing_raw(
        CONCEALED,
        &ingested.parsed.facts,
        &[
            "DC8C64D6EC3A3AA17481D7E5EB5B68A6",
            "0B6E4F9A2C1D3E5F7A9B8C6D4E2F1A3B",
        ],
    );
}

#[test]
fn graph_json_reads_like_the_csv() {
    let ingested = read(GRAPH_JSON);
    assert_eq!(ingested.format, FormatId::M365CopilotUsageCsv);
    let d = &ingested.parsed.diagnostics;
    assert_eq!((d.rows_accepted, d.rows_skipped), (3, 0));
    assert_eq!(
        seats(&ingested.parsed.facts),
        vec![
            // Kira: Teams 02-28 beats Chat 02-27 and PowerPoint 02-20.
            seat("2025-03-02", Some("2025-02-28"), Some("Teams")),
            // Liam: every date null: never used.
            seat("2025-03-02", None, None),
            seat("2025-03-02", Some("2025-02-25"), Some("Excel")),
        ]
    );
    let facts = &ingested.parsed.facts;
    assert_eq!(
        facts
            .identities
            .pseudonym(facts.seats[0].identity.expect("identity")),
        key().pseudonym(IdKind::Email, "kira.nash@example.com")
    );
    assert_nothing_raw(
        GRAPH_JSON,
        facts,
        &["kira.nash@example.com", "Liam Ortiz", "mia.quinn"],
    );
}

#[test]
fn other_microsoft_365_reports_are_not_taken_for_it() {
    // The Teams user activity report has the refresh date and UPN but no Copilot app column.
    let teams = "Report Refresh Date,User Principal Name,Last Activity Date,Team Chat Message Count\n2025-01-21,a@example.com,2025-01-20,3\n";
    let outcome = common::read_bytes(teams.as_bytes());
    assert!(outcome.is_err() || outcome.is_ok_and(|i| i.format != FormatId::M365CopilotUsageCsv));
}

#[test]
fn every_app_keeps_its_own_last_activity_day() {
    let facts = common::read("new_tools/week_m365.csv").parsed.facts;
    let apps: Vec<Vec<(String, String)>> = facts
        .seats
        .iter()
        .map(|s| {
            s.apps
                .iter()
                .map(|(app, day)| (facts.strings.resolve(*app).to_string(), day.to_string()))
                .collect()
        })
        .collect();
    let pair = |a: &str, d: &str| (a.to_string(), d.to_string());
    // ana Teams 02-07; cleo Copilot Chat 02-04; dev Word 01-15; eli never (no app dates).
    assert_eq!(
        apps,
        vec![
            vec![pair("Teams", "2025-02-07")],
            vec![pair("Copilot Chat", "2025-02-04")],
            vec![pair("Word", "2025-01-15")],
            vec![],
        ]
    );
}
