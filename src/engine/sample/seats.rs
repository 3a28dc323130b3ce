//! Who holds a ChatGPT seat, when it was invited and accepted, and how each holder uses it
//! (habit, adoption week, message volume, GPTs, tools, projects).

use super::date::{
    days_from_civil, period_end, period_start, week_of, FIRST_PERIOD, SNAPSHOT, WEEKS,
};
use super::org::{DEPTS, ENGINEERING, LEGAL, OPERATIONS, PEOPLE};
use super::people::Person;
use super::rng::{Rng, ALNUM};
use super::usage::{profile, Profile};

/// Seat holders who never accept their invitation.
const NEVER_ACCEPT: usize = 11;
/// Enabled seat holders who never send a message.
const IDLE: usize = 25;
/// Users CSV rows whose email differs from the HRIS in case or whitespace.
const ODD_EMAILS: usize = 6;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Status {
    /// Not invited yet: no row.
    Absent,
    Pending,
    Enabled,
    Deactivated,
}

pub(super) struct Seat {
    pub person: usize,
    pub dept: usize,
    pub term: Option<i64>,
    pub public_id: String,
    /// The email as the export spells it (a few differ from the HRIS in case or spaces).
    pub email: String,
    pub user_role: &'static str,
    /// Whether SCIM filled `department` for this member.
    pub show_dept: bool,
    pub invite: i64,
    pub accept: Option<i64>,
    /// Enabled but never active.
    pub idle: bool,
    /// First week of a leave of absence (inactive from then on).
    pub leave_from: Option<usize>,
    /// Last active day before the first period, if any.
    pub pre_last_active: Option<i64>,
    /// Probability of being active in a week once adopted.
    pub habit: f64,
    /// Week (relative to the first period) in which the member takes up the tool.
    pub adopt_week: i64,
    pub profile: Profile,
}

impl Seat {
    pub(super) fn status(&self, week: usize) -> Status {
        if self.invite > period_end(week) {
            return Status::Absent;
        }
        if self.term.is_some_and(|t| t < period_start(week)) {
            return Status::Deactivated;
        }
        match self.accept {
            Some(a) if a <= period_end(week) => Status::Enabled,
            _ => Status::Pending,
        }
    }

    /// Days of `week` on which the member could have been active (empty if none).
    pub(super) fn usable_days(&self, week: usize) -> (i64, i64) {
        let lo = period_start(week).max(self.accept.unwrap_or(i64::MAX));
        let hi = period_end(week).min(self.term.unwrap_or(i64::MAX));
        (lo, hi)
    }

    pub(super) fn can_be_active(&self, week: usize) -> bool {
        let (lo, hi) = self.usable_days(week);
        self.status(week) == Status::Enabled
            && !self.idle
            && self.leave_from.is_none_or(|l| week < l)
            && lo <= hi
    }
}

/// All seats, ordered by invitation day (the export's member order).
pub(super) fn seats(seed: u64, people: &[Person]) -> Vec<Seat> {
    let mut rng = Rng::new(seed, 2);
    let mut out = Vec::new();
    for (d, dept) in DEPTS.iter().enumerate() {
        let mut members: Vec<usize> = (0..people.len()).filter(|&i| people[i].dept == d).collect();
        rng.shuffle(&mut members);
        let k = (members.len() as f64 * dept.seat_share + 0.5) as usize;
        let mut chosen: Vec<usize> = members.into_iter().take(k).collect();
        chosen.sort_unstable();
        for i in chosen {
            if let Some(seat) = seat_for(&mut rng, people, i) {
                out.push(seat);
            }
        }
    }
    special_roles(people, &mut out);
    let eligible = |s: &Seat| s.dept != LEGAL && s.term.is_none() && s.user_role == "standard-user";
    // Invitations never accepted (pending at the end).
    let mut pool: Vec<usize> = (0..out.len()).filter(|&i| eligible(&out[i])).collect();
    rng.shuffle(&mut pool);
    for &i in pool.iter().take(NEVER_ACCEPT) {
        out[i].accept = None;
        out[i].public_id.clear();
        out[i].pre_last_active = None;
    }
    // Idle members: the least keen of those who accepted.
    let mut pool: Vec<(f64, usize)> = (0..out.len())
        .filter(|&i| eligible(&out[i]) && out[i].accept.is_some_and(|a| a <= SNAPSHOT))
        .filter(|&i| !people[out[i].person].on_leave)
        .map(|i| (out[i].habit + 0.3 * rng.f64(), i))
        .collect();
    pool.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
    for &(_, i) in pool.iter().take(IDLE) {
        out[i].idle = true;
        out[i].pre_last_active = None;
    }
    let mut pool: Vec<usize> = (0..out.len()).collect();
    rng.shuffle(&mut pool);
    for (k, &i) in pool.iter().take(ODD_EMAILS).enumerate() {
        out[i].email = odd_email(&out[i].email, k);
    }
    out.sort_by_key(|s| (s.invite, s.person));
    out
}

fn seat_for(rng: &mut Rng, people: &[Person], i: usize) -> Option<Seat> {
    let p = people.get(i)?;
    let dept = DEPTS.get(p.dept)?;
    // Roll-out: waves before the weekly window (an Engineering-led pilot first), then waves
    // every three weeks inside it, plus a trickle; never before the hire date.
    let mut invite = if rng.chance(dept.early_share) {
        let waves = [(2026, 2, 2), (2026, 3, 16), (2026, 4, 27), (2026, 6, 8)];
        let weights = if p.dept == ENGINEERING {
            [4.0, 3.0, 2.0, 1.0]
        } else {
            [0.5, 2.0, 3.0, 3.0]
        };
        let (y, m, d) = waves
            .get(rng.weighted(&weights))
            .copied()
            .unwrap_or((2026, 6, 8));
        days_from_civil(y, m, d) + rng.range(0, 3)
    } else {
        let weights: Vec<f64> = (0..WEEKS)
            .map(|w| if w % 3 == 1 && w < 18 { 5.0 } else { 0.6 })
            .collect();
        period_start(rng.weighted(&weights)) + rng.range(1, 5)
    };
    invite = invite.max(p.hire_day + rng.range(0, 3));
    if invite > SNAPSHOT || p.term_day.is_some_and(|t| invite >= t) {
        return None;
    }
    let r = rng.f64();
    let delay = if r < 0.45 {
        0
    } else if r < 0.8 {
        rng.range(1, 3)
    } else {
        rng.range(4, 14)
    };
    let accept = invite + delay;
    let habit = (0.2 + 0.72 * rng.f64() + dept.habit).clamp(0.06, 0.97);
    let accept_week = week_of(accept);
    let adopt_week = if accept_week < 0 {
        if rng.chance(0.45 - 0.05 * dept.adopt_lag as f64) {
            -1
        } else {
            rng.range(0, 15) + dept.adopt_lag
        }
    } else {
        let wait = if rng.chance(0.5) { 0 } else { rng.range(1, 4) };
        accept_week + wait + dept.adopt_lag / 2
    }
    .min(WEEKS as i64 - 1);
    // Those who took it up before the window kept at least an occasional habit.
    let habit = if adopt_week < 0 {
        habit.max(0.35)
    } else {
        habit
    };
    let pre_last_active = if accept < FIRST_PERIOD && (adopt_week < 0 || rng.chance(0.3)) {
        let span = (FIRST_PERIOD - 1 - accept).min(if adopt_week < 0 { 12 } else { 60 });
        Some(FIRST_PERIOD - 1 - rng.range(0, span))
    } else {
        None
    };
    let leave_from = p.on_leave.then(|| rng.range(7, 16) as usize);
    Some(Seat {
        person: i,
        dept: p.dept,
        term: p.term_day,
        public_id: format!("user-{}", rng.string_of(ALNUM, 16)),
        email: p.email.clone(),
        user_role: "standard-user",
        show_dept: rng.chance(0.15),
        invite,
        accept: Some(accept),
        idle: false,
        leave_from,
        pre_last_active,
        habit,
        adopt_week,
        profile: profile(rng, p.dept, habit),
    })
}

/// The workspace owner and two admins: early, keen members of Operations, People and
/// Engineering.
fn special_roles(people: &[Person], seats: &mut [Seat]) {
    let early = days_from_civil(2026, 2, 2);
    let mut roles = vec![
        (OPERATIONS, "owner"),
        (PEOPLE, "admin"),
        (ENGINEERING, "admin"),
    ];
    for s in seats.iter_mut() {
        let Some(p) = people.get(s.person) else {
            continue;
        };
        let Some(pos) = roles.iter().position(|&(d, _)| d == s.dept) else {
            continue;
        };
        if p.hire_day >= early || p.term_day.is_some() || p.on_leave {
            continue;
        }
        s.user_role = roles.remove(pos).1;
        s.invite = early;
        s.accept = Some(early);
        s.habit = s.habit.max(0.8);
        s.adopt_week = -1;
        s.leave_from = None;
        s.pre_last_active = Some(FIRST_PERIOD - 2);
    }
}

/// ` Jane.Doe@Northwind.example`, `JANE.DOE@NORTHWIND.EXAMPLE `, ` jane.doe@NORTHWIND.example `.
fn odd_email(email: &str, k: usize) -> String {
    let (local, domain) = email.split_once('@').unwrap_or((email, ""));
    let capitalised = |s: &str| -> String {
        let mut c = s.chars();
        c.next()
            .map(|f| f.to_ascii_uppercase().to_string() + c.as_str())
            .unwrap_or_default()
    };
    let title: Vec<String> = local.split('.').map(capitalised).collect();
    match k % 3 {
        0 => format!(" {}@{}", title.join("."), capitalised(domain)),
        1 => format!("{} ", email.to_ascii_uppercase()),
        _ => format!(" {local}@{} ", domain.replacen("northwind", "NORTHWIND", 1)),
    }
}
