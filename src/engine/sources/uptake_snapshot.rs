//! `uptake.snapshot`: a snapshot saved by Uptake (see `engine::snapshot`), read like any other
//! source so that it merges with exports and other snapshots, rows already loaded counting
//! once. Refused when made under another org key; a sealed one asks for its passphrase.

use super::registry::{FormatSpec, ParseContext};
use super::{FileError, Parsed};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::snapshot::{self, ReadError, SNAPSHOT_VERSION};
use std::io::Read;

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::UptakeSnapshot,
    name: "uptake.snapshot",
    label: "Uptake snapshot",
    csv: false,
    signature: &["format", "key_fingerprint", "facts"],
    matches,
    parse,
};

/// The first member is `"format": "uptake.snapshot…"`.
fn matches(probe: &Probe) -> bool {
    matches!(probe, Probe::Json(json) if snapshot::sniff(json.text.as_bytes()))
}

fn parse(input: &mut dyn Read, ctx: &ParseContext<'_>) -> Result<Parsed, FileError> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes)?;
    let ours = ctx.key.fingerprint();
    let opened = match snapshot::read(&bytes) {
        Ok(opened) => opened,
        Err(ReadError::Sealed(header)) => {
            if header.key_fingerprint != ours && !ctx.foreign_snapshot_ok {
                return Err(other_key(&header.key_fingerprint, &ours));
            }
            let mut error = FileError::new(
                "This snapshot is protected with a passphrase.",
                "Enter the passphrase it was saved with to open it.",
            );
            error.locked = true;
            return Err(error);
        }
        Err(ReadError::Newer(version)) => {
            return Err(FileError::new(
                format!("This snapshot was saved by a newer Uptake (snapshot format {version}; this page reads formats up to {SNAPSHOT_VERSION})."),
                "Open it with the Uptake that saved it, or a newer one.",
            ))
        }
        Err(ReadError::Invalid(reason)) => {
            return Err(FileError::new(
                format!("This Uptake snapshot cannot be read: {reason}."),
                "Save the snapshot again from the page it was made in: a snapshot edited by hand or cut short does not load.",
            ))
        }
    };
    let mut info = opened.info;
    if info.key_fingerprint != ours {
        if !ctx.foreign_snapshot_ok {
            return Err(other_key(&info.key_fingerprint, &ours));
        }
        info.foreign_key = true;
    }
    let mut parsed = Parsed::default();
    let facts = opened.facts;
    parsed.diagnostics.rows_accepted = (facts.links.len()
        + facts.periods.len()
        + facts.people.len()
        + facts.daily.len()
        + facts.events.len()
        + facts.seats.len()
        + facts.org_daily.len()
        + facts.teams.len()
        + facts.charges.len()
        + facts.assets.len()) as u64;
    for source in &info.sources {
        if let Some(span) = source.coverage {
            parsed.diagnostics.cover(span);
        }
    }
    let saved = info
        .saved_on
        .map_or_else(String::new, |d| format!(" on {d}"));
    let exports: Vec<String> = info
        .sources
        .iter()
        .map(|s| match s.coverage {
            Some(c) => format!("{} ({} to {})", s.label, c.first, c.last),
            None => s.label.clone(),
        })
        .collect();
    parsed.diagnostics.note(format!(
        "Snapshot saved{saved} by Uptake {} from {} export{}: {}.",
        info.app_version,
        exports.len(),
        if exports.len() == 1 { "" } else { "s" },
        exports.join("; ")
    ));
    if info.foreign_key {
        parsed.diagnostics.note(format!(
            "Made under another org key ({}): files added here are hashed under this page's key ({ours}) and will not join its people.",
            info.key_fingerprint
        ));
    }
    parsed.facts = facts;
    parsed.snapshot = Some(info);
    Ok(parsed)
}

fn other_key(theirs: &str, ours: &str) -> FileError {
    FileError::new(
        format!("This snapshot was made with another org key (fingerprint {theirs}); this page's key is {ours}. Its pseudonyms cannot be matched with the people loaded here."),
        "Load the org key file that was in use when the snapshot was saved (Settings → Org key), then add the snapshot again.",
    )
}
