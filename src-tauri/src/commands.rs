//! Tauri commands: each is one call into `loket-core`.

use loket_core::applicants::{ApplicantInput, FieldReport};
use loket_core::audit::{self, AuditReport};
use loket_core::cases::{
    self, CaseDetail, CasePage, CaseQuery, CaseRow, NewPenerbitan, OpenCase, Organisations,
    RejectReason, TransitionInput,
};
use loket_core::certificates::{self, ExpiringRow};
use loket_core::documents::{self, DocumentRow, Purpose};
use tauri::State;

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
