//! Prompt quality: average prompt length and its distribution by department.

use super::context::Ctx;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct PromptsView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
}

pub fn build(_ctx: &Ctx) -> PromptsView {
    PromptsView::default()
}
