//! The event lines of the Compliance Logs Platform JSONL (FORMATS.md §1f):
//! `CONVERSATION_MESSAGE`, `CODEX_LOG` (`PROMPT_SENT`) and `AUTH_LOG` (`LOGIN`), each with
//! the `event_id` / `type` / `principal` / `actor` / `timestamp` envelope.
//!
//! `AUTH_LOG` details are not documented: the sample writes `event_type: "LOGIN"` and an
//! `event_details` with `detail_type`, `auth_method` and `status`, which parsers should
//! treat as opaque.

use super::json::{iso_micros, uuid, Obj};
use super::rng::{Rng, ALNUM};

/// Who the event is about, and where.
pub(super) struct Envelope<'a> {
    pub workspace: &'a str,
    pub user_id: &'a str,
    pub email: &'a str,
}

impl Envelope<'_> {
    fn open<'b>(&self, out: &'b mut String, rng: &mut Rng, kind: &str, timestamp: &str) -> Obj<'b> {
        Obj::open(out)
            .str("event_id", &uuid(rng))
            .str("type", kind)
            .obj("principal", |p| {
                p.str("id", self.workspace).str("type", "CHATGPT_WORKSPACE")
            })
            .obj("actor", |a| {
                a.str("type", "ACCOUNT_USER")
                    .str("user_id", self.user_id)
                    .str("user_email", self.email)
            })
            .str("timestamp", timestamp)
    }
}

pub(super) struct Conversation {
    pub id: String,
    pub title: &'static str,
    /// ISO-8601 creation time.
    pub created: String,
    pub pinned: bool,
    pub temporary: bool,
    /// (id, name) of the custom GPT, if any.
    pub gpt: Option<(String, &'static str)>,
    /// (id, name) of the project, if any.
    pub project: Option<(String, &'static str)>,
}

pub(super) struct Message {
    pub id: String,
    pub parent: Option<String>,
    pub micros: i64,
    pub assistant: bool,
    pub client_type: &'static str,
    pub model: Option<&'static str>,
    pub tools: Vec<&'static str>,
    pub text: String,
    /// An attached file's name.
    pub file: Option<&'static str>,
}

pub(super) fn message_line(
    rng: &mut Rng,
    env: &Envelope,
    conv: &Conversation,
    m: &Message,
) -> String {
    let mut out = String::with_capacity(900 + m.text.len());
    let created = iso_micros(m.micros);
    let file_id = m.file.map(|_| format!("file-{}", rng.string_of(ALNUM, 22)));
    let cited = m.assistant && m.tools.contains(&"web");
    let annotation_id = format!("ann_{}", rng.string_of(ALNUM, 12));
    env.open(&mut out, rng, "CONVERSATION_MESSAGE", &created)
        .obj("message", |o| {
            let o = o
                .str("id", &m.id)
                .opt_str("parent_id", m.parent.as_deref())
                .str("created_at", &created)
                .obj("author", |a| {
                    let a = a
                        .str("type", if m.assistant { "assistant" } else { "user" })
                        .str("client_type", m.client_type);
                    let a = match m.model {
                        Some(model) => a.str("model", model),
                        None => a,
                    };
                    a.strs("tools_used", &m.tools).strs("skills_used", &[])
                })
                .obj("content", |c| c.str("type", "text").str("value", &m.text));
            let files: Vec<(&str, &str)> = match (m.file, file_id.as_deref()) {
                (Some(name), Some(id)) => vec![(id, name)],
                _ => Vec::new(),
            };
            let o = o.arr("files", &files, |f, (id, name)| {
                f.str("id", id)
                    .str("object", "file")
                    .str("name", name)
                    .int("created_at", m.micros / 1_000_000)
                    .str(
                        "download_url",
                        &format!(
                            "https://api.chatgpt.com/v1/compliance/workspaces/{}/files/{id}",
                            env.workspace
                        ),
                    )
            });
            let notes: Vec<u8> = if cited { vec![0] } else { Vec::new() };
            o.arr("annotations", &notes, |a, _| {
                a.str("id", &annotation_id)
                    .str("type", "url_citation")
                    .str("quote_text", m.text.lines().nth(2).unwrap_or("source"))
            })
        })
        .obj("conversation", |c| {
            c.str("id", &conv.id)
                .str("title", conv.title)
                .str("created_at", &conv.created)
                .bool("is_pinned", conv.pinned)
                .bool("is_temporary_chat", conv.temporary)
                .opt_str("gpt_id", conv.gpt.as_ref().map(|g| g.0.as_str()))
                .opt_str("gpt_name", conv.gpt.as_ref().map(|g| g.1))
                .opt_str("project_id", conv.project.as_ref().map(|p| p.0.as_str()))
                .opt_str("project_name", conv.project.as_ref().map(|p| p.1))
        })
        .close();
    out
}

/// One Codex prompt: what was sent and the tokens it used.
pub(super) struct CodexPrompt<'a> {
    pub micros: i64,
    pub client: &'static str,
    pub session: &'a str,
    pub text: String,
    pub status: &'static str,
    pub model: &'static str,
    pub effort: &'static str,
    /// Input (cached included), output, cached input, reasoning output tokens.
    pub tokens: [i64; 4],
}

pub(super) fn codex_line(rng: &mut Rng, env: &Envelope, p: &CodexPrompt) -> String {
    let mut out = String::with_capacity(900 + p.text.len());
    let turn = uuid(rng);
    env.open(&mut out, rng, "CODEX_LOG", &iso_micros(p.micros))
        .str("event_type", "PROMPT_SENT")
        .str("client_id", p.client)
        .str("workspace_id", env.workspace)
        .obj("event_details", |d| {
            d.str("detail_type", "PROMPT_SENT")
                .str("session_id", p.session)
                .str("turn_id", &turn)
                .str("prompt_text", &p.text)
                .str("status", p.status)
                .str("model", p.model)
                .str("service_tier", "default")
                .str("reasoning_effort", p.effort)
                .obj("token_usage", |t| {
                    t.int("input_tokens", p.tokens[0])
                        .int("output_tokens", p.tokens[1])
                        .int("cached_input_tokens", p.tokens[2])
                        .int("reasoning_output_tokens", p.tokens[3])
                })
                .raw("tool_name", "null")
                .raw("tool_type", "null")
                .raw("environment_id", "null")
        })
        .close();
    out
}

pub(super) fn auth_line(rng: &mut Rng, env: &Envelope, micros: i64) -> String {
    let mut out = String::with_capacity(600);
    env.open(&mut out, rng, "AUTH_LOG", &iso_micros(micros))
        .str("event_type", "LOGIN")
        .str("workspace_id", env.workspace)
        .obj("event_details", |d| {
            d.str("detail_type", "LOGIN")
                .str("auth_method", "SSO")
                .str("status", "success")
        })
        .close();
    out
}
