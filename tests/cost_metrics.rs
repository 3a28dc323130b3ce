//! Licences & cost, Credits & budget, Power users & concentration, worked out by hand on small
//! fixtures under tests/fixtures/cost/ (and existing ones), plus the sample organisation.
//!
//! Licences: chatgpt_users_weekly.csv (headline week 2025-04-20 … 04-26; seats ada, bo, cy,
//! dee, fay; dee never active) + cost/hris_logins.csv (dee on leave; GitHub logins) +
//! cost/copilot_seats.json + cost/github_billing.csv:
//!
//! | Copilot seat | last activity | billing            | verdict (unused window 03-28 … 04-26) |
//! |--------------|---------------|--------------------|----------------------------------------|
//! | ada          | 04-22         | 04-21, 04-22       | used, weekly active                    |
//! | bo           | 04-01         | 04-24 (agent)      | used, weekly active (billed request)   |
//! | gus          | 02-10         | 03-20 (outside)    | UNUSED                                 |
//! | dee          | —             |                    | on leave: excused                      |
//! | eve          | — (seat 04-15)|                    | new seat: excused                      |
//! | hal (no HRIS)| 03-01         |                    | UNUSED                                 |
//! | ivy (no HRIS)| 04-10         |                    | used                                   |

mod common;

use common::report;
use uptake::engine::dataset::Dataset;
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::metrics::build_report;
use uptake::engine::sample::{sample_organisation, SAMPLE_SEED};
use uptake::engine::settings::Settings;
use uptake::engine::Report;

fn sample_report(settings: &Settings) -> Report {
    let key = common::key();
    let mut data = Dataset::default();
    for (i, file) in sample_organisation(SAMPLE_SEED).iter().enumerate() {
        let outcome = ingest(&file.bytes[..], &IngestOptions::new(&key));
        data.add(i as u32, &file.name, file.bytes.len() as u64, outcome);
    }
    build_report(&data, settings, &key.fingerprint())
}

fn section(figures: &[uptake::engine::report::Figure], id: &str) -> Option<f64> {
    figures
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
        .value
}

const USERS: &str = "chatgpt_users_weekly.csv";
const HRIS: &str = "cost/hris_logins.csv";
const SEATS: &str = "cost/copilot_seats.json";
const BILLING: &str = "cost/github_billing.csv";
const POWER: &str = "cost/users_power.csv";

fn close(a: Option<f64>, b: f64) {
    let a = a.unwrap_or_else(|| panic!("expected {b}, found nothing"));
    assert!((a - b).abs() < 1e-9, "expected {b}, found {a}");
}

#[test]
fn licences_cover_every_tool_with_seats() {
    let r = report(&[USERS, HRIS, SEATS, BILLING], &Settings::default());
    let l = &r.licences;
    let tools: Vec<(&str, u32, Option<u32>, u32)> = l
        .tools
        .iter()
        .map(|t| (t.label.as_str(), t.seats, t.weekly_active, t.unused))
        .collect();
    // ChatGPT: 5 seats, weekly active ada, cy, fay = 3; dee idle but on leave → 0 unused.
    // Copilot: 7 seats; weekly active ada (04-22) and bo (billed 04-24) = 2; unused gus, hal.
    assert_eq!(
        tools,
        vec![
            ("ChatGPT", 5, Some(3), 0),
            ("GitHub Copilot", 7, Some(2), 2)
        ]
    );
    // 5 + 7 seats (one person with two tools holds two seats).
    assert_eq!(section(&l.figures, "seats_all_tools"), Some(12.0));
    // 5 × $30 + 7 × $19 = 150 + 133 = 283.
    assert_eq!(section(&l.figures, "monthly_seat_cost"), Some(283.0));
    assert_eq!(section(&l.figures, "unused_seats"), Some(2.0));
    // The Overview's headline figures are these all-tool ones (not ChatGPT's 150 and 0).
    assert_eq!(
        r.figure("monthly_seat_cost").and_then(|f| f.value),
        Some(283.0)
    );
    assert_eq!(r.figure("unused_seats").and_then(|f| f.value), Some(2.0));
    // Usage in the 28 days 03-30 … 04-26: net 0.40 + 0 (within quota) + 0.80 = 1.20; gus's
    // $4.00 on 03-20 is outside. The gross $0.20 of the included request is never added.
    close(section(&l.figures, "usage_cost_month"), 1.2);
    // Monthly active people, distinct across tools: ChatGPT ada, bo, cy, fay; Copilot ada,
    // bo, ivy → 5 people (not 4 + 3 = 7). (283 + 1.20) / 5 = 56.84.
    close(section(&l.figures, "cost_per_active_user"), 284.2 / 5.0);
    // Unused Copilot seats cost 2 × $19 = $38 a month: the action names them.
    let action = l.action.as_deref().unwrap_or("");
    assert!(
        action.starts_with("Reclaim 2 unused GitHub Copilot seats ($38/month"),
        "{action}"
    );
}

#[test]
fn chatgpt_only_licences_match_the_overview_arithmetic() {
    let r = report(&[USERS], &Settings::default());
    let f = &r.licences.figures;
    // 5 seats × $30 = $150; no HRIS: dee (never active) is unused; 150 / 4 monthly active.
    assert_eq!(section(f, "monthly_seat_cost"), Some(150.0));
    assert_eq!(section(f, "unused_seats"), Some(1.0));
    assert_eq!(section(f, "cost_per_active_user"), Some(37.5));
    // No usage export: the usage cost says what would give it.
    assert_eq!(section(f, "usage_cost_month"), None);
}

#[test]
fn licence_departments_obey_the_floor_per_tool() {
    let settings = Settings {
        min_group_size: 3,
        ..Settings::default()
    };
    let r = report(&[USERS, HRIS, SEATS, BILLING], &settings);
    let rows: Vec<(&str, &str, bool, Option<u32>)> = r
        .licences
        .departments
        .iter()
        .map(|d| {
            (
                d.tool_label.as_str(),
                d.department.as_str(),
                d.suppressed,
                d.seats,
            )
        })
        .collect();
    // ChatGPT: Engineering 3 (ada, bo, fay), Sales 2 (cy, dee). Sales is under 3, and alone
    // it would be 5 − 3: Engineering is hidden with it. Copilot: Engineering 2, Sales 2
    // (dee, eve), Unassigned 2 (hal, ivy), Finance 1: all under 3, all hidden.
    assert_eq!(
        rows,
        vec![
            ("ChatGPT", "Engineering", true, None),
            ("ChatGPT", "Sales", true, None),
            ("GitHub Copilot", "Engineering", true, None),
            ("GitHub Copilot", "Sales", true, None),
            ("GitHub Copilot", "Unassigned", true, None),
            ("GitHub Copilot", "Finance", true, None),
        ]
    );
    // Floor 2: only Finance (1) is small; the next smallest (Engineering, 2) goes with it so
    // 7 − shown (Sales 2 + Unassigned 2) = 3 cannot be split back into Finance.
    let settings = Settings {
        min_group_size: 2,
        ..Settings::default()
    };
    let r = report(&[USERS, HRIS, SEATS, BILLING], &settings);
    let copilot: Vec<(&str, bool, Option<u32>, Option<f64>)> = r
        .licences
        .departments
        .iter()
        .filter(|d| d.tool_label == "GitHub Copilot")
        .map(|d| (d.department.as_str(), d.suppressed, d.seats, d.monthly_cost))
        .collect();
    assert_eq!(
        copilot,
        vec![
            ("Engineering", true, None, None),
            ("Sales", false, Some(2), Some(38.0)),
            ("Unassigned", false, Some(2), Some(38.0)),
            ("Finance", true, None, None),
        ]
    );
}

#[test]
fn credits_and_budget_of_the_month() {
    let settings = Settings {
        budgets: vec![uptake::engine::settings::Budget {
            tool: uptake::engine::facts::Tool::Copilot,
            monthly_usd: 1.6,
        }],
        ..Settings::default()
    };
    let r = report(&[BILLING], &settings);
    let c = &r.credits;
    // Last usage day 2025-04-24: April, 24 days elapsed of 30.
    assert_eq!(
        c.month.map(|m| (m.first.to_string(), m.last.to_string())),
        Some(("2025-04-01".into(), "2025-04-24".into()))
    );
    assert_eq!((c.days_elapsed, c.days_in_month), (24, 30));
    // Net billed in April: 0.40 + 0 + 0.80 = 1.20 (March's $4 is another month).
    close(section(&c.figures, "usage_cost_month_to_date"), 1.2);
    // Credits (aic_quantity): 10 + 5 + 20 = 35.
    close(section(&c.figures, "credits_month_to_date"), 35.0);
    // Linear: 1.20 / 24 × 30 = 1.50.
    close(section(&c.figures, "projected_month_end_cost"), 1.5);
    // Budget $1.60: 1.20 / 1.60 = 75 % used → the 75 % alert only; $0.40 remaining.
    close(section(&c.figures, "budget_used_share"), 0.75);
    let b = &c.budgets[0];
    assert_eq!(b.alerts, vec![75]);
    close(b.remaining, 0.4);
    close(b.projected_share, 1.5 / 1.6);
    // By model: Claude Opus 10 requests $0.40, GPT-5.4 5 requests $0 billed (gross $0.20).
    let opus = c
        .by_model
        .iter()
        .find(|m| m.label == "Claude Opus 4.6")
        .expect("opus");
    assert_eq!((opus.quantity, opus.credits), (10.0, 10.0));
    close(Some(opus.usd), 0.4);
    let gpt = c
        .by_model
        .iter()
        .find(|m| m.label == "GPT-5.4")
        .expect("gpt");
    close(Some(gpt.usd), 0.0);
    close(Some(gpt.gross_usd), 0.2);
    // By surface (SKU): premium requests 0.40, coding agent 0.80.
    let skus: Vec<(&str, f64)> = c
        .by_surface
        .iter()
        .map(|s| (s.label.as_str(), s.usd))
        .collect();
    assert_eq!(skus.len(), 2);
    assert!(
        c.action
            .as_deref()
            .unwrap_or("")
            .contains("GitHub Copilot has used $1.20 (75 %) of its $1.60 budget by day 24 of 30"),
        "{:?}",
        c.action
    );
    // A $1.20 budget is used up: every alert.
    let settings = Settings {
        budgets: vec![uptake::engine::settings::Budget {
            tool: uptake::engine::facts::Tool::Copilot,
            monthly_usd: 1.2,
        }],
        ..Settings::default()
    };
    let r = report(&[BILLING], &settings);
    assert_eq!(r.credits.budgets[0].alerts, vec![75, 90, 100]);
    // No budget: the figure says so, the action asks for one.
    let r = report(&[BILLING], &Settings::default());
    let used = r
        .credits
        .figures
        .iter()
        .find(|f| f.id == "budget_used_share")
        .expect("figure");
    assert_eq!(used.value, None);
    assert!(used.needs.as_deref().unwrap_or("").contains("Settings"));
    assert!(r
        .credits
        .action
        .as_deref()
        .unwrap_or("")
        .contains("with no budget"));
}

#[test]
fn power_users_and_concentration() {
    // One week, ten active people, messages 0, 1, 2, 3, 5, 8, 13, 80, 90, 200 (total 402).
    // Nine senders: top 20 % = ⌈1.8⌉ = 2 → cut-off 90: p9 (90) and p10 (200), both ≥ 75
    // messages and with 3 GPTs/tools/projects. p8 sent 80 (≥ 75) but is not in the top 20 %.
    let r = report(&[POWER], &Settings::default());
    let f = &r.concentration.figures;
    assert_eq!(section(f, "power_users"), Some(2.0));
    // 2 / 10 weekly active (p1 is active with no message, and counts).
    assert_eq!(section(f, "power_user_share"), Some(0.2));
    // Top 10 % = ⌈0.9⌉ = 1 sender: 200 / 402.
    close(section(f, "top10_message_share"), 200.0 / 402.0);
    // Gini: Σ(2i − 11)·xᵢ = −7 −10 −9 −5 +8 +39 +400 +630 +1800 = 2846; / (10 × 402).
    close(section(f, "messages_gini"), 2846.0 / 4020.0);
    // Lorenz: the lightest half send 0+1+2+3+5 = 11; the lightest 90 % send 202.
    let l = &r.concentration.lorenz;
    assert_eq!(l.len(), 11);
    close(Some(l[5].message_share), 11.0 / 402.0);
    close(Some(l[9].message_share), 202.0 / 402.0);
    close(Some(l[10].message_share), 1.0);
    assert_eq!(r.concentration.top_share_cutoff, Some(90));
    // p10 has 3 (GPT, tool, project), p9 3 (2 GPTs, 1 tool): at 4 neither qualifies.
    let strict = Settings {
        power_min_tools: 4,
        ..Settings::default()
    };
    let r = report(&[POWER], &strict);
    assert_eq!(section(&r.concentration.figures, "power_users"), Some(0.0));
    assert!(r
        .concentration
        .action
        .as_deref()
        .unwrap_or("")
        .starts_with("No one meets the power-user bar"));
}

#[test]
fn the_sample_organisation_fills_all_three_views() {
    let r = sample_report(&Settings::default());
    let l = &r.licences.figures;
    // ChatGPT 324 × $30 + Copilot 131 × $19 + Microsoft 365 Copilot 49 × $30 (the licences of
    // its 2026-11-14 refresh) + Cursor 66 × $40 (the distinct emails of cursor-daily-usage.json,
    // counted with a JSON reader outside Uptake: 60 with an active day, 6 only ever idle)
    // = 9,720 + 2,489 + 1,470 + 2,640 = 16,319. Claude Code and the Gemini audit log carry no
    // seats.
    assert_eq!(section(l, "monthly_seat_cost"), Some(16_319.0));
    // ChatGPT 42 + Copilot 13 + Microsoft 365 Copilot 8: of its 49 licences, 40 have a last
    // activity date in the 30 days to 14 Nov; of the other 9 (5 never used, 4 last used in
    // July or September), 1 holder is on leave per the HRIS and is not counted. Cursor 8: of
    // its 66 members, 58 have an active day in the 30 days 16 Oct to 14 Nov in the daily file
    // (one of them last on 16 Oct itself; none more in the usage events); the 8 others (the 6
    // only ever idle, and two last active on 7 and 8 Oct) are at work per the HRIS, none hired
    // since 16 Oct.
    assert_eq!(section(l, "unused_seats"), Some(71.0));
    assert!(section(l, "cost_per_active_user").is_some());
    assert!(r
        .licences
        .action
        .as_deref()
        .unwrap_or("")
        .starts_with("Reclaim 42 unused ChatGPT seats ($1,260/month"));
    // The 13 + 8 + 8 = 29 others.
    assert!(r
        .licences
        .action
        .as_deref()
        .unwrap_or("")
        .contains("(29 more unused on other tools)"));
    let c = &r.credits.figures;
    assert!(section(c, "usage_cost_month_to_date").unwrap_or(0.0) > 0.0);
    assert!(r.credits.action.is_some());
    let p = &r.concentration.figures;
    assert_eq!(section(p, "power_users"), Some(25.0));
    close(section(p, "power_user_share"), 25.0 / 208.0);
    assert_eq!(r.concentration.weekly.len(), 14);
    // Legal (4 people) is suppressed everywhere.
    assert!(r
        .concentration
        .departments
        .iter()
        .any(|d| d.department == "Legal" && d.suppressed));
    assert!(r
        .licences
        .departments
        .iter()
        .filter(|d| d.department == "Legal")
        .all(|d| d.suppressed && d.seats.is_none()));
}

#[test]
fn premium_requests_by_model_carry_their_multiplier() {
    let r = report(&[BILLING], &Settings::default());
    let row = |label: &str| {
        r.credits
            .by_model
            .iter()
            .find(|m| m.label == label)
            .unwrap_or_else(|| panic!("{label}"))
    };
    // April: Claude Opus 4.6 10 premium requests at ×3 (settings default) = 10 / 3 requests
    // made; GPT-5.4 5 at ×1 = 5; the coding agent 20 at ×1 = 20.
    let opus = row("Claude Opus 4.6");
    assert_eq!(opus.multiplier, Some(3.0));
    close(opus.requests, 10.0 / 3.0);
    assert_eq!(
        (row("GPT-5.4").multiplier, row("GPT-5.4").requests),
        (Some(1.0), Some(5.0))
    );
    assert_eq!(row("Coding Agent model").requests, Some(20.0));
    // An edited table: Opus at ×10 → 1 request.
    let settings = Settings {
        model_multipliers: vec![uptake::engine::settings::ModelMultiplier {
            prefix: "claude opus".into(),
            multiplier: 10.0,
        }],
        ..Settings::default()
    };
    let r = report(&[BILLING], &settings);
    let opus = r
        .credits
        .by_model
        .iter()
        .find(|m| m.label == "Claude Opus 4.6")
        .expect("opus");
    assert_eq!((opus.multiplier, opus.requests), (Some(10.0), Some(1.0)));
}

#[test]
fn department_budgets_attribute_usage_through_people() {
    let budgets = |floor: u32| Settings {
        min_group_size: floor,
        department_budgets: vec![
            uptake::engine::settings::DepartmentBudget {
                department: "Engineering".into(),
                monthly_usd: 1.0,
            },
            uptake::engine::settings::DepartmentBudget {
                department: "Sales".into(),
                monthly_usd: 50.0,
            },
        ],
        ..Settings::default()
    };
    // April's billed usage by login, linked through the HRIS GitHub_Login column: octo-ada
    // (Ada, Engineering) $0.40 + $0 = $0.40; mona-bo (Bo, Engineering) $0.80. Engineering:
    // 2 people, $1.20 of a $1.00 budget = 120 % (every alert), projected 1.20 / 24 × 30 =
    // $1.50 = 150 %. Sales has a budget and no usage: $0 used, nothing to hide.
    let r = report(&[BILLING, HRIS], &budgets(2));
    let d = &r.credits.department_budgets;
    let eng = d
        .iter()
        .find(|b| b.department == "Engineering")
        .expect("eng");
    assert!(!eng.suppressed);
    assert_eq!(eng.people, Some(2));
    close(eng.used, 1.2);
    close(eng.used_share, 1.2);
    close(eng.projected, 1.5);
    close(eng.remaining, -0.2);
    assert_eq!(eng.alerts, vec![75, 90, 100]);
    let sales = d.iter().find(|b| b.department == "Sales").expect("sales");
    assert_eq!(
        (sales.people, sales.used, sales.alerts.len()),
        (Some(0), Some(0.0), 0)
    );
    assert_eq!(r.credits.unattributed_usd, 0.0);
    assert!(
        r.credits
            .action
            .as_deref()
            .unwrap_or("")
            .starts_with("Engineering has used $1.20 (120 %) of its $1.00 AI budget by day 24 of 30 and will overrun it at $1.50 projected (150 %)"),
        "{:?}",
        r.credits.action
    );
    // Floor 3: Engineering's 2 people are too few; its usage is hidden (the budget stays).
    let r = report(&[BILLING, HRIS], &budgets(3));
    let eng = r
        .credits
        .department_budgets
        .iter()
        .find(|b| b.department == "Engineering")
        .expect("eng");
    assert!(eng.suppressed);
    assert_eq!((eng.people, eng.used, eng.used_share), (None, None, None));
    assert!(eng.alerts.is_empty());
    assert_eq!(eng.budget, Some(1.0));
}
