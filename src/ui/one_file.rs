//! The one-file build (`uptake.html`, written by `scripts/one_file.py`): everything inlined,
//! opened from disk with a policy that allows no connection. Its boot script leaves three
//! globals that this module reads:
//!
//! - `UPTAKE_WORKER_URL`: the worker's `blob:` URL (script and wasm inside it);
//! - `UPTAKE_SOURCE`: the page's own text, to write a standalone report from;
//! - `UPTAKE_EMBEDDED`: the snapshot a standalone report carries, as a `File`, opened on load.
//!
//! In the hosted build none of them exists and the page behaves as before.

use super::state::Session;
use wasm_bindgen::JsValue;
use web_sys::File;

/// Where a standalone report's snapshot goes in the page's source.
const MARKER: &str = "<!--uptake:embedded-->";

fn global(name: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    js_sys::Reflect::get(&window, &name.into())
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// The worker's `blob:` URL in the one-file build.
pub fn worker_url() -> Option<String> {
    global("UPTAKE_WORKER_URL")?.as_string()
}

/// True in the one-file build, which can write standalone reports.
pub fn can_export_report() -> bool {
    source().is_some()
}

fn source() -> Option<String> {
    global("UPTAKE_SOURCE")?
        .as_string()
        .filter(|s| s.contains(MARKER))
}

/// Opens the snapshot a standalone report carries (after the key was sent to the worker).
pub fn open_embedded(session: Session) {
    use wasm_bindgen::JsCast;
    if let Some(file) = global("UPTAKE_EMBEDDED").and_then(|v| v.dyn_into::<File>().ok()) {
        super::worker_client::load_embedded(session, file);
    }
}

/// Writes this page again with `snapshot_base64` embedded, as `uptake-report-<date>.html`.
pub fn export_report(snapshot_name: &str, snapshot_base64: &str) -> bool {
    let Some(source) = source() else {
        return false;
    };
    let Some((before, after)) = source.split_once(MARKER) else {
        return false;
    };
    let name = html_attribute(snapshot_name);
    let element = format!(
        "{MARKER}\n<script type=\"application/octet-stream\" id=\"uptake-embedded\" data-name=\"{name}\">{snapshot_base64}</script>"
    );
    let parts = js_sys::Array::new();
    for part in [before, element.as_str(), after] {
        parts.push(&JsValue::from_str(part));
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/html");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let report_name = snapshot_name
        .strip_suffix(".snapshot")
        .unwrap_or(snapshot_name)
        .replacen("uptake-", "uptake-report-", 1);
    super::browser::download_blob(&format!("{report_name}.html"), &blob);
    true
}

/// `text` as the value of a double-quoted HTML attribute.
fn html_attribute(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
}
