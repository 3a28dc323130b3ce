//! A small deterministic PRNG (SplitMix64) and the draws the generator needs.
//!
//! Only integer arithmetic and IEEE-exact float operations (+, -, *, /) are used, so the
//! same seed gives the same stream natively and in wasm (no `exp`/`ln`/`powf`, whose last
//! bit may differ between math libraries).

/// SplitMix64 (Steele, Lea, Flood 2014): 64-bit state, full period, good enough here.
#[derive(Clone, Debug)]
pub(super) struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for one purpose (`stream`) of one seed, independent of the others.
    pub(super) fn new(seed: u64, stream: u64) -> Self {
        let mut mixer = Rng {
            state: seed ^ stream.wrapping_mul(0xA076_1D64_78BD_642F),
        };
        let state = mixer.next_u64();
        Rng { state }
    }

    pub(super) fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(super) fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [0, n); 0 when n is 0.
    pub(super) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform index into a collection of `len` items (0 when empty).
    pub(super) fn index(&mut self, len: usize) -> usize {
        self.below(len as u64) as usize
    }

    /// Uniform integer in [lo, hi] (inclusive); `lo` when the range is empty.
    pub(super) fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `p`.
    pub(super) fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    /// Uniform in [lo, hi).
    pub(super) fn between(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// An item of a slice (`None` when empty).
    pub(super) fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = self.index(items.len());
        items.get(i)
    }

    /// Index drawn with probability proportional to `weights` (0 when all are zero).
    pub(super) fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().filter(|w| **w > 0.0).sum();
        if total <= 0.0 {
            return 0;
        }
        let mut x = self.f64() * total;
        let mut last = 0;
        for (i, w) in weights.iter().enumerate() {
            if *w <= 0.0 {
                continue;
            }
            last = i;
            if x < *w {
                return i;
            }
            x -= *w;
        }
        last
    }

    /// Fisher-Yates shuffle.
    pub(super) fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = self.index(i + 1);
            items.swap(i, j);
        }
    }

    /// `n` characters from `alphabet` (ASCII).
    pub(super) fn string_of(&mut self, alphabet: &[u8], n: usize) -> String {
        (0..n)
            .map(|_| char::from(self.pick(alphabet).copied().unwrap_or(b'0')))
            .collect()
    }
}

pub(super) const ALNUM: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
pub(super) const HEX: &[u8] = b"0123456789abcdef";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_stable_and_bounded() {
        let mut a = Rng::new(1, 2);
        let mut b = Rng::new(1, 2);
        let mut c = Rng::new(1, 3);
        let xs: Vec<u64> = (0..8).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..8).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..8).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
        for _ in 0..1000 {
            let f = a.f64();
            assert!((0.0..1.0).contains(&f));
            assert!(a.below(7) < 7);
            let r = a.range(-3, 3);
            assert!((-3..=3).contains(&r));
        }
        assert_eq!(a.below(0), 0);
        assert_eq!(a.weighted(&[0.0, 0.0]), 0);
        assert!(a.pick::<u8>(&[]).is_none());
    }
}
