//! The URL fragment: the view and the query, never any data, so a view can be bookmarked.
//! `#codex?range=13w&dept=Sales&team=Platform&tool=copilot` or
//! `#overview?from=2026-08-01&to=2026-10-31&grain=month` (week grain, the default, is not written).
//! Pure, tested natively.

use crate::engine::date::Day;
use crate::engine::facts::Tool;
use crate::engine::query::{Grain, Query, Range};
use crate::ui::state::View;

/// The view and query a fragment names (unknown parts are ignored).
pub fn parse(fragment: &str) -> (View, Query) {
    let text = fragment.trim_start_matches('#').trim_start_matches('/');
    let (view, params) = text.split_once('?').unwrap_or((text, ""));
    let mut query = Query::default();
    let (mut from, mut to) = (None, None);
    for pair in params.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        let value = decode(value);
        match key {
            "range" => {
                if let Some(n) = value.strip_suffix('w').and_then(|n| n.parse::<u32>().ok()) {
                    query.range = Range::LastWeeks(n.clamp(1, 520));
                }
            }
            "from" => from = Day::parse(&value),
            "to" => to = Day::parse(&value),
            "dept" if !value.is_empty() => query.department = Some(value),
            "team" if !value.is_empty() => query.team = Some(value),
            "tool" => query.tool = tool_from_id(&value),
            "grain" => query.grain = Grain::from_id(&value).unwrap_or_default(),
            _ => {}
        }
    }
    if let (Some(a), Some(b)) = (from, to) {
        query.range = Range::Between(a, b);
    }
    (View::from_fragment(view), query)
}

/// The fragment's query part, `?…` (empty when nothing is filtered).
pub fn query_string(query: &Query) -> String {
    let mut parts = Vec::new();
    match query.range {
        Range::All => {}
        Range::LastWeeks(n) => parts.push(format!("range={n}w")),
        Range::Between(a, b) => {
            parts.push(format!("from={a}"));
            parts.push(format!("to={b}"));
        }
    }
    if let Some(d) = &query.department {
        parts.push(format!("dept={}", encode(d)));
    }
    if let Some(t) = &query.team {
        parts.push(format!("team={}", encode(t)));
    }
    if let Some(t) = query.tool {
        parts.push(format!("tool={}", tool_id(t)));
    }
    if query.grain != Grain::default() {
        parts.push(format!("grain={}", query.grain.id()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

/// The whole fragment for a view and a query.
pub fn fragment(view: View, query: &Query) -> String {
    format!("#{}{}", view.id(), query_string(query))
}

pub fn tool_id(tool: Tool) -> &'static str {
    match tool {
        Tool::Chatgpt => "chatgpt",
        Tool::Codex => "codex",
        Tool::Copilot => "copilot",
        Tool::M365Copilot => "m365_copilot",
        Tool::Claude => "claude",
        Tool::Cursor => "cursor",
        Tool::Gemini => "gemini",
    }
}

pub fn tool_from_id(id: &str) -> Option<Tool> {
    [
        Tool::Chatgpt,
        Tool::Codex,
        Tool::Copilot,
        Tool::M365Copilot,
        Tool::Claude,
        Tool::Cursor,
        Tool::Gemini,
    ]
    .into_iter()
    .find(|t| tool_id(*t) == id)
}

/// Percent-encodes everything but unreserved characters.
fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(b) => {
                        out.push(b);
                        i += 3;
                    }
                    Err(_) => {
                        out.push(b'%');
                        i += 1;
                    }
                }
            }
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_view_and_filters() {
        let query = Query {
            range: Range::LastWeeks(13),
            department: Some("R&D / Platform".into()),
            team: Some("Data Eng".into()),
            tool: Some(Tool::Copilot),
            grain: Grain::Month,
        };
        let f = fragment(View::Codex, &query);
        assert_eq!(
            f,
            "#codex?range=13w&dept=R%26D%20%2F%20Platform&team=Data%20Eng&tool=copilot&grain=month"
        );
        assert_eq!(parse(&f), (View::Codex, query));
    }

    #[test]
    fn explicit_days_and_plain_views() {
        let (view, query) = parse("#timing?from=2026-08-01&to=2026-10-31");
        assert_eq!(view, View::Timing);
        assert_eq!(
            query.range,
            Range::Between(
                Day::parse("2026-08-01").unwrap(),
                Day::parse("2026-10-31").unwrap()
            )
        );
        assert_eq!(parse("#data"), (View::Data, Query::default()));
        assert_eq!(parse(""), (View::Overview, Query::default()));
        // Junk is ignored, never an error.
        assert_eq!(
            parse("#overview?range=x&tool=nope&grain=fortnight&%%"),
            (View::Overview, Query::default())
        );
        assert_eq!(fragment(View::Overview, &Query::default()), "#overview");
        let (_, query) = parse("#sessions?grain=day");
        assert_eq!(query.grain, Grain::Day);
        assert!(!query.is_filtered(), "a grain narrows no fact");
    }
}
