//! The org key in the browser: generated with the platform's CSPRNG on first use, remembered in
//! this browser's `localStorage` (it is not data and identifies nobody), saved to and loaded from
//! a small file, or derived from a passphrase, so next month's report gives the same pseudonyms.
//! It goes to the worker and nowhere else.

use crate::engine::identity::{OrgKey, PASSPHRASE_ITERATIONS};
use crate::worker::Request;
use gloo::storage::{LocalStorage, Storage};

const STORAGE_KEY: &str = "uptake.org_key";

/// The remembered key, or a new random one (remembered from now on).
pub fn load_or_create() -> OrgKey {
    if let Some(key) = LocalStorage::get::<String>(STORAGE_KEY)
        .ok()
        .and_then(|hex| OrgKey::from_hex(&hex))
    {
        return key;
    }
    let key = random_key();
    remember(&key);
    key
}

pub fn random_key() -> OrgKey {
    let mut bytes = [0u8; 32];
    if let Some(crypto) = web_sys::window().and_then(|w| w.crypto().ok()) {
        let _ = crypto.get_random_values_with_u8_array(&mut bytes);
    }
    OrgKey::from_bytes(bytes)
}

pub fn from_passphrase(passphrase: &str) -> OrgKey {
    OrgKey::from_passphrase(passphrase, PASSPHRASE_ITERATIONS)
}

pub fn remember(key: &OrgKey) {
    let _ = LocalStorage::set(STORAGE_KEY, key.to_hex());
}

/// Makes `key` the key in use: remembered here and sent to the worker (which re-reads files).
pub fn use_key(key: &OrgKey) {
    remember(key);
    super::worker_client::send(
        &Request::SetKey {
            key_hex: key.to_hex(),
        },
        None,
    );
}

/// The text of a saved key file.
pub fn key_file_text(key: &OrgKey) -> String {
    format!(
        "# Uptake org key (fingerprint {}).\n# Keep it private: with it, pseudonyms can be linked to people you can name.\n# Load it next month in Uptake → Settings & key to get the same pseudonyms.\n{}\n",
        key.fingerprint(),
        key.to_hex()
    )
}
