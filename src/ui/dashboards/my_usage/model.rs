//! What the My usage view shows, from the Report alone: your figures, messages and sessions
//! week by week, the models that answered you, how long your prompts are, when you use
//! ChatGPT (UTC), custom GPTs and projects, and the observations.

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::my_usage::MyShare;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Heatmap, Series, Style};
use crate::ui::dashboards::{short_day, week_label};

#[derive(Clone, Debug, PartialEq)]
pub struct MyUsageModel {
    pub available: bool,
    pub period: String,
    pub figures: Vec<Figure>,
    pub needs: Option<String>,
    pub weekly_chart: ChartSpec,
    pub weekly_summary: String,
    pub models_chart: ChartSpec,
    pub models_summary: String,
    pub lengths_chart: ChartSpec,
    pub lengths_summary: String,
    pub heatmap: ChartSpec,
    pub heatmap_summary: String,
    /// Custom GPTs and projects, by ordinal label.
    pub assistants: Vec<MyShare>,
    pub observations: Vec<String>,
}

fn share_bars(rows: &[MyShare], name: &str, colour: usize) -> ChartSpec {
    ChartSpec::Categories(Categories {
        style: Style::GroupedBars,
        x_labels: rows.iter().map(|r| r.label.clone()).collect(),
        x_names: Vec::new(),
        series: vec![Series::new(
            name,
            rows.iter().map(|r| Some(r.share)).collect(),
            colour,
        )],
        unit: Unit::Rate,
        y_max: Some(1.0),
        y_title: "Share of your messages".to_string(),
    })
}

fn describe(rows: &[MyShare]) -> String {
    rows.iter()
        .map(|r| format!("{} {} ({:.0}%)", r.label, r.messages, r.share * 100.0))
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn model(report: &Report) -> MyUsageModel {
    let m = &report.my_usage;
    let weeks = &m.weeks;
    let weekly_chart = ChartSpec::Categories(Categories {
        style: Style::Lines,
        x_labels: weeks.iter().map(|w| short_day(w.week)).collect(),
        x_names: weeks.iter().map(|w| week_label(w.week)).collect(),
        series: vec![
            Series::new(
                "Messages you sent",
                weeks.iter().map(|w| Some(w.messages as f64)).collect(),
                0,
            ),
            Series::new(
                "Sessions",
                weeks.iter().map(|w| Some(w.sessions as f64)).collect(),
                2,
            )
            .dashed(),
        ],
        unit: Unit::Number,
        y_max: None,
        y_title: "Per week".to_string(),
    });
    let busiest = weeks
        .iter()
        .max_by_key(|w| (w.messages, std::cmp::Reverse(w.week.first)));
    let weekly_summary = match busiest {
        Some(b) => format!(
            "Line chart of your messages and sessions per week over {} weeks; the busiest week was {} with {} messages.",
            weeks.len(),
            week_label(b.week),
            b.messages
        ),
        None => "No messages to chart.".to_string(),
    };
    let hours: Vec<String> = (0..24).map(|h| format!("{h:02}")).collect();
    let heatmap = ChartSpec::Heatmap(Heatmap {
        x_labels: hours,
        y_labels: m
            .weekdays
            .iter()
            .map(|d| d.chars().take(3).collect())
            .collect(),
        cells: m
            .cells
            .iter()
            .map(|row| row.iter().map(|&n| n as f64).collect())
            .collect(),
        value_title: "messages".to_string(),
    });
    let total: u64 = m.cells.iter().flatten().sum();
    let peak = m
        .cells
        .iter()
        .zip(&m.weekdays)
        .flat_map(|(row, day)| row.iter().enumerate().map(move |(h, &n)| (n, day, h)))
        .max_by_key(|&(n, _, h)| (n, std::cmp::Reverse(h)));
    let heatmap_summary = match peak {
        Some((n, day, h)) if n > 0 => format!(
            "Heatmap of your {total} messages by weekday and hour (UTC); the busiest hour is {day} {h:02}:00 with {n}."
        ),
        _ => "No messages.".to_string(),
    };
    let mut assistants = m.custom_gpts.clone();
    assistants.extend(m.projects.iter().cloned());
    MyUsageModel {
        available: m.available,
        period: m.span.map_or_else(
            || "No personal export loaded".to_string(),
            |s| {
                format!(
                    "Your ChatGPT export, {} – {} · all times UTC",
                    s.first, s.last
                )
            },
        ),
        figures: m.figures.clone(),
        needs: m.needs.clone(),
        weekly_chart,
        weekly_summary,
        models_summary: format!(
            "Bar chart of the models that answered you: {}.",
            describe(&m.models)
        ),
        models_chart: share_bars(&m.models, "Share of your messages", 1),
        lengths_summary: format!(
            "Bar chart of your prompts by length in characters: {}.",
            describe(&m.prompt_lengths)
        ),
        lengths_chart: share_bars(&m.prompt_lengths, "Share of your prompts", 3),
        heatmap,
        heatmap_summary,
        assistants,
        observations: m.observations.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::dataset::Dataset;
    use crate::engine::identity::OrgKey;
    use crate::engine::ingest::{ingest, IngestOptions};
    use crate::engine::metrics::build_report;
    use crate::engine::settings::Settings;

    #[test]
    fn the_fixture_reads_as_charts_and_sentences() {
        let bytes = include_bytes!("../../../../tests/fixtures/personal/conversations.json");
        let key = OrgKey::from_bytes([1; 32]);
        let options = IngestOptions::new(&key);
        let mut dataset = Dataset::default();
        dataset.add(0, "conversations.json", 0, ingest(&bytes[..], &options));
        let m = model(&build_report(&dataset, &Settings::default(), ""));
        assert!(m.available);
        assert_eq!(
            m.period,
            "Your ChatGPT export, 2026-03-02 – 2026-03-12 · all times UTC"
        );
        // Two weeks of 3 messages each: the first (earliest) is the busiest on a tie.
        assert_eq!(
            m.weekly_summary,
            "Line chart of your messages and sessions per week over 2 weeks; the busiest week was 2–8 Mar 2026 with 3 messages."
        );
        // gpt-4o 4 of 6 (67%), o3 2 of 6 (33%).
        assert_eq!(
            m.models_summary,
            "Bar chart of the models that answered you: gpt-4o 4 (67%), o3 2 (33%)."
        );
        assert_eq!(
            m.heatmap_summary,
            "Heatmap of your 6 messages by weekday and hour (UTC); the busiest hour is Monday 09:00 with 3."
        );
        let labels: Vec<&str> = m.assistants.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, vec!["Custom GPT 1", "Project 1"]);
    }
}
