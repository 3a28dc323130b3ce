//! Workday RaaS JSON rosters (FORMATS.md §8): the report's column aliases recognised as in the
//! CSV roster, nested manager groups read, a mapper when nothing is recognised.

mod common;

use common::{key, read, read_bytes};
use uptake::engine::detect::FormatId;
use uptake::engine::facts::IdentityId;
use uptake::engine::identity::IdKind;
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::sources::hris::{HrisField, HrisMapping};

#[test]
fn report_entries_become_people() {
    let ingested = read("hris_workday.json");
    assert_eq!(ingested.format, FormatId::Hris);
    let d = &ingested.parsed.diagnostics;
    // Entries on lines 3 to 7; Dee's (line 6) has neither email nor employee id.
    assert_eq!((d.rows_accepted, d.rows_skipped), (4, 1));
    let skipped: Vec<String> = d.skipped.iter().map(ToString::to_string).collect();
    assert_eq!(
        skipped,
        vec!["line 6: no email, employee id or GitHub login: the row names nobody"]
    );
    assert_eq!(
        d.notes,
        vec!["line 5, key \"Hire_Date\": expected a date like 2025-03-30, found \"14/09/2020\", a date in a spreadsheet's local format; save the column as YYYY-MM-DD and add the file again; the date was left empty."]
    );
    let facts = &ingested.parsed.facts;
    let text =
        |sym: Option<uptake::engine::intern::Sym>| sym.map_or("", |s| facts.strings.resolve(s));
    let p = &facts.people;
    let departments: Vec<&str> = p.iter().map(|p| text(p.department)).collect();
    assert_eq!(
        departments,
        vec!["Engineering", "Engineering", "Sales", "Sales"]
    );
    let teams: Vec<&str> = p.iter().map(|p| text(p.team)).collect();
    assert_eq!(teams, vec!["Platform", "Platform", "", "EMEA"]);
    // Cy's Location is ["Berlin", "Remote"]: the first value.
    let locations: Vec<&str> = p.iter().map(|p| text(p.location)).collect();
    assert_eq!(locations, vec!["London", "London", "Berlin", "Berlin"]);
    assert_eq!(text(p[0].title), "Head of Engineering");
    assert_eq!(text(p[2].cost_centre), "CC-SAL");
    // "2019-05-01-07:00" is Workday's date with an offset: the date part is the day.
    let day = |d: Option<uptake::engine::date::Day>| d.map(|d| d.to_string());
    assert_eq!(day(p[0].hired).as_deref(), Some("2019-05-01"));
    assert_eq!(day(p[2].hired), None);
    // Eve's Termination_Date only appears in the last entry: the column is recognised then.
    assert_eq!(day(p[3].left).as_deref(), Some("2026-01-30"));
    let on_leave: Vec<bool> = p.iter().map(|p| p.on_leave).collect();
    assert_eq!(on_leave, vec![false, false, true, false]);

    // Identifiers in order: ada email 0, E1 1, bo email 2, E2 3, cy email 4, employee id 3
    // (a number) 5, eve email 6, E5 7; managers E1 and 3 are already known. Each entry links
    // its email and employee id: 4 links.
    assert_eq!((facts.identities.len(), facts.links.len()), (8, 4));
    // Bo's Worker_s_Manager_group[].Manager_ID "E1" is Ada's employee id; Eve's (3) is Cy's.
    assert_eq!(p[1].manager, Some(IdentityId(1)));
    assert_eq!(p[3].manager, Some(IdentityId(5)));
    let k = key();
    assert_eq!(
        facts.identities.pseudonym(IdentityId(5)),
        k.pseudonym(IdKind::EmployeeId, "3")
    );
    // " ADA@Example.com " hashes like "ada@example.com", as in the CSV roster.
    assert_eq!(
        facts.identities.pseudonym(p[0].identity.expect("identity")),
        k.pseudonym(IdKind::Email, "ada@example.com")
    );
}

#[test]
fn the_json_roster_agrees_with_the_csv_roster() {
    let json = read("hris_workday.json").parsed.facts;
    let csv = read("hris_workday.csv").parsed.facts;
    // Ada and Bo are in both: same pseudonyms, departments, teams and managers.
    for i in 0..2 {
        let (j, c) = (&json.people[i], &csv.people[i]);
        let who = |f: &uptake::engine::facts::Facts, id: Option<IdentityId>| {
            id.map(|id| f.identities.pseudonym(id))
        };
        assert_eq!(who(&json, j.identity), who(&csv, c.identity));
        assert_eq!(who(&json, j.manager), who(&csv, c.manager));
        let dept = |f: &uptake::engine::facts::Facts, s: Option<uptake::engine::intern::Sym>| {
            s.map(|s| f.strings.resolve(s).to_string())
        };
        assert_eq!(dept(&json, j.department), dept(&csv, c.department));
        assert_eq!(dept(&json, j.team), dept(&csv, c.team));
    }
}

#[test]
fn no_email_name_or_employee_id_is_kept() {
    let facts = read("hris_workday.json").parsed.facts;
    let debug = format!("{facts:?}").to_lowercase();
    for raw in [
        "ada@example.com",
        "bo@example.com",
        "cy@example.com",
        "eve@example.com",
        "ada lovelace",
        "bo diddley",
        "cy twombly",
        "dee dee",
        "eve arden",
        "\"e1\"",
        "\"e5\"",
    ] {
        assert!(!debug.contains(raw), "{raw} is in the facts");
    }
}

#[test]
fn unrecognised_keys_ask_for_a_mapping_then_read_with_it() {
    let bytes = r#"{"Report_Entry": [
        {"Matricule": "M1", "Courriel": "ada@example.com", "Service": {"Nom": "Ingénierie"}},
        {"Matricule": "M2", "Courriel": "bo@example.com", "Service": {"Nom": "Ventes"}, "Site": "Lyon"}
    ]}"#
    .as_bytes();
    let failure = read_bytes(bytes).expect_err("needs a mapping");
    assert_eq!(failure.format, Some(FormatId::Hris));
    assert_eq!(
        failure.error.message,
        "No work email, employee id or GitHub login column was recognised among: Matricule, Courriel, Service.Nom, Site."
    );
    let request = failure.error.mapping_request.expect("mapping request");
    assert_eq!(
        request.headers,
        vec!["Matricule", "Courriel", "Service.Nom", "Site"]
    );
    // The analyst maps Courriel → email, Matricule → employee id, Service.Nom → department.
    let mapping = HrisMapping {
        columns: vec![
            (HrisField::Email, 1),
            (HrisField::EmployeeId, 0),
            (HrisField::Department, 2),
            (HrisField::Location, 3),
        ],
    };
    let k = key();
    let ingested = ingest(
        bytes,
        &IngestOptions::new(&k).with_mapping(Some(&mapping.to_columns())),
    )
    .expect("reads");
    let facts = &ingested.parsed.facts;
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 2);
    let resolve = |s: Option<uptake::engine::intern::Sym>| s.map(|s| facts.strings.resolve(s));
    assert_eq!(resolve(facts.people[0].department), Some("Ingénierie"));
    assert_eq!(resolve(facts.people[1].location), Some("Lyon"));
    assert_eq!(facts.links.len(), 2);
}

#[test]
fn an_empty_report_says_so() {
    let failure = read_bytes(br#"{"Report_Entry": []}"#).expect_err("no rows");
    assert_eq!(failure.format, Some(FormatId::Hris));
    assert_eq!(
        failure.error.message,
        "The Workday report has no rows: \"Report_Entry\" is empty."
    );
}
