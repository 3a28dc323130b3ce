//! Everything loaded in one session: each file's record (what happened to it) and facts, and
//! the merged facts that metrics read. Files can be added and removed in any order; the merged
//! view is rebuilt from the per-file facts, earlier files winning over later duplicates.

use super::detect::FormatId;
use super::facts::{Facts, PersonalFacts};
use super::ingest::{IngestError, Ingested};
use super::metrics::people::People;
use super::query::FilterBasis;
use super::sources::mapping::MappingRequest;
use super::sources::Diagnostics;
use super::sources::PeriodRequest;
use serde::{Deserialize, Serialize};
use std::cell::OnceCell;
use std::rc::Rc;

/// The state of a file in the page's list (`data-state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SourceState {
    Reading,
    Done,
    Error,
}

/// What the page shows about one file (the `source` contract in DESIGN.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceSummary {
    pub file_id: u32,
    pub file_name: String,
    pub size_bytes: u64,
    /// A DESIGN.md format id, or `None` for `unknown`.
    pub format: Option<FormatId>,
    pub state: SourceState,
    pub diagnostics: Diagnostics,
    /// For a file that could not be read: what was found, and what to do.
    pub error: Option<String>,
    pub hint: Option<String>,
    pub mapping_request: Option<MappingRequest>,
    /// Which parse worker read the file (1, 2…), or `None` when it was read in place.
    #[serde(default)]
    pub reader: Option<u32>,
    /// A snapshot sealed with a passphrase: the page asks for it.
    #[serde(default)]
    pub locked: bool,
    /// For an Uptake snapshot: when, how and from which exports it was made, its settings.
    #[serde(default)]
    pub snapshot: Option<crate::engine::snapshot::SnapshotInfo>,
    /// A file without dates: the page asks for its period (with a guess from its name).
    #[serde(default)]
    pub period_request: Option<PeriodRequest>,
}

impl SourceSummary {
    pub fn format_id(&self) -> &'static str {
        self.format.map_or("unknown", FormatId::id)
    }
}

/// One file's outcome: what the page shows about it, and its facts. Made where the file was
/// parsed (possibly a parse worker, which sends it encoded with `engine::wire`).
#[derive(Serialize, Deserialize)]
pub struct LoadedFile {
    pub(crate) summary: SourceSummary,
    /// Rows counted before de-duplication against other files.
    pub(crate) own_duplicates: u64,
    pub(crate) facts: Facts,
    /// A personal export's messages: never merged into `facts` (see `facts::personal`).
    #[serde(default)]
    personal: PersonalFacts,
    /// The file as it arrived from a parse worker (`engine::wire`). Its facts are then moved
    /// into the merged ones rather than copied, and decoded again from these bytes when
    /// everything is merged again (a file removed or read again): the dataset keeps each file
    /// in this compact form (about a third of its decoded size), not twice over.
    #[serde(skip)]
    wire: Option<Vec<u8>>,
    /// `facts` were moved into the merged facts (only ever with `wire`).
    #[serde(skip)]
    moved: bool,
}

impl LoadedFile {
    /// What reading a file gave: its summary for the page and its facts.
    pub fn new(
        file_id: u32,
        file_name: &str,
        size_bytes: u64,
        outcome: Result<Ingested, IngestError>,
    ) -> LoadedFile {
        let mut file = LoadedFile::part(file_id, file_name, size_bytes, outcome);
        file.note_gaps();
        file
    }

    /// What reading one part of a file gave (`engine::split`): as [`LoadedFile::new`], less
    /// what needs the whole file (its missing days), which [`LoadedFile::note_gaps`] adds
    /// once the parts are joined.
    pub fn part(
        file_id: u32,
        file_name: &str,
        size_bytes: u64,
        outcome: Result<Ingested, IngestError>,
    ) -> LoadedFile {
        match outcome {
            Ok(ingested) => LoadedFile {
                own_duplicates: ingested.parsed.diagnostics.rows_duplicate,
                summary: SourceSummary {
                    file_id,
                    file_name: file_name.to_string(),
                    size_bytes,
                    format: Some(ingested.format),
                    state: SourceState::Done,
                    diagnostics: ingested.parsed.diagnostics,
                    error: None,
                    hint: None,
                    mapping_request: None,
                    reader: None,
                    locked: false,
                    snapshot: ingested.parsed.snapshot,
                    period_request: None,
                },
                facts: ingested.parsed.facts,
                personal: ingested.parsed.personal,
                wire: None,
                moved: false,
            },
            Err(failure) => LoadedFile {
                own_duplicates: 0,
                summary: SourceSummary {
                    file_id,
                    file_name: file_name.to_string(),
                    size_bytes,
                    format: failure.format,
                    state: SourceState::Error,
                    diagnostics: Diagnostics::default(),
                    error: Some(failure.error.message),
                    hint: Some(failure.error.hint),
                    mapping_request: failure.error.mapping_request,
                    reader: None,
                    locked: failure.error.locked,
                    snapshot: None,
                    period_request: failure
                        .error
                        .period_request
                        .map(|r| suggest_period(*r, file_name)),
                },
                facts: Facts::default(),
                personal: PersonalFacts::default(),
                wire: None,
                moved: false,
            },
        }
    }

    /// A file parsed elsewhere, from its encoded form (`engine::wire`), which it keeps.
    pub fn from_wire(bytes: Vec<u8>) -> Result<LoadedFile, super::wire::WireError> {
        let mut file: LoadedFile = super::wire::from_bytes(&bytes)?;
        file.wire = Some(bytes);
        Ok(file)
    }

    pub fn file_id(&self) -> u32 {
        self.summary.file_id
    }

    /// What the page shows about the file.
    pub fn summary(&self) -> &SourceSummary {
        &self.summary
    }

    /// Adds what is worked out from the whole file: the days its daily rows do not cover.
    pub(crate) fn note_gaps(&mut self) {
        if self.summary.error.is_none() {
            note_missing_days(&self.facts, &mut self.summary.diagnostics);
        }
    }

    /// Merges this file's facts into `merged`: moved out when its encoded form can give them
    /// again (decoded anew when they were moved out before), else copied.
    fn merge_into(&mut self, merged: &mut Facts) -> crate::engine::facts::MergeStats {
        let Some(bytes) = &self.wire else {
            return merged.merge(&self.facts);
        };
        let facts = if self.moved {
            super::wire::from_bytes::<LoadedFile>(bytes)
                .map(|file| file.facts)
                .unwrap_or_default()
        } else {
            self.moved = true;
            std::mem::take(&mut self.facts)
        };
        merged.merge_owned(facts)
    }

    /// Records which parse worker (1-based) read the file.
    pub fn set_reader(&mut self, reader: u32) {
        self.summary.reader = Some(reader);
    }
}

/// All loaded files and their merged facts.
#[derive(Default)]
pub struct Dataset {
    files: Vec<LoadedFile>,
    merged: Facts,
    /// Every personal export loaded, merged apart from the organisation's facts.
    personal: PersonalFacts,
    /// Who is who in `merged` and what the filters offer, worked out by the first Report after
    /// a change and kept for the next ones (a filter change rebuilds the Report, not these).
    basis: OnceCell<Rc<(People, FilterBasis)>>,
}

impl Dataset {
    /// Records the outcome of reading one file and merges its facts.
    pub fn add(
        &mut self,
        file_id: u32,
        file_name: &str,
        size_bytes: u64,
        outcome: Result<Ingested, IngestError>,
    ) {
        self.insert(LoadedFile::new(file_id, file_name, size_bytes, outcome));
    }

    /// Adds (or replaces) a file read elsewhere. Files merge in `file_id` order whatever order
    /// they arrive in, so the earlier file keeps a duplicated row. A new file that comes after
    /// every loaded one (the usual case) is merged alone; otherwise everything is merged again.
    pub fn insert(&mut self, file: LoadedFile) {
        let file_id = file.summary.file_id;
        let replaces = self.files.iter().any(|f| f.summary.file_id == file_id);
        let comes_last = self
            .files
            .last()
            .is_none_or(|f| f.summary.file_id < file_id);
        self.files.retain(|f| f.summary.file_id != file_id);
        let at = self
            .files
            .iter()
            .position(|f| f.summary.file_id > file_id)
            .unwrap_or(self.files.len());
        self.files.insert(at, file);
        self.basis.take();
        if comes_last && !replaces {
            let Dataset {
                files,
                merged,
                personal,
                ..
            } = self;
            if let Some(file) = files.last_mut() {
                merge_file(merged, personal, file);
            }
            self.refresh_notes();
        } else {
            self.rebuild();
        }
    }

    pub fn remove(&mut self, file_id: u32) {
        self.files.retain(|f| f.summary.file_id != file_id);
        self.rebuild();
    }

    pub fn clear(&mut self) {
        self.files.clear();
        self.merged = Facts::default();
        self.personal = PersonalFacts::default();
        self.basis.take();
    }

    pub fn facts(&self) -> &Facts {
        &self.merged
    }

    /// The people of the merged facts and the filters' basis, computed once per change.
    pub fn basis(&self) -> Rc<(People, FilterBasis)> {
        Rc::clone(self.basis.get_or_init(|| {
            let people = People::resolve(&self.merged);
            let basis = FilterBasis::of(&self.merged, &people);
            Rc::new((people, basis))
        }))
    }

    /// The personal exports' messages, for the "My usage" view only.
    pub fn personal(&self) -> &PersonalFacts {
        &self.personal
    }

    pub fn sources(&self) -> Vec<SourceSummary> {
        self.files.iter().map(|f| f.summary.clone()).collect()
    }

    pub fn has_format(&self, format: FormatId) -> bool {
        self.files
            .iter()
            .any(|f| f.summary.format == Some(format) && f.summary.state == SourceState::Done)
    }

    /// Merges every file again, in file order.
    fn rebuild(&mut self) {
        let mut merged = Facts::default();
        let mut personal = PersonalFacts::default();
        for file in &mut self.files {
            merge_file(&mut merged, &mut personal, file);
        }
        self.merged = merged;
        self.personal = personal;
        self.basis.take();
        self.refresh_notes();
    }

    /// The notes about one file that depend on which other files are loaded.
    fn refresh_notes(&mut self) {
        let usage_loaded = self.has_format(FormatId::CopilotUsageNdjson);
        for file in &mut self.files {
            let notes = &mut file.summary.diagnostics.notes;
            notes.retain(|n| n != TEAMS_WITHOUT_USAGE);
            if file.summary.format == Some(FormatId::CopilotUserTeamsNdjson) && !usage_loaded {
                notes.push(TEAMS_WITHOUT_USAGE.to_string());
            }
        }
    }
}

/// Merges one file's facts into the merged ones (after every file before it), and says in its
/// summary how many of its rows were already loaded from another file.
fn merge_file(merged: &mut Facts, personal: &mut PersonalFacts, file: &mut LoadedFile) {
    let stats = file.merge_into(merged);
    let personal_duplicates = personal.merge(&file.personal);
    let breakdowns = if breakdowns_within_records(file.summary.format) {
        stats.breakdown_duplicates
    } else {
        0
    };
    let others = stats.duplicates - breakdowns + personal_duplicates;
    let diagnostics = &mut file.summary.diagnostics;
    diagnostics.rows_duplicate = file.own_duplicates + others as u64;
    diagnostics.notes.retain(|n| !n.ends_with("count once."));
    if others > 0 {
        diagnostics.notes.push(format!(
            "{others} rows were already loaded from another file (same person and period) and count once."
        ));
    }
}

/// Formats whose breakdown rows (by IDE, feature, model…) are pushed only with a new record's
/// total row: a record already loaded from another file is one row, however many breakdown
/// rows it has (its rows are counted as records). Other formats' breakdown rows are rows of
/// their own (a Claude token row per model) or counted otherwise.
fn breakdowns_within_records(format: Option<FormatId>) -> bool {
    matches!(
        format,
        Some(
            FormatId::CopilotUsageNdjson
                | FormatId::CursorDailyUsageJson
                | FormatId::ChatgptAnalyticsUsageJson
        )
    )
}

/// Said of a user-teams file while no Copilot users usage file is loaded.
pub const TEAMS_WITHOUT_USAGE: &str = "No GitHub Copilot usage metrics users file (NDJSON) is loaded: these teams join to nobody's usage until you add the 1-day users report of the same days.";

/// Counts the days without any row inside a daily source's span.
fn note_missing_days(facts: &crate::engine::facts::Facts, diagnostics: &mut Diagnostics) {
    let days = facts.daily_days();
    let (Some(first), Some(last)) = (days.first(), days.last()) else {
        return;
    };
    let mut expected = *first;
    let mut present = days.iter().peekable();
    while expected <= *last {
        if present.peek() == Some(&&expected) {
            present.next();
        } else {
            diagnostics.missing_days += 1;
            if diagnostics.missing_examples.len() < 5 {
                diagnostics.missing_examples.push(expected);
            }
        }
        expected = expected.plus(1);
    }
    diagnostics.cover(crate::engine::date::DaySpan::new(*first, *last));
    if diagnostics.missing_days > 0 {
        let examples: Vec<String> = diagnostics
            .missing_examples
            .iter()
            .map(ToString::to_string)
            .collect();
        diagnostics.note(format!(
            "{} days between {first} and {last} have no rows (e.g. {}): a gap in the export, or a day without any use. They are shown as gaps, never as zero.",
            diagnostics.missing_days,
            examples.join(", ")
        ));
    }
}

/// Offers the days written in the file name as the answer to a period request: two days are
/// a range, one day ends the period (a download day, or a range's last day).
fn suggest_period(mut request: PeriodRequest, file_name: &str) -> PeriodRequest {
    let days = super::date::days_in_name(file_name);
    let (first, last) = match days.as_slice() {
        [first, .., last] if first <= last => (*first, *last),
        [last] if request.fixed_days.is_some() => (*last, *last),
        _ => return request,
    };
    request.suggested = request.period(first, last);
    request
}
