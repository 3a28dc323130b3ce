//! HRIS rosters: Workday and BambooHR column names recognised, identities linked, a column
//! mapper when nothing is recognised (FORMATS.md §8).

mod common;

use common::{fixture, key, read, read_bytes};
use uptake::engine::detect::FormatId;
use uptake::engine::identity::IdKind;
use uptake::engine::ingest::{ingest, IngestOptions};
use uptake::engine::sources::hris::{HrisField, HrisMapping};

#[test]
fn workday_report_columns_are_recognised() {
    let ingested = read("hris_workday.csv");
    assert_eq!(ingested.format, FormatId::Hris);
    let facts = &ingested.parsed.facts;
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 7);
    let strings = &facts.strings;
    let departments: Vec<&str> = facts
        .people
        .iter()
        .map(|p| p.department.map_or("", |d| strings.resolve(d)))
        .collect();
    assert_eq!(
        departments,
        vec![
            "Engineering",
            "Engineering",
            "Sales",
            "Sales",
            "Sales",
            "Engineering",
            "Finance"
        ]
    );
    // Dee's Worker_Status is "On Leave"; Fay was hired 2025-04-14.
    assert!(facts.people[3].on_leave && !facts.people[2].on_leave);
    assert_eq!(
        facts.people[5].hired.map(|d| d.to_string()).as_deref(),
        Some("2025-04-14")
    );
    // Each row's email and employee id are one person: 7 links. Managers E1 and E3 are employee
    // ids already seen, so no new identities: 7 emails + 7 employee ids.
    assert_eq!(facts.links.len(), 7);
    assert_eq!(facts.identities.len(), 14);
    // " ADA@Example.com " hashes like "ada@example.com".
    let ada = key().pseudonym(IdKind::Email, "ada@example.com");
    assert_eq!(
        facts
            .identities
            .pseudonym(facts.people[0].identity.expect("identity")),
        ada
    );
    assert_eq!(
        facts.people[1].manager,
        Some(uptake::engine::facts::IdentityId(1))
    );
}

#[test]
fn bamboohr_labels_and_github_logins_link_identities() {
    let ingested = read("hris_bamboohr.csv");
    assert_eq!(ingested.format, FormatId::Hris);
    let facts = &ingested.parsed.facts;
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 3);
    // Ada and Bo have email + employee # + GitHub login (2 links each); Cy has no login (1 link).
    assert_eq!(facts.links.len(), 5);
    let mapping = HrisMapping::guess(&uptake::engine::sources::csv_table::Header::new(
        "Employee #,First Name,Last Name,Work Email,Department,Division,Job Title,Location,Hire Date,Supervisor Email,GitHub Login"
            .split(',').map(String::from).collect(),
    ));
    assert_eq!(mapping.column(HrisField::Email), Some(3));
    assert_eq!(mapping.column(HrisField::EmployeeId), Some(0));
    assert_eq!(mapping.column(HrisField::Department), Some(4));
    assert_eq!(mapping.column(HrisField::Manager), Some(9));
    assert_eq!(mapping.column(HrisField::GithubLogin), Some(10));
}

#[test]
fn unrecognised_columns_ask_for_a_mapping_then_read_with_it() {
    let bytes = fixture("hris_unmapped.csv");
    let failure = read_bytes(&bytes).expect_err("needs a mapping");
    assert_eq!(failure.format, Some(FormatId::Hris));
    let request = failure.error.mapping_request.expect("mapping request");
    assert_eq!(
        request.headers,
        vec!["Matricule", "Courriel professionnel", "Service", "Site"]
    );
    assert_eq!(
        failure.error.message,
        "No work email, employee id or GitHub login column was recognised among: Matricule, Courriel professionnel, Service, Site."
    );
    // "Read as:" a roster (detected) or a Claude Code table; the roster's guess has Site as
    // the location (by name) and the column of addresses (Courriel professionnel, 3 of 3 rows)
    // as the work email.
    let formats: Vec<FormatId> = request.forms.iter().map(|f| f.format).collect();
    assert_eq!(formats, [FormatId::Hris, FormatId::ClaudeCodeCsv]);
    assert_eq!(
        request.forms[0].guess.columns,
        [("Location".to_string(), 3), ("Email".to_string(), 1)]
    );
    // The analyst maps Courriel → email, Matricule → employee id, Service → department.
    let mapping = HrisMapping {
        columns: vec![
            (HrisField::Email, 1),
            (HrisField::EmployeeId, 0),
            (HrisField::Department, 2),
            (HrisField::Location, 3),
        ],
    };
    let key = key();
    let ingested = ingest(
        &bytes[..],
        &IngestOptions::new(&key).with_mapping(Some(&mapping.to_columns())),
    )
    .expect("reads");
    let facts = &ingested.parsed.facts;
    assert_eq!(ingested.parsed.diagnostics.rows_accepted, 3);
    assert_eq!(
        facts.people[0].department.map(|d| facts.strings.resolve(d)),
        Some("Ingénierie")
    );
}
