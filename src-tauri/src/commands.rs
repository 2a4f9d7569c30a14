//! Tauri commands: each is one call into `loket-core`.

use loket_core::applicants::{ApplicantInput, FieldReport};
use loket_core::audit::{self, AuditReport};
use loket_core::cases::{
    self, CaseDetail, CasePage, CaseQuery, CaseRow, NewPenerbitan, OpenCase, Organisations,
    RejectReason, TransitionInput,
};
use loket_core::certificates::{self, ExpiringRow};
use loket_core::documents::{self, DocumentRow, Purpose};
use loket_core::letters::{
    self, BatchProgress, BatchResult, Form, Jenis, LetterCase, LetterQuery, LetterRow,
    LetterSettings, NewLetter, SignedFiling,
};
use tauri::State;
use tauri::ipc::Channel;

use crate::error::AppError;
use crate::{AppStatus, Desk, now};

#[tauri::command]
pub fn app_status(desk: State<'_, Desk>) -> AppStatus {
    desk.status()
}

#[tauri::command]
pub async fn review_applicant(
    desk: State<'_, Desk>,
    input: ApplicantInput,
) -> Result<FieldReport, AppError> {
    Ok(cases::review_applicant(&desk.ready()?.db, &input, now()).await?)
}

#[tauri::command]
pub async fn open_penerbitan(
    desk: State<'_, Desk>,
    input: NewPenerbitan,
) -> Result<CaseRow, AppError> {
    let d = desk.ready()?;
    Ok(cases::open_penerbitan(
        &d.db,
        &d.key,
        &mut rand::rngs::OsRng,
        &d.actor,
        now(),
        &input,
    )
    .await?)
}

#[tauri::command]
pub async fn list_cases(desk: State<'_, Desk>, query: CaseQuery) -> Result<CasePage, AppError> {
    let d = desk.ready()?;
    Ok(cases::list_cases(&d.db, &d.key, &query, *now().offset()).await?)
}

#[tauri::command]
pub async fn get_case(desk: State<'_, Desk>, id: i64) -> Result<CaseDetail, AppError> {
    Ok(cases::get_case(&desk.ready()?.db, id, now().date_naive()).await?)
}

#[tauri::command]
pub async fn open_case(desk: State<'_, Desk>, input: OpenCase) -> Result<CaseRow, AppError> {
    let d = desk.ready()?;
    Ok(cases::open_case(&d.db, &d.key, &d.actor, now(), &input).await?)
}

#[tauri::command]
pub async fn transition_case(
    desk: State<'_, Desk>,
    id: i64,
    input: TransitionInput,
) -> Result<CaseDetail, AppError> {
    let d = desk.ready()?;
    Ok(cases::transition(&d.db, &d.key, &d.actor, now(), id, &input).await?)
}

#[tauri::command]
pub async fn check_requirement(
    desk: State<'_, Desk>,
    id: i64,
    code: String,
    checked: bool,
) -> Result<CaseDetail, AppError> {
    let d = desk.ready()?;
    Ok(cases::check_requirement(&d.db, &d.key, &d.actor, now(), id, &code, checked).await?)
}

#[tauri::command]
pub async fn reopen_case(desk: State<'_, Desk>, id: i64) -> Result<CaseRow, AppError> {
    let d = desk.ready()?;
    Ok(cases::reopen(&d.db, &d.key, &d.actor, now(), id).await?)
}

#[tauri::command]
pub async fn reject_reasons(desk: State<'_, Desk>) -> Result<Vec<RejectReason>, AppError> {
    Ok(cases::reject_reasons(&desk.ready()?.db).await?)
}

#[tauri::command]
pub async fn expiring_certificates(desk: State<'_, Desk>) -> Result<Vec<ExpiringRow>, AppError> {
    Ok(certificates::expiring(&desk.ready()?.db, now().date_naive()).await?)
}

#[tauri::command]
pub async fn reveal_nik(desk: State<'_, Desk>, applicant_id: i64) -> Result<String, AppError> {
    let d = desk.ready()?;
    Ok(loket_core::applicants::reveal(&d.db, &d.key, &d.actor, now(), applicant_id).await?)
}

#[tauri::command]
pub async fn verify_audit(desk: State<'_, Desk>) -> Result<AuditReport, AppError> {
    let d = desk.ready()?;
    Ok(audit::verify_report(&d.db, &d.key).await?)
}

#[tauri::command]
pub async fn attach_document(
    desk: State<'_, Desk>,
    request: tauri::ipc::Request<'_>,
) -> Result<DocumentRow, AppError> {
    let d = desk.ready()?;
    let upload = crate::transport::upload(&request)?;
    Ok(documents::attach(
        &d.db,
        &d.key,
        &mut rand::rngs::OsRng,
        &d.actor,
        now(),
        &upload.as_upload(),
    )
    .await?)
}

#[tauri::command]
pub async fn view_document(
    desk: State<'_, Desk>,
    id: i64,
) -> Result<tauri::ipc::Response, AppError> {
    let d = desk.ready()?;
    let (_, bytes) = documents::read(&d.db, &d.key, &d.actor, now(), id, Purpose::View).await?;
    Ok(tauri::ipc::Response::new(bytes))
}

#[tauri::command]
pub async fn export_ktp(desk: State<'_, Desk>, id: i64) -> Result<String, AppError> {
    let d = desk.ready()?;
    let (_, bytes) =
        documents::read(&d.db, &d.key, &d.actor, now(), id, Purpose::ExportForBsre).await?;
    crate::transport::save_export(&format!("KTP-berkas-{id}.jpg"), &bytes)
}

#[tauri::command]
pub async fn list_organisations(desk: State<'_, Desk>) -> Result<Organisations, AppError> {
    Ok(cases::organisations(&desk.ready()?.db).await?)
}

#[tauri::command]
pub async fn letter_settings(desk: State<'_, Desk>) -> Result<LetterSettings, AppError> {
    Ok(letters::settings(&desk.ready()?.db).await?)
}

#[tauri::command]
pub async fn save_letter_settings(
    desk: State<'_, Desk>,
    settings: LetterSettings,
) -> Result<LetterSettings, AppError> {
    let d = desk.ready()?;
    Ok(letters::save_settings(&d.db, &d.key, &d.actor, now(), &settings).await?)
}

#[tauri::command]
pub async fn set_letter_logo(
    desk: State<'_, Desk>,
    request: tauri::ipc::Request<'_>,
) -> Result<(), AppError> {
    let d = desk.ready()?;
    let bytes = crate::transport::raw_body(&request)?;
    Ok(letters::set_logo(&d.db, &d.key, &d.actor, now(), bytes).await?)
}

#[tauri::command]
pub async fn list_letters(
    desk: State<'_, Desk>,
    query: LetterQuery,
) -> Result<Vec<LetterRow>, AppError> {
    Ok(letters::list(&desk.ready()?.db, &query).await?)
}

#[tauri::command]
pub async fn eligible_letter_cases(
    desk: State<'_, Desk>,
    jenis: Jenis,
    instansi: String,
) -> Result<Vec<LetterCase>, AppError> {
    Ok(letters::eligible_cases(&desk.ready()?.db, jenis, &instansi).await?)
}

#[tauri::command]
pub async fn create_letter(desk: State<'_, Desk>, input: NewLetter) -> Result<LetterRow, AppError> {
    let d = desk.ready()?;
    Ok(letters::create_draft(&d.db, &d.key, &d.actor, now(), &input).await?)
}

#[tauri::command]
pub async fn issue_letter(desk: State<'_, Desk>, id: i64) -> Result<LetterRow, AppError> {
    let d = desk.ready()?;
    Ok(letters::issue(&d.db, &d.key, &d.actor, now(), id).await?)
}

#[tauri::command]
pub async fn void_letter(
    desk: State<'_, Desk>,
    id: i64,
    reason: String,
) -> Result<LetterRow, AppError> {
    let d = desk.ready()?;
    Ok(letters::void(&d.db, &d.key, &d.actor, now(), id, &reason).await?)
}

#[tauri::command]
pub async fn export_letter(
    desk: State<'_, Desk>,
    id: i64,
    form: Form,
    print: bool,
) -> Result<String, AppError> {
    let d = desk.ready()?;
    let (name, bytes) = letters::export(&d.db, &d.key, &d.actor, now(), id, form).await?;
    crate::transport::save_and_maybe_open(&name, &bytes, print)
}

#[tauri::command]
pub async fn export_receipt(
    desk: State<'_, Desk>,
    case_id: i64,
    print: bool,
) -> Result<String, AppError> {
    let d = desk.ready()?;
    let (name, bytes) = letters::receipt(&d.db, &d.key, &d.actor, now(), case_id).await?;
    crate::transport::save_and_maybe_open(&name, &bytes, print)
}

#[tauri::command]
pub async fn attach_signed_letter(
    desk: State<'_, Desk>,
    request: tauri::ipc::Request<'_>,
) -> Result<SignedFiling, AppError> {
    let d = desk.ready()?;
    let upload = crate::transport::signed_upload(&request)?;
    Ok(letters::attach_signed(
        &d.db,
        &d.key,
        &mut rand::rngs::OsRng,
        &d.actor,
        now(),
        &upload.as_upload(),
    )
    .await?)
}

#[tauri::command]
pub async fn export_signed_letter(desk: State<'_, Desk>, id: i64) -> Result<String, AppError> {
    let d = desk.ready()?;
    let (_, name, bytes) = letters::read_signed(&d.db, &d.key, &d.actor, now(), id).await?;
    crate::transport::save_export(&format!("Salinan-bertanda-tangan-{id}-{name}"), &bytes)
}

#[tauri::command]
pub async fn export_letters_batch(
    desk: State<'_, Desk>,
    ids: Vec<i64>,
    form: Form,
    on_progress: Channel<BatchProgress>,
) -> Result<BatchResult, AppError> {
    let d = desk.ready()?;
    d.batch_cancel
        .store(false, std::sync::atomic::Ordering::SeqCst);
    let dir = crate::transport::batch_folder(now());
    Ok(letters::export_batch(
        &d.db,
        &d.key,
        &d.actor,
        now(),
        &ids,
        form,
        &dir,
        &d.batch_cancel,
        |p| {
            let _ = on_progress.send(p);
        },
    )
    .await?)
}

#[tauri::command]
pub fn cancel_letter_batch(desk: State<'_, Desk>) -> Result<(), AppError> {
    let d = desk.ready()?;
    d.batch_cancel
        .store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}
