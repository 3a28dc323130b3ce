//! The column mapper: when a file's columns are not recognised (an HRIS roster, a Claude Code
//! analytics table), the analyst says what the file is ("Read as:", when it could be more than
//! one format) and which column holds each field; the worker reads the file again with that
//! mapping and keeps it for the file.

use crate::engine::sources::mapping::{ColumnMapping, MappingForm, MappingRequest};
use crate::ui::state::Session;
use crate::ui::worker_client::remap;
use leptos::prelude::*;

#[component]
pub fn Mapper(
    request: MappingRequest,
    file_id: u32,
    file_name: String,
    size_bytes: u64,
    session: Session,
) -> impl IntoView {
    let forms: Vec<MappingForm> = request.forms.clone();
    let headers = request.headers.clone();
    // The form shown, and each form's columns (kept while switching between them).
    let chosen = RwSignal::new(0usize);
    let mappings = RwSignal::new(
        forms
            .iter()
            .map(|f| f.guess.clone())
            .collect::<Vec<ColumnMapping>>(),
    );
    let form_at = {
        let forms = forms.clone();
        move |i: usize| forms.get(i).cloned()
    };
    let complete = {
        let form_at = form_at.clone();
        move || {
            let i = chosen.get();
            let form = form_at(i);
            mappings.with(|m| {
                form.as_ref()
                    .zip(m.get(i))
                    .is_some_and(|(f, m)| f.complete(m))
            })
        }
    };
    let apply = move |_| {
        let i = chosen.get_untracked();
        if let Some(mapping) = mappings.with_untracked(|m| m.get(i).cloned()) {
            remap(session, file_id, file_name.clone(), size_bytes, mapping);
        }
    };
    let read_as = (forms.len() > 1).then(|| {
        let options = forms
            .iter()
            .enumerate()
            .map(|(i, f)| {
                view! {
                    <option value=i.to_string() data-format=f.format.id()
                        selected=move || chosen.get() == i>{f.label.clone()}</option>
                }
            })
            .collect_view();
        view! {
            <label class="mapper-format">"Read as "
                <select data-testid="mapper-format" on:change=move |e| {
                    if let Ok(i) = event_target_value(&e).parse::<usize>() {
                        chosen.set(i);
                    }
                }>{options}</select>
            </label>
        }
    });
    let fields = move || {
        let i = chosen.get();
        let Some(form) = form_at(i) else {
            return ().into_any();
        };
        let rows = form
            .fields
            .iter()
            .map(|field| {
                let id = field.id.clone();
                let headers = headers.clone();
                let options = headers
                    .iter()
                    .enumerate()
                    .map(|(c, h)| {
                        let id = id.clone();
                        view! {
                            <option value=c.to_string()
                                selected=move || mappings.with(|m| m.get(i).and_then(|m| m.column(&id)) == Some(c))>
                                {h.clone()}
                            </option>
                        }
                    })
                    .collect_view();
                let set_id = id.clone();
                view! {
                    <tr>
                        <th scope="row">{field.label.clone()}
                            {field.required.then(|| view! { <span class="required" title="Needed to read the file">" *"</span> })}
                        </th>
                        <td>
                            <select data-field=id.clone() on:change=move |e| {
                                let column = event_target_value(&e).parse::<usize>().ok();
                                mappings.update(|m| {
                                    if let Some(m) = m.get_mut(i) {
                                        m.set(&set_id, column);
                                    }
                                });
                            }>
                                <option value="">"—"</option>
                                {options}
                            </select>
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <p>{form.instruction.clone()}</p>
            <table>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <div class="mapper" data-testid="column-mapper">
            {read_as}
            {fields}
            <button type="button" class="button" data-testid="mapper-apply" on:click=apply
                disabled=move || !complete()>"Read with these columns"</button>
        </div>
    }
}
