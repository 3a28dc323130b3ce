//! `PersonalMessage`: one message a person sent in their own ChatGPT account, from the
//! personal "Export data" archive (`chatgpt.personal_export_json`). Kept apart from the
//! organisation's facts: it feeds only the "My usage" view and never an adoption figure, a
//! snapshot or an export. Text is reduced to its length as it is parsed; conversation, custom
//! GPT and project ids are kept only as keyed 64-bit hashes, and no title is read at all.

use crate::engine::fast_hash::FastSet as HashSet;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonalMessage {
    /// Unix seconds, UTC.
    pub at: i64,
    /// Length of the prompt in Unicode scalar values (the text itself is dropped).
    pub chars: u32,
    /// Index into [`PersonalFacts::models`]: the model of the answer (`model_slug`, else the
    /// conversation's `default_model_slug`); `None` when neither says.
    pub model: Option<u16>,
    /// Keyed hash of the conversation id.
    pub conversation: u64,
    /// Keyed hash of the custom GPT (`gizmo_id`, `g-…`) the conversation used, if any.
    pub gpt: Option<u64>,
    /// Keyed hash of the project (`g-p-…`), if the conversation belongs to one.
    pub project: Option<u64>,
    /// Keyed hash of the message id: the same export loaded twice counts once.
    pub key: u64,
}

/// The personal messages of one file, or of every personal export loaded.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PersonalFacts {
    /// Model slugs (`gpt-4o`, `o3`…): labels, not identifiers.
    pub models: Vec<String>,
    pub messages: Vec<PersonalMessage>,
    #[serde(skip)]
    keys: HashSet<u64>,
}

impl PersonalFacts {
    pub fn is_empty(&self) -> bool {
        self.messages.is_empty()
    }

    /// The index of a model slug, added on first sight.
    pub fn model(&mut self, slug: &str) -> Option<u16> {
        if let Some(at) = self.models.iter().position(|m| m == slug) {
            return u16::try_from(at).ok();
        }
        let at = u16::try_from(self.models.len()).ok()?;
        self.models.push(slug.to_string());
        Some(at)
    }

    /// Adds a message unless one with the same key is present.
    pub fn push(&mut self, message: PersonalMessage) -> bool {
        let added = self.keys.insert(message.key);
        if added {
            self.messages.push(message);
        }
        added
    }

    /// Moves `other`'s messages into `self` (renumbering models); returns how many were
    /// already present.
    pub fn merge(&mut self, other: &PersonalFacts) -> usize {
        let mut duplicates = 0;
        for message in &other.messages {
            let model = message
                .model
                .and_then(|m| other.models.get(usize::from(m)))
                .and_then(|slug| self.model(slug));
            if !self.push(PersonalMessage {
                model,
                ..message.clone()
            }) {
                duplicates += 1;
            }
        }
        duplicates
    }

    pub fn model_name(&self, model: Option<u16>) -> Option<&str> {
        model
            .and_then(|m| self.models.get(usize::from(m)))
            .map(String::as_str)
    }
}
