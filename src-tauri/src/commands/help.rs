//! Help with using a certificate (bantuan penggunaan sertifikat): a person's
//! requests on their page, recording one, and its steps (passed to BSrE,
//! closed). Each asks `authorize` first and then makes one call into
//! `loket-core`; build.rs reads this file with `commands.rs`.

use loket_core::auth::rules::DESK;
use loket_core::help::register::{self, HelpRow, HelpStep, NewHelpRequest, OpenHelpRow};
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;

/// A person's help requests, newest first.
#[tauri::command]
pub async fn help_requests(
    desk: State<'_, DeskState>,
    applicant_id: i64,
) -> Result<Vec<HelpRow>, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(register::list(&d.db, applicant_id, act.now()).await?)
}

/// Records a help request for a person on record.
#[tauri::command]
pub async fn record_help_request(
    desk: State<'_, DeskState>,
    input: NewHelpRequest,
) -> Result<HelpRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(register::record(&d.db, &act, &input).await?)
}

/// Passes a help request to BSrE, or closes it with what was done.
#[tauri::command]
pub async fn help_request_step(
    desk: State<'_, DeskState>,
    id: i64,
    step: HelpStep,
) -> Result<HelpRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(register::step(&d.db, &act, id, &step).await?)
}

/// The help requests not closed yet, across people, oldest first.
#[tauri::command]
pub async fn open_help_requests(desk: State<'_, DeskState>) -> Result<Vec<OpenHelpRow>, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(register::open_requests(&d.db, act.now()).await?)
}
