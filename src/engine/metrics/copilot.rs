//! GitHub Copilot: active and engaged people, acceptance by IDE, language, model and feature.

use super::context::Ctx;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CopilotView {
    /// This view's figures (ids shared with the headline keep their meaning).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
}

pub fn build(_ctx: &Ctx) -> CopilotView {
    CopilotView::default()
}
