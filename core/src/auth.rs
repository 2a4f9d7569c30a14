//! Who may call a command. Each command of the desktop shell names its rule
//! where it is written: its first step is `desk.authorize(DESK)` (or another
//! of the [`rules`] below), and the shell's build step reads that name from
//! the command's body into the table of every command and its rule. A
//! command whose body asks no rule does not build. The shell's
//! authorization test holds the result to a policy table of its own.

use chrono::{DateTime, FixedOffset};

use crate::audit::Actor;
use crate::operators::roles::Role;
use crate::operators::sessions::Session;
use crate::{Error, Result};

/// Who may call a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Anyone, signed in or not (start-up status, sign-in, first-run setup).
    Public,
    /// Any signed-in operator, whatever the role.
    SignedIn,
    /// Operators holding at least one of these roles.
    Roles(&'static [Role]),
}

/// The rules commands name. A new rule is a new name here, so that the
/// commands read as the office speaks of its people.
pub mod rules {
    use super::Rule;
    use crate::operators::roles::Role::{Admin, Kiosk, Operator, Pimpinan, Verifikator};

    /// Anyone, signed in or not: the start-up status, signing in and out,
    /// the first run, the lock screen, releasing the kiosk (staff give their
    /// own password there, which the command checks).
    pub const PUBLIC: Rule = Rule::Public;
    /// Any signed-in operator (their own password).
    pub const SIGNED_IN: Rule = Rule::SignedIn;
    /// The kiosk account alone: the applicant's own services.
    pub const KIOSK: Rule = Rule::Roles(&[Kiosk]);
    /// The desk and the kiosk (checking an applicant form as typed).
    pub const DESK_OR_KIOSK: Rule = Rule::Roles(&[Operator, Verifikator, Kiosk]);
    /// The desk: operators and verifikators.
    pub const DESK: Rule = Rule::Roles(&[Operator, Verifikator]);
    /// Verification and sign-off: case steps, numbering, voiding, signed copies.
    pub const VERIFIKATOR: Rule = Rule::Roles(&[Verifikator]);
    /// The administrator: settings, operators, credentials, backups, retention.
    pub const ADMIN: Rule = Rule::Roles(&[Admin]);
    /// What the desk and the administrator both work with (imports, the
    /// outbox, complaints, the letter settings read at the desk).
    pub const DESK_AND_ADMIN: Rule = Rule::Roles(&[Operator, Verifikator, Admin]);
    /// The home screen's counts: the desk works from them, the head reads them.
    pub const DESK_AND_HEAD: Rule = Rule::Roles(&[Operator, Verifikator, Pimpinan]);
    /// What the administrator and the head of office read; nothing that
    /// changes data.
    pub const READERS: Rule = Rule::Roles(&[Admin, Pimpinan]);
    /// Every member of staff: the desk, the admin and the head of office.
    pub const STAFF: Rule = Rule::Roles(&[Operator, Verifikator, Admin, Pimpinan]);
}

/// The commands `roles` may call, out of a table of commands and their
/// rules (the shell's, written by its build step): what a session may open
/// is answered here, and the screens show only what it lists.
pub fn permitted<'a>(table: &[(&'a str, Rule)], roles: &[Role]) -> Vec<&'a str> {
    table
        .iter()
        .filter(|(_, rule)| allows(*rule, roles))
        .map(|(name, _)| *name)
        .collect()
}

/// Whether `roles` satisfy `rule` (signed in).
pub fn allows(rule: Rule, roles: &[Role]) -> bool {
    match rule {
        Rule::Public | Rule::SignedIn => true,
        Rule::Roles(need) => need.iter().any(|r| roles.contains(r)),
    }
}

/// Reads the operator signed in at `slot` again before a command under
/// `rule` (not for the public ones): a role changed, an account deactivated or locked,
/// or a password reset by an admin at any desk counts from this command on
/// (see [`Session::refresh`]). The staff window and the kiosk post both ask.
/// With the data key (`key`, at a desk) the row's seal is checked too: an
/// operator row edited outside Loket ends the session at once.
pub async fn reread(
    db: &impl sea_orm::ConnectionTrait,
    key: Option<&crate::secrets::DataKey>,
    slot: &std::sync::Mutex<Option<Session>>,
    rule: Rule,
) -> Result<()> {
    let lock = || slot.lock().unwrap_or_else(|e| e.into_inner());
    let Some(id) = lock().as_ref().map(|s| s.operator_id) else {
        return Ok(());
    };
    if rule == Rule::Public {
        return Ok(());
    }
    let o = match crate::operators::accounts::find(db, id).await {
        Ok(o) => Some(o),
        Err(Error::NotFound(_)) => None,
        Err(e) => return Err(e),
    };
    if let (Some(key), Some(o)) = (key, o.as_ref())
        && !crate::operators::accounts::intact(key, o)
    {
        *lock() = None;
        return Err(Error::SignedOut(
            crate::operators::accounts::tampered(o).to_string(),
        ));
    }
    let mut current = lock();
    if let Some(s) = current.as_mut().filter(|s| s.operator_id == id)
        && let Err(e) = s.refresh(o.as_ref())
    {
        *current = None;
        return Err(e);
    }
    Ok(())
}

/// Checks that the session may call a command under `rule` now and returns the actor to
/// record. Signed-out callers, expired or idle-locked sessions and missing
/// roles are refused; a permitted call counts as activity.
pub fn authorize(
    session: Option<&mut Session>,
    rule: Rule,
    now: DateTime<FixedOffset>,
) -> Result<Actor> {
    if rule == Rule::Public {
        return Ok(session.map_or_else(|| Actor::named("(belum masuk)"), |s| s.actor()));
    }
    let Some(session) = session else {
        return Err(Error::SignedOut("Masuk dulu dengan akun Anda.".into()));
    };
    session.check(now)?;
    if !allows(rule, &session.roles) {
        return Err(Error::Forbidden(
            "Peran Anda tidak mengizinkan tindakan ini.".into(),
        ));
    }
    Ok(session.actor())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operators::roles::Role::{Admin, Kiosk, Pimpinan};
    use chrono::TimeZone;

    fn s(roles: &[Role]) -> Session {
        let t = FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 23, 8, 0, 0)
            .unwrap();
        Session {
            operator_id: 1,
            username: "u".into(),
            nama: "U".into(),
            roles: roles.to_vec(),
            signed_in_at: t,
            last_activity: t,
            locked: false,
            credential: String::new(),
        }
    }

    #[test]
    fn an_admin_is_not_the_desk() {
        let mut a = s(&[Admin, Pimpinan]);
        let now = a.signed_in_at;
        assert!(
            matches!(
                authorize(Some(&mut a), rules::DESK, now),
                Err(Error::Forbidden(_))
            ),
            "the desk's work needs an operator or verifikator role, whatever else one holds"
        );
        assert!(authorize(Some(&mut a), rules::ADMIN, now).is_ok());
    }

    #[test]
    fn a_session_may_open_what_its_roles_allow_and_nothing_else() {
        let table = [
            ("list_cases", rules::DESK),
            ("list_operators", rules::ADMIN),
            ("service_report", rules::STAFF),
            ("submit_kiosk_application", rules::KIOSK),
            ("sign_in", rules::PUBLIC),
        ];
        assert_eq!(
            permitted(&table, &[Pimpinan]),
            ["service_report", "sign_in"],
            "the head of office reads reports; the desk's and the admin's commands are not theirs"
        );
        assert_eq!(
            permitted(&table, &[Kiosk]),
            ["submit_kiosk_application", "sign_in"]
        );
    }

    #[test]
    fn the_kiosk_reads_nothing_stored() {
        let mut k = s(&[Kiosk]);
        let now = k.signed_in_at;
        for (name, rule) in [
            ("DESK", rules::DESK),
            ("DESK_AND_ADMIN", rules::DESK_AND_ADMIN),
            ("READERS", rules::READERS),
            ("STAFF", rules::STAFF),
            ("VERIFIKATOR", rules::VERIFIKATOR),
            ("SIGNED_IN", rules::SIGNED_IN),
        ] {
            let refused = matches!(authorize(Some(&mut k), rule, now), Err(Error::Forbidden(_)));
            // SIGNED_IN is any operator's own password: the kiosk holds one too.
            assert_eq!(refused, name != "SIGNED_IN", "the kiosk under {name}");
        }
        assert!(authorize(Some(&mut k), rules::KIOSK, now).is_ok());
    }

    #[test]
    fn signed_out_callers_reach_only_public_commands() {
        let now = s(&[]).signed_in_at;
        assert!(authorize(None, rules::PUBLIC, now).is_ok());
        assert!(matches!(
            authorize(None, rules::DESK, now),
            Err(Error::SignedOut(_))
        ));
    }
}
