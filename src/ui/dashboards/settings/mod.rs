//! Settings and the org key: the group-size floor, the comparison distance, the week start,
//! the seat price and the advanced-model tier; saving, loading or deriving the key.

use crate::engine::date::WeekStart;
use crate::engine::facts::Tool;
use crate::engine::identity::OrgKey;
use crate::engine::settings::{Budget, DepartmentBudget, ModelMultiplier, SeatPrice, Settings};
use crate::ui::browser::download;
use crate::ui::key;
use crate::ui::state::{Session, SettingsState};
use leptos::prelude::*;
use web_sys::HtmlInputElement;

/// Tools with a seat price and a budget.
const TOOLS: [Tool; 7] = [
    Tool::Chatgpt,
    Tool::Codex,
    Tool::Copilot,
    Tool::M365Copilot,
    Tool::Claude,
    Tool::Cursor,
    Tool::Gemini,
];

/// One tool's seat price and monthly budget.
#[component]
fn ToolMoney(tool: Tool) -> impl IntoView {
    let settings = expect_context::<SettingsState>().settings;
    let parse = |e: &leptos::ev::Event| {
        event_target_value(e)
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
    };
    view! {
        <fieldset class="field tool-money" data-tool=crate::ui::fragment::tool_id(tool)>
            <legend>{tool.label()}</legend>
            <label>
                <small>"Seat / month ($)"</small>
                <input type="number" min="0" step="any" data-testid="seat-price"
                    prop:value=move || settings.with(|s| s.seat_price(tool).to_string())
                    on:change=move |e| if let Some(v) = parse(&e) {
                        settings.update(|s| {
                            s.seat_prices.retain(|p| p.tool != tool);
                            s.seat_prices.push(SeatPrice { tool, monthly_usd: v });
                        });
                    } />
            </label>
            <label>
                <small>"Budget / month ($)"</small>
                <input type="number" min="0" step="any" placeholder="none" data-testid="budget"
                    prop:value=move || settings.with(|s| s.budget(tool).map(|b| b.to_string()).unwrap_or_default())
                    on:change=move |e| {
                        let v = parse(&e);
                        settings.update(|s| {
                            s.budgets.retain(|b| b.tool != tool);
                            if let Some(v) = v.filter(|v| *v > 0.0) {
                                s.budgets.push(Budget { tool, monthly_usd: v });
                            }
                        });
                    } />
            </label>
        </fieldset>
    }
}

/// "Claude Opus 4.6 = 3" lines → multipliers (lines that do not parse are dropped).
pub fn parse_multipliers(text: &str) -> Vec<ModelMultiplier> {
    text.lines()
        .filter_map(|line| {
            let (prefix, value) = line.rsplit_once('=')?;
            let multiplier = value.trim().parse::<f64>().ok()?;
            let prefix = prefix.trim();
            (!prefix.is_empty() && multiplier.is_finite() && multiplier >= 0.0).then(|| {
                ModelMultiplier {
                    prefix: prefix.to_string(),
                    multiplier,
                }
            })
        })
        .collect()
}

/// Multipliers as editable lines.
pub fn multiplier_lines(list: &[ModelMultiplier]) -> String {
    list.iter()
        .map(|m| format!("{} = {}", m.prefix, m.multiplier))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A monthly budget per department (departments from the data loaded).
#[component]
fn DepartmentBudgets() -> impl IntoView {
    let session = expect_context::<Session>();
    let settings = expect_context::<SettingsState>().settings;
    let names = Memo::new(move |_| {
        session.report.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.filters
                        .departments
                        .iter()
                        .map(|d| d.name.clone())
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    move || {
        let list = names.get();
        if list.is_empty() {
            return view! { <p class="muted small wide">"Load an HRIS file (or a usage export with departments) to set a budget per department."</p> }.into_any();
        }
        list.into_iter()
            .map(|name| {
                let for_input = name.clone();
                let for_change = name.clone();
                view! {
                    <label class="field" data-department=name.clone()>
                        <span>{name.clone()}</span>
                        <input type="number" min="0" step="any" placeholder="none" data-testid="department-budget"
                            prop:value=move || settings.with(|s| s.department_budget(&for_input).map(|b| b.to_string()).unwrap_or_default())
                            on:change=move |e| {
                                let v = event_target_value(&e).trim().parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0);
                                let department = for_change.clone();
                                settings.update(|s| {
                                    s.department_budgets.retain(|b| b.department != department);
                                    if let Some(v) = v {
                                        s.department_budgets.push(DepartmentBudget { department, monthly_usd: v });
                                    }
                                });
                            } />
                        <small>"Budget / month ($)"</small>
                    </label>
                }
            })
            .collect_view()
            .into_any()
    }
}

#[component]
pub fn SettingsView() -> impl IntoView {
    let session = expect_context::<Session>();
    let state = expect_context::<SettingsState>();
    let settings = state.settings;
    let key_message = RwSignal::new(String::new());
    let passphrase = RwSignal::new(String::new());

    let save_key = move |_| {
        let key = key::load_or_create();
        download(
            "uptake-org-key.txt",
            "text/plain",
            key::key_file_text(&key).as_bytes(),
        );
    };
    let on_key_file = move |event: leptos::ev::Event| {
        let input: HtmlInputElement = event_target(&event);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        let reader =
            gloo::file::callbacks::read_as_text(&gloo::file::File::from(file), move |text| {
                match text.ok().and_then(|t| OrgKey::from_hex(&t)) {
                    Some(key) => {
                        key::use_key(&key);
                        key_message.set(format!(
                            "Key loaded (fingerprint {}). Loaded files are read again with it.",
                            key.fingerprint()
                        ));
                    }
                    None => key_message
                        .set("That file holds no Uptake key (64 hexadecimal digits).".into()),
                }
            });
        // The read finishes asynchronously; keep the reader alive until then.
        std::mem::forget(reader);
        input.set_value("");
    };
    let derive = move |_| {
        let text = passphrase.get_untracked();
        if text.trim().chars().count() < 12 {
            key_message.set("Use a passphrase of at least 12 characters.".into());
            return;
        }
        let key = key::from_passphrase(&text);
        key::use_key(&key);
        passphrase.set(String::new());
        key_message.set(format!(
            "Key derived from the passphrase (fingerprint {}).",
            key.fingerprint()
        ));
    };
    let new_key = move |_| {
        let key = key::random_key();
        key::use_key(&key);
        key_message.set(format!(
            "New random key (fingerprint {}). Save it to get the same pseudonyms next time.",
            key.fingerprint()
        ));
    };

    let number_input = move |label: &'static str,
                             help: &'static str,
                             get: fn(&Settings) -> f64,
                             set: fn(&mut Settings, f64),
                             min: f64| {
        view! {
            <label class="field">
                <span>{label}</span>
                <input type="number" min=min.to_string() step="any" prop:value=move || settings.with(|s| get(s).to_string())
                    on:change=move |e| {
                        if let Ok(v) = event_target_value(&e).parse::<f64>() {
                            if v.is_finite() && v >= min {
                                settings.update(|s| set(s, v));
                            }
                        }
                    } />
                <small>{help}</small>
            </label>
        }
    };

    view! {
        <section class="dashboard" data-testid="settings-view">
            <header class="dash-head"><h2>"Settings & key"</h2></header>
            <section class="panel">
                <h3>"Org key"</h3>
                <p>
                    "Pseudonyms are HMAC-SHA256 hashes under this key. It was made in this browser, is remembered only here, and is never sent anywhere. "
                    "Fingerprint: " <code data-testid="key-fingerprint">{move || session.key_fingerprint.get()}</code>
                </p>
                <div class="row">
                    <button type="button" class="button secondary" data-testid="save-key" on:click=save_key>"Save key to a file"</button>
                    <label class="button secondary file-button">"Load key file"
                        <input type="file" accept=".txt,.key" data-testid="key-file-input" on:change=on_key_file />
                    </label>
                    <button type="button" class="button secondary" data-testid="new-key" on:click=new_key>"New random key"</button>
                </div>
                <div class="row">
                    <input type="password" placeholder="Or derive from a passphrase (12+ characters)" autocomplete="off"
                        prop:value=move || passphrase.get()
                        on:input=move |e| passphrase.set(event_target_value(&e)) />
                    <button type="button" class="button secondary" on:click=derive>"Derive key"</button>
                </div>
                <p class="muted" aria-live="polite">{move || key_message.get()}</p>
            </section>
            <section class="panel settings-grid">
                <h3>"Figures"</h3>
                {number_input("Minimum group size", "Breakdowns hide groups with fewer seat holders (never below 2).",
                    |s| f64::from(s.min_group_size), |s, v| s.min_group_size = v.round() as u32, 2.0)}
                {number_input("Compare with (weeks earlier)", "Headline changes compare the last complete week with this many weeks before.",
                    |s| f64::from(s.compare_weeks_back), |s, v| s.compare_weeks_back = v.round() as u32, 1.0)}
                {number_input("Unused after (days)", "A seat with no activity in this many days is unused.",
                    |s| f64::from(s.unused_after_days), |s, v| s.unused_after_days = v.round() as u32, 1.0)}
                <label class="field">
                    <span>"Week starts on"</span>
                    <select on:change=move |e| {
                        let choice = match event_target_value(&e).as_str() {
                            "sunday" => Some(WeekStart::Sunday),
                            "monday" => Some(WeekStart::Monday),
                            _ => None,
                        };
                        settings.update(|s| s.week_start = choice);
                    }>
                        <option value="auto" selected=move || settings.with(|s| s.week_start.is_none())>"Automatic"</option>
                        <option value="sunday" selected=move || settings.with(|s| s.week_start == Some(WeekStart::Sunday))>"Sunday"</option>
                        <option value="monday" selected=move || settings.with(|s| s.week_start == Some(WeekStart::Monday))>"Monday"</option>
                    </select>
                    <small>"Automatic: Sunday with a ChatGPT weekly export (its weeks run Sunday–Saturday), else Monday."</small>
                </label>
                <label class="field wide">
                    <span>"Advanced-model tier"</span>
                    <input type="text" prop:value=move || settings.with(|s| s.advanced_models.join(", "))
                        on:change=move |e| {
                            let list: Vec<String> = event_target_value(&e).split(',').map(|m| m.trim().to_string()).filter(|m| !m.is_empty()).collect();
                            settings.update(|s| s.advanced_models = list);
                        } />
                    <small>"Model names starting with any of these (comma-separated) count as advanced."</small>
                </label>
                {number_input("Session gap (minutes)", "Messages of one person with gaps under this are one session.",
                    |s| f64::from(s.session_gap_minutes), |s, v| s.session_gap_minutes = v.round() as u32, 1.0)}
            </section>
            <section class="panel settings-grid" data-testid="settings-prices">
                <h3>"Prices and budgets"</h3>
                <p class="muted small wide">"List prices per seat and month, and an optional monthly budget per tool (the Credits & budget view alerts at 75 %, 90 % and 100 %)."</p>
                {TOOLS.into_iter().map(|tool| view! { <ToolMoney tool=tool /> }).collect_view()}
                {number_input("Credit price (USD)", "Dollars per credit (ChatGPT, Codex or GitHub AI credits) where the export gives credits, not money.",
                    |s| s.credit_price_usd, |s, v| s.credit_price_usd = v, 0.0)}
                <label class="field wide">
                    <span>"Copilot premium-request multipliers"</span>
                    <textarea rows="6" data-testid="model-multipliers"
                        prop:value=move || settings.with(|s| multiplier_lines(&s.model_multipliers))
                        on:change=move |e| {
                            let list = parse_multipliers(&event_target_value(&e));
                            settings.update(|s| s.model_multipliers = list);
                        }></textarea>
                    <small>"One model-name prefix per line, \"prefix = multiplier\" (the longest matching prefix wins; \"Auto: model\" counts 0.9 × the model's). Defaults: GitHub's published multipliers for paid plans."</small>
                </label>
            </section>
            <section class="panel settings-grid" data-testid="settings-department-budgets">
                <h3>"Budgets by department"</h3>
                <p class="muted small wide">"A monthly AI usage budget per department: usage cost is attributed through each person's department (HRIS first). Alerts at 75 %, 90 % and 100 % in Credits & budget."</p>
                <DepartmentBudgets />
            </section>
            <section class="panel settings-grid" data-testid="settings-power">
                <h3>"Power users"</h3>
                {number_input("Top share of senders", "A power user is in this top fraction of the week's senders by messages (0.2 = top 20 %)…",
                    |s| s.power_top_share, |s, v| s.power_top_share = v.min(1.0), 0.01)}
                {number_input("Minimum messages in the week", "…and sent at least this many messages that week…",
                    |s| f64::from(s.power_min_messages), |s, v| s.power_min_messages = v.round() as u32, 0.0)}
                {number_input("Minimum distinct tools in 28 days", "…and used at least this many tools, GPTs or projects in the 28 days ending with the week.",
                    |s| f64::from(s.power_min_tools), |s, v| s.power_min_tools = v.round() as u32, 0.0)}
            </section>
            <section class="panel settings-grid">
                <h3>"Privacy"</h3>
                <label class="field check wide">
                    <span>
                        <input type="checkbox" data-testid="aggregate-only" prop:checked=move || settings.with(|s| s.aggregate_only)
                            on:change=move |e| {
                                let on = event_target_checked(&e);
                                settings.update(|s| s.aggregate_only = on);
                            } />
                        " Aggregate-only mode"
                    </span>
                    <small>"Hides every per-person table and ranking (even pseudonymous) from the page and from exported reports."</small>
                </label>
                <p class="muted small wide">"Settings are remembered in this browser; loaded data never is."</p>
                <button type="button" class="link small" on:click=move |_| settings.set(Settings::default())>"Restore defaults"</button>
            </section>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn multiplier_lines_round_trip_and_junk_is_dropped() {
        let list =
            parse_multipliers("Claude Opus 4.6 = 3\n gpt-5 =1\nnot a line\nx = -1\nauto = abc\n");
        assert_eq!(
            list,
            vec![
                ModelMultiplier {
                    prefix: "Claude Opus 4.6".into(),
                    multiplier: 3.0
                },
                ModelMultiplier {
                    prefix: "gpt-5".into(),
                    multiplier: 1.0
                },
            ]
        );
        assert_eq!(multiplier_lines(&list), "Claude Opus 4.6 = 3\ngpt-5 = 1");
        assert_eq!(parse_multipliers(&multiplier_lines(&list)), list);
    }
}
