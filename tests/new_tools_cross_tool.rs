//! The new tools together: Cursor and Claude Code daily files and a Microsoft 365 Copilot seat
//! snapshot in one report, worked out by hand.
//!
//! Week Mon 2025-02-03 … Sun 02-09 (the daily files span exactly it); M365 refreshed 02-10.
//!
//! | person | Cursor      | Claude Code | M365 Copilot last activity | tools in the week |
//! |--------|-------------|-------------|----------------------------|-------------------|
//! | ana    | 02-03       | 02-05       | 02-07                      | 3                 |
//! | ben    | 02-09       |             |                            | 1                 |
//! | cleo   |             | 02-06       | 02-04                      | 2                 |
//! | dev    |             |             | 01-15 (before the week)    | 0                 |
//! | eli    |             |             | never                      | 0                 |

mod common;

use common::{day, report, value};
use uptake::engine::facts::Tool;
use uptake::engine::settings::Settings;

const FILES: &[&str] = &[
    "new_tools/week_cursor.json",
    "new_tools/week_claude_code.json",
    "new_tools/week_m365.csv",
];

#[test]
fn a_seat_snapshot_tool_counts_in_the_week_before_its_refresh() {
    let report = report(FILES, &Settings::default());
    let week = report.headline_week.expect("a headline week");
    assert_eq!(
        (week.first, week.last),
        (day("2025-02-03"), day("2025-02-09"))
    );
    // The M365 snapshot (02-10) covers the week before it, so every loaded tool covers the
    // week and the cross-tool totals are computed: ana, ben, cleo = 3; ana and cleo on two or
    // more = 2.
    assert_eq!(value(&report, "ai_active_users_any_tool"), Some(3.0));
    assert_eq!(value(&report, "multi_tool_users"), Some(2.0));
    let ct = &report.cross_tool;
    assert_eq!(
        (ct.any_tool, ct.one_tool, ct.two_tools, ct.three_or_more),
        (3, 1, 1, 1)
    );
    let per_tool: Vec<(Tool, u32)> = ct.tools.iter().map(|t| (t.tool, t.active_people)).collect();
    // In TOOLS order: M365 Copilot (ana, cleo), Claude (ana, cleo), Cursor (ana, ben).
    assert_eq!(
        per_tool,
        vec![(Tool::M365Copilot, 2), (Tool::Claude, 2), (Tool::Cursor, 2)]
    );
    // Licences: 4 M365 seats; unused in the 30 days to 02-09 (01-11 … 02-09): eli only
    // (dev's 01-15 is inside); 4 × $30 = $120.
    let m365 = report
        .licences
        .tools
        .iter()
        .find(|t| t.tool == Tool::M365Copilot)
        .expect("M365 seats");
    assert_eq!((m365.seats, m365.unused, m365.monthly_cost), (4, 1, 120.0));
    assert_eq!(m365.weekly_active, Some(2));
}
