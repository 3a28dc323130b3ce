//! Facts as serde data, so a parse worker can hand a file's facts to the worker that merges
//! them (`engine::wire` encodes them). Only the tables travel; the de-duplication keys are
//! rebuilt by the merge on the other side.

use super::*;

#[derive(Serialize)]
struct FactsRef<'a> {
    strings: &'a Interner,
    identities: &'a Identities,
    links: &'a [(IdentityId, IdentityId)],
    periods: &'a [PeriodActivity],
    period_models: &'a [ModelCount],
    people: &'a [PersonRecord],
    daily: &'a [DailyActivity],
    events: &'a [MessageEvent],
    seats: &'a [Seat],
    org_daily: &'a [OrgDaily],
    teams: &'a [TeamMembership],
    charges: &'a [UsageCharge],
    assets: &'a [AssetPeriod],
    period_apps: &'a [PeriodApp],
    hourly: &'a [HourlyUse],
}

#[derive(Deserialize)]
struct FactsOwned {
    strings: Interner,
    identities: Identities,
    links: Vec<(IdentityId, IdentityId)>,
    periods: Vec<PeriodActivity>,
    period_models: Vec<ModelCount>,
    people: Vec<PersonRecord>,
    daily: Vec<DailyActivity>,
    events: Vec<MessageEvent>,
    seats: Vec<Seat>,
    org_daily: Vec<OrgDaily>,
    teams: Vec<TeamMembership>,
    charges: Vec<UsageCharge>,
    assets: Vec<AssetPeriod>,
    #[serde(default)]
    period_apps: Vec<PeriodApp>,
    #[serde(default)]
    hourly: Vec<HourlyUse>,
}

impl Serialize for Facts {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        FactsRef {
            strings: &self.strings,
            identities: &self.identities,
            links: &self.links,
            periods: &self.periods,
            period_models: &self.period_models,
            people: &self.people,
            daily: &self.daily,
            events: &self.events,
            seats: &self.seats,
            org_daily: &self.org_daily,
            teams: &self.teams,
            charges: &self.charges,
            assets: &self.assets,
            period_apps: &self.period_apps,
            hourly: &self.hourly,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Facts {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let f = FactsOwned::deserialize(d)?;
        let ids = f.identities.len() as u32;
        // Every index must point inside its table, or a bad message could panic later.
        let models_ok = f
            .periods
            .iter()
            .all(|r| r.models.0 <= r.models.1 && r.models.1 as usize <= f.period_models.len());
        let ids_ok = f.links.iter().all(|(a, b)| a.0 < ids && b.0 < ids)
            && f.periods.iter().all(|r| r.identity.0 < ids)
            && f.daily.iter().all(|r| r.identity.0 < ids)
            && f.events.iter().all(|r| r.identity.0 < ids)
            && f.teams.iter().all(|r| r.identity.0 < ids)
            && f.people
                .iter()
                .all(|r| r.identity.is_none_or(|i| i.0 < ids))
            && f.seats.iter().all(|r| r.identity.is_none_or(|i| i.0 < ids))
            && f.period_apps.iter().all(|r| r.identity.0 < ids)
            && f.hourly.iter().all(|r| r.identity.0 < ids && r.hour < 24)
            && f.charges
                .iter()
                .all(|r| r.identity.is_none_or(|i| i.0 < ids));
        if !(models_ok && ids_ok) {
            return Err(serde::de::Error::custom("fact index out of range"));
        }
        Ok(Facts {
            strings: f.strings,
            identities: f.identities,
            links: f.links,
            periods: f.periods,
            period_models: f.period_models,
            people: f.people,
            daily: f.daily,
            events: f.events,
            seats: f.seats,
            org_daily: f.org_daily,
            teams: f.teams,
            charges: f.charges,
            assets: f.assets,
            period_apps: f.period_apps,
            hourly: f.hourly,
            keys: Keys::default(),
        })
    }
}
