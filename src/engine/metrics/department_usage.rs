//! Departments: sessions per week vs messages per session, one point per department.

use super::context::Ctx;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentUsageView {}

pub fn build(_ctx: &Ctx) -> DepartmentUsageView {
    DepartmentUsageView::default()
}
