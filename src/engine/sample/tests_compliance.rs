//! Tests of the ChatGPT compliance log: every line parses, and each sampled member's
//! messages, models, days, sessions and Codex prompts agree with the Users CSV and
//! `codex-usage.json`.

use std::collections::{BTreeMap, BTreeSet};

use super::tests_support::{codex_rows, csv_rows, day, file, has, hris, int, lines, Row};
use crate::engine::date::parse_timestamp;

/// Users CSV rows by (normalised email, period start day).
fn users_by_week() -> BTreeMap<(String, i32), Row> {
    csv_rows(file("chatgpt-users-weekly.csv"))
        .into_iter()
        .map(|r| {
            (
                (r["email"].trim().to_lowercase(), day(&r["period_start"])),
                r,
            )
        })
        .collect()
}

/// A user message: (unix seconds, conversation id, the week's Users CSV `messages`).
type Sent = (i64, String, String);

/// Python-repr dict `{'a': 1}` → map.
fn dict(s: &str) -> BTreeMap<String, i64> {
    let inner = s.trim_start_matches('{').trim_end_matches('}');
    inner
        .split(", ")
        .filter(|kv| !kv.is_empty())
        .map(|kv| {
            let (k, v) = kv.split_once(": ").expect("k: v");
            (k.trim_matches('\'').to_string(), v.parse().expect("n"))
        })
        .collect()
}

#[test]
fn compliance_log_follows_the_users_csv() {
    let bytes = file("chatgpt-compliance-logs.jsonl");
    assert!(bytes.len() < 8_000_000, "{} bytes", bytes.len());
    let events = lines(bytes);
    let users = users_by_week();
    let hris = hris();
    let (first, last) = (day("2026-10-18"), day("2026-11-14"));
    let mut per_week: BTreeMap<(String, i32), Vec<Sent>> = BTreeMap::new();
    let mut models: BTreeMap<(String, i32), BTreeMap<String, i64>> = BTreeMap::new();
    let (mut prev, mut auth, mut codex) = (0, BTreeSet::new(), BTreeMap::new());
    let (mut lengths, mut working) = ([0usize; 3], 0);
    for e in &events {
        has(e, &["event_id", "type", "principal", "actor", "timestamp"]);
        assert_eq!(e["principal"]["type"], "CHATGPT_WORKSPACE");
        assert_eq!(e["actor"]["type"], "ACCOUNT_USER");
        let email = e["actor"]["user_email"]
            .as_str()
            .expect("email")
            .to_string();
        assert!(hris.contains_key(&email), "{email} not in the HRIS");
        let at = parse_timestamp(e["timestamp"].as_str().expect("ts")).expect("timestamp");
        assert!(at >= prev, "events are in time order");
        prev = at;
        let d = at.div_euclid(86_400) as i32;
        assert!(d >= first - 1 && d <= last, "{}", e["timestamp"]);
        match e["type"].as_str() {
            Some("CONVERSATION_MESSAGE") => {
                let m = &e["message"];
                has(
                    m,
                    &[
                        "id",
                        "parent_id",
                        "created_at",
                        "author",
                        "content",
                        "files",
                        "annotations",
                    ],
                );
                has(
                    &m["author"],
                    &["type", "client_type", "tools_used", "skills_used"],
                );
                has(
                    &e["conversation"],
                    &[
                        "id",
                        "title",
                        "created_at",
                        "is_pinned",
                        "is_temporary_chat",
                        "gpt_id",
                        "gpt_name",
                        "project_id",
                        "project_name",
                    ],
                );
                let week = d - (d + 4).rem_euclid(7);
                let key = (email.clone(), week);
                let row = users
                    .get(&key)
                    .unwrap_or_else(|| panic!("no Users row {key:?}"));
                assert_eq!(e["actor"]["user_id"], row["public_id"].as_str());
                assert!(
                    day(&row["first_day_active_in_period"]) <= d
                        && d <= day(&row["last_day_active_in_period"]),
                    "{email} {} outside {}..{} ({} messages)",
                    e["timestamp"],
                    row["first_day_active_in_period"],
                    row["last_day_active_in_period"],
                    row["messages"]
                );
                if m["author"]["type"] == "assistant" {
                    let model = m["author"]["model"].as_str().expect("model").to_string();
                    *models.entry(key).or_default().entry(model).or_default() += 1;
                    continue;
                }
                assert!(m["author"].get("model").is_none());
                let text = m["content"]["value"].as_str().expect("text");
                lengths[usize::from(text.chars().count() >= 50)
                    + usize::from(text.chars().count() > 200)] += 1;
                let c = &e["conversation"];
                for (id, dict) in [
                    ("gpt_id", "gpt_to_messages"),
                    ("project_id", "project_to_messages"),
                ] {
                    if let Some(id) = c[id].as_str() {
                        assert!(
                            row[dict].contains(&format!("'{id}'")),
                            "{id} not in {}",
                            row[dict]
                        );
                    }
                }
                let offset = match hris[&email].1.as_str() {
                    "Berlin" => 1,
                    "New York" => -5,
                    _ => 0,
                };
                let local_hour = (at + offset * 3_600).rem_euclid(86_400) / 3_600;
                working += usize::from((8..19).contains(&local_hour));
                let conv = c["id"].as_str().expect("conv").to_string();
                per_week
                    .entry(key)
                    .or_default()
                    .push((at, conv, row["messages"].clone()));
            }
            Some("CODEX_LOG") => {
                assert_eq!(e["event_type"], "PROMPT_SENT");
                let client = e["client_id"].as_str().expect("client");
                assert!(
                    matches!(client, "CODEX_CLI" | "CODEX_IDE_VSCODE"),
                    "{client}"
                );
                let t = &e["event_details"]["token_usage"];
                has(
                    &e["event_details"],
                    &[
                        "session_id",
                        "turn_id",
                        "prompt_text",
                        "model",
                        "reasoning_effort",
                    ],
                );
                assert!(int(&t["cached_input_tokens"]) <= int(&t["input_tokens"]));
                let user = e["actor"]["user_id"].as_str().expect("id").to_string();
                *codex.entry((user, d)).or_insert(0) += 1;
            }
            Some("AUTH_LOG") => assert!(auth.insert(email), "one login per member"),
            other => panic!("type {other:?}"),
        }
    }
    assert!(per_week.len() > 60, "{} member-weeks", per_week.len());
    assert!(auth.len() >= 35, "{} members", auth.len());
    let total = lengths.iter().sum::<usize>();
    assert!(
        lengths.iter().all(|&n| n * 10 > total),
        "short/medium/long {lengths:?}"
    );
    let mut weekdays = 0;
    for (key, msgs) in &per_week {
        let expected: i64 = msgs[0].2.parse().expect("messages");
        let n = msgs.len() as i64;
        assert!(
            n * 10 >= expected * 8 && n * 10 <= expected * 12,
            "{key:?}: {n} vs {expected}"
        );
        let row = &users[key];
        assert_eq!(
            models.get(key),
            Some(&dict(&row["model_to_messages"])),
            "{key:?}"
        );
        // Sessions: runs with gaps under 30 minutes hold 1-12 messages and whole conversations.
        let mut run = 0;
        for (k, (at, conv, _)) in msgs.iter().enumerate() {
            let new = k == 0 || at - msgs[k - 1].0 >= 1_800;
            assert!(
                new || *conv == msgs[k - 1].1,
                "{key:?}: a session mixes conversations"
            );
            run = if new { 1 } else { run + 1 };
            assert!(run <= 12, "{key:?}: a session of {run}");
            weekdays += usize::from((1..=5).contains(&(at.div_euclid(86_400) + 4).rem_euclid(7)));
        }
    }
    assert!(
        weekdays * 100 > total * 85,
        "{weekdays} of {total} on weekdays"
    );
    assert!(
        working * 100 > total * 75,
        "{working} of {total} in working hours"
    );
    let codex_days = codex_rows();
    for ((user, d), n) in &codex {
        let row = codex_days
            .get(&(user.clone(), *d))
            .expect("a Codex usage row");
        assert_eq!(*n, row.1, "{user} {d}");
    }
}
