//! Cross-tool: people on each tool, overlaps, tool split by department, dual coding seats.

use super::context::Ctx;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CrossToolView {}

pub fn build(_ctx: &Ctx) -> CrossToolView {
    CrossToolView::default()
}
