//! The weekly-active trend, drawn with plotters onto any backend (the page uses a canvas).
//! Weekly active people as a filled line, seats as a dashed reference line; the hovered week is
//! marked. Colours are from the Okabe–Ito colour-blind-safe palette.

use super::model::TrendPoint;
use crate::ui::components::chart_canvas::PlotArea;
use plotters::coord::Shift;
use plotters::prelude::*;

pub const ACTIVE: RGBColor = RGBColor(0, 114, 178);
pub const SEATS: RGBColor = RGBColor(230, 159, 0);
const INK: RGBColor = RGBColor(60, 64, 72);
const GRID: RGBColor = RGBColor(228, 231, 236);

/// Draws the trend; `scale` is the device-pixel ratio (every size is multiplied by it).
#[allow(clippy::ptr_arg, reason = "matches the ChartCanvas draw signature")]
pub fn draw_trend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    points: &Vec<TrendPoint>,
    highlight: Option<usize>,
    scale: f64,
) -> Option<PlotArea> {
    let px = |v: f64| (v * scale).round() as i32;
    root.fill(&WHITE).ok()?;
    if points.is_empty() {
        return None;
    }
    let top = points
        .iter()
        .map(|p| p.seats.max(p.active))
        .fold(0.0, f64::max)
        .max(1.0)
        * 1.12;
    let last = (points.len() - 1).max(1) as f64;
    let font = ("sans-serif", px(12.0)).into_font().color(&INK);
    let mut chart = ChartBuilder::on(root)
        .margin_top(px(10.0))
        .margin_right(px(16.0))
        .x_label_area_size(px(28.0))
        .y_label_area_size(px(44.0))
        .build_cartesian_2d(-0.3f64..last + 0.3, 0f64..top)
        .ok()?;
    let labels: Vec<String> = points.iter().map(|p| p.label.clone()).collect();
    // About one label per 70 CSS pixels, so labels never overlap on a phone.
    let css_width = f64::from(root.dim_in_pixel().0) / scale;
    let room = ((css_width - 60.0) / 70.0).floor().max(2.0) as usize;
    let step = points.len().div_ceil(room).max(1);
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .bold_line_style(GRID)
        .axis_style(GRID.stroke_width(px(1.0) as u32))
        .x_labels(points.len())
        .x_label_formatter(&|x| {
            let i = x.round();
            if (x - i).abs() > 0.01 || i < 0.0 {
                return String::new();
            }
            let i = i as usize;
            // Counted back from the latest week, which is always labelled.
            if i < labels.len() && (labels.len() - 1 - i).is_multiple_of(step) {
                labels.get(i).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .y_labels(5)
        .y_label_formatter(&|y| crate::ui::format::thousands(y.round() as i64))
        .label_style(font)
        .draw()
        .ok()?;
    let active: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.active))
        .collect();
    let seats: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (i as f64, p.seats))
        .collect();
    chart
        .draw_series(
            AreaSeries::new(active.clone(), 0.0, ACTIVE.mix(0.14))
                .border_style(ACTIVE.stroke_width(px(2.5) as u32)),
        )
        .ok()?;
    chart
        .draw_series(DashedLineSeries::new(
            seats,
            px(6.0) as u32,
            px(4.0) as u32,
            SEATS.stroke_width(px(2.0) as u32),
        ))
        .ok()?;
    chart
        .draw_series(
            active
                .iter()
                .map(|&(x, y)| Circle::new((x, y), px(3.0), ACTIVE.filled())),
        )
        .ok()?;
    if let Some(i) = highlight.filter(|&i| i < points.len()) {
        let x = i as f64;
        chart
            .draw_series(LineSeries::new(
                vec![(x, 0.0), (x, top)],
                INK.mix(0.35).stroke_width(px(1.0) as u32),
            ))
            .ok()?;
        chart
            .draw_series(std::iter::once(Circle::new(
                (x, points[i].active),
                px(6.0),
                ACTIVE.filled(),
            )))
            .ok()?;
        chart
            .draw_series(std::iter::once(Circle::new(
                (x, points[i].seats),
                px(5.0),
                SEATS.filled(),
            )))
            .ok()?;
    }
    let (x_pixels, _) = chart.plotting_area().get_pixel_range();
    let to_x = |v: f64| {
        let (a, b) = (x_pixels.start as f64, x_pixels.end as f64);
        a + (v + 0.3) / (last + 0.6) * (b - a)
    };
    Some(PlotArea::even(
        to_x(0.0) / scale,
        to_x(last) / scale,
        points.len(),
    ))
}
