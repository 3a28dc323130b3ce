//! The employee roster: names, unique emails, departments, teams, reporting lines, titles,
//! locations, hire and termination dates, employee ids.

use std::collections::BTreeSet;

use super::date::{days_from_civil, weekday, SNAPSHOT};
use super::org::{
    Dept, DEPTS, DOMAIN, FIRST_NAMES, LAST_NAMES, LEGAL, LOCATIONS, LOCATION_WEIGHTS,
};
use super::rng::Rng;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Role {
    Head,
    Lead,
    Manager,
    Member,
}

pub(super) struct Person {
    pub employee_id: String,
    pub name: String,
    pub email: String,
    pub dept: usize,
    pub team: usize,
    pub role: Role,
    /// Index of the manager in the roster (`None` for department heads).
    pub manager: Option<usize>,
    pub title: &'static str,
    pub location: &'static str,
    pub hire_day: i64,
    pub term_day: Option<i64>,
    pub on_leave: bool,
}

/// Members hired within the 30 days before the snapshot.
const RECENT_HIRES: usize = 10;
/// Members hired earlier in 2026.
const HIRES_2026: usize = 12;
const LEAVERS: usize = 6;
const ON_LEAVE: usize = 8;

/// Builds the roster, grouped by department (heads first). Indices are stable.
pub(super) fn roster(seed: u64) -> Vec<Person> {
    let mut rng = Rng::new(seed, 1);
    let mut people = Vec::new();
    for (d, dept) in DEPTS.iter().enumerate() {
        add_department(&mut rng, &mut people, d, dept);
    }
    set_dates(&mut rng, &mut people);
    name_everyone(&mut rng, &mut people);
    assign_ids(&mut rng, &mut people);
    people
}

fn add_department(rng: &mut Rng, people: &mut Vec<Person>, d: usize, dept: &Dept) {
    let head = people.len();
    for j in 0..dept.size {
        let team = if j == 0 {
            0
        } else {
            rng.weighted(dept.team_weights)
        };
        let location = LOCATIONS
            .get(rng.weighted(LOCATION_WEIGHTS))
            .copied()
            .unwrap_or("Remote");
        people.push(Person {
            employee_id: String::new(),
            name: String::new(),
            email: String::new(),
            dept: d,
            team,
            role: if j == 0 { Role::Head } else { Role::Member },
            manager: if j == 0 { None } else { Some(head) },
            title: dept.head_title,
            location,
            hire_day: 0,
            term_day: None,
            on_leave: false,
        });
    }
    // Reporting lines: a team of 4+ gets a lead under the head; a lead with more than 9
    // reports gets managers (spans of about 8) between them and the members.
    for t in 0..dept.teams.len() {
        let members: Vec<usize> = (head + 1..people.len())
            .filter(|&i| people[i].team == t)
            .collect();
        let Some((&lead, rest)) = members.split_first() else {
            continue;
        };
        if members.len() < 4 {
            continue;
        }
        people[lead].role = Role::Lead;
        let managers = if rest.len() > 9 {
            rest.len().div_ceil(8)
        } else {
            0
        };
        for (k, &i) in rest.iter().enumerate() {
            if k < managers {
                people[i].role = Role::Manager;
                people[i].manager = Some(lead);
            } else if managers > 0 {
                people[i].manager = rest.get((k - managers) % managers).copied();
            } else {
                people[i].manager = Some(lead);
            }
        }
    }
    for p in &mut people[head..] {
        p.title = match p.role {
            Role::Head => dept.head_title,
            Role::Lead => dept.lead_title,
            Role::Manager => dept.manager_title,
            Role::Member => rng.pick(dept.ic_titles).copied().unwrap_or("Specialist"),
        };
    }
}

/// A Monday on or before `day`.
fn monday_of(day: i64) -> i64 {
    day - (weekday(day) + 6) % 7
}

fn set_dates(rng: &mut Rng, people: &mut [Person]) {
    let y2015 = days_from_civil(2015, 1, 5);
    let y2026 = days_from_civil(2026, 1, 5);
    for p in people.iter_mut() {
        let last = match p.role {
            Role::Head => days_from_civil(2017, 12, 31),
            Role::Lead => days_from_civil(2020, 12, 31),
            Role::Manager => days_from_civil(2022, 12, 31),
            Role::Member => days_from_civil(2025, 12, 31),
        };
        p.hire_day = monday_of(rng.range(y2015, last));
    }
    // Special cases among members outside Legal (Legal stays a stable group of 4).
    let mut members: Vec<usize> = (0..people.len())
        .filter(|&i| people[i].role == Role::Member && people[i].dept != LEGAL)
        .collect();
    rng.shuffle(&mut members);
    let mut it = members.into_iter();
    // Mondays within the 30 days before the snapshot (2026-10-19 … 2026-11-09).
    let mut first_recent = monday_of(SNAPSHOT - 30);
    if first_recent < SNAPSHOT - 30 {
        first_recent += 7;
    }
    let recent_mondays = (SNAPSHOT - 1 - first_recent) / 7;
    for i in it.by_ref().take(RECENT_HIRES) {
        people[i].hire_day = first_recent + 7 * rng.range(0, recent_mondays);
    }
    for i in it.by_ref().take(HIRES_2026) {
        people[i].hire_day = monday_of(rng.range(y2026, SNAPSHOT - 40));
    }
    for i in it.by_ref().take(LEAVERS) {
        // Leavers go during the weekly window, so their seats end up deactivated.
        let left = rng.range(days_from_civil(2026, 7, 10), days_from_civil(2026, 11, 6));
        people[i].term_day = Some(left.max(people[i].hire_day + 1));
    }
    for i in it.take(ON_LEAVE) {
        people[i].on_leave = true;
    }
}

fn email_part(s: &str) -> String {
    s.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn name_everyone(rng: &mut Rng, people: &mut [Person]) {
    let mut taken = BTreeSet::new();
    for p in people.iter_mut() {
        let first = rng.pick(FIRST_NAMES).copied().unwrap_or("Alex");
        let last = rng.pick(LAST_NAMES).copied().unwrap_or("Doe");
        p.name = format!("{first} {last}");
        let local = format!("{}.{}", email_part(first), email_part(last));
        let mut email = format!("{local}@{DOMAIN}");
        let mut n = 2;
        while taken.contains(&email) {
            email = format!("{local}{n}@{DOMAIN}");
            n += 1;
        }
        taken.insert(email.clone());
        p.email = email;
    }
}

/// Employee ids follow hire order, with gaps (ids of people who left long ago).
fn assign_ids(rng: &mut Rng, people: &mut [Person]) {
    let mut order: Vec<usize> = (0..people.len()).collect();
    order.sort_by_key(|&i| (people[i].hire_day, i));
    let mut id = 10_000;
    for i in order {
        id += rng.range(1, 3);
        if let Some(p) = people.get_mut(i) {
            p.employee_id = format!("E{id}");
        }
    }
}

/// HRIS `Worker_Status`.
pub(super) fn status(p: &Person) -> &'static str {
    if p.term_day.is_some() {
        "Terminated"
    } else if p.on_leave {
        "On Leave"
    } else {
        "Active"
    }
}
