//! What a loaded snapshot's row offers: the passphrase of a sealed one, and its settings.

use crate::engine::settings::Settings;
use crate::ui::state::{Session, SettingsState};
use crate::ui::worker_client::send;
use crate::worker::Request;
use leptos::prelude::*;

/// Asks for a sealed snapshot's passphrase and sends it to the worker (never stored).
#[component]
pub fn Unlock(file_id: u32) -> impl IntoView {
    let session = expect_context::<Session>();
    let passphrase = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let text = passphrase.get_untracked();
        if text.is_empty() {
            return;
        }
        busy.set(true);
        passphrase.set(String::new());
        session.reading.update(|reading| {
            reading.retain(|f| f.file_id != file_id);
        });
        send(
            &Request::Unlock {
                file_id,
                passphrase: text,
            },
            None,
        );
    };
    view! {
        <form class="unlock" on:submit=submit>
            <label>
                <span>"Passphrase"</span>
                <input type="password" autocomplete="off" data-testid="unlock-passphrase"
                    prop:value=move || passphrase.get()
                    on:input=move |e| passphrase.set(event_target_value(&e)) />
            </label>
            <button type="submit" class="button small" data-testid="unlock-submit" disabled=move || busy.get()>
                {move || if busy.get() { "Opening…" } else { "Open" }}
            </button>
        </form>
    }
}

/// The settings a snapshot was saved with, offered when they differ from the page's. (They
/// are adopted without asking when the page still has the default settings.)
#[component]
pub fn UseSnapshotSettings(settings: Settings) -> impl IntoView {
    let state = expect_context::<SettingsState>();
    let theirs = StoredValue::new(settings);
    let differs = move || theirs.with_value(|t| state.settings.with(|s| adopted(s, t) != *s));
    view! {
        <Show when=differs>
            <button type="button" class="link small" data-testid="use-snapshot-settings"
                on:click=move |_| {
                    let current = state.settings.get_untracked();
                    state.settings.set(theirs.with_value(|t| adopted(&current, t)));
                }>"Use this snapshot's settings"</button>
        </Show>
    }
}

/// A snapshot's settings as the page takes them: the group-size floor never goes down.
pub fn adopted(current: &Settings, snapshot: &Settings) -> Settings {
    Settings {
        min_group_size: current.min_group_size.max(snapshot.min_group_size),
        ..snapshot.clone()
    }
}

/// Adopts the settings of a newly loaded snapshot while the page still has the defaults.
pub fn adopt_first_snapshot_settings() {
    let session = expect_context::<Session>();
    let state = expect_context::<SettingsState>();
    let seen = StoredValue::new(Vec::<u32>::new());
    Effect::new(move |_| {
        session.report.with(|report| {
            let Some(report) = report else { return };
            for source in &report.sources {
                let Some(info) = &source.snapshot else {
                    continue;
                };
                if seen.with_value(|s| s.contains(&source.file_id)) {
                    continue;
                }
                seen.update_value(|s| s.push(source.file_id));
                let current = state.settings.get_untracked();
                if current == Settings::default() {
                    state.settings.set(adopted(&current, &info.settings));
                }
            }
        });
    });
}
