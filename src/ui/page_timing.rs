//! How long the page's own thread spends on each Report: decoding the worker's JSON, then
//! building the dashboards that change (in the same task; each chart is drawn later, in a task
//! of its own). Written on the root element as `data-page-timings` (a JSON list like the
//! workers' `data-timings`) for the browser benchmark's "Where the time goes".

use gloo::timers::callback::Timeout;

/// Call when a Report has been decoded (`decode_ms`) and just before it is set (`set_at`, from
/// `js_sys::Date::now()`): a timeout queued now runs right after the task that builds the
/// dashboards, and records how long that took.
pub fn report_applied(decode_ms: f64, set_at: f64) {
    Timeout::new(0, move || {
        let build_ms = js_sys::Date::now() - set_at;
        let json = format!(
            r#"[{{"what":"decode the Report (page)","ms":{decode_ms}}},{{"what":"build the dashboards (page)","ms":{build_ms}}}]"#
        );
        if let Some(root) = super::browser::root_element() {
            let _ = root.set_attribute("data-page-timings", &json);
        }
    })
    .forget();
}
