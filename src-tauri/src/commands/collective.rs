//! Tauri commands of collective requests: read an OPD's roster file, open the
//! request (one case per employee), the list, one request's cases, and its
//! collective Surat Rekomendasi. Each asks `authorize` first and then makes
//! one call into `loket-core`; build.rs reads this file with `commands.rs`.

use loket_core::auth::rules::DESK;
use loket_core::collective::follow::{self, CollectiveDetail, CollectiveRow};
use loket_core::collective::open::{self, NewCollective};
use loket_core::collective::roster::{self, RosterFile};
use loket_core::import::mapping;
use loket_core::letters::register::LetterRow;
use rand::rngs::OsRng;
use tauri::State;
use tauri::ipc::Request;

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// Reads an OPD's roster (raw bytes, `x-filename`) into rows the desk can
/// still correct; nothing is saved.
#[tauri::command]
pub async fn read_roster_file(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<RosterFile, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    let (name, bytes) = transport::named_file(&request)?;
    let remembered = mapping::remembered(&d.db).await?;
    Ok(roster::read(&name, bytes, &remembered).await?)
}

/// Opens a collective request: every row opens its own case, or nothing is saved.
#[tauri::command]
pub async fn open_collective(
    desk: State<'_, DeskState>,
    input: NewCollective,
) -> Result<CollectiveRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(open::open(&d.db, &act, &mut OsRng, &input).await?)
}

/// The collective requests, newest first.
#[tauri::command]
pub async fn list_collectives(desk: State<'_, DeskState>) -> Result<Vec<CollectiveRow>, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(follow::list(&d.db).await?)
}

/// One collective request with its cases and letters.
#[tauri::command]
pub async fn get_collective(
    desk: State<'_, DeskState>,
    id: i64,
) -> Result<CollectiveDetail, AppError> {
    let (d, _) = desk.authorize(DESK).await?;
    Ok(follow::detail(&d.db, id).await?)
}

/// Drafts the collective Surat Rekomendasi for the request's complete cases.
#[tauri::command]
pub async fn draft_collective_letter(
    desk: State<'_, DeskState>,
    id: i64,
    penandatangan: u32,
) -> Result<LetterRow, AppError> {
    let (d, act) = desk.authorize(DESK).await?;
    Ok(follow::draft_letter(&d.db, &act, id, penandatangan).await?)
}
