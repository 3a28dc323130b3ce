//! The front door of the engine: one file's bytes in, its format and canonical facts out.
//! Peeks at the start to detect the format, undoes the encoding, and hands the stream to the
//! format's parser. Nothing here knows about browsers: the caller supplies a `Read`.

use super::detect::{detect, Detection, FormatId};
use super::identity::OrgKey;
use super::sources::hris::HrisMapping;
use super::sources::registry::ParseContext;
use super::sources::{FileError, Parsed};
use super::text::{head_text, Encoding, Utf8Reader};
use std::io::{Cursor, Read};

/// How many bytes are peeked for detection.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Settings for reading one file.
pub struct IngestOptions<'a> {
    pub key: &'a OrgKey,
    /// Columns chosen by the user for an HRIS file, if any.
    pub hris_mapping: Option<&'a HrisMapping>,
    /// Accept an `uptake.snapshot` made under another org key (a standalone report opening the
    /// snapshot embedded in it); dropped snapshots must match the key in use.
    pub foreign_snapshot_ok: bool,
}

/// A file that was read.
#[derive(Debug)]
pub struct Ingested {
    pub format: FormatId,
    pub encoding: Encoding,
    pub parsed: Parsed,
}

/// A file that could not be read, with the format if it was recognised.
#[derive(Debug)]
pub struct IngestError {
    pub format: Option<FormatId>,
    pub error: FileError,
}

/// Detects and parses one file.
pub fn ingest(mut reader: impl Read, options: &IngestOptions<'_>) -> Result<Ingested, IngestError> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut reader)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| IngestError {
            format: None,
            error: e.into(),
        })?;
    let mut stream = Utf8Reader::new(Cursor::new(head.clone()).chain(reader), &head);
    let encoding = stream.encoding();
    let (format, delimiter) = match detect(&head) {
        Detection::Known { format, delimiter } => (format, delimiter),
        Detection::Unknown { message, hint } => {
            return Err(IngestError {
                format: None,
                error: FileError::new(message, hint),
            })
        }
    };
    let json = matches!(
        head_text(&head[..head.len().min(4096)])
            .trim_start()
            .chars()
            .next(),
        Some('{' | '[')
    );
    let context = ParseContext {
        key: options.key,
        delimiter,
        json,
        hris_mapping: options.hris_mapping,
        foreign_snapshot_ok: options.foreign_snapshot_ok,
    };
    let mut parsed = (format.spec().parse)(&mut stream, &context).map_err(|error| IngestError {
        format: Some(format),
        error,
    })?;
    if encoding != Encoding::Utf8 {
        parsed
            .diagnostics
            .note(format!("Read as {}.", encoding.label()));
    }
    Ok(Ingested {
        format,
        encoding,
        parsed,
    })
}
