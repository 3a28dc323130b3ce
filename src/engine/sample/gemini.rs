//! `gemini-audit.json`: Admin SDK Reports API activities of `gemini_in_workspace_apps`
//! (FORMATS.md §7b) over the 8 weeks, newest first, in pages of at most 500 items (each page
//! with its `nextPageToken`, concatenated as saved). One item per Gemini feature use: a few a
//! day for each light user, in Gmail, Docs, Sheets, Slides, Meet or the Gemini app; about one in
//! twenty is a passive feature (`event_category: inactive`), which is not use.

use super::json::{iso_millis, Obj};
use super::more_tools::ToolUser;
use super::people::Person;
use super::rng::Rng;

/// App, action, where it is started; weights.
const FEATURES: [(&str, &str, &str); 7] = [
    ("gmail", "summarize_thread", "side_panel"),
    ("gmail", "help_me_write", "compose"),
    ("docs", "help_me_write", "side_panel"),
    ("sheets", "help_me_organize", "side_panel"),
    ("slides", "create_image", "side_panel"),
    ("meet", "take_notes", "meeting"),
    ("gemini_app", "chat", "web"),
];
const FEATURE_WEIGHTS: [f64; 7] = [20.0, 12.0, 22.0, 8.0, 6.0, 10.0, 22.0];
const PAGE: usize = 500;
const CUSTOMER: &str = "C03nw7x2q";

/// One audit item: who, when (unix ms), which feature, whether it was active use.
pub(super) struct GeminiEvent {
    pub person: usize,
    pub millis: i64,
    pub feature: usize,
    pub active: bool,
}

pub(super) fn events(seed: u64, users: &[ToolUser]) -> Vec<GeminiEvent> {
    let mut rng = Rng::new(seed, 24);
    let mut out = Vec::new();
    for user in users {
        let favourite = rng.weighted(&FEATURE_WEIGHTS);
        for &day in &user.days {
            let n = ((rng.range(1, 4) as f64 * user.intensity) as i64).max(1);
            let mut at = day * 86_400_000 + rng.range(8, 10) * 3_600_000;
            for _ in 0..n {
                at += rng.range(60_000, 5_400_000);
                let feature = if rng.chance(0.5) {
                    favourite
                } else {
                    rng.weighted(&FEATURE_WEIGHTS)
                };
                out.push(GeminiEvent {
                    person: user.person,
                    millis: at,
                    feature,
                    active: !rng.chance(0.05),
                });
            }
        }
    }
    // Newest first, as the API returns them.
    out.sort_by(|a, b| b.millis.cmp(&a.millis).then(a.person.cmp(&b.person)));
    out
}

/// A Google profile id per person (21 digits).
fn profile_id(person: usize) -> String {
    format!("1048{:017}", 7_315_000_000_000 + 977 * person as i64)
}

pub(super) fn audit_json(seed: u64, people: &[Person], events: &[GeminiEvent]) -> Vec<u8> {
    let mut rng = Rng::new(seed, 25);
    let mut out = String::new();
    let pages: Vec<&[GeminiEvent]> = events.chunks(PAGE).collect();
    for (k, page_events) in pages.iter().enumerate() {
        let mut page = String::new();
        let mut o = Obj::open(&mut page)
            .str("kind", "admin#reports#activities")
            .str("etag", &format!("\"nw-gemini-{k}\""))
            .arr("items", page_events, |item, e| {
                let (app, action, source) = FEATURES[e.feature];
                let qualifier = format!(
                    "-{}",
                    rng.range(1_000_000_000_000_000, 9_000_000_000_000_000)
                );
                item.str("kind", "admin#reports#activity")
                    .obj("id", |id| {
                        id.str("time", &iso_millis(e.millis))
                            .str("uniqueQualifier", &qualifier)
                            .str("applicationName", "gemini_in_workspace_apps")
                            .str("customerId", CUSTOMER)
                    })
                    .obj("actor", |a| {
                        a.str("callerType", "USER")
                            .str("email", &people[e.person].email)
                            .str("profileId", &profile_id(e.person))
                    })
                    .arr("events", &[()], |ev, _| {
                        let params = [
                            ("app_name", app),
                            ("action", action),
                            ("feature_source", source),
                            (
                                "event_category",
                                if e.active { "active" } else { "inactive" },
                            ),
                        ];
                        ev.str("type", "ai_usage_event")
                            .str("name", "feature_utilization")
                            .arr("parameters", &params, |p, (name, value)| {
                                p.str("name", name).str("value", value)
                            })
                    })
            });
        if k + 1 < pages.len() {
            o = o.str(
                "nextPageToken",
                &format!("A:{}:nw{k}", 1_763_000_000_000 + k as i64),
            );
        }
        o.close();
        out.push_str(&page);
        out.push('\n');
    }
    out.into_bytes()
}
