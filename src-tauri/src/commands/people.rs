//! People: the applicant form's check, finding people, a person's page, a certificate from outside Loket, a correction, and the register of corrections.

use loket_core::applicant_page::{self, ApplicantPage};
use loket_core::applicants::changes::{self, Correction};
use loket_core::applicants::check::{ApplicantInput, FieldReport};
use loket_core::applicants::registry::{self, PersonMatch};
use loket_core::auth::rules::{DESK, DESK_OR_KIOSK, READERS, VERIFIKATOR};
use loket_core::cases::intake::{self};
use loket_core::cases::search::{self, Organisations};
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
