//! What the GitHub Copilot report parsers share: the counters and `totals_by_*` arrays (user
//! and entity records have the same ones), lenient serde readers for loosely written numbers
//! and ids, and the GitHub identity and day helpers.

use super::json_rows::JsonStr;
use crate::engine::date::Day;
use crate::engine::facts::{Breakdown, Facts, IdentityId, Measures};
use crate::engine::identity::{IdKind, Pseudonymiser};
use crate::engine::intern::{Interner, Sym};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// A row problem: the column (key) it is in and what was wrong.
pub(crate) type RowError = (&'static str, String);

/// The counters of a usage record and of every `totals_by_*` element. Written out in each
/// struct that has them (not `#[serde(flatten)]`, which buffers the whole record first and
/// made the usage report parse at a third of the speed).
#[derive(Default)]
struct Counters {
    user_initiated_interaction_count: Option<u64>,
    code_generation_activity_count: Option<u64>,
    code_acceptance_activity_count: Option<u64>,
    loc_suggested_to_add_sum: Option<u64>,
    loc_added_sum: Option<u64>,
    loc_deleted_sum: Option<u64>,
}

impl Counters {
    fn measures(&self) -> Measures {
        Measures {
            interactions: self.user_initiated_interaction_count.unwrap_or(0),
            suggestions: self.code_generation_activity_count.unwrap_or(0),
            acceptances: self.code_acceptance_activity_count.unwrap_or(0),
            lines_suggested: self.loc_suggested_to_add_sum.unwrap_or(0),
            lines_added: self.loc_added_sum.unwrap_or(0),
            lines_deleted: self.loc_deleted_sum.unwrap_or(0),
            ..Measures::default()
        }
    }
}

/// The six counters as fields of a serde struct, and the [`Counters`] they make.
macro_rules! with_counters {
    ($(#[$meta:meta])* $vis:vis struct $name:ident<$lt:lifetime> {
        $($(#[$fmeta:meta])* $field:ident: $type:ty,)*
    }) => {
        $(#[$meta])*
        $vis struct $name<$lt> {
            $($(#[$fmeta])* $field: $type,)*
            user_initiated_interaction_count: Option<u64>,
            code_generation_activity_count: Option<u64>,
            code_acceptance_activity_count: Option<u64>,
            loc_suggested_to_add_sum: Option<u64>,
            loc_added_sum: Option<u64>,
            loc_deleted_sum: Option<u64>,
        }

        impl $name<'_> {
            fn counters(&self) -> Counters {
                Counters {
                    user_initiated_interaction_count: self.user_initiated_interaction_count,
                    code_generation_activity_count: self.code_generation_activity_count,
                    code_acceptance_activity_count: self.code_acceptance_activity_count,
                    loc_suggested_to_add_sum: self.loc_suggested_to_add_sum,
                    loc_added_sum: self.loc_added_sum,
                    loc_deleted_sum: self.loc_deleted_sum,
                }
            }
        }
    };
}

with_counters! {
    /// One element of a `totals_by_*` array: its labels and counters.
    #[derive(Default, Deserialize)]
    #[serde(default)]
    struct Slice<'a> {
        #[serde(borrow)]
        ide: Option<JsonStr<'a>>,
        #[serde(borrow)]
        feature: Option<JsonStr<'a>>,
        #[serde(borrow)]
        language: Option<JsonStr<'a>>,
        #[serde(borrow)]
        model: Option<JsonStr<'a>>,
    }
}

/// `totals_by_cli` (an object, absent when the CLI was not used).
#[derive(Default, Deserialize)]
#[serde(default)]
struct Cli {
    session_count: Option<u64>,
    prompt_count: Option<u64>,
    token_usage: Option<Tokens>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct Tokens {
    prompt_tokens_sum: Option<u64>,
    output_tokens_sum: Option<u64>,
}

impl Cli {
    fn add_tokens(&self, measures: &mut Measures) {
        if let Some(tokens) = &self.token_usage {
            measures.input_tokens = tokens.prompt_tokens_sum.unwrap_or(0);
            measures.output_tokens = tokens.output_tokens_sum.unwrap_or(0);
            measures.has_tokens = true;
        }
    }
}

with_counters! {
    /// What user and entity records share: counters, credits and the `totals_by_*` breakdowns.
    #[derive(Default, Deserialize)]
    #[serde(default)]
    /// Its labels borrow from the record's bytes (see `JsonStr`).
    pub(crate) struct Activity<'a> {
        ai_credits_used: Option<f64>,
        #[serde(borrow, deserialize_with = "list")]
        totals_by_ide: Vec<Slice<'a>>,
        #[serde(borrow, deserialize_with = "list")]
        totals_by_feature: Vec<Slice<'a>>,
        #[serde(borrow, deserialize_with = "list")]
        totals_by_language_feature: Vec<Slice<'a>>,
        #[serde(borrow, deserialize_with = "list")]
        totals_by_language_model: Vec<Slice<'a>>,
        #[serde(borrow, deserialize_with = "list")]
        totals_by_model_feature: Vec<Slice<'a>>,
        totals_by_cli: Option<Cli>,
    }
}

/// Which label of a slice a breakdown row is keyed by.
#[derive(Clone, Copy)]
enum Dim {
    Ide,
    Feature,
    Language,
    Model,
}

/// One breakdown row: its labels, counters and (where the source gives it) active users.
pub(crate) struct SliceRow {
    pub breakdown: Breakdown,
    pub measures: Measures,
    pub users: Option<u32>,
}

impl SliceRow {
    pub(crate) fn new(breakdown: Breakdown, measures: Measures, users: Option<u64>) -> Self {
        let users = gauge(users);
        SliceRow {
            breakdown,
            measures,
            users,
        }
    }
}

/// Adds a breakdown row, summing into an earlier row with the same labels. A person may be
/// in both, so the larger user count is kept rather than their sum.
pub(crate) fn add_row(rows: &mut Vec<SliceRow>, row: SliceRow) {
    match rows.iter_mut().find(|r| r.breakdown == row.breakdown) {
        Some(found) => {
            found.measures.add(&row.measures);
            found.users = found.users.max(row.users);
        }
        None => rows.push(row),
    }
}

/// An interned label; a missing or blank one is `unknown`.
pub(crate) fn label(strings: &mut Interner, text: Option<&str>) -> Sym {
    let text = text.map(str::trim).filter(|t| !t.is_empty());
    strings.intern(text.unwrap_or("unknown"))
}

impl Activity<'_> {
    /// The record's own counters, credits, and CLI sessions and tokens.
    pub(crate) fn total_measures(&self) -> Measures {
        let mut measures = self.counters().measures();
        measures.credits = self.ai_credits_used.unwrap_or(0.0);
        if let Some(cli) = &self.totals_by_cli {
            measures.sessions = cli.session_count.unwrap_or(0);
            cli.add_tokens(&mut measures);
        }
        measures
    }

    /// One row per `totals_by_*` element (each array keyed by its own labels, a missing label
    /// read as `unknown`) and a `cli` surface row. They never add into the total.
    pub(crate) fn breakdown_rows(&self, strings: &mut Interner) -> Vec<SliceRow> {
        let groups: [(&[Slice<'_>], &[Dim]); 5] = [
            (&self.totals_by_ide, &[Dim::Ide]),
            (&self.totals_by_feature, &[Dim::Feature]),
            (
                &self.totals_by_language_feature,
                &[Dim::Language, Dim::Feature],
            ),
            (&self.totals_by_language_model, &[Dim::Language, Dim::Model]),
            (&self.totals_by_model_feature, &[Dim::Model, Dim::Feature]),
        ];
        let mut rows = Vec::new();
        for (slices, dims) in groups {
            for slice in slices {
                let mut breakdown = Breakdown::default();
                for dim in dims {
                    let (text, field) = match dim {
                        Dim::Ide => (&slice.ide, &mut breakdown.surface),
                        Dim::Feature => (&slice.feature, &mut breakdown.feature),
                        Dim::Language => (&slice.language, &mut breakdown.language),
                        Dim::Model => (&slice.model, &mut breakdown.model),
                    };
                    *field = Some(label(strings, text.as_deref()));
                }
                let measures = slice.counters().measures();
                add_row(&mut rows, SliceRow::new(breakdown, measures, None));
            }
        }
        if let Some(cli) = &self.totals_by_cli {
            let mut measures = Measures {
                interactions: cli.prompt_count.unwrap_or(0),
                sessions: cli.session_count.unwrap_or(0),
                ..Measures::default()
            };
            cli.add_tokens(&mut measures);
            let breakdown = Breakdown {
                surface: Some(strings.intern("cli")),
                ..Breakdown::default()
            };
            add_row(&mut rows, SliceRow::new(breakdown, measures, None));
        }
        rows
    }
}

/// The person a GitHub login and/or user id name: both hashed, interned and linked.
pub(crate) fn github_identity(
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
    login: Option<&str>,
    user_id: Option<&str>,
) -> Option<IdentityId> {
    let mut intern = |kind, raw: Option<&str>| {
        let pseudonym = hasher.hash(kind, raw?)?;
        Some(facts.identities.intern(pseudonym, kind))
    };
    let login = intern(IdKind::GithubLogin, login);
    let user_id = intern(IdKind::GithubUserId, user_id);
    if let (Some(a), Some(b)) = (login, user_id) {
        facts.link(a, b);
    }
    login.or(user_id)
}

/// A required `YYYY-MM-DD` day.
pub(crate) fn required_day(text: Option<&str>, column: &'static str) -> Result<Day, RowError> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Err((
            column,
            "expected a date like 2026-04-25, found nothing".into(),
        ));
    };
    Day::parse(text).ok_or_else(|| {
        (
            column,
            format!("expected a date like 2026-04-25, found \"{text}\""),
        )
    })
}

/// An id written as a string or a number (`"100000001"`, `338097`); blank or absent is `None`.
pub(crate) fn id_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.trim().to_string()).filter(|s| !s.is_empty()),
        Value::Number(n) if n.is_u64() || n.is_i64() => Some(n.to_string()),
        _ => None,
    }
}

/// An active-user gauge as `u32` (saturating).
pub(crate) fn gauge(value: Option<u64>) -> Option<u32> {
    value.map(|v| u32::try_from(v).unwrap_or(u32::MAX))
}

/// An array where null means empty.
pub(crate) fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Vec<T>, D::Error> {
    Option::<Vec<T>>::deserialize(d).map(Option::unwrap_or_default)
}
