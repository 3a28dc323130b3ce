//! Draws a [`ChartSpec`] with plotters on any backend (the page uses a canvas). Every size is
//! multiplied by the device-pixel ratio `scale`, so text and lines are crisp on HiDPI screens.

use super::axis;
use super::spec::{Categories, ChartSpec, Heatmap, Scatter, Style, PALETTE};
use crate::ui::components::chart_canvas::PlotArea;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const INK: RGBColor = RGBColor(60, 64, 72);
const GRID: RGBColor = RGBColor(228, 231, 236);

pub fn colour(index: usize) -> RGBColor {
    let (r, g, b) = PALETTE[index % PALETTE.len()];
    RGBColor(r, g, b)
}

/// Draws `spec`, highlighting point (category, dot or column) `highlight`.
#[allow(clippy::ptr_arg, reason = "matches the ChartCanvas draw signature")]
pub fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    spec: &ChartSpec,
    highlight: Option<usize>,
    scale: f64,
) -> Option<PlotArea> {
    root.fill(&WHITE).ok()?;
    if spec.is_empty() {
        return None;
    }
    match spec {
        ChartSpec::Categories(c) => categories(root, c, highlight, scale),
        ChartSpec::Scatter(s) => scatter(root, s, highlight, scale),
        ChartSpec::Heatmap(h) => heatmap(root, h, highlight, scale),
    }
}

/// About one x label per `room` CSS pixels, so labels never overlap on a phone.
fn label_step(root_width: u32, scale: f64, count: usize, room: f64) -> usize {
    let css_width = f64::from(root_width) / scale;
    let fits = ((css_width - 60.0) / room).floor().max(2.0) as usize;
    count.div_ceil(fits).max(1)
}

fn categories<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    c: &Categories,
    highlight: Option<usize>,
    scale: f64,
) -> Option<PlotArea> {
    let px = |v: f64| (v * scale).round() as i32;
    let n = c.x_labels.len();
    let top = c
        .y_max
        .unwrap_or_else(|| axis::nice_top(data_top(c)))
        .max(1e-9);
    let bars = c.style != Style::Lines;
    let (lo, hi) = if bars {
        (-0.5, n as f64 - 0.5)
    } else {
        (-0.3, (n.max(2) - 1) as f64 + 0.3)
    };
    let font = ("sans-serif", px(12.0)).into_font().color(&INK);
    let y_area = if c.y_title.is_empty() { 52.0 } else { 70.0 };
    // Each category's slot on the x axis, in CSS pixels: labels are shown as their own
    // widths allow (every one when they fit), never overlapping.
    let plot_css = f64::from(root.dim_in_pixel().0) / scale - y_area - 16.0;
    let step = axis::fitting_label_step(&c.x_labels, plot_css.max(1.0) / (hi - lo));
    let unit = c.unit;
    let mut chart = ChartBuilder::on(root)
        .margin_top(px(12.0))
        .margin_right(px(16.0))
        .x_label_area_size(px(30.0))
        .y_label_area_size(px(y_area))
        .build_cartesian_2d(lo..hi, 0f64..top)
        .ok()?;
    let labels = c.x_labels.clone();
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(GRID.stroke_width(px(1.0) as u32))
        .x_labels(n.max(2))
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 0.01 || i < 0.0 {
                return String::new();
            }
            let i = i as usize;
            // Counted back from the latest category, which is always labelled.
            if i < labels.len() && (labels.len() - 1 - i).is_multiple_of(step) {
                labels.get(i).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_labels(5)
        .y_label_formatter(&|y| axis::tick(*y, unit))
        .y_desc(c.y_title.clone())
        .label_style(font.clone())
        .axis_desc_style(font)
        .draw()
        .ok()?;
    if let Some(i) = highlight.filter(|&i| i < n) {
        let x = i as f64;
        let half: f64 = if bars { 0.5 } else { 0.12 };
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - half.max(0.02), 0.0), (x + half.max(0.02), top)],
                INK.mix(0.07).filled(),
            )))
            .ok()?;
    }
    match c.style {
        Style::Lines => {
            for s in &c.series {
                let colour = colour(s.colour);
                let width = px(if s.dashed { 2.0 } else { 2.5 }) as u32;
                // A missing value breaks the line: no data is not zero.
                let mut segment: Vec<(f64, f64)> = Vec::new();
                let mut segments = Vec::new();
                for (i, v) in s.values.iter().enumerate() {
                    match v {
                        Some(v) => segment.push((i as f64, v.min(top))),
                        None => segments.push(std::mem::take(&mut segment)),
                    }
                }
                segments.push(segment);
                for seg in segments.into_iter().filter(|s| !s.is_empty()) {
                    if s.dashed {
                        chart
                            .draw_series(DashedLineSeries::new(
                                seg.clone(),
                                px(6.0) as u32,
                                px(4.0) as u32,
                                colour.stroke_width(width),
                            ))
                            .ok()?;
                    } else {
                        chart
                            .draw_series(LineSeries::new(seg.clone(), colour.stroke_width(width)))
                            .ok()?;
                        let radius = if highlight.is_some() { 3.0 } else { 2.5 };
                        chart
                            .draw_series(seg.iter().map(|&(x, y)| {
                                let big = highlight == Some(x as usize);
                                Circle::new(
                                    (x, y),
                                    px(if big { 5.5 } else { radius }),
                                    colour.filled(),
                                )
                            }))
                            .ok()?;
                    }
                }
            }
        }
        Style::StackedBars => {
            let width = 0.72;
            for i in 0..n {
                let mut base = 0.0;
                for s in &c.series {
                    let v = s.values.get(i).copied().flatten().unwrap_or(0.0);
                    if v <= 0.0 {
                        continue;
                    }
                    let (x0, x1) = (i as f64 - width / 2.0, i as f64 + width / 2.0);
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(x0, base), (x1, (base + v).min(top))],
                            colour(s.colour).filled(),
                        )))
                        .ok()?;
                    base += v;
                }
            }
        }
        Style::GroupedBars => {
            let k = c.series.len().max(1) as f64;
            let group = 0.78;
            let bar = group / k;
            for i in 0..n {
                for (j, s) in c.series.iter().enumerate() {
                    let Some(v) = s.values.get(i).copied().flatten() else {
                        continue;
                    };
                    let x0 = i as f64 - group / 2.0 + bar * j as f64;
                    let style = if s.dashed {
                        colour(s.colour).mix(0.45).filled()
                    } else {
                        colour(s.colour).filled()
                    };
                    chart
                        .draw_series(std::iter::once(Rectangle::new(
                            [(x0 + bar * 0.06, 0.0), (x0 + bar * 0.94, v.min(top))],
                            style,
                        )))
                        .ok()?;
                }
            }
        }
    }
    let (x_pixels, _) = chart.plotting_area().get_pixel_range();
    let to_css = |v: f64| {
        let (a, b) = (x_pixels.start as f64, x_pixels.end as f64);
        (a + (v - lo) / (hi - lo) * (b - a)) / scale
    };
    Some(PlotArea {
        xs: (0..n).map(|i| to_css(i as f64)).collect(),
    })
}

/// The highest value drawn: the tallest stack for stacked bars, else the largest value.
fn data_top(c: &Categories) -> f64 {
    let n = c.x_labels.len();
    match c.style {
        Style::StackedBars => (0..n)
            .map(|i| {
                c.series
                    .iter()
                    .filter_map(|s| s.values.get(i).copied().flatten())
                    .filter(|v| *v > 0.0)
                    .sum::<f64>()
            })
            .fold(0.0, f64::max),
        _ => c
            .series
            .iter()
            .flat_map(|s| s.values.iter().flatten())
            .copied()
            .fold(0.0, f64::max),
    }
}

/// Scatter points in the order the pointer reads them (left to right).
pub fn scatter_order(s: &Scatter) -> Vec<usize> {
    let mut order: Vec<usize> = (0..s.points.len()).collect();
    order.sort_by(|&a, &b| s.points[a].x.total_cmp(&s.points[b].x));
    order
}

fn scatter<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    s: &Scatter,
    highlight: Option<usize>,
    scale: f64,
) -> Option<PlotArea> {
    let px = |v: f64| (v * scale).round() as i32;
    let x_top = axis::nice_top(s.points.iter().map(|p| p.x).fold(0.0, f64::max) * 1.08);
    let y_top = axis::nice_top(s.points.iter().map(|p| p.y).fold(0.0, f64::max) * 1.1);
    let max_size = s
        .points
        .iter()
        .map(|p| p.size)
        .fold(0.0, f64::max)
        .max(1e-9);
    let font = ("sans-serif", px(12.0)).into_font().color(&INK);
    let (x_unit, y_unit) = (s.x_unit, s.y_unit);
    let mut chart = ChartBuilder::on(root)
        .margin_top(px(14.0))
        .margin_right(px(24.0))
        .x_label_area_size(px(44.0))
        .y_label_area_size(px(64.0))
        .build_cartesian_2d(0f64..x_top, 0f64..y_top)
        .ok()?;
    chart
        .configure_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(GRID.stroke_width(px(1.0) as u32))
        .x_labels(6)
        .y_labels(5)
        .x_label_formatter(&|x| axis::tick(*x, x_unit))
        .y_label_formatter(&|y| axis::tick(*y, y_unit))
        .x_desc(s.x_title.clone())
        .y_desc(s.y_title.clone())
        .label_style(font.clone())
        .axis_desc_style(font.clone())
        .draw()
        .ok()?;
    let order = scatter_order(s);
    let highlighted = highlight.and_then(|h| order.get(h).copied());
    let radius = |size: f64| 5.0 + 17.0 * (size / max_size).max(0.0).sqrt();
    for (i, p) in s.points.iter().enumerate() {
        let c = colour(p.colour);
        let r = px(radius(p.size));
        let alpha = if highlighted.is_some_and(|h| h != i) {
            0.35
        } else {
            0.7
        };
        chart
            .draw_series(std::iter::once(Circle::new(
                (p.x, p.y),
                r,
                c.mix(alpha).filled(),
            )))
            .ok()?;
        chart
            .draw_series(std::iter::once(Circle::new(
                (p.x, p.y),
                r,
                c.stroke_width(px(if highlighted == Some(i) { 2.5 } else { 1.0 }) as u32),
            )))
            .ok()?;
        let label_font = font.clone().pos(Pos::new(HPos::Left, VPos::Center));
        chart
            .draw_series(std::iter::once(Text::new(
                p.label.clone(),
                (p.x, p.y),
                label_font,
            )))
            .ok()?;
        let _ = r;
    }
    let (x_pixels, _) = chart.plotting_area().get_pixel_range();
    let to_css = |v: f64| {
        let (a, b) = (x_pixels.start as f64, x_pixels.end as f64);
        (a + v / x_top * (b - a)) / scale
    };
    Some(PlotArea {
        xs: order.iter().map(|&i| to_css(s.points[i].x)).collect(),
    })
}

fn heatmap<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    h: &Heatmap,
    highlight: Option<usize>,
    scale: f64,
) -> Option<PlotArea> {
    let px = |v: f64| (v * scale).round() as i32;
    let columns = h.x_labels.len();
    let rows = h.y_labels.len();
    if columns == 0 || rows == 0 {
        return None;
    }
    let max = h
        .cells
        .iter()
        .flatten()
        .copied()
        .fold(0.0, f64::max)
        .max(1e-9);
    let font = ("sans-serif", px(12.0)).into_font().color(&INK);
    let step = label_step(root.dim_in_pixel().0, scale, columns, 30.0);
    let x_labels = h.x_labels.clone();
    let y_labels = h.y_labels.clone();
    // Cells are centred on whole numbers, so the axis's key points (whole numbers) label them.
    let mut chart = ChartBuilder::on(root)
        .margin_top(px(8.0))
        .margin_right(px(12.0))
        .x_label_area_size(px(28.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d(-0.5f64..columns as f64 - 0.5, -0.5f64..rows as f64 - 0.5)
        .ok()?;
    chart
        .configure_mesh()
        .disable_mesh()
        .axis_style(TRANSPARENT)
        .x_labels(columns)
        .y_labels(rows)
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 0.01 || i < 0.0 || !(i as usize).is_multiple_of(step) {
                return String::new();
            }
            x_labels.get(i as usize).cloned().unwrap_or_default()
        })
        .y_label_formatter(&|y| {
            let i = y.round();
            if (y - i).abs() > 0.01 || i < 0.0 {
                return String::new();
            }
            // Row 0 at the top.
            y_labels
                .get(rows.saturating_sub(1 + i as usize))
                .cloned()
                .unwrap_or_default()
        })
        .label_style(font)
        .draw()
        .ok()?;
    let base = colour(0);
    for (r, row) in h.cells.iter().enumerate() {
        for (c, &v) in row.iter().enumerate() {
            let y = (rows - 1 - r) as f64;
            let x = c as f64;
            let t = (v / max).clamp(0.0, 1.0);
            let fill = if v <= 0.0 {
                RGBColor(246, 247, 249)
            } else {
                mix(RGBColor(232, 242, 250), base, t.sqrt())
            };
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.46, y - 0.44), (x + 0.46, y + 0.44)],
                    fill.filled(),
                )))
                .ok()?;
        }
    }
    if let Some(c) = highlight.filter(|&c| c < columns) {
        let x = c as f64;
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(x - 0.5, -0.5), (x + 0.5, rows as f64 - 0.5)],
                INK.stroke_width(px(1.5) as u32),
            )))
            .ok()?;
    }
    let (x_pixels, _) = chart.plotting_area().get_pixel_range();
    let to_css = |v: f64| {
        let (a, b) = (x_pixels.start as f64, x_pixels.end as f64);
        (a + (v + 0.5) / columns as f64 * (b - a)) / scale
    };
    Some(PlotArea {
        xs: (0..columns).map(|c| to_css(c as f64)).collect(),
    })
}

fn mix(a: RGBColor, b: RGBColor, t: f64) -> RGBColor {
    let m = |x: u8, y: u8| (f64::from(x) + (f64::from(y) - f64::from(x)) * t).round() as u8;
    RGBColor(m(a.0, b.0), m(a.1, b.1), m(a.2, b.2))
}
