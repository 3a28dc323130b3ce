//! The Claude Code dashboard: weekly active people, sessions, lines added and removed, commits and pull requests by Claude Code, the edit accept rate, cost and tokens by model, by terminal and by department (section `report.claude_code`, built by `engine::metrics::claude_code`,
//! drawn by the shared `tool_view` dashboard).

use crate::ui::dashboards::tool_view::ToolDashboard;
use leptos::prelude::*;

#[component]
pub fn ClaudeCodeView() -> impl IntoView {
    view! { <ToolDashboard title="Claude Code" test_id="claude-code" pick=|r| &r.claude_code /> }
}
