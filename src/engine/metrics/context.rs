//! What every view's metrics read: the facts (already narrowed to the page's filters), people
//! after linking, each person's department and team, the weeks of the plan, and the settings.
//! Built once per Report; each view module is a pure function `build(&Ctx) -> <View>`.

use super::activity::ToolSpans;
use super::activity_index::ActivityIndex;
use super::adoption::{first_activity, person_weeks, AdoptionRows, PersonWeek};
use super::day_index::DayIndex;
use super::people::{People, PersonId};
use super::privacy::suppress;
use super::trend::TrendPlan;
use super::weeks::WeekPlan;
use crate::engine::date::{Day, DaySpan};
use crate::engine::facts::{DailyActivity, Facts, MessageEvent, OrgDaily, PeriodActivity};
use crate::engine::intern::Sym;
use crate::engine::query::Grain;
use crate::engine::settings::Settings;
use std::cell::{OnceCell, RefCell};
use std::collections::BTreeMap;
use std::rc::Rc;

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
    /// Each tool's span of data (which tools a window is covered by), computed once.
    pub tool_spans: ToolSpans,
    /// Every proof of activity, by day: what [`Ctx::active_tools`] reads.
    activity: ActivityIndex,
    /// The ChatGPT adoption rows by period start: what [`Ctx::person_weeks`] reads.
    adoption_rows: AdoptionRows,
    /// Person-day rows, organisation days and message events by day: what `daily_in`,
    /// `org_daily_in` and `events_in` read.
    daily_days: DayIndex,
    org_days: DayIndex,
    event_days: DayIndex,
    /// Every session of the message events (`sessions`), once asked.
    sessions: OnceCell<Vec<super::sessions::Session>>,
    /// Which kind of fact carries each tool's usage (credits), once asked.
    usage_kinds: OnceCell<Vec<(crate::engine::facts::Tool, super::credits::Kind)>>,
    /// Weeks whose person rows were already computed (many views ask for the headline week).
    person_weeks_done: RefCell<BTreeMap<(Day, Day), WeekRows>>,
    /// Weeks whose messages and power users were already computed (`concentration`).
    power_weeks: RefCell<BTreeMap<(Day, Day), Rc<super::concentration::Week>>>,
}

/// One week's person rows, shared by every view that asks for that week.
type WeekRows = Rc<Vec<PersonWeek>>;

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
            activity: ActivityIndex::of(facts, people),
            adoption_rows: AdoptionRows::of(facts, settings),
            person_weeks_done: RefCell::new(BTreeMap::new()),
            power_weeks: RefCell::new(BTreeMap::new()),
            usage_kinds: OnceCell::new(),
            sessions: OnceCell::new(),
            daily_days: DayIndex::of(&facts.daily, |r| Some(r.day)),
            org_days: DayIndex::of(&facts.org_daily, |r| Some(r.day)),
            event_days: DayIndex::of(&facts.events, |e| Some(Day::from_unix_seconds(e.at))),
        }
    }

    /// Every session in the message events (see `sessions`), built once per Report.
    pub fn sessions(&self) -> &[super::sessions::Session] {
        self.sessions
            .get_or_init(|| super::sessions::sessions(self))
    }

    /// Which kind of fact carries each tool's usage (see `credits::usage_kinds`).
    pub fn usage_kinds(&self) -> &[(crate::engine::facts::Tool, super::credits::Kind)] {
        self.usage_kinds
            .get_or_init(|| super::credits::usage_kinds(self))
    }

    /// The person-day rows of the days inside `window`, in table order.
    pub fn daily_in(&self, window: DaySpan) -> impl Iterator<Item = &'a DailyActivity> {
        self.daily_days.in_window(&self.facts.daily, window)
    }

    /// The organisation-day rows of the days inside `window`, in table order.
    pub fn org_daily_in(&self, window: DaySpan) -> impl Iterator<Item = &'a OrgDaily> {
        self.org_days.in_window(&self.facts.org_daily, window)
    }

    /// The message events of the days inside `window`, in table order.
    pub fn events_in(&self, window: DaySpan) -> impl Iterator<Item = &'a MessageEvent> {
        self.event_days.in_window(&self.facts.events, window)
    }

    /// The ChatGPT period rows that overlap `window` (the adoption rows), by period start.
    pub fn chatgpt_rows_in(
        &self,
        window: DaySpan,
    ) -> impl Iterator<Item = &'a PeriodActivity> + '_ {
        self.adoption_rows
            .overlapping(self.facts, window.first, window.last)
    }

    /// Per person, a bit mask of the tools they were active on inside `window` (the bits of
    /// `activity::TOOLS`; see `activity_index`).
    pub fn active_tools(&self, window: DaySpan) -> Vec<u8> {
        self.activity.active_tools(window)
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

    /// Every person's seat and activity for `week` (ChatGPT weekly rows; see `adoption`),
    /// computed once per week and Report.
    pub fn person_weeks(&self, week: DaySpan) -> Rc<Vec<PersonWeek>> {
        once_per_week(&self.person_weeks_done, week, || {
            person_weeks(
                self.facts,
                self.people,
                &self.first_active,
                self.settings,
                week,
                &self.adoption_rows,
            )
        })
    }

    /// `week`'s power-user figures per person (see `concentration`), computed once per week
    /// and Report.
    pub(super) fn power_week(
        &self,
        week: DaySpan,
        compute: impl FnOnce() -> super::concentration::Week,
    ) -> Rc<super::concentration::Week> {
        once_per_week(&self.power_weeks, week, compute)
    }

    /// Which of `sizes` (people per group, in order) the minimum group size hides, with
    /// complementary suppression (METRICS.md "Privacy floor").
    pub fn suppressed(&self, sizes: &[u32]) -> Vec<bool> {
        suppress(sizes, self.settings.floor())
    }
}

/// What `compute` gives for `week`, computed the first time and shared after.
fn once_per_week<T>(
    done: &RefCell<BTreeMap<(Day, Day), Rc<T>>>,
    week: DaySpan,
    compute: impl FnOnce() -> T,
) -> Rc<T> {
    let key = (week.first, week.last);
    if let Some(rows) = done.borrow().get(&key) {
        return Rc::clone(rows);
    }
    let rows = Rc::new(compute());
    done.borrow_mut().insert(key, Rc::clone(&rows));
    rows
}
