//! What the analyst is looking at: a date range and filters by department, team and tool,
//! applied to every view by narrowing the facts before any metric is computed. A filter that
//! would isolate fewer people than the minimum group size is refused, with the reason.
//!
//! The query lives in the page's URL fragment (never any data), so a view can be bookmarked.

use super::date::{Day, DaySpan};
use super::facts::{
    DailyActivity, Facts, HourlyUse, IdentityId, MessageEvent, OrgDaily, PeriodActivity, PeriodApp,
    RowFilter, Seat, TeamMembership, Tool, UsageCharge,
};
use super::metrics::people::People;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The date range: a preset counted back from the last day of data, or explicit days.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Range {
    /// Everything loaded.
    #[default]
    All,
    /// The last `n` weeks of data (ending on the last day any source covers).
    LastWeeks(u32),
    /// From one day to another, both included.
    Between(Day, Day),
}

/// How finely trends are cut: every trend chart has one point per bucket, each recounted from
/// person rows (never summed from finer buckets). A source coarser than the grain keeps its own
/// grain and says so (METRICS.md "Native grain is kept").
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Grain {
    /// Hours of the last seven days, from timestamped events only.
    Hour,
    Day,
    #[default]
    Week,
    /// Calendar months (UTC).
    Month,
}

impl Grain {
    pub const ALL: [Grain; 4] = [Grain::Hour, Grain::Day, Grain::Week, Grain::Month];

    /// The fragment id, which is also the bucket's noun ("day", "week"…).
    pub fn id(self) -> &'static str {
        match self {
            Grain::Hour => "hour",
            Grain::Day => "day",
            Grain::Week => "week",
            Grain::Month => "month",
        }
    }

    pub fn from_id(id: &str) -> Option<Grain> {
        Grain::ALL.into_iter().find(|g| g.id() == id)
    }

    /// "by day", "by week"…
    pub fn label(self) -> &'static str {
        match self {
            Grain::Hour => "by hour",
            Grain::Day => "by day",
            Grain::Week => "by week",
            Grain::Month => "by month",
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Query {
    pub range: Range,
    pub department: Option<String>,
    pub team: Option<String>,
    pub tool: Option<Tool>,
    /// How trends are cut (not a filter: it narrows no fact).
    pub grain: Grain,
}

impl Query {
    /// Whether any filter (range, department, team, tool) narrows the facts.
    pub fn is_filtered(&self) -> bool {
        self.range != Range::All || self.tool.is_some() || self.narrows_people()
    }

    fn narrows_people(&self) -> bool {
        self.department.is_some() || self.team.is_some()
    }
}

/// What the page can offer as filters, and what the current query did.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct FilterState {
    pub query: Query,
    /// Every department and team seen (HRIS or vendor), with whether it is big enough to be
    /// selected alone.
    pub departments: Vec<FilterOption>,
    pub teams: Vec<FilterOption>,
    pub tools: Vec<Tool>,
    /// The first and last day of all the data loaded (before the range is applied).
    pub data_span: Option<DaySpan>,
    /// The range actually applied.
    pub applied_span: Option<DaySpan>,
    /// Set when the query was refused (it would isolate fewer people than the floor): the
    /// Report is then computed without the people filter.
    pub refused: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FilterOption {
    pub name: String,
    /// People in the group (after linking); only shown as "too small" when under the floor.
    pub selectable: bool,
}

/// Every person's team: the HRIS team first, else their latest vendor team membership.
pub fn teams(facts: &Facts, people: &People) -> Vec<Option<super::intern::Sym>> {
    let mut vendor: Vec<Option<(Day, super::intern::Sym)>> = vec![None; people.count()];
    for m in &facts.teams {
        let slot = &mut vendor[people.person(m.identity).0 as usize];
        if slot.is_none_or(|(day, _)| day <= m.day) {
            *slot = Some((m.day, m.team));
        }
    }
    (0..people.count())
        .map(|p| {
            let hris = people
                .record(facts, super::metrics::people::PersonId(p as u32))
                .and_then(|r| r.team);
            hris.or(vendor[p].map(|(_, t)| t))
        })
        .collect()
}

/// The first and last day of every dated fact.
pub fn data_span(facts: &Facts) -> Option<DaySpan> {
    let days = facts
        .periods
        .iter()
        .flat_map(|r| [r.period.first, r.period.last])
        .chain(facts.daily.iter().map(|r| r.day))
        .chain(facts.org_daily.iter().map(|r| r.day))
        .chain(facts.events.iter().map(|e| Day::from_unix_seconds(e.at)))
        .chain(facts.charges.iter().filter_map(|c| c.day));
    days.fold(None, |span: Option<DaySpan>, day| {
        Some(match span {
            None => DaySpan::new(day, day),
            Some(s) => DaySpan::new(s.first.min(day), s.last.max(day)),
        })
    })
}

/// The days a range selects, given the span of the data.
pub fn resolve(range: Range, data: Option<DaySpan>) -> Option<DaySpan> {
    match range {
        Range::All => data,
        Range::LastWeeks(n) => data.map(|d| {
            let first = d.last.plus(1 - 7 * n.max(1) as i32);
            DaySpan::new(first.max(d.first), d.last)
        }),
        Range::Between(a, b) => Some(DaySpan::new(a.min(b), a.max(b))),
    }
}

/// What every query starts from, read once from all the data (one pass over each table) and
/// kept until a file is added or removed ([`crate::engine::dataset::Dataset::basis`]): each
/// person's department and team, the tools present and the days covered.
pub struct FilterBasis {
    pub departments: Vec<Option<super::intern::Sym>>,
    pub teams: Vec<Option<super::intern::Sym>>,
    /// Each department's and team's name and number of people, by name.
    pub department_sizes: Vec<(String, u32)>,
    pub team_sizes: Vec<(String, u32)>,
    pub tools: Vec<Tool>,
    pub data_span: Option<DaySpan>,
}

impl FilterBasis {
    pub fn of(facts: &Facts, people: &People) -> FilterBasis {
        let departments = people.departments(facts);
        let teams = teams(facts, people);
        FilterBasis {
            department_sizes: group_sizes(facts, &departments),
            team_sizes: group_sizes(facts, &teams),
            departments,
            teams,
            tools: super::metrics::activity::tools_present(facts),
            data_span: data_span(facts),
        }
    }
}

/// How many people each group (department or team) holds, by name.
fn group_sizes(facts: &Facts, of: &[Option<super::intern::Sym>]) -> Vec<(String, u32)> {
    let mut sizes: std::collections::BTreeMap<super::intern::Sym, u32> = Default::default();
    for s in of.iter().flatten() {
        *sizes.entry(*s).or_default() += 1;
    }
    let mut named: Vec<(String, u32)> = sizes
        .into_iter()
        .map(|(s, n)| (facts.strings.resolve(s).to_string(), n))
        .collect();
    named.sort();
    named
}

/// Narrows `facts` to the query: rows of the chosen tool, about the chosen people, inside the
/// range (a weekly or monthly row is kept when its period lies inside the range; never cut).
/// Organisation-level rows name no person, so a department or team filter drops them.
/// Returns the narrowed facts (borrowed when nothing narrows them, so an unfiltered Report
/// copies nothing) and, when the people filter isolates fewer than `floor` people, the reason
/// it was refused (the facts are then narrowed by tool and range only). Identities, links and
/// HRIS records are never narrowed, so `people` holds for the narrowed facts too.
pub fn narrow<'f>(
    facts: &'f Facts,
    people: &People,
    basis: &FilterBasis,
    query: &Query,
    floor: u32,
) -> (Cow<'f, Facts>, FilterState) {
    let FilterBasis {
        departments,
        teams: team_of,
        department_sizes,
        team_sizes,
        tools,
        data_span: data,
    } = basis;
    let data = *data;
    let options = |sizes: &[(String, u32)]| {
        sizes
            .iter()
            .map(|(name, n)| FilterOption {
                name: name.clone(),
                selectable: *n >= floor,
            })
            .collect::<Vec<_>>()
    };
    let span = resolve(query.range, data);
    let mut state = FilterState {
        query: query.clone(),
        departments: options(department_sizes),
        teams: options(team_sizes),
        tools: tools.clone(),
        data_span: data,
        applied_span: if query.range == Range::All {
            None
        } else {
            span
        },
        refused: None,
    };

    let mut keep_person: Option<Vec<bool>> = None;
    if query.narrows_people() {
        // The wanted names as symbols (`None` inside: a name no one has, so no one matches).
        let wanted = |name: &Option<String>| name.as_ref().map(|n| facts.strings.get(n));
        let (department, team) = (wanted(&query.department), wanted(&query.team));
        let matches = |wanted: Option<Option<super::intern::Sym>>,
                       has: Option<super::intern::Sym>| {
            wanted.is_none_or(|w| w.is_some() && w == has)
        };
        let keep: Vec<bool> = (0..people.count())
            .map(|p| matches(department, departments[p]) && matches(team, team_of[p]))
            .collect();
        let selected = keep.iter().filter(|&&k| k).count() as u32;
        if selected < floor {
            state.refused = Some(format!(
                "This filter selects {} people, fewer than the minimum group size of {floor}: \
                 figures for so few people could identify them. Showing everyone instead; \
                 choose a larger group or lower the floor in Settings.",
                if selected == 0 {
                    "no".to_string()
                } else {
                    "only a few".to_string()
                }
            ));
        } else {
            keep_person = Some(keep);
        }
    }
    if !query.is_filtered()
        || (query.range == Range::All && query.tool.is_none() && keep_person.is_none())
    {
        return (Cow::Borrowed(facts), state);
    }

    let keep = QueryRows {
        people,
        keep_person: keep_person.as_deref(),
        tool: query.tool,
        span,
    };
    let out = facts.narrowed(&keep);
    (Cow::Owned(out), state)
}

/// The rows a query keeps: the people it selects (none of the organisation-wide rows when it
/// selects people), its tool and its range.
struct QueryRows<'a> {
    people: &'a People,
    /// Per person, whether the department or team filter selects them.
    keep_person: Option<&'a [bool]>,
    tool: Option<Tool>,
    span: Option<DaySpan>,
}

impl QueryRows<'_> {
    fn person(&self, id: IdentityId) -> bool {
        self.keep_person
            .is_none_or(|k| k[self.people.person(id).0 as usize])
    }
    /// A row that may name nobody (a seat, a charge): kept without a person only when no
    /// person filter is on.
    fn maybe_person(&self, id: Option<IdentityId>) -> bool {
        match (self.keep_person, id) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(_), Some(id)) => self.person(id),
        }
    }
    fn tool(&self, tool: Tool) -> bool {
        self.tool.is_none_or(|q| q == tool)
    }
    fn maybe_tool(&self, tool: Option<Tool>) -> bool {
        self.tool.is_none_or(|q| tool == Some(q))
    }
    fn day(&self, day: Day) -> bool {
        self.span.is_none_or(|s| s.contains(day))
    }
    fn period(&self, period: DaySpan) -> bool {
        self.span.is_none_or(|s| s.covers(period))
    }
}

impl RowFilter for QueryRows<'_> {
    fn period(&self, r: &PeriodActivity) -> bool {
        self.person(r.identity) && self.tool(r.tool) && QueryRows::period(self, r.period)
    }
    fn daily(&self, r: &DailyActivity) -> bool {
        self.person(r.identity) && self.tool(r.tool) && self.day(r.day)
    }
    fn event(&self, e: &MessageEvent) -> bool {
        self.person(e.identity) && self.tool(e.tool) && self.day(Day::from_unix_seconds(e.at))
    }
    fn seat(&self, s: &Seat) -> bool {
        self.maybe_person(s.identity) && self.maybe_tool(s.tool)
    }
    fn org_daily(&self, r: &OrgDaily) -> bool {
        self.keep_person.is_none() && self.tool(r.tool) && self.day(r.day)
    }
    fn team(&self, m: &TeamMembership) -> bool {
        self.person(m.identity) && self.day(m.day)
    }
    /// A line summed over a period (Claude spend) is kept when the range covers the period.
    fn charge(&self, c: &UsageCharge) -> bool {
        self.maybe_person(c.identity)
            && self.maybe_tool(c.tool)
            && match c.period {
                Some(p) => QueryRows::period(self, p),
                None => c.day.is_none_or(|d| self.day(d)),
            }
    }
    fn period_app(&self, r: &PeriodApp) -> bool {
        self.person(r.identity) && self.tool(r.tool) && QueryRows::period(self, r.period)
    }
    fn hourly(&self, r: &HourlyUse) -> bool {
        self.person(r.identity) && self.tool(r.tool) && self.day(r.day)
    }
}
