//! The adoption funnel on the Overview fixtures (see overview_metrics.rs for the table):
//! headline week W4 (2025-04-20 … 04-26), last four weeks W1–W4.

mod common;

use common::report;
use uptake::engine::settings::Settings;

#[test]
fn access_first_repeat_and_deep_use() {
    let r = report(
        &["chatgpt_users_weekly.csv", "hris_workday.csv"],
        &Settings::default(),
    );
    let stage = |id: &str| {
        r.funnel
            .stages
            .iter()
            .find(|s| s.id == id)
            .and_then(|s| s.people)
    };
    // Access: seats in W4 = ada, bo, cy, dee, fay (eve is only invited) = 5.
    assert_eq!(stage("access"), Some(5));
    // First use: all but dee, who was never active = 4.
    assert_eq!(stage("first_use"), Some(4));
    // Repeat use (≥ 2 of W1–W4): ada W1 W2 W4, bo W1 W3, cy W2 W4, fay W3 W4 = 4.
    assert_eq!(stage("repeat_use"), Some(4));
    // Deep use: nobody sent ≥ 75 messages in a week, so no power user = 0 (computable).
    assert_eq!(stage("deep_use"), Some(0));
    // 1 of 5 never used it (20 %): the action is about them.
    let action = r.funnel.action.clone().unwrap_or_default();
    assert!(
        action.starts_with("1 of 5 seat holders (20 %) have never used"),
        "{action}"
    );
}

#[test]
fn no_seat_data_says_what_is_needed() {
    let r = report(&["hris_workday.csv"], &Settings::default());
    assert!(r.funnel.stages.is_empty());
    assert!(r.funnel.needs.is_some());
}
