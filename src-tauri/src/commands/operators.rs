//! The admin's accounts and the office's credentials in the OS keyring.

use loket_core::auth::rules::ADMIN;
use loket_core::credentials::{self, Credential, CredentialStatus};
use loket_core::operators::accounts::{self, Change, NewOperator, OperatorRow};
use loket_core::operators::roles::Role;
use loket_core::secrets::SecretText;
use rand::rngs::OsRng;
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;

/// Every operator account.
#[tauri::command]
pub async fn list_operators(desk: State<'_, DeskState>) -> Result<Vec<OperatorRow>, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(accounts::list(&d.db).await?)
}

/// Creates an operator account.
#[tauri::command]
pub async fn create_operator(
    desk: State<'_, DeskState>,
    input: NewOperator,
) -> Result<OperatorRow, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(accounts::create(&d.db, &act, &mut OsRng, &input).await?)
}

/// Unlocks, deactivates or reactivates an operator.
#[tauri::command]
pub async fn change_operator(
    desk: State<'_, DeskState>,
    id: i64,
    change: Change,
) -> Result<OperatorRow, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(accounts::change(&d.db, &act, id, change).await?)
}

/// Sets an operator's roles.
#[tauri::command]
pub async fn set_operator_roles(
    desk: State<'_, DeskState>,
    id: i64,
    roles: Vec<Role>,
) -> Result<OperatorRow, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(accounts::set_roles(&d.db, &act, id, &roles).await?)
}

/// Sets a new password for an operator who forgot theirs.
#[tauri::command]
pub async fn reset_operator_password(
    desk: State<'_, DeskState>,
    id: i64,
    password: SecretText,
) -> Result<OperatorRow, AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(accounts::reset_password(&d.db, &act, &mut OsRng, id, &password).await?)
}

/// Whether each credential is in the keyring (never its value).
#[tauri::command]
pub async fn credential_status(
    desk: State<'_, DeskState>,
) -> Result<Vec<CredentialStatus>, AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(credentials::status(&*d.keys)?)
}

/// Puts a credential into the OS keyring; it never comes back.
#[tauri::command]
pub async fn set_credential(
    desk: State<'_, DeskState>,
    credential: Credential,
    value: SecretText,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(credentials::set(&d.db, &act, &*d.keys, credential, &value).await?)
}

/// Checks that the keyring gives a credential back.
#[tauri::command]
pub async fn test_credential(
    desk: State<'_, DeskState>,
    credential: Credential,
) -> Result<(), AppError> {
    let (d, _) = desk.authorize(ADMIN).await?;
    Ok(credentials::test(&*d.keys, credential)?)
}

/// Removes a credential from the keyring.
#[tauri::command]
pub async fn delete_credential(
    desk: State<'_, DeskState>,
    credential: Credential,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(ADMIN).await?;
    Ok(credentials::delete(&d.db, &act, &*d.keys, credential).await?)
}
