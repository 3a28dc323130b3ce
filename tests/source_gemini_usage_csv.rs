//! The Gemini for Workspace usage report parser (FORMATS.md §7a): one 28-day row per user,
//! refused with a clear message when no date says where the 28 days are.

mod common;

use common::{day, key, read, read_bytes, report};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::{Cadence, Facts, Tool};
use uptake::engine::identity::IdKind;
use uptake::engine::settings::Settings;
use uptake::engine::{snapshot, wire};

const AS_DOWNLOADED: &str = "gemini/usage_report.csv";
const DATED: &str = "gemini/usage_report_dated.csv";

#[test]
fn the_report_as_downloaded_asks_for_its_date() {
    let error = read_bytes(&common::fixture(AS_DOWNLOADED)).expect_err("no date");
    assert_eq!(error.format, Some(FormatId::GeminiUsageCsv));
    assert_eq!(
        error.error.message,
        "This Gemini usage report has no date, so the 28 days it covers cannot be placed."
    );
    assert_eq!(
        error.error.hint,
        "Enter the day the report was downloaded (or add a \"Report date\" column holding it, YYYY-MM-DD, on every row), then read it again."
    );
}

#[test]
fn dated_rows_are_28_day_periods_with_overall_usage() {
    let ingested = read(DATED);
    assert_eq!(ingested.format, FormatId::GeminiUsageCsv);
    let d = &ingested.parsed.diagnostics;
    // 7 rows: Nina, Omar, Pia; three unreadable; Nina again in capitals (counted once).
    assert_eq!(
        (d.rows_accepted, d.rows_skipped, d.rows_duplicate),
        (3, 3, 1)
    );
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec![
            "line 5, column \"Email\": no email: the row names nobody",
            "line 6, column \"Overall Usage\": expected a whole number, found \"many\"",
            "line 7, column \"Report date\": expected a date like 2025-03-30, found \"28/03/2025\", a date in a spreadsheet's local format; save the column as YYYY-MM-DD and add the file again",
        ]
    );
    // 28 days ending 2025-03-28: 2025-03-28 − 27 days = 2025-03-01.
    assert_eq!(
        d.coverage.map(|c| (c.first, c.last)),
        Some((day("2025-03-01"), day("2025-03-28")))
    );
    let facts = &ingested.parsed.facts;
    let rows: Vec<(u32, bool)> = facts
        .periods
        .iter()
        .map(|r| {
            assert_eq!(r.tool, Tool::Gemini);
            assert_eq!(r.cadence, Cadence::DateRange);
            assert_eq!(
                (r.period.first, r.period.last),
                (day("2025-03-01"), day("2025-03-28"))
            );
            (r.messages, r.is_active)
        })
        .collect();
    // Nina 42 uses over 9 days; Omar none; Pia "1,204".
    assert_eq!(rows, vec![(42, true), (0, false), (1204, true)]);
    assert_eq!(
        facts.identities.pseudonym(facts.periods[0].identity),
        key().pseudonym(IdKind::Email, "nina.park@example.com")
    );
    assert_eq!(facts.identities.len(), 3);

    let debug = format!("{facts:?}").to_lowercase();
    let report = serde_json::to_string(&report(&[DATED], &Settings::default()))
        .expect("report serialises")
        .to_lowercase();
    for raw in [
        "nina.park@example.com",
        "omar.said",
        "pia.lund",
        "quinn.ray",
        "rob.tan",
    ] {
        assert!(!debug.contains(raw), "{raw} is in the facts");
        assert!(!report.contains(raw), "{raw} is in the Report");
    }
}

#[test]
fn per_app_counts_are_kept_with_the_period() {
    let facts = read("gemini/usage_report_dated.csv").parsed.facts;
    let apps_of = |email: &str| -> Vec<(String, u32)> {
        let pseudonym = key().pseudonym(uptake::engine::identity::IdKind::Email, email);
        facts
            .period_apps
            .iter()
            .filter(|r| facts.identities.pseudonym(r.identity) == pseudonym)
            .map(|r| (facts.strings.resolve(r.app).to_string(), r.count))
            .collect()
    };
    let pairs = |list: &[(&str, u32)]| -> Vec<(String, u32)> {
        list.iter().map(|(a, n)| (a.to_string(), *n)).collect()
    };
    // Nina: Gmail 10, Docs 12, Sheets 5, Slides 0 (not kept), Drive 3, Meet 2, Gemini app 10;
    // her repeated row adds nothing.
    assert_eq!(
        apps_of("nina.park@example.com"),
        pairs(&[
            ("Gmail", 10),
            ("Docs", 12),
            ("Sheets", 5),
            ("Drive", 3),
            ("Meet", 2),
            ("Gemini app", 10)
        ])
    );
    // Pia: 400, 300, 104 and 100 in each other app; Omar used nothing.
    assert_eq!(
        apps_of("pia.lund@example.com"),
        pairs(&[
            ("Gmail", 400),
            ("Docs", 300),
            ("Sheets", 104),
            ("Slides", 100),
            ("Drive", 100),
            ("Meet", 100),
            ("Gemini app", 100)
        ])
    );
    assert_eq!(apps_of("omar.said@example.com"), vec![]);
    assert!(facts.period_apps.iter().all(|r| {
        facts
            .periods
            .iter()
            .any(|p| p.identity == r.identity && p.period == r.period)
    }));
}

#[test]
fn active_days_are_kept_through_the_wire_merges_and_snapshots() {
    let facts = read(DATED).parsed.facts;
    let days = |facts: &Facts| -> Vec<Option<u32>> {
        facts.periods.iter().map(|r| r.active_days).collect()
    };
    // Nina 9, Omar 0, Pia 21 active days (Nina's repeated row adds nothing).
    assert_eq!(days(&facts), [Some(9), Some(0), Some(21)]);
    // From a parse worker to the dataset worker.
    let bytes = wire::to_bytes(&facts).expect("encodes");
    let sent: Facts = wire::from_bytes(&bytes).expect("decodes");
    assert_eq!(days(&sent), days(&facts));
    // Merged into a dataset, saved as a snapshot and loaded back.
    let dataset = common::dataset(&[DATED]);
    assert_eq!(days(dataset.facts()), days(&facts));
    let saved = snapshot::save(
        &dataset,
        &Settings::default(),
        &key().fingerprint(),
        Some(day("2025-04-01")),
    );
    let loaded = read_bytes(&saved).expect("the snapshot loads");
    assert_eq!(days(&loaded.parsed.facts), days(&facts));
    // A snapshot written before the field existed reads as "not given".
    let text = String::from_utf8(saved).expect("JSON");
    let older = text
        .replace(",\"active_days\":9", "")
        .replace(",\"active_days\":0", "")
        .replace(",\"active_days\":21", "");
    assert!(!older.contains("active_days"));
    let loaded = read_bytes(older.as_bytes()).expect("an older snapshot loads");
    assert_eq!(days(&loaded.parsed.facts), [None, None, None]);
}

#[test]
fn the_gemini_view_counts_active_days_of_the_latest_report() {
    let gemini = report(&[DATED], &Settings::default()).gemini;
    // Nina 9 and Pia 21 active days; Omar none: (9 + 21) / 2 people.
    assert_eq!(
        gemini
            .figures
            .iter()
            .find(|f| f.id == "gemini_report_active_days_per_user")
            .and_then(|f| f.value),
        Some(15.0)
    );
    let table = gemini
        .table("gemini-report-active-days")
        .expect("the active days table");
    let people: Vec<(&str, Option<f64>)> = table
        .rows
        .iter()
        .map(|r| (r.label.as_str(), r.values[0]))
        .collect();
    // Omar 0 days; Nina 9 (6–10); Pia 21 (11 or more).
    assert_eq!(
        people,
        [
            ("No active day", Some(1.0)),
            ("1 day", Some(0.0)),
            ("2–5 days", Some(0.0)),
            ("6–10 days", Some(1.0)),
            ("11 days or more", Some(1.0)),
        ]
    );
}

#[test]
fn more_active_days_than_the_window_holds_is_a_bad_row() {
    let text = "Email,Overall usage,Active days,Report date\nana@example.com,4,30,2025-03-28\nbo@example.com,2,28,2025-03-28\n";
    let ingested = read_bytes(text.as_bytes()).expect("read");
    let d = &ingested.parsed.diagnostics;
    // 28 active days fit the 28-day window; 30 do not.
    assert_eq!((d.rows_accepted, d.rows_skipped), (1, 1));
    assert_eq!(
        d.skipped[0].to_string(),
        "line 2, column \"Active days\": expected at most 28 active days (the report's window), found 30"
    );
}
