//! Tauri commands: each is one call into `loket-core`.

use loket_core::applicants::{ApplicantInput, FieldReport};
use loket_core::cases::{self, CaseDetail, CasePage, CaseQuery, CaseRow, NewPenerbitan};
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
    Ok(cases::list_cases(&d.db, &d.key, &query).await?)
}

#[tauri::command]
pub async fn get_case(desk: State<'_, Desk>, id: i64) -> Result<CaseDetail, AppError> {
    Ok(cases::get_case(&desk.ready()?.db, id).await?)
}
