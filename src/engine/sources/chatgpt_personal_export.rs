//! `chatgpt.personal_export_json`: `conversations.json` from the ChatGPT personal "Export
//! data" archive (FORMATS.md §1g), a JSON array of conversations (or `{"conversations":[…]}`),
//! read one conversation at a time, as such, or straight out of the export's `.zip`
//! (`engine::zip`, via `ingest`).
//!
//! Counting rules (§1g): only the visible branch counts, found by following `current_node` →
//! `parent` to the root, so regenerated answers and edited prompts off that branch are not
//! counted. Hidden messages (`metadata.is_visually_hidden_from_conversation`), system messages
//! and assistant messages addressed to a tool (`recipient != "all"`) are skipped. Every visible
//! user message becomes a [`PersonalMessage`]: its time (float epoch seconds, UTC), its length
//! in characters (the text is dropped at once), the model of the answer that follows it
//! (`metadata.model_slug`, else the conversation's `default_model_slug`), and keyed hashes of
//! the conversation, the custom GPT (`gizmo_id`) and the project (`g-p-…`). Titles are never
//! read. A personal export is one person's own data: it goes to `Parsed::personal`, never to
//! the organisation's facts.

use super::json_rows;
use super::records::Record;
use super::registry::FormatSpec;
use super::{Diagnostics, FileError, Parsed};
use crate::engine::date::{Day, DaySpan};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{PersonalFacts, PersonalMessage};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::ChatgptPersonalExportJson,
    name: "chatgpt.personal_export_json",
    label: "ChatGPT personal data export (conversations.json or the export .zip)",
    csv: false,
    signature: &["mapping", "create_time", "current_node"],
    matches,
    parse: |reader, ctx| parse(reader, ctx.key, ctx.today),
};

/// Said of every personal export in the file list.
pub const SCOPE_NOTE: &str =
    "Personal export: shown only in My usage, never in the organisation's figures.";

/// Detection (FORMATS.md §10): an array (or `{conversations:[…]}`) whose elements have
/// `mapping` and `create_time`. A first conversation too large for the probe is recognised
/// by the keys in its head.
fn matches(probe: &Probe) -> bool {
    let Probe::Json(json) = probe else {
        return false;
    };
    match &json.first {
        Some(first) => {
            json.first_has(&["mapping", "create_time"])
                || first
                    .get("conversations")
                    .and_then(Value::as_array)
                    .and_then(|a| a.first())
                    .is_some_and(|c| c.get("mapping").is_some() && c.get("create_time").is_some())
        }
        None => {
            let start = json.text.trim_start();
            // The export writes `title`, `create_time`, `update_time`, then `mapping` (where a
            // long conversation's bulk is) and `current_node` after it.
            (start.starts_with('[') || start.starts_with("{\"conversations\""))
                && json.text.contains("\"mapping\"")
                && json.text.contains("\"create_time\"")
                && (json.text.contains("\"current_node\"") || json.text.contains("\"parent\""))
        }
    }
}

#[derive(Deserialize)]
struct Conversation {
    id: Option<String>,
    conversation_id: Option<String>,
    current_node: Option<String>,
    mapping: Option<HashMap<String, Node>>,
    default_model_slug: Option<String>,
    gizmo_id: Option<String>,
    conversation_template_id: Option<String>,
}

#[derive(Deserialize)]
struct Node {
    parent: Option<String>,
    message: Option<Message>,
}

#[derive(Deserialize)]
struct Message {
    id: Option<String>,
    author: Option<Author>,
    create_time: Option<Value>,
    content: Option<Content>,
    recipient: Option<String>,
    metadata: Option<Metadata>,
}

#[derive(Deserialize)]
struct Author {
    role: Option<String>,
}

#[derive(Deserialize)]
struct Content {
    parts: Option<Vec<Value>>,
    text: Option<String>,
}

impl Content {
    /// Characters of the text parts (images and other objects count nothing).
    fn chars(&self) -> u32 {
        let parts: usize = self
            .parts
            .iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|s| s.chars().count())
            .sum();
        let text = self.text.as_deref().map_or(0, |t| t.chars().count());
        u32::try_from(parts + text).unwrap_or(u32::MAX)
    }
}

#[derive(Deserialize, Default)]
struct Metadata {
    model_slug: Option<String>,
    is_visually_hidden_from_conversation: Option<bool>,
    is_user_system_message: Option<bool>,
}

/// What reading the conversations found besides the messages, for the file's notes.
#[derive(Default)]
struct Tally {
    off_branch_user_messages: u64,
    untimed_user_messages: u64,
}

/// Parses `conversations.json`.
pub fn parse(reader: &mut dyn Read, key: &OrgKey, today: Option<Day>) -> Result<Parsed, FileError> {
    let mut parsed = Parsed::until(today);
    let mut hasher = Pseudonymiser::new(key);
    let mut tally = Tally::default();
    let personal = &mut parsed.personal;
    json_rows::each_record::<Conversation>(
        reader,
        &["conversations"],
        &mut parsed.diagnostics,
        |conversation, record, diagnostics| {
            read_conversation(
                conversation,
                record,
                personal,
                &mut hasher,
                &mut tally,
                diagnostics,
            );
        },
    )?;
    let d = &mut parsed.diagnostics;
    d.note(SCOPE_NOTE);
    if tally.off_branch_user_messages > 0 {
        d.note(format!(
            "{} of your messages sit on branches you left (edited prompts, regenerated answers) and are not counted: only the branch each conversation shows is.",
            tally.off_branch_user_messages
        ));
    }
    if tally.untimed_user_messages > 0 {
        d.note(format!(
            "{} of your messages have no create_time and are not counted.",
            tally.untimed_user_messages
        ));
    }
    Ok(parsed)
}

fn is_user(message: &Message) -> bool {
    message
        .author
        .as_ref()
        .and_then(|a| a.role.as_deref())
        .is_some_and(|r| r.eq_ignore_ascii_case("user"))
}

fn read_conversation(
    conversation: Conversation,
    record: &Record<'_>,
    personal: &mut PersonalFacts,
    hasher: &mut Pseudonymiser<'_>,
    tally: &mut Tally,
    diagnostics: &mut Diagnostics,
) {
    let place = record.index + 1;
    let Some(mapping) = conversation.mapping else {
        let reason = format!("conversation {place}: no \"mapping\" (its messages)");
        return diagnostics.skip(record.line, None, reason);
    };
    let Some(leaf) = conversation
        .current_node
        .as_deref()
        .filter(|n| mapping.contains_key(*n))
    else {
        let reason = format!(
            "conversation {place}: \"current_node\" is missing or names no message, so the visible branch is unknown"
        );
        return diagnostics.skip(record.line, None, reason);
    };
    // The visible branch, leaf to root (a cycle or a dangling parent ends it).
    let mut branch: Vec<&str> = Vec::new();
    let mut at = Some(leaf);
    while let Some(id) = at {
        let Some(node) = mapping.get(id) else { break };
        if branch.len() > mapping.len() {
            break;
        }
        branch.push(id);
        at = node.parent.as_deref();
    }
    branch.reverse();
    let on_branch: std::collections::HashSet<&str> = branch.iter().copied().collect();
    tally.off_branch_user_messages += mapping
        .iter()
        .filter(|(id, node)| {
            !on_branch.contains(id.as_str())
                && node
                    .message
                    .as_ref()
                    .is_some_and(|m| is_user(m) && !m.metadata.as_ref().is_some_and(hidden))
        })
        .count() as u64;

    let conversation_id = conversation
        .id
        .as_deref()
        .or(conversation.conversation_id.as_deref())
        .unwrap_or("");
    let thread = hasher.short_hash(IdKind::Conversation, conversation_id);
    let (mut gpt, mut project) = (None, None);
    for id in [
        conversation.gizmo_id.as_deref(),
        conversation.conversation_template_id.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|id| !id.is_empty())
    {
        let hashed = Some(hasher.short_hash(IdKind::Conversation, &format!("gizmo:{id}")));
        if id.starts_with("g-p-") {
            project = project.or(hashed);
        } else {
            gpt = gpt.or(hashed);
        }
    }
    let default_model = conversation
        .default_model_slug
        .as_deref()
        .filter(|m| !m.trim().is_empty());

    // User messages waiting for the model of their answer.
    let mut waiting: Vec<PersonalMessage> = Vec::new();
    let mut out: Vec<PersonalMessage> = Vec::new();
    for id in branch {
        let Some(message) = mapping.get(id).and_then(|n| n.message.as_ref()) else {
            continue;
        };
        let metadata = message.metadata.as_ref();
        if metadata.is_some_and(hidden) {
            continue;
        }
        let role = message
            .author
            .as_ref()
            .and_then(|a| a.role.as_deref())
            .unwrap_or("")
            .to_ascii_lowercase();
        match role.as_str() {
            "user" => {
                let Some(at) = message.create_time.as_ref().and_then(epoch_seconds) else {
                    tally.untimed_user_messages += 1;
                    continue;
                };
                let message_id = message.id.as_deref().unwrap_or(id);
                waiting.push(PersonalMessage {
                    at,
                    chars: message.content.as_ref().map_or(0, Content::chars),
                    model: None,
                    conversation: thread,
                    gpt,
                    project,
                    key: hasher
                        .short_hash(IdKind::Event, &format!("{conversation_id}/{message_id}")),
                });
            }
            "assistant" => {
                if message.recipient.as_deref().is_some_and(|r| r != "all") {
                    continue;
                }
                let slug = metadata
                    .and_then(|m| m.model_slug.as_deref())
                    .filter(|m| !m.trim().is_empty())
                    .or(default_model);
                let model = slug.and_then(|s| personal.model(s));
                for mut m in waiting.drain(..) {
                    m.model = model;
                    out.push(m);
                }
            }
            // System messages (custom instructions included: they are not prompts you sent)
            // and tool output are not yours to count.
            _ => {}
        }
    }
    // Prompts left without an answer take the conversation's default model.
    let fallback = default_model.and_then(|s| personal.model(s));
    for mut m in waiting {
        m.model = fallback;
        out.push(m);
    }
    for m in out {
        let day = Day::from_unix_seconds(m.at);
        if diagnostics.after_today(record.line, day) {
            continue;
        }
        let added = personal.push(m);
        diagnostics.count(added, Some(DaySpan::new(day, day)));
    }
}

fn hidden(metadata: &Metadata) -> bool {
    metadata.is_visually_hidden_from_conversation == Some(true)
        && metadata.is_user_system_message != Some(true)
}

/// Float epoch seconds (or an integer, or a numeric string) as whole Unix seconds, UTC.
fn epoch_seconds(value: &Value) -> Option<i64> {
    let seconds = match value {
        Value::Number(n) => n.as_f64()?,
        Value::String(s) => s.trim().parse::<f64>().ok()?,
        _ => return None,
    };
    (seconds.is_finite() && seconds > 0.0 && seconds < 1.0e11).then(|| seconds.floor() as i64)
}
