//! `hris`: an HR roster (Workday custom report, BambooHR, Worklytics-style or any CSV) that
//! gives each person's department, team, manager, location, title, hire and leave dates.
//!
//! The HRIS is the identity spine: the email, employee id and GitHub login of one row are
//! linked into one person. Columns are recognised by their usual names (FORMATS.md §8); when
//! no identifier column is recognised the user chooses the columns in the page's mapper (a
//! [`MappingRequest`] answered with a [`ColumnMapping`], read here as an [`HrisMapping`]).
//! Names are read only to be dropped.

use super::csv_table::{CsvTable, Header};
use super::mapping::{self, ColumnMapping, MappingField, MappingForm, MappingRequest, Peek};
use super::registry::FormatSpec;
use super::values;
use super::{FileError, Parsed};
use crate::engine::detect::{FormatId, Probe};
use crate::engine::facts::{Facts, IdentityId, PersonRecord};
use crate::engine::identity::{IdKind, OrgKey, Pseudonymiser};
use serde::{Deserialize, Serialize};
use std::io::Read;

/// The roster fields Uptake understands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HrisField {
    Email,
    EmployeeId,
    GithubLogin,
    Name,
    Department,
    Team,
    Manager,
    Location,
    Title,
    HireDate,
    LeaveDate,
    CostCentre,
    Status,
}

impl HrisField {
    pub const ALL: [HrisField; 13] = [
        HrisField::Email,
        HrisField::EmployeeId,
        HrisField::GithubLogin,
        HrisField::Name,
        HrisField::Department,
        HrisField::Team,
        HrisField::Manager,
        HrisField::Location,
        HrisField::Title,
        HrisField::HireDate,
        HrisField::LeaveDate,
        HrisField::CostCentre,
        HrisField::Status,
    ];

    /// The field's id in a [`ColumnMapping`] (and the mapper's `data-field`).
    pub fn id(self) -> &'static str {
        match self {
            HrisField::Email => "Email",
            HrisField::EmployeeId => "EmployeeId",
            HrisField::GithubLogin => "GithubLogin",
            HrisField::Name => "Name",
            HrisField::Department => "Department",
            HrisField::Team => "Team",
            HrisField::Manager => "Manager",
            HrisField::Location => "Location",
            HrisField::Title => "Title",
            HrisField::HireDate => "HireDate",
            HrisField::LeaveDate => "LeaveDate",
            HrisField::CostCentre => "CostCentre",
            HrisField::Status => "Status",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            HrisField::Email => "Work email",
            HrisField::EmployeeId => "Employee id",
            HrisField::GithubLogin => "GitHub login",
            HrisField::Name => "Name (dropped)",
            HrisField::Department => "Department",
            HrisField::Team => "Team",
            HrisField::Manager => "Manager (id or email)",
            HrisField::Location => "Location",
            HrisField::Title => "Job title",
            HrisField::HireDate => "Hire date",
            HrisField::LeaveDate => "Leave / termination date",
            HrisField::CostCentre => "Cost centre",
            HrisField::Status => "Worker status (on leave…)",
        }
    }

    /// Usual column names, Workday / BambooHR / Worklytics / generic (compared normalised).
    fn aliases(self) -> &'static [&'static str] {
        match self {
            HrisField::Email => &[
                "Email_-_Primary_Work",
                "Email_-_Work",
                "Work Email",
                "workEmail",
                "EMPLOYEE_EMAIL",
                "Email_Address",
                "Primary Work Email",
                "Email",
                "E-mail",
                "Mail",
                "User Email",
            ],
            HrisField::EmployeeId => &[
                "Employee_ID",
                "EmployeeID",
                "Employee #",
                "employeeNumber",
                "Employee Number",
                "Worker_ID",
                "Emp ID",
                "Personnel Number",
                "Staff ID",
                "id",
            ],
            HrisField::GithubLogin => {
                &["GitHub Login", "GitHub_Username", "GitHub Handle", "GitHub"]
            }
            HrisField::Name => &[
                "Worker",
                "Name",
                "Full Name",
                "displayName",
                "Legal_Name",
                "Preferred_Name",
                "Employee Name",
                "First_Name",
                "Last_Name",
                "firstName",
                "lastName",
            ],
            HrisField::Department => &[
                "Department",
                "Supervisory_Organization",
                "DEPARTMENT",
                "Division",
                "Business_Unit",
                "Dept",
                "Organization",
                "Org",
            ],
            HrisField::Team => &["Team_Name", "Team", "Team_ID", "Squad", "Sub Department"],
            HrisField::Manager => &[
                "Manager_Email",
                "supervisorEmail",
                "MANAGER_ID",
                "Manager_ID",
                "supervisorEId",
                "Manager",
                "Supervisor",
            ],
            HrisField::Location => &[
                "Location",
                "Office",
                "Work_Space",
                "City",
                "Site",
                "Country",
            ],
            HrisField::Title => &[
                "Business_Title",
                "Job_Title",
                "jobTitle",
                "Title",
                "Job_Profile",
                "Position",
            ],
            HrisField::HireDate => &[
                "Hire_Date",
                "hireDate",
                "JOIN_DATE",
                "Original_Hire_Date",
                "Start_Date",
                "Continuous_Service_Date",
            ],
            HrisField::LeaveDate => &[
                "Termination_Date",
                "terminationDate",
                "LEAVE_DATE",
                "Leave Date",
                "End_Date",
            ],
            HrisField::CostCentre => {
                &["Cost_Center", "Cost_Centre", "Cost_Center_ID", "CostCenter"]
            }
            HrisField::Status => &[
                "Worker_Status",
                "Employment_Status",
                "Employee_Status",
                "employmentHistoryStatus",
                "Status",
                "On_Leave",
            ],
        }
    }
}

/// Which column holds which field. Built from recognised names or chosen in the mapper.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HrisMapping {
    pub columns: Vec<(HrisField, usize)>,
}

impl HrisMapping {
    /// Recognises columns by their usual names; each column is used for one field at most.
    pub fn guess(header: &Header) -> HrisMapping {
        let mut columns: Vec<(HrisField, usize)> = Vec::new();
        for field in HrisField::ALL {
            let found = field.aliases().iter().find_map(|alias| {
                header
                    .find(&[alias])
                    .filter(|c| !columns.iter().any(|(_, used)| used == c))
            });
            if let Some(column) = found {
                columns.push((field, column));
            }
        }
        HrisMapping { columns }
    }

    pub fn column(&self, field: HrisField) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, c)| *c)
    }

    pub fn has_identifier(&self) -> bool {
        IDENTIFIERS.iter().any(|f| self.column(*f).is_some())
    }

    /// The roster fields of a mapping chosen in the page (fields it does not know are ignored).
    pub fn from_columns(mapping: &ColumnMapping) -> HrisMapping {
        HrisMapping {
            columns: HrisField::ALL
                .into_iter()
                .filter_map(|f| mapping.column(f.id()).map(|c| (f, c)))
                .collect(),
        }
    }

    /// As the page's mapper holds it.
    pub fn to_columns(&self) -> ColumnMapping {
        ColumnMapping {
            format: FormatId::Hris,
            columns: self
                .columns
                .iter()
                .map(|(f, c)| (f.id().to_string(), *c))
                .collect(),
        }
    }
}

/// The fields that name a person: a row needs one of them.
const IDENTIFIERS: [HrisField; 3] = [
    HrisField::Email,
    HrisField::EmployeeId,
    HrisField::GithubLogin,
];

/// The roster's form in the mapper: every field, none required alone, one identifier needed;
/// the columns recognised by name, and a column of email addresses as the work email when no
/// email column was named.
pub fn mapping_form(header: &Header, peek: &Peek) -> MappingForm {
    let mut guess = HrisMapping::guess(header);
    if let Some(column) = peek.email_column {
        if guess.column(HrisField::Email).is_none()
            && !guess.columns.iter().any(|(_, c)| *c == column)
        {
            guess.columns.push((HrisField::Email, column));
        }
    }
    MappingForm {
        format: FormatId::Hris,
        label: "HRIS roster".into(),
        instruction:
            "Which column holds what? Pick at least a work email, employee id or GitHub login."
                .into(),
        fields: HrisField::ALL
            .into_iter()
            .map(|f| MappingField {
                id: f.id().into(),
                label: f.label().into(),
                required: false,
            })
            .collect(),
        one_of: IDENTIFIERS.iter().map(|f| f.id().to_string()).collect(),
        guess: guess.to_columns(),
    }
}

/// The request for a Workday report's flattened keys (a roster only), with `guess` filled in.
pub(super) fn json_request(names: Vec<String>, guess: &HrisMapping) -> MappingRequest {
    let mut form = mapping_form(&Header::new(names.clone()), &Peek::default());
    form.guess = guess.to_columns();
    MappingRequest {
        headers: mapping::shown_headers(&names),
        forms: vec![form],
    }
}

pub const FORMAT: FormatSpec = FormatSpec {
    id: FormatId::Hris,
    name: "hris",
    label: "HRIS roster (CSV or Workday JSON)",
    csv: true,
    signature: &["email", "department"],
    matches: |probe| match probe {
        // A recognised roster, or any CSV with a column of email addresses (the mapper asks).
        Probe::Csv {
            header,
            email_column,
            ..
        } => matches(header) || *email_column,
        Probe::Json(json) => {
            json.envelope_has("Report_Entry") || json.text.contains("\"Report_Entry\"")
        }
    },
    parse: |reader, ctx| {
        if ctx.json {
            super::hris_workday_json::parse(reader, ctx)
        } else {
            let mapping = ctx
                .mapping
                .filter(|m| m.format == FormatId::Hris)
                .map(HrisMapping::from_columns);
            parse(reader, ctx.delimiter, ctx.key, mapping.as_ref())
        }
    },
};

/// Detection (FORMATS.md §10): an email or employee-id column plus a department column.
pub fn matches(header: &Header) -> bool {
    let guess = HrisMapping::guess(header);
    guess.has_identifier() && guess.column(HrisField::Department).is_some()
}

/// Parses an HRIS CSV (already decoded to UTF-8) with the given or the guessed mapping.
pub fn parse(
    reader: impl Read,
    delimiter: u8,
    key: &OrgKey,
    mapping: Option<&HrisMapping>,
) -> Result<Parsed, FileError> {
    let mut table = CsvTable::open(reader, delimiter)?;
    let given = mapping;
    let mapping = mapping
        .cloned()
        .unwrap_or_else(|| HrisMapping::guess(&table.header));
    if !mapping.has_identifier() {
        // Asked again after an incomplete choice: the form keeps what was chosen.
        let peek = mapping::peek(&mut table);
        let mut request = mapping::csv_request(&table.header, &peek, FormatId::Hris);
        if let (Some(given), Some(form)) = (given, request.forms.first_mut()) {
            form.guess = given.to_columns();
        }
        return Err(mapping_error(request));
    }
    let col = |field| mapping.column(field);
    let header = table.header.clone();
    let mut parsed = Parsed::default();
    let mut hasher = Pseudonymiser::new(key);
    while let Some(row) = table.next_readable(&mut parsed.diagnostics) {
        let value = |field| row.get(col(field)).into_owned();
        let diagnostics = &mut parsed.diagnostics;
        let line = row.line;
        let mut bad_date = |field: HrisField, reason: String| {
            let column = col(field).map_or("", |c| header.name(c));
            diagnostics.note(format!(
                "line {line}, column \"{column}\": {reason}; the date was left empty."
            ));
        };
        match person_record(&value, &mut parsed.facts, &mut hasher, &mut bad_date) {
            Some(person) => parsed.facts.people.push(person),
            None => {
                let reason = "no email, employee id or GitHub login: the row names nobody";
                parsed.diagnostics.skip(row.line, None, reason);
                continue;
            }
        }
        parsed.diagnostics.rows_accepted += 1;
    }
    Ok(parsed)
}

/// The error that opens the column mapper: no identifier column was recognised.
pub(super) fn mapping_error(request: MappingRequest) -> FileError {
    let mut error = FileError::new(
        format!(
            "No work email, employee id or GitHub login column was recognised among: {}.",
            request.headers.join(", ")
        ),
        "Choose which column holds what below, then apply.",
    );
    error.mapping_request = Some(request);
    error
}

/// One roster row → a person (CSV and Workday JSON alike): its email, employee id and GitHub
/// login hashed and linked, the manager hashed, labels interned, dates read (a date that cannot
/// be read is reported through `bad_date` and left empty), names never read. `None` when the
/// row has no identifier.
pub(super) fn person_record(
    value: &dyn Fn(HrisField) -> String,
    facts: &mut Facts,
    hasher: &mut Pseudonymiser<'_>,
    bad_date: &mut dyn FnMut(HrisField, String),
) -> Option<PersonRecord> {
    let mut ids: Vec<IdentityId> = Vec::with_capacity(3);
    for (field, kind) in [
        (HrisField::Email, IdKind::Email),
        (HrisField::EmployeeId, IdKind::EmployeeId),
        (HrisField::GithubLogin, IdKind::GithubLogin),
    ] {
        if let Some(p) = hasher.hash(kind, &value(field)) {
            ids.push(facts.identities.intern(p, kind));
        }
    }
    let identity = *ids.first()?;
    for other in &ids[1..] {
        facts.link(identity, *other);
    }
    let manager_text = value(HrisField::Manager);
    let manager_kind = if manager_text.contains('@') {
        IdKind::Email
    } else {
        IdKind::EmployeeId
    };
    let manager = hasher
        .hash(manager_kind, &manager_text)
        .map(|p| facts.identities.intern(p, manager_kind));
    let mut label = |field| {
        let text = value(field);
        let text = text.trim();
        (!text.is_empty()).then(|| facts.strings.intern(text))
    };
    let (department, team, location) = (
        label(HrisField::Department),
        label(HrisField::Team),
        label(HrisField::Location),
    );
    let (title, cost_centre) = (label(HrisField::Title), label(HrisField::CostCentre));
    let mut date = |field| match roster_date(&value(field)) {
        Ok(day) => day,
        Err(reason) => {
            bad_date(field, reason);
            None
        }
    };
    let (hired, left) = (date(HrisField::HireDate), date(HrisField::LeaveDate));
    let status = value(HrisField::Status).to_ascii_lowercase();
    let on_leave = status.contains("leave") || matches!(status.trim(), "true" | "yes" | "1");
    Some(PersonRecord {
        identity: Some(identity),
        department,
        team,
        manager,
        location,
        title,
        cost_centre,
        hired,
        left,
        on_leave,
    })
}

/// A roster date: `2019-05-01`, or as Workday writes it with an offset, `2019-05-01-07:00`.
pub fn roster_date(text: &str) -> Result<Option<crate::engine::date::Day>, String> {
    let text = text.trim();
    let offset = text.len() > 10 && matches!(text.as_bytes()[10], b'+' | b'-');
    match text
        .get(..10)
        .filter(|_| offset)
        .and_then(crate::engine::date::Day::parse)
    {
        Some(day) => Ok(Some(day)),
        None => values::date(text),
    }
}
