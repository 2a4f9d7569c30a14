//! Where Loket writes the files that carry a person's data (the access
//! export, a KTP copy for BSrE, a letter's signed copy, the import's refused
//! rows): the folder the admin chooses (an encrypted or access-controlled
//! folder of the office), or the desk user's Downloads folder until one is
//! chosen. The choice is a sealed setting, audited; a folder edited into the
//! database outside Loket is never written to.

use std::path::PathBuf;

use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::secrets::DataKey;
use crate::{Error, Result, store, text};

/// Setting: the folder of exports that carry personal data.
pub const SETTING: &str = "folder_ekspor_pribadi";

/// The folder as the admin's screen shows and saves it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExportFolder {
    /// A full path; empty for the desk user's Downloads folder.
    #[serde(default)]
    pub folder: String,
}

/// The folder chosen, if any (its seal must hold).
pub async fn folder(db: &impl ConnectionTrait, key: &DataKey) -> Result<Option<PathBuf>> {
    Ok(store::sealed_setting(db, key, SETTING)
        .await?
        .filter(|f| !f.trim().is_empty())
        .map(PathBuf::from))
}

/// The folder as the screen shows it.
pub async fn get(db: &impl ConnectionTrait, key: &DataKey) -> Result<ExportFolder> {
    Ok(ExportFolder {
        folder: folder(db, key)
            .await?
            .map(|p| p.display().to_string())
            .unwrap_or_default(),
    })
}

/// Saves the folder (admin): a full path Loket can write to, or empty for
/// Downloads; audited with the folder before and after.
pub async fn save(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    input: &ExportFolder,
) -> Result<ExportFolder> {
    let mut fields = std::collections::BTreeMap::new();
    let folder = text::field(
        &mut fields,
        "folder",
        text::line(input.folder.trim(), "Folder", 500).and_then(|f| {
            if f.is_empty() {
                Ok(f)
            } else {
                crate::saving::writable_folder(&f).map(|_| f)
            }
        }),
        false,
    );
    Error::fields(fields)?;
    let before = get(db, act.key()).await?;
    act.set_setting(
        db,
        SETTING,
        &folder,
        Entry::new(
            "privacy.export_folder",
            "settings",
            SETTING,
            serde_json::json!({ "sebelum": before.folder, "sesudah": folder }),
        ),
    )
    .await?;
    get(db, act.key()).await
}
