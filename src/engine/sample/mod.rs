//! A deterministic, realistic **sample organisation** as native export files.
//!
//! "Northwind" has 412 employees in 8 departments of uneven size (Legal has 4 people, under
//! the privacy floor of 5) and rolls ChatGPT Enterprise out to about 340 of them; most of
//! Engineering also uses Codex and GitHub Copilot. The generator writes the bytes a customer
//! would drop on the page:
//!
//! 1. `hris.csv`: a Workday-style roster (FORMATS.md §8), one row per employee, with teams,
//!    reporting lines, ~10 hires in the last 30 days, ~6 leavers and ~8 people on leave, and
//!    a `GitHub_Login` column (all of Engineering and every Copilot seat holder; a few typed
//!    in another case) linking work emails to GitHub logins;
//! 2. `chatgpt-users-weekly.csv`: the workspace analytics Users export (FORMATS.md §1a),
//!    20 weekly periods (Sunday → Saturday, 2026-06-28 … 2026-11-14), one row per member
//!    per period from their invitation on (about 5,500 rows), including pending invites,
//!    idle seats, deactivated leavers and a few emails in odd case or with stray spaces. The
//!    weekly active share of enabled seats climbs from ~25 % to ~65 %; the advanced-model
//!    share (`gpt-5-thinking`, `o3`) from ~15 % to ~40 %;
//! 3. `chatgpt-compliance-logs.jsonl`: the Compliance Logs Platform JSONL (§1f) of the last
//!    4 periods for a **sample of members** (30-50 of them, to stay near 7 MB; see
//!    [`compliance`]): their messages match the Users CSV week by week, plus their Codex
//!    prompts and logins;
//! 4. `codex-usage.json`: Codex Analytics API usage pages (§2a), per user and UTC day over
//!    the last 8 weeks, for 60 % of Engineering and 5 others; `user_id` is the member's
//!    ChatGPT `public_id`, `actor.email` their HRIS email;
//! 5. `codex-code-reviews.json`: the daily code review totals page (§2b), same 8 weeks;
//! 6. `copilot-usage-users.ndjson`: the Copilot users 28-day usage report (§3b), one line per
//!    user per active day of the last 4 weeks, keyed by GitHub login;
//! 7. `copilot-seats.json`: the Copilot seat assignments (§3c): every user of the report
//!    plus lapsed and never-used seats;
//! 8. `github-billing-usage.csv`: premium request usage (§3e) per user, day and model;
//! 9. `claude-code-usage.json`: Claude Code Analytics API pages (§5a), one per UTC day of the
//!    last 8 weeks, for about 45 % of Engineering (Platform, Data and Infrastructure most) and a
//!    few systems people; actors by HRIS email, one record per terminal, costs in cents;
//! 10. `cursor-daily-usage.json`: Cursor Admin API daily usage (§6a), two 28-day responses, for
//!     about 40 % of Engineering (Web and Mobile most) and the designers, plus idle seats;
//! 11. `cursor-usage-events.csv`: Cursor usage events (§6c) of the last 14 days, one row per
//!     request (`Included`, `Usage-based` at `$0.12`-style costs, `Errored, No Charge` at `-`);
//! 12. `m365-copilot-usage.csv`: Microsoft 365 Copilot usage user detail (§4), four monthly
//!     refreshes of a pilot in Sales, Finance and People (licences in three waves; some never
//!     used, some tried and dropped, Teams / Outlook / Copilot Chat most, Excel in Finance);
//! 13. `gemini-audit.json`: Gemini in Workspace audit activities (§7b), light use by Brand,
//!     Content, Onboarding and Talent Acquisition over the last 8 weeks.
//!
//! Every new tool's users start over the 8 weeks, so weekly actives rise; many engineers use
//! Claude Code, Cursor and Copilot at once ([`more_tools`]).
//!
//! The same seed always gives the same bytes, natively and in wasm: the PRNG is SplitMix64,
//! no clock, no I/O, no hash-map iteration, and no float function beyond + − × ÷.

mod activity;
mod billing;
mod chat_sessions;
mod claude_code;
mod codex;
mod codex_json;
mod codex_log;
mod compliance;
mod compliance_json;
mod copilot;
mod copilot_ndjson;
mod copilot_profile;
mod copilot_seats;
mod cursor;
mod date;
mod gemini;
mod hris;
mod json;
mod m365;
mod more_tools;
mod org;
mod people;
mod phrases;
mod rng;
pub mod scaled;
mod seats;
mod text;
mod tools;
mod usage;
mod users_csv;

#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_codex;
#[cfg(test)]
mod tests_compliance;
#[cfg(test)]
mod tests_copilot;
#[cfg(test)]
mod tests_more_tools;
#[cfg(test)]
mod tests_overlap;
#[cfg(test)]
mod tests_support;

/// One generated file, as if picked from disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleFile {
    pub name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// The seed the page uses for its "try with sample data" button.
pub const SAMPLE_SEED: u64 = 20_260_201;

/// The names of the files [`sample_organisation`] returns, in order.
pub const SAMPLE_FILE_NAMES: [&str; 13] = [
    "hris.csv",
    "chatgpt-users-weekly.csv",
    "chatgpt-compliance-logs.jsonl",
    "codex-usage.json",
    "codex-code-reviews.json",
    "copilot-usage-users.ndjson",
    "copilot-seats.json",
    "github-billing-usage.csv",
    "claude-code-usage.json",
    "cursor-daily-usage.json",
    "cursor-usage-events.csv",
    "m365-copilot-usage.csv",
    "gemini-audit.json",
];

/// The sample organisation's files, in the order of [`SAMPLE_FILE_NAMES`].
///
/// Same seed, same bytes.
pub fn sample_organisation(seed: u64) -> Vec<SampleFile> {
    let people = people::roster(seed);
    let seats = seats::seats(seed, &people);
    let active = activity::weekly_activity(seed, &seats);
    let users = users_csv::users_csv(seed, &people, &seats, &active);
    let tools = tools::tools(seed, &people, &seats);
    let codex_days = codex::codex_days(seed, &people, &tools);
    let profiles = copilot_profile::profiles(seed, &people, &tools);
    let copilot_days = copilot::copilot_days(seed, &people, &tools, &profiles);
    let inputs = compliance::Inputs {
        people: &people,
        seats: &seats,
        users: &users,
        tools: &tools,
        codex: &codex_days,
    };
    let compliance = compliance::compliance_jsonl(seed, &inputs);
    let more = more_tools::more_tools(seed, &people, &tools);
    let cursor_days = cursor::cursor_days(seed, &more.cursor);
    let gemini_events = gemini::events(seed, &more.gemini);
    let files: [(&'static str, Vec<u8>); 13] = [
        ("text/csv", hris::hris_csv(&people, &tools.hris_logins)),
        ("text/csv", users.bytes.clone()),
        ("application/x-ndjson", compliance),
        (
            "application/json",
            codex_json::usage_json(seed, &people, &seats, &tools, &codex_days),
        ),
        (
            "application/json",
            codex_json::code_reviews_json(seed, &codex_days),
        ),
        (
            "application/x-ndjson",
            copilot_ndjson::usage_ndjson(&tools, &profiles, &copilot_days),
        ),
        (
            "application/json",
            copilot_seats::seats_json(seed, &people, &tools, &profiles, &copilot_days),
        ),
        ("text/csv", billing::billing_csv(&tools, &copilot_days)),
        (
            "application/json",
            claude_code::usage_json(seed, &people, &more.claude),
        ),
        (
            "application/json",
            cursor::daily_usage_json(&people, &more.cursor, &more.cursor_idle, &cursor_days),
        ),
        (
            "text/csv",
            cursor::usage_events_csv(&people, &more.cursor, &cursor_days),
        ),
        ("text/csv", m365::usage_csv(&people, &more.m365)),
        (
            "application/json",
            gemini::audit_json(seed, &people, &gemini_events),
        ),
    ];
    SAMPLE_FILE_NAMES
        .iter()
        .zip(files)
        .map(|(name, (mime, bytes))| SampleFile {
            name: (*name).into(),
            mime,
            bytes,
        })
        .collect()
}
