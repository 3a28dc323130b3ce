//! Tests of the Copilot usage report, the seats and the billing CSV, read back with
//! serde_json and csv and checked against each other and the HRIS logins.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use super::tests_support::{csv_rows, day, file, has, int, lines, login_map};

const COUNTS: [&str; 7] = [
    "user_initiated_interaction_count",
    "code_generation_activity_count",
    "code_acceptance_activity_count",
    "loc_suggested_to_add_sum",
    "loc_suggested_to_delete_sum",
    "loc_added_sum",
    "loc_deleted_sum",
];

/// The seven counters of a record or breakdown entry (0 when absent).
fn counts(v: &Value) -> Vec<i64> {
    COUNTS.iter().map(|k| v.get(*k).map_or(0, int)).collect()
}

/// Sums `counts` of the items of `arr` (all of them, or those `keep` selects).
fn sum(arr: &Value, keep: impl Fn(&Value) -> bool) -> Vec<i64> {
    let mut total = vec![0; 7];
    for x in arr.as_array().expect("array").iter().filter(|x| keep(x)) {
        for (t, c) in total.iter_mut().zip(counts(x)) {
            *t += c;
        }
    }
    total
}

/// Premium requests per interaction, in tenths.
fn premium_multiplier(model: &str) -> i64 {
    match model {
        "claude-opus-4.6" => 30,
        "auto" => 9,
        "gpt-4.1" | "gpt-5-mini" => 0,
        _ => 10,
    }
}

#[test]
fn copilot_usage_lines_are_consistent() {
    let logins = login_map();
    let rows = lines(file("copilot-usage-users.ndjson"));
    assert!(rows.len() > 800, "{} lines", rows.len());
    let billing = csv_rows(file("github-billing-usage.csv"));
    let mut aic: BTreeMap<(String, String), f64> = BTreeMap::new();
    for b in &billing {
        *aic.entry((b["username"].clone(), b["date"].clone()))
            .or_default() += b["aic_quantity"].parse::<f64>().expect("aic");
    }
    let (first, last) = (day("2026-10-18"), day("2026-11-14"));
    let mut seen = BTreeSet::new();
    for r in &rows {
        has(
            r,
            &[
                "report_start_day",
                "report_end_day",
                "day",
                "organization_id",
                "enterprise_id",
                "user_id",
                "user_login",
                "used_agent",
                "used_chat",
                "used_cli",
                "totals_by_ide",
                "totals_by_feature",
                "totals_by_language_feature",
                "totals_by_language_model",
                "totals_by_model_feature",
            ],
        );
        assert_eq!(
            (r["report_start_day"].as_str(), r["report_end_day"].as_str()),
            (Some("2026-10-18"), Some("2026-11-14"))
        );
        let (d, login) = (
            r["day"].as_str().expect("day"),
            r["user_login"].as_str().expect("login"),
        );
        assert!((first..=last).contains(&day(d)));
        assert!(
            logins.contains_key(&login.to_lowercase()),
            "{login} is not in the HRIS"
        );
        assert!(
            seen.insert((login.to_string(), d.to_string())),
            "one line per user-day"
        );
        let features = &r["totals_by_feature"];
        assert_eq!(counts(r), sum(features, |_| true), "top level = features");
        assert_eq!(
            sum(&r["totals_by_model_feature"], |_| true),
            sum(features, |_| true)
        );
        let ide = sum(features, |f| f["feature"] != "copilot_cli");
        assert_eq!(
            sum(&r["totals_by_ide"], |_| true),
            ide,
            "IDEs = IDE features"
        );
        let mut no_interactions = sum(features, |_| true);
        no_interactions[0] = 0;
        assert_eq!(
            sum(&r["totals_by_language_feature"], |_| true),
            no_interactions
        );
        assert_eq!(
            sum(&r["totals_by_language_model"], |_| true),
            no_interactions
        );
        let cli = features
            .as_array()
            .expect("features")
            .iter()
            .any(|f| f["feature"] == "copilot_cli");
        assert_eq!(r["used_cli"].as_bool(), Some(cli));
        assert_eq!(r.get("totals_by_cli").is_some(), cli);
        let c = counts(r);
        assert!(c[2] <= c[1], "acceptances ≤ generations");
        let billed = aic
            .get(&(login.to_string(), d.to_string()))
            .copied()
            .unwrap_or(0.0);
        let used = r["ai_credits_used"].as_f64().expect("ai credits");
        assert!(
            (billed - used).abs() < 0.005,
            "{login} {d}: {used} vs {billed}"
        );
    }
}

#[test]
fn seats_cover_every_user_and_idle_seats() {
    let page: Value = serde_json::from_slice(file("copilot-seats.json")).expect("seats");
    let seats = page["seats"].as_array().expect("seats");
    assert_eq!(int(&page["total_seats"]), seats.len() as i64);
    let usage = lines(file("copilot-usage-users.ndjson"));
    let mut last_day: BTreeMap<String, (String, i64)> = BTreeMap::new();
    for r in &usage {
        let login = r["user_login"].as_str().expect("login").to_string();
        let entry = last_day.entry(login).or_insert((String::new(), 0));
        entry.0 = entry
            .0
            .clone()
            .max(r["day"].as_str().expect("day").to_string());
        entry.1 = int(&r["user_id"]);
    }
    let logins = login_map();
    let snapshot = day("2026-11-14");
    let (mut never, mut idle, mut pending) = (0, 0, 0);
    let mut seen = BTreeSet::new();
    for s in seats {
        has(
            s,
            &[
                "created_at",
                "pending_cancellation_date",
                "last_activity_at",
                "last_activity_editor",
                "last_authenticated_at",
                "plan_type",
                "assigning_team",
            ],
        );
        has(
            &s["assignee"],
            &["login", "id", "node_id", "avatar_url", "html_url", "type"],
        );
        let login = s["assignee"]["login"].as_str().expect("login");
        assert!(seen.insert(login), "one seat per login");
        assert!(logins.contains_key(&login.to_lowercase()));
        pending += usize::from(s["pending_cancellation_date"].is_string());
        match (s["last_activity_at"].as_str(), last_day.get(login)) {
            (None, None) => never += 1,
            (Some(t), None) => {
                assert!(
                    snapshot - day(t) > 27,
                    "{login} has no usage but activity on {t}"
                );
                idle += usize::from(snapshot - day(t) > 30);
            }
            (Some(t), Some((d, id))) => {
                assert_eq!(&t[..10], d, "{login}: last activity is the last usage day");
                assert_eq!(int(&s["assignee"]["id"]), *id);
            }
            (None, Some(_)) => panic!("{login} used Copilot but has no last activity"),
        }
    }
    for login in last_day.keys() {
        assert!(seen.contains(login.as_str()), "{login} has no seat");
    }
    assert!(
        never * 100 >= seats.len() * 6 && idle >= 3 && pending >= 1,
        "{never} never, {idle} idle, {pending} pending"
    );
}

#[test]
fn billing_rows_follow_the_usage() {
    let raw = std::str::from_utf8(file("github-billing-usage.csv")).expect("UTF-8");
    assert!(raw.starts_with('\u{feff}'), "UTF-8 BOM");
    for line in raw.trim_start_matches('\u{feff}').lines() {
        assert!(
            line.starts_with('"') && line.ends_with('"') && line.split("\",\"").count() == 17,
            "{line}"
        );
    }
    assert!(raw.contains("\"aic_quantity\",\"aic_gross_amount\""));
    let names = BTreeMap::from([
        ("Claude Sonnet 4.6", "claude-sonnet-4.6"),
        ("GPT-5.4", "gpt-5.4"),
        ("Auto: Claude Sonnet 4.6", "auto"),
        ("Claude Opus 4.6", "claude-opus-4.6"),
        ("Gemini 3 Pro", "gemini-3-pro"),
    ]);
    let usage: BTreeMap<(String, String), Value> = lines(file("copilot-usage-users.ndjson"))
        .into_iter()
        .map(|r| {
            (
                (
                    r["user_login"].as_str().unwrap_or("").to_string(),
                    r["day"].as_str().unwrap_or("").to_string(),
                ),
                r,
            )
        })
        .collect();
    let (mut over, rows) = (0, csv_rows(file("github-billing-usage.csv")));
    for b in &rows {
        let u = usage
            .get(&(b["username"].clone(), b["date"].clone()))
            .expect("a usage line for each row");
        let tenths = |s: &str| (s.parse::<f64>().expect("number") * 10.0).round() as i64;
        let mills = |s: &str| (s.parse::<f64>().expect("number") * 1000.0).round() as i64;
        let q = tenths(&b["quantity"]);
        assert_eq!(mills(&b["gross_amount"]), q * 4);
        assert_eq!(
            mills(&b["discount_amount"]) + mills(&b["net_amount"]),
            q * 4
        );
        assert_eq!(b["exceeds_quota"] == "True", mills(&b["net_amount"]) > 0);
        over += usize::from(b["exceeds_quota"] == "True");
        if let Some(model) = names.get(b["model"].as_str()) {
            let interactions: i64 = u["totals_by_model_feature"]
                .as_array()
                .expect("mf")
                .iter()
                .filter(|x| x["model"] == *model && x["feature"] != "code_completion")
                .map(|x| int(&x["user_initiated_interaction_count"]))
                .sum();
            assert_eq!(q, interactions * premium_multiplier(model), "{b:?}");
        } else {
            assert!(
                matches!(
                    b["model"].as_str(),
                    "Code Review model" | "Coding Agent model"
                ),
                "{}",
                b["model"]
            );
        }
    }
    assert!(
        rows.len() > 500 && over > 0,
        "{} rows, {over} over quota",
        rows.len()
    );
}
