//! Departments: how often and how long each department uses the AI tools, one point per
//! department (sessions per active person per week against messages per session), separating
//! frequent short use from rare long use. The minimum group size applies to every row.
//!
//! Sessions (METRICS.md "Depth"): a run of one person's own messages (role user) on one tool with
//! gaps under `settings.session_gap_seconds()`. `metrics::depth` uses the same definition; the
//! private [`sessions`] here is meant to be merged with it.
//!
//! Where no message-level data covers the headline week, the points fall back to the Users CSV:
//! messages per active person against the weekly active share of seats (and the page says so).

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::{Better, Definition, Unit};
use super::people::PersonId;
use crate::engine::facts::Tool;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the department points are made of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UsageBasis {
    /// Sessions from message-level data (compliance logs).
    Sessions,
    /// Messages per active person and weekly active share, from the ChatGPT Users CSV.
    UsersCsv,
    /// Nothing loaded can place a department.
    #[default]
    None,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentUsageView {
    pub basis: UsageBasis,
    /// How the group size is counted, for the page ("people with a ChatGPT seat…").
    pub group_size_basis: String,
    pub min_group_size: u32,
    /// Departments hidden by the floor (complementary suppression included).
    pub suppressed_groups: u32,
    /// Largest group first.
    pub rows: Vec<DepartmentUsageRow>,
    /// Organisation-wide values of the same columns (every person, hidden groups included).
    pub organisation: Option<DepartmentUsageRow>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// What to load when nothing can place a department.
    pub needs: Option<String>,
    /// Definitions of the columns, shown beside the table.
    pub definitions: Vec<ColumnDefinition>,
}

/// One department of the headline week. When `suppressed`, every figure is `None`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct DepartmentUsageRow {
    pub department: String,
    pub suppressed: bool,
    /// The group size: people with a seat (or with activity where no seats are loaded).
    pub seats: Option<u32>,
    /// People who sent at least one ChatGPT message in message-level data that week.
    pub session_people: Option<u32>,
    pub sessions: Option<u32>,
    pub sessions_per_active_person_week: Option<f64>,
    pub messages_per_session: Option<f64>,
    /// From the Users CSV: messages / people active in the week's rows.
    pub messages_per_active_person_week: Option<f64>,
    /// From the Users CSV: weekly active seat holders / seats.
    pub active_share: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ColumnDefinition {
    pub label: String,
    pub formula: String,
}

const SESSIONS_PER_PERSON: Definition = Definition {
    id: "department_sessions_per_active_person_week",
    label: "Sessions per active person (week)",
    unit: Unit::Number,
    formula: "ChatGPT sessions started in the headline week by the department's people / the department's people who sent a ChatGPT message that week. A session is a run of one person's own messages (role user) on one tool with gaps under the session gap (setting); as in the Sessions view, Codex prompts are not counted here.",
    sources: "chatgpt.compliance_logs_jsonl: actor, role, created_at",
    needs: "chatgpt.compliance_logs_jsonl",
    better: Better::Neither,
};

const MESSAGES_PER_SESSION: Definition = Definition {
    id: "department_messages_per_session",
    label: "Messages per session",
    unit: Unit::Number,
    formula:
        "Messages sent by people (role user) in the department's sessions of the headline week / those sessions.",
    sources: "chatgpt.compliance_logs_jsonl",
    needs: "chatgpt.compliance_logs_jsonl",
    better: Better::Neither,
};

const MESSAGES_PER_ACTIVE: Definition = Definition {
    id: "department_messages_per_active_person_week",
    label: "Messages per active person (Users CSV)",
    unit: Unit::Number,
    formula: "Messages in the department's weekly Users CSV rows of the headline week / its people active in those rows.",
    sources: "chatgpt.users_csv: messages",
    needs: "chatgpt.users_csv (weekly)",
    better: Better::Neither,
};

const ACTIVE_SHARE: Definition = Definition {
    id: "department_active_share",
    label: "Weekly active share of seats",
    unit: Unit::Rate,
    formula: "Seat holders active in the headline week / seat holders, per department.",
    sources: "chatgpt.users_csv",
    needs: "chatgpt.users_csv (weekly)",
    better: Better::Higher,
};

/// Per-group sums behind a row.
#[derive(Clone, Copy, Debug, Default)]
struct Group {
    seats: u32,
    people: u32,
    weekly_active: u32,
    csv_messages: u64,
    csv_active: u32,
    session_people: u32,
    sessions: u32,
    session_messages: u64,
}

impl Group {
    fn row(&self, department: String, suppressed: bool, seats_loaded: bool) -> DepartmentUsageRow {
        if suppressed {
            return DepartmentUsageRow {
                department,
                suppressed,
                ..Default::default()
            };
        }
        DepartmentUsageRow {
            department,
            suppressed,
            seats: Some(if seats_loaded {
                self.seats
            } else {
                self.people
            }),
            session_people: Some(self.session_people),
            sessions: Some(self.sessions),
            sessions_per_active_person_week: ratio(
                self.sessions as f64,
                self.session_people as f64,
            ),
            messages_per_session: ratio(self.session_messages as f64, self.sessions as f64),
            messages_per_active_person_week: ratio(
                self.csv_messages as f64,
                self.csv_active as f64,
            ),
            active_share: ratio(self.weekly_active as f64, self.seats as f64),
        }
    }
}

pub fn build(ctx: &Ctx) -> DepartmentUsageView {
    let definitions = [
        &SESSIONS_PER_PERSON,
        &MESSAGES_PER_SESSION,
        &MESSAGES_PER_ACTIVE,
        &ACTIVE_SHARE,
    ]
    .iter()
    .map(|d| ColumnDefinition {
        label: d.label.to_string(),
        formula: d.formula.to_string(),
    })
    .collect();
    let mut view = DepartmentUsageView {
        min_group_size: ctx.settings.floor(),
        definitions,
        ..Default::default()
    };
    let Some(week) = ctx.headline else {
        view.needs = Some(ctx.plan.problem.clone().unwrap_or_else(|| {
            "needs chatgpt.users_csv (weekly) or chatgpt.compliance_logs_jsonl".into()
        }));
        return view;
    };
    let person_weeks = ctx.person_weeks(week);
    let mut groups: Vec<Group> = vec![Group::default(); ctx.people.count()];
    for (person, p) in person_weeks.iter().enumerate() {
        let g = &mut groups[person];
        g.seats = u32::from(p.seat);
        g.weekly_active = u32::from(p.seat && p.weekly_active);
        g.csv_messages = p.messages;
        g.csv_active = u32::from(p.active_in_week_rows);
    }
    for s in ctx
        .sessions()
        .iter()
        .filter(|s| s.tool == Tool::Chatgpt && week.contains(s.day))
    {
        let g = &mut groups[s.person.0 as usize];
        g.session_people = 1;
        g.sessions += 1;
        g.session_messages += u64::from(s.messages);
    }
    let seats_loaded = groups.iter().any(|g| g.seats > 0);
    view.group_size_basis = if seats_loaded {
        "the smaller of the people with a ChatGPT seat and the people whose activity makes the figures (a session, or activity in the Users rows) in the headline week".into()
    } else {
        "people who sent a message in the headline week (no seat export loaded)".into()
    };
    let mut by_department: BTreeMap<String, Group> = BTreeMap::new();
    let mut organisation = Group::default();
    for (person, g) in groups.iter().enumerate() {
        let present = g.seats > 0 || g.csv_active > 0 || g.session_people > 0;
        if !present {
            continue;
        }
        let name = ctx.department(PersonId(person as u32)).to_string();
        for total in [by_department.entry(name).or_default(), &mut organisation] {
            total.seats += g.seats;
            total.people += 1;
            total.weekly_active += g.weekly_active;
            total.csv_messages += g.csv_messages;
            total.csv_active += g.csv_active;
            total.session_people += g.session_people;
            total.sessions += g.sessions;
            total.session_messages += g.session_messages;
        }
    }
    // A figure about a few people must not show: the group size is the smaller of the seat
    // holders and the people whose activity makes the figures (session people, else people
    // active in the Users rows).
    let sessions_loaded = organisation.sessions > 0;
    let size = |g: &Group| {
        let members = if seats_loaded { g.seats } else { g.people };
        let contributors = if sessions_loaded {
            g.session_people
        } else {
            g.csv_active
        };
        members.min(contributors)
    };
    let mut departments: Vec<(String, Group)> = by_department.into_iter().collect();
    departments.sort_by(|a, b| size(&b.1).cmp(&size(&a.1)).then(a.0.cmp(&b.0)));
    let sizes: Vec<u32> = departments.iter().map(|(_, g)| size(g)).collect();
    let hidden = ctx.suppressed(&sizes);
    view.suppressed_groups = hidden.iter().filter(|&&h| h).count() as u32;
    view.basis = if organisation.sessions > 0 {
        UsageBasis::Sessions
    } else if organisation.csv_active > 0 || organisation.seats > 0 {
        UsageBasis::UsersCsv
    } else {
        UsageBasis::None
    };
    view.rows = departments
        .into_iter()
        .zip(&hidden)
        .map(|((name, g), &h)| g.row(name, h, seats_loaded))
        .collect();
    view.organisation = (organisation.people > 0)
        .then(|| organisation.row("Organisation".into(), false, seats_loaded));
    if view.basis == UsageBasis::None {
        view.needs = Some(
            "needs chatgpt.compliance_logs_jsonl (sessions) or chatgpt.users_csv (weekly)".into(),
        );
    }
    view.action = action(&view);
    view
}

/// One next step from the numbers: the shown department furthest from the organisation's
/// pattern, and what that pattern suggests.
fn action(view: &DepartmentUsageView) -> Option<String> {
    let org = view.organisation.as_ref()?;
    let shown = view.rows.iter().filter(|r| !r.suppressed);
    match view.basis {
        UsageBasis::Sessions => {
            let org_freq = org.sessions_per_active_person_week?;
            let org_depth = org.messages_per_session?;
            let (row, freq) = shown
                .filter_map(|r| Some((r, r.sessions_per_active_person_week?)))
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            let depth = row.messages_per_session?;
            if freq < org_freq * 0.8 && depth > org_depth {
                Some(format!(
                    "{} opens {:.1} sessions a week per active person at {:.1} messages each, against {:.1} at {:.1} across the organisation (rare, long use): show them short everyday tasks (drafting, summarising) so the tool becomes a daily habit.",
                    row.department, freq, depth, org_freq, org_depth
                ))
            } else if freq < org_freq * 0.8 {
                Some(format!(
                    "{} opens {:.1} sessions a week per active person with {:.1} messages each, against {:.1} and {:.1} across the organisation: run a use-case session with that department.",
                    row.department, freq, depth, org_freq, org_depth
                ))
            } else {
                let (deep, d) = view
                    .rows
                    .iter()
                    .filter(|r| !r.suppressed)
                    .filter_map(|r| Some((r, r.messages_per_session?)))
                    .max_by(|a, b| a.1.total_cmp(&b.1))?;
                (d > org_depth * 1.2).then(|| format!(
                    "{} has the longest sessions ({:.1} messages against {:.1} across the organisation): ask them to share their longer workflows with the other departments.",
                    deep.department, d, org_depth
                ))
            }
        }
        UsageBasis::UsersCsv => {
            let org_share = org.active_share?;
            let (row, share) = shown
                .filter_map(|r| Some((r, r.active_share?)))
                .min_by(|a, b| a.1.total_cmp(&b.1))?;
            (share < org_share).then(|| {
                format!(
                    "{} has {:.0} % of its seats active this week against {:.0} % across the organisation: run a use-case session there, and load the compliance logs to see how its sessions differ.",
                    row.department,
                    share * 100.0,
                    org_share * 100.0
                )
            })
        }
        UsageBasis::None => None,
    }
}
