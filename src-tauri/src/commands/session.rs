//! The session at a window: whether Loket started, the first run, signing in, the lock, signing out, one's own password; and the audit log's check.

use loket_core::audit::AuditReport;
use loket_core::auth::rules::{ADMIN, PUBLIC, READERS, SIGNED_IN};
use loket_core::operators::accounts::{NewOperator, PasswordChange};
use loket_core::operators::recovery::{self, FirstRun};
use loket_core::operators::sessions::SessionInfo;
use loket_core::secrets::SecretText;
use rand::rngs::OsRng;
use tauri::{Runtime, State, Window};

use super::seat;
use crate::error::AppError;
use crate::state::{AppStatus, DeskState};
use crate::transport;

/// Whether Loket could start, where its data lives, and who is signed in at this window.
#[tauri::command]
pub async fn app_status<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
) -> Result<AppStatus, AppError> {
    crate::startup::first_call();
    Ok(desk.status(PUBLIC, seat(&window)).await)
}

/// First run: the first admin and the recovery key (shown once).
#[tauri::command]
pub async fn first_run_setup(
    desk: State<'_, DeskState>,
    input: NewOperator,
) -> Result<FirstRun, AppError> {
    let (d, act) = desk.authorize(PUBLIC).await?;
    Ok(d.first_run(act.now(), &mut OsRng, &input).await?)
}

/// Records that the first admin wrote the recovery key down.
#[tauri::command]
pub async fn confirm_recovery_key(desk: State<'_, DeskState>) -> Result<(), AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(recovery::confirm_recovery(&d.db, &act).await?)
}

/// Signs an operator in at this window.
#[tauri::command]
pub async fn sign_in<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
    username: String,
    password: SecretText,
    remember: bool,
) -> Result<SessionInfo, AppError> {
    desk.sign_in(PUBLIC, seat(&window), &username, &password, remember)
        .await
}

/// Opens the locked screen with the same operator's password.
#[tauri::command]
pub async fn unlock_session<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
    password: SecretText,
) -> Result<SessionInfo, AppError> {
    desk.unlock(PUBLIC, seat(&window), &password).await
}

/// Signs out and forgets this desk's remembered sign-in.
#[tauri::command]
pub async fn sign_out<R: Runtime>(
    desk: State<'_, DeskState>,
    window: Window<R>,
) -> Result<(), AppError> {
    desk.sign_out(PUBLIC, seat(&window)).await
}

/// The signed-in operator changes their own password.
#[tauri::command]
pub async fn change_password(
    desk: State<'_, DeskState>,
    input: PasswordChange,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(SIGNED_IN).await?;
    Ok(d.change_password(act.now(), &mut OsRng, &input).await?)
}

/// Walks the audit log's hash chain.
#[tauri::command]
pub async fn verify_audit(desk: State<'_, DeskState>) -> Result<AuditReport, AppError> {
    let (d, _) = desk.authorize(READERS).await?;
    Ok(d.verify_audit(None).await?)
}

/// Saves the audit log's checkpoint (a small file with a MAC) in Downloads, for
/// the office to keep elsewhere; returns its path.
#[tauri::command]
pub async fn export_audit_checkpoint(desk: State<'_, DeskState>) -> Result<String, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    let (name, bytes) = d.export_checkpoint(act.now()).await?;
    transport::save_export(&name, &bytes)
}
