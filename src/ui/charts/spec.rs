//! What a chart shows, as plain data: a dashboard's `model.rs` builds a [`ChartSpec`] from the
//! Report (pure, tested natively) and the [`super::Chart`] component draws it, with its legend,
//! the value under the pointer and a data table as the text alternative.

use crate::engine::metrics::definitions::Unit;

/// Okabe–Ito: eight colours told apart with every common colour-vision deficiency. Series take
/// them in order (the first is blue).
pub const PALETTE: [(u8, u8, u8); 8] = [
    (0, 114, 178),   // blue
    (230, 159, 0),   // orange
    (0, 158, 115),   // bluish green
    (204, 121, 167), // reddish purple
    (86, 180, 233),  // sky blue
    (213, 94, 0),    // vermillion
    (240, 228, 66),  // yellow
    (90, 90, 90),    // grey (for "other")
];

/// The CSS colour of series `index` (`rgb(…)`), for legends drawn in HTML.
pub fn css_colour(index: usize) -> String {
    let (r, g, b) = PALETTE[index % PALETTE.len()];
    format!("rgb({r}, {g}, {b})")
}

#[derive(Clone, Debug, PartialEq)]
pub enum ChartSpec {
    /// Values over categories (weeks, departments…): lines, stacked bars or grouped bars.
    Categories(Categories),
    /// One labelled dot per group, sized by a third value.
    Scatter(Scatter),
    /// A grid of intensities (hour of day × weekday).
    Heatmap(Heatmap),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Lines,
    StackedBars,
    GroupedBars,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Categories {
    pub style: Style,
    /// One label per category, in order ("8 Nov", "Sales"…).
    pub x_labels: Vec<String>,
    /// Longer names for the readout and the table ("8–14 Nov 2026"); empty = `x_labels`.
    pub x_names: Vec<String>,
    pub series: Vec<Series>,
    /// How values read on the axis, the readout and the table.
    pub unit: Unit,
    /// Fix the top of the axis (1.0 for shares); `None` = fit the data.
    pub y_max: Option<f64>,
    /// Axis title ("Tokens per active person").
    pub y_title: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Series {
    pub name: String,
    /// One value per category; `None` = no data (a gap, never a zero).
    pub values: Vec<Option<f64>>,
    /// Drawn dashed (a reference such as seats or a budget line).
    pub dashed: bool,
    /// Palette index (see [`PALETTE`]).
    pub colour: usize,
}

impl Series {
    pub fn new(name: impl Into<String>, values: Vec<Option<f64>>, colour: usize) -> Series {
        Series {
            name: name.into(),
            values,
            dashed: false,
            colour,
        }
    }

    pub fn dashed(mut self) -> Series {
        self.dashed = true;
        self
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Scatter {
    pub x_title: String,
    pub y_title: String,
    pub x_unit: Unit,
    pub y_unit: Unit,
    /// What the dot size means ("seats").
    pub size_title: String,
    pub points: Vec<ScatterPoint>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ScatterPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub size: f64,
    pub colour: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Heatmap {
    /// Column labels (hours "00"…"23").
    pub x_labels: Vec<String>,
    /// Row labels (weekdays).
    pub y_labels: Vec<String>,
    /// `cells[row][column]`.
    pub cells: Vec<Vec<f64>>,
    /// What a cell counts ("messages").
    pub value_title: String,
}

impl ChartSpec {
    /// Drops the leading categories of a line chart where no series has data (a 14-week trend
    /// of a source that covers only the last 4 weeks starts where the data starts). Bars keep
    /// their categories: an empty bar is information.
    pub fn trim_leading_gaps(mut self) -> ChartSpec {
        if let ChartSpec::Categories(c) = &mut self {
            if c.style == Style::Lines {
                let first = (0..c.x_labels.len())
                    .find(|&i| {
                        c.series
                            .iter()
                            .any(|s| s.values.get(i).copied().flatten().is_some())
                    })
                    .unwrap_or(0);
                // Keep at least two categories so a line can be drawn.
                let first = first.min(c.x_labels.len().saturating_sub(2));
                if first > 0 {
                    c.x_labels.drain(..first);
                    if c.x_names.len() > first {
                        c.x_names.drain(..first);
                    }
                    for s in &mut c.series {
                        if s.values.len() > first {
                            s.values.drain(..first);
                        }
                    }
                }
            }
        }
        self
    }

    /// True when there is nothing to draw.
    pub fn is_empty(&self) -> bool {
        match self {
            ChartSpec::Categories(c) => {
                c.x_labels.is_empty()
                    || c.series
                        .iter()
                        .all(|s| s.values.iter().all(Option::is_none))
            }
            ChartSpec::Scatter(s) => s.points.is_empty(),
            ChartSpec::Heatmap(h) => h.cells.iter().flatten().all(|&v| v == 0.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_weeks_without_data_are_trimmed_from_lines_only() {
        let spec = |style| {
            ChartSpec::Categories(Categories {
                style,
                x_labels: vec!["a".into(), "b".into(), "c".into(), "d".into()],
                x_names: vec![],
                series: vec![Series::new("s", vec![None, None, Some(1.0), None], 0)],
                unit: Unit::Number,
                y_max: None,
                y_title: String::new(),
            })
        };
        match spec(Style::Lines).trim_leading_gaps() {
            ChartSpec::Categories(c) => {
                assert_eq!(c.x_labels, vec!["c", "d"]);
                assert_eq!(c.series[0].values, vec![Some(1.0), None]);
            }
            _ => unreachable!(),
        }
        assert_eq!(
            spec(Style::StackedBars).trim_leading_gaps(),
            spec(Style::StackedBars)
        );
    }
}
