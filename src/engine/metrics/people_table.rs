//! People: the pseudonymous per-person table (empty in aggregate-only mode).

use super::context::Ctx;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PeopleView {}

pub fn build(_ctx: &Ctx) -> PeopleView {
    PeopleView::default()
}
