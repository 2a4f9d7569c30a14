//! Tauri commands of the import screen: choose a file (its bytes are held by
//! the desk between the steps), the dry run and the import with progress and
//! a stop button, the refused rows saved as a spreadsheet, and the history.
//! Each asks `authorize` first and then makes one call into `loket-core`;
//! build.rs reads this file with `commands.rs`.

use loket_core::auth::rules::DESK_AND_ADMIN;
use loket_core::import::run::{self as import_run};
use loket_core::import::{
    ImportFilePreview, ImportMapping, ImportOutcome, ImportProgress, ImportReport, ImportRun,
    refused,
};
use tauri::State;
use tauri::ipc::{Channel, Request};

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// Reads the chosen file (raw bytes, `x-filename`) and holds it for the next
/// steps: its columns, first rows and the suggested mapping.
#[tauri::command]
pub async fn load_import_file(
    desk: State<'_, DeskState>,
    request: Request<'_>,
) -> Result<ImportFilePreview, AppError> {
    let (d, _) = desk.authorize(DESK_AND_ADMIN).await?;
    let (name, bytes) = transport::named_file(&request)?;
    let preview = import_run::preview(&d.db, &name, bytes).await?;
    d.import.load(&name, bytes);
    Ok(preview)
}

/// The dry run of the held file with `mapping`: every row judged, nothing written.
#[tauri::command]
pub async fn import_dry_run(
    desk: State<'_, DeskState>,
    mapping: ImportMapping,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportReport, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    let (name, bytes) = d.import.file()?;
    Ok(import_run::dry_run(
        &d.db,
        act.key(),
        act.today(),
        &name,
        &bytes,
        &mapping,
        |p| {
            let _ = on_progress.send(p);
        },
    )
    .await?)
}

/// Imports the held file with `mapping`, in audited batches.
#[tauri::command]
pub async fn run_import(
    desk: State<'_, DeskState>,
    mapping: ImportMapping,
    on_progress: Channel<ImportProgress>,
) -> Result<ImportOutcome, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    let (name, bytes) = d.import.file()?;
    Ok(
        import_run::run(&d.db, &act, &name, &bytes, &mapping, &d.import.stop, |p| {
            let _ = on_progress.send(p);
        })
        .await?,
    )
}

/// Stops a running import after the batch it is writing.
#[tauri::command]
pub async fn cancel_import(desk: State<'_, DeskState>) -> Result<(), AppError> {
    let (d, _) = desk.authorize(DESK_AND_ADMIN).await?;
    d.import.stop.request();
    Ok(())
}

/// Saves the held file's refused rows as a spreadsheet (they carry people's
/// data: in the folder for such exports); returns its path.
#[tauri::command]
pub async fn save_import_refused(
    desk: State<'_, DeskState>,
    mapping: ImportMapping,
) -> Result<String, AppError> {
    let (d, act) = desk.authorize(DESK_AND_ADMIN).await?;
    let (name, bytes) = d.import.file()?;
    let (file, xlsx) =
        refused::workbook(&d.db, act.key(), act.today(), &name, &bytes, &mapping).await?;
    transport::save_personal(d, &file, &xlsx).await
}

/// The imports made, newest first.
#[tauri::command]
pub async fn import_history(desk: State<'_, DeskState>) -> Result<Vec<ImportRun>, AppError> {
    let (d, _) = desk.authorize(DESK_AND_ADMIN).await?;
    Ok(import_run::history(&d.db).await?)
}
