//! `chatgpt.compliance_conversations_json`: pages of the legacy ChatGPT Enterprise Compliance
//! API `/conversations` endpoint (FORMATS.md §1e), `{"object":"list","data":[conversation…],
//! "has_more","last_id"}`, or a bare array of conversations. Each conversation names its owner
//! (`user_email`, `user_id`) and nests its messages (`messages.data[]`); every message becomes a
//! [`MessageEvent`]. Titles, message texts and file names are dropped as they are parsed: only
//! the length of user-authored text is kept. The legacy export has no token counts; `model` is
//! read when a message has one (unconfirmed).
//!
//! Also home to what both compliance parsers share: [`TextLength`] and [`unix_seconds`].

use super::json_rows;
use super::records::Record;
use super::registry::FormatSpec;
use super::{Diagnostics, FileError, Parsed};
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, IdentityId, MessageEvent, Role, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use crate::engine::intern::Sym;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptComplianceConversationsJson,
    name: "chatgpt.compliance_conversations_json",
    label: "ChatGPT Compliance API conversations (JSON)",
    csv: false,
    signature: &["object", "user_email", "messages"],
    matches,
    parse: |reader, ctx| parse(reader, ctx.key),
};

const CONVERSATION_OBJECT: &str = "compliance.workspace.conversation";

/// Detection (FORMATS.md §10): the first record is a compliance conversation (or, when it is
/// too large for the probe, the head names that object type).
fn matches(probe: &Probe) -> bool {
    let Probe::Json(json) = probe else {
        return false;
    };
    match &json.first {
        Some(_) => {
            json.first_str("object") == Some(CONVERSATION_OBJECT)
                || json.first_has(&["user_email", "messages"])
        }
        None => json.text.contains(&format!("\"{CONVERSATION_OBJECT}\"")),
    }
}

#[derive(Deserialize)]
struct Conversation {
    object: Option<String>,
    id: Option<String>,
    user_id: Option<String>,
    user_email: Option<String>,
    messages: Option<MessagePage>,
}

#[derive(Deserialize)]
struct MessagePage {
    data: Option<Vec<Message>>,
    has_more: Option<bool>,
}

#[derive(Deserialize)]
struct Message {
    id: Option<String>,
    created_at: Option<Value>,
    gpt_id: Option<String>,
    project_id: Option<String>,
    author: Option<Author>,
    content: Option<Content>,
    model: Option<String>,
}

#[derive(Deserialize)]
struct Author {
    role: Option<String>,
}

/// Message content: only the length of `value` (or of the strings in `parts`) is read.
#[derive(Deserialize)]
pub(super) struct Content {
    value: Option<TextLength>,
    parts: Option<TextLength>,
}

impl Content {
    pub(super) fn chars(&self) -> u32 {
        let length = |t: &Option<TextLength>| t.map_or(0, |t| t.0);
        length(&self.value).saturating_add(length(&self.parts))
    }
}

/// Parses a Compliance API conversations page.
pub fn parse(reader: &mut dyn Read, key: &OrgKey) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::default();
    let mut hasher = Pseudonymiser::new(key);
    let mut more_messages = 0u64;
    let mut more_pages = false;
    let facts = &mut parsed.facts;
    json_rows::each_record::<Conversation>(
        reader,
        &["data"],
        &mut parsed.diagnostics,
        |conversation, record, diagnostics| {
            more_pages |= record
                .envelope
                .iter()
                .any(|(k, v)| k == "has_more" && v == b"true");
            let page = conversation.messages.as_ref();
            if page.and_then(|p| p.has_more) == Some(true) {
                more_messages += 1;
            }
            read_conversation(conversation, record, facts, &mut hasher, diagnostics);
        },
    )?;
    let diagnostics = &mut parsed.diagnostics;
    if more_messages > 0 {
        let (lists, its) = if more_messages == 1 {
            ("conversation lists", "its")
        } else {
            ("conversations list", "their")
        };
        diagnostics.note(format!(
            "{more_messages} {lists} only {its} first messages (\"has_more\" is true): \
             the rest are not counted."
        ));
    }
    if more_pages {
        diagnostics.note(
            "The page says more conversations follow (\"has_more\" is true): add the next pages too.",
        );
    }
    Ok(parsed)
}

fn read_conversation(
    conversation: Conversation,
    record: &Record<'_>,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
    diagnostics: &mut Diagnostics,
) {
    let line = record.line;
    if let Some(object) = conversation.object.as_deref() {
        if object != CONVERSATION_OBJECT {
            let reason = format!("expected a conversation (\"object\": \"{CONVERSATION_OBJECT}\"), found \"{object}\"");
            return diagnostics.skip(line, None, reason);
        }
    }
    let Some(identity) = person(
        conversation.user_email.as_deref(),
        conversation.user_id.as_deref(),
        facts,
        hasher,
    ) else {
        let reason = "no user_email or user_id: the conversation names nobody";
        return diagnostics.skip(line, None, reason);
    };
    let thread = hasher.short_hash(
        IdKind::Conversation,
        conversation.id.as_deref().unwrap_or(""),
    );
    let messages = conversation
        .messages
        .and_then(|p| p.data)
        .unwrap_or_default();
    for (n, message) in messages.into_iter().enumerate() {
        let Some(id) = message.id.as_deref().filter(|id| !id.trim().is_empty()) else {
            diagnostics.skip(line, None, format!("message {}: no \"id\"", n + 1));
            continue;
        };
        let at = match instant(message.created_at.as_ref(), "created_at") {
            Ok(at) => at,
            Err(reason) => {
                diagnostics.skip(line, None, format!("message {}: {reason}", n + 1));
                continue;
            }
        };
        let role = message
            .author
            .and_then(|a| a.role)
            .map_or(Role::Other, |r| Role::parse(&r));
        let chars = match (&message.content, role) {
            (Some(content), Role::User) => content.chars(),
            _ => 0,
        };
        let event = MessageEvent {
            identity,
            tool: Tool::Chatgpt,
            at,
            conversation: thread,
            role,
            model: label(facts, message.model.as_deref()),
            gpt: label(facts, message.gpt_id.as_deref()),
            project: label(facts, message.project_id.as_deref()),
            client: None,
            chars,
            tools_used: 0,
            input_tokens: 0,
            cached_input_tokens: 0,
            output_tokens: 0,
            has_tokens: false,
            key: hasher.short_hash(IdKind::Event, id),
        };
        push(facts, diagnostics, event);
    }
}

/// The person of an email and an OpenAI user id, linked when both are given.
pub(super) fn person(
    email: Option<&str>,
    user_id: Option<&str>,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
) -> Option<IdentityId> {
    let mut intern = |kind, raw: Option<&str>| {
        hasher
            .hash(kind, raw.unwrap_or(""))
            .map(|p| facts.identities.intern(p, kind))
    };
    let email = intern(IdKind::Email, email);
    let user = intern(IdKind::OpenaiUser, user_id);
    if let (Some(e), Some(u)) = (email, user) {
        facts.link(e, u);
    }
    email.or(user)
}

/// An interned label (model, GPT id, project id, client), `None` when empty.
pub(super) fn label(facts: &mut Facts, text: Option<&str>) -> Option<Sym> {
    let text = text?.trim();
    (!text.is_empty()).then(|| facts.strings.intern(text))
}

/// Adds an event once, counting it as accepted (and its day as covered) or as a duplicate.
pub(super) fn push(facts: &mut Facts, diagnostics: &mut Diagnostics, event: MessageEvent) {
    let day = Day::from_unix_seconds(event.at);
    if facts.push_event(event) {
        diagnostics.rows_accepted += 1;
        diagnostics.cover(DaySpan::new(day, day));
    } else {
        diagnostics.rows_duplicate += 1;
    }
}

/// Unix seconds of an ISO 8601 string or an epoch number (seconds, fractions dropped; a value
/// above 10^11 is taken as milliseconds).
pub(super) fn unix_seconds(value: &Value) -> Option<i64> {
    match value {
        Value::String(text) => parse_timestamp(text),
        Value::Number(number) => {
            let seconds = number.as_f64()?;
            let seconds = if seconds.abs() > 1e11 {
                seconds / 1000.0
            } else {
                seconds
            };
            (seconds.is_finite() && seconds.abs() < 1e11).then(|| seconds.floor() as i64)
        }
        _ => None,
    }
}

/// The instant of a required time field, or why it cannot be read.
pub(super) fn instant(value: Option<&Value>, key: &str) -> Result<i64, String> {
    let value = value.ok_or_else(|| format!("no \"{key}\""))?;
    unix_seconds(value).ok_or_else(|| {
        let found: String = value.to_string().chars().take(40).collect();
        format!(
            "\"{key}\": expected a time like 2026-05-20T12:47:09Z or epoch seconds, found {found}"
        )
    })
}

/// The length in Unicode scalar values of a text (the strings of an array are added up; any
/// other value counts 0). The text itself is never kept.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct TextLength(pub u32);

impl<'de> Deserialize<'de> for TextLength {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(TextLengthVisitor)
    }
}

struct TextLengthVisitor;

impl<'de> Visitor<'de> for TextLengthVisitor {
    type Value = TextLength;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a text")
    }

    fn visit_str<E>(self, text: &str) -> Result<TextLength, E> {
        Ok(TextLength(
            u32::try_from(text.chars().count()).unwrap_or(u32::MAX),
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<TextLength, A::Error> {
        let mut total = 0u32;
        while let Some(TextLength(n)) = seq.next_element()? {
            total = total.saturating_add(n);
        }
        Ok(TextLength(total))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TextLength, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(TextLength(0))
    }

    fn visit_unit<E>(self) -> Result<TextLength, E> {
        Ok(TextLength(0))
    }

    fn visit_bool<E>(self, _: bool) -> Result<TextLength, E> {
        Ok(TextLength(0))
    }

    fn visit_i64<E>(self, _: i64) -> Result<TextLength, E> {
        Ok(TextLength(0))
    }

    fn visit_u64<E>(self, _: u64) -> Result<TextLength, E> {
        Ok(TextLength(0))
    }

    fn visit_f64<E>(self, _: f64) -> Result<TextLength, E> {
        Ok(TextLength(0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_length_counts_scalar_values_and_keeps_no_text() {
        let length = |json: &str| serde_json::from_str::<TextLength>(json).ok();
        // "café 🙂": c a f é space 🙂 = 6 scalar values (10 UTF-8 bytes, 7 UTF-16 units).
        assert_eq!(length("\"caf\\u00e9 🙂\""), Some(TextLength(6)));
        // Strings of an array add up; objects inside count 0: 2 + 3.
        assert_eq!(
            length("[\"ab\", {\"x\": \"yyyy\"}, \"cde\"]"),
            Some(TextLength(5))
        );
        assert_eq!(length("null"), Some(TextLength(0)));
        assert_eq!(length("{\"a\": [1, 2]}"), Some(TextLength(0)));
    }

    #[test]
    fn epoch_floats_iso_strings_and_milliseconds() {
        let at = |json: &str| {
            serde_json::from_str::<Value>(json)
                .ok()
                .and_then(|v| unix_seconds(&v))
        };
        assert_eq!(at("1716990000.923"), Some(1_716_990_000));
        assert_eq!(at("1716990000923"), Some(1_716_990_000));
        assert_eq!(at("\"2026-05-20T00:00:00Z\""), Some(1_779_235_200));
        assert_eq!(at("\"soon\""), None);
        assert_eq!(at("true"), None);
    }
}
