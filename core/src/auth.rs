//! Who may call which command. Every command of the desktop shell asks
//! [`authorize`] first, with its own name; a command with no rule here is
//! refused, so a new command cannot slip through without one (and the shell's
//! table-driven test fails until it has one).

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

use Role::{Admin, Kiosk, Operator, Pimpinan, Verifikator};

const DESK: &[Role] = &[Operator, Verifikator];
const VERIFIKATOR: &[Role] = &[Verifikator];
const ADMIN: &[Role] = &[Admin];
/// What a head of office may read; nothing that changes data.
const READERS: &[Role] = &[Admin, Pimpinan];
/// Every member of staff: the desk, the admin and the head of office.
const STAFF: &[Role] = &[Operator, Verifikator, Admin, Pimpinan];

/// The rule of each command, by the name the UI invokes.
pub fn rule(command: &str) -> Option<Rule> {
    use Rule::*;
    Some(match command {
        "app_status" | "sign_in" | "first_run_setup" | "unlock_session" => Public,
        // Staff close the kiosk with their own password, checked by the command.
        "leave_kiosk" => Public,
        // Signing out ends whatever session the window holds, a locked one
        // too ("Keluar" on the lock screen): it grants nothing.
        "sign_out" => Public,
        "change_password" => SignedIn,
        // The kiosk: check a form and submit it; nothing stored can be read.
        "review_applicant" => Roles(&[Operator, Verifikator, Kiosk]),
        "submit_kiosk_application" | "kiosk_services" | "check_kiosk_status" => Roles(&[Kiosk]),
        // The kiosk's survey: the questions, a case's right to answer once,
        // the answers; nothing stored comes back.
        "kiosk_survey_questions" | "start_kiosk_survey" | "submit_kiosk_survey" => Roles(&[Kiosk]),
        // Paper survey forms are typed in at the desk.
        "record_paper_survey" => Roles(DESK),
        // A person's access export shows all their data: the desk that serves them.
        "export_personal_data" => Roles(DESK),
        // Correction requests: recorded and answered by the desk that serves the person.
        "data_requests" | "record_data_request" | "answer_data_request" => Roles(DESK),
        // What Loket processes: the admin and the head of office read and print it.
        "processing_record" | "export_processing_record" => Roles(READERS),
        // Where exports of personal data are written: the admin chooses.
        "export_folder" | "save_export_folder" => Roles(ADMIN),
        // The breach register: the admin keeps it.
        "list_breaches" | "record_breach" | "breach_notified" | "export_breach_notice" => {
            Roles(ADMIN)
        }
        // Retention destroys personal data: the admin sets the periods, runs
        // it after confirming the list and prints the berita acara.
        "retention_due"
        | "save_retention_periods"
        | "run_retention"
        | "retention_history"
        | "export_retention_report" => Roles(ADMIN),
        // Importing the office's spreadsheets writes people: the desk and the admin.
        "load_import_file"
        | "import_dry_run"
        | "run_import"
        | "cancel_import"
        | "save_import_refused"
        | "import_history" => Roles(&[Operator, Verifikator, Admin]),
        // Collective requests open cases and draft their letter: the desk.
        "read_roster_file"
        | "open_collective"
        | "list_collectives"
        | "get_collective"
        | "draft_collective_letter" => Roles(DESK),
        // Complaints: taken and answered at the desk and by the admin; the
        // register names complainants, so the head of office reads its
        // counts in the reports, not the register.
        "complaints" | "register_complaint" | "step_complaint" | "complaint_categories" => {
            Roles(&[Operator, Verifikator, Admin])
        }
        // The desk: intake, documents, drafts, search.
        "open_service"
        | "kiosk_inbox"
        | "open_kiosk_submission"
        | "accept_kiosk_submission"
        | "discard_kiosk_submission"
        | "find_people"
        | "get_applicant"
        | "record_certificate"
        | "export_form"
        | "list_cases"
        | "get_case"
        | "case_deadline"
        | "check_requirement"
        | "reopen_case"
        | "reject_reasons"
        | "expiring_certificates"
        | "reveal_nik"
        | "attach_document"
        | "view_document"
        | "export_ktp"
        | "list_organisations"
        | "list_letters"
        | "eligible_letter_cases"
        | "create_letter"
        | "export_letter"
        | "export_receipt"
        | "export_letters_batch"
        | "cancel_letter_batch" => Roles(DESK),
        // The signatory letters need: readable at the desk, written by admins.
        "letter_settings" => Roles(&[Operator, Verifikator, Admin]),
        // The outbox: the desk follows its messages, the admin who set the
        // mail server up sees what failed; both may send a failed one again.
        "outbox" | "resend_mail" | "open_whatsapp" => Roles(&[Operator, Verifikator, Admin]),
        // Verification and sign-off: case steps, numbering, voiding, signed copies.
        "transition_case"
        | "correct_applicant"
        | "issue_letter"
        | "void_letter"
        | "attach_signed_letter"
        | "export_signed_letter" => Roles(VERIFIKATOR),
        // Administration: settings, operators, credentials, the audit log.
        "save_letter_settings"
        | "set_letter_logo"
        | "list_trust_anchors"
        | "import_trust_anchor"
        | "remove_trust_anchor"
        | "catalogue_settings"
        | "save_catalogue_settings"
        | "save_service_standard"
        | "save_calendar_year"
        | "preview_calendar_import"
        | "save_service_hours"
        | "export_audit_checkpoint"
        | "confirm_recovery_key"
        | "list_operators"
        | "create_operator"
        | "change_operator"
        | "set_operator_roles"
        | "reset_operator_password"
        | "credential_status"
        | "set_credential"
        | "test_credential"
        | "delete_credential"
        | "mail_settings"
        | "save_mail_settings"
        | "save_mail_templates"
        | "send_test_mail"
        | "save_survey_questionnaire"
        | "save_complaint_categories"
        | "backup_overview"
        | "save_backup_settings"
        | "backup_now"
        | "backup_progress"
        | "check_backup"
        | "restore_backup" => Roles(ADMIN),
        // Reading, for the head of office too.
        "verify_audit" => Roles(READERS),
        // The home screen's counts: the desk works from them, the head of office reads them.
        "desk_dashboard" => Roles(&[Operator, Verifikator, Pimpinan]),
        // The service standard and the calendar it counts with, for all staff.
        "service_standard"
        | "service_report"
        | "export_report"
        | "export_service_standard"
        | "calendar_years"
        | "calendar_year"
        | "service_hours"
        | "survey_questionnaire"
        | "survey_report"
        | "export_survey_report" => Roles(STAFF),
        _ => return None,
    })
}

/// Whether `roles` satisfy `rule` (signed in).
pub fn allows(rule: Rule, roles: &[Role]) -> bool {
    match rule {
        Rule::Public | Rule::SignedIn => true,
        Rule::Roles(need) => need.iter().any(|r| roles.contains(r)),
    }
}

/// Reads the operator signed in at `slot` again before `command` (not for
/// the public commands): a role changed, an account deactivated or locked,
/// or a password reset by an admin at any desk counts from this command on
/// (see [`Session::refresh`]). The staff window and the kiosk post both ask.
/// With the data key (`key`, at a desk) the row's seal is checked too: an
/// operator row edited outside Loket ends the session at once.
pub async fn reread(
    db: &impl sea_orm::ConnectionTrait,
    key: Option<&crate::secrets::DataKey>,
    slot: &std::sync::Mutex<Option<Session>>,
    command: &str,
) -> Result<()> {
    let lock = || slot.lock().unwrap_or_else(|e| e.into_inner());
    let Some(id) = lock().as_ref().map(|s| s.operator_id) else {
        return Ok(());
    };
    if rule(command) == Some(Rule::Public) {
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

/// Checks that the session may call `command` now and returns the actor to
/// record. Signed-out callers, expired or idle-locked sessions and missing
/// roles are refused; a permitted call counts as activity.
pub fn authorize(
    session: Option<&mut Session>,
    command: &str,
    now: DateTime<FixedOffset>,
) -> Result<Actor> {
    let Some(rule) = rule(command) else {
        return Err(Error::Forbidden(format!(
            "Perintah {command} tidak dikenal."
        )));
    };
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
    fn unknown_commands_are_refused_even_for_admins() {
        let mut a = s(&[Admin, Operator, Verifikator]);
        let now = a.signed_in_at;
        assert!(matches!(
            authorize(Some(&mut a), "hapus_semua", now),
            Err(Error::Forbidden(_))
        ));
    }

    #[test]
    fn the_kiosk_reads_nothing_stored() {
        let mut k = s(&[Kiosk]);
        let now = k.signed_in_at;
        for c in [
            "list_cases",
            "get_case",
            "view_document",
            "list_letters",
            "letter_settings",
        ] {
            assert!(
                matches!(authorize(Some(&mut k), c, now), Err(Error::Forbidden(_))),
                "{c}"
            );
        }
        assert!(authorize(Some(&mut k), "submit_kiosk_application", now).is_ok());
    }

    #[test]
    fn signed_out_callers_reach_only_public_commands() {
        let now = s(&[]).signed_in_at;
        assert!(authorize(None, "sign_in", now).is_ok());
        assert!(matches!(
            authorize(None, "list_cases", now),
            Err(Error::SignedOut(_))
        ));
    }
}
