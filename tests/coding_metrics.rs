//! Codex, Copilot, Cross-tool and People views on hand-worked fixtures (tests/fixtures/coding/).
//! No ChatGPT weekly export is loaded, so weeks run Monday → Sunday over the daily data:
//! 2025-04-14 … 04-20 and the headline week 2025-04-21 … 04-27.
//!
//! | person | dept        | Codex (headline week)                                   | Copilot                                   |
//! |--------|-------------|---------------------------------------------------------|-------------------------------------------|
//! | ann    | Engineering | 04-21 CLI 2 threads 6 turns 3.0 cr; 04-22 IDE 1/4/2.0    | 04-21 + 04-22 vscode/rust, chat; seat     |
//! | ben    | Engineering | 04-23 IDE (JetBrains) 1/2/1.0                           | 04-23 jetbrains/python, completions only  |
//! | cat    | Engineering | 04-24 WEB 2/6/4.0 + GITHUB 1/3/2.0                      | —                                         |
//! | dan    | Sales       | 04-25 DESKTOP_APP 1/1/0.5                               | —                                         |
//! | eli    | Sales       | 04-27 CODEX_SLACK 1/2/1.5                               | —                                         |
//! | fay    | Engineering | —                                                       | 04-24 agent + CLI (2 sessions, 5 prompts) |
//! | gus    | Finance     | —                                                       | seat, last active 2025-03-01 (idle)       |
//! | hal    | Finance     | —                                                       | seat, never used                          |
//! | ivy    | Finance     | —                                                       | seat assigned 2025-04-20, never used      |
//!
//! The week before: ann Codex 04-14 (CLI 1/3/1.0), ben Codex 04-16 (CLI 1/1/0.5), ben Copilot
//! 04-14 (10 suggestions, 5 accepted).

mod common;

use common::value;
use uptake::engine::facts::Tool;
use uptake::engine::settings::Settings;
use uptake::engine::Report;

const ALL: [&str; 5] = [
    "coding/codex_usage.json",
    "coding/codex_review_responses.json",
    "coding/copilot_usage.ndjson",
    "coding/copilot_seats.json",
    "coding/hris.csv",
];

fn floor(n: u32) -> Settings {
    Settings {
        min_group_size: n,
        ..Settings::default()
    }
}

fn report(settings: &Settings) -> Report {
    common::report(&ALL, settings)
}

fn figure(figures: &[uptake::engine::report::Figure], id: &str) -> Option<f64> {
    figures
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
        .value
}

#[test]
fn the_fixtures_load_cleanly_and_the_headline_week_is_monday_to_sunday() {
    let report = report(&Settings::default());
    for source in &report.sources {
        assert_eq!(source.diagnostics.rows_skipped, 0, "{}", source.file_name);
    }
    let week = report.headline_week.expect("a headline week");
    assert_eq!(week.first.to_string(), "2025-04-21");
    assert_eq!(week.last.to_string(), "2025-04-27");
}

#[test]
fn codex_actives_threads_turns_and_credits() {
    let report = report(&Settings::default());
    let codex = &report.codex;
    // Active: ann, ben, cat, dan, eli = 5 distinct people (ann's two days count once).
    assert_eq!(
        figure(&codex.figures, "codex_weekly_active_users"),
        Some(5.0)
    );
    // Credits 3 + 2 + 1 + 6 + 0.5 + 1.5 = 14 over 5 people = 2.8.
    assert_eq!(
        figure(&codex.figures, "codex_credits_per_active_user"),
        Some(2.8)
    );
    // The headline copies the same values.
    assert_eq!(value(&report, "codex_weekly_active_users"), Some(5.0));
    assert_eq!(value(&report, "codex_credits_per_active_user"), Some(2.8));
    // Threads 2 + 1 + 1 + 3 + 1 + 1 = 9; turns 6 + 4 + 2 + 9 + 1 + 2 = 24; 24 / 5 = 4.8.
    assert_eq!(figure(&codex.figures, "codex_threads_week"), Some(9.0));
    assert_eq!(figure(&codex.figures, "codex_turns_week"), Some(24.0));
    assert_eq!(
        figure(&codex.figures, "codex_turns_per_active_user"),
        Some(4.8)
    );
}

#[test]
fn codex_surfaces_follow_the_metrics_md_groups() {
    let report = report(&Settings::default());
    let rows: Vec<(&str, u32, u64, f64)> = report
        .codex
        .surfaces
        .iter()
        .map(|s| (s.surface.as_str(), s.active_people, s.turns, s.credits))
        .collect();
    // IDE = VS Code (ann) + JetBrains (ben): 2 people, 4 + 2 turns, 2 + 1 credits. Other client
    // ids are listed by their id.
    assert_eq!(
        rows,
        vec![
            ("CLI", 1, 6, 3.0),
            ("IDE", 2, 6, 3.0),
            ("Cloud", 1, 6, 4.0),
            ("Desktop", 1, 1, 0.5),
            ("Code review", 1, 3, 2.0),
            ("CODEX_SLACK", 1, 2, 1.5),
        ]
    );
    // Trend: two weeks; CLI 1.0 + 0.5 the week before, 3.0 in the headline week.
    let trend = &report.codex.trend;
    assert_eq!(trend.weeks.len(), 2);
    let cli = trend
        .series
        .iter()
        .find(|s| s.surface == "CLI")
        .expect("CLI");
    assert_eq!(cli.credits, vec![Some(1.5), Some(3.0)]);
    let cloud = trend
        .series
        .iter()
        .find(|s| s.surface == "Cloud")
        .expect("Cloud");
    assert_eq!(cloud.credits, vec![Some(0.0), Some(4.0)]);
}

#[test]
fn codex_review_engagement_is_a_ratio_of_sums() {
    let report = report(&Settings::default());
    let f = &report.codex.figures;
    // Headline week: 04-21 4 reviews, 10 comments, 8 engaged; 04-23 2, 5, replied 0 + reacted 1
    // = 1; 04-27 1, 0, 0. Reviews 7, comments 15, engaged 9: 9 / 15 = 0.6 — not the mean of
    // the daily rates (0.8 + 0.2) / 2 = 0.5.
    assert_eq!(figure(f, "codex_code_reviews_week"), Some(7.0));
    assert_eq!(figure(f, "codex_review_comments_week"), Some(15.0));
    assert_eq!(figure(f, "codex_review_engagement_rate"), Some(0.6));
}

#[test]
fn codex_credits_by_department_obey_the_floor() {
    // Floor 2: Engineering (ann, ben, cat) 12 credits / 3 = 4; Sales (dan, eli) 2 / 2 = 1.
    let report = report(&floor(2));
    let rows: Vec<(&str, bool, Option<u32>, Option<f64>)> = report
        .codex
        .departments
        .iter()
        .map(|d| {
            (
                d.department.as_str(),
                d.suppressed,
                d.active_people,
                d.credits_per_active_person,
            )
        })
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Engineering", false, Some(3), Some(4.0)),
            ("Sales", false, Some(2), Some(1.0)),
        ]
    );
    // The same by HRIS team (Team_Name): ann, ben, cat are Platform; dan, eli EMEA.
    let teams: Vec<(&str, Option<u32>, Option<f64>)> = report
        .codex
        .teams
        .iter()
        .map(|d| {
            (
                d.department.as_str(),
                d.active_people,
                d.credits_per_active_person,
            )
        })
        .collect();
    assert_eq!(
        teams,
        vec![
            ("Platform", Some(3), Some(4.0)),
            ("EMEA", Some(2), Some(1.0))
        ]
    );
    // Floor 3: Sales (2) is hidden, and Engineering with it, or 14 − 12 would reveal Sales.
    let report = common::report(&ALL, &floor(3));
    for d in &report.codex.departments {
        assert!(d.suppressed, "{}", d.department);
        assert_eq!(
            (d.active_people, d.credits, d.credits_per_active_person),
            (None, None, None)
        );
    }
}

#[test]
fn codex_ranking_is_pseudonymous_and_off_in_aggregate_only_mode() {
    let report = report(&Settings::default());
    let ranking = &report.codex.ranking;
    // ann 10 turns, cat 9, then eli 2 (1.5 credits) before ben 2 (1.0), dan 1.
    let turns: Vec<u64> = ranking.iter().map(|r| r.turns).collect();
    assert_eq!(turns, vec![10, 9, 2, 2, 1]);
    assert_eq!(ranking[2].credits, 1.5);
    for row in ranking {
        assert!(row.pseudonym.starts_with("P-") && row.pseudonym.len() == 10);
    }
    let quiet = Settings {
        aggregate_only: true,
        ..Settings::default()
    };
    let report = common::report(&ALL, &quiet);
    assert!(report.codex.ranking.is_empty());
    assert!(report.codex.ranking_hidden);
    assert!(report.people_table.rows.is_empty());
    assert!(report.people_table.hidden);
}

#[test]
fn copilot_active_engaged_and_acceptance() {
    let report = report(&Settings::default());
    let f = &report.copilot.figures;
    // Active: ann, ben, fay (usage rows and seat last activity).
    assert_eq!(figure(f, "copilot_weekly_active_users"), Some(3.0));
    // Engaged: ann (2 days, chat) and fay (agent, CLI); ben completions on one day is not.
    assert_eq!(figure(f, "copilot_engaged_users"), Some(2.0));
    assert_eq!(figure(f, "copilot_engaged_share"), Some(2.0 / 3.0));
    // Σ accepted / Σ suggested = (4 + 8 + 2) / (10 + 10 + 20) = 14 / 40 = 0.35, not the mean
    // of the daily rates (0.4 + 0.8 + 0.1) / 3 ≈ 0.433.
    assert_eq!(figure(f, "copilot_acceptance_rate"), Some(0.35));
    assert_eq!(value(&report, "copilot_acceptance_rate"), Some(0.35));
    // Lines: (16 + 14 + 10) / (40 + 30 + 50) = 40 / 120.
    assert_eq!(
        figure(f, "copilot_acceptance_rate_lines"),
        Some(40.0 / 120.0)
    );
    // CLI: fay, 5 prompts.
    assert_eq!(figure(f, "copilot_cli_users"), Some(1.0));
    assert_eq!(figure(f, "copilot_cli_prompts"), Some(5.0));
}

#[test]
fn copilot_breakdowns_by_ide_language_model_feature() {
    let report = report(&Settings::default());
    let table = |d: &str| {
        report
            .copilot
            .breakdowns
            .iter()
            .find(|t| t.dimension == d)
            .unwrap_or_else(|| panic!("no {d}"))
            .rows
            .iter()
            .map(|r| (r.label.as_str(), r.active_people, r.acceptance_rate))
            .collect::<Vec<_>>()
    };
    // vscode: ann 12 / 20 = 0.6; jetbrains: ben 2 / 20 = 0.1 (same suggestions: the one with
    // more prompts first).
    assert_eq!(
        table("IDE"),
        vec![
            ("vscode", Some(1), Some(0.6)),
            ("jetbrains", Some(1), Some(0.1))
        ]
    );
    assert_eq!(
        table("Language"),
        vec![("rust", Some(1), Some(0.6)), ("python", Some(1), Some(0.1))]
    );
    // One model for every feature: 14 / 40; fay's agent row has no suggestions.
    assert_eq!(table("Model"), vec![("gpt-4.1", Some(3), Some(0.35))]);
    assert_eq!(
        table("Feature"),
        vec![
            ("code_completion", Some(2), Some(0.35)),
            ("agent", Some(1), None)
        ]
    );
}

#[test]
fn copilot_seats_never_used_and_idle() {
    let report = report(&Settings::default());
    let s = &report.copilot.seats;
    // 6 seats: ann, ben, fay used in the 30 days to 04-27; gus last active 03-01 (idle); hal
    // never; ivy never but assigned 04-20, inside the window (not counted as waste yet).
    assert_eq!(
        (s.seats, s.recently_used, s.idle, s.never_used, s.excused),
        (6, 3, 1, 1, 1)
    );
    assert_eq!(s.monthly_cost_of_unused, 38.0);
    let f = &report.copilot.figures;
    assert_eq!(figure(f, "copilot_seats"), Some(6.0));
    assert_eq!(figure(f, "copilot_seats_never_used"), Some(1.0));
    assert_eq!(figure(f, "copilot_seats_idle"), Some(1.0));
    let action = report.copilot.action.as_deref().expect("an action");
    assert!(
        action.starts_with("1 of 6 Copilot seats were never used and 1 have been idle"),
        "{action}"
    );
}

#[test]
fn cross_tool_overlaps_and_department_split() {
    let report = report(&floor(2));
    let x = &report.overlap;
    // Any tool: ann, ben, cat, dan, eli, fay = 6; on both: ann, ben = 2 (not 5 + 3 = 8 people).
    assert_eq!(figure(&x.figures, "ai_active_users_any_tool"), Some(6.0));
    assert_eq!(figure(&x.figures, "multi_tool_users"), Some(2.0));
    assert_eq!(
        (x.any_tool, x.one_tool, x.two_tools, x.three_or_more),
        (6, 4, 2, 0)
    );
    let tools: Vec<(Tool, u32, u32)> = x
        .tools
        .iter()
        .map(|t| (t.tool, t.active_people, t.only_this_tool))
        .collect();
    assert_eq!(tools, vec![(Tool::Codex, 5, 3), (Tool::Copilot, 3, 1)]);
    assert_eq!(x.pairs.len(), 1);
    assert_eq!(x.pairs[0].people, 2);
    // Engineering: 4 active (ann, ben, cat, fay): Codex 3 / 4, Copilot 3 / 4. Sales: dan, eli:
    // Codex 2 / 2, Copilot 0 / 2.
    type Split<'a> = (&'a str, Option<u32>, Vec<Option<f64>>);
    let split: Vec<Split> = x
        .departments
        .iter()
        .map(|d| (d.department.as_str(), d.active_people, d.shares.clone()))
        .collect();
    assert_eq!(
        split,
        vec![
            ("Engineering", Some(4), vec![Some(0.75), Some(0.75)]),
            ("Sales", Some(2), vec![Some(1.0), Some(0.0)]),
        ]
    );
    let action = x.action.as_deref().expect("an action");
    assert!(
        action.starts_with("0 % of Sales's AI-active people use GitHub Copilot"),
        "{action}"
    );
    // Default floor 5: both groups are under it, both hidden.
    let report = common::report(&ALL, &Settings::default());
    assert!(report
        .overlap
        .departments
        .iter()
        .all(|d| d.suppressed && d.shares.iter().all(Option::is_none)));
}

#[test]
fn people_with_two_coding_assistants() {
    let report = report(&Settings::default());
    let d = &report.overlap.dual_coding;
    // Copilot seats: ann, ben, fay, gus, hal, ivy. Codex (no seats; used in the 28 days): ann,
    // ben, cat, dan, eli. Both: ann and ben, each active on both this week.
    assert_eq!((d.people, d.active_on_two), (2, 2));
    assert_eq!(d.combinations.len(), 1);
    assert_eq!(d.combinations[0].tools, "Codex + GitHub Copilot");
    assert_eq!(d.combinations[0].people, 2);
}

#[test]
fn people_table_rows_floor_and_cap() {
    let report = report(&floor(3));
    let p = &report.people_table;
    // Listed: 6 active people + gus, hal, ivy (seats) = 9. Departments by people listed:
    // Engineering 4, Finance 3, Sales 2. Sales is under 3, and Finance (next smallest) is
    // hidden with it so that 9 − 4 cannot reveal Sales.
    assert_eq!(p.total_people, 9);
    assert!(!p.capped);
    let departments: Vec<&str> = p.rows.iter().map(|r| r.department.as_str()).collect();
    assert_eq!(
        departments.iter().filter(|d| **d == "Engineering").count(),
        4
    );
    assert_eq!(
        departments.iter().filter(|d| **d == "Suppressed").count(),
        5
    );
    // Busiest first: ann = Codex turns 6 + 4 + Copilot prompts 5 + 2 + accepted 4 + 8 = 29 in
    // the week; 32 in the 28 days (Codex 04-14: 3 turns). One Copilot seat: $19.
    let ann = &p.rows[0];
    assert_eq!((ann.actions_week, ann.actions_28_days), (29, 32));
    assert_eq!(ann.tools, vec!["Codex", "GitHub Copilot"]);
    assert_eq!(ann.active_tools_week, vec!["Codex", "GitHub Copilot"]);
    assert_eq!(ann.monthly_seat_cost, 19.0);
    assert!(ann.pseudonym.starts_with("P-"));
    // gus, hal, ivy: a seat and no action in 28 days: 3 × $19.
    let action = p.action.as_deref().expect("an action");
    assert!(
        action.starts_with("3 people hold seats with no action in 28 days ($57"),
        "{action}"
    );
    // Default floor 5: every department is under it.
    let report = common::report(&ALL, &Settings::default());
    assert!(report
        .people_table
        .rows
        .iter()
        .all(|r| r.department == "Suppressed"));
}

#[test]
fn no_raw_identifier_reaches_the_coding_sections() {
    let report = report(&floor(2));
    let json = serde_json::to_string(&report).expect("serialisable");
    for raw in [
        "ann@",
        "ann-gh",
        "user-ann",
        "Ann Aalto",
        "gus-gh",
        "hal@example.com",
    ] {
        assert!(
            !json.to_lowercase().contains(&raw.to_lowercase()),
            "{raw} leaked"
        );
    }
}

#[test]
fn views_without_their_data_say_which_export_fills_them() {
    let report = common::report(&["coding/copilot_usage.ndjson"], &Settings::default());
    assert_eq!(
        report.codex.needs.as_deref(),
        Some("needs codex.usage_json (Codex Analytics API usage)")
    );
    assert!(report
        .overlap
        .needs
        .as_deref()
        .is_some_and(|n| n.starts_with("needs usage exports of two tools")));
    let report = common::report(&["coding/codex_usage.json"], &Settings::default());
    assert!(report
        .copilot
        .needs
        .as_deref()
        .is_some_and(|n| n.starts_with("needs copilot.usage_ndjson")));
    assert_eq!(
        report.codex.reviews_needs.as_deref(),
        Some("needs codex.code_reviews_json")
    );
}

/// The sample organisation fills every coding view with plausible numbers (the browser test
/// asserts the same values on the page).
#[test]
fn sample_organisation_fills_the_coding_views() {
    use uptake::engine::dataset::Dataset;
    use uptake::engine::ingest::{ingest, IngestOptions};
    use uptake::engine::metrics::build_report;
    use uptake::engine::sample::{sample_organisation, SAMPLE_SEED};
    let key = common::key();
    let mut data = Dataset::default();
    for (i, file) in sample_organisation(SAMPLE_SEED).iter().enumerate() {
        let outcome = ingest(&file.bytes[..], &IngestOptions::new(&key));
        data.add(i as u32, &file.name, file.bytes.len() as u64, outcome);
    }
    let started = std::time::Instant::now();
    let report = build_report(&data, &Settings::default(), &key.fingerprint());
    eprintln!("build_report: {:?}", started.elapsed());
    let show = |name: &str, figures: &[uptake::engine::report::Figure]| {
        for f in figures {
            eprintln!(
                "{name} {} = {:?} (prev {:?}) {:?}",
                f.id, f.value, f.previous, f.needs
            );
        }
    };
    show("codex", &report.codex.figures);
    show("copilot", &report.copilot.figures);
    show("overlap", &report.overlap.figures);
    eprintln!("codex surfaces {:?}", report.codex.surfaces);
    eprintln!("codex departments {:?}", report.codex.departments);
    eprintln!(
        "codex action {:?} / {:?}",
        report.codex.action, report.codex.reviews_needs
    );
    eprintln!("copilot seats {:?}", report.copilot.seats);
    eprintln!("copilot action {:?}", report.copilot.action);
    for t in &report.copilot.breakdowns {
        eprintln!(
            "copilot {} {:?}",
            t.dimension,
            t.rows
                .iter()
                .map(|r| (&r.label, r.active_people, r.acceptance_rate))
                .collect::<Vec<_>>()
        );
    }
    eprintln!(
        "copilot trend {:?}",
        report
            .copilot
            .trend
            .iter()
            .map(|w| (w.active_people, w.engaged_people, w.acceptance_rate))
            .collect::<Vec<_>>()
    );
    eprintln!(
        "codex trend weeks {} series {:?}",
        report.codex.trend.weeks.len(),
        report
            .codex
            .trend
            .series
            .iter()
            .map(|s| (&s.surface, s.credits.clone()))
            .collect::<Vec<_>>()
    );
    let x = &report.overlap;
    eprintln!(
        "overlap tools {:?} any {} one {} two {} three {}",
        x.tools, x.any_tool, x.one_tool, x.two_tools, x.three_or_more
    );
    eprintln!("overlap pairs {:?}", x.pairs);
    eprintln!("overlap departments {:?}", x.departments);
    eprintln!("overlap dual {:?}", x.dual_coding);
    eprintln!("overlap action {:?}", x.action);
    eprintln!(
        "people {} capped {} action {:?} first {:?}",
        report.people_table.total_people,
        report.people_table.capped,
        report.people_table.action,
        report.people_table.rows.first()
    );
    assert!(report.codex.action.is_some() && report.copilot.action.is_some());
    assert!(report.overlap.action.is_some());
}
