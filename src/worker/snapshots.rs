//! Snapshots in the worker: saving everything loaded (sealed with a passphrase when one is
//! given) and opening a sealed snapshot that was dropped, which is then read like any file.

use super::crypto;
use super::file_reader::FileRead;
use super::runtime::{failed, make_file, post, post_report, schedule, scope, with_state, State};
use super::Reply;
use crate::engine::date::Day;
use crate::engine::identity::OrgKey;
use crate::engine::snapshot;
use std::io::Read;
use wasm_bindgen::JsValue;

/// Posts `{download: name, file}`, or `{report_snapshot: name, base64}` for a standalone
/// report (the page writes the base64 into its own source).
fn post_file(for_report: bool, name: &str, bytes: &[u8]) {
    let message = js_sys::Object::new();
    if for_report {
        let _ = js_sys::Reflect::set(&message, &"report_snapshot".into(), &name.into());
        let encoded = JsValue::from_str(&snapshot::base64(bytes));
        let _ = js_sys::Reflect::set(&message, &"base64".into(), &encoded);
    } else {
        let Some(file) = make_file(name, "application/octet-stream", bytes) else {
            return;
        };
        let _ = js_sys::Reflect::set(&message, &"download".into(), &JsValue::from_str(name));
        let _ = js_sys::Reflect::set(&message, &"file".into(), &file);
    }
    let _ = scope().post_message(&message);
}

/// Saves the snapshot of everything loaded.
pub(super) fn save(
    state: &State,
    passphrase: Option<String>,
    saved_on: Option<String>,
    for_report: bool,
) {
    let day = saved_on.as_deref().and_then(Day::parse);
    let fingerprint = state
        .key
        .as_ref()
        .map(OrgKey::fingerprint)
        .unwrap_or_default();
    let plain = snapshot::save(&state.dataset, &state.settings, &fingerprint, day);
    let name = snapshot::file_name(day);
    match passphrase.filter(|p| !p.is_empty()) {
        None => post_file(for_report, &name, &plain),
        Some(passphrase) => wasm_bindgen_futures::spawn_local(async move {
            match crypto::seal(&plain, &passphrase, &fingerprint).await {
                Ok(sealed) => post_file(for_report, &name, &sealed),
                Err(error) => post(&Reply::Problem {
                    message: format!(
                        "The snapshot could not be sealed ({error}); nothing was saved."
                    ),
                }),
            }
        }),
    }
}

/// Opens a loaded sealed snapshot with `passphrase`; on success the plain snapshot replaces
/// the sealed file and is read like any other.
pub(super) fn unlock(state: &mut State, file_id: u32, passphrase: String) {
    let Some(loaded) = state.files.iter().find(|f| f.file_id == file_id) else {
        return;
    };
    let (name, file) = (loaded.name.clone(), loaded.file.clone());
    let size = file.size() as u64;
    let mut bytes = Vec::new();
    let read = FileRead::new(file, &mut |_, _| {}).and_then(|mut r| r.read_to_end(&mut bytes));
    if let Err(error) = read {
        state
            .dataset
            .insert(failed(file_id, &name, size, &error.to_string()));
        post_report(state, Some(file_id));
        return;
    }
    wasm_bindgen_futures::spawn_local(async move {
        let opened = crypto::open(&bytes, &passphrase).await;
        with_state(|state| {
            match opened {
                Ok(plain) => {
                    if let (Some(plain_file), Some(loaded)) = (
                        make_file(&name, "application/json", &plain),
                        state.files.iter_mut().find(|f| f.file_id == file_id),
                    ) {
                        loaded.file = plain_file;
                        schedule(state, file_id);
                        return;
                    }
                }
                Err(reason) => {
                    let message = match reason {
                        None => "The passphrase does not open this snapshot (or the file was changed after it was sealed).".to_string(),
                        Some(reason) => format!("This sealed snapshot cannot be opened: {reason}."),
                    };
                    state.dataset.insert(locked(file_id, &name, size, message));
                }
            }
            post_report(state, Some(file_id));
        });
    });
}

/// A sealed snapshot still waiting for the right passphrase.
fn locked(
    file_id: u32,
    name: &str,
    size: u64,
    message: String,
) -> crate::engine::dataset::LoadedFile {
    let mut error = crate::engine::sources::FileError::new(
        message,
        "Check the passphrase (it is case-sensitive) and try again.",
    );
    error.locked = true;
    crate::engine::dataset::LoadedFile::new(
        file_id,
        name,
        size,
        Err(crate::engine::ingest::IngestError {
            format: Some(crate::engine::detect::FormatId::UptakeSnapshot),
            error,
        }),
    )
}
