//! What the Session depth view shows, from the Report alone: the figures, the verdict, the
//! two weekly charts (sessions per person, messages per session) and the per-tool rows.

use crate::engine::date::DaySpan;
use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::depth::ToolDepth;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Series, Style};
use crate::ui::dashboards::{bucket_word, in_bucket, short_day, week_label, TrendLabels};

#[derive(Clone, Debug, PartialEq)]
pub struct SessionsModel {
    pub period: String,
    pub comparison: String,
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub verdict: Option<String>,
    pub needs: Option<String>,
    pub sessions_chart: ChartSpec,
    pub depth_chart: ChartSpec,
    /// "Sessions per person rose from … to …" for the charts' text alternatives.
    pub sessions_summary: String,
    pub depth_summary: String,
    pub tools: Vec<ToolDepth>,
    pub gap_minutes: u32,
    pub trend: TrendLabels,
}

pub fn model(report: &Report) -> SessionsModel {
    let d = &report.depth;
    let x_labels: Vec<String> = d.weeks.iter().map(|w| short_day(w.week)).collect();
    let x_names: Vec<String> = d.weeks.iter().map(|w| week_label(w.week)).collect();
    let chart = |name: &str, values: Vec<Option<f64>>, colour: usize, title: &str| {
        ChartSpec::Categories(Categories {
            style: Style::Lines,
            x_labels: x_labels.clone(),
            x_names: x_names.clone(),
            series: vec![Series::new(name, values, colour)],
            unit: Unit::Number,
            y_max: None,
            y_title: title.to_string(),
        })
    };
    let sessions: Vec<Option<f64>> = d.weeks.iter().map(|w| w.sessions_per_active_user).collect();
    let depth: Vec<Option<f64>> = d.weeks.iter().map(|w| w.messages_per_session).collect();
    let weeks_back = report.settings.compare_weeks_back;
    let spans: Vec<DaySpan> = d.weeks.iter().map(|w| w.week).collect();
    SessionsModel {
        trend: TrendLabels::of(report, false),
        period: report.headline_week.map_or_else(
            || "No complete week yet".to_string(),
            |w| {
                format!(
                    "Week of {} · ChatGPT messages from the compliance log",
                    week_label(w)
                )
            },
        ),
        comparison: match report.comparison_week {
            Some(_) => format!("vs {weeks_back} weeks ago"),
            None => format!("(no data {weeks_back} weeks earlier)"),
        },
        figures: d.figures.clone(),
        action: d.action.clone(),
        verdict: d.verdict.clone(),
        needs: d.needs.clone(),
        sessions_summary: summary("Sessions per active person", &sessions, &spans),
        depth_summary: summary("Messages per session", &depth, &spans),
        sessions_chart: chart(
            "Sessions per active person",
            sessions,
            0,
            "Sessions per person",
        ),
        depth_chart: chart("Messages per session", depth, 1, "Messages per session"),
        tools: d.tools.clone(),
        gap_minutes: report.settings.session_gap_minutes.max(1),
    }
}

/// "Line chart of sessions per active person by week: 4.4 in the week of … to 4.8 in the week
/// of …." (by day: "on …", by month: "in …").
fn summary(what: &str, values: &[Option<f64>], spans: &[DaySpan]) -> String {
    let measured: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| Some((i, (*v)?)))
        .collect();
    match (measured.first(), measured.last()) {
        (Some(&(i, a)), Some(&(j, b))) => format!(
            "Line chart of {} by {}: {a:.1} {} to {b:.1} {}.",
            what.to_lowercase(),
            bucket_word(spans[i]),
            in_bucket(spans[i]),
            in_bucket(spans[j])
        ),
        _ => format!("No {} to chart.", what.to_lowercase()),
    }
}

/// The Report of tests/fixtures/depth (compliance log + HRIS), for the three views' tests.
#[cfg(test)]
pub(crate) fn depth_fixture_report(settings: &crate::engine::settings::Settings) -> Report {
    use crate::engine::dataset::Dataset;
    use crate::engine::identity::OrgKey;
    use crate::engine::ingest::{ingest, IngestOptions};
    let key = OrgKey::from_bytes([42; 32]);
    let files: [(&str, &[u8]); 2] = [
        (
            "hris.csv",
            include_bytes!("../../../../tests/fixtures/depth/hris.csv"),
        ),
        (
            "compliance.jsonl",
            include_bytes!("../../../../tests/fixtures/depth/compliance.jsonl"),
        ),
    ];
    let mut data = Dataset::default();
    for (i, (name, bytes)) in files.iter().enumerate() {
        let options = IngestOptions::new(&key);
        data.add(i as u32, name, bytes.len() as u64, ingest(*bytes, &options));
    }
    crate::engine::metrics::build_report(&data, settings, &key.fingerprint())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::settings::Settings;

    #[test]
    fn the_fixture_gives_two_weekly_lines_and_a_verdict() {
        let m = model(&depth_fixture_report(&Settings::default()));
        assert_eq!(
            m.period,
            "Week of 11–17 May 2026 · ChatGPT messages from the compliance log"
        );
        let ChartSpec::Categories(c) = &m.sessions_chart else {
            panic!("a line chart")
        };
        assert_eq!(c.x_labels, vec!["4 May", "11 May"]);
        assert_eq!(c.series[0].values, vec![Some(1.0), Some(10.0 / 6.0)]);
        let ChartSpec::Categories(c) = &m.depth_chart else {
            panic!("a line chart")
        };
        assert_eq!(c.series[0].values, vec![Some(2.0), Some(1.6)]);
        assert_eq!(
            m.depth_summary,
            "Line chart of messages per session by week: 2.0 in the week of 4–10 May 2026 to 1.6 in the week of 11–17 May 2026."
        );
        assert!(m.verdict.is_some() && m.action.is_some() && m.needs.is_none());
        assert_eq!(m.tools.len(), 2);
    }

    #[test]
    fn summaries_skip_weeks_without_data() {
        let day = |s: &str| crate::engine::date::Day::parse(s).expect("date");
        let days: Vec<DaySpan> = ["2026-11-06", "2026-11-07", "2026-11-08"]
            .iter()
            .map(|d| DaySpan::new(day(d), day(d)))
            .collect();
        assert_eq!(
            summary("Sessions per active person", &[None, Some(2.0), Some(2.5)], &days),
            "Line chart of sessions per active person by day: 2.0 on 7 Nov 2026 to 2.5 on 8 Nov 2026."
        );
        assert_eq!(summary("X", &[None], &days), "No x to chart.");
    }
}
