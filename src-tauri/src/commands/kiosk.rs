//! The kiosk window's own commands: the desk window is never granted these
//! (build.rs leaves them out of its capability), and the kiosk's capability
//! file grants them together with status and sign-in.

use loket_core::cases::intake::{self, NewPenerbitan};
use rand::rngs::OsRng;
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;

/// Submits an application from the kiosk; returns only its registration number.
#[tauri::command]
pub async fn submit_kiosk_application(
    desk: State<'_, DeskState>,
    input: NewPenerbitan,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize("submit_kiosk_application")?;
    Ok(intake::submit_from_kiosk(&d.db, &act, &mut OsRng, &input).await?)
}
