//! The Overview's "AI-active people" chart at the page's grain (pure, tested natively): one
//! line per tool and one for any tool, each point a distinct count for its bucket.

use crate::engine::date::Day;
use crate::engine::metrics::activity_series::ActivitySeries;
use crate::engine::metrics::definitions::Unit;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::{short_day, week_label};

#[derive(Clone, Debug, PartialEq)]
pub struct ActivityChart {
    pub title: String,
    pub chart: ChartSpec,
    pub summary: String,
    pub note: Option<String>,
    pub definition: String,
}

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

fn weekday(day: Day) -> &'static str {
    WEEKDAYS[day.weekday_from_monday() as usize % 7]
}

pub fn activity_chart(series: &ActivitySeries) -> ActivityChart {
    let (labels, names): (Vec<String>, Vec<String>) = series
        .points
        .iter()
        .map(|p| match p.hour {
            Some(h) => (
                format!("{} {h:02}h", weekday(p.span.first)),
                format!("{} {h:02}:00–{:02}:00 UTC", week_label(p.span), h + 1),
            ),
            None => (short_day(p.span), week_label(p.span)),
        })
        .unzip();
    let mut lines = Vec::new();
    if series.tools.len() > 1 {
        lines.push(Series::new(
            "Any tool",
            series
                .points
                .iter()
                .map(|p| p.any_tool.map(f64::from))
                .collect(),
            0,
        ));
    }
    for (i, tool) in series.tools.iter().enumerate() {
        lines.push(Series::new(
            tool.label(),
            series
                .points
                .iter()
                .map(|p| p.by_tool.get(i).copied().flatten().map(f64::from))
                .collect(),
            i + 1,
        ));
    }
    let bucket = series.grain.id();
    let latest = series.points.last().map(|p| {
        (
            names.last().cloned().unwrap_or_default(),
            p.any_tool.or(p.by_tool.iter().flatten().copied().max()),
        )
    });
    let summary = match latest {
        Some((name, Some(n))) => format!(
            "Line chart of distinct people active on each AI tool per {bucket}, {} points; {name}: {n} people{}.",
            series.points.len(),
            if series.tools.len() > 1 { " on any tool" } else { "" }
        ),
        _ => format!("No AI activity per {bucket} in the data loaded."),
    };
    ActivityChart {
        title: format!("AI-active people, {}", series.grain.label()),
        chart: ChartSpec::Categories(Categories {
            style: Style::Lines,
            x_labels: labels,
            x_names: names,
            series: lines,
            unit: Unit::People,
            y_max: None,
            y_title: "People".into(),
        }),
        summary,
        note: series.note.clone(),
        definition: format!(
            "Distinct people with at least one user-initiated action on the tool in the {bucket} (a message or prompt sent, a Codex turn, a Copilot interaction or accepted suggestion, a native last-activity date or active day inside it), recounted for every {bucket} — never a sum of shorter periods. \"Any tool\" counts each person once, and only where every tool shown has data. Hours are UTC and come from timestamped events only; a weekly or monthly export row is never split into days."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::date::DaySpan;
    use crate::engine::facts::Tool;
    use crate::engine::metrics::activity_series::ActivityPoint;
    use crate::engine::query::Grain;

    #[test]
    fn one_line_per_tool_and_any_tool_with_gaps_kept() {
        let day = |s: &str| Day::parse(s).expect("date");
        let point = |d: &str, any, chatgpt, codex| ActivityPoint {
            span: DaySpan::new(day(d), day(d)),
            hour: None,
            any_tool: any,
            by_tool: vec![chatgpt, codex],
        };
        let series = ActivitySeries {
            grain: Grain::Day,
            note: None,
            tools: vec![Tool::Chatgpt, Tool::Codex],
            points: vec![
                point("2026-11-20", None, Some(3), None),
                point("2026-11-21", Some(4), Some(3), Some(2)),
            ],
        };
        let chart = activity_chart(&series);
        assert_eq!(chart.title, "AI-active people, by day");
        let ChartSpec::Categories(c) = &chart.chart else {
            panic!("lines")
        };
        assert_eq!(c.x_labels, vec!["20 Nov", "21 Nov"]);
        assert_eq!(c.series.len(), 3);
        assert_eq!(c.series[0].name, "Any tool");
        assert_eq!(c.series[0].values, vec![None, Some(4.0)]);
        assert_eq!(c.series[2].values, vec![None, Some(2.0)]);
        assert!(chart.summary.contains("21 Nov 2026: 4 people on any tool"));
    }
}
