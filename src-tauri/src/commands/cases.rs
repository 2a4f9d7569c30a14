//! Cases: opening any service, the lists and the dashboard, a case's page, steps, checklist, documents, deadline, the application form, expiring certificates.

use loket_core::applicants::registry::{self};
use loket_core::auth::rules::{DESK, DESK_AND_HEAD, VERIFIKATOR};
use loket_core::case_page::{self, CaseDetail};
use loket_core::cases::due::{self, CaseDeadline};
use loket_core::cases::intake::{self, NewService};
use loket_core::cases::record::CaseRow;
use loket_core::cases::search::{self, CasePage, CaseQuery};
use loket_core::cases::takeback::{self, TakeBack};
use loket_core::cases::transitions::{self, TransitionInput};
use loket_core::certificates::{self, ExpiringRow};
use loket_core::dashboard::{self, Dashboard};
use loket_core::documents::{self, DocumentRow, Purpose};
use loket_core::letters::export::{self};
use loket_core::lifecycle::vocabulary::Layanan;
use rand::rngs::OsRng;
use tauri::State;
use tauri::ipc::{Request, Response};

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;
use loket_core::cases::checklist;
use loket_core::catalogue;
use loket_core::catalogue::RejectReason;

/// Opens any service for a walk-in: a person on record or one registered in the same form.
#[tauri::command]
pub async fn open_service(
    desk: State<'_, DeskState>,
    input: NewService,
) -> Result<CaseRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(intake::open_service(&d.db, &act, &mut OsRng, &input).await?)
}

/// One page of cases for the search box, filters or the desk's queue.
#[tauri::command]
pub async fn list_cases(
    desk: State<'_, DeskState>,
    query: CaseQuery,
) -> Result<CasePage, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(search::list_cases(&d.db, &d.key, &query, act.now()).await?)
}

/// The home screen's counts: due today, overdue, waiting, new, expiring, kiosk.
#[tauri::command]
pub async fn desk_dashboard(desk: State<'_, DeskState>) -> Result<Dashboard, AppError> {
    let (d, act) = desk.authorize(DESK_AND_HEAD).await?;
    Ok(dashboard::dashboard(&d.db, act.key(), act.now()).await?)
}

/// A case with everything its page shows.
#[tauri::command]
pub async fn get_case(desk: State<'_, DeskState>, id: i64) -> Result<CaseDetail, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(case_page::get_case(&d.db, id, act.today()).await?)
}

/// A case's deadline under the service standard, computed from its history now.
#[tauri::command]
pub async fn case_deadline(desk: State<'_, DeskState>, id: i64) -> Result<CaseDeadline, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(due::of_case(&d.db, id, act.now()).await?)
}

/// Moves a case on by one action (the page reads the case again after).
#[tauri::command]
pub async fn transition_case(
    desk: State<'_, DeskState>,
    id: i64,
    input: TransitionInput,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(VERIFIKATOR).await?;
    Ok(transitions::transition(&d.db, &act, id, &input).await?)
}

/// Takes a case's last step back, with its reason (the page reads the case again after).
#[tauri::command]
pub async fn take_back_case(
    desk: State<'_, DeskState>,
    id: i64,
    input: TakeBack,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(VERIFIKATOR).await?;
    Ok(takeback::take_back(&d.db, &act, id, &input).await?)
}

/// Ticks or unticks one item of a case's checklist.
#[tauri::command]
pub async fn check_requirement(
    desk: State<'_, DeskState>,
    id: i64,
    code: String,
    checked: bool,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(checklist::check_requirement(&d.db, &act, id, &code, checked).await?)
}

/// Re-applies a rejected case as a new linked case.
#[tauri::command]
pub async fn reopen_case(desk: State<'_, DeskState>, id: i64) -> Result<CaseRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(intake::reopen(&d.db, &act, id).await?)
}

/// The office's rejection reasons.
#[tauri::command]
pub async fn reject_reasons(desk: State<'_, DeskState>) -> Result<Vec<RejectReason>, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(catalogue::reject_reasons(&d.db).await?)
}

/// Certificates that ended and were not renewed, most recently ended first.
#[tauri::command]
pub async fn expired_certificates(
    desk: State<'_, DeskState>,
) -> Result<Vec<ExpiringRow>, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(certificates::expired(&d.db, act.today(), 500).await?)
}

/// Active certificates nearing their end.
#[tauri::command]
pub async fn expiring_certificates(
    desk: State<'_, DeskState>,
) -> Result<Vec<ExpiringRow>, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(certificates::expiring(&d.db, act.today()).await?)
}

/// Saves an application form in Downloads: blank, or filled from a case; `print` opens it.
#[tauri::command]
pub async fn export_form(
    desk: State<'_, DeskState>,
    layanan: Layanan,
    case_id: Option<i64>,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    let (name, bytes) = export::application_form(&d.db, &act, layanan, case_id).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// Decrypts an applicant's NIK for display; the view is in the audit log first.
#[tauri::command]
pub async fn reveal_nik(desk: State<'_, DeskState>, applicant_id: i64) -> Result<String, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(registry::reveal(&d.db, &act, applicant_id).await?)
}

/// Attaches a document: the raw bytes, with `x-case-id`, `x-kind` and `x-filename` headers.
#[tauri::command]
pub async fn attach_document(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<DocumentRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    let upload = transport::upload(&request)?;
    Ok(documents::attach(&d.db, &act, &mut OsRng, &upload.as_upload()).await?)
}

/// A document's decrypted content; the view is in the audit log first.
#[tauri::command]
pub async fn view_document(desk: State<'_, DeskState>, id: i64) -> Result<Response, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    let (_, bytes) = documents::read(&d.db, &act, id, Purpose::View).await?;
    Ok(Response::new(bytes))
}

/// Saves a KTP copy within BSrE's limit in Downloads; returns its path.
#[tauri::command]
pub async fn export_ktp(desk: State<'_, DeskState>, id: i64) -> Result<String, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    let (_, bytes) = documents::read(&d.db, &act, id, Purpose::ExportForBsre).await?;
    transport::save_personal(d, &format!("KTP-berkas-{id}.jpg"), &bytes).await
}
