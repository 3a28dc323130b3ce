//! The sample organisation runs through the same parsers as a user's files and gives a full
//! Overview: every row read, departments joined, the small group (Legal, 4 people) suppressed.

mod common;

use uptake::engine::dataset::{Dataset, SourceState};
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::metrics::build_report;
use uptake::engine::sample::{sample_organisation, SAMPLE_SEED};
use uptake::engine::settings::Settings;

#[test]
fn sample_files_parse_cleanly_and_fill_the_overview() {
    let key = common::key();
    let mut data = Dataset::default();
    for (i, file) in sample_organisation(SAMPLE_SEED).iter().enumerate() {
        let outcome = ingest(
            &file.bytes[..],
            &IngestOptions {
                key: &key,
                hris_mapping: None,
                foreign_snapshot_ok: false,
                period: None,
            },
        );
        data.add(i as u32, &file.name, file.bytes.len() as u64, outcome);
    }
    let report = build_report(&data, &Settings::default(), &key.fingerprint());
    for source in &report.sources {
        assert_eq!(
            source.state,
            SourceState::Done,
            "{}: {:?}",
            source.file_name,
            source.error
        );
        assert_eq!(
            source.diagnostics.rows_skipped, 0,
            "{}: {:?}",
            source.file_name, source.diagnostics.skipped
        );
    }
    let formats: Vec<&str> = report.sources.iter().map(|s| s.format_id()).collect();
    assert_eq!(
        formats,
        vec![
            "hris",
            "chatgpt.users_csv",
            "chatgpt.compliance_logs_jsonl",
            "codex.usage_json",
            "codex.code_reviews_json",
            "copilot.usage_ndjson",
            "copilot.seats_json",
            "github.billing_usage_csv",
        ]
    );
    assert_eq!(report.weekly.len(), 20);
    assert_eq!(
        report.headline_week.map(|w| w.first.to_string()).as_deref(),
        Some("2026-11-08")
    );
    // 14 weeks before 2026-11-08 is 2026-08-02, inside the 20 weeks.
    assert_eq!(
        report
            .comparison_week
            .map(|w| w.first.to_string())
            .as_deref(),
        Some("2026-08-02")
    );
    for id in [
        "seats",
        "activation_rate",
        "weekly_active_users",
        "monthly_active_users",
        "stickiness",
        "messages_per_active_user_week",
        "advanced_model_share",
    ] {
        let figure = report.figure(id).expect("figure");
        assert!(
            figure.value.is_some() && figure.previous.is_some(),
            "{id}: {figure:?}"
        );
    }
    let seats = report
        .figure("seats")
        .and_then(|f| f.value)
        .unwrap_or_default();
    assert!((300.0..=360.0).contains(&seats), "seats {seats}");
    let d = &report.departments;
    assert_eq!(d.source, "hris");
    assert_eq!(d.seat_holders_matched_to_hris, d.seat_holders);
    let legal = d
        .rows
        .iter()
        .find(|r| r.department == "Legal")
        .expect("Legal row");
    assert!(legal.suppressed && legal.seats.is_none());
    // Legal (4) is under the floor; the next smallest group is hidden with it.
    assert_eq!(d.suppressed_groups, 2);
    assert!(d.rows.iter().filter(|r| !r.suppressed).count() >= 6);
}
