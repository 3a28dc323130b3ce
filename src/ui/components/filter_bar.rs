//! The date range and the department, team and tool filters, applied to every view. Each
//! change rewrites the URL fragment (so the view can be bookmarked); the worker recomputes the
//! Report. A filter that would isolate too few people is refused, and the bar says why.

use crate::engine::date::Day;
use crate::engine::query::{FilterOption, Grain, Query, Range};
use crate::ui::browser;
use crate::ui::fragment::{self, tool_from_id, tool_id};
use crate::ui::state::{QueryState, Session, View};
use leptos::prelude::*;

/// The range presets offered, in weeks (`0` = everything loaded).
const PRESETS: [(u32, &str); 5] = [
    (0, "All data"),
    (4, "Last 4 weeks"),
    (13, "Last 13 weeks"),
    (26, "Last 26 weeks"),
    (52, "Last 52 weeks"),
];

#[component]
pub fn FilterBar(view: RwSignal<View>) -> impl IntoView {
    let session = expect_context::<Session>();
    let query = expect_context::<QueryState>().query;
    let filters = Memo::new(move |_| {
        session
            .report
            .with(|r| r.as_ref().map(|r| r.filters.clone()))
    });
    let apply = move |change: &dyn Fn(&mut Query)| {
        let mut q = query.get_untracked();
        change(&mut q);
        browser::set_fragment(&fragment::fragment(view.get_untracked(), &q));
    };
    let range_value = move || match query.get().range {
        Range::All => "0".to_string(),
        Range::LastWeeks(n) => n.to_string(),
        Range::Between(..) => "custom".to_string(),
    };
    let on_range = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        apply(&|q| {
            q.range = match value.as_str() {
                "custom" => {
                    let span = filters.get_untracked().and_then(|f| f.data_span);
                    match span {
                        Some(s) => Range::Between(s.first, s.last),
                        None => Range::All,
                    }
                }
                n => match n.parse::<u32>() {
                    Ok(0) | Err(_) => Range::All,
                    Ok(n) => Range::LastWeeks(n),
                },
            }
        });
    };
    let day_input = move |first: bool| {
        move |ev: leptos::ev::Event| {
            let Some(day) = Day::parse(&event_target_value(&ev)) else {
                return;
            };
            apply(&|q| {
                let span = filters.get_untracked().and_then(|f| f.data_span);
                let (a, b) = match (q.range, span) {
                    (Range::Between(a, b), _) => (a, b),
                    (_, Some(s)) => (s.first, s.last),
                    _ => (day, day),
                };
                q.range = if first {
                    Range::Between(day, b)
                } else {
                    Range::Between(a, day)
                };
            });
        }
    };
    let custom = move || matches!(query.get().range, Range::Between(..));
    let range_days = move || match query.get().range {
        Range::Between(a, b) => (a.to_string(), b.to_string()),
        _ => Default::default(),
    };
    let select = |options: Vec<FilterOption>, current: Option<String>| {
        options
            .into_iter()
            .map(|o| {
                let selected = current.as_deref() == Some(o.name.as_str());
                let label = if o.selectable {
                    o.name.clone()
                } else {
                    format!("{} (too small to show alone)", o.name)
                };
                view! { <option value=o.name.clone() selected=selected>{label}</option> }
            })
            .collect_view()
    };
    view! {
        <Show when=move || filters.with(|f| f.as_ref().is_some_and(|f| f.data_span.is_some()))>
            <form class="filter-bar" data-testid="filter-bar" on:submit=|ev| ev.prevent_default()>
                <label>
                    <span>"Range"</span>
                    <select data-testid="filter-range" on:change=on_range prop:value=range_value>
                        {PRESETS.iter().map(|(n, label)| view! { <option value=n.to_string()>{*label}</option> }).collect_view()}
                        <option value="custom">"Custom…"</option>
                    </select>
                </label>
                <Show when=custom>
                    <label>
                        <span>"From"</span>
                        <input type="date" data-testid="filter-from" prop:value=move || range_days().0 on:change=day_input(true) />
                    </label>
                    <label>
                        <span>"To"</span>
                        <input type="date" data-testid="filter-to" prop:value=move || range_days().1 on:change=day_input(false) />
                    </label>
                </Show>
                <label>
                    <span>"Department"</span>
                    <select data-testid="filter-department" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        apply(&|q| q.department = (!v.is_empty()).then(|| v.clone()));
                    }>
                        <option value="" selected=move || query.get().department.is_none()>"All departments"</option>
                        {move || filters.get().map(|f| select(f.departments, query.get().department))}
                    </select>
                </label>
                <Show when=move || filters.with(|f| f.as_ref().is_some_and(|f| !f.teams.is_empty()))>
                    <label>
                        <span>"Team"</span>
                        <select data-testid="filter-team" on:change=move |ev| {
                            let v = event_target_value(&ev);
                            apply(&|q| q.team = (!v.is_empty()).then(|| v.clone()));
                        }>
                            <option value="" selected=move || query.get().team.is_none()>"All teams"</option>
                            {move || filters.get().map(|f| select(f.teams, query.get().team))}
                        </select>
                    </label>
                </Show>
                <label>
                    <span>"Tool"</span>
                    <select data-testid="filter-tool" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        apply(&|q| q.tool = tool_from_id(&v));
                    }>
                        <option value="" selected=move || query.get().tool.is_none()>"All tools"</option>
                        {move || filters.get().map(|f| f.tools.into_iter().map(|t| {
                            let selected = query.get().tool == Some(t);
                            view! { <option value=tool_id(t) selected=selected>{t.label()}</option> }
                        }).collect_view())}
                    </select>
                </label>
                <label>
                    <span>"Granularity"</span>
                    <select data-testid="filter-grain" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        apply(&|q| q.grain = Grain::from_id(&v).unwrap_or_default());
                    }>
                        {move || Grain::ALL.into_iter().map(|g| {
                            let selected = query.get().grain == g;
                            let label = match g {
                                Grain::Hour => "Hour (timestamped data)",
                                Grain::Day => "Day",
                                Grain::Week => "Week",
                                Grain::Month => "Month",
                            };
                            view! { <option value=g.id() selected=selected>{label}</option> }
                        }).collect_view()}
                    </select>
                </label>
                <Show when=move || query.with(Query::is_filtered)>
                    <button type="button" class="link small" data-testid="filter-reset"
                        on:click=move |_| {
                            // The grain is kept: it is how the trends are cut, not a filter.
                            let reset = Query { grain: query.get_untracked().grain, ..Query::default() };
                            browser::set_fragment(&fragment::fragment(view.get_untracked(), &reset));
                        }>
                        "Reset filters"
                    </button>
                </Show>
                <p class="filter-span muted small">{move || filters.get().and_then(|f| {
                    let span = f.applied_span.or(f.data_span)?;
                    Some(format!("{} to {}", span.first, span.last))
                })}</p>
            </form>
            {move || filters.get().and_then(|f| f.refused).map(|reason| view! {
                <p class="notice warning" role="alert" data-testid="filter-refused">{reason}</p>
            })}
        </Show>
    }
}
