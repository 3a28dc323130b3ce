//! What every view's metrics read: the facts (already narrowed to the page's filters), people
//! after linking, each person's department and team, the weeks of the plan, and the settings.
//! Built once per Report; each view module is a pure function `build(&Ctx) -> <View>`.

use super::activity::ToolSpans;
use super::adoption::{first_activity, person_weeks, PersonWeek};
use super::people::{People, PersonId};
use super::privacy::suppress;
use super::trend::TrendPlan;
use super::weeks::WeekPlan;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::Facts;
use crate::engine::intern::Sym;
use crate::engine::query::Grain;
use crate::engine::settings::Settings;

/// Name shown for people with no department.
pub const UNASSIGNED: &str = "Unassigned";

pub struct Ctx<'a> {
    pub facts: &'a Facts,
    pub people: &'a People,
    pub settings: &'a Settings,
    pub plan: &'a WeekPlan,
    /// The last complete week (every headline figure is about it).
    pub headline: Option<DaySpan>,
    /// `settings.compare_weeks_back` weeks earlier, when covered.
    pub comparison: Option<DaySpan>,
    /// Per person (index = `PersonId.0`): their department (HRIS first, else the vendor's).
    pub departments: Vec<Option<Sym>>,
    /// Per person: the first day they were seen active.
    pub first_active: Vec<Option<Day>>,
    /// The buckets trends are cut into at the page's grain.
    pub trend: TrendPlan,
    /// Each tool's span of data (what `activity::tools_covering` reads), computed once.
    pub tool_spans: ToolSpans,
}

impl<'a> Ctx<'a> {
    pub fn new(
        facts: &'a Facts,
        people: &'a People,
        settings: &'a Settings,
        plan: &'a WeekPlan,
        grain: Grain,
    ) -> Ctx<'a> {
        Ctx {
            trend: super::trend::plan(facts, plan, grain),
            facts,
            people,
            settings,
            plan,
            headline: plan.headline(),
            comparison: plan.weeks_before_headline(settings.compare_weeks_back),
            departments: people.departments(facts),
            first_active: first_activity(facts, people),
            tool_spans: ToolSpans::of(facts),
        }
    }

    /// The weeks of the trend: up to `n` weeks ending with the headline week, oldest first.
    pub fn trend_weeks(&self, n: usize) -> Vec<DaySpan> {
        let weeks = &self.plan.weeks;
        weeks[weeks.len().saturating_sub(n)..].to_vec()
    }

    /// The buckets of a trend built from daily rows and events, at the page's grain.
    pub fn trend(&self) -> Vec<DaySpan> {
        self.trend.daily.spans.clone()
    }

    /// The buckets of a trend built from the ChatGPT Users export's rows (their own cadence).
    pub fn row_trend(&self) -> Vec<DaySpan> {
        self.trend.rows.spans.clone()
    }

    /// The 28 days ending with `week` (the monthly-active window).
    pub fn month_of(week: DaySpan) -> DaySpan {
        DaySpan::new(week.last.plus(-27), week.last)
    }

    /// A person's department name ("Unassigned" when none is known).
    pub fn department(&self, person: PersonId) -> &str {
        self.departments
            .get(person.0 as usize)
            .copied()
            .flatten()
            .map_or(UNASSIGNED, |d| self.facts.strings.resolve(d))
    }

    /// Every person's seat and activity for `week` (ChatGPT weekly rows; see `adoption`).
    pub fn person_weeks(&self, week: DaySpan) -> Vec<PersonWeek> {
        person_weeks(
            self.facts,
            self.people,
            &self.first_active,
            self.settings,
            week,
        )
    }

    /// Which of `sizes` (people per group, in order) the minimum group size hides, with
    /// complementary suppression (METRICS.md "Privacy floor").
    pub fn suppressed(&self, sizes: &[u32]) -> Vec<bool> {
        suppress(sizes, self.settings.floor())
    }
}
