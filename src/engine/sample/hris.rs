//! The Workday-style HRIS roster CSV (FORMATS.md §8), with a `GitHub_Login` column (empty
//! for people without a GitHub account) that links work emails to Copilot logins.

use super::date::ymd;
use super::org::DEPTS;
use super::people::{status, Person};

pub(super) const HRIS_HEADER: [&str; 13] = [
    "Employee_ID",
    "Worker",
    "Email_-_Primary_Work",
    "GitHub_Login",
    "Supervisory_Organization",
    "Team_Name",
    "Manager_ID",
    "Business_Title",
    "Location",
    "Hire_Date",
    "Termination_Date",
    "Cost_Center",
    "Worker_Status",
];

/// One row per employee, in employee id (hire) order; `logins[i]` is person i's GitHub login.
pub(super) fn hris_csv(people: &[Person], logins: &[Option<String>]) -> Vec<u8> {
    let mut order: Vec<(&Person, &str)> = people
        .iter()
        .enumerate()
        .map(|(i, p)| (p, logins.get(i).and_then(Option::as_deref).unwrap_or("")))
        .collect();
    order.sort_by_key(|(p, _)| (p.employee_id.len(), p.employee_id.as_str()));
    let mut w = csv::Writer::from_writer(Vec::with_capacity(people.len() * 160));
    if w.write_record(HRIS_HEADER).is_err() {
        return Vec::new();
    }
    for (p, login) in order {
        let Some(dept) = DEPTS.get(p.dept) else {
            continue;
        };
        let team = dept.teams.get(p.team).copied().unwrap_or_default();
        let manager = p
            .manager
            .and_then(|m| people.get(m))
            .map(|m| m.employee_id.as_str())
            .unwrap_or("");
        let hire = ymd(p.hire_day);
        let term = p.term_day.map(ymd).unwrap_or_default();
        let cost_center = format!("CC-{}-{}", dept.code, 100 + 10 * p.team);
        let row = [
            p.employee_id.as_str(),
            &p.name,
            &p.email,
            login,
            dept.name,
            team,
            manager,
            p.title,
            p.location,
            &hire,
            &term,
            &cost_center,
            status(p),
        ];
        if w.write_record(row).is_err() {
            break;
        }
    }
    w.into_inner().unwrap_or_default()
}
