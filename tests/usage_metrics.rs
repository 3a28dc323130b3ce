//! Token usage, model mix and departments (the "usage" views), worked out by hand on the small
//! fixtures of tests/fixtures/usage/ (written by its `generate.py`), plus the sample
//! organisation's numbers that tests/browser/usage.test.mjs reads off the page.

mod common;

use common::report;
use uptake::engine::dataset::Dataset;
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::metrics::build_report;
use uptake::engine::metrics::department_usage::UsageBasis;
use uptake::engine::sample::{sample_organisation, SAMPLE_SEED};
use uptake::engine::settings::Settings;
use uptake::engine::Report;

const HRIS: &str = "usage/hris.csv";
const CODEX: &str = "usage/codex_usage.json";
const CODEX_LOGS: &str = "usage/compliance_codex.jsonl";
const SESSIONS: &str = "usage/compliance_sessions.jsonl";
const USERS: &str = "usage/users_models.csv";
const MODEL_LOGS: &str = "usage/compliance_models.jsonl";

/// Department, suppressed, group size, and two of its figures.
type DepartmentLine<'a> = (&'a str, bool, Option<u32>, Option<f64>, Option<f64>);

fn close(a: Option<f64>, b: f64) -> bool {
    a.is_some_and(|a| (a - b).abs() < 1e-9)
}

fn figure(figures: &[uptake::engine::report::Figure], id: &str) -> Option<f64> {
    figures
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
        .value
}

// ---------------------------------------------------------------------------------------------
// Tokens
//
// codex_usage.json, Monday weeks W1 06-01 … 06-07 and W2 06-08 … 06-14 (headline):
//
// | person | dept        | W2 days: input (uncached + cached) / output         | input | output |
// |--------|-------------|------------------------------------------------------|-------|--------|
// | eng1   | Engineering | 06-08 1000+200 / 300; 06-10 500 / 100                | 1700  | 400    |
// | eng2   | Engineering | 06-09 2000+1000 / 600                                | 3000  | 600    |
// | eng3   | Engineering | 06-11 800+200 / 200                                  | 1000  | 200    |
// | eng4   | Engineering | 06-12 400+100 / 100                                  | 500   | 100    |
// | eng5   | Engineering | 06-14 1500+500 / 700                                 | 2000  | 700    |
// | sales1 | Sales       | 06-09 3000 / 900                                     | 3000  | 900    |
// | sales2 | Sales       | 06-10 1000 / 100                                     | 1000  | 100    |
// | ops1   | Ops         | 06-13 600 / 100                                      | 600   | 100    |
// | ops2   | Ops         | 06-13 idle row (0 tokens); 06-12 Codex prompt in logs | 500   | 50     |
// | ops3   | Ops         | 06-11 400 / 100                                      | 400   | 100    |
//
// compliance_codex.jsonl also has a 9999 / 9999 prompt of eng1 on 06-08, a day the usage API
// already gives: it is not counted again.
// ---------------------------------------------------------------------------------------------

#[test]
fn tokens_per_active_person_are_sums_over_distinct_people() {
    let r = report(&[HRIS, CODEX, CODEX_LOGS], &Settings::default());
    assert_eq!(
        r.headline_week.map(|w| w.first.to_string()).as_deref(),
        Some("2026-06-08")
    );
    let t = &r.tokens;
    // Input 8200 (Engineering) + 4000 (Sales) + 1500 (Ops) = 13,700 over 10 distinct people
    // (eng1 counts once for two days) = 1,370.
    assert_eq!(
        figure(&t.figures, "input_tokens_per_active_user_week"),
        Some(1370.0)
    );
    // Output 2000 + 1000 + 250 = 3,250 / 10 = 325.
    assert_eq!(
        figure(&t.figures, "output_tokens_per_active_user_week"),
        Some(325.0)
    );
    // Ratio of the sums, 3250 / 13700 = 0.2372…, not the mean of per-person ratios (0.2579…).
    assert!(close(
        figure(&t.figures, "output_input_ratio"),
        3250.0 / 13700.0
    ));
    // The headline takes the section's values.
    assert_eq!(
        common::value(&r, "input_tokens_per_active_user_week"),
        Some(1370.0)
    );
    assert!(close(
        common::value(&r, "output_input_ratio"),
        3250.0 / 13700.0
    ));
    // One tool only.
    assert_eq!(t.tools.len(), 1);
    assert_eq!(
        (
            t.tools[0].input_tokens,
            t.tools[0].output_tokens,
            t.tools[0].people
        ),
        (13_700, 3_250, 10)
    );
}

#[test]
fn tokens_trend_recounts_each_week() {
    let r = report(&[HRIS, CODEX, CODEX_LOGS], &Settings::default());
    let weeks: Vec<(u32, Option<f64>, Option<f64>)> = r
        .tokens
        .weekly
        .iter()
        .map(|w| (w.people, w.input_per_person, w.output_per_person))
        .collect();
    // W1: eng1 2000 / 500 and eng2 1000 / 250 → 2 people, 1500 and 375 per person.
    assert_eq!(
        weeks,
        vec![
            (2, Some(1500.0), Some(375.0)),
            (10, Some(1370.0), Some(325.0))
        ]
    );
}

#[test]
fn tokens_by_department_hide_small_groups_and_their_complement() {
    let r = report(&[HRIS, CODEX, CODEX_LOGS], &Settings::default());
    let rows: Vec<DepartmentLine> = r
        .tokens
        .departments
        .iter()
        .map(|d| {
            (
                d.department.as_str(),
                d.suppressed,
                d.people,
                d.input_per_person,
                d.output_per_person,
            )
        })
        .collect();
    // Engineering: 8200 / 5 = 1640 input, 2000 / 5 = 400 output. Ops (3) and Sales (2) are under
    // the floor of 5; together 5 people in two groups, so the total minus Engineering (5,500
    // input) cannot be split back into either.
    assert_eq!(
        rows,
        vec![
            ("Engineering", false, Some(5), Some(1640.0), Some(400.0)),
            ("Ops", true, None, None, None),
            ("Sales", true, None, None, None),
        ]
    );
    assert_eq!(r.tokens.suppressed_departments, 2);
    let eng = &r.tokens.departments[0];
    assert!(close(eng.output_input_ratio, 2000.0 / 8200.0));
    assert!(close(eng.token_share, 10_200.0 / 16_950.0));
    // Cached input: 200 + 1000 + 200 + 100 + 500 = 2,000 of 13,700 (15 %).
    let action = r.tokens.action.as_deref().expect("an action");
    assert!(
        action.starts_with("Only 15 % of this week's 13,700 input tokens"),
        "{action}"
    );
    // No seat export: no allocation.
    assert!(r.tokens.seat_costs.is_empty());
}

#[test]
fn tokens_need_a_token_export() {
    let r = report(&[USERS], &Settings::default());
    let t = &r.tokens;
    assert!(t.figures.iter().all(|f| f.value.is_none()));
    assert_eq!(
        t.needs.as_deref(),
        Some("needs codex.usage_json or chatgpt.analytics_usage_json (token fields)")
    );
    // Seats are still allocated: 3 ChatGPT seats × $30 = $90, one group under the floor.
    assert_eq!(t.monthly_seat_cost, Some(90.0));
}

#[test]
fn seat_cost_is_allocated_by_department() {
    let settings = Settings {
        min_group_size: 2,
        ..Settings::default()
    };
    let r = report(&[HRIS, USERS], &settings);
    // Research holds the 3 ChatGPT seats of the headline week: 3 × $30 = $90.
    let row = &r.tokens.seat_costs[0];
    assert_eq!(
        (row.department.as_str(), row.seats, row.monthly_cost),
        ("Research", Some(3), Some(90.0))
    );
}

// ---------------------------------------------------------------------------------------------
// Model mix
//
// users_models.csv, Sunday weeks W1 05-31 … 06-06 and W2 06-07 … 06-13 (headline):
//   W1: u1 gpt-4o 30, o3 10; u2 gpt-4o 20, o4-mini 2, gpt-4o-mini 1; u3 gpt-5 10, gpt-5-thinking 30
//   W2: u1 gpt-4o 40, o3 20; u2 gpt-4o 10, gpt-4.1 5;                  u3 gpt-5-thinking 5
// compliance_models.jsonl (W2): u1 09:00 + 09:20 (answers gpt-4o, o3) | 09:55 (gpt-4o);
//   u3 10:00 (gpt-5-thinking); u2 14:00 + 14:29:59 (gpt-4o, gpt-4.1) | 14:59:59 (gpt-4o).
// ---------------------------------------------------------------------------------------------

#[test]
fn advanced_share_of_messages_is_a_ratio_of_sums() {
    let r = report(&[HRIS, USERS, MODEL_LOGS], &Settings::default());
    let m = &r.models;
    // W2: advanced o3 20 + gpt-5-thinking 5 = 25 of 80 messages = 0.3125 (the mean of the
    // per-person shares, (1/3 + 0 + 1) / 3 = 0.444, would be wrong).
    assert_eq!(figure(&m.figures, "advanced_model_share"), Some(0.3125));
    assert_eq!(common::value(&r, "advanced_model_share"), Some(0.3125));
    assert!(m.figures[0].label.contains("of messages"));
    // Sessions: u1 {09:00, 09:20} advanced (o3) and {09:55}; u3 {10:00} advanced; u2 {14:00,
    // 14:29:59} and {14:59:59} (a gap of exactly 30 minutes starts a new session): 2 of 5 = 0.4.
    assert_eq!(
        figure(&m.figures, "advanced_model_session_share"),
        Some(0.4)
    );
    // Per week: W1 o3 10 + o4-mini 2 + gpt-5-thinking 30 = 42 of 103.
    assert_eq!(m.advanced_weekly, vec![Some(42.0 / 103.0), Some(0.3125)]);
}

#[test]
fn model_series_keep_the_top_five_and_other() {
    let r = report(&[HRIS, USERS, MODEL_LOGS], &Settings::default());
    let m = &r.models;
    // Over both weeks: gpt-4o 100, gpt-5-thinking 35, o3 30, gpt-5 10, gpt-4.1 5; Other =
    // o4-mini 2 + gpt-4o-mini 1.
    let names: Vec<&str> = m.series.iter().map(|s| s.model.as_str()).collect();
    assert_eq!(
        names,
        vec![
            "gpt-4o",
            "gpt-5-thinking",
            "o3",
            "gpt-5",
            "gpt-4.1",
            "Other"
        ]
    );
    assert_eq!(
        m.series[0].shares,
        vec![Some(50.0 / 103.0), Some(50.0 / 80.0)]
    );
    assert_eq!(m.series[5].shares, vec![Some(3.0 / 103.0), Some(0.0)]);
    // Every week's shares add up to one.
    for w in 0..2 {
        let sum: f64 = m.series.iter().filter_map(|s| s.shares[w]).sum();
        assert!((sum - 1.0).abs() < 1e-9);
    }
    // The tier table: every model seen, by headline-week count.
    let tiers: Vec<(&str, bool, Option<&str>, u64)> = m
        .tiers
        .iter()
        .map(|t| {
            (
                t.model.as_str(),
                t.advanced,
                t.matched_prefix.as_deref(),
                t.count,
            )
        })
        .collect();
    assert_eq!(
        tiers,
        vec![
            ("gpt-4o", false, None, 50),
            ("o3", true, Some("o3"), 20),
            ("gpt-4.1", false, None, 5),
            ("gpt-5-thinking", true, Some("gpt-5-thinking"), 5),
            ("gpt-4o-mini", false, None, 0),
            ("gpt-5", false, None, 0),
            ("o4-mini", true, Some("o4"), 0),
        ]
    );
    let action = m.action.as_deref().expect("an action");
    assert!(
        action
            .starts_with("69 % of messages still go to standard models (gpt-4o alone takes 62 %)"),
        "{action}"
    );
}

#[test]
fn session_gap_is_a_setting() {
    let settings = Settings {
        session_gap_minutes: 60,
        ..Settings::default()
    };
    let r = report(&[HRIS, USERS, MODEL_LOGS], &settings);
    // With 60 minutes u1 and u2 have one session each: u1 (o3), u3 (gpt-5-thinking), u2 → 2 / 3.
    assert!(close(
        figure(&r.models.figures, "advanced_model_session_share"),
        2.0 / 3.0
    ));
}

#[test]
fn advanced_share_of_sessions_without_the_users_csv() {
    // Only message-level data: the headline id is a share of sessions, and labelled so. Every
    // answer in compliance_sessions.jsonl is gpt-4o: 0 of 13 sessions.
    let r = report(&[HRIS, SESSIONS], &Settings::default());
    let f = r.figure("advanced_model_share").expect("figure");
    assert_eq!(f.value, Some(0.0));
    assert_eq!(f.label, "Advanced-model share (of sessions)");
    assert_eq!(
        r.models.basis,
        "answers and Codex prompts by model (compliance logs)"
    );
}

// ---------------------------------------------------------------------------------------------
// Departments
//
// compliance_sessions.jsonl, one Monday week 06-08 … 06-14, user messages per session:
//   Engineering: eng1 3, 1 | eng2 1, 1, 1 (three days) | eng3 2 | eng4 1 | eng5 1 (Sunday)
//   Sales: sales1 6 | sales2 4      Ops: ops1 1 | ops2 1 | ops3 1
// ---------------------------------------------------------------------------------------------

#[test]
fn departments_place_sessions_per_person_against_messages_per_session() {
    let r = report(&[HRIS, SESSIONS], &Settings::default());
    let d = &r.department_usage;
    assert_eq!(d.basis, UsageBasis::Sessions);
    // No seat export: the group size is the people who sent a message.
    assert!(d.group_size_basis.starts_with("people who sent a message"));
    let rows: Vec<DepartmentLine> = d
        .rows
        .iter()
        .map(|r| {
            (
                r.department.as_str(),
                r.suppressed,
                r.seats,
                r.sessions_per_active_person_week,
                r.messages_per_session,
            )
        })
        .collect();
    // Engineering: 2 + 3 + 1 + 1 + 1 = 8 sessions over 5 distinct people = 1.6 (eng2's three
    // days count one person); 4 + 3 + 2 + 1 + 1 = 11 messages / 8 sessions = 1.375.
    // Ops (3) and Sales (2) are under 5: both hidden (5 people in two groups).
    assert_eq!(
        rows,
        vec![
            ("Engineering", false, Some(5), Some(1.6), Some(1.375)),
            ("Ops", true, None, None, None),
            ("Sales", true, None, None, None),
        ]
    );
    assert_eq!(d.suppressed_groups, 2);
    // The organisation: 13 sessions, 24 messages, 10 people → 1.3 and 24 / 13.
    let org = d.organisation.as_ref().expect("organisation");
    assert_eq!(org.sessions_per_active_person_week, Some(1.3));
    assert!(close(org.messages_per_session, 24.0 / 13.0));
}

#[test]
fn departments_fall_back_to_the_users_csv() {
    let settings = Settings {
        min_group_size: 2,
        ..Settings::default()
    };
    let r = report(&[HRIS, USERS], &settings);
    let d = &r.department_usage;
    assert_eq!(d.basis, UsageBasis::UsersCsv);
    let row = &d.rows[0];
    // Research, W2: (60 + 15 + 5) / 3 active = 26.67 messages per active person; 3 of 3 seats
    // active.
    assert_eq!(row.department, "Research");
    assert!(close(row.messages_per_active_person_week, 80.0 / 3.0));
    assert_eq!(row.active_share, Some(1.0));
    assert_eq!(row.sessions_per_active_person_week, None);
    // With the default floor of 5 the only group is hidden.
    let r = report(&[HRIS, USERS], &Settings::default());
    assert!(r
        .department_usage
        .rows
        .iter()
        .all(|r| r.suppressed && r.active_share.is_none()));
}

// ---------------------------------------------------------------------------------------------
// The sample organisation (what the browser test reads off the page).
// ---------------------------------------------------------------------------------------------

fn sample_report() -> Report {
    let key = common::key();
    let mut data = Dataset::default();
    for (i, file) in sample_organisation(SAMPLE_SEED).iter().enumerate() {
        let outcome = ingest(&file.bytes[..], &IngestOptions::new(&key));
        data.add(i as u32, &file.name, file.bytes.len() as u64, outcome);
    }
    build_report(&data, &Settings::default(), &key.fingerprint())
}

#[test]
fn sample_organisation_fills_the_three_views() {
    let r = sample_report();
    // Headline week 8–14 Nov 2026. Tokens: Codex 370,204,755 input / 13,873,365 output over 89
    // people, Copilot (CLI) 228,608,990 / 1,619,787 over 24, Claude Code 169,253,755 /
    // 10,338,379 over its 55 active people; 116 distinct people (97 on Codex or Copilot, 16 of
    // them on both, and 19 on Claude Code alone). Totals: 370,204,755 + 228,608,990 +
    // 169,253,755 = 768,067,500 input; 13,873,365 + 1,619,787 + 10,338,379 = 25,831,531 output.
    let t = &r.tokens;
    let codex = &t.tools[0];
    assert_eq!(
        (codex.input_tokens, codex.output_tokens, codex.people),
        (370_204_755, 13_873_365, 89)
    );
    let copilot = &t.tools[1];
    assert_eq!(
        (copilot.input_tokens, copilot.output_tokens, copilot.people),
        (228_608_990, 1_619_787, 24)
    );
    let claude = &t.tools[2];
    assert_eq!(
        (claude.input_tokens, claude.output_tokens, claude.people),
        (169_253_755, 10_338_379, 55)
    );
    assert_eq!(
        figure(&t.figures, "input_tokens_per_active_user_week"),
        Some(768_067_500.0 / 116.0)
    );
    assert_eq!(
        figure(&t.figures, "output_tokens_per_active_user_week"),
        Some(25_831_531.0 / 116.0)
    );
    assert_eq!(
        figure(&t.figures, "output_input_ratio"),
        Some(25_831_531.0 / 768_067_500.0)
    );
    assert!(t.action.as_deref().is_some_and(
        |a| a.starts_with("GitHub Copilot sends 9,525,375 input tokens per active person")
    ));
    // Only Engineering has 5+ people with token data (91 before Claude Code, 16 more with it);
    // 5 small groups are hidden (Operations joins them with its 2 Claude Code users).
    assert_eq!(t.departments[0].department, "Engineering");
    assert_eq!(t.departments[0].people, Some(107));
    assert_eq!(t.suppressed_departments, 5);
    // Seat cost allocation: every department but Operations and Legal is shown.
    assert_eq!(t.suppressed_seat_cost_groups, 2);

    // Models, Users CSV: gpt-5-thinking 2,622 + o3 289 of 7,107 messages.
    let m = &r.models;
    assert_eq!(
        figure(&m.figures, "advanced_model_share"),
        Some(2911.0 / 7107.0)
    );
    assert_eq!(
        figure(&m.figures, "advanced_model_session_share"),
        Some(0.75)
    );
    let names: Vec<&str> = m.series.iter().map(|s| s.model.as_str()).collect();
    assert_eq!(
        names,
        vec!["gpt-5", "gpt-5-thinking", "gpt-4o", "gpt-4.1", "o3"]
    );
    assert_eq!(m.weeks.len(), 14);
    assert!(m
        .action
        .as_deref()
        .is_some_and(|a| a
            .starts_with("59 % of messages still go to standard models (gpt-5 alone takes 42 %)")));

    // Departments: ChatGPT sessions of the logged members, the same 176 sessions of 37 people
    // and 803 messages as the Sessions view across the organisation.
    let d = &r.department_usage;
    assert_eq!(d.basis, UsageBasis::Sessions);
    let org = d.organisation.as_ref().expect("organisation");
    assert_eq!((org.session_people, org.sessions), (Some(37), Some(176)));
    assert_eq!(org.messages_per_session, Some(803.0 / 176.0));
    let eng = &d.rows[0];
    assert_eq!(
        (
            eng.department.as_str(),
            eng.seats,
            eng.session_people,
            eng.sessions
        ),
        ("Engineering", Some(134), Some(17), Some(111))
    );
    // Legal (4 seats) is hidden, and Operations with it; Marketing, People, Sales and Finance
    // have enough seats but fewer than 5 people with a session this week (the group size is
    // the smaller of the two), so only Engineering and Customer Support are placed.
    let hidden: Vec<&str> = d
        .rows
        .iter()
        .filter(|r| r.suppressed)
        .map(|r| r.department.as_str())
        .collect();
    assert_eq!(
        hidden,
        vec![
            "Marketing",
            "People",
            "Sales",
            "Finance",
            "Legal",
            "Operations"
        ]
    );
    assert_eq!(d.suppressed_groups, 6);
    let action = d.action.as_deref().unwrap_or_default();
    assert!(
        action.starts_with("Customer Support has the longest sessions (6.8 messages"),
        "{action}"
    );
}
