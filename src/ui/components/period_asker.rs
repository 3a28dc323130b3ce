//! The period asker: a file without dates (a Claude spend report, a Gemini usage report) is
//! refused with a `PeriodRequest`; the analyst gives its period here (the first and last day,
//! or only the download day when the period's length is fixed) and the worker reads it again.

use crate::engine::date::Day;
use crate::engine::sources::{PeriodRequest, FUTURE_GRACE_DAYS};
use crate::ui::state::Session;
use crate::ui::worker_client::set_period;
use leptos::prelude::*;

#[component]
pub fn PeriodAsker(
    request: PeriodRequest,
    file_id: u32,
    file_name: String,
    size_bytes: u64,
    session: Session,
) -> impl IntoView {
    let first = RwSignal::new(
        request
            .suggested
            .map(|s| s.first.to_string())
            .unwrap_or_default(),
    );
    let last = RwSignal::new(
        request
            .suggested
            .map(|s| s.last.to_string())
            .unwrap_or_default(),
    );
    let fixed = request.fixed_days;
    let asked = request.clone();
    // The period the inputs give, or why they give none.
    let answer = Memo::new(move |_| {
        let last = Day::parse(last.get().trim()).ok_or("Enter the last day.")?;
        let first = match fixed {
            Some(_) => last,
            None => Day::parse(first.get().trim()).ok_or("Enter the first day.")?,
        };
        let period = asked.period(first, last).ok_or(match asked.max_days {
            Some(_) => {
                "The first day must come before the last, at most the export's longest range."
            }
            None => "The first day must come before the last.",
        })?;
        // Rows after today would be skipped (`Diagnostics::after_today`): say so here instead.
        match crate::worker::today() {
            Some(today) if period.last > today.plus(FUTURE_GRACE_DAYS) => {
                Err("The last day is after today: enter the days the export covers.")
            }
            _ => Ok(period),
        }
    });
    let apply = move |_| {
        if let Ok(period) = answer.get_untracked() {
            set_period(session, file_id, file_name.clone(), size_bytes, period);
        }
    };
    let last_label = if fixed.is_some() {
        "Downloaded on"
    } else {
        "Last day"
    };
    view! {
        <div class="period-asker" data-testid="period-asker">
            <p>{request.question.clone()}</p>
            <div class="period-inputs">
                {fixed.is_none().then(|| view! {
                    <label>"First day"
                        <input type="date" data-testid="period-first" prop:value=move || first.get()
                            on:input=move |e| first.set(event_target_value(&e)) />
                    </label>
                })}
                <label>{last_label}
                    <input type="date" data-testid="period-last" prop:value=move || last.get()
                        on:input=move |e| last.set(event_target_value(&e)) />
                </label>
                <button type="button" class="button" data-testid="period-apply" on:click=apply
                    disabled=move || answer.with(Result::is_err)>"Read for this period"</button>
            </div>
            <p class="period-answer">{move || match answer.get() {
                Ok(p) => format!("Reads it as {} to {} ({} days).", p.first, p.last, p.days()),
                Err(why) => why.to_string(),
            }}</p>
        </div>
    }
}
