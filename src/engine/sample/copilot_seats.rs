//! `copilot-seats.json`: the Copilot seat assignments API (FORMATS.md §3c) at the snapshot,
//! `{"total_seats": n, "seats": […]}`, one seat per Copilot seat holder: those active in the
//! usage report (last activity = their last active day), lapsed ones (last activity more
//! than 30 days ago, or `null` past the 90-day retention) and never-used ones (`null`).
//! Leavers of the last 4 weeks still hold a seat pending cancellation.

use super::copilot::{CopilotDay, Profile, IDES};
use super::date::{days_from_civil, SNAPSHOT};
use super::json::{base64, iso_z, Obj};
use super::org::{DEPTS, ENGINEERING};
use super::people::Person;
use super::rng::Rng;
use super::tools::{CopilotKind, Tools};
use crate::engine::date::civil_from_days;

const ORG: &str = "northwind";
const ORG_ID: i64 = 104_877_213;
/// The team that holds the seats outside Engineering.
const PILOTS: &str = "copilot-pilots";

struct Seat<'a> {
    created: i64,
    login: &'a str,
    id: i64,
    pending: Option<String>,
    activity: Option<i64>,
    editor: Option<String>,
    authenticated: Option<i64>,
    /// (name, slug, id) of the assigning team.
    team: Option<(String, String, i64)>,
}

pub(super) fn seats_json(
    seed: u64,
    people: &[Person],
    tools: &Tools,
    profiles: &[Profile],
    days: &[CopilotDay],
) -> Vec<u8> {
    let mut rng = Rng::new(seed, 11);
    let mut last: Vec<Option<&CopilotDay>> = vec![None; tools.copilot.len()];
    for d in days {
        if let Some(slot) = last.get_mut(d.user) {
            if slot.is_none_or(|x| x.last < d.last) {
                *slot = Some(d);
            }
        }
    }
    let mut seats: Vec<Seat> = Vec::new();
    for (u, (s, p)) in tools.copilot.iter().zip(profiles).enumerate() {
        let Some(person) = people.get(s.person) else {
            continue;
        };
        let created = s.created * 86_400 + rng.range(30_000, 62_000);
        let away = tools.away.get(s.person).copied().unwrap_or(i64::MAX);
        let ide_editor = |ide: usize| {
            let (_, name, versions, plugin, plugin_versions) = IDES[ide.min(IDES.len() - 1)];
            let v = p.ide_version;
            format!(
                "{name}/{}/{plugin}/{}",
                versions[v % versions.len()],
                plugin_versions[v % plugin_versions.len()]
            )
        };
        let (activity, editor) = match (s.kind, last.get(u).copied().flatten()) {
            (CopilotKind::Active, Some(d)) => {
                let ide = d.features.iter().rev().find_map(|f| f.ide);
                let editor = ide.map_or_else(|| "copilot-cli".to_string(), ide_editor);
                (Some(d.last), Some(editor))
            }
            (CopilotKind::Never, _) => (None, None),
            _ => {
                let before_leave = (away <= SNAPSHOT)
                    .then(|| (away - rng.range(1, 4)) * 86_400 + rng.range(30_000, 60_000));
                let at = before_leave
                    .or(p.earlier_use)
                    .filter(|&t| t > created && t >= (SNAPSHOT - 90) * 86_400);
                (at, at.map(|_| ide_editor(p.ide)))
            }
        };
        let authenticated = match activity {
            Some(t) => Some((t - rng.range(600, 30_000)).max(created + 60)),
            None => p.signed_in.filter(|&t| t > created),
        };
        let pending = person.term_day.map(|t| {
            let (y, m, _) = civil_from_days(t as i32);
            let (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            crate::engine::date::Day(days_from_civil(i64::from(y), m, 1) as i32).to_string()
        });
        let team = if person.dept == ENGINEERING {
            let name = DEPTS[ENGINEERING]
                .teams
                .get(person.team)
                .copied()
                .unwrap_or("Platform");
            rng.chance(0.85).then(|| {
                let slug = name.to_ascii_lowercase();
                (name.to_string(), slug, 4_100_001 + person.team as i64)
            })
        } else {
            Some(("Copilot pilots".to_string(), PILOTS.to_string(), 4_100_100))
        };
        seats.push(Seat {
            created,
            login: tools
                .logins
                .get(s.person)
                .and_then(Option::as_deref)
                .unwrap_or(""),
            id: tools.github_ids.get(s.person).copied().unwrap_or(0),
            pending,
            activity,
            editor,
            authenticated,
            team,
        });
    }
    seats.sort_by(|a, b| a.created.cmp(&b.created).then_with(|| a.login.cmp(b.login)));
    let mut out = String::with_capacity(seats.len() * 1200);
    Obj::open(&mut out)
        .int("total_seats", seats.len() as i64)
        .arr("seats", &seats, |o, s| seat(o, s))
        .close();
    out.push('\n');
    out.into_bytes()
}

fn seat<'b>(o: Obj<'b>, s: &Seat) -> Obj<'b> {
    let created = iso_z(s.created);
    let o = o
        .str("created_at", &created)
        .str("updated_at", &created)
        .opt_str("pending_cancellation_date", s.pending.as_deref())
        .opt_str("last_activity_at", s.activity.map(iso_z).as_deref())
        .opt_str("last_activity_editor", s.editor.as_deref())
        .opt_str(
            "last_authenticated_at",
            s.authenticated.map(iso_z).as_deref(),
        )
        .str("plan_type", "business")
        .obj("assignee", |a| {
            a.str("login", s.login)
                .int("id", s.id)
                .str("node_id", &base64(format!("04:User{}", s.id).as_bytes()))
                .str(
                    "avatar_url",
                    &format!("https://avatars.githubusercontent.com/u/{}?v=4", s.id),
                )
                .str("gravatar_id", "")
                .str("url", &format!("https://api.github.com/users/{}", s.login))
                .str("html_url", &format!("https://github.com/{}", s.login))
                .str("type", "User")
                .bool("site_admin", false)
        });
    let Some((name, slug, id)) = &s.team else {
        return o.raw("assigning_team", "null");
    };
    let api = format!("https://api.github.com/organizations/{ORG_ID}/team/{id}");
    o.obj("assigning_team", |t| {
        t.int("id", *id)
            .str("node_id", &base64(format!("04:Team{id}").as_bytes()))
            .str("url", &api)
            .str(
                "html_url",
                &format!("https://github.com/orgs/{ORG}/teams/{slug}"),
            )
            .str("name", name)
            .str("slug", slug)
            .str("description", &format!("{name} team"))
            .str("privacy", "closed")
            .str("notification_setting", "notifications_enabled")
            .str("permission", "pull")
            .str("members_url", &format!("{api}/members{{/member}}"))
            .str("repositories_url", &format!("{api}/repos"))
            .raw("parent", "null")
    })
}
