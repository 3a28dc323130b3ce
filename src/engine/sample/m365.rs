//! `m365-copilot-usage.csv`: the Microsoft 365 Copilot usage user detail report (FORMATS.md
//! §4, the Graph CSV headers), four monthly exports in one file (one block of rows per Report
//! Refresh Date, as an admin appends each month's download under one header). Each block lists the people licensed
//! on its refresh day (not those who left) with their last activity date overall and per app,
//! as of the day before the refresh (the report lags); empty means never.

use super::date::ymd;
use super::more_tools::{M365Seat, M365_APPS, M365_REFRESH};
use super::people::Person;

pub(super) const M365_HEADER: &str = "Report Refresh Date,Report Period,User Principal Name,Display Name,Last Activity Date,Microsoft Teams Copilot Last Activity Date,Word Copilot Last Activity Date,Excel Copilot Last Activity Date,PowerPoint Copilot Last Activity Date,Outlook Copilot Last Activity Date,OneNote Copilot Last Activity Date,Loop Copilot Last Activity Date,Copilot Chat Last Activity Date";

/// The report's period in days (`D30`).
const PERIOD: i64 = 30;

/// Last activity day per app as of `refresh` (activity up to the day before), overall first.
pub(super) fn last_activity(seat: &M365Seat, refresh: i64) -> (Option<i64>, [Option<i64>; 8]) {
    let mut apps = [None; M365_APPS.len()];
    for (day, used) in seat.days.iter().filter(|(d, _)| *d < refresh) {
        for &a in used {
            apps[a] = Some(*day);
        }
    }
    (apps.iter().flatten().max().copied(), apps)
}

pub(super) fn usage_csv(people: &[Person], seats: &[M365Seat]) -> Vec<u8> {
    let mut out = String::from(M365_HEADER);
    out.push('\n');
    let date = |d: Option<i64>| d.map(ymd).unwrap_or_default();
    for &refresh in &M365_REFRESH {
        let mut rows: Vec<&M365Seat> = seats
            .iter()
            .filter(|s| s.licensed <= refresh)
            // A leaver's licence is removed on their last day; people on leave keep theirs.
            .filter(|s| people[s.person].term_day.is_none_or(|t| t >= refresh))
            .collect();
        rows.sort_by(|a, b| people[a.person].email.cmp(&people[b.person].email));
        for seat in rows {
            let p = &people[seat.person];
            let (overall, apps) = last_activity(seat, refresh);
            out.push_str(&format!(
                "{},{PERIOD},{},{},{}",
                ymd(refresh),
                p.email,
                p.name,
                date(overall)
            ));
            for app in apps {
                out.push(',');
                out.push_str(&date(app));
            }
            out.push('\n');
        }
    }
    out.into_bytes()
}
