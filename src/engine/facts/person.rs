//! `Person` attributes, from an HRIS row: department, team, manager, location, title, dates.

use super::identities::IdentityId;
use crate::engine::date::Day;
use crate::engine::intern::Sym;
use serde::{Deserialize, Serialize};

/// `Person` attributes, from an HRIS row.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
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
