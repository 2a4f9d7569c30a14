//! Tauri commands of the data-protection duties: a person's access export.
//! Each asks `authorize` first and then makes one call into `loket-core`;
//! build.rs reads this file with `commands.rs`.

use loket_core::privacy::access;
use serde::Serialize;
use tauri::State;
use ts_rs::TS;

use crate::error::AppError;
use crate::state::DeskState;
use crate::transport;

/// Where a person's access export was saved, and its times.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AccessSaved {
    pub pdf: String,
    pub json: String,
    pub diminta: String,
    pub batas_jawab: String,
}

/// Everything Loket holds about the person `id`, as a PDF and a JSON file in
/// Downloads (audited before anything is gathered).
#[tauri::command]
pub async fn export_personal_data(
    desk: State<'_, DeskState>,
    id: i64,
) -> Result<AccessSaved, AppError> {
    let (d, act) = desk.authorize("export_personal_data").await?;
    let files = access::export(&d.db, &act, id).await?;
    Ok(AccessSaved {
        pdf: transport::save_export(&files.pdf_name, &files.pdf)?,
        json: transport::save_export(&files.json_name, &files.json)?,
        diminta: files.diminta,
        batas_jawab: files.batas_jawab,
    })
}
