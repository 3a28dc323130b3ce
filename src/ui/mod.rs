//! The page (browser only): the app shell, its state, the worker client and the dashboards.
//! The UI never parses and never computes a metric: it sends files to the worker and renders
//! the `Report` it gets back.

pub mod browser;
pub mod charts;
pub mod components;
pub mod dashboards;
pub mod format;
pub mod fragment;
pub mod key;
pub mod one_file;
pub mod page_timing;
pub mod state;
pub mod worker_client;

use components::empty_state::{EmptyState, FirstRead};
use components::file_drop::FileDrop;
use components::filter_bar::FilterBar;
use components::header::Header;
use components::nav::Nav;
use components::source_list::SourceList;
use dashboards::data::DataView;
use dashboards::overview::Overview;
use dashboards::settings::SettingsView;
use leptos::prelude::*;
use state::{Session, SettingsState, Stage, View};

/// Mounts the app on `<body>`.
pub fn mount() {
    console_error_panic_hook_lite();
    leptos::mount::mount_to_body(App);
}

fn console_error_panic_hook_lite() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("Uptake stopped: {info}").into());
    }));
}

#[component]
pub fn App() -> impl IntoView {
    let session = Session::new();
    provide_context(session);
    let settings = SettingsState {
        settings: RwSignal::new(browser::load_settings()),
    };
    provide_context(settings);

    worker_client::start(session);
    components::snapshot_controls::adopt_first_snapshot_settings();
    let key = key::load_or_create();
    worker_client::send(
        &crate::worker::Request::SetSettings {
            settings: settings.settings.get_untracked(),
        },
        None,
    );
    worker_client::send(
        &crate::worker::Request::SetKey {
            key_hex: key.to_hex(),
        },
        None,
    );
    one_file::open_embedded(session);
    Effect::new(move |first: Option<()>| {
        let current = settings.settings.get();
        if first.is_some() {
            browser::save_settings(&current);
            worker_client::send(
                &crate::worker::Request::SetSettings { settings: current },
                None,
            );
        }
    });

    let (first_view, first_query) = fragment::parse(&browser::fragment());
    let view = RwSignal::new(first_view);
    let query = RwSignal::new(first_query);
    provide_context(state::QueryState { query });
    // Both listeners live as long as the page.
    gloo::events::EventListener::new(&window(), "hashchange", move |_| {
        let (v, q) = fragment::parse(&browser::fragment());
        // Setting an equal value would still build the shown dashboard again: a filter
        // change (which rewrites the fragment) would build it twice, once now and once for
        // its Report.
        if view.get_untracked() != v {
            view.set(v);
        }
        if query.get_untracked() != q {
            query.set(q);
        }
    })
    .forget();
    Effect::new(move |_| {
        let current = query.get();
        worker_client::send(&crate::worker::Request::SetQuery { query: current }, None);
    });
    let query_string = Signal::derive(move || fragment::query_string(&query.get()));
    let viewport = state::Viewport {
        resized: RwSignal::new(0),
    };
    provide_context(viewport);
    gloo::events::EventListener::new(&window(), "resize", move |_| {
        viewport.resized.update(|n| *n += 1)
    })
    .forget();

    // The dashboards are built again only when the stage changes (not on each progress update of
    // a file being read); a new Report then updates them from inside.
    let stage = Memo::new(move |_| session.stage());

    view! {
        <Header />
        <main class="layout">
            <aside class="sidebar">
                <FileDrop />
                <SourceList />
                <components::takeaway::Takeaway query=query_string />
            </aside>
            <section class="content">
                <Nav view=view query=query_string />
                <FilterBar view=view />
                {move || session.problem.get().map(|p| view! {
                    <p class="notice error" role="alert">{p}
                        <button type="button" class="link small" on:click=move |_| session.problem.set(None)>"Dismiss"</button>
                    </p>
                })}
                {move || match view.get() {
                    View::Settings => view! { <SettingsView /> }.into_any(),
                    _ if stage.get() == Stage::Empty => view! { <EmptyState /> }.into_any(),
                    _ if stage.get() == Stage::FirstRead => view! { <FirstRead /> }.into_any(),
                    View::Overview => view! { <Overview /> }.into_any(),
                    View::Data => view! { <DataView /> }.into_any(),
                    View::Tokens => view! { <dashboards::tokens::TokensView /> }.into_any(),
                    View::Sessions => view! { <dashboards::sessions::SessionsView /> }.into_any(),
                    View::Prompts => view! { <dashboards::prompts::PromptsView /> }.into_any(),
                    View::Models => view! { <dashboards::models::ModelsView /> }.into_any(),
                    View::Departments => view! { <dashboards::departments::DepartmentsView /> }.into_any(),
                    View::Licences => view! { <dashboards::licences::LicencesView /> }.into_any(),
                    View::PowerUsers => view! { <dashboards::power_users::PowerUsersView /> }.into_any(),
                    View::Codex => view! { <dashboards::codex::CodexView /> }.into_any(),
                    View::Copilot => view! { <dashboards::copilot::CopilotView /> }.into_any(),
                    View::ClaudeCode => view! { <dashboards::claude_code::ClaudeCodeView /> }.into_any(),
                    View::Cursor => view! { <dashboards::cursor::CursorView /> }.into_any(),
                    View::M365Copilot => view! { <dashboards::m365_copilot::M365CopilotView /> }.into_any(),
                    View::Gemini => view! { <dashboards::gemini::GeminiView /> }.into_any(),
                    View::CrossTool => view! { <dashboards::cross_tool::CrossToolView /> }.into_any(),
                    View::Credits => view! { <dashboards::credits::CreditsView /> }.into_any(),
                    View::Timing => view! { <dashboards::timing::TimingView /> }.into_any(),
                    View::MyUsage => view! { <dashboards::my_usage::MyUsageView /> }.into_any(),
                    View::People => view! { <dashboards::people::PeopleView /> }.into_any(),
                    View::History => view! { <dashboards::history::HistoryView /> }.into_any(),
                    View::Report => view! { <dashboards::report::PrintReport /> }.into_any(),
                }}
            </section>
        </main>
        <footer class="site-footer">
            "Uptake runs entirely in this tab. No account, no upload, no tracking."
        </footer>
    }
}
