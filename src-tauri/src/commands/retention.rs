//! Tauri commands of retention: the periods, what is due, the run after the
//! admin's confirmation, past runs and their berita acara. Each asks
//! `authorize` first and then makes one call into `loket-core`; build.rs
//! reads this file with `commands.rs`.

use loket_core::auth::rules::ADMIN;
use loket_core::retention::due::{self, RetentionDue};
use loket_core::retention::periods::{self, RetentionPeriods};
use loket_core::retention::report;
use loket_core::retention::run::{self, DueKey, RetentionRun};
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// The retention periods in force and what is due today.
#[tauri::command]
pub async fn retention_due(desk: State<'_, DeskState>) -> Result<RetentionDue, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(due::list(&d.db, act.today()).await?)
}

/// Saves the retention periods.
#[tauri::command]
pub async fn save_retention_periods(
    desk: State<'_, DeskState>,
    periods: RetentionPeriods,
) -> Result<RetentionPeriods, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(periods::save(&d.db, &act, &periods).await?)
}

/// Destroys the confirmed items that are still due and records the run.
#[tauri::command]
pub async fn run_retention(
    desk: State<'_, DeskState>,
    items: Vec<DueKey>,
) -> Result<RetentionRun, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(run::run(&d.db, &act, &items).await?)
}

/// The retention runs so far, newest first.
#[tauri::command]
pub async fn retention_history(desk: State<'_, DeskState>) -> Result<Vec<RetentionRun>, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(run::history(&d.db).await?)
}

/// A run's berita acara pemusnahan as a PDF in Downloads (opened for printing when `print`).
#[tauri::command]
pub async fn export_retention_report(
    desk: State<'_, DeskState>,
    id: i64,
    print: bool,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    let (name, bytes) = report::berita_acara(&d.db, &act, id).await?;
    transport::save_and_maybe_open(&name, &bytes, print)
}
