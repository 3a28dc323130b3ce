//! `HourlyUse`: one person's actions on one tool in one UTC hour of one day, from timestamped
//! sources that are not messages (Cursor usage events, Gemini audit activities). Only the
//! Timing view reads it: those tools' hours of the day beside the messages' grid.

use super::identities::IdentityId;
use super::Tool;
use crate::engine::date::Day;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HourlyUse {
    pub identity: IdentityId,
    pub tool: Tool,
    pub day: Day,
    /// 0–23, UTC.
    pub hour: u8,
    /// Actions in that hour (usage events, active audit events).
    pub count: u32,
}

/// Counts of (person, day, hour) as a parser reads its events, pushed once at the end.
#[derive(Clone, Debug, Default)]
pub struct HourlyTally {
    counts: std::collections::BTreeMap<(IdentityId, Day, u8), u32>,
}

impl HourlyTally {
    /// Counts one action at `at` (Unix seconds, UTC).
    pub fn add(&mut self, identity: IdentityId, at: i64) {
        let day = Day::from_unix_seconds(at);
        let hour = (at.rem_euclid(86_400) / 3_600) as u8;
        *self.counts.entry((identity, day, hour)).or_default() += 1;
    }

    /// The tally as rows of `tool`.
    pub fn rows(self, tool: Tool) -> impl Iterator<Item = HourlyUse> {
        self.counts
            .into_iter()
            .map(move |((identity, day, hour), count)| HourlyUse {
                identity,
                tool,
                day,
                hour,
                count,
            })
    }
}
