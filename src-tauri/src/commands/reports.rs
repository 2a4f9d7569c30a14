//! The service report and its exports.

use loket_core::auth::rules::STAFF;
use loket_core::reports::figures::{self as report_figures, Report};
use loket_core::reports::period::ReportQuery;
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// The report of a period: per service, instansi, unit and staff, reasons, trend.
#[tauri::command]
pub async fn service_report(
    desk: State<'_, DeskState>,
    query: ReportQuery,
) -> Result<Report, AppError> {
    let (d, act) = desk.authorize(STAFF).await?;
    Ok(report_figures::report(&d.db, &query, act.now()).await?)
}

/// Saves the report of a period in Downloads as `format` (xlsx, csv or
/// pdf); `print` opens it.
#[tauri::command]
pub async fn export_report(
    desk: State<'_, DeskState>,
    query: ReportQuery,
    format: String,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(STAFF).await?;
    let r = report_figures::report(&d.db, &query, act.now()).await?;
    let (name, bytes) = loket_core::reports::export::export(&d.db, &act, &r, &format).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}
