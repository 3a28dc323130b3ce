//! What the Departments view shows, from the Report alone (pure, tested natively): one dot per
//! shown department (sessions per active person per week against messages per session, sized
//! by seats; or, from the Users CSV alone, active share against messages per active person), how
//! many departments the floor hides, and the same numbers as a table.

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::department_usage::{ColumnDefinition, DepartmentUsageRow, UsageBasis};
use crate::engine::Report;
use crate::ui::charts::{ChartSpec, Scatter, ScatterPoint, PALETTE};
use crate::ui::dashboards::week_label;
use crate::ui::format;

#[derive(Clone, Debug, PartialEq)]
pub struct DepartmentsModel {
    pub period: String,
    pub action: Option<String>,
    pub needs: Option<String>,
    pub basis: UsageBasis,
    /// What the dots are made of and how the groups are counted.
    pub basis_note: String,
    /// "2 departments hidden: …" (empty when none is).
    pub hidden_note: String,
    pub hidden: u32,
    pub chart: Option<ChartSpec>,
    pub chart_summary: String,
    pub rows: Vec<DepartmentUsageRow>,
    pub organisation: Option<DepartmentUsageRow>,
    pub definitions: Vec<ColumnDefinition>,
}

pub fn model(report: &Report) -> DepartmentsModel {
    let d = &report.department_usage;
    let sessions = d.basis == UsageBasis::Sessions;
    let axes = |r: &DepartmentUsageRow| -> Option<(f64, f64)> {
        if sessions {
            Some((r.sessions_per_active_person_week?, r.messages_per_session?))
        } else {
            Some((r.active_share?, r.messages_per_active_person_week?))
        }
    };
    let points: Vec<ScatterPoint> = d
        .rows
        .iter()
        .filter(|r| !r.suppressed)
        .filter_map(|r| {
            let (x, y) = axes(r)?;
            Some(ScatterPoint {
                label: r.department.clone(),
                x,
                y,
                size: f64::from(r.seats.unwrap_or(0)),
                colour: 0,
            })
        })
        .enumerate()
        .map(|(i, p)| ScatterPoint {
            colour: i % (PALETTE.len() - 1),
            ..p
        })
        .collect();
    let (x_title, y_title, x_unit) = if sessions {
        (
            "Sessions per active person (week)",
            "Messages per session",
            Unit::Number,
        )
    } else {
        (
            "Weekly active share of seats",
            "Messages per active person (week)",
            Unit::Rate,
        )
    };
    let chart_summary = if points.is_empty() {
        "No department can be placed.".to_string()
    } else {
        let dots: Vec<String> = points
            .iter()
            .map(|p| {
                format!(
                    "{} {} × {}",
                    p.label,
                    format::value(Some(p.x), x_unit),
                    format::value(Some(p.y), Unit::Number)
                )
            })
            .collect();
        format!(
            "Scatter of {} departments, {} across and {} up: {}.",
            points.len(),
            x_title.to_lowercase(),
            y_title.to_lowercase(),
            dots.join("; ")
        )
    };
    let chart = ChartSpec::Scatter(Scatter {
        x_title: x_title.into(),
        y_title: y_title.into(),
        x_unit,
        y_unit: Unit::Number,
        size_title: if d.group_size_basis.starts_with("people with a") {
            "seats".into()
        } else {
            "people".into()
        },
        points,
    });
    let basis_note = match d.basis {
        UsageBasis::Sessions => format!(
            "Each dot is a department: how often its active people start a session (across) against how long the sessions are (up), sized by {}. Right and low is frequent, short use; left and high is rare, long use. Sessions: runs of one person's messages with gaps under {} minutes, from the compliance logs.",
            d.group_size_basis,
            report.settings.session_gap_minutes.max(1)
        ),
        UsageBasis::UsersCsv => format!(
            "No message-level data covers this week, so sessions cannot be counted: each dot is a department's weekly active share of seats (across) against messages per active person (up), from the Users CSV, sized by {}. Load chatgpt.compliance_logs_jsonl for sessions.",
            d.group_size_basis
        ),
        UsageBasis::None => String::new(),
    };
    let hidden_note = match d.suppressed_groups {
        0 => String::new(),
        n => format!(
            "{n} department{} hidden: fewer than {} {} (or hidden with a smaller group so totals cannot reveal it).",
            if n == 1 { "" } else { "s" },
            d.min_group_size,
            d.group_size_basis
        ),
    };
    DepartmentsModel {
        period: report.headline_week.map_or_else(
            || "No complete week yet".to_string(),
            |w| format!("Week of {}", week_label(w)),
        ),
        action: d.action.clone(),
        needs: d.needs.clone(),
        basis: d.basis,
        basis_note,
        hidden_note,
        hidden: d.suppressed_groups,
        chart: (!chart.is_empty()).then_some(chart),
        chart_summary,
        rows: d.rows.clone(),
        organisation: d.organisation.clone(),
        definitions: d.definitions.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::metrics::department_usage::DepartmentUsageView;

    fn report_with(view: DepartmentUsageView) -> Report {
        let mut report = crate::engine::metrics::build_report(
            &crate::engine::dataset::Dataset::default(),
            &crate::engine::settings::Settings::default(),
            "",
        );
        report.department_usage = view;
        report
    }

    fn row(name: &str, seats: u32, x: f64, y: f64) -> DepartmentUsageRow {
        DepartmentUsageRow {
            department: name.into(),
            seats: Some(seats),
            sessions_per_active_person_week: Some(x),
            messages_per_session: Some(y),
            ..Default::default()
        }
    }

    #[test]
    fn hidden_departments_are_not_plotted_and_are_counted() {
        let m = model(&report_with(DepartmentUsageView {
            basis: UsageBasis::Sessions,
            group_size_basis: "people with a ChatGPT seat in the headline week".into(),
            min_group_size: 5,
            suppressed_groups: 2,
            rows: vec![
                row("Engineering", 134, 10.5, 4.0),
                row("Sales", 69, 2.3, 3.1),
                DepartmentUsageRow {
                    department: "Legal".into(),
                    suppressed: true,
                    ..Default::default()
                },
            ],
            ..Default::default()
        }));
        let Some(ChartSpec::Scatter(s)) = &m.chart else {
            panic!("a scatter");
        };
        let dots: Vec<(&str, f64, f64, f64)> = s
            .points
            .iter()
            .map(|p| (p.label.as_str(), p.x, p.y, p.size))
            .collect();
        assert_eq!(
            dots,
            vec![("Engineering", 10.5, 4.0, 134.0), ("Sales", 2.3, 3.1, 69.0)]
        );
        assert_eq!(s.size_title, "seats");
        assert_eq!(
            m.hidden_note,
            "2 departments hidden: fewer than 5 people with a ChatGPT seat in the headline week (or hidden with a smaller group so totals cannot reveal it)."
        );
        assert_eq!(
            m.chart_summary,
            "Scatter of 2 departments, sessions per active person (week) across and messages per session up: Engineering 10.5 × 4; Sales 2.3 × 3.1."
        );
    }

    #[test]
    fn users_csv_basis_plots_active_share() {
        let m = model(&report_with(DepartmentUsageView {
            basis: UsageBasis::UsersCsv,
            group_size_basis: "people with a ChatGPT seat in the headline week".into(),
            rows: vec![DepartmentUsageRow {
                department: "Research".into(),
                seats: Some(3),
                active_share: Some(1.0),
                messages_per_active_person_week: Some(80.0 / 3.0),
                ..Default::default()
            }],
            ..Default::default()
        }));
        let Some(ChartSpec::Scatter(s)) = &m.chart else {
            panic!("a scatter");
        };
        assert_eq!(s.x_unit, Unit::Rate);
        assert_eq!((s.points[0].x, s.points[0].y), (1.0, 80.0 / 3.0));
        assert!(m
            .basis_note
            .starts_with("No message-level data covers this week"));
    }
}
