//! Sessions (METRICS.md): a run of one person's messages on one tool with gaps under the
//! session gap (a setting; a gap of exactly the setting starts a new session). A session counts
//! in the week of its first message. Shared by the Session depth, Model mix and Departments
//! sections, so they always agree.

use super::context::Ctx;
use super::people::PersonId;
use crate::engine::date::Day;
use crate::engine::facts::{MessageEvent, Role, Tool};

/// One session: a run of one person's own messages (role user) on one tool.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Session {
    pub person: PersonId,
    pub tool: Tool,
    pub day: Day,
    /// User-authored messages in the session.
    pub messages: u32,
    /// At least one message of the session (the answers included) used an advanced-tier model.
    pub advanced: bool,
}

/// Every session in the loaded message events. Messages by other roles (the assistant's
/// answers) belong to the session they follow when they come within the gap of its last user
/// message; they never start one. A Codex prompt (`PROMPT_SENT`) is a user message.
pub fn sessions(ctx: &Ctx) -> Vec<Session> {
    let gap = ctx.settings.session_gap_seconds();
    let advanced: Vec<bool> = (0..ctx.facts.strings.len() as u32)
        .map(|i| {
            ctx.settings
                .is_advanced(ctx.facts.strings.resolve(crate::engine::intern::Sym(i)))
        })
        .collect();
    let is_advanced = |e: &MessageEvent| {
        e.model
            .is_some_and(|m| advanced.get(m.0 as usize).copied().unwrap_or(false))
    };
    let mut events: Vec<(PersonId, Tool, i64, &MessageEvent)> = ctx
        .facts
        .events
        .iter()
        .map(|e| (ctx.people.person(e.identity), e.tool, e.at, e))
        .collect();
    // User messages before other roles at the same instant, so an answer stamped with its
    // prompt's second joins that prompt's session.
    events.sort_by_key(|(p, t, at, e)| (*p, *t, *at, e.role != Role::User));
    let mut out: Vec<Session> = Vec::new();
    let mut last_user: Option<(PersonId, Tool, i64)> = None;
    for (person, tool, at, event) in events {
        let open =
            last_user.is_some_and(|(p, t, last)| p == person && t == tool && at - last < gap);
        if event.role == Role::User {
            if !open {
                out.push(Session {
                    person,
                    tool,
                    day: Day::from_unix_seconds(at),
                    messages: 0,
                    advanced: false,
                });
            }
            last_user = Some((person, tool, at));
            if let Some(s) = out.last_mut() {
                s.messages += 1;
                s.advanced |= is_advanced(event);
            }
        } else if open {
            if let Some(s) = out.last_mut() {
                s.advanced |= is_advanced(event);
            }
        }
    }
    out
}
