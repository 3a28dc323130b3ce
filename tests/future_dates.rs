//! Rows dated after today (issue 7), for every format: each good fixture is read three ways.
//! Without a date from the page (as natively), on 2010-01-01 (before every fixture's dates, so
//! every dated row lies in the future) and on 2099-12-30 (after all of them). On 2010-01-01
//! no dated row may remain and every row read before must now be skipped as future; on
//! 2099-12-30 the file must read exactly as without a date. HRIS rosters (hire and leave
//! dates may lie ahead) and snapshots (checked when their exports were read) are exempt and
//! must read the same on every day. A new format is covered as soon as it has a fixture.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use uptake::engine::date::Day;
use uptake::engine::detect::FormatId;
use uptake::engine::ingest::{ingest, IngestError, IngestOptions, Ingested};
use uptake::engine::sources::registry::FORMATS;
use uptake::engine::sources::{seat_day, Diagnostics};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            // Broken files have their own tests; fuzz regressions are not exports.
            if !path.ends_with("bad") && !path.ends_with("fuzz") {
                files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// Reads `bytes` on `today`, giving a dateless file the period it asks for (the one its name
/// suggests, else October 2026 cut to what it accepts).
fn read(bytes: &[u8], today: Option<&str>) -> Result<Ingested, IngestError> {
    let key = common::key();
    let options = IngestOptions::new(&key)
        .with_foreign_snapshot_ok(true)
        .with_today(today.map(common::day));
    match ingest(bytes, &options) {
        Err(IngestError { error, .. }) if error.period_request.is_some() => {
            let request = error.period_request.as_deref().expect("checked");
            let last = common::day("2026-10-31");
            let period = request.suggested.or_else(|| {
                let days = request.max_days.unwrap_or(31).min(31) as i32;
                request.period(last.plus(1 - days), last)
            });
            ingest(bytes, &options.with_period(period))
        }
        other => other,
    }
}

/// What must not change between two reads of an exempt file, or between no date and a late
/// one: the counts, notes, coverage and skipped rows.
fn summary(d: &Diagnostics) -> String {
    format!(
        "{} {} {} {:?} {:?} {:?} {:?}",
        d.rows_accepted, d.rows_skipped, d.rows_duplicate, d.notes, d.coverage, d.skipped, d.future
    )
}

/// The dated facts a file left: period, day, event, team, asset and personal rows, and seats
/// and charges that carry a date.
fn dated_facts(ingested: &Ingested) -> Vec<String> {
    let f = &ingested.parsed.facts;
    let mut out = Vec::new();
    out.extend(f.periods.iter().map(|r| format!("period {:?}", r.period)));
    out.extend(f.daily.iter().map(|r| format!("day {}", r.day)));
    out.extend(f.events.iter().map(|r| format!("event {}", r.at)));
    out.extend(f.org_daily.iter().map(|r| format!("org day {}", r.day)));
    out.extend(f.teams.iter().map(|r| format!("team day {}", r.day)));
    out.extend(f.assets.iter().map(|r| format!("asset {:?}", r.period)));
    out.extend(f.period_apps.iter().map(|r| format!("app {:?}", r.period)));
    out.extend(
        f.seats
            .iter()
            .filter_map(seat_day)
            .map(|d| format!("seat {d}")),
    );
    out.extend(
        f.charges
            .iter()
            .filter_map(|c| c.day)
            .map(|d| format!("charge {d}")),
    );
    let personal = &ingested.parsed.personal;
    out.extend(
        personal
            .messages
            .iter()
            .map(|m| format!("message {}", m.at)),
    );
    out
}

#[test]
fn every_format_skips_rows_dated_after_today() {
    let mut paths = Vec::new();
    files(&common::fixture_path(""), &mut paths);
    paths.sort();
    let (mut covered, mut skipped_some) = (BTreeSet::new(), BTreeSet::new());
    for path in paths {
        let name = path.display().to_string();
        let bytes = std::fs::read(&path).expect("fixture");
        let Ok(plain) = read(&bytes, None) else {
            continue;
        };
        let early = read(&bytes, Some("2010-01-01"))
            .unwrap_or_else(|e| panic!("{name}: refused on 2010-01-01: {:?}", e.error));
        let late = read(&bytes, Some("2099-12-30"))
            .unwrap_or_else(|e| panic!("{name}: refused on 2099-12-30: {:?}", e.error));
        let (p, e) = (&plain.parsed.diagnostics, &early.parsed.diagnostics);
        assert_eq!(
            summary(&late.parsed.diagnostics),
            summary(p),
            "{name}: a date after every row changes nothing"
        );
        covered.insert(plain.format.id());
        if matches!(plain.format, FormatId::Hris | FormatId::UptakeSnapshot) {
            assert_eq!(summary(e), summary(p), "{name}: exempt from the check");
            continue;
        }
        if p.rows_accepted == 0 {
            continue;
        }
        assert_eq!(dated_facts(&early), Vec::<String>::new(), "{name}");
        // Only rows without any date are still read: seats with no snapshot or activity day,
        // charges with no day.
        let f = &early.parsed.facts;
        assert_eq!(
            e.rows_accepted,
            (f.seats.len() + f.charges.len()) as u64,
            "{name}"
        );
        // Every other row read before is skipped as future; a row skipped before for another
        // reason may now be skipped for its date (checked first in some formats), never twice.
        let read_before = p.rows_accepted + p.rows_duplicate - e.rows_accepted - e.rows_duplicate;
        assert_eq!(e.rows_skipped, p.rows_skipped + read_before, "{name}");
        let future = e.future.as_ref().map_or(0, |f| f.rows);
        assert!(
            (read_before..=read_before + p.rows_skipped).contains(&future),
            "{name}: {future} future rows, {read_before} read before"
        );
        if let Some(future) = &e.future {
            assert!(e.notes.contains(&future.note()), "{name}: {:?}", e.notes);
            skipped_some.insert(plain.format.id());
        }
    }
    let missing: Vec<&str> = FORMATS
        .iter()
        .filter(|f| !covered.contains(f.name))
        .map(|f| f.name)
        .collect();
    assert_eq!(
        missing,
        Vec::<&str>::new(),
        "formats without a good fixture"
    );
    let unchecked: Vec<&str> = FORMATS
        .iter()
        .filter(|f| {
            !skipped_some.contains(f.name) && !["hris", "uptake.snapshot"].contains(&f.name)
        })
        .map(|f| f.name)
        .collect();
    assert_eq!(
        unchecked,
        Vec::<&str>::new(),
        "formats never seen skipping a row"
    );
}

#[test]
fn a_day_of_grace_for_time_zones() {
    // Today 2026-12-06: a row of 2026-12-07 (UTC, already tomorrow in much of the world) is
    // read, one of 2026-12-08 is not.
    let mut d = Diagnostics {
        today: Some(common::day("2026-12-06")),
        ..Diagnostics::default()
    };
    assert!(!d.after_today(2, common::day("2026-12-07")));
    assert!(d.after_today(3, common::day("2026-12-08")));
    assert!(d.after_today(4, common::day("2026-12-09")));
    let future = d.future.expect("counted");
    assert_eq!(
        (future.rows, future.first_line, future.first_day),
        (2, 3, common::day("2026-12-08"))
    );
    assert_eq!(d.rows_skipped, 2);
    let mut none = Diagnostics::default();
    assert!(!none.after_today(2, Day(100_000)), "no date, no check");
}
