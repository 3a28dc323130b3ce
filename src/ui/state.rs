//! The page's state, split by responsibility and provided as contexts: the loaded session
//! (what the worker said), the settings (remembered in the browser), and the current view.

use crate::engine::settings::Settings;
use crate::engine::Report;
use leptos::prelude::*;

/// A file sent to the worker and not yet answered for.
#[derive(Clone, Debug, PartialEq)]
pub struct ReadingFile {
    pub file_id: u32,
    pub file_name: String,
    pub size_bytes: u64,
    pub bytes_read: u64,
}

/// What the worker has told the page.
#[derive(Clone, Copy)]
pub struct Session {
    pub report: RwSignal<Option<Report>>,
    pub reading: RwSignal<Vec<ReadingFile>>,
    pub worker_ready: RwSignal<bool>,
    pub key_fingerprint: RwSignal<String>,
    pub problem: RwSignal<Option<String>>,
    next_file_id: RwSignal<u32>,
}

impl Session {
    pub fn new() -> Self {
        Session {
            report: RwSignal::new(None),
            reading: RwSignal::new(Vec::new()),
            worker_ready: RwSignal::new(false),
            key_fingerprint: RwSignal::new(String::new()),
            problem: RwSignal::new(None),
            next_file_id: RwSignal::new(1),
        }
    }

    pub fn new_file_id(&self) -> u32 {
        let id = self.next_file_id.get_untracked();
        self.next_file_id.set(id + 1);
        id
    }

    /// What the content area can show: the first-visit guide, a note that the first files are
    /// being read, or the dashboards.
    pub fn stage(&self) -> Stage {
        let reading = self.reading.with(|r| !r.is_empty());
        let merged = self
            .report
            .with(|r| r.as_ref().is_some_and(|r| !r.sources.is_empty()));
        match (merged, reading) {
            (true, _) => Stage::Loaded,
            (false, true) => Stage::FirstRead,
            (false, false) => Stage::Empty,
        }
    }
}

/// See [`Session::stage`]. The shell re-renders the content only when this changes, not on
/// every progress update of a file being read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Empty,
    FirstRead,
    Loaded,
}

impl Default for Session {
    fn default() -> Self {
        Self::new()
    }
}

/// The analyst's settings, remembered in `localStorage` (settings only, never data).
#[derive(Clone, Copy)]
pub struct SettingsState {
    pub settings: RwSignal<Settings>,
}

/// The date range and filters (mirrored in the URL fragment).
#[derive(Clone, Copy)]
pub struct QueryState {
    pub query: RwSignal<crate::engine::query::Query>,
}

/// Bumped when the window is resized, so charts redraw at their new size.
#[derive(Clone, Copy)]
pub struct Viewport {
    pub resized: RwSignal<u32>,
}

/// The dashboards, each with its own URL fragment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Overview,
    Tokens,
    Sessions,
    Prompts,
    Models,
    Departments,
    Licences,
    PowerUsers,
    Codex,
    Copilot,
    ClaudeCode,
    Cursor,
    M365Copilot,
    Gemini,
    CrossTool,
    Credits,
    Timing,
    People,
    History,
    Data,
    Report,
    Settings,
    MyUsage,
}

impl View {
    pub const ALL: [View; 23] = [
        View::Overview,
        View::Tokens,
        View::Sessions,
        View::Prompts,
        View::Models,
        View::Departments,
        View::Licences,
        View::PowerUsers,
        View::Codex,
        View::Copilot,
        View::ClaudeCode,
        View::Cursor,
        View::M365Copilot,
        View::Gemini,
        View::CrossTool,
        View::Credits,
        View::Timing,
        View::People,
        View::History,
        View::Data,
        View::Report,
        View::Settings,
        View::MyUsage,
    ];

    pub fn id(self) -> &'static str {
        match self {
            View::Overview => "overview",
            View::Tokens => "tokens",
            View::Sessions => "sessions",
            View::Prompts => "prompts",
            View::Models => "models",
            View::Departments => "departments",
            View::Licences => "licences",
            View::PowerUsers => "power-users",
            View::Codex => "codex",
            View::Copilot => "copilot",
            View::ClaudeCode => "claude-code",
            View::Cursor => "cursor",
            View::M365Copilot => "m365-copilot",
            View::Gemini => "gemini",
            View::CrossTool => "cross-tool",
            View::Credits => "credits",
            View::Timing => "timing",
            View::People => "people",
            View::History => "history",
            View::Data => "data",
            View::Report => "report",
            View::Settings => "settings",
            View::MyUsage => "my_usage",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            View::Overview => "Overview",
            View::Tokens => "Tokens by team",
            View::Sessions => "Session depth",
            View::Prompts => "Prompt quality",
            View::Models => "Model mix",
            View::Departments => "Departments",
            View::Licences => "Licences & cost",
            View::PowerUsers => "Power users",
            View::Codex => "Codex",
            View::Copilot => "Copilot",
            View::ClaudeCode => "Claude Code",
            View::Cursor => "Cursor",
            View::M365Copilot => "M365 Copilot",
            View::Gemini => "Gemini",
            View::CrossTool => "Cross-tool",
            View::Credits => "Credits & budget",
            View::Timing => "Timing",
            View::People => "People",
            View::History => "History",
            View::Data => "Data",
            View::Report => "Print report",
            View::Settings => "Settings & key",
            View::MyUsage => "My usage",
        }
    }

    /// The nav's groups, in order, with their views.
    pub const GROUPS: [(&'static str, &'static [View]); 7] = [
        (
            "Adoption",
            &[
                View::Overview,
                View::Departments,
                View::CrossTool,
                View::History,
                View::People,
            ],
        ),
        (
            "Depth",
            &[
                View::Sessions,
                View::Prompts,
                View::Models,
                View::Timing,
                View::PowerUsers,
            ],
        ),
        ("Cost", &[View::Licences, View::Tokens, View::Credits]),
        (
            "Coding",
            &[View::Codex, View::Copilot, View::ClaudeCode, View::Cursor],
        ),
        ("Workplace", &[View::M365Copilot, View::Gemini]),
        ("Data", &[View::Data, View::Report, View::Settings]),
        // Shown only while a personal export is loaded (see `components::nav`).
        ("You", &[View::MyUsage]),
    ];

    /// The view named by a URL fragment (`#overview`); Overview by default.
    pub fn from_fragment(fragment: &str) -> View {
        let id = fragment.trim_start_matches('#').trim_start_matches('/');
        View::ALL
            .into_iter()
            .find(|v| v.id() == id)
            .unwrap_or(View::Overview)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_view_is_in_one_nav_group() {
        for v in View::ALL {
            let groups = View::GROUPS
                .iter()
                .filter(|(_, views)| views.contains(&v))
                .count();
            assert_eq!(groups, 1, "{v:?}");
        }
    }

    #[test]
    fn the_content_stage_follows_the_files_read_and_the_sources_merged() {
        let owner = Owner::new();
        owner.set();
        let session = Session::new();
        assert_eq!(session.stage(), Stage::Empty);
        let reading = ReadingFile {
            file_id: 1,
            file_name: "users.csv".into(),
            size_bytes: 100,
            bytes_read: 0,
        };
        session.reading.set(vec![reading.clone()]);
        assert_eq!(session.stage(), Stage::FirstRead);
        // The worker's Report before any file is merged has no source: still the first read.
        let mut dataset = crate::engine::dataset::Dataset::default();
        let report = |d: &crate::engine::dataset::Dataset| {
            crate::engine::metrics::build_report(d, &Settings::default(), "")
        };
        session.report.set(Some(report(&dataset)));
        assert_eq!(session.stage(), Stage::FirstRead);
        // A file that could not be read is a source too: its row and message are shown.
        dataset.add(
            1,
            "users.csv",
            100,
            Err(crate::engine::ingest::IngestError {
                format: None,
                error: crate::engine::sources::FileError::new("Not recognised.", "Try another."),
            }),
        );
        session.report.set(Some(report(&dataset)));
        assert_eq!(session.stage(), Stage::Loaded);
        // More files read on top of merged ones: the dashboards stay.
        session.reading.set(vec![reading]);
        assert_eq!(session.stage(), Stage::Loaded);
        session.reading.set(Vec::new());
        session.report.set(Some(report(&Default::default())));
        assert_eq!(session.stage(), Stage::Empty);
    }

    #[test]
    fn fragments_name_views() {
        assert_eq!(View::from_fragment("#data"), View::Data);
        assert_eq!(View::from_fragment("#/settings"), View::Settings);
        assert_eq!(View::from_fragment(""), View::Overview);
        assert_eq!(View::from_fragment("#unknown"), View::Overview);
    }
}
