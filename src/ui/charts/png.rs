//! A chart as a PNG for slides and documents: drawn again on a canvas at twice its CSS size,
//! with its title and legend above the plot (axes come with the plot itself).

use super::{draw, spec, ChartSpec};
use crate::engine::export::slug;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlAnchorElement, HtmlCanvasElement};

const SCALE: f64 = 2.0;

/// The chart's title: its panel's heading, else the view's.
fn title_of(figure: &Element) -> String {
    let heading = |selector: &str, inner: &str| {
        figure
            .closest(selector)
            .ok()
            .flatten()
            .and_then(|e| e.query_selector(inner).ok().flatten())
            .and_then(|e| e.text_content())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    heading(".panel", "h3")
        .or_else(|| heading(".dashboard", "h2"))
        .unwrap_or_else(|| "Chart".into())
}

/// A legend entry: name, palette index, dashed.
type Entry = (String, usize, bool);

/// The series a legend names.
fn legend_of(spec: &ChartSpec) -> Vec<Entry> {
    match spec {
        ChartSpec::Categories(c) if c.series.len() > 1 || c.series.iter().any(|s| s.dashed) => c
            .series
            .iter()
            .map(|s| (s.name.clone(), s.colour, s.dashed))
            .collect(),
        _ => Vec::new(),
    }
}

/// Draws `spec` with its title and legend and offers it as `uptake-<title>.png`.
pub fn download(figure: &Element, spec: &ChartSpec) -> Option<()> {
    let document = web_sys::window()?.document()?;
    let shown: HtmlCanvasElement = figure
        .query_selector("canvas.chart-canvas")
        .ok()??
        .dyn_into()
        .ok()?;
    let width = f64::from(shown.client_width().max(480));
    let plot_height = f64::from(shown.client_height().max(240));
    let title = title_of(figure);
    let legend = legend_of(spec);
    // Legend entries flow in rows of the chart's width.
    let mut rows: Vec<Vec<(f64, &Entry)>> = vec![Vec::new()];
    let mut x = 16.0;
    for entry in &legend {
        let room = 28.0 + 7.0 * entry.0.chars().count() as f64 + 18.0;
        if x + room > width - 16.0 && x > 16.0 {
            rows.push(Vec::new());
            x = 16.0;
        }
        rows.last_mut()?.push((x, entry));
        x += room;
    }
    let legend_height = if legend.is_empty() {
        0.0
    } else {
        22.0 * rows.len() as f64 + 6.0
    };
    let head = 36.0 + legend_height;
    let canvas: HtmlCanvasElement = document.create_element("canvas").ok()?.dyn_into().ok()?;
    canvas.set_width((width * SCALE).round() as u32);
    canvas.set_height(((head + plot_height) * SCALE).round() as u32);
    let root = CanvasBackend::with_canvas_object(canvas.clone())?.into_drawing_area();
    root.fill(&WHITE).ok()?;
    let px = |v: f64| (v * SCALE).round() as i32;
    let ink = RGBColor(34, 34, 34);
    let title_font = ("sans-serif", f64::from(px(16.0))).into_font().color(&ink);
    root.draw_text(&title, &title_font, (px(16.0), px(10.0)))
        .ok()?;
    let label_font = ("sans-serif", f64::from(px(12.0))).into_font().color(&ink);
    for (row, entries) in rows.iter().enumerate() {
        let y = 36.0 + 22.0 * row as f64;
        for (x, (name, colour, dashed)) in entries {
            let (r, g, b) = spec::PALETTE[colour % spec::PALETTE.len()];
            let colour = RGBColor(r, g, b);
            let swatch = [(px(*x), px(y + 3.0)), (px(x + 20.0), px(y + 13.0))];
            if *dashed {
                root.draw(&Rectangle::new(swatch, colour.stroke_width(px(1.5) as u32)))
                    .ok()?;
            } else {
                root.draw(&Rectangle::new(swatch, colour.filled())).ok()?;
            }
            root.draw_text(name, &label_font, (px(x + 28.0), px(y + 1.0)))
                .ok()?;
        }
    }
    let (_, plot) = root.split_vertically(px(head) as u32);
    draw::draw(&plot, spec, None, SCALE);
    root.present().ok()?;
    let url = canvas.to_data_url_with_type("image/png").ok()?;
    let anchor: HtmlAnchorElement = document.create_element("a").ok()?.dyn_into().ok()?;
    anchor.set_href(&url);
    anchor.set_download(&format!("uptake-{}.png", slug(&title)));
    anchor.click();
    Some(())
}
