//! People: the applicant form's check, finding people, a person's page, a certificate from outside Loket, corrections (a person's data, a case's or certificate's value, four-eyes approval) and the register of corrections.

use loket_core::applicant_page::{self, ApplicantPage};
use loket_core::applicants::changes::{self, Correction};
use loket_core::applicants::check::{ApplicantInput, FieldReport};
use loket_core::applicants::registry::{self, PersonMatch};
use loket_core::auth::rules::{ADMIN, DESK, DESK_OR_KIOSK, READERS, STAFF, VERIFIKATOR};
use loket_core::cases::approval::{self, PendingCorrection};
use loket_core::cases::intake::{self};
use loket_core::cases::search::{self, Organisations};
use loket_core::cases::values::{self, CorrectionResult, ValueCorrection};
use loket_core::certificates::{self, CertificateRow, Validity};
use loket_core::corrections::{self, CorrectionQuery, CorrectionRow};
use loket_core::desk::Seat;
use rand::rngs::OsRng;
use tauri::{Runtime, State, Window};

use super::seat;
use crate::error::AppError;
use crate::state::DeskState;

/// Checks an applicant form without saving: errors and warnings per field.
#[tauri::command]
pub async fn review_applicant<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
    input: ApplicantInput,
) -> Result<FieldReport, AppError> {
    let here = seat(&window);
    let answer = async {
        let db = desk.authorize_db(here, DESK_OR_KIOSK).await?;
        Ok(intake::review_applicant(db, &input, crate::state::now().date_naive()).await?)
    };
    answer.await.map_err(|e: AppError| match here {
        Seat::Kiosk => e.at_kiosk(),
        Seat::Desk => e,
    })
}

/// People on record matching a NIK, a NIP or the beginning of a name.
#[tauri::command]
pub async fn find_people(
    desk: State<'_, DeskState>,
    q: String,
) -> Result<Vec<PersonMatch>, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(registry::find_people(&d.db, &d.key, &q).await?)
}

/// A person's page: data, certificates, cases and the history of changes.
#[tauri::command]
pub async fn get_applicant(desk: State<'_, DeskState>, id: i64) -> Result<ApplicantPage, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(applicant_page::get_applicant(&d.db, id, act.today()).await?)
}

/// Records a certificate the person holds from before the office used Loket.
#[tauri::command]
pub async fn record_certificate(
    desk: State<'_, DeskState>,
    applicant_id: i64,
    validity: Validity,
) -> Result<CertificateRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(certificates::record_external(&d.db, &act, applicant_id, &validity).await?)
}

/// Corrects a typo in a person's record, with the reason (kept in the history).
#[tauri::command]
pub async fn correct_applicant(
    desk: State<'_, DeskState>,
    id: i64,
    input: Correction,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(VERIFIKATOR).await?;
    Ok(changes::correct(&d.db, &act, &mut OsRng, id, &input).await?)
}

/// The instansi and unit kerja on record, for the list filters.
#[tauri::command]
pub async fn list_organisations(desk: State<'_, DeskState>) -> Result<Organisations, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(search::organisations(&d.db).await?)
}

/// The register of corrections: who corrected which recorded value, when
/// and why, in a period and by an operator; for the admin and the head of office.
#[tauri::command]
pub async fn list_corrections(
    desk: State<'_, DeskState>,
    query: CorrectionQuery,
) -> Result<Vec<CorrectionRow>, AppError> {
    let (d, act) = desk.authorize(READERS).await?;
    Ok(corrections::register(&d.db, &query, *act.now().offset()).await?)
}

/// Corrects a value recorded on a case or a certificate, with its reason:
/// applied now, or waiting for a second person where four-eyes is on.
#[tauri::command]
pub async fn correct_value(
    desk: State<'_, DeskState>,
    input: ValueCorrection,
) -> Result<CorrectionResult, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(values::correct(&d.db, &act, &input).await?)
}

/// Approves a correction waiting for a second person (never one's own).
#[tauri::command]
pub async fn approve_correction(desk: State<'_, DeskState>, id: i64) -> Result<(), AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(approval::approve(&d.db, &act, id).await?)
}

/// Refuses a correction waiting for a second person: nothing changes.
#[tauri::command]
pub async fn refuse_correction(desk: State<'_, DeskState>, id: i64) -> Result<(), AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(approval::refuse(&d.db, &act, id).await?)
}

/// The corrections waiting for a second person, oldest first.
#[tauri::command]
pub async fn pending_corrections(
    desk: State<'_, DeskState>,
) -> Result<Vec<PendingCorrection>, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(approval::pending(&d.db, None).await?)
}

/// Whether corrections wait for a second person's approval.
#[tauri::command]
pub async fn four_eyes(desk: State<'_, DeskState>) -> Result<bool, AppError> {
    let (d, act) = desk.authorize(STAFF).await?;
    Ok(values::four_eyes(&d.db, act.key()).await?)
}

/// Turns four-eyes for corrections on or off.
#[tauri::command]
pub async fn set_four_eyes(desk: State<'_, DeskState>, on: bool) -> Result<(), AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(approval::set_four_eyes(&d.db, &act, on).await?)
}

/// The register of corrections as a file (XLSX or PDF on the letterhead),
/// saved to the export folder, and printed when asked.
#[tauri::command]
pub async fn export_corrections(
    desk: State<'_, DeskState>,
    query: CorrectionQuery,
    format: String,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(READERS).await?;
    let (name, bytes) = corrections::export::export(&d.db, &act, &query, &format).await?;
    crate::transport::save_and_maybe_open(&name, &bytes, print)
}
