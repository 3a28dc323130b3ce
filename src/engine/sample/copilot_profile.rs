//! The fixed shape of Copilot in the sample (features, IDEs and their versions, models with
//! their premium multipliers, languages per team) and each seat holder's habits.

use super::date::SNAPSHOT;
use super::org::ENGINEERING;
use super::people::Person;
use super::rng::Rng;
use super::tools::Tools;

pub(super) const FEATURES: [&str; 6] = [
    "code_completion",
    "chat_panel_ask_mode",
    "chat_panel_agent_mode",
    "chat_panel_edit_mode",
    "chat_inline",
    "copilot_cli",
];
pub(super) const COMPLETION: usize = 0;
pub(super) const AGENT: usize = 2;
pub(super) const CLI: usize = 5;
/// IDE key, editor name, versions, plugin, plugin versions.
pub(super) type Ide = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static [&'static str],
);
#[rustfmt::skip]
pub(super) const IDES: [Ide; 4] = [
    ("vscode", "vscode", &["1.105.1", "1.106.0", "1.106.2"], "copilot-chat", &["0.32.4", "0.33.0", "0.33.1"]),
    ("jetbrains", "JetBrains-IU", &["252.26830.84", "253.28294.334"], "copilot-intellij", &["1.5.59", "1.5.62"]),
    ("visualstudio", "VisualStudio", &["17.14.19", "18.0.1"], "copilot-vs", &["17.14.1145", "18.0.471"]),
    ("neovim", "Neovim", &["0.11.4", "0.11.5"], "copilot.vim", &["1.54.0", "1.55.1"]),
];
/// Model id in the metrics, name in the billing report, premium multiplier in tenths.
pub(super) const MODELS: [(&str, &str, i64); 7] = [
    ("claude-sonnet-4.6", "Claude Sonnet 4.6", 10),
    ("gpt-5.4", "GPT-5.4", 10),
    ("auto", "Auto: Claude Sonnet 4.6", 9),
    ("gpt-4.1", "GPT-4.1", 0),
    ("gpt-5-mini", "GPT-5 mini", 0),
    ("claude-opus-4.6", "Claude Opus 4.6", 30),
    ("gemini-3-pro", "Gemini 3 Pro", 10),
];
/// The code completion model (index into `MODELS`).
pub(super) const COMPLETION_MODEL: usize = 3;
/// Billing rows that are not a chat model: (sku, model name).
pub(super) const CODE_REVIEW: (&str, &str) = ("copilot_premium_request", "Code Review model");
pub(super) const CODING_AGENT: (&str, &str) =
    ("coding_agent_premium_request", "Coding Agent model");
const LANGUAGES: [&[&str]; 6] = [
    &["go", "python", "yaml"],
    &["kotlin", "swift", "typescript"],
    &["typescript", "javascript", "css"],
    &["python", "sql", "yaml"],
    &["hcl", "go", "shell"],
    &["python", "powershell", "sql", "markdown"],
];
pub(super) const CLI_VERSIONS: [&str; 3] = ["0.0.354", "0.0.361", "1.0.2"];

/// A seat holder's habits.
pub(super) struct Profile {
    pub ide: usize,
    pub second_ide: Option<usize>,
    pub ide_version: usize,
    pub cli_version: usize,
    /// Unix seconds of the last use before the last 4 weeks (lapsed seats), if retained.
    pub earlier_use: Option<i64>,
    /// Unix seconds of the last sign-in when the seat was never used (if any).
    pub signed_in: Option<i64>,
    pub habit: f64,
    pub intensity: f64,
    pub accept: f64,
    /// Chance of using each feature on an active day (0: never).
    pub features: [f64; 6],
    pub languages: &'static [&'static str],
    pub models: [usize; 2],
    pub reviewer: bool,
    pub agent_user: bool,
}

pub(super) fn profiles(seed: u64, people: &[Person], tools: &Tools) -> Vec<Profile> {
    let mut rng = Rng::new(seed, 9);
    tools
        .copilot
        .iter()
        .map(|s| {
            let p = people.get(s.person);
            let eng = p.is_some_and(|p| p.dept == ENGINEERING);
            let team = p.map_or(0, |p| p.team);
            let ide = rng.weighted(&[70.0, 22.0, 5.0, 3.0]);
            let f = |rng: &mut Rng, chance: f64, use_p: f64| {
                if rng.chance(chance) {
                    use_p
                } else {
                    0.0
                }
            };
            let features = [
                f(&mut rng, if eng { 0.95 } else { 0.6 }, 0.95),
                f(&mut rng, if eng { 0.7 } else { 0.85 }, 0.6),
                f(&mut rng, if eng { 0.55 } else { 0.3 }, 0.6),
                f(&mut rng, 0.2, 0.3),
                f(&mut rng, 0.35, 0.4),
                f(&mut rng, if eng { 0.2 } else { 0.1 }, 0.5),
            ];
            let days_ago = rng.range(31, 120);
            let earlier = (SNAPSHOT - days_ago) * 86_400 + rng.range(28_800, 64_800);
            Profile {
                ide,
                second_ide: rng.chance(0.08).then_some(usize::from(ide == 0)),
                ide_version: rng.index(3),
                cli_version: rng.index(CLI_VERSIONS.len()),
                earlier_use: (days_ago <= 90 && SNAPSHOT - days_ago > s.created).then_some(earlier),
                signed_in: rng.chance(0.3).then(|| {
                    (s.created + rng.range(0, 3)).min(SNAPSHOT) * 86_400 + rng.range(30_000, 60_000)
                }),
                habit: rng.between(0.45, 0.95),
                intensity: rng.between(0.4, 1.8),
                accept: rng.between(0.2, 0.38),
                features,
                languages: if eng {
                    LANGUAGES[team.min(4)]
                } else {
                    LANGUAGES[5]
                },
                models: [pick_model(&mut rng), pick_model(&mut rng)],
                reviewer: rng.chance(if eng { 0.4 } else { 0.05 }),
                agent_user: eng && rng.chance(0.1),
            }
        })
        .collect()
}

fn pick_model(rng: &mut Rng) -> usize {
    rng.weighted(&[35.0, 20.0, 15.0, 10.0, 8.0, 7.0, 5.0])
}
