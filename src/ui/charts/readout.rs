//! The text under the pointer (or, with nothing hovered, the latest category): every series'
//! value at that point, formatted in the chart's unit. Pure, tested natively.

use super::draw::scatter_order;
use super::spec::{ChartSpec, Style};
use crate::ui::format;

pub fn readout(spec: &ChartSpec, hover: Option<usize>) -> String {
    match spec {
        ChartSpec::Categories(c) => {
            let Some(i) = hover.or(c.x_labels.len().checked_sub(1)) else {
                return String::new();
            };
            let name = c
                .x_names
                .get(i)
                .or(c.x_labels.get(i))
                .cloned()
                .unwrap_or_default();
            let parts: Vec<String> = c
                .series
                .iter()
                .filter_map(|s| {
                    let v = s.values.get(i).copied().flatten()?;
                    Some(format!("{} {}", s.name, format::value(Some(v), c.unit)))
                })
                .collect();
            let total = (c.style == Style::StackedBars && c.series.len() > 1).then(|| {
                c.series
                    .iter()
                    .filter_map(|s| s.values.get(i).copied().flatten())
                    .sum::<f64>()
            });
            match (parts.is_empty(), total) {
                (true, _) => format!("{name}: no data"),
                (false, Some(t)) if c.y_max.is_none() && parts.len() > 1 => format!(
                    "{name}: {} (total {})",
                    parts.join(" · "),
                    format::value(Some(t), c.unit)
                ),
                _ => format!("{name}: {}", parts.join(" · ")),
            }
        }
        ChartSpec::Scatter(s) => {
            let order = scatter_order(s);
            let Some(&i) = hover.and_then(|h| order.get(h)) else {
                return format!("{} groups; point at a dot to read it", s.points.len());
            };
            let p = &s.points[i];
            format!(
                "{}: {} {} · {} {} · {} {}",
                p.label,
                format::value(Some(p.x), s.x_unit),
                s.x_title.to_lowercase(),
                format::value(Some(p.y), s.y_unit),
                s.y_title.to_lowercase(),
                format::thousands(p.size.round() as i64),
                s.size_title
            )
        }
        ChartSpec::Heatmap(h) => {
            let Some(c) = hover else {
                return "Point at an hour to read it".to_string();
            };
            let Some(label) = h.x_labels.get(c) else {
                return String::new();
            };
            let cells: Vec<String> = h
                .y_labels
                .iter()
                .zip(&h.cells)
                .map(|(day, row)| {
                    let v = row.get(c).copied().unwrap_or(0.0);
                    format!("{day} {}", format::thousands(v.round() as i64))
                })
                .collect();
            format!("{label}: {} {}", h.value_title, cells.join(" · "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::metrics::definitions::Unit;
    use crate::ui::charts::spec::{Categories, Series};

    #[test]
    fn reads_every_series_at_the_hovered_category() {
        let spec = ChartSpec::Categories(Categories {
            style: Style::StackedBars,
            x_labels: vec!["1 Nov".into(), "8 Nov".into()],
            x_names: vec![],
            series: vec![
                Series::new("gpt-5", vec![Some(30.0), Some(40.0)], 0),
                Series::new("o3", vec![None, Some(10.0)], 1),
            ],
            unit: Unit::Number,
            y_max: None,
            y_title: String::new(),
        });
        assert_eq!(readout(&spec, Some(0)), "1 Nov: gpt-5 30");
        // Nothing hovered: the latest category, with the stack's total.
        assert_eq!(readout(&spec, None), "8 Nov: gpt-5 40 · o3 10 (total 50)");
    }
}
