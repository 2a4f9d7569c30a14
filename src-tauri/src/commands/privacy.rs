//! Tauri commands of the data-protection duties: a person's access export,
//! the breach register and its notices, and the record of processing.
//! Each asks `authorize` first and then makes one call into `loket-core`;
//! build.rs reads this file with `commands.rs`.

use loket_core::auth::rules::{ADMIN, DESK, READERS};
use loket_core::privacy::access;
use loket_core::privacy::breach::{self, BreachRow, NewBreach, PihakInsiden};
use loket_core::privacy::exports::{self, ExportFolder};
use loket_core::privacy::officer::{self, PrivacyDuties};
use loket_core::privacy::record::{self, ProcessingRecord};
use loket_core::privacy::requests::{self, DataRequestAnswer, DataRequestRow, NewDataRequest};
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// Where a person's access export was saved, and its times.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AccessSaved {
    pub pdf: String,
    pub json: String,
    /// The access request the export answered.
    pub permintaan: String,
    pub diminta: String,
    pub batas_jawab: String,
    /// Answered after its due time.
    pub terlambat: bool,
}

/// Everything Loket holds about the person `id`, as a PDF and a JSON file in
/// Downloads (audited before anything is gathered).
#[tauri::command]
pub async fn export_personal_data(
    desk: State<'_, DeskState>,
    id: i64,
) -> Result<AccessSaved, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    let files = access::export(&d.db, &act, id).await?;
    Ok(AccessSaved {
        pdf: transport::save_personal(d, &files.pdf_name, &files.pdf).await?,
        json: transport::save_personal(d, &files.json_name, &files.json).await?,
        permintaan: files.permintaan,
        diminta: files.diminta,
        batas_jawab: files.batas_jawab,
        terlambat: files.terlambat,
    })
}

/// The folder for exports that carry personal data (empty: Downloads).
#[tauri::command]
pub async fn export_folder(desk: State<'_, DeskState>) -> Result<ExportFolder, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(exports::get(&d.db, act.key()).await?)
}

/// Chooses the folder for exports that carry personal data (admin, audited).
#[tauri::command]
pub async fn save_export_folder(
    desk: State<'_, DeskState>,
    input: ExportFolder,
) -> Result<ExportFolder, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(exports::save(&d.db, &act, &input).await?)
}

/// Records the data-protection officer and the impact assessment (admin,
/// audited); the record of processing prints them.
#[tauri::command]
pub async fn save_privacy_duties(
    desk: State<'_, DeskState>,
    input: PrivacyDuties,
) -> Result<PrivacyDuties, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(officer::save(&d.db, &act, &input).await?)
}

/// The record of processing, as the page shows it.
#[tauri::command]
pub async fn processing_record(desk: State<'_, DeskState>) -> Result<ProcessingRecord, AppError> {
    let (d, _) = desk.authorize(READERS).await?;
    Ok(record::record(&d.db).await?)
}

/// The record of processing as a PDF in Downloads (opened for printing when `print`).
#[tauri::command]
pub async fn export_processing_record(
    desk: State<'_, DeskState>,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(READERS).await?;
    let (name, bytes) = record::pdf(&d.db, &act).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// The breach register, newest first.
#[tauri::command]
pub async fn list_breaches(desk: State<'_, DeskState>) -> Result<Vec<BreachRow>, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(breach::list(&d.db, act.now()).await?)
}

/// Records a breach (found, what, whose data, measures); due in 3 x 24 hours.
#[tauri::command]
pub async fn record_breach(
    desk: State<'_, DeskState>,
    input: NewBreach,
) -> Result<BreachRow, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(breach::record(&d.db, &act, &input).await?)
}

/// Records when the people affected or the authority were told.
#[tauri::command]
pub async fn breach_notified(
    desk: State<'_, DeskState>,
    id: i64,
    pihak: PihakInsiden,
    pada: String,
) -> Result<BreachRow, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(breach::notified(&d.db, &act, id, pihak, &pada).await?)
}

/// The written notice of a breach as a PDF in Downloads (opened for printing when `print`).
#[tauri::command]
pub async fn export_breach_notice(
    desk: State<'_, DeskState>,
    id: i64,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    let (name, bytes) = breach::notice(&d.db, &act, id).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// A person's correction requests, newest first.
#[tauri::command]
pub async fn data_requests(
    desk: State<'_, DeskState>,
    applicant_id: i64,
) -> Result<Vec<DataRequestRow>, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(requests::list(&d.db, applicant_id, act.now()).await?)
}

/// Records a correction request (due 3 x 24 hours after it came in).
#[tauri::command]
pub async fn record_data_request(
    desk: State<'_, DeskState>,
    input: NewDataRequest,
) -> Result<DataRequestRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(requests::record(&d.db, &act, &input).await?)
}

/// Answers a correction request: corrected, or refused with its reason.
#[tauri::command]
pub async fn answer_data_request(
    desk: State<'_, DeskState>,
    id: i64,
    answer: DataRequestAnswer,
) -> Result<DataRequestRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(requests::answer(&d.db, &act, id, &answer).await?)
}
