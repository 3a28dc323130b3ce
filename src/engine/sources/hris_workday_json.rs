//! PLACEHOLDER: Workday RaaS JSON (`{"Report_Entry":[…]}`) rosters.

use super::registry::ParseContext;
use super::{FileError, Parsed};
use std::io::Read;

pub fn parse(_: &mut dyn Read, _: &ParseContext<'_>) -> Result<Parsed, FileError> {
    Err(FileError::new("Not supported yet.", ""))
}
