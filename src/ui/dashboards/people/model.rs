//! What the People view shows, from the Report alone (pure, tested natively): the pseudonymous
//! rows and their client-side sort by any column.

use crate::engine::metrics::people_table::PersonRow;
use crate::engine::Report;
use crate::ui::dashboards::codex::model::period;

/// The sortable columns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    Pseudonym,
    Department,
    Tools,
    ActionsWeek,
    Actions28Days,
    SeatCost,
}

impl Column {
    pub const ALL: [Column; 6] = [
        Column::Pseudonym,
        Column::Department,
        Column::Tools,
        Column::ActionsWeek,
        Column::Actions28Days,
        Column::SeatCost,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Column::Pseudonym => "pseudonym",
            Column::Department => "department",
            Column::Tools => "tools",
            Column::ActionsWeek => "actions-week",
            Column::Actions28Days => "actions-28-days",
            Column::SeatCost => "seat-cost",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Column::Pseudonym => "Person",
            Column::Department => "Department",
            Column::Tools => "Tools (active this week in bold)",
            Column::ActionsWeek => "Actions, week",
            Column::Actions28Days => "Actions, 28 days",
            Column::SeatCost => "Seat cost / month",
        }
    }

    pub fn numeric(self) -> bool {
        matches!(
            self,
            Column::ActionsWeek | Column::Actions28Days | Column::SeatCost
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PeopleModel {
    pub period: String,
    pub hidden: bool,
    pub note: Option<String>,
    pub definition: String,
    pub action: Option<String>,
    pub rows: Vec<PersonRow>,
    pub summary: String,
}

pub fn model(report: &Report) -> PeopleModel {
    let p = &report.people_table;
    PeopleModel {
        period: period(report),
        hidden: p.hidden,
        note: p.note.clone(),
        definition: p.definition.clone(),
        action: p.action.clone(),
        rows: p.rows.clone(),
        summary: format!(
            "{} people{}. Departments under {} people are shown as \"Suppressed\".",
            p.total_people,
            if p.capped {
                format!(", the {} most active shown", p.rows.len())
            } else {
                String::new()
            },
            p.min_group_size
        ),
    }
}

/// The rows sorted by `column` (descending when `descending`), ties by pseudonym.
pub fn sorted(rows: &[PersonRow], column: Column, descending: bool) -> Vec<PersonRow> {
    let mut out = rows.to_vec();
    out.sort_by(|a, b| {
        let order = match column {
            Column::Pseudonym => a.pseudonym.cmp(&b.pseudonym),
            Column::Department => a.department.cmp(&b.department),
            Column::Tools => a
                .tools
                .len()
                .cmp(&b.tools.len())
                .then(a.tools.cmp(&b.tools)),
            Column::ActionsWeek => a.actions_week.cmp(&b.actions_week),
            Column::Actions28Days => a.actions_28_days.cmp(&b.actions_28_days),
            Column::SeatCost => a.monthly_seat_cost.total_cmp(&b.monthly_seat_cost),
        };
        let order = if descending { order.reverse() } else { order };
        order.then(a.pseudonym.cmp(&b.pseudonym))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(p: &str, dept: &str, week: u64, cost: f64) -> PersonRow {
        PersonRow {
            pseudonym: p.into(),
            department: dept.into(),
            tools: vec!["Codex".into()],
            active_tools_week: Vec::new(),
            actions_week: week,
            actions_28_days: week * 3,
            monthly_seat_cost: cost,
        }
    }

    #[test]
    fn sorting_by_each_column() {
        let rows = vec![
            row("P-b", "Sales", 4, 19.0),
            row("P-a", "Engineering", 29, 0.0),
            row("P-c", "Suppressed", 4, 49.0),
        ];
        let order = |c, d| {
            sorted(&rows, c, d)
                .into_iter()
                .map(|r| r.pseudonym)
                .collect::<Vec<_>>()
        };
        assert_eq!(order(Column::ActionsWeek, true), vec!["P-a", "P-b", "P-c"]);
        assert_eq!(order(Column::ActionsWeek, false), vec!["P-b", "P-c", "P-a"]);
        assert_eq!(order(Column::SeatCost, true), vec!["P-c", "P-b", "P-a"]);
        assert_eq!(order(Column::Department, false), vec!["P-a", "P-b", "P-c"]);
        assert_eq!(order(Column::Pseudonym, true), vec!["P-c", "P-b", "P-a"]);
    }
}
