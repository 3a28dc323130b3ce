//! The front door of the engine: one file's bytes in, its format and canonical facts out.
//! Peeks at the start to detect the format, undoes the encoding, and hands the stream to the
//! format's parser. Nothing here knows about browsers: the caller supplies a `Read`.

use super::date::{Day, DaySpan};
use super::detect::{detect, Detection, FormatId};
use super::identity::OrgKey;
use super::memory_budget::{refusal, Budgeted, MemoryBudget};
use super::sources::mapping::{ColumnMapping, MAPPABLE};
use super::sources::registry::ParseContext;
use super::sources::{Diagnostics, FileError, Parsed};
use super::text::{head_text, Encoding, Utf8Reader};
use std::io::{Cursor, Read};

/// How many bytes are peeked for detection.
pub const HEAD_BYTES: usize = 64 * 1024;

/// Settings for reading one file: `IngestOptions::new(&key)` and the setters below for what
/// differs from the defaults (no mapping, dropped snapshots must match the key, no period).
#[derive(Clone, Copy)]
pub struct IngestOptions<'a> {
    pub key: &'a OrgKey,
    /// Columns chosen by the analyst in the mapper (an HRIS roster, a Claude Code analytics
    /// table), if any. A CSV is read as the mapping's format, whatever detection said.
    pub mapping: Option<&'a ColumnMapping>,
    /// Accept an `uptake.snapshot` made under another org key (a standalone report opening the
    /// snapshot embedded in it); dropped snapshots must match the key in use.
    pub foreign_snapshot_ok: bool,
    /// The period the analyst said a dateless file covers (Claude spend report, Gemini usage
    /// report), once the page has asked (see `sources::PeriodRequest`).
    pub period: Option<DaySpan>,
    /// Today's date on the page's clock (the engine has none). Rows dated after it are skipped
    /// and noted (`Diagnostics::after_today`); `None` checks nothing.
    pub today: Option<Day>,
    /// The memory the read may add before the file is refused (`memory_budget`); `None`
    /// reads without limit.
    pub budget: Option<MemoryBudget<'a>>,
    /// The bytes are one part of a file of this format read in parts (`engine::split`): they
    /// are read as that format (a part's first record may lack what detection looks for), and
    /// what is said of the file as a whole is left in `Diagnostics::tallies` for the join to
    /// [`settle`].
    pub part_of: Option<FormatId>,
}

impl<'a> IngestOptions<'a> {
    /// Reading under `key`, with nothing else given.
    pub fn new(key: &'a OrgKey) -> Self {
        IngestOptions {
            key,
            mapping: None,
            foreign_snapshot_ok: false,
            period: None,
            today: None,
            budget: None,
            part_of: None,
        }
    }

    pub fn with_mapping(self, mapping: Option<&'a ColumnMapping>) -> Self {
        IngestOptions { mapping, ..self }
    }

    pub fn with_foreign_snapshot_ok(self, foreign_snapshot_ok: bool) -> Self {
        IngestOptions {
            foreign_snapshot_ok,
            ..self
        }
    }

    pub fn with_period(self, period: Option<DaySpan>) -> Self {
        IngestOptions { period, ..self }
    }

    pub fn with_today(self, today: Option<Day>) -> Self {
        IngestOptions { today, ..self }
    }

    pub fn with_budget(self, budget: Option<MemoryBudget<'a>>) -> Self {
        IngestOptions { budget, ..self }
    }

    pub fn as_part_of(self, part_of: Option<FormatId>) -> Self {
        IngestOptions { part_of, ..self }
    }
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

/// Detects and parses one file. A zip archive holding `conversations.json` (the ChatGPT
/// personal export as downloaded) is read through that member; any other zip is refused with
/// a message naming what it holds.
pub fn ingest(reader: impl Read, options: &IngestOptions<'_>) -> Result<Ingested, IngestError> {
    ingest_stream(reader, options, true)
}

/// The name of the personal export's conversations inside its zip (at the top, or in the one
/// folder a re-zipped export puts it in).
fn is_conversations_member(name: &str) -> bool {
    !name.starts_with("__MACOSX/")
        && (name == "conversations.json" || name.ends_with("/conversations.json"))
}

fn ingest_zip(
    head: Vec<u8>,
    reader: impl Read,
    options: &IngestOptions<'_>,
) -> Result<Ingested, IngestError> {
    let refused = |head: &[u8]| {
        let (message, hint) = match detect(head) {
            Detection::Unknown { message, hint } => (message, hint),
            Detection::Known { .. } => (
                "This is a zip archive, not a usage export.".to_string(),
                "Unzip it and add the files inside.".to_string(),
            ),
        };
        IngestError {
            format: None,
            error: FileError::new(message, hint),
        }
    };
    let personal = FormatId::ChatgptPersonalExportJson;
    match super::zip::find_member(
        Cursor::new(head.clone()).chain(reader),
        is_conversations_member,
    ) {
        Ok(Some(member)) => {
            match ingest_stream(Box::new(member) as Box<dyn Read + '_>, options, false) {
                Ok(ingested) if ingested.format == personal => Ok(ingested),
                Err(error) if error.format == Some(personal) => Err(error),
                // The member itself could not be decompressed (cut short, damaged): say so rather
                // than call the archive something else.
                Err(error) if error.error.message.contains("in the zip archive") => {
                    Err(IngestError {
                        format: Some(personal),
                        ..error
                    })
                }
                // conversations.json that is not a personal export (or holds nothing): the zip is
                // refused as any other.
                _ => Err(refused(&head)),
            }
        }
        Ok(None) => Err(refused(&head)),
        Err(error) if error.at_wanted => Err(IngestError {
            format: Some(personal),
            error: FileError::new(error.message, error.hint),
        }),
        Err(_) => Err(refused(&head)),
    }
}

fn ingest_stream(
    mut reader: impl Read,
    options: &IngestOptions<'_>,
    zip_allowed: bool,
) -> Result<Ingested, IngestError> {
    let mut head = Vec::with_capacity(HEAD_BYTES);
    (&mut reader)
        .take(HEAD_BYTES as u64)
        .read_to_end(&mut head)
        .map_err(|e| IngestError {
            format: None,
            error: e.into(),
        })?;
    if zip_allowed && head.starts_with(b"PK\x03\x04") {
        return ingest_zip(head, reader, options);
    }
    // Every megabyte the memory the read added is checked against the budget (one place, not
    // per row): past it the stream fails, and the file is refused below whatever the parser
    // made of the failed read.
    let unlimited = MemoryBudget {
        limit: u64::MAX,
        used: &|| 0,
    };
    let mut budgeted = Budgeted::new(
        Cursor::new(head.clone()).chain(reader),
        options.budget.unwrap_or(unlimited),
    );
    let mut stream = Utf8Reader::new(&mut budgeted, &head);
    let encoding = stream.encoding();
    let (mut format, delimiter) = match (detect(&head), options.part_of) {
        (Detection::Known { format, delimiter }, None) => (format, delimiter),
        (Detection::Known { format, delimiter }, Some(whole)) if format == whole => {
            (format, delimiter)
        }
        // A part that does not look like its file (no header to detect a delimiter from: JSON).
        (_, Some(whole)) => (whole, b','),
        (Detection::Unknown { message, hint }, None) => {
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
    // The analyst said what this table is (a mapper's "Read as:"): a CSV only.
    if let Some(mapping) = options.mapping {
        if !json && format.spec().csv && MAPPABLE.contains(&mapping.format) {
            format = mapping.format;
        }
    }
    let context = ParseContext {
        key: options.key,
        delimiter,
        json,
        mapping: options.mapping,
        foreign_snapshot_ok: options.foreign_snapshot_ok,
        period: options.period,
        today: options.today,
    };
    let parsed = (format.spec().parse)(&mut stream, &context);
    drop(stream);
    if let (Some(read), Some(budget)) = (budgeted.stopped_at, options.budget) {
        let (message, hint) = refusal(read, budget.limit);
        return Err(IngestError {
            format: Some(format),
            error: FileError::new(message, hint),
        });
    }
    let mut parsed = parsed.map_err(|error| IngestError {
        format: Some(format),
        error,
    })?;
    let tallies = &mut parsed.diagnostics.tallies;
    tallies.json = json;
    if encoding != Encoding::Utf8 {
        tallies.encoding = Some(encoding.label().to_string());
    }
    if options.part_of.is_none() {
        let found = parsed.snapshot.is_some() || !parsed.facts.identities.is_empty();
        settle(&mut parsed.diagnostics, found);
    }
    Ok(Ingested {
        format,
        encoding,
        parsed,
    })
}

/// The first day any supported tool could have recorded (ChatGPT Enterprise and Copilot's
/// reports are younger): rows before it carry a wrong date.
pub const EARLIEST_PLAUSIBLE_YEAR: i32 = 2015;

/// Writes what is said of a file as a whole once all of it is read (one read, or all its parts
/// joined): its tallies (`sources::tallies`), then what it still gets wrong: no rows at all
/// (`found`: it gave a snapshot or an identity anyway), rows dated after today (skipped by the
/// parser, see `Diagnostics::after_today`), or dates from before any of these tools existed.
pub fn settle(d: &mut Diagnostics, found: bool) {
    let tallies = std::mem::take(&mut d.tallies);
    for note in tallies.notes(d.coverage) {
        d.note(note);
    }
    if d.rows_accepted + d.rows_skipped + d.rows_duplicate == 0 && !found {
        d.note(if tallies.json {
            "No records were found: the export covers nobody. Export a period that has activity, or check that the download finished."
        } else {
            "No rows were found after the header: the export covers nobody. Export a period that has activity, or check that the download finished."
        });
    }
    if let Some(future) = d.future.as_ref().map(|f| f.note()) {
        d.note(future);
    }
    let earliest = Day::from_ymd(EARLIEST_PLAUSIBLE_YEAR, 1, 1);
    if let (Some(coverage), Some(earliest)) = (d.coverage, earliest) {
        if coverage.first < earliest {
            d.note(format!(
                "Rows dated as early as {} were read, before any of these tools existed ({EARLIEST_PLAUSIBLE_YEAR}): check the dates in the file (a spreadsheet re-save can change them).",
                coverage.first
            ));
        }
    }
}
