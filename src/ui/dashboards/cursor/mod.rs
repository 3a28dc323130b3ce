//! The Cursor dashboard: tabs shown and accepted, accepted lines, requests by kind, top models and spend, by department (section `report.cursor`, built by `engine::metrics::cursor`,
//! drawn by the shared `tool_view` dashboard).

use crate::ui::dashboards::tool_view::ToolDashboard;
use leptos::prelude::*;

#[component]
pub fn CursorView() -> impl IntoView {
    view! { <ToolDashboard title="Cursor" test_id="cursor" pick=|r| &r.cursor /> }
}
