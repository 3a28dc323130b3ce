//! Granularity: every trend cut by hour, day, week or calendar month, each point recounted from
//! person rows for its bucket (never a sum of finer buckets), and a source coarser than the
//! grain keeping its own grain with a note (a weekly row is never split into days).
//!
//! tests/fixtures/grain/compliance.jsonl: nine ChatGPT user messages (UTC).
//!
//! | # | person | at                   | Monday week   | month |
//! |---|--------|----------------------|---------------|-------|
//! | 1 | ann    | Mon 2026-09-28 09:15 | W1 28 Sep     | Sep   |
//! | 2 | ann    | Mon 2026-09-28 09:40 | W1            | Sep   |
//! | 3 | ben    | Mon 2026-09-28 09:50 | W1            | Sep   |
//! | 4 | ann    | Tue 2026-09-29 14:05 | W1            | Sep   |
//! | 5 | cat    | Thu 2026-10-01 08:00 | W1            | Oct   |
//! | 6 | ben    | Thu 2026-10-01 08:30 | W1            | Oct   |
//! | 7 | ann    | Mon 2026-10-05 10:00 | W2 5 Oct      | Oct   |
//! | 8 | cat    | Sat 2026-10-31 23:59 | W5 26 Oct     | Oct   |
//! | 9 | ann    | Sun 2026-11-01 00:10 | W5            | Nov   |
//!
//! The data runs Mon 28 Sep to Sun 1 Nov: five whole Monday weeks (no Users export, so weeks
//! start on Monday), 35 days, and one whole calendar month (October).

mod common;

use common::dataset;
use uptake::engine::metrics::build_report_for;
use uptake::engine::query::{Grain, Query};
use uptake::engine::settings::Settings;
use uptake::engine::Report;

fn report(files: &[&str], grain: Grain) -> Report {
    let query = Query {
        grain,
        ..Query::default()
    };
    build_report_for(&dataset(files), &Settings::default(), &query, "test")
}

/// The any-tool count of each point of the activity series.
fn people(r: &Report) -> Vec<u32> {
    r.activity
        .points
        .iter()
        .map(|p| p.by_tool[0].expect("ChatGPT covers every bucket"))
        .collect()
}

#[test]
fn by_week_each_week_counts_distinct_people() {
    let r = report(&["grain/compliance.jsonl"], Grain::Week);
    assert_eq!(r.activity.grain, Grain::Week);
    // W1: ann, ben, cat = 3 (six messages, and 2 + 1 + 2 people on its active days: never
    // summed); W2: ann = 1; W3, W4: nobody; W5: cat, ann = 2.
    assert_eq!(people(&r), vec![3, 1, 0, 0, 2]);
    assert_eq!(r.trend.daily.grain, Grain::Week);
    assert_eq!(r.prompts.weeks.len(), 5);
    // Prompts per week: W1 6, W2 1, W5 2.
    let prompts: Vec<u64> = r.prompts.weeks.iter().map(|w| w.prompts).collect();
    assert_eq!(prompts, vec![6, 1, 0, 0, 2]);
}

#[test]
fn by_day_every_day_of_the_data_with_distinct_people() {
    let r = report(&["grain/compliance.jsonl"], Grain::Day);
    assert_eq!(r.activity.grain, Grain::Day);
    assert_eq!(r.activity.note, None);
    let counts = people(&r);
    // 28 Sep … 1 Nov = 3 days of September + 31 of October + 1 of November = 35 days.
    assert_eq!(counts.len(), 35);
    // 28 Sep: ann (twice), ben = 2; 29 Sep: ann = 1; 30 Sep: 0; 1 Oct: cat, ben = 2;
    // 5 Oct (index 7): ann = 1; 31 Oct (index 33): cat = 1; 1 Nov (index 34): ann = 1.
    assert_eq!(&counts[..8], &[2, 1, 0, 2, 0, 0, 0, 1]);
    assert_eq!(counts[33], 1);
    assert_eq!(counts[34], 1);
    assert_eq!(counts.iter().sum::<u32>(), 8);
    // The prompt trend follows the grain: 35 days, 9 prompts in all.
    assert_eq!(r.trend.daily.grain, Grain::Day);
    assert_eq!(r.prompts.weeks.len(), 35);
    assert_eq!(r.prompts.weeks.iter().map(|w| w.prompts).sum::<u64>(), 9);
    // Session depth too: 28 Sep has ann's session (09:15 and 09:40, 25 min apart, under the
    // 30-minute gap) and ben's: 2 sessions for 2 people.
    let first = &r.depth.weeks[0];
    assert_eq!((first.active_people, first.sessions), (2, 2));
    // The headline figures stay weekly.
    assert_eq!(r.headline_week, r.trend.rows.spans.last().copied());
}

#[test]
fn by_month_only_the_calendar_months_the_data_covers_entirely() {
    let r = report(&["grain/compliance.jsonl"], Grain::Month);
    assert_eq!(r.activity.grain, Grain::Month);
    // September is left out (the data starts on the 28th: it would be undercounted), and so is
    // November (it ends on the 1st). October: cat, ben, ann = 3 distinct people, where its
    // weeks' counts add up to more (W1 alone has 3, W2 1, W5 2).
    assert_eq!(people(&r), vec![3]);
    assert_eq!(r.activity.note, None);
    assert_eq!(r.trend.daily.grain, Grain::Month);
    // October's prompts: messages 5–8.
    let prompts: Vec<u64> = r.prompts.weeks.iter().map(|w| w.prompts).collect();
    assert_eq!(prompts, vec![4]);
}

#[test]
fn by_hour_the_last_seven_days_of_timestamped_events() {
    let r = report(&["grain/compliance.jsonl"], Grain::Hour);
    assert_eq!(r.activity.grain, Grain::Hour);
    let counts = people(&r);
    // 26 Oct … 1 Nov × 24 hours = 168 buckets; cat at 31 Oct 23:59 is in the 23h bucket of the
    // sixth day (index 5 × 24 + 23 = 143), ann at 1 Nov 00:10 in the first hour of the seventh
    // (index 144).
    assert_eq!(counts.len(), 168);
    assert_eq!(r.activity.points[143].hour, Some(23));
    assert_eq!((counts[143], counts[144]), (1, 1));
    assert_eq!(counts.iter().sum::<u32>(), 2);
    // Other trends cannot be hourly: they are shown by day, and say so.
    assert_eq!(r.trend.daily.grain, Grain::Day);
    assert!(r
        .trend
        .daily
        .note
        .as_deref()
        .is_some_and(|n| n.starts_with("shown by day")));
}

#[test]
fn weekly_users_rows_are_never_split_into_days() {
    // The weekly Users export alone: no daily source, so day grain falls back to weeks, and
    // the activity chart says why.
    let r = report(&["chatgpt_users_weekly.csv"], Grain::Day);
    assert_eq!(r.activity.grain, Grain::Week);
    assert_eq!(r.trend.daily.grain, Grain::Week);
    assert!(r
        .activity
        .note
        .as_deref()
        .is_some_and(|n| n.contains("never split into days")));
    assert_eq!(r.trend.rows.grain, Grain::Week);
    assert!(r
        .trend
        .rows
        .note
        .as_deref()
        .is_some_and(|n| n.contains("one row per person and week")));
    // With the compliance log beside it, the day series has ChatGPT from the messages.
    let both = report(
        &["chatgpt_users_weekly.csv", "grain/compliance.jsonl"],
        Grain::Day,
    );
    assert_eq!(both.activity.grain, Grain::Day);
}

#[test]
fn monthly_users_rows_give_the_model_mix_by_month() {
    // chatgpt_users_monthly.csv: Ada's April 2025 row (gpt-4o 65, o3 30); the date-range row
    // is not a calendar month and is left out.
    let r = report(&["chatgpt_users_monthly.csv"], Grain::Month);
    assert_eq!(r.trend.rows.grain, Grain::Month);
    assert_eq!(r.models.weeks.len(), 1);
    let share = |model: &str| {
        r.models
            .series
            .iter()
            .find(|s| s.model == model)
            .and_then(|s| s.shares[0])
    };
    // 65 / 95 and 30 / 95.
    assert_eq!(share("gpt-4o"), Some(65.0 / 95.0));
    assert_eq!(share("o3"), Some(30.0 / 95.0));
}
