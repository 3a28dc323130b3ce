//! The ChatGPT Enterprise workspace **Users** export, weekly cadence (FORMATS.md §1a).

use super::date::{period_end, period_start, ymd, WEEKS};
use super::org::{DEPTS, GPT_COUNT, TOOLS};
use super::people::Person;
use super::rng::{Rng, ALNUM, HEX};
use super::seats::{Seat, Status};
use super::usage::{py_dict, week_usage, WeekUsage};

/// The observed header, in export order, without the newer `credits_used` column.
pub(super) const USERS_HEADER: [&str; 30] = [
    "cadence",
    "period_start",
    "period_end",
    "account_id",
    "public_id",
    "name",
    "email",
    "role",
    "user_role",
    "department",
    "groups",
    "user_status",
    "created_or_invited_date",
    "is_active",
    "first_day_active_in_period",
    "last_day_active_in_period",
    "messages",
    "messages_rank",
    "model_to_messages",
    "gpt_messages",
    "gpts_messaged",
    "gpt_to_messages",
    "tool_messages",
    "tools_messaged",
    "tool_to_messages",
    "project_messages",
    "projects_messaged",
    "project_to_messages",
    "projects_created",
    "last_day_active",
];

/// The Users export and what the other ChatGPT files need to agree with it.
pub(super) struct UsersExport {
    pub bytes: Vec<u8>,
    /// The workspace's account id (32 hex digits).
    pub account_id: String,
    /// Ids of the workspace's custom GPTs (`g-…`), as in `gpt_to_messages`.
    pub gpt_ids: Vec<String>,
    /// `usage[week][seat]`: what each active member did that week, as written.
    pub usage: Vec<Vec<Option<WeekUsage>>>,
}

/// Rows grouped by period (oldest first); within a period, members in invitation order.
pub(super) fn users_csv(
    seed: u64,
    people: &[Person],
    seats: &[Seat],
    active: &[[bool; WEEKS]],
) -> UsersExport {
    let mut rng = Rng::new(seed, 4);
    let account_id = rng.string_of(HEX, 32);
    let gpt_ids: Vec<String> = (0..GPT_COUNT)
        .map(|_| format!("g-{}", rng.string_of(ALNUM, 9)))
        .collect();
    let mut out = UsersExport {
        bytes: Vec::new(),
        account_id: account_id.clone(),
        gpt_ids: gpt_ids.clone(),
        usage: Vec::with_capacity(WEEKS),
    };
    let mut last_active: Vec<Option<i64>> = seats.iter().map(|s| s.pre_last_active).collect();
    let mut w = csv::Writer::from_writer(Vec::with_capacity(seats.len() * WEEKS * 260));
    if w.write_record(USERS_HEADER).is_err() {
        return out;
    }
    for week in 0..WEEKS {
        let period = [ymd(period_start(week)), ymd(period_end(week))];
        let usage: Vec<Option<WeekUsage>> = seats
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let on = active.get(i).is_some_and(|a| a[week]) && s.can_be_active(week);
                on.then(|| week_usage(&mut rng, s, week))
            })
            .collect();
        let mut ranked: Vec<u32> = usage.iter().flatten().map(|u| u.messages).collect();
        ranked.sort_unstable_by(|a, b| b.cmp(a));
        for (i, seat) in seats.iter().enumerate() {
            let status = seat.status(week);
            if status == Status::Absent {
                continue;
            }
            let u = usage.get(i).and_then(Option::as_ref);
            if let (Some(u), Some(last)) = (u, last_active.get_mut(i)) {
                *last = (*last).max(Some(u.last_day));
            }
            let rank = u.map(|u| 1 + ranked.partition_point(|&m| m > u.messages));
            let ctx = RowCtx {
                period: &period,
                account_id: &account_id,
                gpt_ids: &gpt_ids,
                last_active: last_active.get(i).copied().flatten(),
                rank,
                idle_zero: rng.chance(0.5),
            };
            let row = row(&ctx, people, seat, status, u);
            if w.write_record(&row).is_err() {
                out.bytes = w.into_inner().unwrap_or_default();
                return out;
            }
        }
        out.usage.push(usage);
    }
    out.bytes = w.into_inner().unwrap_or_default();
    out
}

struct RowCtx<'a> {
    period: &'a [String; 2],
    account_id: &'a str,
    gpt_ids: &'a [String],
    last_active: Option<i64>,
    rank: Option<usize>,
    /// Whether an inactive row writes `model_to_messages` as `0` (else empty).
    idle_zero: bool,
}

fn row(
    ctx: &RowCtx,
    people: &[Person],
    seat: &Seat,
    status: Status,
    usage: Option<&WeekUsage>,
) -> Vec<String> {
    let person = people.get(seat.person);
    let pending = status == Status::Pending;
    let mut row: Vec<String> = vec![
        "Weekly".into(),
        ctx.period[0].clone(),
        ctx.period[1].clone(),
        ctx.account_id.into(),
    ];
    if pending {
        row.extend([
            String::new(),
            String::new(),
            seat.email.clone(),
            String::new(),
        ]);
        row.extend([
            String::new(),
            String::new(),
            String::new(),
            "pending".into(),
        ]);
        row.extend([ymd(seat.invite), "0".into()]);
        row.resize(USERS_HEADER.len(), String::new());
        return row;
    }
    let department = match DEPTS.get(seat.dept) {
        Some(d) if seat.show_dept => format!("[\"{}\"]", d.name),
        _ => String::new(),
    };
    let status = if status == Status::Deactivated {
        "deactivated"
    } else {
        "enabled"
    };
    row.extend([
        seat.public_id.clone(),
        person.map(|p| p.name.clone()).unwrap_or_default(),
        seat.email.clone(),
        String::new(),
        seat.user_role.into(),
        department,
        String::new(),
        status.into(),
        ymd(seat.invite),
    ]);
    let last_active = ctx.last_active.map(ymd).unwrap_or_default();
    let Some(u) = usage else {
        let models = if ctx.idle_zero && status == "enabled" {
            "0"
        } else {
            ""
        };
        row.extend(
            [
                "0", "", "", "0", "", models, "0", "0", "", "0", "0", "", "0", "0", "",
            ]
            .map(String::from),
        );
        row.extend(["0".to_string(), last_active]);
        return row;
    };
    let gpts = u
        .gpts
        .iter()
        .map(|&(g, n)| (ctx.gpt_ids.get(g).map_or("g-unknown", String::as_str), n));
    let tools = u
        .tools
        .iter()
        .map(|&(t, n)| (TOOLS.get(t).copied().unwrap_or("other"), n));
    let projects = u.projects.iter().map(|&(p, n)| {
        (
            seat.profile
                .projects
                .get(p)
                .map_or("g-p-unknown", String::as_str),
            n,
        )
    });
    let (gpt_sum, tool_sum, project_sum) = (total(&u.gpts), total(&u.tools), total(&u.projects));
    row.extend([
        "1".into(),
        ymd(u.first_day),
        ymd(u.last_day),
        u.messages.to_string(),
        ctx.rank.map(|r| r.to_string()).unwrap_or_default(),
        py_dict(u.models.iter().copied()),
        gpt_sum.to_string(),
        u.gpts.len().to_string(),
        if gpt_sum > 0 {
            py_dict(gpts)
        } else {
            String::new()
        },
        tool_sum.to_string(),
        u.tools.len().to_string(),
        if tool_sum > 0 {
            py_dict(tools)
        } else {
            String::new()
        },
        project_sum.to_string(),
        u.projects.len().to_string(),
        if project_sum > 0 {
            py_dict(projects)
        } else {
            String::new()
        },
        u.projects_created.to_string(),
        last_active,
    ]);
    row
}

fn total(entries: &[(usize, u32)]) -> u32 {
    entries.iter().map(|&(_, n)| n).sum()
}
