//! Timing: hour-of-day × weekday activity from timestamped sources.

use super::context::Ctx;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimingView {}

pub fn build(_ctx: &Ctx) -> TimingView {
    TimingView::default()
}
