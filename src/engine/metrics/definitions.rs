//! Every headline figure's label, unit and definition (METRICS.md), in one table the page shows
//! beside each number. Ids are the `data-metric` ids of DESIGN.md and keep their meaning.

use serde::{Deserialize, Serialize};

/// How a value is displayed. Rates are fractions (0.61, not 61).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    People,
    Rate,
    Number,
    Usd,
}

pub struct Definition {
    pub id: &'static str,
    pub label: &'static str,
    pub unit: Unit,
    pub formula: &'static str,
    pub sources: &'static str,
    /// The export that enables the figure when nothing loaded can compute it.
    pub needs: &'static str,
    /// Which way is good: up, down, or neither (a cost is neither good nor bad by itself).
    pub better: Better,
}

/// The direction in which a figure improves, for colouring its change.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Better {
    Higher,
    Lower,
    Neither,
}

pub const DEFINITIONS: &[Definition] = &[
    Definition {
        id: "seats",
        label: "Seats",
        unit: Unit::People,
        formula: "People holding an enabled seat in the headline week (pending invites are counted separately).",
        sources: "chatgpt.users_csv: user_status, period_start, period_end",
        needs: "chatgpt.users_csv",
        better: Better::Neither,
    },
    Definition {
        id: "activated_users",
        label: "Activated users",
        unit: Unit::People,
        formula: "Seat holders active at least once in the data up to the headline week, or with a native last-active date.",
        sources: "chatgpt.users_csv: is_active, messages, first_day_active_in_period, last_day_active",
        needs: "chatgpt.users_csv",
        better: Better::Higher,
    },
    Definition {
        id: "activation_rate",
        label: "Activation rate",
        unit: Unit::Rate,
        formula: "activated users / seats.",
        sources: "chatgpt.users_csv",
        needs: "chatgpt.users_csv",
        better: Better::Higher,
    },
    Definition {
        id: "weekly_active_users",
        label: "Weekly active users",
        unit: Unit::People,
        formula: "Distinct people active in the headline week (is_active, messages > 0, or an active day inside the week).",
        sources: "chatgpt.users_csv: is_active, messages, first/last_day_active_in_period",
        needs: "chatgpt.users_csv (weekly)",
        better: Better::Higher,
    },
    Definition {
        id: "monthly_active_users",
        label: "Monthly active users",
        unit: Unit::People,
        formula: "Distinct people active in the 28 days ending with the headline week (recounted, never a sum of weekly counts).",
        sources: "chatgpt.users_csv (four weekly periods)",
        needs: "chatgpt.users_csv covering 4 weeks",
        better: Better::Higher,
    },
    Definition {
        id: "stickiness",
        label: "Stickiness (WAU / MAU)",
        unit: Unit::Rate,
        formula: "weekly active users / monthly active users.",
        sources: "chatgpt.users_csv",
        needs: "chatgpt.users_csv covering 4 weeks",
        better: Better::Higher,
    },
    Definition {
        id: "messages_per_active_user_week",
        label: "Messages per active user",
        unit: Unit::Number,
        formula: "User-sent messages in the headline week / people active in that week's rows.",
        sources: "chatgpt.users_csv: messages",
        needs: "chatgpt.users_csv (weekly)",
        better: Better::Higher,
    },
    Definition {
        id: "advanced_model_share",
        label: "Advanced-model share (of messages)",
        unit: Unit::Rate,
        formula: "Messages to models of the advanced tier / all messages with a model, in the headline week. From the Users CSV this is a share of messages, not of sessions. The tier table is in settings.",
        sources: "chatgpt.users_csv: model_to_messages",
        needs: "chatgpt.users_csv with model_to_messages",
        better: Better::Higher,
    },
    Definition {
        id: "unused_seats",
        label: "Unused seats",
        unit: Unit::People,
        formula: "Seats with no activity in the last 30 days (setting) up to the end of the headline week, excluding people hired within that window or on leave per HRIS.",
        sources: "chatgpt.users_csv; hris: hire date, worker status",
        needs: "chatgpt.users_csv",
        better: Better::Lower,
    },
    Definition {
        id: "monthly_seat_cost",
        label: "Monthly seat cost",
        unit: Unit::Usd,
        formula: "Σ seats × monthly price per seat of that tool (prices in settings).",
        sources: "seats; settings: seat prices",
        needs: "chatgpt.users_csv",
        better: Better::Neither,
    },
    Definition {
        id: "cost_per_active_user",
        label: "Cost per active user",
        unit: Unit::Usd,
        formula: "(monthly seat cost + usage cost in the month) / monthly active users.",
        sources: "seats, monthly active users; settings: seat prices",
        needs: "chatgpt.users_csv covering 4 weeks",
        better: Better::Lower,
    },
    Definition {
        id: "ai_active_users_any_tool",
        label: "AI-active people (any tool)",
        unit: Unit::People,
        formula: "Distinct people active on at least one AI tool in the headline week, after linking their identities across tools (HRIS email ↔ GitHub login ↔ employee id).",
        sources: "every loaded usage export",
        needs: "a usage export",
        better: Better::Higher,
    },
    Definition {
        id: "multi_tool_users",
        label: "People on two or more tools",
        unit: Unit::People,
        formula: "People active on two or more AI tools in the headline week.",
        sources: "every loaded usage export; hris to link identities",
        needs: "usage exports of two tools",
        better: Better::Neither,
    },
    Definition {
        id: "codex_weekly_active_users",
        label: "Codex weekly active users",
        unit: Unit::People,
        formula: "Distinct people with a Codex thread, turn, session or credit in the headline week.",
        sources: "codex.usage_json, codex.dashboard_json, codex.user_csv, chatgpt.compliance_logs_jsonl (CODEX_LOG)",
        needs: "codex.usage_json",
        better: Better::Higher,
    },
    Definition {
        id: "codex_credits_per_active_user",
        label: "Codex credits per active user",
        unit: Unit::Number,
        formula: "Codex credits in the headline week / Codex weekly active users.",
        sources: "codex.usage_json: totals.credits",
        needs: "codex.usage_json",
        better: Better::Neither,
    },
    Definition {
        id: "copilot_weekly_active_users",
        label: "Copilot weekly active users",
        unit: Unit::People,
        formula: "Distinct people with Copilot activity in the headline week (usage report rows, or a seat's last activity inside the week).",
        sources: "copilot.usage_ndjson, copilot.seats_json, copilot.activity_csv, github.billing_usage_csv",
        needs: "copilot.usage_ndjson",
        better: Better::Higher,
    },
    Definition {
        id: "copilot_acceptance_rate",
        label: "Copilot acceptance rate",
        unit: Unit::Rate,
        formula: "Σ code acceptances / Σ code suggestions over the headline week (cumulative, never a mean of daily rates): code_acceptance_activity_count / code_generation_activity_count, or total_code_acceptances / total_code_suggestions from the legacy metrics.",
        sources: "copilot.usage_ndjson, copilot.entity_report_json, copilot.metrics_json",
        needs: "copilot.usage_ndjson",
        better: Better::Higher,
    },
    Definition {
        id: "sessions_per_active_user_week",
        label: "Sessions per active person",
        unit: Unit::Number,
        formula: "Sessions in the headline week / people who sent a message that week. A session is a run of one person's messages on one tool with gaps under the session gap (setting, default 30 minutes).",
        sources: "chatgpt.compliance_logs_jsonl / chatgpt.compliance_conversations_json: author, role, created_at",
        needs: "chatgpt.compliance_logs_jsonl",
        better: Better::Higher,
    },
    Definition {
        id: "messages_per_session",
        label: "Messages per session",
        unit: Unit::Number,
        formula: "User-authored messages / sessions, same week.",
        sources: "chatgpt.compliance_logs_jsonl: role, created_at",
        needs: "chatgpt.compliance_logs_jsonl",
        better: Better::Higher,
    },
    Definition {
        id: "avg_prompt_chars",
        label: "Average prompt length",
        unit: Unit::Number,
        formula: "Mean length in characters (Unicode scalar values) of messages written by users in the headline week. The text itself is dropped as it is read.",
        sources: "chatgpt.compliance_logs_jsonl: content (length only)",
        needs: "chatgpt.compliance_logs_jsonl",
        better: Better::Higher,
    },
    Definition {
        id: "power_users",
        label: "Power users",
        unit: Unit::People,
        formula: "People who in the headline week are in the top 20 % of senders by messages AND sent ≥ 75 messages AND used ≥ 3 distinct tools, GPTs or projects in the 28 days ending with it (thresholds are settings).",
        sources: "chatgpt.users_csv: messages, gpts_messaged, projects_created; message-level sources; tool activity",
        needs: "chatgpt.users_csv (weekly) or chatgpt.compliance_logs_jsonl",
        better: Better::Higher,
    },
    Definition {
        id: "power_user_share",
        label: "Power-user share",
        unit: Unit::Rate,
        formula: "power users / weekly active people.",
        sources: "as power users",
        needs: "chatgpt.users_csv (weekly) or chatgpt.compliance_logs_jsonl",
        better: Better::Higher,
    },
    Definition {
        id: "input_tokens_per_active_user_week",
        label: "Input tokens per active person",
        unit: Unit::Number,
        formula: "Input tokens in the headline week (uncached + cached) / active people with token data that week.",
        sources: "codex.usage_json, chatgpt.analytics_usage_json, codex.dashboard_json: *_input_tokens; compliance logs token usage",
        needs: "codex.usage_json or chatgpt.analytics_usage_json (token fields)",
        better: Better::Neither,
    },
    Definition {
        id: "output_tokens_per_active_user_week",
        label: "Output tokens per active person",
        unit: Unit::Number,
        formula: "Output tokens in the headline week / active people with token data that week.",
        sources: "codex.usage_json, chatgpt.analytics_usage_json, codex.dashboard_json: text_output_tokens",
        needs: "codex.usage_json or chatgpt.analytics_usage_json (token fields)",
        better: Better::Neither,
    },
    Definition {
        id: "output_input_ratio",
        label: "Output / input tokens",
        unit: Unit::Rate,
        formula: "Output tokens / input tokens, headline week.",
        sources: "as the token figures",
        needs: "codex.usage_json or chatgpt.analytics_usage_json (token fields)",
        better: Better::Neither,
    },
];

pub fn definition(id: &str) -> Option<&'static Definition> {
    DEFINITIONS.iter().find(|d| d.id == id)
}

/// The definition of headline figure `id`, for the sections that compute one. Ids are
/// constants of the code, never input; an unknown one is a bug caught by the tests (debug
/// builds assert), and a release build shows it as an unnamed figure rather than stopping.
pub fn headline(id: &str) -> &'static Definition {
    debug_assert!(definition(id).is_some(), "{id} is not a headline figure");
    definition(id).unwrap_or(&UNKNOWN)
}

const UNKNOWN: Definition = Definition {
    id: "unknown",
    label: "Unknown figure",
    unit: Unit::Number,
    formula: "",
    sources: "",
    needs: "",
    better: Better::Neither,
};
