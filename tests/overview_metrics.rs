//! The Overview's figures from a weekly Users CSV and an HRIS file, worked out by hand.
//!
//! tests/fixtures/chatgpt_users_weekly.csv, four weeks (Sunday → Saturday):
//!
//! | person | W1 03-30 | W2 04-06 | W3 04-13 | W4 04-20 (headline) |
//! |--------|----------|----------|----------|---------------------|
//! | ada    | 25       | 30       | idle     | 40 (gpt-4o 30, o3 10) |
//! | bo     | 10       | idle     | 6        | idle                |
//! | cy     | idle     | 4        | idle     | 8                   |
//! | dee    | idle     | idle     | idle     | idle (never active) |
//! | eve    | pending  | pending  | pending  | pending             |
//! | fay    | —        | —        | 12       | 2                   |

mod common;

use common::{report, value};
use uptake::engine::date::WeekStart;
use uptake::engine::settings::Settings;

const USERS: &str = "chatgpt_users_weekly.csv";
const HRIS: &str = "hris_workday.csv";

#[test]
fn headline_figures_of_the_last_complete_week() {
    let r = report(&[USERS], &Settings::default());
    assert_eq!(r.week_start, WeekStart::Sunday);
    assert_eq!(
        r.headline_week.map(|w| w.first.to_string()).as_deref(),
        Some("2025-04-20")
    );
    // Seats in W4: ada, bo, cy, dee, fay (eve is pending) = 5.
    assert_eq!(value(&r, "seats"), Some(5.0));
    // Activated: ada (W1), bo (W1), cy (W2), fay (W3); dee never active → 4; 4 / 5 = 0.8.
    assert_eq!(value(&r, "activated_users"), Some(4.0));
    assert_eq!(value(&r, "activation_rate"), Some(0.8));
    // Weekly active in W4: ada, cy, fay = 3.
    assert_eq!(value(&r, "weekly_active_users"), Some(3.0));
    // Monthly active: the 28 days 03-30 … 04-26 are exactly W1–W4: ada, bo, cy, fay = 4.
    assert_eq!(value(&r, "monthly_active_users"), Some(4.0));
    // Stickiness 3 / 4.
    assert_eq!(value(&r, "stickiness"), Some(0.75));
    // Messages in W4: 40 + 8 + 2 = 50 over 3 active people.
    assert_eq!(value(&r, "messages_per_active_user_week"), Some(50.0 / 3.0));
    // Advanced tier (o3, gpt-5-thinking…): o3 10 of 30 + 10 + 8 + 2 = 50 model messages → 0.2.
    assert_eq!(value(&r, "advanced_model_share"), Some(0.2));
    // Unused (no activity 03-28 … 04-26): dee only; without HRIS nothing excuses her.
    assert_eq!(value(&r, "unused_seats"), Some(1.0));
    // 5 seats × $30 = $150; per monthly active person 150 / 4 = 37.5.
    assert_eq!(value(&r, "monthly_seat_cost"), Some(150.0));
    assert_eq!(value(&r, "cost_per_active_user"), Some(37.5));
    // No data 14 weeks earlier: no previous values.
    assert!(r.comparison_week.is_none());
    assert!(r.figures.iter().all(|f| f.previous.is_none()));
}

#[test]
fn weekly_trend_recounts_distinct_people_each_week() {
    let r = report(&[USERS], &Settings::default());
    let wau: Vec<u32> = r.weekly.iter().map(|w| w.weekly_active_users).collect();
    // W1 ada, bo; W2 ada, cy; W3 bo, fay; W4 ada, cy, fay.
    assert_eq!(wau, vec![2, 2, 2, 3]);
    let seats: Vec<u32> = r.weekly.iter().map(|w| w.seats).collect();
    // fay's seat starts in W3.
    assert_eq!(seats, vec![4, 4, 5, 5]);
    // The sum of weekly actives (9) is not the monthly active count (4).
    assert_eq!(value(&r, "monthly_active_users"), Some(4.0));
}

#[test]
fn comparison_week_gives_previous_values() {
    // Compare with 3 weeks back (W1) instead of 14.
    let settings = Settings {
        compare_weeks_back: 3,
        ..Settings::default()
    };
    let r = report(&[USERS], &settings);
    let seats = r.figure("seats").expect("seats");
    // W1 seats: ada, bo, cy, dee = 4; W1 active: ada, bo = 2; W1 activated: ada, bo = 2 → 0.5.
    assert_eq!(seats.previous, Some(4.0));
    assert_eq!(
        r.figure("weekly_active_users").and_then(|f| f.previous),
        Some(2.0)
    );
    assert_eq!(
        r.figure("activation_rate").and_then(|f| f.previous),
        Some(0.5)
    );
    // W1 has no 4 weeks of data before it: monthly figures have no previous value.
    assert_eq!(
        r.figure("monthly_active_users").and_then(|f| f.previous),
        None
    );
}

#[test]
fn hris_join_gives_departments_and_excuses_leave() {
    let settings = Settings {
        min_group_size: 2,
        ..Settings::default()
    };
    let r = report(&[USERS, HRIS], &settings);
    // Dee is "On Leave" in the HRIS: not an unused seat.
    assert_eq!(value(&r, "unused_seats"), Some(0.0));
    let d = &r.departments;
    assert_eq!(d.source, "hris");
    assert_eq!((d.seat_holders_matched_to_hris, d.seat_holders), (5, 5));
    // Engineering: ada, bo, fay (3 seats; ada and fay active); Sales: cy, dee (2 seats; cy
    // active) plus eve, pending. Gus (Finance) has no seat and no row.
    let rows: Vec<(&str, Option<u32>, Option<u32>)> = d
        .rows
        .iter()
        .map(|r| (r.department.as_str(), r.seats, r.weekly_active_users))
        .collect();
    assert_eq!(
        rows,
        vec![
            ("Engineering", Some(3), Some(2)),
            ("Sales", Some(2), Some(1))
        ]
    );
    // Engineering messages in W4: ada 40 + fay 2 = 42 over 2 people.
    assert_eq!(d.rows[0].messages_per_active_user_week, Some(21.0));
}

#[test]
fn groups_under_the_floor_are_suppressed_with_their_complement() {
    // Floor 3: Sales (2 seats) is under it; Engineering (3) is hidden too, or it would be
    // recovered as the total (5) minus Engineering.
    let settings = Settings {
        min_group_size: 3,
        ..Settings::default()
    };
    let r = report(&[USERS, HRIS], &settings);
    assert!(r
        .departments
        .rows
        .iter()
        .all(|row| row.suppressed && row.seats.is_none()));
    assert_eq!(r.departments.suppressed_groups, 2);
}

#[test]
fn the_same_file_twice_counts_once() {
    let once = report(&[USERS], &Settings::default());
    let twice = report(&[USERS, USERS], &Settings::default());
    assert_eq!(once.figures, twice.figures);
    let second = &twice.sources[1].diagnostics;
    assert_eq!((second.rows_accepted, second.rows_duplicate), (22, 22));
    assert!(second
        .notes
        .iter()
        .any(|n| n.starts_with("22 rows were already loaded")));
}

#[test]
fn monthly_only_data_says_what_it_needs() {
    let r = report(&["chatgpt_users_monthly.csv"], &Settings::default());
    assert_eq!(value(&r, "weekly_active_users"), None);
    assert_eq!(
        r.figure("weekly_active_users").and_then(|f| f.needs.clone()).as_deref(),
        Some("needs a weekly Users export (chatgpt.users_csv with cadence Weekly); monthly and date-range rows cannot be split into weeks")
    );
}
