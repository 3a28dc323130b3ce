//! Labels that hold HTML, script or spreadsheet formulas (department, model, GPT name, team,
//! file name) are data: the engine passes them to the Report unchanged (Leptos renders them as
//! text, never as markup), and the CSV export neutralises the ones a spreadsheet would run.

mod common;

use common::{key, read_bytes};
use uptake::engine::dataset::Dataset;
use uptake::engine::export::{csv_cell, Cell, Table};
use uptake::engine::metrics::build_report;
use uptake::engine::settings::Settings;

const SCRIPT: &str = "<script>alert(1)</script>";
const IMAGE: &str = "<img src=x onerror=alert(1)>";
const FORMULA: &str = "=HYPERLINK(1)";
const DDE: &str = "+cmd|' /C calc'!A0";
const FILE_NAME: &str = "<b onmouseover=alert(1)>users</b>.csv";

#[test]
fn hostile_labels_reach_the_report_unchanged() {
    // Six people in the <script> department (over the floor of 5, so the row is shown), one of
    // them sending 5 messages to the <img> model; a GPT named "=HYPERLINK(1)"; a team "+cmd…".
    let mut users = String::from(
        "cadence,period_start,period_end,email,department,user_status,is_active,messages,model_to_messages\n",
    );
    for i in 0..6 {
        users.push_str(&format!(
            "Weekly,2026-03-01,2026-03-07,p{i}@example.com,\"[\"\"{SCRIPT}\"\"]\",enabled,1,5,\"{{'{IMAGE}': 5}}\"\n"
        ));
    }
    let gpts = format!(
        "cadence,period_start,period_end,gpt_id,gpt_name,config_type,is_active,messages_workspace,unique_messagers_workspace\n\
         Weekly,2026-03-01,2026-03-07,g-1,\"{FORMULA}\",Live,1,4,2\n"
    );
    let teams = format!(
        "{{\"user_id\":1,\"user_login\":\"octocat\",\"day\":\"2026-03-02\",\"organization_id\":\"1\",\"team_id\":11,\"slug\":\"{DDE}\"}}\n"
    );
    let mut dataset = Dataset::default();
    for (id, (name, bytes)) in [
        (FILE_NAME, users.into_bytes()),
        ("gpts.csv", gpts.into_bytes()),
        ("teams.ndjson", teams.into_bytes()),
    ]
    .into_iter()
    .enumerate()
    {
        let outcome = read_bytes(&bytes);
        assert!(
            outcome.is_ok(),
            "{name}: {:?}",
            outcome.err().map(|e| e.error)
        );
        dataset.add(id as u32, name, bytes.len() as u64, outcome);
    }
    let facts = dataset.facts();
    let strings: Vec<&str> = [SCRIPT, IMAGE, FORMULA, DDE]
        .into_iter()
        .filter(|s| facts.strings.get(s).is_some())
        .collect();
    assert_eq!(strings, vec![SCRIPT, IMAGE, FORMULA, DDE]);
    let report = build_report(&dataset, &Settings::default(), &key().fingerprint());
    assert_eq!(report.sources[0].file_name, FILE_NAME);
    let department = &report.departments.rows[0];
    assert_eq!(
        (department.department.as_str(), department.seats),
        (SCRIPT, Some(6))
    );
    // Nothing is escaped or stripped on the way: the JSON the page receives holds each label
    // as written (none has a quote or backslash, so JSON leaves it as is), and no HTML entity.
    let json = serde_json::to_string(&report).unwrap_or_default();
    for label in [SCRIPT, IMAGE, FILE_NAME] {
        assert!(json.contains(label), "{label} missing from the Report");
    }
    assert!(!json.contains("&lt;"));
}

#[test]
fn csv_export_neutralises_every_formula_prefix() {
    let text = |s: &str| csv_cell(&Cell::Text(s.into()));
    // OWASP CSV injection: a leading apostrophe, and quotes when the cell needs them.
    assert_eq!(text(FORMULA), "'=HYPERLINK(1)");
    assert_eq!(
        text("=HYPERLINK(\"http://x\",\"click\")"),
        "\"'=HYPERLINK(\"\"http://x\"\",\"\"click\"\")\""
    );
    assert_eq!(text(DDE), "'+cmd|' /C calc'!A0");
    assert_eq!(
        text("@SUM(1+1)*cmd|' /C calc'!A0"),
        "'@SUM(1+1)*cmd|' /C calc'!A0"
    );
    assert_eq!(text("-cmd"), "'-cmd");
    // Spaces before the sign: some spreadsheets trim them and run the rest.
    assert_eq!(text(" =1+1"), "\" '=1+1\"");
    assert_eq!(text("\u{a0}@SUM(A1)"), "\u{a0}'@SUM(A1)");
    // Markup is not the CSV's business: it stays as written.
    assert_eq!(text(SCRIPT), SCRIPT);
    // Through a table as shown: the department and model columns.
    let table = Table::from_display(
        "Departments",
        vec!["Department".into(), "Model".into(), "People".into()],
        &[vec![FORMULA.into(), DDE.into(), "6".into()]],
    );
    assert_eq!(
        table.to_csv(),
        "Department,Model,People\r\n'=HYPERLINK(1),'+cmd|' /C calc'!A0,6\r\n"
    );
}
