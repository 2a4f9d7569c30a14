//! What a person may do at the desk: the five roles and how an operator's
//! roles are stored (a comma-separated list).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::Result;

/// What a person may do at the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// Settings, operators, letterhead, signatories, credentials, reports.
    Admin,
    /// Verifies, approves, rejects, recommends, revokes, signs off letters.
    Verifikator,
    /// Intake, documents, drafts, search.
    Operator,
    /// The applicant-facing kiosk: submits a form, reads nothing stored.
    Kiosk,
    /// The head of office: reads the audit check (and the dashboard,
    /// reports and service standard as they come); changes nothing.
    Pimpinan,
}

text_enum!(Role {
    Admin => "admin",
    Verifikator => "verifikator",
    Operator => "operator",
    Kiosk => "kiosk",
    Pimpinan => "pimpinan",
});

/// An operator's stored roles, sorted. A role Loket does not know is a
/// corrupt record (never silently dropped, never guessed).
pub fn parse_roles(stored: &str, username: &str) -> Result<Vec<Role>> {
    let mut r = stored
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|s| Role::stored(s, format_args!("peran operator {username}")))
        .collect::<Result<Vec<_>>>()?;
    r.sort();
    r.dedup();
    Ok(r)
}

/// Roles as stored: sorted, without duplicates, comma-separated.
pub fn roles_text(r: &[Role]) -> String {
    let mut r = r.to_vec();
    r.sort();
    r.dedup();
    r.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(",")
}

/// Checks a set of roles an admin gives: at least one, and the kiosk alone.
pub fn check_roles(roles: &[Role]) -> Result<(), &'static str> {
    if roles.is_empty() {
        return Err("Pilih sedikitnya satu peran.");
    }
    if roles.contains(&Role::Kiosk) && roles.len() > 1 {
        return Err("Akun kiosk tidak boleh memegang peran lain.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_sorted_and_an_unknown_role_is_corrupt() {
        assert_eq!(
            parse_roles("operator,admin,operator", "ayu").unwrap(),
            [Role::Admin, Role::Operator]
        );
        assert_eq!(roles_text(&[Role::Operator, Role::Admin]), "admin,operator");
        assert!(
            matches!(
                parse_roles("admin,superadmin", "ayu"),
                Err(crate::Error::Corrupt(_))
            ),
            "a role edited into the database must not be dropped silently"
        );
    }
}
