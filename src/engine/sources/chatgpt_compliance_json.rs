//! `chatgpt.compliance_conversations_json`: pages of the legacy ChatGPT Enterprise Compliance
//! API `/conversations` endpoint (FORMATS.md §1e), `{"object":"list","data":[conversation…],
//! "has_more","last_id"}`, or a bare array of conversations. Each conversation names its owner
//! (`user_email`, `user_id`) and nests its messages (`messages.data[]`); every message becomes a
//! [`MessageEvent`]. Titles, message texts and file names are dropped as they are parsed: only
//! the length of user-authored text is kept. The legacy export has no token counts; `model` is
//! read when a message has one (unconfirmed).
//!
//! What it shares with the Compliance Logs parser is in `chatgpt_compliance_common`.

use super::chatgpt_compliance_common::*;
use super::json_rows;
use super::records::Record;
use super::registry::FormatSpec;
use super::{Diagnostics, FileError, Parsed};
use crate::engine::date::Day;
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, MessageEvent, Role, Tool};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::Value;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptComplianceConversationsJson,
    name: "chatgpt.compliance_conversations_json",
    label: "ChatGPT Compliance API conversations (JSON)",
    csv: false,
    signature: &["object", "user_email", "messages"],
    matches,
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
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

/// Parses a Compliance API conversations page.
pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
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
        push(facts, diagnostics, line, event);
    }
}
