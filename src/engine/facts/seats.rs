//! `Seat`: a person holding a licence on a tool, as a snapshot (Copilot seats API and activity
//! report, later M365 licensed users). One seat per person, tool and snapshot day.

use super::identities::IdentityId;
use super::Tool;
use crate::engine::date::Day;
use crate::engine::intern::Sym;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Seat {
    pub identity: Option<IdentityId>,
    pub tool: Option<Tool>,
    /// The day the snapshot was taken (report time), when the file says.
    pub snapshot: Option<Day>,
    pub created: Option<Day>,
    pub last_activity: Option<Day>,
    pub last_authenticated: Option<Day>,
    /// e.g. `vscode/1.99.0/copilot-chat/0.27.0`, reduced to the editor and product.
    pub last_surface: Option<Sym>,
    pub plan: Option<Sym>,
    pub pending_cancellation: Option<Day>,
    pub organization: Option<Sym>,
    pub assigning_team: Option<Sym>,
    /// Per app, the last day it was used (Microsoft 365 Copilot: Teams, Word…), when known.
    #[serde(default)]
    pub apps: Vec<(Sym, Day)>,
}

impl Seat {
    /// Folds another row for the same person and snapshot into this one (enterprise files
    /// list a person once per granting organisation): the latest dates win.
    pub fn absorb(&mut self, other: &Seat) {
        let latest = |a: Option<Day>, b: Option<Day>| a.max(b);
        if other.last_activity > self.last_activity {
            self.last_surface = other.last_surface.or(self.last_surface);
        }
        self.last_activity = latest(self.last_activity, other.last_activity);
        self.last_authenticated = latest(self.last_authenticated, other.last_authenticated);
        self.created = match (self.created, other.created) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        self.plan = self.plan.or(other.plan);
        self.organization = self.organization.or(other.organization);
        self.assigning_team = self.assigning_team.or(other.assigning_team);
        self.pending_cancellation = self.pending_cancellation.or(other.pending_cancellation);
        for (app, day) in &other.apps {
            match self.apps.iter_mut().find(|(a, _)| a == app) {
                Some((_, d)) => *d = (*d).max(*day),
                None => self.apps.push((*app, *day)),
            }
        }
    }
}
