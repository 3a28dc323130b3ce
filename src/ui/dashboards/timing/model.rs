//! What the Timing view shows, from the Report alone: peak day and hour in words, the
//! hour-of-day × weekday heatmap (UTC), or a weekday profile when only daily sources exist.

use crate::engine::metrics::definitions::Unit;
use crate::engine::metrics::timing::WEEKDAYS;
use crate::engine::report::Figure;
use crate::engine::Report;
use crate::ui::charts::{Categories, ChartSpec, Heatmap, Series, Style};
use crate::ui::dashboards::week_label;

#[derive(Clone, Debug, PartialEq)]
pub struct TimingModel {
    pub period: String,
    /// Peak day and hour figures with the text they read as ("Friday", "15:00–16:00 UTC").
    pub peaks: Vec<(Figure, String)>,
    /// The other figures (weekend share).
    pub figures: Vec<Figure>,
    pub action: Option<String>,
    pub needs: Option<String>,
    /// The heatmap (messages) or the weekday bars (active person-days); `None` without data.
    pub chart: Option<ChartSpec>,
    pub chart_title: String,
    pub summary: String,
    /// One row per tool with timestamped actions: what is counted and when.
    pub by_tool: Vec<ToolTimingRow>,
}

/// A tool's row of the "By tool" table, in words.
#[derive(Clone, Debug, PartialEq)]
pub struct ToolTimingRow {
    pub tool: String,
    pub label: String,
    pub counts: String,
    pub total: u64,
    pub peak_day: String,
    pub peak_hour: String,
    pub weekend_share: Option<f64>,
}

/// "Friday" for a Monday-first weekday number (1 = Monday).
fn weekday_name(day: Option<f64>) -> String {
    day.and_then(|v| WEEKDAYS.get((v as usize).checked_sub(1)?))
        .copied()
        .unwrap_or("—")
        .to_string()
}

/// "15:00–16:00 UTC".
fn hour_span(hour: Option<f64>) -> String {
    match hour {
        Some(h) => format!("{:02}:00–{:02}:00 UTC", h as u32, (h as u32 + 1) % 24),
        None => "—".to_string(),
    }
}

pub fn model(report: &Report) -> TimingModel {
    let t = &report.timing;
    let text = |f: &Figure| -> String {
        match f.id.as_str() {
            "peak_weekday" => weekday_name(f.value),
            "peak_hour_utc" => hour_span(f.value),
            _ => "—".to_string(),
        }
    };
    let (peaks, figures): (Vec<Figure>, Vec<Figure>) = t
        .figures
        .iter()
        .cloned()
        .partition(|f| f.id == "peak_weekday" || f.id == "peak_hour_utc");
    let peaks = peaks
        .into_iter()
        .map(|f| (text(&f), f))
        .map(|(s, f)| (f, s))
        .collect();
    let window = t
        .window
        .map(|w| format!("{} – {}", w.first, w.last))
        .unwrap_or_default();
    let (chart, chart_title, summary) = if !t.cells.is_empty() {
        let hours: Vec<String> = (0..24).map(|h| format!("{h:02}")).collect();
        let busiest = t
            .cells
            .iter()
            .zip(&t.weekdays)
            .flat_map(|(row, day)| row.iter().enumerate().map(move |(h, &n)| (n, day, h)))
            .max_by_key(|&(n, _, h)| (n, std::cmp::Reverse(h)));
        (
            Some(ChartSpec::Heatmap(Heatmap {
                x_labels: hours,
                y_labels: t.weekdays.iter().map(|d| d.chars().take(3).collect()).collect(),
                cells: t
                    .cells
                    .iter()
                    .map(|row| row.iter().map(|&n| n as f64).collect())
                    .collect(),
                value_title: "messages".to_string(),
            })),
            format!("Messages by hour of day (UTC) and weekday, {window}"),
            match busiest {
                Some((n, day, h)) => format!(
                    "Heatmap of {} messages by weekday and hour (UTC); the busiest hour is {day} {h:02}:00 with {n}.",
                    t.total
                ),
                None => "No messages.".to_string(),
            },
        )
    } else if !t.weekday_totals.is_empty() {
        (
            Some(ChartSpec::Categories(Categories {
                style: Style::GroupedBars,
                x_labels: t
                    .weekdays
                    .iter()
                    .map(|d| d.chars().take(3).collect())
                    .collect(),
                x_names: t.weekdays.clone(),
                series: vec![Series::new(
                    "Active person-days",
                    t.weekday_totals.iter().map(|&n| Some(n as f64)).collect(),
                    0,
                )],
                unit: Unit::People,
                y_max: None,
                y_title: "Active person-days".to_string(),
            })),
            format!("Active person-days by weekday (daily sources), {window}"),
            format!(
                "Bar chart of {} active person-days by weekday, from daily exports (no hours).",
                t.total
            ),
        )
    } else {
        (None, String::new(), String::new())
    };
    TimingModel {
        period: report.headline_week.map_or_else(
            || "No complete week yet".to_string(),
            |w| {
                format!(
                    "28 days ending with the week of {} · all times UTC",
                    week_label(w)
                )
            },
        ),
        peaks,
        figures,
        action: t.action.clone(),
        needs: t.needs.clone(),
        chart,
        chart_title,
        summary,
        by_tool: t
            .by_tool
            .iter()
            .map(|r| ToolTimingRow {
                tool: serde_json::to_value(r.tool)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                label: r.label.clone(),
                counts: r.counts.clone(),
                total: r.total,
                peak_day: weekday_name(r.peak_weekday.map(f64::from)),
                peak_hour: hour_span(r.peak_hour.map(f64::from)),
                weekend_share: r.weekend_share,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::settings::Settings;
    use crate::ui::dashboards::sessions::model::depth_fixture_report;

    #[test]
    fn peaks_read_as_words_and_the_heatmap_starts_on_the_week_start() {
        let m = model(&depth_fixture_report(&Settings::default()));
        let peaks: Vec<(&str, &str)> = m
            .peaks
            .iter()
            .map(|(f, s)| (f.id.as_str(), s.as_str()))
            .collect();
        assert_eq!(
            peaks,
            vec![
                ("peak_weekday", "Monday"),
                ("peak_hour_utc", "09:00–10:00 UTC")
            ]
        );
        let Some(ChartSpec::Heatmap(h)) = &m.chart else {
            panic!("a heatmap")
        };
        assert_eq!(h.y_labels[0], "Mon");
        assert_eq!(h.cells[0][9], 5.0);
        assert_eq!(
            m.summary,
            "Heatmap of 20 messages by weekday and hour (UTC); the busiest hour is Monday 09:00 with 5."
        );
        assert!(m.needs.is_none());
    }

    #[test]
    fn each_tool_with_hours_reads_in_words() {
        let mut report = depth_fixture_report(&Settings::default());
        report.timing.by_tool = vec![crate::engine::metrics::timing::ToolTiming {
            tool: crate::engine::facts::Tool::Cursor,
            label: "Cursor".into(),
            counts: "requests".into(),
            total: 4,
            peak_weekday: Some(2),
            peak_hour: Some(9),
            weekend_share: Some(0.25),
            hour_totals: vec![0; 24],
        }];
        let row = &model(&report).by_tool[0];
        assert_eq!(
            (
                row.tool.as_str(),
                row.peak_day.as_str(),
                row.peak_hour.as_str()
            ),
            ("cursor", "Tuesday", "09:00–10:00 UTC")
        );
    }
}
