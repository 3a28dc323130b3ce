//! A deterministic, realistic **sample organisation** as native export files.
//!
//! "Northwind" has 412 employees in 8 departments of uneven size (Legal has 4 people, under
//! the privacy floor of 5) and rolls ChatGPT Enterprise out to about 340 of them. The
//! generator writes the bytes a customer would drop on the page:
//!
//! 1. `hris.csv`: a Workday-style roster (FORMATS.md §8), one row per employee, with teams,
//!    reporting lines, ~10 hires in the last 30 days, ~6 leavers and ~8 people on leave;
//! 2. `chatgpt-users-weekly.csv`: the workspace analytics Users export (FORMATS.md §1a),
//!    20 weekly periods (Sunday → Saturday, 2026-06-28 … 2026-11-14), one row per member
//!    per period from their invitation on (about 5,500 rows), including pending invites,
//!    idle seats, deactivated leavers and a few emails in odd case or with stray spaces. The weekly active share of enabled seats climbs from ~25 % to
//!    ~65 %; the advanced-model share (`gpt-5-thinking`, `o3`) from ~15 % to ~40 %.
//!
//! The same seed always gives the same bytes, natively and in wasm: the PRNG is SplitMix64,
//! no clock, no I/O, no hash-map iteration, and no float function beyond + − × ÷.

mod activity;
mod date;
mod hris;
mod org;
mod people;
mod rng;
mod seats;
mod usage;
mod users_csv;

#[cfg(test)]
mod tests;

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
pub const SAMPLE_FILE_NAMES: [&str; 2] = ["hris.csv", "chatgpt-users-weekly.csv"];

/// The sample organisation's files: `hris.csv`, then `chatgpt-users-weekly.csv`.
///
/// Same seed, same bytes.
pub fn sample_organisation(seed: u64) -> Vec<SampleFile> {
    let people = people::roster(seed);
    let seats = seats::seats(seed, &people);
    let active = activity::weekly_activity(seed, &seats);
    vec![
        SampleFile {
            name: "hris.csv".into(),
            mime: "text/csv",
            bytes: hris::hris_csv(&people),
        },
        SampleFile {
            name: "chatgpt-users-weekly.csv".into(),
            mime: "text/csv",
            bytes: users_csv::users_csv(seed, &people, &seats, &active),
        },
    ]
}
