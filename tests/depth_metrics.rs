//! Session depth, prompt quality and timing, worked out by hand on
//! tests/fixtures/depth/compliance.jsonl (ChatGPT compliance log) + hris.csv.
//!
//! Only the log (and HRIS) is loaded, so weeks start on Monday and come from the events' days:
//! W1 = 2026-05-04 … 05-10, W2 = 05-11 … 05-17 (headline). 05-18 starts an incomplete week.
//! Departments: Engineering = ann, ben, cat; Sales = dan, eli; Legal = fay.
//!
//! User-authored ChatGPT messages (time UTC, length in characters):
//!
//! | who | W1                                  | W2                                                        |
//! |-----|-------------------------------------|-----------------------------------------------------------|
//! | ann | Mon 09:00 100, 09:10 100, 09:25 100 | Mon 09:00 20, 09:29:59 60, 10:00 250, 10:20 40; Wed 14:00 100 |
//! | ben | Tue 10:00 30                        | Tue 15:00 10, 15:30 300                                   |
//! | cat |                                     | Sat 11:00 600; Sun 23:50 50, (Mon 05-18 00:05 201)        |
//! | dan |                                     | Thu 08:00 200, 08:05 49 (exported twice), 08:10 30, 08:15 80 |
//! | eli |                                     | Fri 16:00 150                                             |
//! | fay |                                     | Fri 17:00 5                                               |
//!
//! Also: assistant replies (Mon 05-04 09:00:20, and Mon 05-11 09:45 between ann's messages,
//! which would bridge her 30:01 gap if it counted), and one Codex prompt of ann's on Mon 05-11
//! 11:00 (a session on another tool).

mod common;

use common::{report, value};
use uptake::engine::date::WeekStart;
use uptake::engine::facts::Tool;
use uptake::engine::settings::Settings;
use uptake::engine::Report;

const LOG: &str = "depth/compliance.jsonl";
const HRIS: &str = "depth/hris.csv";

fn sample(settings: &Settings) -> Report {
    report(&[HRIS, LOG], settings)
}

fn section(figures: &[uptake::engine::report::Figure], id: &str) -> Option<f64> {
    figures
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no figure {id}"))
        .value
}

#[test]
fn weeks_come_from_the_log() {
    let r = sample(&Settings::default());
    assert_eq!(r.week_start, WeekStart::Monday);
    assert_eq!(
        r.headline_week.map(|w| w.first.to_string()).as_deref(),
        Some("2026-05-11")
    );
}

#[test]
fn sessions_and_depth_of_the_headline_week() {
    let r = sample(&Settings::default());
    // Sessions in W2 (30-minute gap; a gap of exactly 30:00 starts a new session):
    //   ann: [09:00, 09:29:59] [10:00, 10:20] (30:01 gap; the assistant reply does not bridge
    //        it) [Wed 14:00] = 3 sessions, 5 messages
    //   ben: [15:00] [15:30] (exactly 30 min) = 2 sessions, 2 messages
    //   cat: [Sat 11:00] [Sun 23:50, Mon 00:05] = 2 sessions starting in W2, 3 messages
    //   dan: [08:00 … 08:15] = 1 session, 4 messages (the duplicate export counts once)
    //   eli 1, fay 1.
    // Sessions 3 + 2 + 2 + 1 + 1 + 1 = 10; active people 6 (ann counted once for two days).
    assert_eq!(value(&r, "sessions_per_active_user_week"), Some(10.0 / 6.0));
    // Session messages 5 + 2 + 3 + 4 + 1 + 1 = 16 over 10 sessions (a ratio of sums).
    assert_eq!(value(&r, "messages_per_session"), Some(1.6));
    let depth = &r.depth;
    // Messages sent in W2 by timestamp: 5 + 2 + 2 (cat's 00:05 is W3) + 4 + 1 + 1 = 15 over 6.
    assert_eq!(
        section(&depth.figures, "messages_per_active_user_week"),
        Some(2.5)
    );
    // One-message sessions: ann Wed, ben ×2, cat Sat, eli, fay = 6 of 10.
    assert_eq!(
        section(&depth.figures, "single_message_session_share"),
        Some(0.6)
    );
    assert!(depth.needs.is_none());
    assert!(depth.action.as_deref().unwrap_or("").contains("60 %"));
}

#[test]
fn weekly_trend_and_verdict() {
    let r = sample(&Settings::default());
    let weeks = &r.depth.weeks;
    assert_eq!(weeks.len(), 2);
    // W1: ann one session of 3 (09:00, 09:10, 09:25), ben one of 1: 2 sessions, 2 people.
    assert_eq!(weeks[0].sessions, 2);
    assert_eq!(weeks[0].active_people, 2);
    assert_eq!(weeks[0].sessions_per_active_user, Some(1.0));
    assert_eq!(weeks[0].messages_per_session, Some(2.0));
    assert_eq!(weeks[1].sessions, 10);
    assert_eq!(weeks[1].messages, 15);
    assert_eq!(weeks[1].session_messages, 16);
    // No week 14 weeks back: the verdict compares with the first measured week (W1).
    // Sessions per person 1.0 → 1.7 rise, messages per session 2.0 → 1.6 fall.
    let verdict = r.depth.verdict.as_deref().expect("a verdict");
    assert!(
        verdict.starts_with("Sessions rise but depth does not since the week of 2026-05-04"),
        "{verdict}"
    );
    assert!(
        verdict.contains("1.0 → 1.7 sessions per person"),
        "{verdict}"
    );
    assert!(
        verdict.contains("2.0 → 1.6 messages per session"),
        "{verdict}"
    );
}

#[test]
fn the_session_gap_is_a_setting() {
    // With a 31-minute gap, ann's 30:01 gap and ben's 30:00 gap no longer split sessions:
    // ann 2 (Mon, Wed), ben 1, cat 2, dan 1, eli 1, fay 1 = 8 sessions over 6 people.
    let settings = Settings {
        session_gap_minutes: 31,
        ..Settings::default()
    };
    let r = sample(&settings);
    assert_eq!(value(&r, "sessions_per_active_user_week"), Some(8.0 / 6.0));
    assert_eq!(value(&r, "messages_per_session"), Some(2.0));
}

#[test]
fn other_tools_get_their_own_row() {
    let r = sample(&Settings::default());
    let codex = r
        .depth
        .tools
        .iter()
        .find(|t| t.tool == Tool::Codex)
        .expect("a Codex row");
    // ann's one Codex prompt: 1 session, 1 person; it is not in the ChatGPT figures above.
    assert_eq!((codex.active_people, codex.sessions), (1, 1));
    let chat = &r.depth.tools[0];
    assert_eq!(
        (chat.tool, chat.sessions, chat.active_people),
        (Tool::Chatgpt, 10, 6)
    );
}

#[test]
fn prompt_length_of_the_headline_week() {
    let r = sample(&Settings::default());
    // W2 prompts by timestamp (15): 20 60 250 40 100 | 10 300 | 600 50 | 200 49 30 80 | 150 | 5
    // Σ = 1944 → 1944 / 15 = 129.6 characters.
    assert_eq!(value(&r, "avg_prompt_chars"), Some(129.6));
    // Under 50: 20 40 10 49 30 5 = 6 → 0.4 (50 itself is 50–200).
    // Over 200: 250 300 600 = 3 → 0.2 (200 itself is 50–200).
    assert_eq!(section(&r.prompts.figures, "short_prompt_share"), Some(0.4));
    assert_eq!(section(&r.prompts.figures, "long_prompt_share"), Some(0.2));
    // W1: 100 100 100 30 → 330 / 4 = 82.5.
    let trend: Vec<Option<f64>> = r.prompts.weeks.iter().map(|w| w.avg_chars).collect();
    assert_eq!(trend, vec![Some(82.5), Some(129.6)]);
    assert!(r.prompts.action.as_deref().unwrap_or("").contains("40 %"));
}

#[test]
fn prompt_mix_by_department_obeys_the_floor() {
    // No seat data is loaded, so a department's size is its senders over the 28 days
    // 04-20 … 05-17: Engineering 3, Sales 2, Legal 1.
    let settings = Settings {
        min_group_size: 2,
        ..Settings::default()
    };
    let r = sample(&settings);
    let p = &r.prompts;
    assert_eq!(p.group_basis, "senders");
    let names: Vec<(&str, bool)> = p
        .departments
        .iter()
        .map(|d| (d.department.as_str(), d.suppressed))
        .collect();
    // Legal (1) is under 2; alone it would be the total minus the others, so the next
    // smallest, Sales (2), is hidden too.
    assert_eq!(
        names,
        vec![("Engineering", false), ("Sales", true), ("Legal", true)]
    );
    let eng = &p.departments[0];
    // Engineering over both weeks: W1 100 100 100 30; W2 20 60 250 40 100 10 300 600 50
    // = 13 prompts, Σ 1760 → 135.38…; under 50: 30 20 40 10 = 4; over 200: 250 300 600 = 3.
    assert_eq!(eng.prompts, Some(13));
    assert_eq!(eng.avg_chars, Some(1760.0 / 13.0));
    assert_eq!(eng.short_share, Some(4.0 / 13.0));
    assert_eq!(eng.medium_share, Some(6.0 / 13.0));
    assert_eq!(eng.long_share, Some(3.0 / 13.0));
    // Hidden rows carry no number at all; the overall total (4 + 15 = 19 prompts) minus
    // Engineering (13) gives Sales + Legal together (6), never one of them.
    for d in &p.departments[1..] {
        assert_eq!(
            (d.group_size, d.prompts, d.avg_chars, d.short_share),
            (None, None, None, None)
        );
    }
    assert_eq!(p.overall.map(|o| o.prompts), Some(19));
    // At the default floor of 5 every department is hidden.
    let r = sample(&Settings::default());
    assert!(r.prompts.departments.iter().all(|d| d.suppressed));
}

#[test]
fn timing_grid_over_the_28_days() {
    let r = sample(&Settings::default());
    let t = &r.timing;
    assert_eq!(t.counts, "messages");
    assert_eq!(
        t.window.map(|w| (w.first.to_string(), w.last.to_string())),
        Some(("2026-04-20".to_string(), "2026-05-17".to_string()))
    );
    // User messages 04-20 … 05-17 (assistant replies and cat's 05-18 message left out), the
    // Codex prompt included: Mon 3 + 5, Tue 1 + 2, Wed 1, Thu 4, Fri 2, Sat 1, Sun 1 = 20.
    assert_eq!(t.weekday_totals, vec![8, 3, 1, 4, 2, 1, 1]);
    assert_eq!(t.weekdays[0], "Monday");
    assert_eq!(t.total, 20);
    // Hours: 08 → 4, 09 → 5, 10 → 3, 11 → 2, 14 → 1, 15 → 2, 16 → 1, 17 → 1, 23 → 1.
    assert_eq!(t.hour_totals[8], 4);
    assert_eq!(t.hour_totals[9], 5);
    assert_eq!(t.hour_totals[10], 3);
    assert_eq!(t.cells[0][9], 5); // Monday 09:00–09:59
    assert_eq!(section(&t.figures, "peak_weekday"), Some(1.0)); // Monday
    assert_eq!(section(&t.figures, "peak_hour_utc"), Some(9.0));
    // Weekend: Sat 1 + Sun 1 = 2 of 20.
    assert_eq!(section(&t.figures, "weekend_share"), Some(0.1));
    assert!(t.action.as_deref().unwrap_or("").contains("09:00 UTC"));
}

#[test]
fn weekday_order_follows_the_week_start() {
    let settings = Settings {
        week_start: Some(WeekStart::Sunday),
        ..Settings::default()
    };
    let r = sample(&settings);
    // Sunday weeks: the headline is 05-10 … 05-16 (05-17 … 05-23 is incomplete).
    assert_eq!(r.timing.weekdays[0], "Sunday");
    assert_eq!(r.timing.weekday_totals[1], 8); // Monday second
}

#[test]
fn without_message_data_every_view_says_what_it_needs() {
    let r = report(&["chatgpt_users_weekly.csv"], &Settings::default());
    let needs = "needs chatgpt.compliance_logs_jsonl";
    assert_eq!(r.depth.needs.as_deref(), Some(needs));
    assert!(r.depth.figures.iter().all(|f| f.value.is_none()));
    assert_eq!(r.prompts.needs.as_deref(), Some(needs));
    assert_eq!(
        r.figure("sessions_per_active_user_week")
            .and_then(|f| f.needs.as_deref()),
        Some(needs)
    );
    assert!(r
        .timing
        .needs
        .as_deref()
        .unwrap_or("")
        .starts_with("needs chatgpt.compliance_logs_jsonl covering"));
    assert!(r.timing.cells.is_empty());
}

#[test]
fn the_sample_organisation_fills_all_three_views() {
    use uptake::engine::dataset::Dataset;
    use uptake::engine::ingest::{ingest, IngestOptions};
    use uptake::engine::sample::{sample_organisation, SAMPLE_SEED};
    let key = common::key();
    let mut data = Dataset::default();
    for (i, file) in sample_organisation(SAMPLE_SEED).iter().enumerate() {
        let options = IngestOptions::new(&key);
        data.add(
            i as u32,
            &file.name,
            file.bytes.len() as u64,
            ingest(&file.bytes[..], &options),
        );
    }
    let r = uptake::engine::metrics::build_report(&data, &Settings::default(), &key.fingerprint());
    // Pinned from the deterministic sample (the browser test reads the same numbers): 37
    // people sent 803 messages in 176 sessions in the headline week 2026-11-08 … 11-14.
    assert_eq!(
        value(&r, "sessions_per_active_user_week"),
        Some(176.0 / 37.0)
    );
    assert_eq!(value(&r, "messages_per_session"), Some(803.0 / 176.0));
    assert_eq!(
        section(&r.depth.figures, "messages_per_active_user_week"),
        Some(803.0 / 37.0)
    );
    assert!(r.depth.verdict.is_some() && r.depth.action.is_some());
    let avg = value(&r, "avg_prompt_chars").expect("prompt length");
    assert!((avg - 93.134).abs() < 0.001, "{avg}");
    assert_eq!(r.prompts.group_basis, "seats");
    // Operations and Legal are under 5 seats; Finance and People hold 14 and 15 seats but fewer
    // than 5 of their people sent a prompt in the 28 days, so their mix is hidden too (the
    // group size is the smaller of seat holders and senders).
    let hidden: Vec<&str> = r
        .prompts
        .departments
        .iter()
        .filter(|d| d.suppressed)
        .map(|d| d.department.as_str())
        .collect();
    assert_eq!(hidden, vec!["People", "Finance", "Legal", "Operations"]);
    // Sunday weeks (the weekly Users CSV): Sunday first; Friday (5) at 15:00 UTC is the peak.
    assert_eq!(r.timing.weekdays[0], "Sunday");
    assert_eq!(section(&r.timing.figures, "peak_weekday"), Some(5.0));
    assert_eq!(section(&r.timing.figures, "peak_hour_utc"), Some(15.0));
    assert!(r.prompts.action.is_some() && r.timing.action.is_some());
}

#[test]
fn without_a_users_export_seats_and_weekly_actives_are_unknown_not_zero() {
    // Only the log and HRIS: six people send messages in W2, but seats, weekly and monthly
    // actives, activation and seat cost come from the ChatGPT Users export, which is not loaded.
    // Each says what it needs instead of showing 0, and the seats trend has no weeks.
    let r = sample(&Settings::default());
    for id in [
        "seats",
        "activated_users",
        "weekly_active_users",
        "monthly_active_users",
        "unused_seats",
        "monthly_seat_cost",
    ] {
        let figure = r.figure(id).expect("defined");
        assert_eq!(figure.value, None, "{id}");
        assert!(
            figure
                .needs
                .as_deref()
                .is_some_and(|n| n.contains("chatgpt.users_csv")),
            "{id}: {:?}",
            figure.needs
        );
    }
    assert!(r.weekly.is_empty());
}
