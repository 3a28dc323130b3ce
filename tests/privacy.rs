//! No raw identifier and no name from any fixture reaches the facts or the serialised Report.

mod common;

use common::{dataset, fixture, key};
use uptake::engine::metrics::build_report;
use uptake::engine::sample::{sample_organisation, SAMPLE_SEED};
use uptake::engine::settings::Settings;

/// Every email, public id, employee id, login and name written in the fixtures.
fn raw_identifiers(bytes: &[u8]) -> Vec<String> {
    let text = String::from_utf8_lossy(bytes);
    let mut found = Vec::new();
    for field in text.split([',', ';', '\n', '\r', '"', '\t']) {
        let field = field.trim();
        let lower = field.to_lowercase();
        let looks_like_id = lower.contains('@')
            || lower.starts_with("user-")
            || field.len() > 3
                && field.contains(' ')
                && field.chars().next().is_some_and(char::is_uppercase);
        if looks_like_id && !field.starts_with('{') && !field.starts_with('[') {
            found.push(lower);
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn fixtures_leave_no_identifier_in_the_report() {
    let names = [
        "chatgpt_users_weekly.csv",
        "hris_workday.csv",
        "hris_bamboohr.csv",
        "chatgpt_users_no_cadence.csv",
    ];
    let report = build_report(&dataset(&names), &Settings::default(), &key().fingerprint());
    let json = serde_json::to_string(&report)
        .expect("serialises")
        .to_lowercase();
    let mut checked = 0;
    for name in names {
        for id in raw_identifiers(&fixture(name)) {
            // Department and title labels (e.g. "Head of Engineering") are not identifiers.
            if id.contains('@')
                || id.starts_with("user-")
                || ["ada lovelace", "bo diddley", "fay wray"].contains(&id.as_str())
            {
                assert!(!json.contains(&id), "{id} from {name} is in the Report");
                checked += 1;
            }
        }
        // The local part of each email must not appear either (e.g. "ada@" → "ada@").
    }
    assert!(checked >= 10, "only {checked} identifiers checked");
    assert!(
        !json.contains(&key().to_hex()),
        "the org key is in the Report"
    );
}

#[test]
fn sample_organisation_leaves_no_email_or_name_in_the_report() {
    let files = sample_organisation(SAMPLE_SEED);
    let mut data = uptake::engine::dataset::Dataset::default();
    let k = key();
    for (i, file) in files.iter().enumerate() {
        let outcome = uptake::engine::ingest::ingest(
            &file.bytes[..],
            &uptake::engine::ingest::IngestOptions::new(&k),
        );
        data.add(i as u32, &file.name, file.bytes.len() as u64, outcome);
    }
    let json =
        serde_json::to_string(&build_report(&data, &Settings::default(), "f")).expect("json");
    assert!(
        !json.contains("@northwind.example"),
        "an email is in the Report"
    );
    // Every ChatGPT public id (`user-` followed by letters and digits) written in a sample file.
    let mut public_ids = std::collections::BTreeSet::new();
    for file in &files {
        let text = String::from_utf8_lossy(&file.bytes);
        for (at, _) in text.match_indices("user-") {
            let id: String = text[at..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
                .collect();
            if id.len() > "user-".len() + 4 {
                public_ids.insert(id);
            }
        }
    }
    assert!(
        public_ids.len() >= 10,
        "only {} public ids",
        public_ids.len()
    );
    for id in &public_ids {
        assert!(
            !json.contains(id.as_str()),
            "public id {id} is in the Report"
        );
    }
    // Names: the HRIS "Worker" column of the first rows.
    let hris = String::from_utf8_lossy(&files[0].bytes).into_owned();
    for line in hris.lines().skip(1).take(50) {
        let name = line.split(',').nth(1).unwrap_or_default();
        assert!(
            !name.is_empty() && !json.contains(name),
            "name {name} is in the Report"
        );
    }
}
