//! The by-department table: the headline week's person rows grouped by department (HRIS first,
//! else the vendor's SCIM department, else "Unassigned"), with the minimum group size applied.

use super::adoption::{PersonWeek, WeekTotals};
use super::people::{People, PersonId};
use super::privacy::suppress;
use crate::engine::facts::Facts;
use crate::engine::report::{DepartmentRow, DepartmentTable};
use crate::engine::settings::Settings;
use std::collections::BTreeMap;

pub const UNASSIGNED: &str = "Unassigned";

pub fn empty(settings: &Settings) -> DepartmentTable {
    DepartmentTable {
        min_group_size: settings.floor(),
        source: "none".into(),
        ..Default::default()
    }
}

pub fn table(
    facts: &Facts,
    people: &People,
    rows: &[PersonWeek],
    settings: &Settings,
) -> DepartmentTable {
    let departments = people.departments(facts);
    let mut groups: BTreeMap<String, WeekTotals> = BTreeMap::new();
    let (mut matched, mut holders) = (0, 0);
    for (person, row) in rows.iter().enumerate() {
        if !row.seat && !row.weekly_active && !row.pending {
            continue;
        }
        if row.seat {
            holders += 1;
            matched += u32::from(people.record(facts, PersonId(person as u32)).is_some());
        }
        let name = departments[person].map_or(UNASSIGNED, |d| facts.strings.resolve(d));
        groups.entry(name.to_string()).or_default().add(row);
    }
    let source = if !facts.people.is_empty() {
        "hris"
    } else if departments.iter().any(Option::is_some) {
        "chatgpt"
    } else {
        "none"
    };
    let mut groups: Vec<(String, WeekTotals)> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1.seats.cmp(&a.1.seats).then(a.0.cmp(&b.0)));
    let sizes: Vec<u32> = groups.iter().map(|(_, t)| t.seats).collect();
    let hidden = suppress(&sizes, settings.floor());
    let rows = groups
        .into_iter()
        .zip(&hidden)
        .map(|((department, t), &suppressed)| {
            let show = |v: u32| (!suppressed).then_some(v);
            let rate = |v: Option<f64>| if suppressed { None } else { v };
            DepartmentRow {
                department,
                suppressed,
                seats: show(t.seats),
                activated_users: show(t.activated),
                activation_rate: rate(t.activation_rate()),
                weekly_active_users: show(t.weekly_active),
                weekly_active_rate: rate(super::adoption::ratio(
                    t.weekly_active as f64,
                    t.seats as f64,
                )),
                messages_per_active_user_week: rate(t.messages_per_active_user()),
                advanced_model_share: rate(t.advanced_model_share()),
            }
        })
        .collect();
    DepartmentTable {
        min_group_size: settings.floor(),
        source: source.into(),
        seat_holders_matched_to_hris: matched,
        seat_holders: holders,
        rows,
        suppressed_groups: hidden.iter().filter(|&&h| h).count() as u32,
    }
}
