//! History: cohorts month over month (new, retained, reactivated, lapsed) over the calendar
//! months the data covers entirely, and the days from a seat to its first use.
//!
//! tests/fixtures/history/compliance.jsonl: ChatGPT messages, 20 Jan – 10 Jun 2026 (UTC), so
//! January and June are partial and February – May are the covered months.
//!
//! | person | messages (user-authored)                  | months active   |
//! |--------|-------------------------------------------|-----------------|
//! | ann    | 20 Jan, 3 Feb, 1 Mar, 15 Apr, 4 May, 10 Jun | Jan Feb Mar Apr May Jun |
//! | ben    | 26 Jan, 12 Mar, 31 May                    | Jan Mar May     |
//! | cat    | 10 Feb (and an assistant reply on 22 Apr) | Feb             |
//! | gus    | 17 Feb, 9 Mar                             | Feb Mar         |
//! | dan    | 31 Mar 23:30, 2 Apr                       | Mar Apr         |
//! | eve    | 20 Apr, 11 May                            | Apr May         |
//! | fay    | 5 Jun                                     | Jun             |
//!
//! tests/fixtures/history/copilot_seats.json (assignment dates) and copilot_usage.ndjson
//! (Copilot use per person and day, 2 Mar – 30 Jun 2026):
//!
//! | login | seat   | first use | days               |
//! |-------|--------|-----------|--------------------|
//! | ivy   | 2 Mar  | 2 Mar     | 0                  |
//! | jon   | 5 Mar  | 9 Mar     | 4                  |
//! | kim   | 10 Mar | 1 Apr     | 21 + 1 = 22        |
//! | leo   | 10 Mar | 20 May    | 31 + 30 + 10 = 71  |
//! | max   | 16 Mar | never     | (106 days to 30 Jun) |
//! | ned   | 20 Mar | 18 Mar    | before the seat: 0 |
//! | oli   | 1 Feb  | never     | before the data: left out |
//! | pat   | 25 Jun | never     | (5 days to 30 Jun) |
//! | quin  | 3 Mar  | 30 Jun    | 31 + 30 + 31 + 27 = 119 |
//! | rex   | none   | 1 Apr     | no seat: not counted |

mod common;

use common::{dataset, day};
use uptake::engine::date::DaySpan;
use uptake::engine::facts::Role;
use uptake::engine::metrics::build_report_for;
use uptake::engine::metrics::history::cohorts::CohortMonth;
use uptake::engine::metrics::history::HistoryView;
use uptake::engine::query::{Query, Range};
use uptake::engine::settings::Settings;

const CHATGPT: &str = "history/compliance.jsonl";
const SEATS: &str = "history/copilot_seats.json";
const USAGE: &str = "history/copilot_usage.ndjson";

fn history(files: &[&str], range: Range) -> HistoryView {
    let query = Query {
        range,
        ..Query::default()
    };
    build_report_for(&dataset(files), &Settings::default(), &query, "test").history
}

/// Each month as (label, active, new, retained, reactivated, lapsed).
fn rows(h: &HistoryView) -> Vec<(&str, u32, u32, u32, u32, u32)> {
    h.months
        .iter()
        .map(|m: &CohortMonth| {
            let c = (m.active, m.new, m.retained, m.reactivated, m.lapsed);
            (m.label.as_str(), c.0, c.1, c.2, c.3, c.4)
        })
        .collect()
}

fn figure(h: &HistoryView, id: &str) -> (Option<f64>, Option<f64>) {
    let f = h
        .figures
        .iter()
        .find(|f| f.id == id)
        .unwrap_or_else(|| panic!("no figure {id}"));
    (f.value, f.previous)
}

#[test]
fn cohorts_month_over_month_with_a_reactivation() {
    let h = history(&[CHATGPT], Range::All);
    assert_eq!(
        h.covered,
        Some(DaySpan::new(day("2026-01-20"), day("2026-06-10")))
    );
    assert_eq!(
        rows(&h),
        vec![
            // Feb, against the part of January the data holds (ann, ben): ann retained;
            // cat and gus new; ben lapsed. Active 1 + 2 = 3.
            ("Feb 2026", 3, 2, 1, 0, 1),
            // Mar: ann, gus retained; ben back after missing February (seen in January):
            // reactivated; dan new (31 Mar 23:30 UTC is still March); cat lapsed.
            ("Mar 2026", 4, 1, 2, 1, 1),
            // Apr: ann, dan retained; eve new; ben and gus lapsed. cat's 22 Apr message is the
            // assistant's, not hers: she stays lapsed since March, out of April.
            ("Apr 2026", 3, 1, 2, 0, 2),
            // May: ann, eve retained; ben reactivated again; dan lapsed; nobody new.
            ("May 2026", 3, 0, 2, 1, 1),
        ]
    );
    let rates: Vec<Option<f64>> = h.months.iter().map(|m| m.retention_rate).collect();
    // Feb: January is partial, so no rate. Mar: 2 retained / 3 active in Feb. Apr: 2 / 4.
    // May: 2 / 3. (Active in M−1 = retained + lapsed: 2 + 1, 2 + 2, 2 + 1.)
    assert_eq!(
        rates,
        vec![None, Some(2.0 / 3.0), Some(0.5), Some(2.0 / 3.0)]
    );
    let covered: Vec<bool> = h.months.iter().map(|m| m.previous_covered).collect();
    assert_eq!(covered, vec![false, true, true, true]);
    assert_eq!(h.needs, None);
    // The figures are May's, compared with April's.
    assert_eq!(figure(&h, "cohort_active_people"), (Some(3.0), Some(3.0)));
    assert_eq!(figure(&h, "cohort_new_people"), (Some(0.0), Some(1.0)));
    assert_eq!(figure(&h, "cohort_lapsed_people"), (Some(1.0), Some(2.0)));
    assert_eq!(
        figure(&h, "cohort_retention_rate"),
        (Some(2.0 / 3.0), Some(0.5))
    );
    // April 2 lapsed > 1 new, May 1 > 0.
    assert_eq!(
        h.action.as_deref(),
        Some("Lapsed people outnumber new ones two months running (Apr 2026: 2 lapsed vs 1 new; May 2026: 1 vs 0): ask the people who stopped why (a two-question survey through their managers), and pair each new starter with an active colleague for their first month.")
    );
    // No seats: seat to first use says what it needs.
    assert!(h.first_use.is_empty());
    assert!(h
        .first_use_needs
        .as_deref()
        .is_some_and(|n| n.contains("copilot.seats_json")));
    assert_eq!(figure(&h, "seat_to_first_use_median_days"), (None, None));
}

#[test]
fn partial_months_are_left_out() {
    let h = history(&[CHATGPT], Range::All);
    // The data starts on 20 January and ends on 10 June: neither month is a row, so fay (June
    // only) is never counted, and ann and ben (seen in January) are never new.
    let labels: Vec<&str> = h.months.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, vec!["Feb 2026", "Mar 2026", "Apr 2026", "May 2026"]);
    // New over the four months: cat, gus (Feb), dan (Mar), eve (Apr) = 4 of the 7 people.
    assert_eq!(h.months.iter().map(|m| m.new).sum::<u32>(), 4);
    // Every line was read, cat's assistant reply included (it is there, and does not count).
    let loaded = dataset(&[CHATGPT]);
    let roles: Vec<Role> = loaded.facts().events.iter().map(|e| e.role).collect();
    assert_eq!(roles.len(), 18);
    assert_eq!(roles.iter().filter(|r| **r == Role::Assistant).count(), 1);
}

#[test]
fn a_date_range_starting_on_the_first_has_no_earlier_activity() {
    // 1 Mar – 31 May: ann's 1 Mar and ben's 31 May messages make March and May whole months.
    let h = history(
        &[CHATGPT],
        Range::Between(day("2026-03-01"), day("2026-05-31")),
    );
    assert_eq!(
        rows(&h),
        vec![
            // Nothing before March is loaded: all four active people are new.
            ("Mar 2026", 4, 4, 0, 0, 0),
            // April and May as without the range, but ben's May comeback is now measured
            // against March only (still reactivated: active in March, not April).
            ("Apr 2026", 3, 1, 2, 0, 2),
            ("May 2026", 3, 0, 2, 1, 1),
        ]
    );
    assert_eq!(h.months[0].retention_rate, None);
    assert!(!h.months[0].previous_covered);

    // March alone: one covered month, nothing to compare with.
    let h = history(
        &[CHATGPT],
        Range::Between(day("2026-03-01"), day("2026-03-31")),
    );
    assert_eq!(rows(&h), vec![("Mar 2026", 4, 4, 0, 0, 0)]);
    assert_eq!(
        h.needs.as_deref(),
        Some("Load older exports or snapshots to see month-over-month cohorts: the data covers one whole calendar month (Mar 2026)")
    );
    assert_eq!(figure(&h, "cohort_active_people"), (Some(4.0), None));
    assert_eq!(figure(&h, "cohort_lapsed_people"), (None, None));
    assert_eq!(figure(&h, "cohort_retention_rate"), (None, None));
    let lapsed = h
        .figures
        .iter()
        .find(|f| f.id == "cohort_lapsed_people")
        .and_then(|f| f.needs.as_deref());
    assert_eq!(lapsed, h.needs.as_deref());
}

#[test]
fn seat_to_first_use_per_tool() {
    let h = history(&[SEATS, USAGE], Range::All);
    assert_eq!(h.first_use_needs, None);
    assert_eq!(dataset(&[SEATS]).facts().seats.len(), 9);
    let [copilot] = h.first_use.as_slice() else {
        panic!("one tool: {:?}", h.first_use);
    };
    assert_eq!(copilot.label, "GitHub Copilot");
    assert_eq!(
        copilot.data,
        DaySpan::new(day("2026-03-02"), day("2026-06-30"))
    );
    // Nine seats: oli's (1 Feb) predates the usage data and is left out; 8 remain, of which
    // ivy, jon, kim, leo, ned and quin used Copilot (6); max and pat never did.
    assert_eq!((copilot.seated, copilot.used), (8, 6));
    assert_eq!(copilot.outside_data, 1);
    assert_eq!(copilot.used_before_seat, 1); // ned: 18 Mar, seat 20 Mar → 0 days
                                             // Days, sorted: 0 (ivy), 0 (ned), 4, 22, 71, 119. Nearest rank: median = ⌈0.5 × 6⌉ = 3rd
                                             // = 4 days; 75th percentile = ⌈0.75 × 6⌉ = 5th = 71 days.
    assert_eq!(copilot.median_days, Some(4));
    assert_eq!(copilot.p75_days, Some(71));
    let buckets: Vec<(&str, u32)> = copilot
        .buckets
        .iter()
        .map(|b| (b.label.as_str(), b.people))
        .collect();
    assert_eq!(
        buckets,
        vec![
            ("Same day", 2),     // ivy, ned
            ("1–7 days", 1),     // jon (4)
            ("8–30 days", 1),    // kim (22)
            ("31–90 days", 1),   // leo (71)
            ("Over 90 days", 1), // quin (119)
            ("Never used", 2),   // max, pat
        ]
    );
    // Never used for 30 days or more: max (16 Mar → 30 Jun = 106 days); pat's seat is 5 days
    // old.
    assert_eq!(
        (copilot.never_used, copilot.never_used_after_window),
        (2, 1)
    );
    assert_eq!(
        figure(&h, "seat_to_first_use_median_days"),
        (Some(4.0), None)
    );
    assert_eq!(
        figure(&h, "seats_never_used_since_assignment"),
        (Some(1.0), None)
    );
}

#[test]
fn every_tool_must_cover_a_month_and_seats_come_next_in_the_action() {
    // ChatGPT covers 20 Jan – 10 Jun, Copilot 2 Mar – 30 Jun: together 2 Mar – 10 Jun, so
    // April and May only (March would undercount Copilot's people, June ChatGPT's).
    let h = history(&[CHATGPT, SEATS, USAGE], Range::All);
    assert_eq!(
        h.covered,
        Some(DaySpan::new(day("2026-03-02"), day("2026-06-10")))
    );
    assert_eq!(
        rows(&h),
        vec![
            // Seen in March: ann, gus, ben, dan (ChatGPT); ivy, jon, ned (Copilot).
            // Apr active: ann, dan, jon retained; eve, kim, rex new; gus, ben, ivy, ned lapsed.
            ("Apr 2026", 6, 3, 3, 0, 4),
            // May active: ann, eve retained; ben reactivated; leo new; dan, jon, kim, rex
            // lapsed.
            ("May 2026", 4, 1, 2, 1, 4),
        ]
    );
    // 2 retained / 6 active in April.
    assert_eq!(h.months[1].retention_rate, Some(2.0 / 6.0));
    // Only May is compared with a covered month, so the lapsing rule needs another month; the
    // never-used seat comes next: max's, $19 a month.
    assert_eq!(
        h.action.as_deref(),
        Some("Reclaim or re-onboard 1 GitHub Copilot seat never used in the 30 days or more since it was assigned (1 of 8 seats assigned since 2026-03-02, $19/month): ask each holder whether they need it, else reassign it.")
    );
}
