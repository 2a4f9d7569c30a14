//! The office's service standard, its checklists and rejection reasons, the working-day calendar and the service hours.

use loket_core::auth::rules::{ADMIN, STAFF};
use loket_core::calendar::days::{self, TypedYear, YearCalendar};
use loket_core::calendar::hours::{self, ServiceHours};
use loket_core::calendar::import::{self as calendar_import, ImportPreview};
use loket_core::recount::{self, SavedYear};
use loket_core::standard::keep as standard;
use loket_core::standard::model::{Standard, StandardView};
use tauri::State;
use tauri::ipc::Request;

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;
use loket_core::catalogue;
use loket_core::catalogue::CatalogueSettings;

/// The office's official e-mail domain ("" when none is set).
#[tauri::command]
pub async fn official_domain(desk: State<'_, DeskState>) -> Result<String, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(loket_core::applicants::domain::official_domain(&d.db).await?)
}

/// Saves the official e-mail domain (empty: no warning at intake).
#[tauri::command]
pub async fn save_official_domain(
    desk: State<'_, DeskState>,
    domain: String,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(loket_core::applicants::domain::save(&d.db, &act, &domain).await?)
}

/// The checklists of the four services and the rejection reasons.
#[tauri::command]
pub async fn catalogue_settings(desk: State<'_, DeskState>) -> Result<CatalogueSettings, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(catalogue::catalogue(&d.db).await?)
}

/// Saves the checklists and rejection reasons, every row checked first.
#[tauri::command]
pub async fn save_catalogue_settings(
    desk: State<'_, DeskState>,
    settings: CatalogueSettings,
) -> Result<CatalogueSettings, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(catalogue::save_catalogue(&d.db, &act, &settings).await?)
}

/// The Standar Pelayanan and its fourteen components per service.
#[tauri::command]
pub async fn service_standard(desk: State<'_, DeskState>) -> Result<StandardView, AppError> {
    let (d, act) = desk.authorize(STAFF).await?;
    Ok(standard::view(&d.db, *act.now().offset()).await?)
}

/// Saves the Standar Pelayanan, every field checked first.
#[tauri::command]
pub async fn save_service_standard(
    desk: State<'_, DeskState>,
    standard: Standard,
) -> Result<StandardView, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    standard::save(&d.db, &act, &standard).await?;
    Ok(standard::view(&d.db, *act.now().offset()).await?)
}

/// Saves the Standar Pelayanan as a PDF in Downloads; `print` opens it.
#[tauri::command]
pub async fn export_service_standard(
    desk: State<'_, DeskState>,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(STAFF).await?;
    let (name, bytes) = loket_core::standard::document::pdf(&d.db, &act).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}

/// The years with a working-day calendar.
#[tauri::command]
pub async fn calendar_years(desk: State<'_, DeskState>) -> Result<Vec<i32>, AppError> {
    let (d, _) = desk.authorize(STAFF).await?;
    Ok(days::years(&d.db).await?)
}

/// One year's days off, or `null` when the year has no calendar.
#[tauri::command]
pub async fn calendar_year(
    desk: State<'_, DeskState>,
    tahun: i32,
) -> Result<Option<YearCalendar>, AppError> {
    let (d, _) = desk.authorize(STAFF).await?;
    Ok(days::year(&d.db, tahun).await?)
}

/// Saves a year's days off, checked first, and counts again in the same
/// transaction every deadline it decides (open cases, complaints).
#[tauri::command]
pub async fn save_calendar_year(
    desk: State<'_, DeskState>,
    kalender: TypedYear,
) -> Result<SavedYear, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(recount::save_year(&d.db, &act, &kalender).await?)
}

/// Reads a CSV or iCalendar file (raw bytes, `x-filename`, optional
/// `x-tahun`) into a preview; saves nothing.
#[tauri::command]
pub async fn preview_calendar_import(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<ImportPreview, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    let (name, bytes) = transport::named_file(&request)?;
    let year = transport::number_header(&request, "x-tahun");
    Ok(calendar_import::preview(&d.db, &name, bytes, year).await?)
}

/// The service hours per weekday and their special ranges.
#[tauri::command]
pub async fn service_hours(desk: State<'_, DeskState>) -> Result<ServiceHours, AppError> {
    let (d, _) = desk.authorize(STAFF).await?;
    Ok(hours::hours(&d.db).await?)
}

/// Saves the service hours, checked first.
#[tauri::command]
pub async fn save_service_hours(
    desk: State<'_, DeskState>,
    hours: ServiceHours,
) -> Result<ServiceHours, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(hours::save_hours(&d.db, &act, &hours).await?)
}
