//! The kiosk window's own commands: the desk window is never granted these
//! (build.rs leaves them out of its capability), and the kiosk's capability
//! file grants them together with status and sign-in.

use loket_core::desk::Seat;
use loket_core::kiosk::inbox::{self, KioskReceipt, KioskSubmission};
use loket_core::kiosk::info::{self, ServiceInfo};
use rand::rngs::OsRng;
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;

/// Seals an application from the kiosk into the desk's inbox; returns the
/// receipt (registration number, service, time), never anything stored.
#[tauri::command]
pub async fn submit_kiosk_application(
    desk: State<'_, DeskState>,
    input: KioskSubmission,
) -> Result<KioskReceipt, AppError> {
    // The kiosk window's own session; Tauri grants this command to no other window.
    let (d, act) = desk.authorize_at(Seat::Kiosk, "submit_kiosk_application")?;
    // Only the office's public key goes into the kiosk's code path.
    let office = act.key().kiosk_key();
    Ok(inbox::submit(&d.db, &office, &act.name(), act.now(), &mut OsRng, &input).await?)
}

/// The four services as the kiosk presents them: requirements, working
/// days, cost and where to complain, from the office's settings.
#[tauri::command]
pub async fn kiosk_services(desk: State<'_, DeskState>) -> Result<Vec<ServiceInfo>, AppError> {
    let (d, _) = desk.authorize_at(Seat::Kiosk, "kiosk_services")?;
    Ok(info::services(&d.db).await?)
}
