//! `chatgpt.compliance_logs_jsonl`: the event files of the ChatGPT Compliance Logs Platform
//! (FORMATS.md §1f), one event per line (a JSON array or `{"data":[…]}` of events is read too).
//! Lines stream one at a time, so a file of millions of events is never held whole.
//!
//! - `CONVERSATION_MESSAGE` → a ChatGPT [`MessageEvent`]: the person is `actor.user_email`
//!   linked with `actor.user_id`; `principal.id` is the workspace, not a person, and is not
//!   kept. Message text, conversation title, file names, quotes and annotations are dropped as
//!   parsed: only the length of user-authored text is kept.
//! - `CODEX_LOG` → a Codex [`MessageEvent`] per log line. Its role is `User` for a
//!   `PROMPT_SENT` event (the prompt's length is kept, its text dropped) and `Other` for any
//!   other detail type. Tokens follow the Codex CLI's own accounting, which is also Uptake's:
//!   `input_tokens` includes the cached ones (kept as given, the cached part beside it) and
//!   `output_tokens` includes the reasoning ones.
//! - `AUTH_LOG` and other types are counted (`Tallies::count_unused`) for a note, not as
//!   skipped rows.

use super::chatgpt_compliance_common::{instant, label, person, push, Content, TextLength};
use super::json_rows::{self, JsonStr};
use super::registry::FormatSpec;
use super::{FileError, Parsed};
use crate::engine::date::Day;
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, IdentityId, MessageEvent, Role, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptComplianceLogsJsonl,
    name: "chatgpt.compliance_logs_jsonl",
    label: "ChatGPT Compliance Logs (JSONL)",
    csv: false,
    signature: &["event_id", "principal", "actor", "timestamp"],
    matches,
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

/// Detection (FORMATS.md §10): the first event has `event_id`, `principal` and `actor` (or,
/// when it is too large for the probe, the head names all three keys).
fn matches(probe: &Probe) -> bool {
    let Probe::Json(json) = probe else {
        return false;
    };
    match &json.first {
        Some(_) => json.first_has(&["event_id", "principal", "actor"]),
        None => ["\"event_id\"", "\"principal\"", "\"actor\""]
            .iter()
            .all(|key| json.text.contains(key)),
    }
}

#[derive(Deserialize)]
struct Event<'a> {
    #[serde(borrow)]
    event_id: Option<JsonStr<'a>>,
    #[serde(rename = "type")]
    #[serde(borrow)]
    kind: Option<JsonStr<'a>>,
    #[serde(borrow)]
    event_type: Option<JsonStr<'a>>,
    #[serde(borrow)]
    actor: Option<Actor<'a>>,
    timestamp: Option<Value>,
    #[serde(borrow)]
    client_id: Option<JsonStr<'a>>,
    #[serde(borrow)]
    message: Option<Message<'a>>,
    #[serde(borrow)]
    conversation: Option<Conversation<'a>>,
    #[serde(borrow)]
    event_details: Option<Details<'a>>,
}

#[derive(Deserialize)]
struct Actor<'a> {
    #[serde(borrow)]
    user_id: Option<JsonStr<'a>>,
    #[serde(borrow)]
    user_email: Option<JsonStr<'a>>,
}

#[derive(Deserialize)]
struct Message<'a> {
    #[serde(borrow)]
    id: Option<JsonStr<'a>>,
    created_at: Option<Value>,
    #[serde(borrow)]
    author: Option<Author<'a>>,
    content: Option<Content>,
    #[serde(borrow)]
    model: Option<JsonStr<'a>>,
    #[serde(borrow)]
    metadata: Option<Metadata<'a>>,
}

#[derive(Deserialize)]
struct Author<'a> {
    #[serde(borrow)]
    role: Option<JsonStr<'a>>,
    #[serde(rename = "type")]
    #[serde(borrow)]
    kind: Option<JsonStr<'a>>,
    #[serde(borrow)]
    client_type: Option<JsonStr<'a>>,
    #[serde(borrow)]
    model: Option<JsonStr<'a>>,
    tools_used: Option<Vec<IgnoredAny>>,
}

#[derive(Deserialize)]
struct Metadata<'a> {
    #[serde(borrow)]
    model_slug: Option<JsonStr<'a>>,
}

#[derive(Deserialize)]
struct Conversation<'a> {
    #[serde(borrow)]
    id: Option<JsonStr<'a>>,
    #[serde(borrow)]
    gpt_id: Option<JsonStr<'a>>,
    #[serde(borrow)]
    project_id: Option<JsonStr<'a>>,
}

#[derive(Deserialize)]
struct Details<'a> {
    #[serde(borrow)]
    detail_type: Option<JsonStr<'a>>,
    #[serde(borrow)]
    session_id: Option<JsonStr<'a>>,
    prompt_text: Option<TextLength>,
    #[serde(borrow)]
    model: Option<JsonStr<'a>>,
    token_usage: Option<TokenUsage>,
}

#[derive(Deserialize)]
struct TokenUsage {
    input_tokens: Option<u64>,
    cached_input_tokens: Option<u64>,
    output_tokens: Option<u64>,
}

/// Parses a Compliance Logs event file.
pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let facts = &mut parsed.facts;
    json_rows::each_raw_record(
        reader,
        &["data"],
        &mut parsed.diagnostics,
        |record, diagnostics| {
            // Strings borrow from the record's bytes (copied only when they hold escapes).
            let event = match serde_json::from_slice::<Event<'_>>(record.bytes) {
                Ok(event) => event,
                Err(error) => {
                    return diagnostics.skip(record.line, None, json_rows::json_reason(&error))
                }
            };
            let kind = event.kind.as_deref().or(event.event_type.as_deref());
            let kind = kind.unwrap_or("").trim();
            let outcome = if kind.eq_ignore_ascii_case("CONVERSATION_MESSAGE") {
                message_event(event, facts, &mut hasher)
            } else if kind.eq_ignore_ascii_case("CODEX_LOG") {
                codex_event(event, facts, &mut hasher)
            } else if kind.is_empty() {
                Err("no \"type\": not a compliance log event".to_string())
            } else {
                return diagnostics.tallies.count_unused(&kind.to_ascii_uppercase());
            };
            match outcome {
                Ok(event) => push(facts, diagnostics, record.line, event),
                Err(reason) => diagnostics.skip(record.line, None, reason),
            }
        },
    )?;
    Ok(parsed)
}

/// The event's person, from `actor`.
fn actor(
    actor: Option<&Actor<'_>>,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
) -> Result<IdentityId, String> {
    let (email, user_id) = actor.map_or((None, None), |a| {
        (a.user_email.as_deref(), a.user_id.as_deref())
    });
    person(email, user_id, facts, hasher)
        .ok_or_else(|| "no actor.user_email or actor.user_id: the event names nobody".to_string())
}

/// The keyed hash of the event id (`None` when the event has none).
fn event_key(id: Option<&str>, hasher: &mut Pseudonymiser<'_>) -> Option<u64> {
    let id = id?.trim();
    (!id.is_empty()).then(|| hasher.short_hash(IdKind::Event, id))
}

fn message_event(
    event: Event<'_>,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
) -> Result<MessageEvent, String> {
    let message = event
        .message
        .ok_or("a CONVERSATION_MESSAGE event without \"message\"")?;
    // The event's own time; the message's creation time only when the event has none.
    let at = match event.timestamp {
        Some(timestamp) => instant(Some(&timestamp), "timestamp")?,
        None => match &message.created_at {
            Some(created) => instant(Some(created), "message.created_at")?,
            None => return Err("no \"timestamp\"".into()),
        },
    };
    let key = event_key(event.event_id.as_deref(), hasher)
        .or_else(|| event_key(message.id.as_deref(), hasher))
        .ok_or("no \"event_id\"")?;
    // The person last, so that a skipped event adds no identity.
    let identity = actor(event.actor.as_ref(), facts, hasher)?;
    let author = message.author;
    let role = author
        .as_ref()
        .and_then(|a| a.role.as_deref().or(a.kind.as_deref()))
        .map_or(Role::Other, Role::parse);
    let chars = match (&message.content, role) {
        (Some(content), Role::User) => content.chars(),
        _ => 0,
    };
    let model = author
        .as_ref()
        .and_then(|a| a.model.as_deref())
        .or(message.model.as_deref())
        .or(message
            .metadata
            .as_ref()
            .and_then(|m| m.model_slug.as_deref()));
    let conversation = event.conversation.as_ref();
    let tools_used = author.as_ref().and_then(|a| a.tools_used.as_ref());
    Ok(MessageEvent {
        identity,
        tool: Tool::Chatgpt,
        at,
        conversation: conversation
            .and_then(|c| c.id.as_deref())
            .map_or(0, |id| hasher.short_hash(IdKind::Conversation, id)),
        role,
        model: label(facts, model),
        gpt: label(facts, conversation.and_then(|c| c.gpt_id.as_deref())),
        project: label(facts, conversation.and_then(|c| c.project_id.as_deref())),
        client: label(
            facts,
            author.as_ref().and_then(|a| a.client_type.as_deref()),
        ),
        chars,
        tools_used: tools_used.map_or(0, |t| u16::try_from(t.len()).unwrap_or(u16::MAX)),
        input_tokens: 0,
        cached_input_tokens: 0,
        output_tokens: 0,
        has_tokens: false,
        key,
    })
}

fn codex_event(
    event: Event<'_>,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
) -> Result<MessageEvent, String> {
    let at = instant(event.timestamp.as_ref(), "timestamp")?;
    let key = event_key(event.event_id.as_deref(), hasher).ok_or("no \"event_id\"")?;
    let identity = actor(event.actor.as_ref(), facts, hasher)?;
    let details = event.event_details;
    let details = details.as_ref();
    let detail_type = details
        .and_then(|d| d.detail_type.as_deref())
        .or(event.event_type.as_deref())
        .unwrap_or("");
    let role = if detail_type.trim().eq_ignore_ascii_case("PROMPT_SENT") {
        Role::User
    } else {
        Role::Other
    };
    let chars = match (details.and_then(|d| d.prompt_text), role) {
        (Some(prompt), Role::User) => prompt.0,
        _ => 0,
    };
    let tokens = details.and_then(|d| d.token_usage.as_ref());
    let input = tokens.and_then(|t| t.input_tokens).unwrap_or(0);
    let cached = tokens.and_then(|t| t.cached_input_tokens).unwrap_or(0);
    Ok(MessageEvent {
        identity,
        tool: Tool::Codex,
        at,
        conversation: details
            .and_then(|d| d.session_id.as_deref())
            .map_or(0, |id| hasher.short_hash(IdKind::Conversation, id)),
        role,
        model: label(facts, details.and_then(|d| d.model.as_deref())),
        gpt: None,
        project: None,
        client: label(facts, event.client_id.as_deref()),
        chars,
        tools_used: 0,
        input_tokens: input.max(cached),
        cached_input_tokens: cached,
        output_tokens: tokens.and_then(|t| t.output_tokens).unwrap_or(0),
        has_tokens: tokens.is_some(),
        key,
    })
}
