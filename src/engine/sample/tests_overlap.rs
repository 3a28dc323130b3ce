//! How the tools overlap across the organisation (printed with `--nocapture`), and how
//! fast the whole sample is generated.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::sample_organisation;
use super::tests_support::{csv_rows, file, hris, lines, login_map};

#[test]
fn tools_overlap_across_departments() {
    let hris = hris();
    let logins = login_map();
    let mut chatgpt = BTreeSet::new();
    for r in csv_rows(file("chatgpt-users-weekly.csv")) {
        if r["is_active"] == "1" {
            chatgpt.insert(r["email"].trim().to_lowercase());
        }
    }
    let mut codex = BTreeSet::new();
    for page in serde_json::Deserializer::from_slice(file("codex-usage.json")).into_iter::<Value>()
    {
        for r in page.expect("page")["data"].as_array().expect("data") {
            codex.insert(r["actor"]["email"].as_str().expect("email").to_string());
        }
    }
    let copilot: BTreeSet<String> = lines(file("copilot-usage-users.ndjson"))
        .iter()
        .filter_map(|r| {
            logins
                .get(&r["user_login"].as_str()?.to_lowercase())
                .cloned()
        })
        .collect();
    let mut table: BTreeMap<&str, [usize; 8]> = BTreeMap::new();
    for (email, (dept, _, _)) in &hris {
        let k = usize::from(chatgpt.contains(email))
            + 2 * usize::from(codex.contains(email))
            + 4 * usize::from(copilot.contains(email));
        table.entry(dept.as_str()).or_default()[k] += 1;
    }
    eprintln!("dept: none / ChatGPT only / Codex only / ChatGPT+Codex / Copilot only / ChatGPT+Copilot / Codex+Copilot / all three");
    let mut total = [0usize; 8];
    for (dept, row) in &table {
        eprintln!("{dept:>18}: {row:?}");
        for (t, n) in total.iter_mut().zip(row) {
            *t += n;
        }
    }
    eprintln!("{:>18}: {total:?}", "all");
    eprintln!(
        "ChatGPT {} / Codex {} / Copilot {}",
        chatgpt.len(),
        codex.len(),
        copilot.len()
    );
    assert!(total[4] >= 3, "Copilot-only people");
    assert!(
        total[7] >= 40 && total[5] >= 10 && total[3] >= 3,
        "{total:?}"
    );
    assert_eq!(total.iter().sum::<usize>(), 412);
}

/// The sample stays small enough to load in a moment (speed itself is measured by the
/// benchmarks, never asserted by a timed test).
#[test]
fn compliance_log_stays_under_8_mb() {
    for seed in [1, 42, 7_777] {
        let f = sample_organisation(seed);
        assert!(
            f[2].bytes.len() < 8_000_000,
            "seed {seed}: compliance log {} bytes",
            f[2].bytes.len()
        );
    }
}
