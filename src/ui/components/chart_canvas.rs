//! A plotters chart on a `<canvas>`: crisp on HiDPI screens (the backing store is the CSS size
//! times `devicePixelRatio`), redrawn on resize, with the value under the pointer read out in
//! text (the canvas's `aria-label` summarises it for screen readers).

use crate::ui::state::Viewport;
use gloo::timers::callback::Timeout;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::{HtmlCanvasElement, PointerEvent};

/// Where the data points sit horizontally, in CSS pixels, to map the pointer back to a point.
#[derive(Clone, Debug, PartialEq)]
pub struct PlotArea {
    /// The x position of each point, in CSS pixels from the canvas's left edge.
    pub xs: Vec<f64>,
}

impl PlotArea {
    /// `points` evenly spaced from `first_x` to `last_x`.
    pub fn even(first_x: f64, last_x: f64, points: usize) -> PlotArea {
        let step = if points > 1 {
            (last_x - first_x) / (points - 1) as f64
        } else {
            0.0
        };
        PlotArea {
            xs: (0..points).map(|i| first_x + step * i as f64).collect(),
        }
    }

    /// The index of the point nearest to `x` (CSS pixels from the canvas's left edge).
    pub fn nearest(&self, x: f64) -> Option<usize> {
        self.xs
            .iter()
            .enumerate()
            .min_by(|a, b| (a.1 - x).abs().total_cmp(&(b.1 - x).abs()))
            .map(|(i, _)| i)
    }
}

/// Paints `data` (highlighting a point) at a device-pixel scale; returns where points are.
pub type Draw<T> =
    fn(&DrawingArea<CanvasBackend, Shift>, &T, Option<usize>, f64) -> Option<PlotArea>;
/// Sizes the canvas's backing store to its CSS size times the device pixel ratio and draws.
fn paint<T>(
    canvas: &HtmlCanvasElement,
    data: &T,
    draw: Draw<T>,
    highlight: Option<usize>,
) -> Option<PlotArea> {
    let scale = window().device_pixel_ratio().max(1.0);
    let width = f64::from(canvas.client_width().max(280));
    let height = f64::from(canvas.client_height().max(180));
    canvas.set_width((width * scale).round() as u32);
    canvas.set_height((height * scale).round() as u32);
    let backend = CanvasBackend::with_canvas_object(canvas.clone())?;
    let root = backend.into_drawing_area();
    let area = draw(&root, data, highlight, scale);
    let _ = root.present();
    area
}

/// Describes the hovered point (or the latest one when nothing is hovered).
pub type Readout<T> = fn(&T, Option<usize>) -> String;

#[component]
pub fn ChartCanvas<T: Clone + Send + Sync + 'static>(
    data: T,
    draw: Draw<T>,
    readout: Readout<T>,
    #[prop(into)] summary: String,
    #[prop(into)] test_id: String,
) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let hover = RwSignal::new(None::<usize>);
    let area = StoredValue::new(None::<PlotArea>);
    let viewport = expect_context::<Viewport>();
    let data = StoredValue::new(data);
    // A chart is first drawn, and drawn again after a resize, in a task of its own: reading the
    // canvas's size makes the browser lay out the page, and doing that for every chart of a
    // freshly built dashboard inside the task that built it blocked the page for over 50 ms.
    // The pending draw is cancelled if the chart goes away first (dropping a Timeout clears it).
    let pending = StoredValue::new_local(None::<Timeout>);
    let drawn_for = StoredValue::new(None::<u32>);
    Effect::new(move |_| {
        let resized = viewport.resized.get();
        let highlight = hover.get();
        let paint = move || {
            let Some(Some(canvas)) = canvas.try_get_untracked() else {
                return;
            };
            let drawn = data.try_with_value(|d| paint(&canvas, d, draw, highlight));
            if let Some(drawn) = drawn {
                area.set_value(drawn);
            }
        };
        if drawn_for.get_value() == Some(resized) {
            // Only the highlighted point changed: redraw now, under the pointer.
            paint();
        } else {
            drawn_for.set_value(Some(resized));
            pending.set_value(Some(Timeout::new(0, paint)));
        }
    });
    let on_move = move |event: PointerEvent| {
        let x = f64::from(event.offset_x());
        hover.set(area.with_value(|a| a.as_ref().and_then(|a| a.nearest(x))));
    };
    view! {
        <div class="chart-box">
            <p class="chart-readout" aria-live="polite">{move || data.with_value(|d| readout(d, hover.get()))}</p>
            <canvas node_ref=canvas class="chart-canvas" role="img" data-testid=test_id aria-label=summary
                on:pointermove=on_move on:pointerleave=move |_| hover.set(None)></canvas>
        </div>
    }
}
