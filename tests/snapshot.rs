//! Snapshots: save → load gives the same Report; snapshots merge with each other and with
//! exports, rows already loaded counting once; another org key is refused; a sealed snapshot
//! asks for its passphrase; and every snapshot version ever written keeps loading
//! (tests/fixtures/snapshot/v<N>.snapshot, committed).
//!
//! The data: the hand-worked coding fixtures of tests/coding_metrics.rs (Codex, Copilot, seats,
//! HRIS; headline week 2025-04-21 … 04-27) and the sample organisation.

mod common;

use uptake::engine::dataset::{Dataset, SourceState};
use uptake::engine::identity::OrgKey;
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::metrics::build_report;
use uptake::engine::sample::{sample_organisation, SAMPLE_SEED};
use uptake::engine::settings::Settings;
use uptake::engine::snapshot::{self, sealed::SealedHeader};
use uptake::engine::Report;

const CODING: [&str; 5] = [
    "coding/codex_usage.json",
    "coding/codex_review_responses.json",
    "coding/copilot_usage.ndjson",
    "coding/copilot_seats.json",
    "coding/hris.csv",
];

/// The sample organisation's files as (name, bytes).
fn sample_files() -> Vec<(String, Vec<u8>)> {
    sample_organisation(SAMPLE_SEED)
        .into_iter()
        .map(|f| (f.name, f.bytes))
        .collect()
}

fn load(dataset: &mut Dataset, id: u32, name: &str, bytes: &[u8], key: &OrgKey, foreign: bool) {
    let outcome = ingest(
        bytes,
        &IngestOptions::new(key).with_foreign_snapshot_ok(foreign),
    );
    dataset.add(id, name, bytes.len() as u64, outcome);
}

fn dataset_of(files: &[(String, Vec<u8>)]) -> Dataset {
    let key = common::key();
    let mut dataset = Dataset::default();
    for (i, (name, bytes)) in files.iter().enumerate() {
        load(&mut dataset, i as u32, name, bytes, &key, false);
    }
    dataset
}

fn save(dataset: &Dataset) -> Vec<u8> {
    snapshot::save(
        dataset,
        &Settings::default(),
        &common::key().fingerprint(),
        Some(common::day("2026-11-22")),
    )
}

/// The Report without its list of files (which names the snapshot instead of the exports).
fn figures_of(dataset: &Dataset) -> Report {
    let mut report = build_report(dataset, &Settings::default(), &common::key().fingerprint());
    report.sources.clear();
    report
}

fn fixture_files(names: &[&str]) -> Vec<(String, Vec<u8>)> {
    names
        .iter()
        .map(|n| (n.to_string(), common::fixture(n)))
        .collect()
}

#[test]
fn save_then_load_gives_the_same_report() {
    let files = sample_files();
    let original = dataset_of(&files);
    let bytes = save(&original);
    let reloaded = dataset_of(&[("uptake-2026-11-22.snapshot".into(), bytes)]);
    let source = &reloaded.sources()[0];
    assert_eq!(source.state, SourceState::Done, "{:?}", source.error);
    assert_eq!(source.format_id(), "uptake.snapshot");
    let info = source.snapshot.as_ref().expect("snapshot info");
    assert_eq!(info.version, snapshot::SNAPSHOT_VERSION);
    assert_eq!(info.key_fingerprint, common::key().fingerprint());
    // The thirteen sample exports (SAMPLE_FILE_NAMES), each named with its rows and days.
    assert_eq!(info.sources.len(), 13);
    assert_eq!(info.sources[0].format, "hris");
    assert!(source.diagnostics.notes[0].starts_with("Snapshot saved on 2026-11-22"));
    assert_eq!(figures_of(&reloaded), figures_of(&original));
}

#[test]
fn two_overlapping_snapshots_equal_all_their_exports_at_once() {
    let files = sample_files();
    // Snapshot A: files 0–4; snapshot B: files 3–12 (files 3 and 4 are in both).
    let a = save(&dataset_of(&files[..5]));
    let b = save(&dataset_of(&files[3..]));
    let merged = dataset_of(&[("a.snapshot".into(), a), ("b.snapshot".into(), b)]);
    assert_eq!(figures_of(&merged), figures_of(&dataset_of(&files)));
    // B's copies of files 3 and 4 were already loaded from A: they count once.
    let sources = merged.sources();
    assert_eq!(sources[0].diagnostics.rows_duplicate, 0);
    assert!(sources[1].diagnostics.rows_duplicate > 0);
    // A snapshot saved from the two lists the thirteen exports once each.
    let again = dataset_of(&[("ab.snapshot".into(), save(&merged))]);
    assert_eq!(
        again.sources()[0].snapshot.as_ref().unwrap().sources.len(),
        13
    );
}

#[test]
fn a_snapshot_merges_with_new_exports() {
    let files = fixture_files(&CODING);
    // Last month's snapshot holds the Codex and Copilot usage; this month adds seats and HRIS,
    // and the Codex file again (its rows count once).
    let old = save(&dataset_of(&files[..3]));
    let mut now = vec![("old.snapshot".to_string(), old)];
    now.extend(files[2..].iter().cloned());
    assert_eq!(
        figures_of(&dataset_of(&now)),
        figures_of(&dataset_of(&files))
    );
}

#[test]
fn a_snapshot_of_another_org_key_is_refused() {
    let bytes = save(&dataset_of(&fixture_files(&CODING)));
    let other = OrgKey::from_bytes([7; 32]);
    let mut dataset = Dataset::default();
    load(&mut dataset, 0, "old.snapshot", &bytes, &other, false);
    let source = &dataset.sources()[0];
    assert_eq!(source.state, SourceState::Error);
    let message = source.error.as_deref().unwrap_or_default();
    assert!(message.contains("another org key"), "{message}");
    assert!(message.contains(&common::key().fingerprint()), "{message}");
    assert!(message.contains(&other.fingerprint()), "{message}");
    assert!(source
        .hint
        .as_deref()
        .unwrap_or_default()
        .contains("org key file"));
    assert!(dataset.facts().daily.is_empty());

    // A standalone report opens its embedded snapshot whatever the key, and says so.
    let mut dataset = Dataset::default();
    load(&mut dataset, 0, "embedded.snapshot", &bytes, &other, true);
    let source = &dataset.sources()[0];
    assert_eq!(source.state, SourceState::Done);
    assert!(source.snapshot.as_ref().unwrap().foreign_key);
    assert!(source
        .diagnostics
        .notes
        .iter()
        .any(|n| n.contains("another org key")));
}

#[test]
fn a_sealed_snapshot_asks_for_its_passphrase() {
    let header = SealedHeader::new(&common::key().fingerprint(), &[1; 16], &[2; 12]);
    let mut sealed = header.line();
    sealed.extend_from_slice(&[0xA5; 64]);
    let dataset = dataset_of(&[("locked.snapshot".into(), sealed.clone())]);
    let source = &dataset.sources()[0];
    assert_eq!(source.format_id(), "uptake.snapshot");
    assert_eq!(source.state, SourceState::Error);
    assert!(source.locked);
    assert!(source.error.as_deref().unwrap().contains("passphrase"));
    // Sealed under another key: refused before any passphrase is asked for.
    let other = OrgKey::from_bytes([7; 32]);
    let mut dataset = Dataset::default();
    load(&mut dataset, 0, "locked.snapshot", &sealed, &other, false);
    let source = &dataset.sources()[0];
    assert!(!source.locked);
    assert!(source.error.as_deref().unwrap().contains("another org key"));
}

#[test]
fn damaged_and_newer_snapshots_say_what_is_wrong() {
    let bytes = save(&dataset_of(&fixture_files(&CODING)));
    let cut = bytes[..bytes.len() / 2].to_vec();
    let text = String::from_utf8(bytes).unwrap();
    let newer = text
        .replacen("\"version\":1,", "\"version\":99,", 1)
        .into_bytes();
    let dataset = dataset_of(&[
        ("cut.snapshot".into(), cut),
        ("newer.snapshot".into(), newer),
    ]);
    let sources = dataset.sources();
    assert!(sources[0]
        .error
        .as_deref()
        .unwrap()
        .contains("cannot be read"));
    assert!(sources[1]
        .error
        .as_deref()
        .unwrap()
        .contains("newer Uptake"));
    assert!(sources[1].error.as_deref().unwrap().contains("99"));
}

#[test]
fn a_snapshot_holds_no_raw_identifier() {
    let files = sample_files();
    let text = String::from_utf8(save(&dataset_of(&files))).unwrap();
    // Every email address of the sample HRIS roster is hashed away.
    let hris = String::from_utf8_lossy(&files[0].1).to_lowercase();
    let emails: Vec<&str> = hris
        .split([',', '\n', '"'])
        .filter(|c| c.contains('@'))
        .collect();
    assert!(emails.len() > 100);
    let lower = text.to_lowercase();
    for email in emails {
        let local = email.split('@').next().unwrap();
        assert!(!lower.contains(email), "{email}");
        assert!(!lower.contains(&format!("\"{local}\"")), "{local}");
    }
    assert!(!text.contains("@"), "an email-like string in the snapshot");
}

/// Every snapshot version ever written still loads and gives the hand-worked figures of
/// tests/coding_metrics.rs. Regenerate (only when adding a new version's file) with
/// `UPTAKE_WRITE_SNAPSHOT=1 cargo test --test snapshot`.
#[test]
fn committed_snapshots_of_every_version_keep_loading() {
    let path = common::fixture_path("snapshot/v1.snapshot");
    if std::env::var_os("UPTAKE_WRITE_SNAPSHOT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, save(&dataset_of(&fixture_files(&CODING)))).unwrap();
    }
    let bytes = common::fixture("snapshot/v1.snapshot");
    assert!(bytes.starts_with(b"{\"format\":\"uptake.snapshot\",\"version\":1,"));
    let dataset = dataset_of(&[("v1.snapshot".into(), bytes)]);
    assert_eq!(dataset.sources()[0].state, SourceState::Done);
    let report = figures_of(&dataset);
    assert_eq!(report, figures_of(&dataset_of(&fixture_files(&CODING))));
    // Codex active in the headline week: ann, ben, cat, dan, eli = 5; credits
    // 3 + 2 + 1 + 6 + 0.5 + 1.5 = 14 over 5 people = 2.8.
    assert_eq!(
        common::value(&report, "codex_weekly_active_users"),
        Some(5.0)
    );
    assert_eq!(
        common::value(&report, "codex_credits_per_active_user"),
        Some(2.8)
    );
    // Copilot Σ accepted / Σ suggested = (4 + 8 + 2) / (10 + 10 + 20) = 0.35.
    assert_eq!(
        common::value(&report, "copilot_acceptance_rate"),
        Some(0.35)
    );
}
