//! The Microsoft 365 Copilot dashboard: licensed and active people, active people by app from the last-activity dates, by department, and the snapshots loaded (section `report.m365_copilot`, built by `engine::metrics::m365_copilot`,
//! drawn by the shared `tool_view` dashboard).

use crate::ui::dashboards::tool_view::ToolDashboard;
use leptos::prelude::*;

#[component]
pub fn M365CopilotView() -> impl IntoView {
    view! { <ToolDashboard title="Microsoft 365 Copilot" test_id="m365-copilot" pick=|r| &r.m365_copilot snapshots=true /> }
}
