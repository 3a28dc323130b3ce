//! Who uses the developer tools: GitHub logins, the Codex users (ChatGPT seat holders, most
//! of them engineers) and the Copilot seat holders (most engineers and a few technical
//! people elsewhere, some without any ChatGPT seat), and when each person can work.

use std::collections::BTreeSet;

use super::date::{days_from_civil, period_start, SNAPSHOT};
use super::org::ENGINEERING;
use super::people::Person;
use super::rng::Rng;
use super::seats::Seat;

/// First day of the Codex usage export (8 weeks before the snapshot, a Sunday).
pub(super) const CODEX_FIRST: i64 = SNAPSHOT - 55;
/// First day of the Copilot, billing and compliance files (4 weeks, a Sunday).
pub(super) const RECENT_FIRST: i64 = SNAPSHOT - 27;

/// Titles outside Engineering whose holders write some code or scripts.
const TECH_TITLES: &[&str] = &[
    "Technical Support Engineer",
    "Systems Administrator",
    "IT Support Specialist",
    "Financial Analyst",
    "Growth Marketer",
    "SEO Specialist",
    "Solutions Consultant",
];
/// Share of Engineering that uses Codex.
const CODEX_ENG_SHARE: f64 = 0.6;
const CODEX_OTHERS: usize = 5;
/// Share of Engineering holding a Copilot seat.
const COPILOT_ENG_SHARE: f64 = 0.9;
/// Copilot seats outside Engineering: without a ChatGPT seat, then with one.
const COPILOT_OTHERS: (usize, usize) = (6, 4);
/// HRIS rows whose GitHub login is typed in another case than GitHub's.
const ODD_LOGINS: usize = 3;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum CopilotKind {
    /// Used Copilot in the last 4 weeks.
    Active,
    /// Last used it more than 30 days before the snapshot (or their leave began earlier).
    Lapsed,
    /// Never used it.
    Never,
}

pub(super) struct CopilotSeat {
    pub person: usize,
    /// Day the seat was assigned.
    pub created: i64,
    pub kind: CopilotKind,
}

pub(super) struct CodexUser {
    pub person: usize,
    /// Index of the member's ChatGPT seat (their `public_id` is the Codex `user_id`).
    pub seat: usize,
    /// First day of Codex use.
    pub start: i64,
}

pub(super) struct Tools {
    /// GitHub login per person, as GitHub spells it.
    pub logins: Vec<Option<String>>,
    /// GitHub login per person, as the HRIS spells it (a few differ in case).
    pub hris_logins: Vec<Option<String>>,
    /// GitHub user id per person (0 when none).
    pub github_ids: Vec<i64>,
    /// First day each person no longer works (left, or on leave); `i64::MAX` if none.
    pub away: Vec<i64>,
    pub codex: Vec<CodexUser>,
    pub copilot: Vec<CopilotSeat>,
}

impl Tools {
    /// Whether person `p` works on `day`.
    pub(super) fn works(&self, people: &[Person], p: usize, day: i64) -> bool {
        people.get(p).is_some_and(|x| day >= x.hire_day)
            && self.away.get(p).is_some_and(|&a| day < a)
    }
}

pub(super) fn tools(seed: u64, people: &[Person], seats: &[Seat]) -> Tools {
    let mut rng = Rng::new(seed, 5);
    let mut seat_of: Vec<Option<usize>> = vec![None; people.len()];
    for (i, s) in seats.iter().enumerate() {
        if let Some(x) = seat_of.get_mut(s.person) {
            *x = Some(i);
        }
    }
    let away: Vec<i64> = people
        .iter()
        .enumerate()
        .map(|(i, p)| match (p.term_day, p.on_leave) {
            (Some(t), _) => t + 1,
            (None, true) => {
                let week = seat_of[i]
                    .and_then(|s| seats.get(s))
                    .and_then(|s| s.leave_from)
                    .unwrap_or_else(|| rng.range(7, 16) as usize);
                period_start(week)
            }
            (None, false) => i64::MAX,
        })
        .collect();
    let accepted = |i: usize| {
        seat_of[i]
            .and_then(|s| seats.get(s))
            .filter(|s| !s.public_id.is_empty() && s.accept.is_some_and(|a| a <= SNAPSHOT - 7))
    };
    let is_tech = |p: &Person| TECH_TITLES.contains(&p.title);

    // Codex: the keener engineers (habit plus noise), then a few technical people elsewhere.
    let mut eng: Vec<(f64, usize)> = (0..people.len())
        .filter(|&i| people[i].dept == ENGINEERING && away[i] > CODEX_FIRST + 14)
        .filter_map(|i| accepted(i).map(|s| (s.habit + 0.6 * rng.f64(), i)))
        .collect();
    eng.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let eng_size = people.iter().filter(|p| p.dept == ENGINEERING).count();
    let k = (eng_size as f64 * CODEX_ENG_SHARE + 0.5) as usize;
    let mut codex_people: Vec<usize> = eng.iter().take(k).map(|&(_, i)| i).collect();
    let mut others: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].dept != ENGINEERING && is_tech(&people[i]))
        .filter(|&i| accepted(i).is_some() && away[i] > CODEX_FIRST + 14)
        .collect();
    rng.shuffle(&mut others);
    codex_people.extend(others.into_iter().take(CODEX_OTHERS));
    codex_people.sort_unstable();
    let codex = codex_people
        .into_iter()
        .filter_map(|i| {
            let seat = seat_of[i]?;
            let s = seats.get(seat)?;
            let first = if rng.chance(0.55) {
                CODEX_FIRST - 1
            } else {
                CODEX_FIRST
                    + rng.weighted(&[5.0, 4.0, 3.0, 2.0, 1.0, 1.0, 1.0]) as i64 * 7
                    + rng.range(0, 6)
            };
            let start = first.max(s.accept.unwrap_or(first)).max(people[i].hire_day);
            Some(CodexUser {
                person: i,
                seat,
                start,
            })
        })
        .collect();

    // Copilot: most of Engineering (not those who left before the last 4 weeks), then a few
    // technical people elsewhere, most of them without a ChatGPT seat.
    let mut holders: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].dept == ENGINEERING && people[i].hire_day < SNAPSHOT - 2)
        .filter(|&i| people[i].term_day.is_none_or(|t| t >= RECENT_FIRST))
        .filter(|_| rng.chance(COPILOT_ENG_SHARE))
        .collect();
    let mut tech: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].dept != ENGINEERING && is_tech(&people[i]))
        .filter(|&i| people[i].term_day.is_none())
        .collect();
    rng.shuffle(&mut tech);
    let (without, with): (Vec<usize>, Vec<usize>) =
        tech.into_iter().partition(|&i| accepted(i).is_none());
    holders.extend(without.iter().take(COPILOT_OTHERS.0));
    holders.extend(with.iter().take(COPILOT_OTHERS.1));
    holders.sort_unstable();
    let copilot: Vec<CopilotSeat> = holders
        .into_iter()
        .map(|i| copilot_seat(&mut rng, &people[i], i, away[i]))
        .collect();

    let mut needs_login: Vec<bool> = people.iter().map(|p| p.dept == ENGINEERING).collect();
    for s in &copilot {
        needs_login[s.person] = true;
    }
    let (logins, github_ids) = logins(&mut rng, people, &needs_login);
    let mut hris_logins = logins.clone();
    let mut with_login: Vec<usize> = (0..people.len()).filter(|&i| needs_login[i]).collect();
    rng.shuffle(&mut with_login);
    for &i in with_login.iter().take(ODD_LOGINS) {
        if let Some(Some(l)) = hris_logins.get_mut(i) {
            *l = capitalise(l);
        }
    }
    Tools {
        logins,
        hris_logins,
        github_ids,
        away,
        codex,
        copilot,
    }
}

fn copilot_seat(rng: &mut Rng, p: &Person, i: usize, away: i64) -> CopilotSeat {
    let created = if p.dept == ENGINEERING {
        let waves = [
            (2025, 3, 3),
            (2025, 6, 2),
            (2025, 9, 15),
            (2026, 1, 12),
            (2026, 4, 13),
        ];
        let (y, m, d) = waves[rng.weighted(&[4.0, 2.0, 2.0, 1.0, 1.0])];
        days_from_civil(y, m, d) + rng.range(0, 3)
    } else {
        days_from_civil(2026, 5, 4) + rng.range(0, 160)
    };
    let created = created.max(p.hire_day + rng.range(0, 9)).min(SNAPSHOT - 1);
    let r = rng.f64();
    let kind = if r < 0.1 || created > SNAPSHOT - 3 {
        CopilotKind::Never
    } else if r < 0.17 || away <= RECENT_FIRST {
        // Lapsed means a last use more than 30 days ago: impossible for a newer seat.
        if created > SNAPSHOT - 35 || away <= created + 3 {
            CopilotKind::Never
        } else {
            CopilotKind::Lapsed
        }
    } else {
        CopilotKind::Active
    };
    // Never-used seats are often recent (assigned on request, not yet tried).
    let created = if kind == CopilotKind::Never && rng.chance(0.5) {
        created.max(SNAPSHOT - rng.range(5, 45))
    } else {
        created
    };
    CopilotSeat {
        person: i,
        created,
        kind,
    }
}

/// `jdoe-nw`, sometimes `janedoe-nw` or `jane-doe-nw`; unique; ids unique too.
fn logins(rng: &mut Rng, people: &[Person], needs: &[bool]) -> (Vec<Option<String>>, Vec<i64>) {
    let mut taken = BTreeSet::new();
    let mut ids_taken = BTreeSet::new();
    let mut logins = vec![None; people.len()];
    let mut ids = vec![0; people.len()];
    for (i, p) in people.iter().enumerate() {
        if !needs.get(i).copied().unwrap_or(false) {
            continue;
        }
        let (first, last) = p.name.split_once(' ').unwrap_or((&p.name, ""));
        let clean = |s: &str| -> String {
            s.chars()
                .filter(char::is_ascii_alphanumeric)
                .map(|c| c.to_ascii_lowercase())
                .collect()
        };
        let (f, l) = (clean(first), clean(last));
        let base = match rng.weighted(&[75.0, 15.0, 10.0]) {
            0 => format!("{}{l}", f.chars().next().unwrap_or('x')),
            1 => format!("{f}{l}"),
            _ => format!("{f}-{l}"),
        };
        let mut login = format!("{base}-nw");
        let mut n = 2;
        while taken.contains(&login) {
            login = format!("{base}{n}-nw");
            n += 1;
        }
        taken.insert(login.clone());
        logins[i] = Some(login);
        let mut id = rng.range(1_200_000, 189_000_000);
        while !ids_taken.insert(id) {
            id += 1;
        }
        ids[i] = id;
    }
    (logins, ids)
}

/// `jdoe-nw` → `JDoe-nw` (an HRIS typed by hand).
fn capitalise(login: &str) -> String {
    let mut out = String::with_capacity(login.len());
    for (k, c) in login.chars().enumerate() {
        out.push(if k < 2 { c.to_ascii_uppercase() } else { c });
    }
    out
}
