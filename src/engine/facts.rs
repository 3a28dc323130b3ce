//! Canonical fact tables: what every parser produces and every metric reads.
//!
//! Facts are pseudonymous by construction: people appear only as [`IdentityId`]s that index
//! keyed hashes. Native grain is kept (a weekly row stays weekly). Labels are interned.
//! [`Facts::merge`] combines the facts of several files, dropping rows already present
//! (the same person and period loaded twice counts once).

use super::date::{Day, DaySpan};
use super::identity::{IdKind, Pseudonym};
use super::intern::{Interner, Sym};
use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};

/// One hashed identifier (an email, a login, an employee id…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct IdentityId(pub u32);

/// The table of hashed identifiers seen so far.
#[derive(Clone, Debug, Default)]
pub struct Identities {
    pseudonyms: Vec<Pseudonym>,
    kinds: Vec<IdKind>,
    index: HashMap<Pseudonym, IdentityId>,
}

impl Identities {
    pub fn intern(&mut self, pseudonym: Pseudonym, kind: IdKind) -> IdentityId {
        if let Some(id) = self.index.get(&pseudonym) {
            return *id;
        }
        let id = IdentityId(self.pseudonyms.len() as u32);
        self.pseudonyms.push(pseudonym);
        self.kinds.push(kind);
        self.index.insert(pseudonym, id);
        id
    }
    pub fn pseudonym(&self, id: IdentityId) -> Pseudonym {
        self.pseudonyms[id.0 as usize]
    }
    pub fn kind(&self, id: IdentityId) -> IdKind {
        self.kinds[id.0 as usize]
    }
    pub fn len(&self) -> usize {
        self.pseudonyms.len()
    }
    pub fn is_empty(&self) -> bool {
        self.pseudonyms.is_empty()
    }
}

/// The AI tools Uptake knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tool {
    Chatgpt,
    Codex,
    Copilot,
    M365Copilot,
    Claude,
    Cursor,
    Gemini,
}

impl Tool {
    pub fn label(self) -> &'static str {
        match self {
            Tool::Chatgpt => "ChatGPT",
            Tool::Codex => "Codex",
            Tool::Copilot => "GitHub Copilot",
            Tool::M365Copilot => "Microsoft 365 Copilot",
            Tool::Claude => "Claude",
            Tool::Cursor => "Cursor",
            Tool::Gemini => "Gemini",
        }
    }
}

/// The native period of a period row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cadence {
    Weekly,
    Monthly,
    DateRange,
}

/// The state of a person's seat as the export gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeatStatus {
    Enabled,
    Pending,
    Deactivated,
}

/// `PeriodActivity`: person × tool × native period (e.g. a ChatGPT weekly Users CSV row).
#[derive(Clone, Debug, PartialEq)]
pub struct PeriodActivity {
    pub identity: IdentityId,
    pub tool: Tool,
    pub period: DaySpan,
    pub cadence: Cadence,
    pub status: SeatStatus,
    pub is_active: bool,
    pub messages: u32,
    pub gpt_messages: u32,
    pub gpts_messaged: u32,
    pub tool_messages: u32,
    pub tools_messaged: u32,
    pub project_messages: u32,
    pub projects_messaged: u32,
    pub projects_created: u32,
    pub credits: Option<f64>,
    pub first_active_in_period: Option<Day>,
    pub last_active_in_period: Option<Day>,
    /// Overall last active day, not limited to the period.
    pub last_active_ever: Option<Day>,
    pub seat_created: Option<Day>,
    /// The vendor's own department field (SCIM), when given.
    pub department: Option<Sym>,
    /// Range into [`Facts::period_models`].
    pub models: (u32, u32),
}

impl PeriodActivity {
    /// Did this row prove activity on some day inside `window`?
    pub fn active_in(&self, window: DaySpan) -> bool {
        let day_inside = |d: Option<Day>| d.is_some_and(|d| window.contains(d));
        if day_inside(self.first_active_in_period) || day_inside(self.last_active_in_period) {
            return true;
        }
        (self.is_active || self.messages > 0) && window.covers(self.period)
    }

    pub fn has_activity(&self) -> bool {
        self.is_active || self.messages > 0 || self.first_active_in_period.is_some()
    }
}

/// Messages per model inside one period row.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ModelCount {
    pub model: Sym,
    pub messages: u32,
}

/// `Person` attributes, from an HRIS row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonRecord {
    pub identity: Option<IdentityId>,
    pub department: Option<Sym>,
    pub team: Option<Sym>,
    pub manager: Option<IdentityId>,
    pub location: Option<Sym>,
    pub title: Option<Sym>,
    pub cost_centre: Option<Sym>,
    pub hired: Option<Day>,
    pub left: Option<Day>,
    pub on_leave: bool,
}

/// The canonical facts of one file, or of everything loaded.
#[derive(Clone, Debug, Default)]
pub struct Facts {
    pub strings: Interner,
    pub identities: Identities,
    /// Pairs of identifiers that belong to one person (HRIS rows, vendor rows with both).
    pub links: Vec<(IdentityId, IdentityId)>,
    pub periods: Vec<PeriodActivity>,
    pub period_models: Vec<ModelCount>,
    pub people: Vec<PersonRecord>,
    period_keys: HashSet<(IdentityId, Tool, Day, Day)>,
    link_keys: HashSet<(IdentityId, IdentityId)>,
}

/// What a merge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeStats {
    pub added: usize,
    pub duplicates: usize,
}

impl Facts {
    /// Adds a period row unless the same identity, tool and period is already present.
    pub fn push_period(&mut self, mut row: PeriodActivity, models: &[ModelCount]) -> bool {
        let key = (row.identity, row.tool, row.period.first, row.period.last);
        if !self.period_keys.insert(key) {
            return false;
        }
        let start = self.period_models.len() as u32;
        self.period_models.extend_from_slice(models);
        row.models = (start, self.period_models.len() as u32);
        self.periods.push(row);
        true
    }

    pub fn models_of(&self, row: &PeriodActivity) -> &[ModelCount] {
        self.period_models
            .get(row.models.0 as usize..row.models.1 as usize)
            .unwrap_or(&[])
    }

    /// Records that two identifiers belong to one person (once per pair).
    pub fn link(&mut self, a: IdentityId, b: IdentityId) {
        let pair = (a.min(b), a.max(b));
        if a != b && self.link_keys.insert(pair) {
            self.links.push(pair);
        }
    }

    /// Moves `other`'s facts into `self`, renumbering its labels and identities. Period rows
    /// already present are dropped and counted as duplicates.
    pub fn merge(&mut self, other: Facts) -> MergeStats {
        let sym_map: Vec<Sym> = (0..other.strings.len() as u32)
            .map(|i| self.strings.intern(other.strings.resolve(Sym(i))))
            .collect();
        let id_map: Vec<IdentityId> = (0..other.identities.len() as u32)
            .map(|i| {
                let id = IdentityId(i);
                self.identities
                    .intern(other.identities.pseudonym(id), other.identities.kind(id))
            })
            .collect();
        let sym = |s: Option<Sym>| s.map(|s| sym_map[s.0 as usize]);
        let ident = |i: IdentityId| id_map[i.0 as usize];

        for (a, b) in &other.links {
            self.link(ident(*a), ident(*b));
        }
        let mut stats = MergeStats::default();
        for row in &other.periods {
            let models: Vec<ModelCount> = other
                .models_of(row)
                .iter()
                .map(|m| ModelCount {
                    model: sym_map[m.model.0 as usize],
                    messages: m.messages,
                })
                .collect();
            let moved = PeriodActivity {
                identity: ident(row.identity),
                department: sym(row.department),
                ..row.clone()
            };
            if self.push_period(moved, &models) {
                stats.added += 1;
            } else {
                stats.duplicates += 1;
            }
        }
        for person in other.people {
            self.people.push(PersonRecord {
                identity: person.identity.map(ident),
                department: sym(person.department),
                team: sym(person.team),
                manager: person.manager.map(ident),
                location: sym(person.location),
                title: sym(person.title),
                cost_centre: sym(person.cost_centre),
                ..person
            });
            stats.added += 1;
        }
        stats
    }
}
