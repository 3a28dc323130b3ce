//! `copilot-usage-users.ndjson`: the Copilot usage metrics **users 28-day report**
//! (FORMATS.md §3b), one line per user per active day of the last 4 weeks, ordered by day
//! then login. Top-level counts add up the features (the CLI included, as in GitHub's
//! example); `totals_by_ide` covers the IDE features only; `ai_credits_used` is the sum of
//! the day's AI credits in the billing report.

use super::copilot::Profile;
use super::copilot::{CopilotDay, Counts, CLI, CLI_VERSIONS, FEATURES, IDES, MODELS};
use super::date::{ymd, SNAPSHOT};
use super::json::{iso_millis, Obj};
use super::tools::{Tools, RECENT_FIRST};

/// The organisation's and enterprise's ids in the reports.
pub(super) const ORGANIZATION_ID: &str = "104877213";
pub(super) const ENTERPRISE_ID: &str = "21894";

const COUNT_KEYS: [&str; 7] = [
    "user_initiated_interaction_count",
    "code_generation_activity_count",
    "code_acceptance_activity_count",
    "loc_suggested_to_add_sum",
    "loc_suggested_to_delete_sum",
    "loc_added_sum",
    "loc_deleted_sum",
];

fn counts<'b>(mut o: Obj<'b>, c: &Counts, interactions: bool) -> Obj<'b> {
    for (k, key) in COUNT_KEYS.iter().enumerate() {
        if k > 0 || interactions {
            o = o.int(key, c[k]);
        }
    }
    o
}

fn add(into: &mut Counts, c: &Counts) {
    for k in 0..7 {
        into[k] += c[k];
    }
}

/// Sums `c` into the entry keyed `key` (kept in first-seen order).
fn group<K: PartialEq>(groups: &mut Vec<(K, Counts)>, key: K, c: &Counts) {
    match groups.iter_mut().find(|(k, _)| *k == key) {
        Some((_, g)) => add(g, c),
        None => groups.push((key, *c)),
    }
}

pub(super) fn usage_ndjson(tools: &Tools, profiles: &[Profile], days: &[CopilotDay]) -> Vec<u8> {
    let login = |d: &CopilotDay| {
        tools
            .copilot
            .get(d.user)
            .and_then(|s| tools.logins.get(s.person))
            .and_then(Option::as_deref)
            .unwrap_or("")
    };
    let mut order: Vec<&CopilotDay> = days.iter().collect();
    order.sort_by(|a, b| a.day.cmp(&b.day).then_with(|| login(a).cmp(login(b))));
    let (start, end) = (ymd(RECENT_FIRST), ymd(SNAPSHOT));
    let mut out = String::with_capacity(days.len() * 2400);
    for d in order {
        let person = tools.copilot.get(d.user).map_or(0, |s| s.person);
        let Some(p) = profiles.get(d.user) else {
            continue;
        };
        let mut total: Counts = [0; 7];
        let mut by_ide: Vec<(usize, Counts)> = Vec::new();
        let mut by_lang_feature: Vec<((&str, usize), Counts)> = Vec::new();
        let mut by_lang_model: Vec<((&str, usize), Counts)> = Vec::new();
        for f in &d.features {
            add(&mut total, &f.counts);
            if let Some(ide) = f.ide {
                group(&mut by_ide, ide, &f.counts);
            }
            for (lang, c) in &f.languages {
                group(&mut by_lang_feature, (*lang, f.feature), c);
                group(&mut by_lang_model, (*lang, f.model), c);
            }
        }
        let uses = |fs: &[usize]| d.features.iter().any(|f| fs.contains(&f.feature));
        let sampled = iso_millis(d.last * 1000 + (d.day % 997));
        let aic: i64 = d.premium.iter().map(|x| x.aic).sum();
        let mut o = Obj::open(&mut out)
            .str("report_start_day", &start)
            .str("report_end_day", &end)
            .str("day", &ymd(d.day))
            .str("organization_id", ORGANIZATION_ID)
            .str("enterprise_id", ENTERPRISE_ID)
            .int(
                "user_id",
                tools.github_ids.get(person).copied().unwrap_or(0),
            )
            .str("user_login", login(d));
        o = counts(o, &total, true)
            .bool("used_agent", uses(&[2]))
            .bool("used_chat", uses(&[1, 2, 3, 4]))
            .bool("used_cli", uses(&[CLI]))
            .bool("used_copilot_code_review_active", d.review_active)
            .bool("used_copilot_code_review_passive", d.review_passive)
            .bool("used_copilot_coding_agent", d.coding_agent)
            .bool("used_copilot_cloud_agent", d.coding_agent)
            .arr("totals_by_ide", &by_ide, |o, (ide, c)| {
                let (key, _, versions, plugin, plugin_versions) = IDES[(*ide).min(IDES.len() - 1)];
                let v = p.ide_version;
                counts(o.str("ide", key), c, true)
                    .obj("last_known_ide_version", |x| {
                        x.str("ide_version", versions[v % versions.len()])
                            .str("sampled_at", &sampled)
                    })
                    .obj("last_known_plugin_version", |x| {
                        x.str("plugin", plugin)
                            .str("plugin_version", plugin_versions[v % plugin_versions.len()])
                            .str("sampled_at", &sampled)
                    })
            })
            .arr("totals_by_feature", &d.features, |o, f| {
                counts(o.str("feature", FEATURES[f.feature]), &f.counts, true)
            })
            .arr(
                "totals_by_language_feature",
                &by_lang_feature,
                |o, ((l, f), c)| {
                    counts(o.str("language", l).str("feature", FEATURES[*f]), c, false)
                },
            )
            .arr(
                "totals_by_language_model",
                &by_lang_model,
                |o, ((l, m), c)| counts(o.str("language", l).str("model", MODELS[*m].0), c, false),
            )
            .arr("totals_by_model_feature", &d.features, |o, f| {
                let o = o
                    .str("model", MODELS[f.model].0)
                    .str("feature", FEATURES[f.feature]);
                counts(o, &f.counts, true)
            });
        if let Some([sessions, requests, prompts, output, prompt_tokens]) = d.cli {
            let avg = (output + prompt_tokens) * 10 / requests.max(1);
            o = o.obj("totals_by_cli", |c| {
                c.int("session_count", sessions)
                    .int("request_count", requests)
                    .int("prompt_count", prompts)
                    .obj("token_usage", |t| {
                        t.int("output_tokens_sum", output)
                            .int("prompt_tokens_sum", prompt_tokens)
                            .dec("avg_tokens_per_request", avg, 1)
                    })
                    .obj("last_known_cli_version", |v| {
                        v.str("sampled_at", &sampled).str(
                            "cli_version",
                            CLI_VERSIONS[p.cli_version % CLI_VERSIONS.len()],
                        )
                    })
            });
        }
        o.dec("ai_credits_used", aic, 2).close();
        out.push('\n');
    }
    out.into_bytes()
}
