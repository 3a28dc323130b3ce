//! Licences and cost: seat cost by department and tool, unused seats, cost per active person.

use super::context::Ctx;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LicencesView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
}

pub fn build(_ctx: &Ctx) -> LicencesView {
    LicencesView::default()
}
