//! The desk's inbox of kiosk submissions: the list, opening one, accepting it as a case, discarding it with a reason.

use loket_core::auth::rules::DESK;
use loket_core::cases::forms::ServiceFormInput;
use loket_core::cases::record::CaseRow;
use loket_core::kiosk::inbox::{self, InboxItem, OpenedSubmission};
use rand::rngs::OsRng;
use tauri::State;

use crate::error::AppError;
use crate::state::DeskState;

/// The kiosk inbox, newest first: the waiting submissions, or every one with `all`.
#[tauri::command]
pub async fn kiosk_inbox(
    desk: State<'_, DeskState>,
    all: bool,
) -> Result<Vec<InboxItem>, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(inbox::list(&d.db, all).await?)
}

/// Opens a kiosk submission at the desk (audited).
#[tauri::command]
pub async fn open_kiosk_submission(
    desk: State<'_, DeskState>,
    id: i64,
) -> Result<OpenedSubmission, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(inbox::open(&d.db, &act, id).await?)
}

/// Accepts a kiosk submission as a case under the applicant's registration
/// number, with the service part as the desk completed it (or as sent).
#[tauri::command]
pub async fn accept_kiosk_submission(
    desk: State<'_, DeskState>,
    id: i64,
    form: Option<ServiceFormInput>,
) -> Result<CaseRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(inbox::accept(&d.db, &act, &mut OsRng, id, form.as_ref()).await?)
}

/// Discards a kiosk submission with a reason.
#[tauri::command]
pub async fn discard_kiosk_submission(
    desk: State<'_, DeskState>,
    id: i64,
    alasan: String,
) -> Result<(), AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(inbox::discard(&d.db, &act, id, &alasan).await?)
}
