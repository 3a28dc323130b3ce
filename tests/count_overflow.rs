//! Counts a file gives near `u64::MAX` saturate instead of overflowing, in the parsers that add
//! several counts of one record and in the token metrics that add people's counts. A wrapped sum
//! is a wrong number in release wasm and a panic in debug and fuzz builds (issue 7; the first
//! such overflow was found by fuzzing the Claude Enterprise parser).

mod common;

use common::{key, read_bytes};
use uptake::engine::dataset::Dataset;
use uptake::engine::facts::{Measures, Tool};
use uptake::engine::metrics::build_report;
use uptake::engine::settings::Settings;

const MAX: u64 = u64::MAX;

/// 18446744073709551615: the largest count a file can give (`u64::MAX`).
const MAX_TEXT: &str = "18446744073709551615";

fn total_rows(bytes: &[u8]) -> Vec<Measures> {
    let ingested = read_bytes(bytes).expect("read");
    ingested
        .parsed
        .facts
        .daily
        .iter()
        .filter(|r| r.breakdown.is_total())
        .map(|r| r.measures)
        .collect()
}

/// Ana and Ben on Monday 2026-03-02; Cai's idle Sunday row makes the file cover the whole week
/// (the token metrics need a covered week) and adds no tokens and no person.
fn codex_csv() -> String {
    format!(
        "email,date,user_id,uncached_text_input_tokens,cached_text_input_tokens,text_output_tokens,n_new_sessions_total,n_user_messages_total\n\
         ana@example.com,2026-03-02,user-1,{MAX_TEXT},1,7,1,2\n\
         ben@example.com,2026-03-02,user-2,1000,200,300,1,3\n\
         cai@example.com,2026-03-08,user-3,0,0,0,0,0\n"
    )
}

#[test]
fn codex_input_of_uncached_plus_cached_saturates() {
    let rows = total_rows(codex_csv().as_bytes());
    let tokens: Vec<(u64, u64, u64)> = rows
        .iter()
        .map(|m| (m.input_tokens, m.cached_input_tokens, m.output_tokens))
        .collect();
    // Ana: u64::MAX uncached + 1 cached saturates at u64::MAX; Ben: 1000 + 200 = 1200; Cai: 0.
    assert_eq!(tokens, vec![(MAX, 1, 7), (1200, 200, 300), (0, 0, 0)]);
}

#[test]
fn token_metrics_add_people_saturating() {
    let bytes = codex_csv().into_bytes();
    let mut dataset = Dataset::default();
    dataset.add(0, "codex.csv", bytes.len() as u64, read_bytes(&bytes));
    let report = build_report(&dataset, &Settings::default(), &key().fingerprint());
    let codex = report
        .tokens
        .tools
        .iter()
        .find(|t| t.tool == Tool::Codex)
        .unwrap_or_else(|| panic!("Codex in tokens by tool: {:#?}", report.tokens));
    // Input: Ana's u64::MAX + Ben's 1200 saturates; output: 7 + 300 = 307; 2 people (Cai has
    // no tokens and no activity).
    assert_eq!(
        (codex.input_tokens, codex.output_tokens, codex.people),
        (MAX, 307, 2)
    );
}

#[test]
fn cursor_interactions_of_four_request_kinds_saturate() {
    let json = format!(
        r#"{{"data":[
{{"date":1738540800000,"day":"2025-02-03","userId":1,"email":"ana@example.com","isActive":true,"totalLinesAdded":0,"totalLinesDeleted":0,"acceptedLinesAdded":0,"acceptedLinesDeleted":0,"totalTabsShown":0,"totalTabsAccepted":0,"chatRequests":{MAX_TEXT},"agentRequests":2,"composerRequests":0,"cmdkUsages":3,"bugbotUsages":0}},
{{"date":1738540800000,"day":"2025-02-03","userId":2,"email":"ben@example.com","isActive":true,"totalLinesAdded":0,"totalLinesDeleted":0,"acceptedLinesAdded":0,"acceptedLinesDeleted":0,"totalTabsShown":0,"totalTabsAccepted":0,"chatRequests":1,"agentRequests":0,"composerRequests":4,"cmdkUsages":0,"bugbotUsages":0}}
]}}"#
    );
    let rows = total_rows(json.as_bytes());
    let got: Vec<(u64, bool)> = rows
        .iter()
        .map(|m| (m.interactions, m.used & Measures::USED_AGENT != 0))
        .collect();
    // Ana: u64::MAX chat + 2 agent + 0 composer + 3 cmd-K saturates; agent used (2 > 0).
    // Ben: 1 + 0 + 4 + 0 = 5; agent used through composer (4 > 0).
    assert_eq!(got, vec![(MAX, true), (5, true)]);
}

#[test]
fn claude_code_input_of_three_token_kinds_saturates() {
    let record = |email: &str, input: &str| {
        format!(
            r#"{{"date":"2025-09-01T00:00:00Z","actor":{{"type":"user_actor","email_address":"{email}"}},"terminal_type":"vscode","core_metrics":{{"num_sessions":1}},"model_breakdown":[{{"model":"claude-sonnet-4-5","tokens":{{"input":{input},"output":10,"cache_read":5,"cache_creation":2}}}}]}}"#
        )
    };
    let json = format!(
        "{{\"data\":[\n{},\n{}\n]}}",
        record("ana@example.com", MAX_TEXT),
        record("ben@example.com", "100")
    );
    let rows = total_rows(json.as_bytes());
    let input: Vec<(u64, u64)> = rows
        .iter()
        .map(|m| (m.input_tokens, m.output_tokens))
        .collect();
    // Ana: u64::MAX input + 5 cache read + 2 cache creation saturates; Ben: 100 + 5 + 2 = 107.
    assert_eq!(input, vec![(MAX, 10), (107, 10)]);
}
