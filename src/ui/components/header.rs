//! The page header: product name and the privacy statement, with how it is enforced.

use crate::ui::state::Session;
use leptos::prelude::*;

#[component]
pub fn Header() -> impl IntoView {
    let session = expect_context::<Session>();
    view! {
        <header class="site-header">
            <div class="brand">
                <span class="logo" aria-hidden="true">"◔"</span>
                <div>
                    <h1>"Uptake"</h1>
                    <p class="tagline">"How your organisation really uses its AI tools"</p>
                </div>
            </div>
            <p class="privacy" data-testid="privacy-statement">
                <strong>"Your files never leave this browser tab. "</strong>
                "They are read by code running on this page; every email, login and id is replaced by a keyed hash (HMAC-SHA256) as it is read, and message text is dropped. "
                "The page's Content-Security-Policy forbids connections to any other server, so nothing can be uploaded."
                <span class="key-badge" title="Fingerprint of the org key used for pseudonyms (not the key)">
                    {move || {
                        let fingerprint = session.key_fingerprint.get();
                        if fingerprint.is_empty() { String::new() } else { format!(" Key {fingerprint}") }
                    }}
                </span>
            </p>
        </header>
    }
}
