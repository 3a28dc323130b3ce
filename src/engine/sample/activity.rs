//! Which enabled seat holders are active in which week.
//!
//! Each holder has a weekly habit (probability of being active once they have taken the
//! tool up) and an adoption week (always active that week). Every week each enabled member
//! is drawn active with that probability; the draw is then trimmed or topped up (keenest
//! first) so that the share follows the organisation's adoption curve: about 25 % of
//! enabled seats in the first week, 65 % in the last.

use super::date::WEEKS;
use super::rng::Rng;
use super::seats::{Seat, Status};

/// Chance-like weight of a member who has not taken the tool up yet.
const TRIAL: f64 = 0.04;

/// `active[seat][week]`.
pub(super) fn weekly_activity(seed: u64, seats: &[Seat]) -> Vec<[bool; WEEKS]> {
    let mut rng = Rng::new(seed, 3);
    let mut active = vec![[false; WEEKS]; seats.len()];
    for week in 0..WEEKS {
        let mut enabled = 0usize;
        let mut forced = 0usize;
        let mut candidates: Vec<(f64, usize)> = Vec::new();
        for (i, seat) in seats.iter().enumerate() {
            if seat.status(week) != Status::Enabled {
                continue;
            }
            enabled += 1;
            if !seat.can_be_active(week) {
                continue;
            }
            let w = week as i64;
            let p = if w >= seat.adopt_week {
                seat.habit
            } else {
                TRIAL
            };
            // Natural draw first; the adjustment to the target share then prefers keener
            // members, and the adoption week always counts.
            let drawn = rng.chance(p);
            let mut key = 2.0 * f64::from(u8::from(drawn)) + p + 0.5 * rng.f64();
            if w == seat.adopt_week {
                key += 4.0;
                forced += 1;
            }
            candidates.push((key, i));
        }
        let r = week as f64 / (WEEKS - 1) as f64;
        let target = 0.25 + 0.40 * r + 0.04 * (rng.f64() - 0.5);
        let k = ((target * enabled as f64 + 0.5) as usize)
            .max(forced)
            .min(candidates.len());
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, i) in candidates.iter().take(k) {
            if let Some(row) = active.get_mut(i) {
                row[week] = true;
            }
        }
    }
    active
}
