//! A plotters chart on a `<canvas>`: crisp on HiDPI screens (the backing store is the CSS size
//! times `devicePixelRatio`), redrawn on resize, with the value under the pointer read out in
//! text (the canvas's `aria-label` summarises it for screen readers).

use crate::ui::state::Viewport;
use leptos::html::Canvas;
use leptos::prelude::*;
use plotters::coord::Shift;
use plotters::prelude::*;
use plotters_canvas::CanvasBackend;
use web_sys::PointerEvent;

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
    Effect::new(move |_| {
        viewport.resized.track();
        let highlight = hover.get();
        let Some(canvas) = canvas.get() else { return };
        let scale = window().device_pixel_ratio().max(1.0);
        let width = f64::from(canvas.client_width().max(280));
        let height = f64::from(canvas.client_height().max(180));
        canvas.set_width((width * scale).round() as u32);
        canvas.set_height((height * scale).round() as u32);
        let Some(backend) = CanvasBackend::with_canvas_object(canvas.clone()) else {
            return;
        };
        let root = backend.into_drawing_area();
        area.set_value(data.with_value(|d| draw(&root, d, highlight, scale)));
        let _ = root.present();
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
