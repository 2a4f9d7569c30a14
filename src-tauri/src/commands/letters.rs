//! Letters: the office's letter settings, logo and trust anchors; the register, drafts, numbers, voiding, exports, the receipt, signed copies, batches.

use loket_core::auth::rules::{ADMIN, DESK, DESK_AND_ADMIN, VERIFIKATOR};
use loket_core::document::pdf::Form;
use loket_core::letters::export::{self, BatchProgress, BatchResult};
use loket_core::letters::register::{self, LetterCase, LetterQuery, LetterRow, NewLetter};
use loket_core::letters::signed::{self, SignedFiling};
use loket_core::office::identity;
use loket_core::office::kinds::Jenis;
use loket_core::office::settings::{self, LetterSettings};
use loket_core::pdfsig::anchors::{self, TrustAnchor};
use rand::rngs::OsRng;
use tauri::State;
use tauri::ipc::{Channel, Request};

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// The letter settings, defaults filled in.
#[tauri::command]
pub async fn letter_settings(desk: State<'_, DeskState>) -> Result<LetterSettings, AppError> {
    let (d, _) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(settings::settings(&d.db).await?)
}

/// Saves the letter settings, every field checked first.
#[tauri::command]
pub async fn save_letter_settings(
    desk: State<'_, DeskState>,
    settings: LetterSettings,
) -> Result<LetterSettings, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(settings::save_settings(&d.db, &act, &settings).await?)
}

/// Sets the letterhead logo from the raw bytes of a PNG or JPEG.
#[tauri::command]
pub async fn set_letter_logo(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    let bytes = transport::raw_body(&request)?;
    Ok(identity::set_logo(&d.db, &act, bytes).await?)
}

/// The trust anchors a returned signature may chain to.
#[tauri::command]
pub async fn list_trust_anchors(desk: State<'_, DeskState>) -> Result<Vec<TrustAnchor>, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(anchors::list(&d.db, act.key()).await?)
}

/// Imports the certificates of a PEM or DER file (the raw bytes) as trust anchors.
#[tauri::command]
pub async fn import_trust_anchor(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<Vec<TrustAnchor>, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    let bytes = transport::raw_body(&request)?;
    Ok(anchors::import(&d.db, &act, bytes).await?)
}

/// Removes the trust anchor with this SHA-256 fingerprint.
#[tauri::command]
pub async fn remove_trust_anchor(
    desk: State<'_, DeskState>,
    fingerprint: String,
) -> Result<Vec<TrustAnchor>, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(anchors::remove(&d.db, &act, &fingerprint).await?)
}

/// The register of letters.
#[tauri::command]
pub async fn list_letters(
    desk: State<'_, DeskState>,
    query: LetterQuery,
) -> Result<Vec<LetterRow>, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(register::list(&d.db, &query).await?)
}

/// Complete cases of an instansi without a recommendation yet.
#[tauri::command]
pub async fn eligible_letter_cases(
    desk: State<'_, DeskState>,
    jenis: Jenis,
    instansi: String,
) -> Result<Vec<LetterCase>, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(register::eligible_cases(&d.db, jenis, &instansi).await?)
}

/// Drafts a letter for one case, or a collective one.
#[tauri::command]
pub async fn create_letter(
    desk: State<'_, DeskState>,
    input: NewLetter,
) -> Result<LetterRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(register::create_draft(&d.db, &act, &input).await?)
}

/// Takes the next number from the register; a number is never reused.
#[tauri::command]
pub async fn issue_letter(desk: State<'_, DeskState>, id: i64) -> Result<LetterRow, AppError> {
    let (d, act) = desk.authorize(VERIFIKATOR).await?;
    Ok(register::issue(&d.db, &act, id).await?)
}

/// Voids a letter; its number stays in the register.
#[tauri::command]
pub async fn void_letter(
    desk: State<'_, DeskState>,
    id: i64,
    reason: String,
) -> Result<LetterRow, AppError> {
    let (d, act) = desk.authorize(VERIFIKATOR).await?;
    Ok(register::void(&d.db, &act, id, &reason).await?)
}

/// Saves a letter's PDF in Downloads and returns its path; `print` opens it in the PDF viewer.
#[tauri::command]
pub async fn export_letter(
    desk: State<'_, DeskState>,
    id: i64,
    form: Form,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    let (name, bytes) = export::export(&d.db, &act, id, form).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// Saves a case's receipt in Downloads; `print` opens it in the PDF viewer.
#[tauri::command]
pub async fn export_receipt(
    desk: State<'_, DeskState>,
    case_id: i64,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    let (name, bytes) = export::receipt(&d.db, &act, case_id).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// Files a letter's signed copy: the raw bytes, with `x-letter-id` and `x-filename` headers.
#[tauri::command]
pub async fn attach_signed_letter(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<SignedFiling, AppError> {
    let (d, act) = desk.authorize(VERIFIKATOR).await?;
    let upload = transport::signed_upload(&request)?;
    Ok(signed::attach_signed(&d.db, &act, &mut OsRng, &upload.as_upload()).await?)
}

/// Saves a letter's signed copy in Downloads; returns its path.
#[tauri::command]
pub async fn export_signed_letter(desk: State<'_, DeskState>, id: i64) -> Result<String, AppError> {
    let (d, act) = desk.authorize(VERIFIKATOR).await?;
    let (_, name, bytes) = signed::read_signed(&d.db, &act, id).await?;
    transport::save_personal(d, &format!("Salinan-bertanda-tangan-{id}-{name}"), &bytes).await
}

/// Exports many letters into a new Downloads folder, reporting after each.
#[tauri::command]
pub async fn export_letters_batch(
    desk: State<'_, DeskState>,
    ids: Vec<i64>,
    form: Form,
    on_progress: Channel<BatchProgress>,
) -> Result<BatchResult, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    let dir = transport::batch_folder(act.now());
    Ok(
        export::export_batch(&d.db, &act, &ids, form, &dir, &d.batch, |p| {
            let _ = on_progress.send(p);
        })
        .await?,
    )
}

/// Stops a running batch export after the letter it is writing.
#[tauri::command]
pub async fn cancel_letter_batch(desk: State<'_, DeskState>) -> Result<(), AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    d.batch.request();
    Ok(())
}
