//! Tests of the file list and determinism, and of the Codex usage and code review pages.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::tests_support::{codex_rows, csv_rows, day, file, files, hris, int};
use super::{sample_organisation, SAMPLE_FILE_NAMES, SAMPLE_SEED};

#[test]
fn every_file_deterministic_and_seed_dependent() {
    let a = files();
    let names: Vec<&str> = a.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, SAMPLE_FILE_NAMES);
    let b = sample_organisation(SAMPLE_SEED + 7);
    for (x, y) in a.iter().zip(&b) {
        assert!(!x.bytes.is_empty(), "{} is empty", x.name);
        assert_ne!(x.bytes, y.bytes, "{} ignores the seed", x.name);
    }
    assert_eq!(a, sample_organisation(SAMPLE_SEED).as_slice());
}

#[test]
fn codex_usage_rows_join_the_users_csv_and_the_hris() {
    let rows = codex_rows();
    let hris = hris();
    let ids: BTreeMap<String, String> = csv_rows(file("chatgpt-users-weekly.csv"))
        .into_iter()
        .filter(|r| !r["public_id"].is_empty())
        .map(|r| (r["public_id"].clone(), r["email"].trim().to_lowercase()))
        .collect();
    let (first, last) = (day("2026-09-20"), day("2026-11-14"));
    let mut users: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    let mut null_tokens = 0;
    for ((user, d), (email, _, r)) in &rows {
        assert_eq!(r["object"], "workspace.codex.usage.result");
        assert!(*d >= first && *d <= last);
        assert_eq!(int(&r["end_time"]) - int(&r["start_time"]), 86_400);
        assert_eq!(int(&r["start_time"]) % 86_400, 0);
        assert_eq!(r["actor"]["user_id"], user.as_str());
        assert_eq!(
            ids.get(user),
            Some(email),
            "user_id is the member's public_id"
        );
        let dept = &hris.get(email).expect("email in the HRIS").0;
        users
            .entry(dept.as_str())
            .or_default()
            .insert(email.as_str());
        let (t, clients) = (&r["totals"], r["clients"].as_array().expect("clients"));
        let sum = |k: &str| clients.iter().map(|c| int(&c[k])).sum::<i64>();
        assert_eq!(int(&t["threads"]), sum("threads"));
        assert_eq!(int(&t["turns"]), sum("turns"));
        let cents = |v: &Value| (v.as_f64().expect("credits") * 100.0).round() as i64;
        assert_eq!(
            cents(&t["credits"]),
            clients.iter().map(|c| cents(&c["credits"])).sum::<i64>()
        );
        if t["text_total_tokens"].is_null() {
            null_tokens += 1;
        } else {
            let parts = [
                "uncached_text_input_tokens",
                "cached_text_input_tokens",
                "text_output_tokens",
            ];
            assert_eq!(
                int(&t["text_total_tokens"]),
                parts.iter().map(|k| int(&t[*k])).sum::<i64>()
            );
        }
        assert!(!r["models"].as_array().expect("models").is_empty());
    }
    assert!(null_tokens > 0, "some days have no token figures");
    let eng = users.get("Engineering").map_or(0, BTreeSet::len);
    let others: usize = users
        .iter()
        .filter(|(d, _)| **d != "Engineering")
        .map(|(_, s)| s.len())
        .sum();
    assert!(
        (70..=90).contains(&eng) && (2..=6).contains(&others),
        "{eng} engineers, {others} others"
    );
    // Code reviews: one row per day, priorities add up, every requested review counted.
    let page: Value = serde_json::from_slice(file("codex-code-reviews.json")).expect("page");
    let data = page["data"].as_array().expect("data");
    assert_eq!(data.len(), 56);
    for (k, r) in data.iter().enumerate() {
        let d = (int(&r["start_time"]) / 86_400) as i32;
        assert_eq!(d, first + k as i32);
        let p = &r["comment_details"];
        assert_eq!(
            int(&r["comments"]),
            int(&p["p0"]) + int(&p["p1"]) + int(&p["p2"])
        );
        let requested: i64 = rows
            .iter()
            .filter(|((_, x), _)| *x == d)
            .flat_map(|(_, (_, _, r))| r["clients"].as_array().into_iter().flatten())
            .filter(|c| c["client_id"] == "CODEX_GITHUB")
            .map(|c| int(&c["turns"]))
            .sum();
        assert!(int(&r["pull_request_reviews"]) >= requested);
    }
}
