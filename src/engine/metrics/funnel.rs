//! The adoption funnel: access → first use → repeat use → deep use.

use super::context::Ctx;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FunnelView {}

pub fn build(_ctx: &Ctx) -> FunnelView {
    FunnelView::default()
}
