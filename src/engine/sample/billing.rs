//! `github-billing-usage.csv`: the GitHub billing premium request usage report (FORMATS.md
//! §3e), 2026 variant with AI credits (`aic_quantity`, `aic_gross_amount`): a UTF-8 BOM,
//! every value quoted, one row per user × day × SKU × model of the last 4 weeks.
//!
//! Quantities are the Copilot users' chat interactions with premium models times the model's
//! multiplier (Claude Opus ×3, Auto ×0.9, included models ×0 so never billed), plus code
//! review and coding agent requests. Each user has 300 included requests a month (Copilot
//! Business); October's counter starts with an estimate of the 17 days before the report.

use super::copilot::CopilotDay;
use super::date::ymd;
use super::json::decimal;
use super::tools::Tools;
use crate::engine::date::civil_from_days;

pub(super) const BILLING_HEADER: [&str; 17] = [
    "date",
    "username",
    "product",
    "sku",
    "model",
    "quantity",
    "unit_type",
    "applied_cost_per_quantity",
    "gross_amount",
    "discount_amount",
    "net_amount",
    "exceeds_quota",
    "total_monthly_quota",
    "organization",
    "cost_center_name",
    "aic_quantity",
    "aic_gross_amount",
];

/// Included premium requests per user and month, in tenths.
const QUOTA: i64 = 3_000;

pub(super) fn billing_csv(tools: &Tools, days: &[CopilotDay]) -> Vec<u8> {
    let login = |d: &CopilotDay| {
        tools
            .copilot
            .get(d.user)
            .and_then(|s| tools.logins.get(s.person))
            .and_then(Option::as_deref)
            .unwrap_or("")
    };
    let month = |day: i64| civil_from_days(day as i32).1;
    // The month counters: October's begins with its first 17 days, estimated from the rest.
    let mut used = vec![[0i64; 13]; tools.copilot.len()];
    for d in days {
        let m = month(d.day) as usize;
        if let Some(u) = used.get_mut(d.user) {
            u[m] += d.premium.iter().map(|p| p.quantity).sum::<i64>();
        }
    }
    for u in &mut used {
        u[10] = u[10] * 17 / 14;
        for m in [11, 12] {
            u[m] = 0;
        }
    }
    let mut rows: Vec<(i64, &str, &CopilotDay)> =
        days.iter().map(|d| (d.day, login(d), d)).collect();
    rows.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    let mut bytes = Vec::with_capacity(days.len() * 400);
    bytes.extend_from_slice("\u{feff}".as_bytes());
    let mut w = csv::WriterBuilder::new()
        .quote_style(csv::QuoteStyle::Always)
        .from_writer(bytes);
    if w.write_record(BILLING_HEADER).is_err() {
        return Vec::new();
    }
    for (day, username, d) in rows {
        let date = ymd(day);
        let m = month(day) as usize;
        for p in &d.premium {
            let Some(counter) = used.get_mut(d.user).and_then(|u| u.get_mut(m)) else {
                continue;
            };
            let included = (QUOTA - *counter).clamp(0, p.quantity);
            *counter += p.quantity;
            let over = p.quantity - included;
            // $0.04 a request: tenths of a request × 4 = thousandths of a dollar.
            let record = [
                date.clone(),
                username.to_string(),
                "copilot".into(),
                p.sku.into(),
                p.model.into(),
                decimal(p.quantity, 1, false),
                "requests".into(),
                "0.04".into(),
                decimal(p.quantity * 4, 3, false),
                decimal(included * 4, 3, false),
                decimal(over * 4, 3, false),
                if over > 0 { "True" } else { "False" }.into(),
                "300".into(),
                "northwind".into(),
                String::new(),
                decimal(p.aic, 2, false),
                decimal(p.aic, 4, false),
            ];
            if w.write_record(&record).is_err() {
                return w.into_inner().unwrap_or_default();
            }
        }
    }
    w.into_inner().unwrap_or_default()
}
