//! What the per-tool views (Claude Code, Cursor, Microsoft 365 Copilot, Gemini) share: one
//! section shape (figures, a trend, tables, `needs`, a recommended action) and the helpers
//! that fill it: per-person sums, tables by department with the group-size floor, and a
//! trend recounted from person rows in every bucket.

use super::adoption::ratio;
use super::context::Ctx;
use super::definitions::Unit;
use super::people::PersonId;
use crate::engine::date::DaySpan;
use crate::engine::facts::Tool;
use crate::engine::report::Figure;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One tool's view of the Report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ToolView {
    /// The view's figures for the headline week (and the comparison week, when covered).
    pub figures: Vec<Figure>,
    /// One specific recommended action derived from the numbers.
    pub action: Option<String>,
    /// When nothing loaded fills the view: which export would, and where to get it.
    #[serde(default)]
    pub needs: Option<String>,
    /// A trend over the page's buckets (or the tool's own snapshots), each recounted.
    #[serde(default)]
    pub trend: ToolTrend,
    /// Breakdowns of the headline week (by model, terminal, app, department…).
    #[serde(default)]
    pub tables: Vec<ToolTable>,
    /// The group size every department row obeys.
    #[serde(default)]
    pub min_group_size: u32,
}

/// Values per bucket; `None` where the tool's data does not cover the bucket.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolTrend {
    pub title: String,
    /// What each point is and where it comes from.
    pub definition: String,
    pub unit: Unit,
    pub buckets: Vec<DaySpan>,
    pub series: Vec<TrendLine>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrendLine {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// A table of the headline week: one label column, then numbers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ToolTable {
    /// Stable id (`data-testid` of the table).
    pub id: String,
    pub title: String,
    /// How the rows are counted (shown under the title).
    pub note: String,
    /// The label column's heading ("Model", "Department"…).
    pub dimension: String,
    pub columns: Vec<Column>,
    pub rows: Vec<TableRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub label: String,
    pub unit: Unit,
}

/// One row; every value is `None` when the row is hidden by the group-size floor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TableRow {
    pub label: String,
    pub suppressed: bool,
    pub values: Vec<Option<f64>>,
}

impl Default for ToolTrend {
    fn default() -> ToolTrend {
        ToolTrend {
            title: String::new(),
            definition: String::new(),
            unit: Unit::Number,
            buckets: Vec::new(),
            series: Vec::new(),
        }
    }
}

impl ToolView {
    /// An empty view of a tool nothing loaded covers, saying what would fill it.
    /// The headline week and an empty view to fill for it, or, without a complete week, the
    /// view saying why.
    pub fn for_headline(ctx: &Ctx) -> Result<(DaySpan, ToolView), Box<ToolView>> {
        match ctx.headline {
            Some(week) => Ok((
                week,
                ToolView {
                    min_group_size: ctx.settings.floor(),
                    ..ToolView::default()
                },
            )),
            None => Err(Box::new(ToolView::needing(
                ctx,
                ctx.plan
                    .problem
                    .as_deref()
                    .unwrap_or("needs a complete week of data"),
            ))),
        }
    }

    pub fn needing(ctx: &Ctx, needs: &str) -> ToolView {
        ToolView {
            needs: Some(needs.to_string()),
            min_group_size: ctx.settings.floor(),
            ..ToolView::default()
        }
    }

    pub fn figure(&self, id: &str) -> Option<f64> {
        self.figures
            .iter()
            .find(|f| f.id == id)
            .and_then(|f| f.value)
    }

    pub fn table(&self, id: &str) -> Option<&ToolTable> {
        self.tables.iter().find(|t| t.id == id)
    }
}

/// True when the tool's data reaches into `window` (else its figures there are unknown).
pub fn covers(ctx: &Ctx, tool: Tool, window: DaySpan) -> bool {
    ctx.tool_spans.covering(window).contains(&tool)
}

/// Columns from (label, unit) pairs.
pub fn columns(spec: &[(&str, Unit)]) -> Vec<Column> {
    spec.iter()
        .map(|(label, unit)| Column {
            label: label.to_string(),
            unit: *unit,
        })
        .collect()
}

/// Rows by label from per-label (people, sums): largest first, then by label. No floor: for
/// breakdowns by model, app or terminal, which are not groups of people.
pub fn label_rows(groups: BTreeMap<String, (u32, Vec<f64>)>) -> Vec<TableRow> {
    let mut rows: Vec<(String, (u32, Vec<f64>))> = groups.into_iter().collect();
    rows.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    rows.into_iter()
        .map(|(label, (people, sums))| TableRow {
            label,
            suppressed: false,
            values: std::iter::once(Some(f64::from(people)))
                .chain(sums.into_iter().map(Some))
                .collect(),
        })
        .collect()
}

/// By department: per active person (index = person) their sums; one row per department
/// with its people, the sums, and `per_person` (sum index → value per person) appended;
/// groups under the floor hidden with complementary suppression.
pub fn department_rows(
    ctx: &Ctx,
    per_person: &[Option<Vec<f64>>],
    ratios: &[usize],
) -> Vec<TableRow> {
    let mut groups: BTreeMap<String, (u32, Vec<f64>)> = BTreeMap::new();
    for (p, sums) in per_person.iter().enumerate() {
        let Some(sums) = sums else { continue };
        let g = groups
            .entry(ctx.department(PersonId(p as u32)).to_string())
            .or_insert_with(|| (0, vec![0.0; sums.len()]));
        g.0 += 1;
        for (total, v) in g.1.iter_mut().zip(sums) {
            *total += v;
        }
    }
    let mut groups: Vec<(String, (u32, Vec<f64>))> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(&b.0)));
    let sizes: Vec<u32> = groups.iter().map(|g| g.1 .0).collect();
    let hidden = ctx.suppressed(&sizes);
    groups
        .into_iter()
        .zip(hidden)
        .map(|((label, (people, sums)), suppressed)| {
            let mut values: Vec<Option<f64>> = vec![Some(f64::from(people))];
            values.extend(sums.iter().map(|v| Some(*v)));
            values.extend(ratios.iter().map(|i| ratio(sums[*i], f64::from(people))));
            if suppressed {
                values.iter_mut().for_each(|v| *v = None);
            }
            TableRow {
                label,
                suppressed,
                values,
            }
        })
        .collect()
}

/// A department table with its standard note.
pub fn department_table(
    ctx: &Ctx,
    id: &str,
    what: &str,
    cols: &[(&str, Unit)],
    rows: Vec<TableRow>,
) -> ToolTable {
    ToolTable {
        id: id.to_string(),
        title: "By department".into(),
        note: format!(
            "{what} Departments with fewer than {} people are hidden (with one more when only one would be).",
            ctx.settings.floor()
        ),
        dimension: "Department".into(),
        columns: columns(cols),
        rows,
    }
}

/// "1,204", "12.5": whole numbers with separators, one decimal below 100.
pub fn number(v: f64) -> String {
    if v.abs() < 100.0 && v.fract() != 0.0 {
        return format!("{v:.1}");
    }
    let digits = format!("{:.0}", v.abs());
    let mut out = String::new();
    for (i, ch) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    if v < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

/// "$0.65", "$12.50", "$1,204": cents below $100, whole dollars above.
pub fn usd(v: f64) -> String {
    if v.abs() < 100.0 {
        format!("${v:.2}")
    } else {
        format!("${}", number(v.round()))
    }
}

pub fn percent(v: f64) -> String {
    format!("{:.0} %", v * 100.0)
}

/// A figure's definition where more is better (the per-tool views' figures).
pub const fn higher_is_better(
    id: &'static str,
    label: &'static str,
    unit: Unit,
    formula: &'static str,
    sources: &'static str,
    needs: &'static str,
) -> super::definitions::Definition {
    super::definitions::Definition {
        id,
        label,
        unit,
        formula,
        sources,
        needs,
        better: super::definitions::Better::Higher,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_the_page() {
        assert_eq!(number(1204.0), "1,204");
        assert_eq!(number(12.5), "12.5");
        assert_eq!(number(7.0), "7");
        assert_eq!(percent(0.625), "62 %");
        assert_eq!(usd(0.65), "$0.65");
        assert_eq!(usd(1204.4), "$1,204");
    }

    #[test]
    fn label_rows_put_the_largest_first() {
        let mut groups = BTreeMap::new();
        groups.insert("b".to_string(), (1, vec![2.0]));
        groups.insert("a".to_string(), (3, vec![1.0]));
        let rows = label_rows(groups);
        assert_eq!(rows[0].label, "a");
        assert_eq!(rows[0].values, vec![Some(3.0), Some(1.0)]);
    }
}
