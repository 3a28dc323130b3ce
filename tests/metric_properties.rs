//! Properties of the headline metrics over random small organisations, each written as a real
//! ChatGPT weekly Users export and read by the real parser. No crates: a xorshift64* generator
//! seeded per case makes every failure reproducible from its seed.
//!
//! - WAU ≤ MAU ≤ seats, and each equals the count worked out from the generated rows.
//! - Splitting the rows over several files (some rows in two of them), loaded in any order,
//!   gives the same Report as one file.
//! - The group-size floor: no shown department is under it, and total minus the shown groups
//!   never isolates one hidden group (the hidden ones are none, or two or more holding at least
//!   the floor together).

mod common;

use common::{key, read_bytes};
use uptake::engine::dataset::Dataset;
use uptake::engine::metrics::build_report;
use uptake::engine::settings::Settings;
use uptake::engine::Report;

const SEEDS: u64 = 300;

/// xorshift64* (Vigna): small, fast and good enough to pick test cases.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // Spread small seeds; never zero.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `low..=high` (the modulo bias is irrelevant here).
    fn range(&mut self, low: u32, high: u32) -> u32 {
        low + (self.next() % u64::from(high - low + 1)) as u32
    }

    fn chance(&mut self, percent: u32) -> bool {
        self.range(1, 100) <= percent
    }
}

const HEADER: &str =
    "cadence,period_start,period_end,email,department,user_status,is_active,messages";
/// A Sunday: 2026-01-01 is a Thursday, so 2026-02-01 and 2026-03-01 (28 days on) are Sundays.
const FIRST_SUNDAY: (u32, u32) = (3, 1);
const DEPARTMENTS: [&str; 6] = ["Engineering", "Sales", "Legal", "Finance", "Ops", "Design"];

struct Person {
    department: usize,
    pending: bool,
    /// The first week with a row (people join during the export).
    joins: u32,
}

/// A random organisation: its people, and per week and person the messages sent (0 = idle).
struct Organisation {
    weeks: u32,
    people: Vec<Person>,
    messages: Vec<Vec<u32>>,
}

impl Organisation {
    fn random(rng: &mut Rng) -> Organisation {
        let weeks = rng.range(1, 7);
        let count = rng.range(1, 30);
        let people: Vec<Person> = (0..count)
            .map(|i| Person {
                // Skewed, so that some departments are small and some are empty.
                department: (rng.range(0, 35) as f64).sqrt() as usize,
                pending: rng.chance(10),
                // The first person is there from the start, so the export covers every week.
                joins: if i == 0 || rng.chance(70) {
                    0
                } else {
                    rng.range(0, weeks - 1)
                },
            })
            .collect();
        let activity = rng.range(10, 90);
        let messages = (0..weeks)
            .map(|week| {
                people
                    .iter()
                    .map(|p| {
                        let active = !p.pending && week >= p.joins && rng.chance(activity);
                        if active {
                            rng.range(1, 60)
                        } else {
                            0
                        }
                    })
                    .collect()
            })
            .collect();
        Organisation {
            weeks,
            people,
            messages,
        }
    }

    /// The export's data rows, one per person and week from the week they join.
    fn rows(&self) -> Vec<String> {
        let mut rows = Vec::new();
        for week in 0..self.weeks {
            let start = day(7 * week);
            let end = day(7 * week + 6);
            for (i, person) in self.people.iter().enumerate() {
                if week < person.joins {
                    continue;
                }
                let messages = self.messages[week as usize][i];
                rows.push(format!(
                    "Weekly,{start},{end},p{i}@example.com,\"[\"\"{}\"\"]\",{},{},{messages}",
                    DEPARTMENTS[person.department],
                    if person.pending { "pending" } else { "enabled" },
                    u32::from(messages > 0),
                ));
            }
        }
        rows
    }

    fn active(&self, week: u32, person: usize) -> bool {
        self.messages[week as usize][person] > 0
    }

    /// Enabled people with a row in the last week (everyone keeps their row once joined).
    fn seats(&self) -> usize {
        self.people.iter().filter(|p| !p.pending).count()
    }

    fn weekly_active(&self) -> usize {
        (0..self.people.len())
            .filter(|&i| self.active(self.weeks - 1, i))
            .count()
    }

    /// Active in any of the last four weeks; `None` under four weeks of data.
    fn monthly_active(&self) -> Option<usize> {
        (self.weeks >= 4).then(|| {
            (0..self.people.len())
                .filter(|&i| (self.weeks - 4..self.weeks).any(|w| self.active(w, i)))
                .count()
        })
    }
}

/// `offset` days after the first Sunday, as YYYY-MM-DD (March has 31 days, April 30).
fn day(offset: u32) -> String {
    let (mut month, mut day) = (FIRST_SUNDAY.0, FIRST_SUNDAY.1 + offset);
    for length in [31, 30, 31, 30] {
        if day <= length {
            break;
        }
        day -= length;
        month += 1;
    }
    format!("2026-{month:02}-{day:02}")
}

fn file(rows: &[String]) -> Vec<u8> {
    let mut text = format!("{HEADER}\n");
    for row in rows {
        text.push_str(row);
        text.push('\n');
    }
    text.into_bytes()
}

fn report_of(files: &[(u32, Vec<u8>)], settings: &Settings) -> Report {
    let mut dataset = Dataset::default();
    for (id, bytes) in files {
        dataset.add(
            *id,
            &format!("users-{id}.csv"),
            bytes.len() as u64,
            read_bytes(bytes),
        );
    }
    build_report(&dataset, settings, &key().fingerprint())
}

fn people(report: &Report, id: &str) -> Option<usize> {
    report.figure(id).and_then(|f| f.value).map(|v| v as usize)
}

#[test]
fn day_offsets_cross_months() {
    // 2026-03-01 + 31 = 2026-04-01; + 61 = 2026-05-01.
    assert_eq!(
        (day(0), day(30), day(31), day(61)),
        (
            "2026-03-01".into(),
            "2026-03-31".into(),
            "2026-04-01".into(),
            "2026-05-01".into()
        )
    );
}

#[test]
fn wau_at_most_mau_at_most_seats() {
    let mut checked_mau = 0;
    for seed in 0..SEEDS {
        let mut rng = Rng::new(seed);
        let org = Organisation::random(&mut rng);
        let report = report_of(&[(0, file(&org.rows()))], &Settings::default());
        let (wau, mau, seats) = (
            people(&report, "weekly_active_users"),
            people(&report, "monthly_active_users"),
            people(&report, "seats"),
        );
        assert_eq!(seats.unwrap_or(0), org.seats(), "seed {seed}: seats");
        assert_eq!(wau, Some(org.weekly_active()), "seed {seed}: WAU");
        if let Some(expected) = org.monthly_active() {
            assert_eq!(mau, Some(expected), "seed {seed}: MAU");
            checked_mau += 1;
        }
        let wau = wau.unwrap_or(0);
        assert!(
            wau <= mau.unwrap_or(wau),
            "seed {seed}: WAU {wau} > MAU {mau:?}"
        );
        assert!(
            mau.unwrap_or(wau) <= seats.unwrap_or(0),
            "seed {seed}: MAU {mau:?} > seats {seats:?}"
        );
    }
    // Weeks are 1…7 uniformly: about 4 in 7 cases have four weeks.
    assert!(checked_mau > SEEDS / 3, "{checked_mau}");
}

#[test]
fn split_files_in_any_order_give_the_same_report() {
    for seed in 0..SEEDS {
        let mut rng = Rng::new(seed);
        let org = Organisation::random(&mut rng);
        let rows = org.rows();
        let settings = Settings::default();
        let mut whole = report_of(&[(0, file(&rows))], &settings);
        // 1 to 4 files; each row in one, or (one in ten) in two: counted once.
        let parts = rng.range(1, 4) as usize;
        let mut split: Vec<Vec<String>> = vec![Vec::new(); parts];
        for row in &rows {
            let first = rng.range(0, parts as u32 - 1) as usize;
            split[first].push(row.clone());
            if parts > 1 && rng.chance(10) {
                let second = (first + rng.range(1, parts as u32 - 1) as usize) % parts;
                split[second].push(row.clone());
            }
        }
        // Rows shuffled inside each file, and file ids a random permutation.
        for part in &mut split {
            for i in (1..part.len()).rev() {
                part.swap(i, rng.range(0, i as u32) as usize);
            }
        }
        let mut ids: Vec<u32> = (0..parts as u32).collect();
        for i in (1..ids.len()).rev() {
            ids.swap(i, rng.range(0, i as u32) as usize);
        }
        let files: Vec<(u32, Vec<u8>)> = ids
            .iter()
            .zip(&split)
            .map(|(&id, part)| (id, file(part)))
            .collect();
        let mut merged = report_of(&files, &settings);
        // Only the per-file list may differ (names, rows per file, duplicates).
        whole.sources.clear();
        merged.sources.clear();
        if merged != whole {
            let (a, b) = (
                serde_json::to_value(&whole).unwrap_or_default(),
                serde_json::to_value(&merged).unwrap_or_default(),
            );
            let differ: Vec<String> = a
                .as_object()
                .into_iter()
                .flatten()
                .filter(|(k, v)| b.get(k.as_str()) != Some(v))
                .map(|(k, v)| {
                    first_difference(k, v, b.get(k.as_str()).unwrap_or(&serde_json::Value::Null))
                })
                .collect();
            panic!("seed {seed}: {parts} files differ from one: {differ:#?}");
        }
    }
}

#[test]
fn the_floor_hides_groups_so_no_total_reveals_one() {
    let mut suppressed_cases = 0;
    for seed in 0..SEEDS {
        let mut rng = Rng::new(seed);
        let org = Organisation::random(&mut rng);
        let settings = Settings {
            min_group_size: rng.range(2, 6),
            ..Settings::default()
        };
        let floor = settings.floor() as usize;
        let report = report_of(&[(0, file(&org.rows()))], &settings);
        let table = &report.departments;
        let shown = table.rows.iter().filter(|r| !r.suppressed);
        let hidden: Vec<_> = table.rows.iter().filter(|r| r.suppressed).collect();
        // Every figure of a hidden group is withheld.
        assert!(hidden
            .iter()
            .all(|r| r.seats.is_none() && r.weekly_active_users.is_none()));
        // No shown group is under the floor, and its seats are the generated count.
        for row in shown.clone() {
            let seats = row.seats.unwrap_or(0) as usize;
            let expected = org
                .people
                .iter()
                .filter(|p| !p.pending && DEPARTMENTS[p.department] == row.department)
                .count();
            assert!(
                seats >= floor,
                "seed {seed}: {} shown with {seats}",
                row.department
            );
            assert_eq!(seats, expected, "seed {seed}: {}", row.department);
        }
        // Total minus the shown groups: nothing, or two or more groups holding ≥ floor seats.
        let shown_seats: u32 = shown.clone().filter_map(|r| r.seats).sum();
        let rest = table.seat_holders - shown_seats;
        assert_eq!(table.seat_holders as usize, org.seats(), "seed {seed}");
        if hidden.is_empty() {
            assert_eq!(rest, 0, "seed {seed}");
        } else {
            suppressed_cases += 1;
            // When every group is hidden the remainder is the organisation's own total (the
            // seats figure), which may be under the floor: it isolates no department unless
            // there is only one, which is then the organisation.
            let whole_organisation = shown.clone().count() == 0;
            assert!(
                hidden.len() >= 2 || whole_organisation,
                "seed {seed}: one group hidden alone"
            );
            assert!(
                whole_organisation || rest as usize >= floor,
                "seed {seed}: the hidden groups hold {rest} < {floor}"
            );
            let shown_wau: u32 = shown.filter_map(|r| r.weekly_active_users).sum();
            let total_wau = people(&report, "weekly_active_users").unwrap_or(0) as u32;
            assert!(total_wau >= shown_wau, "seed {seed}");
        }
    }
    assert!(suppressed_cases > SEEDS / 4, "{suppressed_cases}");
}

/// The first place two JSON values differ, for a readable failure.
fn first_difference(path: &str, a: &serde_json::Value, b: &serde_json::Value) -> String {
    use serde_json::Value;
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x
            .iter()
            .find(|(k, v)| y.get(k.as_str()) != Some(v))
            .map(|(k, v)| {
                first_difference(
                    &format!("{path}.{k}"),
                    v,
                    y.get(k.as_str()).unwrap_or(&Value::Null),
                )
            })
            .unwrap_or_else(|| format!("{path}: keys differ")),
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find(|(_, (v, w))| v != w)
            .map(|(i, (v, w))| first_difference(&format!("{path}[{i}]"), v, w))
            .unwrap_or_default(),
        _ => format!("{path}: {a} vs {b}"),
    }
}
