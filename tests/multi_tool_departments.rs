//! Six files of five tools and an HRIS (tests/fixtures/multi_tool/): people active in the week
//! Mon 2025-02-03 … Sun 02-09 on any tool and on two or more, per department, worked out by hand
//! (tests/browser/multi_tool.test.mjs asserts the same numbers on the page).
//!
//! | person | dept        | ChatGPT | Copilot | Claude Code | Cursor | M365 Copilot | tools |
//! |--------|-------------|---------|---------|-------------|--------|--------------|-------|
//! | e1     | Engineering | 8 msgs  | 02-03   |             | 02-07  |              | 3     |
//! | e2     | Engineering | seat, 0 | 02-05   | 02-04       |        |              | 2     |
//! | e3     | Engineering |         |         |             | 02-03  |              | 1     |
//! | e4     | Engineering | 3 msgs  |         |             |        |              | 1     |
//! | e5     | Engineering |         |         | 02-03, 02-06| 02-09  |              | 2     |
//! | e6     | Engineering |         | 02-09   |             |        |              | 1     |
//! | e7     | Engineering | 5 msgs  |         | 02-09       |        |              | 2     |
//! | s1     | Sales       | 12 msgs |         |             |        | 02-07        | 2     |
//! | s2     | Sales       |         |         |             |        | 02-03        | 1     |
//! | s3     | Sales       | 2 msgs  |         |             |        |              | 1     |
//! | s4     | Sales       | 6 msgs  |         |             |        | 02-05        | 2     |
//! | s5     | Sales       |         |         |             |        | 02-06        | 1     |
//! | s6     | Sales       | seat, 0 |         |             |        | never        | 0     |
//!
//! Engineering: 7 active, 4 on two or more (e1, e2, e5, e7). Sales: 5 active (s6 is not), 2 on
//! two or more (s1, s4). Both reach the default group size of 5, so both are shown.

mod common;

use common::{report, value};
use uptake::engine::facts::Tool;
use uptake::engine::settings::Settings;

pub const FILES: &[&str] = &[
    "multi_tool/chatgpt_users.csv",
    "multi_tool/copilot_users.ndjson",
    "multi_tool/claude_code.json",
    "multi_tool/cursor_daily.json",
    "multi_tool/m365_usage.csv",
    "multi_tool/hris.csv",
];

#[test]
fn any_tool_and_multi_tool_people_per_department() {
    let report = report(FILES, &Settings::default());
    let week = report.headline_week.expect("a headline week");
    assert_eq!(week.first.to_string(), "2025-02-03");
    // 7 + 5 = 12 on any tool; 4 + 2 = 6 on two or more.
    assert_eq!(value(&report, "ai_active_users_any_tool"), Some(12.0));
    assert_eq!(value(&report, "multi_tool_users"), Some(6.0));
    let per_tool: Vec<(Tool, u32)> = report
        .cross_tool
        .tools
        .iter()
        .map(|t| (t.tool, t.active_people))
        .collect();
    // ChatGPT e1 e4 e7 s1 s3 s4; Copilot e1 e2 e6; Claude e2 e5 e7; Cursor e1 e3 e5;
    // M365 s1 s2 s4 s5.
    assert_eq!(
        per_tool,
        vec![
            (Tool::Chatgpt, 6),
            (Tool::Copilot, 3),
            (Tool::M365Copilot, 4),
            (Tool::Claude, 3),
            (Tool::Cursor, 3),
        ]
    );
    // One tool: e3 e4 e6 s2 s3 s5 = 6; two: e2 e5 e7 s1 s4 = 5; three: e1 = 1.
    let ct = &report.cross_tool;
    assert_eq!((ct.one_tool, ct.two_tools, ct.three_or_more), (6, 5, 1));
    let departments: Vec<(&str, Option<u32>, Option<u32>)> = report
        .overlap
        .departments
        .iter()
        .map(|d| (d.department.as_str(), d.active_people, d.multi_tool))
        .collect();
    assert_eq!(
        departments,
        vec![
            ("Engineering", Some(7), Some(4)),
            ("Sales", Some(5), Some(2))
        ]
    );
}

#[test]
fn a_department_under_the_floor_hides_both_counts() {
    // With a floor of 6, Sales (5) is hidden, and Engineering with it: it alone would equal the
    // total shown (complementary suppression).
    let settings = Settings {
        min_group_size: 6,
        ..Settings::default()
    };
    let report = report(FILES, &settings);
    assert!(report
        .overlap
        .departments
        .iter()
        .all(|d| d.suppressed && d.active_people.is_none() && d.multi_tool.is_none()));
}
