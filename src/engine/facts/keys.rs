//! The de-duplication keys of every fact table (the same fact loaded twice counts once), and
//! the keys of facts that arrived without them (decoded from a parse worker), built in one pass.

use super::{
    AssetKind, AssetPeriod, Breakdown, DailyActivity, Facts, HourlyUse, IdentityId, OrgDaily,
    PeriodActivity, PeriodApp, Seat, TeamMembership, Tool, UsageCharge,
};
use crate::engine::date::Day;
use crate::engine::fast_hash::{FastMap as HashMap, FastSet as HashSet};
use crate::engine::intern::Sym;

#[derive(Clone, Debug, Default)]
pub(super) struct Keys {
    pub periods: HashSet<(IdentityId, Tool, Day, Day)>,
    pub links: HashSet<(IdentityId, IdentityId)>,
    pub daily: HashSet<(IdentityId, Tool, Day, Breakdown)>,
    pub events: HashSet<u64>,
    pub seats: HashMap<SeatKey, usize>,
    pub org_daily: HashSet<(Tool, Day, Option<Sym>, Sym, Breakdown)>,
    pub teams: HashSet<TeamMembership>,
    pub charges: HashSet<ChargeKey>,
    pub assets: HashSet<(AssetKind, Sym, Day, Day)>,
    pub period_apps: HashSet<(IdentityId, Tool, Day, Day, Sym)>,
    pub hourly: HashSet<(IdentityId, Tool, Day, u8)>,
}

pub(super) type SeatKey = (Option<IdentityId>, Option<Tool>, Option<Day>);
pub(super) type ChargeKey = (
    Option<IdentityId>,
    Option<Day>,
    Option<Sym>,
    Option<Sym>,
    Option<Sym>,
    u64,
    u64,
    u64,
);

pub(super) fn period(row: &PeriodActivity) -> (IdentityId, Tool, Day, Day) {
    (row.identity, row.tool, row.period.first, row.period.last)
}

pub(super) fn daily(row: &DailyActivity) -> (IdentityId, Tool, Day, Breakdown) {
    (row.identity, row.tool, row.day, row.breakdown)
}

pub(super) fn seat(seat: &Seat) -> SeatKey {
    (seat.identity, seat.tool, seat.snapshot)
}

pub(super) fn org_daily(row: &OrgDaily) -> (Tool, Day, Option<Sym>, Sym, Breakdown) {
    (row.tool, row.day, row.scope, row.kind, row.breakdown)
}

pub(super) fn charge(charge: &UsageCharge) -> ChargeKey {
    (
        charge.identity,
        charge.day,
        charge.sku,
        charge.model,
        charge.product,
        charge.quantity.to_bits(),
        charge.net_usd.to_bits(),
        charge.credits.to_bits(),
    )
}

pub(super) fn asset(asset: &AssetPeriod) -> (AssetKind, Sym, Day, Day) {
    (
        asset.kind,
        asset.asset,
        asset.period.first,
        asset.period.last,
    )
}

pub(super) fn period_app(row: &PeriodApp) -> (IdentityId, Tool, Day, Day, Sym) {
    (
        row.identity,
        row.tool,
        row.period.first,
        row.period.last,
        row.app,
    )
}

pub(super) fn hourly(row: &HourlyUse) -> (IdentityId, Tool, Day, u8) {
    (row.identity, row.tool, row.day, row.hour)
}

impl Keys {
    /// The keys of every row of `facts`; `None` when two rows of a table share a key (facts
    /// not built through the `push_` methods), which only a copying merge sorts out.
    pub(super) fn of(facts: &Facts) -> Option<Keys> {
        fn all<T, K: std::hash::Hash + Eq>(
            rows: &[T],
            set: &mut HashSet<K>,
            key: impl Fn(&T) -> K,
        ) -> bool {
            set.reserve(rows.len());
            rows.iter().all(|r| set.insert(key(r)))
        }
        let mut keys = Keys::default();
        let unique = all(&facts.periods, &mut keys.periods, period)
            && all(&facts.links, &mut keys.links, |&(a, b)| {
                (a.min(b), a.max(b))
            })
            && facts.links.iter().all(|(a, b)| a < b)
            && all(&facts.daily, &mut keys.daily, daily)
            && all(&facts.events, &mut keys.events, |e| e.key)
            && all(&facts.org_daily, &mut keys.org_daily, org_daily)
            && all(&facts.teams, &mut keys.teams, |m| *m)
            && all(&facts.charges, &mut keys.charges, charge)
            && all(&facts.assets, &mut keys.assets, asset)
            && all(&facts.period_apps, &mut keys.period_apps, period_app)
            && all(&facts.hourly, &mut keys.hourly, hourly);
        let seats_unique = facts
            .seats
            .iter()
            .enumerate()
            .all(|(i, s)| keys.seats.insert(seat(s), i).is_none());
        (unique && seats_unique).then_some(keys)
    }
}
