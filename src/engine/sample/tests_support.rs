//! Helpers shared by the tests of the generated files: the sample at the page's seed
//! (generated once), CSV and JSON readers, and the HRIS joins.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::Value;

use super::{sample_organisation, SampleFile, SAMPLE_SEED};
use crate::engine::date::Day;

pub(super) type Row = BTreeMap<String, String>;

/// The sample at the page's seed, generated once for all tests.
pub(super) fn files() -> &'static [SampleFile] {
    static FILES: OnceLock<Vec<SampleFile>> = OnceLock::new();
    FILES.get_or_init(|| sample_organisation(SAMPLE_SEED))
}

/// The bytes of one generated file.
pub(super) fn file(name: &str) -> &'static [u8] {
    let f = files().iter().find(|f| f.name == name).expect(name);
    f.bytes.as_slice()
}

/// CSV rows as column → value maps (a UTF-8 BOM is skipped).
pub(super) fn csv_rows(bytes: &[u8]) -> Vec<Row> {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let mut r = csv::Reader::from_reader(bytes);
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    r.records()
        .map(|rec| {
            header
                .iter()
                .cloned()
                .zip(rec.expect("record").iter().map(String::from))
                .collect()
        })
        .collect()
}

/// NDJSON lines, each parsed.
pub(super) fn lines(bytes: &[u8]) -> Vec<Value> {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    assert!(text.ends_with('\n'));
    text.lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// Days since 1970-01-01 of `YYYY-MM-DD`.
pub(super) fn day(s: &str) -> i32 {
    Day::parse(s).unwrap_or_else(|| panic!("date {s}")).0
}

/// An integer JSON value.
pub(super) fn int(v: &Value) -> i64 {
    v.as_i64().unwrap_or_else(|| panic!("integer {v}"))
}

/// Asserts that `v` has every key.
pub(super) fn has(v: &Value, keys: &[&str]) {
    for k in keys {
        assert!(v.get(k).is_some(), "missing {k} in {v}");
    }
}

/// HRIS email → (department, location, GitHub login).
pub(super) fn hris() -> BTreeMap<String, (String, String, String)> {
    csv_rows(file("hris.csv"))
        .into_iter()
        .map(|r| {
            let v = (
                r["Supervisory_Organization"].clone(),
                r["Location"].clone(),
                r["GitHub_Login"].clone(),
            );
            (r["Email_-_Primary_Work"].clone(), v)
        })
        .collect()
}

/// Lower-cased GitHub login → HRIS email.
pub(super) fn login_map() -> BTreeMap<String, String> {
    hris()
        .into_iter()
        .filter(|(_, v)| !v.2.is_empty())
        .map(|(e, v)| (v.2.to_lowercase(), e))
        .collect()
}

/// Codex usage rows by (user_id, day): (email, CLI + VS Code turns, row).
pub(super) fn codex_rows() -> BTreeMap<(String, i32), (String, i64, Value)> {
    let mut out = BTreeMap::new();
    let pages: Vec<Value> = serde_json::Deserializer::from_slice(file("codex-usage.json"))
        .into_iter::<Value>()
        .collect::<Result<_, _>>()
        .expect("concatenated pages");
    assert!(pages.len() >= 2);
    for (k, page) in pages.iter().enumerate() {
        assert_eq!(page["object"], "page");
        let more = k + 1 < pages.len();
        assert_eq!(page["has_more"], more);
        assert_eq!(page["next_page"].is_string(), more);
        for r in page["data"].as_array().expect("data") {
            let user = r["user_id"].as_str().expect("user_id").to_string();
            let email = r["actor"]["email"].as_str().expect("email").to_string();
            let turns: i64 = r["clients"]
                .as_array()
                .expect("clients")
                .iter()
                .filter(|c| {
                    matches!(
                        c["client_id"].as_str(),
                        Some("CODEX_CLI" | "CODEX_IDE_VSCODE")
                    )
                })
                .map(|c| int(&c["turns"]))
                .sum();
            let d = (int(&r["start_time"]) / 86_400) as i32;
            assert!(
                out.insert((user, d), (email, turns, r.clone())).is_none(),
                "one row per user-day"
            );
        }
    }
    out
}
