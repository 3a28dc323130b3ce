//! Who uses the organisation's other AI tools, and on which days: Claude Code and Cursor
//! (engineering, heavy, many people on both and on Copilot), a Microsoft 365 Copilot pilot in
//! Sales, Finance and People (licences in three waves, uneven use, some never used), and Gemini
//! in Workspace used lightly by a few teams (Brand, Content, Onboarding, Talent Acquisition).
//!
//! Each tool user has a first day (adoption spread over the 8 weeks, so weekly actives rise)
//! and a habit (chance of using the tool on a working day). Days are drawn only while the
//! person works (hired, not left, not on leave). The files of [`super::claude_code`],
//! [`super::cursor`], [`super::m365`] and [`super::gemini`] are written from these days.

use super::date::{days_from_civil, weekday, SNAPSHOT};
use super::org::{DEPTS, ENGINEERING};
use super::people::{Person, Role};
use super::rng::Rng;
use super::tools::{Tools, CODEX_FIRST};

/// First day of the Claude Code, Cursor and Gemini files (8 weeks, a Sunday; as Codex).
pub(super) const MORE_FIRST: i64 = CODEX_FIRST;

/// Sales, Finance and People: the Microsoft 365 Copilot pilot departments.
const PILOT: [(&str, f64); 3] = [("Sales", 0.3), ("Finance", 0.34), ("People", 0.3)];
/// The pilot's licence waves (Mondays) and the share of licences in each.
const M365_WAVES: [(i64, f64); 3] = [
    (days_from_civil(2026, 7, 20), 0.55),
    (days_from_civil(2026, 9, 7), 0.3),
    (days_from_civil(2026, 10, 19), 0.15),
];
/// The Microsoft 365 Copilot report's refresh dates: one export a month (Saturdays).
pub(super) const M365_REFRESH: [i64; 4] = [
    days_from_civil(2026, 8, 15),
    days_from_civil(2026, 9, 12),
    days_from_civil(2026, 10, 17),
    SNAPSHOT,
];
/// The report's apps, in its column order.
pub(super) const M365_APPS: [&str; 8] = [
    "Microsoft Teams",
    "Word",
    "Excel",
    "PowerPoint",
    "Outlook",
    "OneNote",
    "Loop",
    "Copilot Chat",
];

/// Claude Code and Cursor: share of each Engineering team (Platform, Mobile, Web, Data,
/// Infrastructure) using the tool.
const CLAUDE_TEAMS: [f64; 5] = [0.6, 0.25, 0.35, 0.6, 0.55];
const CURSOR_TEAMS: [f64; 5] = [0.3, 0.6, 0.65, 0.3, 0.2];
/// Weight of each of the 8 weeks as a first week (early adopters, then a steady trickle).
const CLAUDE_START: [f64; 8] = [4.0, 2.0, 2.0, 1.5, 1.5, 1.0, 1.0, 0.5];
const CURSOR_START: [f64; 8] = [3.0, 2.0, 2.0, 2.0, 1.5, 1.0, 1.0, 1.0];
const GEMINI_START: [f64; 8] = [2.0, 1.0, 1.0, 1.0, 1.5, 1.5, 1.0, 1.0];
/// Titles outside Engineering that use Claude Code; Cursor's designers.
const CLAUDE_TITLES: [&str; 2] = ["Systems Administrator", "Technical Support Engineer"];
const CURSOR_TITLES: [&str; 1] = ["Designer"];
/// Gemini teams (department, team) and the share of each using it.
const GEMINI_TEAMS: [(&str, &str, f64); 4] = [
    ("Marketing", "Brand", 0.6),
    ("Marketing", "Content", 0.6),
    ("Customer Support", "Onboarding", 0.45),
    ("People", "Talent Acquisition", 0.35),
];
/// Share of the people with one of those titles who use the tool.
const OTHERS_SHARE: f64 = 0.35;
/// Share of a tool's users who try it and drop it.
const DROPPED: f64 = 0.125;
/// Engineers with a Cursor seat who have not used it yet.
const CURSOR_IDLE: usize = 6;

/// One person using one tool.
pub(super) struct ToolUser {
    pub person: usize,
    /// Days of use, ascending.
    pub days: Vec<i64>,
    /// Relative amount of work on a day (1.0 typical).
    pub intensity: f64,
}

/// One Microsoft 365 Copilot licence.
pub(super) struct M365Seat {
    pub person: usize,
    /// Day the licence was assigned.
    pub licensed: i64,
    /// Per day of use, the apps used (indices into `M365_APPS`), ascending by day.
    pub days: Vec<(i64, Vec<usize>)>,
}

pub(super) struct MoreTools {
    pub claude: Vec<ToolUser>,
    pub cursor: Vec<ToolUser>,
    /// People with a Cursor seat and no use (their rows say `isActive: false`).
    pub cursor_idle: Vec<usize>,
    pub m365: Vec<M365Seat>,
    pub gemini: Vec<ToolUser>,
}

pub(super) fn more_tools(seed: u64, people: &[Person], tools: &Tools) -> MoreTools {
    let mut rng = Rng::new(seed, 20);
    let settled = |i: usize| {
        people[i].hire_day < MORE_FIRST + 28 && tools.away.get(i).is_some_and(|&a| a > MORE_FIRST)
    };
    let engineers = |rng: &mut Rng, shares: &[f64; 5], titles: &[&str]| -> Vec<usize> {
        (0..people.len())
            .filter(|&i| settled(i))
            .filter(|&i| {
                let p = &people[i];
                if p.dept == ENGINEERING {
                    rng.chance(shares.get(p.team).copied().unwrap_or(0.3))
                } else {
                    titles.contains(&p.title) && rng.chance(OTHERS_SHARE)
                }
            })
            .collect()
    };
    let claude_people = engineers(&mut rng, &CLAUDE_TEAMS, &CLAUDE_TITLES);
    let cursor_people = engineers(&mut rng, &CURSOR_TEAMS, &CURSOR_TITLES);
    let claude = users(
        &mut rng,
        people,
        tools,
        &claude_people,
        &CLAUDE_START,
        (0.45, 0.9),
    );
    let cursor = users(
        &mut rng,
        people,
        tools,
        &cursor_people,
        &CURSOR_START,
        (0.5, 0.95),
    );
    let mut idle: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].dept == ENGINEERING && settled(i))
        .filter(|i| !cursor_people.contains(i) && tools.away[*i] == i64::MAX)
        .collect();
    rng.shuffle(&mut idle);
    idle.truncate(CURSOR_IDLE);
    idle.sort_unstable();

    let gemini_people: Vec<usize> = (0..people.len())
        .filter(|&i| settled(i))
        .filter(|&i| {
            let p = &people[i];
            let team = DEPTS[p.dept].teams.get(p.team).copied().unwrap_or("");
            GEMINI_TEAMS
                .iter()
                .find(|(d, t, _)| *d == DEPTS[p.dept].name && *t == team)
                .is_some_and(|&(_, _, share)| rng.chance(share))
        })
        .collect();
    let gemini = users(
        &mut rng,
        people,
        tools,
        &gemini_people,
        &GEMINI_START,
        (0.1, 0.35),
    );
    let m365 = m365_seats(&mut rng, people, tools);
    MoreTools {
        claude,
        cursor,
        cursor_idle: idle,
        m365,
        gemini,
    }
}

/// Each person's first week (weighted), habit (uniform in `habit`) and days of use.
fn users(
    rng: &mut Rng,
    people: &[Person],
    tools: &Tools,
    who: &[usize],
    start: &[f64; 8],
    habit: (f64, f64),
) -> Vec<ToolUser> {
    who.iter()
        .filter_map(|&i| {
            let first = MORE_FIRST + 7 * rng.weighted(start) as i64 + rng.range(0, 4);
            let habit = rng.between(habit.0, habit.1);
            let intensity = rng.between(0.5, 1.6);
            // One in eight tries the tool for two to four weeks and drops it.
            let last = if rng.chance(DROPPED) {
                (first + rng.range(14, 28)).min(SNAPSHOT)
            } else {
                SNAPSHOT
            };
            let mut days: Vec<i64> = (first.max(people[i].hire_day)..=last)
                .filter(|&d| tools.works(people, i, d))
                .filter(|&d| {
                    let weekend = matches!(weekday(d), 0 | 6);
                    rng.chance(if weekend { 0.04 } else { habit })
                })
                .collect();
            // Whoever took the tool up used it on their first working day.
            if days.is_empty() {
                let day = (first..=SNAPSHOT).find(|&d| tools.works(people, i, d))?;
                days.push(day);
            }
            Some(ToolUser {
                person: i,
                days,
                intensity,
            })
        })
        .collect()
}

/// How a pilot user takes to Microsoft 365 Copilot.
#[derive(Clone, Copy, PartialEq)]
enum Uptake {
    /// Never opened it.
    Never,
    /// Tried it in the first weeks, then stopped.
    Tried,
    Regular,
}

fn m365_seats(rng: &mut Rng, people: &[Person], tools: &Tools) -> Vec<M365Seat> {
    let mut out = Vec::new();
    for (i, p) in people.iter().enumerate() {
        let dept = DEPTS[p.dept].name;
        let Some(&(_, share)) = PILOT.iter().find(|(d, _)| *d == dept) else {
            continue;
        };
        // Department heads are in the pilot; others by chance.
        if p.role != Role::Head && !rng.chance(share) {
            continue;
        }
        let wave = M365_WAVES[rng.weighted(&M365_WAVES.map(|w| w.1))].0;
        let licensed = wave.max(p.hire_day + 7) + rng.range(0, 3);
        if licensed >= SNAPSHOT - 2 || tools.away[i] <= licensed {
            continue;
        }
        let uptake = match rng.f64() {
            r if r < 0.16 => Uptake::Never,
            r if r < 0.28 => Uptake::Tried,
            _ => Uptake::Regular,
        };
        let habit = rng.between(0.2, 0.7);
        let apps = known_apps(dept, rng);
        let mut days = Vec::new();
        if uptake != Uptake::Never {
            let stop = if uptake == Uptake::Tried {
                licensed + rng.range(7, 21)
            } else {
                SNAPSHOT
            };
            for d in licensed..=stop.min(SNAPSHOT) {
                if matches!(weekday(d), 0 | 6) || !tools.works(people, i, d) {
                    continue;
                }
                // Use grows over the first six weeks with a licence.
                let ramp = (0.4 + (d - licensed) as f64 / 70.0).min(1.0);
                if !rng.chance(habit * ramp) {
                    continue;
                }
                let mut used: Vec<usize> =
                    apps.iter().copied().filter(|_| rng.chance(0.45)).collect();
                if used.is_empty() {
                    used.extend(rng.pick(&apps).copied());
                }
                days.push((d, used));
            }
        }
        out.push(M365Seat {
            person: i,
            licensed,
            days,
        });
    }
    out
}

/// The apps a person uses Copilot in at all: Teams, Outlook and Copilot Chat for most, Word
/// for some, Excel mostly in Finance, PowerPoint mostly in Sales, OneNote and Loop rarely. On a
/// day of use each of them is used with the same chance, so app use stays uneven.
fn known_apps(dept: &str, rng: &mut Rng) -> Vec<usize> {
    let excel = if dept == "Finance" { 0.8 } else { 0.15 };
    let powerpoint = if dept == "Sales" { 0.6 } else { 0.1 };
    let chances = [0.85, 0.45, excel, powerpoint, 0.75, 0.08, 0.04, 0.8];
    let mut apps: Vec<usize> = (0..M365_APPS.len())
        .filter(|&a| rng.chance(chances[a]))
        .collect();
    if apps.is_empty() {
        apps.push(7);
    }
    apps
}
