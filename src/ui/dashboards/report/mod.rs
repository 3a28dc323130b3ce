//! The print-ready report: a cover (organisation, period, the five figures that matter most and
//! their trend), one dashboard per page with its recommended action, an appendix of metric
//! definitions, and a data-protection summary generated from what this session actually did.
//! "Print" opens the browser's print dialog; style/print.css lays the pages out.

pub mod protection;

use crate::engine::report::Figure;
use crate::ui::components::figure_card::FigureCard;
use crate::ui::dashboards;
use crate::ui::state::{Session, SettingsState};
use leptos::prelude::*;
use protection::DataProtection;

/// The cover's figures, in order.
const COVER: [&str; 5] = [
    "ai_active_users_any_tool",
    "weekly_active_users",
    "activation_rate",
    "unused_seats",
    "cost_per_active_user",
];

#[component]
pub fn PrintReport() -> impl IntoView {
    let session = expect_context::<Session>();
    let settings = expect_context::<SettingsState>();
    let organisation = move || settings.settings.with(|s| s.organisation.clone());
    let print = move |_| {
        let _ = window().print();
    };
    let period = move || {
        session.report.with(|r| {
            r.as_ref().map_or_else(String::new, |r| {
                let range = r
                    .filters
                    .applied_span
                    .or(r.filters.data_span)
                    .map(|s| format!("Data from {} to {}", s.first, s.last))
                    .unwrap_or_default();
                let week = r
                    .headline_week
                    .map(|w| format!(" · figures for the week {} to {}", w.first, w.last))
                    .unwrap_or_default();
                format!("{range}{week}")
            })
        })
    };
    let comparison = move || {
        session.report.with(|r| {
            r.as_ref()
                .and_then(|r| r.comparison_week)
                .map(|w| format!("vs week of {}", w.first))
                .unwrap_or_default()
        })
    };
    let cover = move || {
        session.report.with(|r| {
            r.as_ref().map_or_else(Vec::new, |r| {
                COVER
                    .iter()
                    .filter_map(|id| r.figures.iter().find(|f| f.id == *id).cloned())
                    .collect::<Vec<Figure>>()
            })
        })
    };
    view! {
        <section class="print-report" data-testid="print-report-view">
            <div class="print-toolbar no-print">
                <label>
                    <span>"Organisation name (for the cover)"</span>
                    <input type="text" data-testid="organisation-name" prop:value=organisation
                        on:change=move |e| {
                            let name = event_target_value(&e);
                            settings.settings.update(|s| s.organisation = name.trim().to_string());
                        } />
                </label>
                <button type="button" class="button" data-testid="print" on:click=print>"Print or save as PDF"</button>
                <p class="muted small">"One dashboard per page, then the definitions and the data-protection summary. Choose “Save as PDF” in the print dialog to keep a file."</p>
            </div>
            <section class="print-page cover" data-testid="report-cover">
                <p class="cover-kicker">"AI tool adoption report"</p>
                <h1>{move || { let o = organisation(); if o.is_empty() { "Your organisation".to_string() } else { o } }}</h1>
                <p class="cover-period">{period}</p>
                <div class="cards cover-figures">
                    {move || { let c = comparison(); cover().into_iter().map(|f| view! { <FigureCard figure=f comparison=c.clone() /> }).collect_view() }}
                </div>
                <p class="muted small">"Made with Uptake in the analyst's browser: the exports were read on this computer and never uploaded. People appear only as keyed pseudonyms; groups smaller than the minimum group size are not shown."</p>
            </section>
            {move || {
                let pages = dashboards::printed();
                let shown: Vec<_> = session.report.with(|r| r.as_ref().map(|r| pages.into_iter().filter(|p| (p.has_data)(r)).collect()).unwrap_or_default());
                shown.into_iter().map(|p| view! {
                    <section class="print-page" data-testid="report-page" data-view=p.id>
                        {(p.body)()}
                    </section>
                }).collect_view()
            }}
            <section class="print-page appendix" data-testid="report-definitions">
                <h2>"Appendix: metric definitions"</h2>
                <dl class="definitions">
                    {move || session.report.with(|r| r.as_ref().map(|r| r.figures.iter().map(|f| view! {
                        <dt>{f.label.clone()} " " <code>{f.id.clone()}</code></dt>
                        <dd>{f.definition.clone()} <span class="muted">" Source: " {f.sources.clone()}</span></dd>
                    }).collect_view()))}
                </dl>
            </section>
            <DataProtection />
        </section>
    }
}
