//! Small browser helpers: downloading bytes as a file, remembering settings, the URL fragment.

use crate::engine::settings::Settings;
use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::JsCast;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, Url};

const SETTINGS_KEY: &str = "uptake.settings";

/// Offers `bytes` as a download named `file_name`, from a `blob:` URL (no network).
pub fn download(file_name: &str, mime: &str, bytes: &[u8]) {
    let array = js_sys::Array::of1(&js_sys::Uint8Array::from(bytes));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    if let Ok(blob) = Blob::new_with_u8_array_sequence_and_options(&array, &options) {
        download_blob(file_name, &blob);
    }
}

/// The page's root element (`<html>`), where the page leaves state for tests and benchmarks.
pub fn root_element() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

pub fn load_settings() -> Settings {
    LocalStorage::get::<Settings>(SETTINGS_KEY).unwrap_or_default()
}

pub fn save_settings(settings: &Settings) {
    let _ = LocalStorage::set(SETTINGS_KEY, settings);
}

pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Offers a `Blob` (made here, or by the worker) as a download.
pub fn download_blob(file_name: &str, blob: &Blob) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Ok(url) = Url::create_object_url_with_blob(blob) else {
        return;
    };
    if let Ok(anchor) = document
        .create_element("a")
        .map(|a| a.unchecked_into::<HtmlAnchorElement>())
    {
        anchor.set_href(&url);
        anchor.set_download(file_name);
        anchor.click();
    }
    let _ = Url::revoke_object_url(&url);
}

/// Sets the URL fragment (a new history entry; the `hashchange` listener updates the page).
pub fn set_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}
