//! The HRIS column mapper: when a roster's columns are not recognised, the analyst says which
//! column is the work email, employee id, department… and the worker reads the file again.

use crate::engine::sources::hris::{HrisField, HrisMapping, MappingRequest};
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
    let mapping = RwSignal::new(request.guess.clone());
    let headers = request.headers.clone();
    let apply = move |_| {
        let chosen = mapping.get_untracked();
        remap(session, file_id, file_name.clone(), size_bytes, chosen);
    };
    view! {
        <div class="mapper" data-testid="column-mapper">
            <p>"Which column holds what? Pick at least a work email, employee id or GitHub login."</p>
            <table>
                <tbody>
                    {HrisField::ALL.into_iter().map(|field| {
                        let headers = headers.clone();
                        view! {
                            <tr>
                                <th scope="row">{field.label()}</th>
                                <td>
                                    <select data-field=format!("{field:?}") on:change=move |e| {
                                        let value = event_target_value(&e);
                                        mapping.update(|m: &mut HrisMapping| {
                                            m.columns.retain(|(f, _)| *f != field);
                                            if let Ok(column) = value.parse::<usize>() {
                                                m.columns.push((field, column));
                                            }
                                        });
                                    }>
                                        <option value="">"—"</option>
                                        {headers.iter().enumerate().map(|(i, h)| view! {
                                            <option value=i.to_string()
                                                selected=move || mapping.with(|m| m.column(field) == Some(i))>
                                                {h.clone()}
                                            </option>
                                        }).collect_view()}
                                    </select>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <button type="button" class="button" on:click=apply
                disabled=move || !mapping.with(HrisMapping::has_identifier)>"Read with these columns"</button>
        </div>
    }
}
