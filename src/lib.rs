//! # Uptake: the architecture map
//!
//! Uptake turns the native usage exports of AI tools into adoption dashboards, entirely inside
//! the browser. One crate, three parts, one direction of flow:
//!
//! ```text
//!  File ──► worker (src/worker) ──► engine (src/engine) ──► Report ──► page (src/ui)
//!           reads 8 MiB slices      detect → sources/<format>         aggregate,   renders figures,
//!           with FileReaderSync     (hash ids as parsed) → facts →    pseudonymous charts, tables
//!                                   dataset → metrics → report
//! ```
//!
//! ## Code map
//!
//! - [`engine`]: pure Rust, no browser, no I/O, no clock; builds and tests natively.
//!   - `ingest`: the front door (peek, detect, decode, hand the stream to the format's parser).
//!   - `memory_budget`: the stream wrapper that stops a file whose read needs too much memory.
//!   - `detect`: recognises a file by its CSV header or its first JSON record, never its name.
//!   - `text`: byte-order marks, UTF-16 and Windows-1252 into UTF-8.
//!   - `zip/`: a streaming zip reader and DEFLATE decoder (`inflate`), so the ChatGPT personal
//!     export can be dropped as the `.zip` it arrives in; other zips are refused by name.
//!   - `sources/registry.rs`: every supported format, in detection order. One module per native
//!     export, named `<vendor>_<format>.rs` (`chatgpt_users_csv`, `copilot_seats_json`,
//!     `hris`…), plus what they share: `csv_table` (columns by name), `records` (streamed JSON
//!     records: NDJSON, arrays, pages), `json_rows` (the JSON parse loop; `JsonStr` borrows a
//!     record's strings), `values` (lenient cell readers), `tallies` (what a parser counts
//!     over the whole file and says once it is read), `copilot_common` and
//!     `chatgpt_compliance_common`; `mapping`: the column
//!     mapper's question and answer (`MappingRequest` → `ColumnMapping`) for the formats whose
//!     columns can be chosen by hand (HRIS roster, Claude Code analytics table).
//!   - `identity`: the org key, HMAC-SHA256 pseudonyms (key blocks absorbed once, each
//!     distinct identifier hashed once per file), key files and passphrases.
//!   - `facts/`: canonical fact tables (`PeriodActivity`, `DailyActivity`, `MessageEvent`,
//!     `Seat`, `OrgDaily`, `TeamMembership`, `UsageCharge`, `AssetPeriod`, `PersonRecord`,
//!     `PeriodApp`: per-app counts of a period row, `HourlyUse`: a person's actions per UTC
//!     hour from Cursor usage events and Gemini audit activities, for Timing),
//!     each with its de-duplication key (`keys`); `dataset` keeps them per file and merged (a
//!     file that comes after every loaded one is merged alone; a removal merges everything
//!     again). A file from a parse worker is kept as the bytes it came in: its facts are moved
//!     into the merged ones (`Facts::merge_owned`) and decoded again only to merge again.
//!     `PersonalMessage` (a personal ChatGPT export) is a table apart, never merged into the
//!     organisation's facts: it feeds only `metrics::my_usage`.
//!   - `query`: the date range and department / team / tool filters; narrows the facts before
//!     any metric (copying only the rows kept), and refuses a filter that isolates fewer people
//!     than the group-size floor; the grain (hour, day, week, month) trends are cut by. What
//!     every filter starts from (people, their groups, tools, days: `FilterBasis`) is worked
//!     out once per change of the loaded files (`Dataset::basis`), not once per filter.
//!   - `metrics/`: people linking (`people`), weeks (`weeks`), adoption per person and week
//!     (`adoption`), activity per tool (`activity`) and cross-tool figures (`tools`),
//!     departments with the group-size floor (`departments`, `privacy`), and the definition of
//!     every headline figure (`definitions`), the buckets of every trend at the page's grain
//!     (`trend`), AI-active people per bucket across tools (`activity_series`), sessions
//!     (`sessions`). `context::Ctx` is what every view reads, built once per Report with the
//!     indexes that keep a Report from re-reading every fact for every window: who was active
//!     on which tool by day (`activity_index`), person-day rows, organisation days and events
//!     by day (`day_index`), the ChatGPT adoption rows by period start (`adoption`), and each
//!     week's person rows and power users computed once; one
//!     module per dashboard section builds it from there: `funnel`, `tokens`, `depth`,
//!     `prompts`, `models`, `department_usage`, `licences`, `concentration` (power users),
//!     `codex`, `copilot`, `overlap` (cross-tool), `credits`, `timing`, `people_table`,
//!     `history` (cohorts month over month across merged snapshots, seat to first use),
//!     `my_usage` (one person's own use, from their personal export only), and
//!     one view per tool without its own section before: `claude_code`, `cursor`,
//!     `m365_copilot`, `gemini`, all of the shape `tool_view::ToolView` (figures, trend,
//!     tables, needs, action; `tool_view` also holds their department-table helpers).
//!   - `report`: the `Report`, the one serialisable boundary to the page.
//!   - `snapshot/`: the `uptake.snapshot` file (merged facts, settings, key fingerprint), a
//!     reader for every version ever written, the sealed (passphrase) header, and the base64
//!     a standalone report carries it in; `sources/uptake_snapshot.rs` loads one like any
//!     export. `export`: a table as CSV (formula cells neutralised) or JSON.
//!   - `wire`: a compact binary serde encoding, for a parse worker's facts.
//!   - `split`: one large file read in parts by several parse workers: where to cut (a CSV at
//!     line starts after the header, which every later part gets in front; NDJSON between a
//!     `}` and a `{` that end and start lines), the scan that proves a CSV cut fell between
//!     rows (every line's quotes balanced), and the join that turns the parts' outcomes into
//!     exactly one whole read's (facts, counts, line numbers, notes); formats whose parser
//!     reads row by row or record by record (`split::splittable`). What a parser says of a
//!     whole file is tallied apart (`sources/tallies.rs`) and said once the file, or all its
//!     parts, is read (`ingest::settle`).
//!   - `sample/`: the deterministic sample organisation, as native export files of every tool
//!     (HRIS, ChatGPT, Codex, Copilot; `more_tools` says who uses Claude Code, Cursor,
//!     Microsoft 365 Copilot and Gemini, written by `claude_code`, `cursor`, `m365`, `gemini`).
//! - [`worker`]: the page ↔ worker messages (`Request`, `Reply`), the worker's event loop
//!   (`runtime`, which also generates the sample organisation), the parse workers it hands
//!   files to (`pool`) and what it does with what they send back (`pool_events`), what a parse
//!   worker itself does (`helper`: read a file or a part, join parts), a large file cut into one
//!   part per parse worker (`parts`), the `File` reader (`file_reader`), saving and unlocking snapshots
//!   (`snapshots`) with Web Crypto's PBKDF2 and AES-GCM (`crypto`).
//! - [`ui`]: the Leptos app: `state` (session, settings, view, query), `fragment` (view and
//!   filters in the URL fragment), `worker_client`, `key` (the org key in the browser),
//!   `components/` (drop zone, file list, the column mapper ("Read as:" and one drop-down per
//!   field of any mappable format), nav, filter bar, cards, view frame, chart
//!   canvas (each chart drawn in a task of its own), `lazy_details` (a chart's data table,
//!   built when first opened), the period asker for files without dates, `empty_state`: the
//!   first-visit guide and the note shown while the first files are read), `charts/` (a `ChartSpec` drawn as lines, bars, scatter or heatmap, with legend,
//!   readout and data table; `png` redraws one at 2× for export) and
//!   `dashboards/<name>/{mod.rs, model.rs}`, one per view (`history`: cohorts and seat to
//!   first use; `report`: the print-ready report; `claude_code`, `cursor`, `m365_copilot`,
//!   `gemini`: thin views over the shared `tool_view` dashboard). `components/takeaway` (snapshot, print,
//!   standalone report), `table_tools` (CSV / JSON of a table), `snapshot_controls`;
//!   `page_timing`: how long the page spends on each Report, for the benchmark;
//!   `one_file`: the one-file build's globals (its `blob:` worker, its own source, the
//!   snapshot a standalone report carries).
//! - `scripts/one_file.py` (a trunk post-build hook) inlines the build into `dist/uptake.html`.
//! - `src/main.rs` mounts the app; `src/bin/worker.rs` starts the worker loop. Nothing else.
//!
//! ## Invariants
//!
//! - The engine names no browser or UI crate and does no I/O (`tests/engine_purity.rs`).
//! - No raw identifier or message text reaches a fact table, the Report, the DOM or storage:
//!   parsers hash identifiers where they read them (`tests/privacy.rs`, the browser tests).
//! - The UI never parses and never computes a metric; it renders the `Report`.
//! - Every breakdown by an HR attribute obeys the minimum group size (`metrics::privacy`).
//! - No input panics or buffers without bound: a CSV line over 1 MiB (`csv_table::LINE_MAX`)
//!   or a JSON record over 64 MB (`records::RECORD_MAX`) stops the read with a message, and
//!   every message names the place, what was found and what to do (`tests/bad_files.rs`).
//! - One file's read may add at most `memory_budget::FILE_MEMORY_BUDGET` to its worker's
//!   memory: checked every megabyte read in `ingest` (not per row), past it the file is refused
//!   with how far it got (`tests/memory_budget.rs`). A parse worker that traps anyway (out of
//!   memory, or a panic) fails only its file, with what to do, and is replaced (`pool::Crash`).
//! - Rows dated after today (the page's clock, passed in as `IngestOptions::today`) are
//!   skipped and counted in the file's note, by every parser but the HRIS roster and the
//!   snapshot (`Diagnostics::after_today`; `tests/future_dates.rs` reads every fixture so).
//! - No network request after load: the page's Content-Security-Policy forbids other origins
//!   and the browser tests watch every request, the worker's included.

pub mod engine;
pub mod ui;
pub mod worker;
