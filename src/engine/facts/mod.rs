//! Canonical fact tables: what every parser produces and every metric reads.
//!
//! Facts are pseudonymous by construction: people appear only as [`IdentityId`]s that index
//! keyed hashes. Native grain is kept (a weekly row stays weekly). Labels are interned.
//! [`Facts::merge`] combines the facts of several files, dropping rows already present
//! (the same person and period loaded twice counts once).

mod daily;
mod events;
mod hourly;
mod identities;
mod keys;
mod org;
mod period;
mod person;
mod personal;
mod seats;
mod wire;

pub use daily::{Breakdown, DailyActivity, Measures};
pub use events::{MessageEvent, Role};
pub use hourly::{HourlyTally, HourlyUse};
pub use identities::{Identities, IdentityId};
pub use org::{AssetKind, AssetPeriod, OrgDaily, TeamMembership, UsageCharge};
pub use period::{Cadence, ModelCount, PeriodActivity, PeriodApp, SeatStatus};
pub use person::PersonRecord;
pub use personal::{PersonalFacts, PersonalMessage};
pub use seats::Seat;

use super::date::Day;
use super::intern::{Interner, Sym};
use keys::Keys;
use serde::{Deserialize, Serialize};

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
    pub daily: Vec<DailyActivity>,
    pub events: Vec<MessageEvent>,
    pub seats: Vec<Seat>,
    pub org_daily: Vec<OrgDaily>,
    pub teams: Vec<TeamMembership>,
    pub charges: Vec<UsageCharge>,
    pub assets: Vec<AssetPeriod>,
    /// Per-app counts of period rows (Gemini usage report).
    pub period_apps: Vec<PeriodApp>,
    /// Actions per person, day and hour (Cursor usage events, Gemini audit activities).
    pub hourly: Vec<HourlyUse>,
    keys: Keys,
}

/// Which rows of each table a narrowed copy keeps ([`Facts::narrowed`]).
pub trait RowFilter {
    fn period(&self, row: &PeriodActivity) -> bool;
    fn daily(&self, row: &DailyActivity) -> bool;
    fn event(&self, row: &MessageEvent) -> bool;
    fn seat(&self, row: &Seat) -> bool;
    fn org_daily(&self, row: &OrgDaily) -> bool;
    fn team(&self, row: &TeamMembership) -> bool;
    fn charge(&self, row: &UsageCharge) -> bool;
    fn period_app(&self, row: &PeriodApp) -> bool;
    fn hourly(&self, row: &HourlyUse) -> bool;
}

/// What a merge did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MergeStats {
    pub added: usize,
    pub duplicates: usize,
    /// Of `duplicates`, daily rows that break a record's total down (by model, feature…):
    /// part of a row already loaded, not rows of their own.
    pub breakdown_duplicates: usize,
}

impl MergeStats {
    fn count(&mut self, added: bool) {
        if added {
            self.added += 1;
        } else {
            self.duplicates += 1;
        }
    }
}

impl Facts {
    /// Adds a period row unless the same identity, tool and period is already present.
    pub fn push_period(&mut self, mut row: PeriodActivity, models: &[ModelCount]) -> bool {
        if !self.keys.periods.insert(keys::period(&row)) {
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
        if a != b && self.keys.links.insert(pair) {
            self.links.push(pair);
        }
    }

    /// Adds a person-day row unless the same person, tool, day and breakdown is present.
    pub fn push_daily(&mut self, row: DailyActivity) -> bool {
        let added = self.keys.daily.insert(keys::daily(&row));
        if added {
            self.daily.push(row);
        }
        added
    }

    /// Adds a message event unless an event with the same key is present.
    pub fn push_event(&mut self, event: MessageEvent) -> bool {
        let added = self.keys.events.insert(event.key);
        if added {
            self.events.push(event);
        }
        added
    }

    /// Adds a seat, or folds it into the seat already known for that person, tool and
    /// snapshot (returns false then).
    pub fn push_seat(&mut self, seat: Seat) -> bool {
        let key = keys::seat(&seat);
        match self.keys.seats.get(&key) {
            Some(&index) => {
                self.seats[index].absorb(&seat);
                false
            }
            None => {
                self.keys.seats.insert(key, self.seats.len());
                self.seats.push(seat);
                true
            }
        }
    }

    pub fn push_org_daily(&mut self, row: OrgDaily) -> bool {
        let added = self.keys.org_daily.insert(keys::org_daily(&row));
        if added {
            self.org_daily.push(row);
        }
        added
    }

    pub fn push_team(&mut self, membership: TeamMembership) -> bool {
        let added = self.keys.teams.insert(membership);
        if added {
            self.teams.push(membership);
        }
        added
    }

    pub fn push_charge(&mut self, charge: UsageCharge) -> bool {
        let added = self.keys.charges.insert(keys::charge(&charge));
        if added {
            self.charges.push(charge);
        }
        added
    }

    pub fn push_asset(&mut self, asset: AssetPeriod) -> bool {
        let added = self.keys.assets.insert(keys::asset(&asset));
        if added {
            self.assets.push(asset);
        }
        added
    }

    /// Adds a per-app count unless the same person, tool, period and app is present.
    pub fn push_period_app(&mut self, row: PeriodApp) -> bool {
        let added = self.keys.period_apps.insert(keys::period_app(&row));
        if added {
            self.period_apps.push(row);
        }
        added
    }

    /// A copy of these facts, without their de-duplication keys (a copy made to be read, never
    /// merged into), holding only the rows `keep` accepts (the query's filters). Rows are
    /// tested before they are copied: a filter that keeps one department in eight copies an
    /// eighth of the tables, not all of them. Strings, identities, links, HRIS records and
    /// assets are copied whole; the model splits of the period rows kept are copied with them.
    pub fn narrowed(&self, keep: &impl RowFilter) -> Facts {
        fn kept<T: Clone>(rows: &[T], keep: impl Fn(&T) -> bool) -> Vec<T> {
            rows.iter().filter(|r| keep(r)).cloned().collect()
        }
        let mut period_models = Vec::new();
        let periods = self
            .periods
            .iter()
            .filter(|r| keep.period(r))
            .map(|r| {
                let models = self.models_of(r);
                let start = period_models.len() as u32;
                period_models.extend_from_slice(models);
                PeriodActivity {
                    models: (start, start + models.len() as u32),
                    ..r.clone()
                }
            })
            .collect();
        Facts {
            strings: self.strings.clone(),
            identities: self.identities.clone(),
            links: self.links.clone(),
            periods,
            period_models,
            people: self.people.clone(),
            daily: kept(&self.daily, |r| keep.daily(r)),
            events: kept(&self.events, |r| keep.event(r)),
            seats: kept(&self.seats, |r| keep.seat(r)),
            org_daily: kept(&self.org_daily, |r| keep.org_daily(r)),
            teams: kept(&self.teams, |r| keep.team(r)),
            charges: kept(&self.charges, |r| keep.charge(r)),
            assets: self.assets.clone(),
            period_apps: kept(&self.period_apps, |r| keep.period_app(r)),
            hourly: kept(&self.hourly, |r| keep.hourly(r)),
            keys: Keys::default(),
        }
    }

    /// Adds an hour's count unless the same person, tool, day and hour is present.
    pub fn push_hourly(&mut self, row: HourlyUse) -> bool {
        let added = self.keys.hourly.insert(keys::hourly(&row));
        if added {
            self.hourly.push(row);
        }
        added
    }

    /// The days that daily rows (person or organisation) exist for, sorted.
    pub fn daily_days(&self) -> Vec<Day> {
        let mut days: Vec<Day> = self
            .daily
            .iter()
            .map(|r| r.day)
            .chain(self.org_daily.iter().map(|r| r.day))
            .collect();
        days.sort_unstable();
        days.dedup();
        days
    }

    /// As [`Facts::merge`], taking `other`: into empty facts (the first file, the usual case)
    /// its tables are moved rather than copied, and only their de-duplication keys are built.
    pub fn merge_owned(&mut self, other: Facts) -> MergeStats {
        if !self.is_empty() {
            return self.merge(&other);
        }
        let Some(keys) = Keys::of(&other) else {
            return self.merge(&other);
        };
        *self = Facts { keys, ..other };
        MergeStats {
            added: self.row_counts().iter().sum(),
            ..MergeStats::default()
        }
    }

    /// The rows of each table a merge counts (every table but links and model splits).
    fn row_counts(&self) -> [usize; 11] {
        [
            self.periods.len(),
            self.people.len(),
            self.daily.len(),
            self.events.len(),
            self.seats.len(),
            self.org_daily.len(),
            self.teams.len(),
            self.charges.len(),
            self.assets.len(),
            self.period_apps.len(),
            self.hourly.len(),
        ]
    }

    /// No label, identity or row at all.
    fn is_empty(&self) -> bool {
        self.strings.len() == 0
            && self.identities.len() == 0
            && self.links.is_empty()
            && self.period_models.is_empty()
            && self.row_counts().iter().all(|n| *n == 0)
    }

    /// Copies `other`'s facts into `self`, renumbering its labels and identities. Rows already
    /// present are dropped and counted as duplicates.
    pub fn merge(&mut self, other: &Facts) -> MergeStats {
        let map = Remap {
            syms: (0..other.strings.len() as u32)
                .map(|i| self.strings.intern(other.strings.resolve(Sym(i))))
                .collect(),
            ids: (0..other.identities.len() as u32)
                .map(|i| {
                    let id = IdentityId(i);
                    self.identities
                        .intern(other.identities.pseudonym(id), other.identities.kind(id))
                })
                .collect(),
        };
        for (a, b) in &other.links {
            self.link(map.id(*a), map.id(*b));
        }
        let mut stats = MergeStats::default();
        for row in &other.periods {
            let models: Vec<ModelCount> = other
                .models_of(row)
                .iter()
                .map(|m| ModelCount {
                    model: map.sym(m.model),
                    messages: m.messages,
                })
                .collect();
            let moved = PeriodActivity {
                identity: map.id(row.identity),
                department: map.opt(row.department),
                ..row.clone()
            };
            stats.count(self.push_period(moved, &models));
        }
        for person in other.people.iter().cloned() {
            self.people.push(PersonRecord {
                identity: person.identity.map(|i| map.id(i)),
                department: map.opt(person.department),
                team: map.opt(person.team),
                manager: person.manager.map(|i| map.id(i)),
                location: map.opt(person.location),
                title: map.opt(person.title),
                cost_centre: map.opt(person.cost_centre),
                ..person
            });
            stats.added += 1;
        }
        for row in other.daily.iter().cloned() {
            let total = row.breakdown.is_total();
            let moved = DailyActivity {
                identity: map.id(row.identity),
                breakdown: map.breakdown(row.breakdown),
                ..row
            };
            let added = self.push_daily(moved);
            stats.count(added);
            if !added && !total {
                stats.breakdown_duplicates += 1;
            }
        }
        for event in other.events.iter().cloned() {
            let moved = MessageEvent {
                identity: map.id(event.identity),
                model: map.opt(event.model),
                gpt: map.opt(event.gpt),
                project: map.opt(event.project),
                client: map.opt(event.client),
                ..event
            };
            stats.count(self.push_event(moved));
        }
        for seat in &other.seats {
            let moved = Seat {
                identity: seat.identity.map(|i| map.id(i)),
                last_surface: map.opt(seat.last_surface),
                plan: map.opt(seat.plan),
                organization: map.opt(seat.organization),
                assigning_team: map.opt(seat.assigning_team),
                apps: seat.apps.iter().map(|(a, d)| (map.sym(*a), *d)).collect(),
                ..seat.clone()
            };
            stats.count(self.push_seat(moved));
        }
        for row in other.org_daily.iter().cloned() {
            let moved = OrgDaily {
                scope: map.opt(row.scope),
                kind: map.sym(row.kind),
                breakdown: map.breakdown(row.breakdown),
                ..row
            };
            stats.count(self.push_org_daily(moved));
        }
        for team in other.teams.iter().cloned() {
            stats.count(self.push_team(TeamMembership {
                identity: map.id(team.identity),
                team: map.sym(team.team),
                ..team
            }));
        }
        for charge in other.charges.iter().cloned() {
            let moved = UsageCharge {
                identity: charge.identity.map(|i| map.id(i)),
                product: map.opt(charge.product),
                sku: map.opt(charge.sku),
                model: map.opt(charge.model),
                unit: map.opt(charge.unit),
                organization: map.opt(charge.organization),
                cost_centre: map.opt(charge.cost_centre),
                ..charge
            };
            stats.count(self.push_charge(moved));
        }
        for asset in other.assets.iter().cloned() {
            let moved = AssetPeriod {
                asset: map.sym(asset.asset),
                name: map.opt(asset.name),
                creator: asset.creator.map(|i| map.id(i)),
                ..asset
            };
            stats.count(self.push_asset(moved));
        }
        for row in other.period_apps.iter().cloned() {
            stats.count(self.push_period_app(PeriodApp {
                identity: map.id(row.identity),
                app: map.sym(row.app),
                ..row
            }));
        }
        for row in other.hourly.iter().cloned() {
            stats.count(self.push_hourly(HourlyUse {
                identity: map.id(row.identity),
                ..row
            }));
        }
        stats
    }
}

/// Renumbering of another `Facts`' labels and identities into this one's.
struct Remap {
    syms: Vec<Sym>,
    ids: Vec<IdentityId>,
}

impl Remap {
    fn sym(&self, s: Sym) -> Sym {
        self.syms[s.0 as usize]
    }
    fn opt(&self, s: Option<Sym>) -> Option<Sym> {
        s.map(|s| self.sym(s))
    }
    fn id(&self, i: IdentityId) -> IdentityId {
        self.ids[i.0 as usize]
    }
    fn breakdown(&self, b: Breakdown) -> Breakdown {
        Breakdown {
            surface: self.opt(b.surface),
            model: self.opt(b.model),
            feature: self.opt(b.feature),
            language: self.opt(b.language),
        }
    }
}
