//! Tauri commands of the admin's backup screen: the settings, a backup now,
//! the progress of a running one, the restore drill (checking a backup
//! without touching anything) and the restore itself, which puts the checked
//! backup in place and starts Loket again on it. Each asks `authorize` first
//! and then makes one call into `loket-core`; build.rs reads this file with
//! `commands.rs`.

use loket_core::auth::rules::ADMIN;
use std::path::Path;

use loket_core::backup::restore::{self, BackupCheck};
use loket_core::backup::{self, BackupOverview, BackupRun, BackupSettings, ProgressView};
use tauri::{AppHandle, Runtime, State};

use crate::error::AppError;
use crate::state::DeskState;

/// The backup screen: settings, last backup, runs, progress.
#[tauri::command]
pub async fn backup_overview(desk: State<'_, DeskState>) -> Result<BackupOverview, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(backup::overview(&d.db, &d.backup, act.now()).await?)
}

/// Saves the backup folder and how many backups are kept.
#[tauri::command]
pub async fn save_backup_settings(
    desk: State<'_, DeskState>,
    settings: BackupSettings,
) -> Result<BackupSettings, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(backup::save_settings(&d.db, &act, settings).await?)
}

/// Makes a backup now (the screen polls `backup_progress` meanwhile).
#[tauri::command]
pub async fn backup_now(desk: State<'_, DeskState>) -> Result<BackupRun, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(backup::make::run(&d.db, &act, &d.backup).await?)
}

/// How far a running backup or check is.
#[tauri::command]
pub async fn backup_progress(desk: State<'_, DeskState>) -> Result<ProgressView, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(d.backup.view())
}

/// The restore drill: opens the backup at `path` in a temporary place and
/// runs every check of a restore, then removes the temporary copy.
#[tauri::command]
pub async fn check_backup(
    desk: State<'_, DeskState>,
    path: String,
) -> Result<BackupCheck, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(restore::drill(&d.db, &act, Path::new(path.trim()), desk.url(), &d.backup).await?)
}

/// Restores the backup at `path` after every check passed: the desk's
/// database is closed, the backup put in its place (the replaced file kept)
/// and Loket starts again on it. A backup that fails a check is refused
/// with the reason and nothing changes. Once the database is closed Loket
/// starts again whatever happens (a failed move leaves the live file where
/// it was, and says why on standard error).
#[tauri::command]
pub async fn restore_backup<R: Runtime>(
    app: AppHandle<R>,
    desk: State<'_, DeskState>,
    path: String,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    let file = Path::new(path.trim());
    let outcome =
        restore::restore_running(&d.db, file, desk.url(), &*d.keys, &act, &d.backup).await?;
    if let Err(e) = outcome {
        eprintln!("Pemulihan gagal: {e}");
    }
    app.restart()
}
