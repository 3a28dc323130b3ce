//! The minimum group size (METRICS.md "Privacy floor"): a breakdown shows a group only when at
//! least `floor` people with a seat are in it. Groups under the floor are suppressed, and more
//! groups are suppressed (next-smallest first) until the suppressed groups together hold at
//! least `floor` people and number at least two, so no total minus the shown groups reveals one.

/// Which groups to suppress, given each group's size (people with a seat). Returns a flag per
/// group, in the same order.
pub fn suppress(sizes: &[u32], floor: u32) -> Vec<bool> {
    let mut hidden: Vec<bool> = sizes.iter().map(|&s| s < floor).collect();
    if !hidden.iter().any(|&h| h) {
        return hidden;
    }
    let mut order: Vec<usize> = (0..sizes.len()).collect();
    order.sort_by_key(|&i| (sizes[i], i));
    loop {
        let count = hidden.iter().filter(|&&h| h).count();
        let total: u32 = sizes
            .iter()
            .zip(&hidden)
            .filter(|(_, &h)| h)
            .map(|(s, _)| s)
            .sum();
        if count >= 2 && total >= floor {
            return hidden;
        }
        match order.iter().find(|&&i| !hidden[i]) {
            Some(&next) => hidden[next] = true,
            None => return hidden,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_group_under_the_floor_hides_nothing() {
        assert_eq!(suppress(&[5, 9, 12], 5), vec![false, false, false]);
    }

    #[test]
    fn one_small_group_takes_the_next_smallest_with_it() {
        // Legal (3) is under 5; alone it could be recovered as total − others, so the next
        // smallest (Ops, 6) is hidden too: 3 + 6 = 9 ≥ 5 and two groups.
        assert_eq!(suppress(&[40, 3, 6, 12], 5), vec![false, true, true, false]);
    }

    #[test]
    fn small_groups_are_hidden_until_their_sum_reaches_the_floor() {
        // 1 + 2 = 3 < 5, so the next smallest (4) joins: 1 + 2 + 4 = 7.
        assert_eq!(suppress(&[1, 2, 4, 30], 5), vec![true, true, true, false]);
        // Everything small: everything hidden.
        assert_eq!(suppress(&[1, 1], 5), vec![true, true]);
    }
}
