//! The Gemini dashboard: active people, active person-days and use by app, by department (section `report.gemini`, built by `engine::metrics::gemini`,
//! drawn by the shared `tool_view` dashboard).

use crate::ui::dashboards::tool_view::ToolDashboard;
use leptos::prelude::*;

#[component]
pub fn GeminiView() -> impl IntoView {
    view! { <ToolDashboard title="Gemini" test_id="gemini" pick=|r| &r.gemini /> }
}
