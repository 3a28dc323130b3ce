//! "CSV" and "JSON" for the table that follows: what the table shows, numbers as numbers,
//! formulas neutralised (`engine::export`). Placed right before a `<table>` (or inside the
//! scroll box holding it); the file is named after the view and the panel it sits in.

use crate::engine::export::Table;
use crate::ui::browser::download;
use leptos::html::Span;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

#[component]
pub fn TableTools() -> impl IntoView {
    let anchor = NodeRef::<Span>::new();
    let export = move |json: bool| {
        let Some(anchor) = anchor.get_untracked() else {
            return;
        };
        let Some(table) = table_after(&anchor) else {
            return;
        };
        let table = read_table(&table, &table_name(&anchor));
        if json {
            download(
                &table.file_name("json"),
                "application/json",
                table.to_json().as_bytes(),
            );
        } else {
            // A byte-order mark so that spreadsheets read the file as UTF-8.
            let csv = format!("\u{feff}{}", table.to_csv());
            download(
                &table.file_name("csv"),
                "text/csv;charset=utf-8",
                csv.as_bytes(),
            );
        }
    };
    view! {
        <span class="table-tools" node_ref=anchor data-testid="table-tools">
            <span class="muted small">"Download table"</span>
            <button type="button" class="link small" data-testid="export-csv" on:click=move |_| export(false)>"CSV"</button>
            <button type="button" class="link small" data-testid="export-json" on:click=move |_| export(true)>"JSON"</button>
        </span>
    }
}

/// The table right after the tools (directly, or inside the next element).
fn table_after(anchor: &Element) -> Option<Element> {
    let next = anchor.next_element_sibling()?;
    if next.tag_name().eq_ignore_ascii_case("table") {
        Some(next)
    } else {
        next.query_selector("table").ok().flatten()
    }
}

/// "<view> – <panel>": the view's title and the heading of the panel holding the table.
pub fn table_name(anchor: &Element) -> String {
    let text = |el: Option<Element>| {
        el.and_then(|e| e.text_content())
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
    };
    let view = text(
        anchor
            .closest(".dashboard")
            .ok()
            .flatten()
            .and_then(|d| d.query_selector("h2").ok().flatten()),
    );
    let panel = text(
        anchor
            .closest(".panel")
            .ok()
            .flatten()
            .and_then(|p| p.query_selector("h3").ok().flatten()),
    );
    match (view, panel) {
        (Some(v), Some(p)) => format!("{v} – {p}"),
        (Some(v), None) => v,
        (None, Some(p)) => p,
        (None, None) => "table".into(),
    }
}

/// A cell's text as written in the page (not as styled: no upper-casing), line breaks read as
/// " · " ("file.csv · 12 KB").
fn cell_text(cell: &Element) -> String {
    let mut parts: Vec<String> = Vec::new();
    let children = cell.child_nodes();
    for i in 0..children.length() {
        let Some(node) = children.item(i) else {
            continue;
        };
        let is_break = node
            .dyn_ref::<Element>()
            .is_some_and(|e| e.tag_name().eq_ignore_ascii_case("br"));
        if is_break {
            parts.push(String::new());
            continue;
        }
        let text = node.text_content().unwrap_or_default();
        match parts.last_mut() {
            Some(last) => last.push_str(&text),
            None => parts.push(text),
        }
    }
    parts
        .iter()
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The header row and body rows as shown (a cell's `data-value` wins over its text).
fn read_table(table: &Element, name: &str) -> Table {
    let cells_of = |row: &Element| -> Vec<String> {
        let cells = row.children();
        (0..cells.length())
            .filter_map(|i| cells.item(i))
            .map(|cell| {
                if let Some(raw) = cell.get_attribute("data-value") {
                    return raw;
                }
                cell_text(&cell)
            })
            .collect()
    };
    let rows_of = |selector: &str| -> Vec<Vec<String>> {
        let Ok(list) = table.query_selector_all(selector) else {
            return Vec::new();
        };
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .map(|row| cells_of(&row))
            .collect()
    };
    let header = rows_of(":scope > thead > tr")
        .into_iter()
        .next()
        .unwrap_or_default();
    let body = rows_of(":scope > tbody > tr");
    let width = body
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(header.len());
    let mut header = header;
    for (i, name) in header.iter_mut().enumerate() {
        if name.is_empty() {
            *name = if i == 0 {
                "Label".into()
            } else {
                format!("Column {}", i + 1)
            };
        }
    }
    while header.len() < width {
        header.push(format!("Column {}", header.len() + 1));
    }
    Table::from_display(name, header, &body)
}
