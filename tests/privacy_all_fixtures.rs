//! Every fixture, whatever its format: none of its raw identifiers (emails, logins, user ids,
//! names) and none of its message texts, titles or prompts appears in the facts or in the
//! serialised Report.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use uptake::engine::dataset::Dataset;
use uptake::engine::metrics::build_report;
use uptake::engine::settings::Settings;

/// Keys (JSON) or columns (CSV) whose values identify a person or hold text. (`name` is a
/// person's name in CSV exports; in JSON it also names editors and models, which are kept.)
const SENSITIVE: &[&str] = &[
    "email",
    "user_email",
    "email_address",
    "useremail",
    "user_login",
    "login",
    "username",
    "user",
    "display name",
    "user principal name",
    "profileid",
    "ipaddress",
    "api_key_name",
    "userid",
    "user id",
    "userprincipalname",
    "displayname",
    "worker",
    "public_id",
    "user_id",
    "account_user_id",
    "account_uuid",
    "gpt_creator_email",
    "project_creator_email",
    "value",
    "prompt_text",
    "title",
    "quote_text",
    "github login",
    "email_-_primary_work",
    "work email",
    "first name",
    "last name",
    "courriel professionnel",
];

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("fixtures folder") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            if !path.ends_with("bad") {
                files(&path, out);
            }
        } else {
            out.push(path);
        }
    }
}

/// Collects sensitive strings; `parent` is the key of the enclosing object (an organisation's
/// or a team's `login`/`name` is a label, not a person).
fn collect_json(value: &Value, parent: Option<&str>, key: Option<&str>, out: &mut Vec<String>) {
    // A Google Reports API event parameter's `value` is a label (`app_name`: `gmail`), not text.
    let about_a_group = matches!(
        parent,
        Some("organization" | "assigning_team" | "team" | "parameters")
    );
    match value {
        Value::Object(map) => map
            .iter()
            .for_each(|(k, v)| collect_json(v, key, Some(k), out)),
        Value::Array(items) => items.iter().for_each(|v| collect_json(v, parent, key, out)),
        Value::String(s)
            if !about_a_group
                && key.is_some_and(|k| SENSITIVE.contains(&k.to_lowercase().as_str())) =>
        {
            out.push(s.clone())
        }
        _ => {}
    }
}

/// The sensitive strings written in one fixture (only those long enough to be meaningful).
fn sensitive_values(path: &Path) -> Vec<String> {
    let bytes = std::fs::read(path).expect("fixture");
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let mut out = Vec::new();
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let stream = serde_json::Deserializer::from_str(trimmed).into_iter::<Value>();
        for value in stream.flatten() {
            collect_json(&value, None, None, &mut out);
        }
    } else {
        let delimiter = if text
            .lines()
            .next()
            .is_some_and(|l| l.matches(';').count() > l.matches(',').count())
        {
            b';'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = reader
            .headers()
            .map(|h| h.iter().map(|c| c.trim().to_lowercase()).collect())
            .unwrap_or_default();
        for record in reader.records().flatten() {
            for (i, field) in record.iter().enumerate() {
                if headers
                    .get(i)
                    .is_some_and(|h| h == "name" || SENSITIVE.contains(&h.as_str()))
                {
                    out.push(field.to_string());
                }
            }
        }
    }
    out.into_iter()
        .map(|s| s.trim().to_lowercase())
        .filter(|s| {
            s.chars().count() >= 5
                && s.parse::<f64>().is_err()
                && !matches!(s.as_str(), "none" | "null" | "user_actor")
        })
        .collect()
}

#[test]
fn no_fixture_leaves_an_identifier_or_a_text_in_facts_or_report() {
    let mut paths = Vec::new();
    files(&common::fixture_path(""), &mut paths);
    paths.sort();
    let key = common::key();
    let mut checked = 0;
    for path in &paths {
        let bytes = std::fs::read(path).expect("fixture");
        let outcome = common::read_bytes(&bytes);
        let facts_text = match &outcome {
            Ok(ingested) => format!("{:?}", ingested.parsed.facts).to_lowercase(),
            Err(_) => String::new(),
        };
        let mut dataset = Dataset::default();
        dataset.add(0, "fixture", bytes.len() as u64, outcome);
        let report = serde_json::to_string(&build_report(
            &dataset,
            &Settings::default(),
            &key.fingerprint(),
        ))
        .expect("report serialises")
        .to_lowercase();
        for value in sensitive_values(path) {
            assert!(
                !facts_text.contains(&value),
                "{}: {value:?} is in the facts",
                path.display()
            );
            assert!(
                !report.contains(&value),
                "{}: {value:?} is in the Report",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(
        checked > 100,
        "only {checked} values were checked across {} fixtures",
        paths.len()
    );
}
