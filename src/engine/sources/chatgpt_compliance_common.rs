//! What both ChatGPT compliance parsers share (legacy conversations and Compliance Logs):
//! message content reduced to its length as it is deserialised ([`TextLength`]), timestamps
//! given as epoch numbers or ISO strings, the person of an event, and pushing an event.

use super::Diagnostics;
use crate::engine::date::{parse_timestamp, Day, DaySpan};
use crate::engine::facts::{Facts, IdentityId, MessageEvent};
use crate::engine::identity::{IdKind, Pseudonymiser};
use crate::engine::intern::Sym;
use serde::de::{Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::Value;
use std::fmt;

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

/// Adds an event once, counting it as accepted (and its day as covered) or as a duplicate;
/// an event dated after today is skipped (`Diagnostics::after_today`).
pub(super) fn push(
    facts: &mut Facts,
    diagnostics: &mut Diagnostics,
    line: u64,
    event: MessageEvent,
) {
    let day = Day::from_unix_seconds(event.at);
    if diagnostics.after_today(line, day) {
        return;
    }
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
