//! `uptake.snapshot`: everything loaded, saved as one file to come back to next month.
//!
//! A snapshot holds the merged canonical facts (pseudonymous by construction: keyed hashes,
//! counts, dates and labels; never a raw identifier or any text of a message), the settings,
//! which exports it was made from, the snapshot format version and the fingerprint of the org
//! key its pseudonyms were made with (never the key). Loading snapshots, with or without new
//! exports, merges their facts like any files: rows already present count once, so history
//! grows past every vendor's window. A snapshot made under another org key is refused: its
//! pseudonyms would never match this key's.
//!
//! ## The file
//!
//! JSON, one object whose first member is `"format": "uptake.snapshot"` (that is how it is
//! detected), then `version`, `app_version`, `saved_on`, `key_fingerprint`, `settings`,
//! `sources` and `facts` (the fact tables of `engine::facts`, as serde writes them).
//!
//! A passphrase-protected snapshot is sealed instead (see [`sealed`]): one JSON header line
//! (`"format": "uptake.snapshot.sealed"`, the key-derivation and cipher parameters), then the
//! AES-256-GCM ciphertext of the plain snapshot. The browser's Web Crypto seals and opens it;
//! the engine reads the header and says the passphrase is needed.
//!
//! ## Versions
//!
//! [`SNAPSHOT_VERSION`] is bumped whenever the file changes shape. [`read`] keeps a reader for
//! every version ever written, and `tests/snapshot.rs` loads a committed snapshot of each.

pub mod sealed;

use super::dataset::{Dataset, SourceState};
use super::date::{Day, DaySpan};
use super::facts::Facts;
use super::settings::Settings;
use serde::{Deserialize, Serialize};

/// The format id written in every snapshot (and DESIGN.md's format id for it).
pub const SNAPSHOT_FORMAT: &str = "uptake.snapshot";
/// The snapshot format this build writes.
pub const SNAPSHOT_VERSION: u32 = 1;
/// The version of Uptake writing the snapshot (for the reader's information only).
pub const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// One export a snapshot was made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotSource {
    /// The DESIGN.md format id (`chatgpt.users_csv`…), kept as text so a snapshot naming a
    /// format this build does not know still loads.
    pub format: String,
    pub label: String,
    pub rows: u64,
    pub coverage: Option<DaySpan>,
}

/// What a loaded snapshot says about itself (shown on its row in the list of files).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SnapshotInfo {
    pub version: u32,
    pub app_version: String,
    pub saved_on: Option<Day>,
    pub key_fingerprint: String,
    pub settings: Settings,
    pub sources: Vec<SnapshotSource>,
    /// The snapshot was made under another org key and was accepted anyway (a standalone
    /// report): files added now are hashed under this page's key and will not join its people.
    #[serde(default)]
    pub foreign_key: bool,
}

/// Version 1 of the file, member for member (`F` is `&Facts` when writing).
#[derive(Serialize, Deserialize)]
struct SnapshotV1<F> {
    format: String,
    version: u32,
    app_version: String,
    saved_on: Option<Day>,
    key_fingerprint: String,
    settings: Settings,
    sources: Vec<SnapshotSource>,
    facts: F,
}

/// The first two members, read before choosing the version's reader.
#[derive(Deserialize)]
struct Head {
    format: String,
    #[serde(default)]
    version: u32,
}

/// Writes the snapshot of everything loaded. `saved_on` is today as the caller knows it (the
/// engine has no clock).
pub fn save(
    dataset: &Dataset,
    settings: &Settings,
    key_fingerprint: &str,
    saved_on: Option<Day>,
) -> Vec<u8> {
    let file = SnapshotV1 {
        format: SNAPSHOT_FORMAT.into(),
        version: SNAPSHOT_VERSION,
        app_version: APP_VERSION.into(),
        saved_on,
        key_fingerprint: key_fingerprint.into(),
        settings: settings.clone(),
        sources: sources_of(dataset),
        facts: dataset.facts(),
    };
    serde_json::to_vec(&file).unwrap_or_default()
}

/// The exports behind everything loaded: each read export, and the exports inside each
/// loaded snapshot (the same export listed once).
pub fn sources_of(dataset: &Dataset) -> Vec<SnapshotSource> {
    let mut out: Vec<SnapshotSource> = Vec::new();
    for source in dataset.sources() {
        // A personal export is one person's own data: it is never saved in a snapshot.
        if source.state != SourceState::Done
            || source.format == Some(crate::engine::detect::FormatId::ChatgptPersonalExportJson)
        {
            continue;
        }
        let inner = match &source.snapshot {
            Some(info) => info.sources.clone(),
            None => vec![SnapshotSource {
                format: source.format_id().into(),
                label: source.format.map_or("Unknown", |f| f.label()).into(),
                rows: source.diagnostics.rows_accepted,
                coverage: source.diagnostics.coverage,
            }],
        };
        for s in inner {
            if !out.contains(&s) {
                out.push(s);
            }
        }
    }
    out
}

/// What reading a snapshot gave.
pub struct Opened {
    pub info: SnapshotInfo,
    pub facts: Facts,
}

/// Why a snapshot could not be read.
#[derive(Debug, PartialEq)]
pub enum ReadError {
    /// Not JSON, or not a snapshot of a known version: the reason.
    Invalid(String),
    /// Sealed with a passphrase: open it first.
    Sealed(Box<sealed::SealedHeader>),
    /// Written by a newer Uptake.
    Newer(u32),
}

/// Reads a snapshot of any version this build knows.
pub fn read(bytes: &[u8]) -> Result<Opened, ReadError> {
    if let Ok((header, _)) = sealed::split(bytes) {
        return Err(ReadError::Sealed(Box::new(header)));
    }
    // One parse in the usual case (a current snapshot); only a file that is not one is read
    // again, for its first members, to say why.
    let damaged = match serde_json::from_slice::<SnapshotV1<Facts>>(bytes) {
        Ok(v1) if v1.format == SNAPSHOT_FORMAT && v1.version == 1 => {
            return Ok(Opened {
                info: SnapshotInfo {
                    version: v1.version,
                    app_version: v1.app_version,
                    saved_on: v1.saved_on,
                    key_fingerprint: v1.key_fingerprint,
                    settings: v1.settings,
                    sources: v1.sources,
                    foreign_key: false,
                },
                facts: v1.facts,
            })
        }
        Ok(_) => None,
        Err(e) => Some(e),
    };
    let head: Head = serde_json::from_slice(bytes)
        .map_err(|e| ReadError::Invalid(format!("it is not valid snapshot JSON ({e})")))?;
    if head.format != SNAPSHOT_FORMAT {
        return Err(ReadError::Invalid(format!(
            "its format is \"{}\", not \"{SNAPSHOT_FORMAT}\"",
            head.format
        )));
    }
    match head.version {
        1 => Err(ReadError::Invalid(match damaged {
            Some(e) => format!("its content is damaged ({e})"),
            None => "its content is damaged".into(),
        })),
        0 => Err(ReadError::Invalid("it has no version".into())),
        newer => Err(ReadError::Newer(newer)),
    }
}

/// True when the head of a file is a snapshot, plain or sealed.
pub fn sniff(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(256)]);
    let text = text.trim_start_matches('\u{feff}').trim_start();
    let Some(rest) = text.strip_prefix('{') else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix("\"format\"") else {
        return false;
    };
    let Some(rest) = rest.trim_start().strip_prefix(':') else {
        return false;
    };
    rest.trim_start().starts_with("\"uptake.snapshot")
}

/// The file name for a snapshot saved on `day`: `uptake-2026-11-22.snapshot`.
pub fn file_name(day: Option<Day>) -> String {
    day.map_or_else(
        || "uptake.snapshot".into(),
        |d| format!("uptake-{d}.snapshot"),
    )
}

/// Standard base64 (RFC 4648, with padding): how a standalone report carries its snapshot
/// inside the HTML page (`atob` reads it back).
pub fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for (i, shift) in [18u32, 12, 6, 0].into_iter().enumerate() {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[((n >> shift) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_matches_rfc_4648_test_vectors() {
        // RFC 4648 §10.
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ];
        for (plain, encoded) in cases {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain:?}");
        }
        // Every bit pattern of the last group: 0xFF 0xFE → "//4=".
        assert_eq!(base64(&[0xff, 0xfe]), "//4=");
    }
}
