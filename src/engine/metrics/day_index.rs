//! The rows of a fact table by day, read once per Report, so that a view asking for "the rows
//! of this week" (for every bucket of every trend) reads only those rows instead of the whole
//! table again. Rows come back in table order, so sums and ties are exactly what a scan of the
//! table would give.

use crate::engine::date::{Day, DaySpan};

/// A table's row numbers ordered by their day.
#[derive(Debug, Default)]
pub struct DayIndex {
    /// (day, row number), sorted.
    by_day: Vec<(Day, u32)>,
}

impl DayIndex {
    /// `day_of` gives each row's day (`None`: the row has no day and is never in a window).
    pub fn of<T>(rows: &[T], day_of: impl Fn(&T) -> Option<Day>) -> DayIndex {
        let mut by_day: Vec<(Day, u32)> = rows
            .iter()
            .enumerate()
            .filter_map(|(i, row)| day_of(row).map(|d| (d, i as u32)))
            .collect();
        by_day.sort_unstable();
        DayIndex { by_day }
    }

    /// The row numbers whose day lies inside `window`, in table order.
    pub fn rows_in(&self, window: DaySpan) -> Vec<u32> {
        let start = self.by_day.partition_point(|(d, _)| *d < window.first);
        let end = self.by_day.partition_point(|(d, _)| *d <= window.last);
        let mut rows: Vec<u32> = self.by_day[start..end.max(start)]
            .iter()
            .map(|(_, i)| *i)
            .collect();
        rows.sort_unstable();
        rows
    }

    /// The rows of `table` whose day lies inside `window`, in table order.
    pub fn in_window<'t, T>(&self, table: &'t [T], window: DaySpan) -> impl Iterator<Item = &'t T> {
        self.rows_in(window)
            .into_iter()
            .filter_map(move |i| table.get(i as usize))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_in_a_window_come_back_in_table_order() {
        // Days 5, 1, 3, 1, none, 9: the window 1..=3 holds rows 1, 2 and 3 (days 1, 3, 1).
        let days = [Some(5), Some(1), Some(3), Some(1), None, Some(9)];
        let index = DayIndex::of(&days, |d| d.map(Day));
        assert_eq!(index.rows_in(DaySpan::new(Day(1), Day(3))), vec![1, 2, 3]);
        assert_eq!(index.rows_in(DaySpan::new(Day(4), Day(9))), vec![0, 5]);
        assert_eq!(
            index.rows_in(DaySpan::new(Day(10), Day(20))),
            Vec::<u32>::new()
        );
        let picked: Vec<_> = index
            .in_window(&days, DaySpan::new(Day(0), Day(2)))
            .collect();
        assert_eq!(picked, vec![&Some(1), &Some(1)]);
    }
}
