//! The backup settings (folder, generations kept), the history of runs as
//! the backup screen shows it, when the schedule backs up, and the time of
//! the last `pg_dump` for an office on PostgreSQL.

use std::path::Path;

use chrono::{DateTime, Duration, FixedOffset};
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::entities::backups;
use crate::{Error, Result, store, text};

use super::progress::{Progress, ProgressView};

/// Setting: the folder backups are written to.
pub const SETTING_FOLDER: &str = "cadangan_folder";
/// Setting: how many backup files are kept.
pub const SETTING_KEEP: &str = "cadangan_simpan";
/// Setting (PostgreSQL): when the office's `pg_dump` last succeeded.
pub const SETTING_PG_LAST: &str = "cadangan_pg_terakhir";
/// Backups kept when the admin has not said.
pub const DEFAULT_KEEP: u64 = 7;
/// A backup is due once the last good one is this old.
pub const EVERY_HOURS: i64 = 24;
/// After a failed run, the schedule tries again after this long.
pub const RETRY_HOURS: i64 = 1;
/// Backup files are `loket-cadangan-…` with this extension.
pub const FILE_PREFIX: &str = "loket-cadangan-";
pub const FILE_EXT: &str = ".loketbak";

/// The backup settings as the admin sets them.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct BackupSettings {
    /// The folder (absolute path); none until the admin chooses one.
    pub folder: Option<String>,
    /// Files kept (1-365).
    pub simpan: u32,
}

/// One run as the backup screen lists it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupRun {
    #[ts(type = "number")]
    pub id: i64,
    /// dd/mm/yyyy HH:MM
    pub waktu: String,
    pub berkas: Option<String>,
    pub folder: String,
    #[ts(type = "number")]
    pub ukuran: i64,
    #[ts(type = "number")]
    pub ukuran_basis_data: i64,
    /// Seconds the run took.
    #[ts(type = "number")]
    pub detik: i64,
    pub berhasil: bool,
    pub pesan: Option<String>,
    pub oleh: String,
    /// The file is still in its folder (older ones were rotated out, or the
    /// folder is not reachable now).
    pub masih_ada: bool,
}

/// The backup screen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupOverview {
    /// The database is PostgreSQL: backups are the server's `pg_dump`.
    pub postgres: bool,
    pub pengaturan: BackupSettings,
    /// When the last good backup was made (dd/mm/yyyy HH:MM).
    pub terakhir: Option<String>,
    /// A backup is due (none yet, or the last good one is over a day old).
    pub jatuh_tempo: bool,
    /// PostgreSQL: when the server's `pg_dump` last succeeded, as told.
    pub pg_terakhir: Option<String>,
    pub riwayat: Vec<BackupRun>,
    pub proses: ProgressView,
}

/// The settings stored, with their defaults.
pub async fn settings(db: &impl ConnectionTrait) -> Result<BackupSettings> {
    Ok(BackupSettings {
        folder: store::setting(db, SETTING_FOLDER)
            .await?
            .filter(|f| !f.is_empty()),
        simpan: store::number_setting(db, SETTING_KEEP, DEFAULT_KEEP).await? as u32,
    })
}

/// Checks and saves the settings, with their audit entry. The folder must
/// be an absolute path Loket can create and write to (tried with a probe
/// file, removed again).
pub async fn save_settings(
    db: &sea_orm::DatabaseConnection,
    acting: &Acting<'_>,
    input: BackupSettings,
) -> Result<BackupSettings> {
    let mut fields = std::collections::BTreeMap::new();
    let folder = text::field(
        &mut fields,
        "folder",
        text::line(input.folder.as_deref().unwrap_or(""), "Folder", 500)
            .and_then(|t| crate::saving::writable_folder(&t).map(|_| t)),
        false,
    );
    if !(1..=365).contains(&input.simpan) {
        fields.insert("simpan".into(), "Isi 1 sampai 365 cadangan.".into());
    }
    Error::fields(fields)?;
    let txn = store::begin_write(db).await?;
    store::set_setting(&txn, acting.key(), SETTING_FOLDER, &folder).await?;
    store::set_setting(&txn, acting.key(), SETTING_KEEP, &input.simpan.to_string()).await?;
    acting
        .record(
            &txn,
            Entry::new(
                "backup.settings",
                "settings",
                SETTING_FOLDER,
                serde_json::json!({ "folder": folder, "simpan": input.simpan }),
            ),
        )
        .await?;
    txn.commit().await?;
    settings(db).await
}

/// The backup screen: settings, the last good backup, whether one is due,
/// the last 100 runs and the progress of a running one.
pub async fn overview(
    db: &impl ConnectionTrait,
    progress: &Progress,
    now: DateTime<FixedOffset>,
) -> Result<BackupOverview> {
    let runs = backups::Entity::find()
        .order_by_desc(backups::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let last_good = runs.iter().find(|r| r.berhasil).map(|r| r.mulai_at);
    Ok(BackupOverview {
        postgres: db.get_database_backend() == DbBackend::Postgres,
        pengaturan: settings(db).await?,
        terakhir: last_good.map(stamp),
        jatuh_tempo: last_good.is_none_or(|at| now - at >= Duration::hours(EVERY_HOURS)),
        pg_terakhir: pg_last(db).await?,
        riwayat: runs.into_iter().map(run_view).collect(),
        proses: progress.view(),
    })
}

/// dd/mm/yyyy HH:MM
fn stamp(at: DateTime<FixedOffset>) -> String {
    at.format("%d/%m/%Y %H:%M").to_string()
}

pub(super) fn run_view(m: backups::Model) -> BackupRun {
    let masih_ada = m
        .berkas
        .as_ref()
        .is_some_and(|b| Path::new(&m.folder).join(b).is_file());
    BackupRun {
        id: m.id,
        waktu: stamp(m.mulai_at),
        detik: (m.selesai_at - m.mulai_at).num_seconds(),
        berkas: m.berkas,
        folder: m.folder,
        ukuran: m.ukuran,
        ukuran_basis_data: m.ukuran_basis_data,
        berhasil: m.berhasil,
        pesan: m.pesan,
        oleh: m.oleh,
        masih_ada,
    }
}

/// Whether the schedule should back up now: SQLite, a folder chosen, the
/// last good backup a day old (or none), and no failed try in the last hour.
pub async fn due(db: &impl ConnectionTrait, now: DateTime<FixedOffset>) -> Result<bool> {
    if db.get_database_backend() != DbBackend::Sqlite || settings(db).await?.folder.is_none() {
        return Ok(false);
    }
    let runs = backups::Entity::find()
        .order_by_desc(backups::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let good = runs.iter().find(|r| r.berhasil);
    if good.is_some_and(|r| now - r.mulai_at < Duration::hours(EVERY_HOURS)) {
        return Ok(false);
    }
    Ok(runs
        .first()
        .is_none_or(|r| r.berhasil || now - r.mulai_at >= Duration::hours(RETRY_HOURS)))
}

/// PostgreSQL: when the office's `pg_dump` last succeeded, as told with
/// [`note_pg_dump`] (dd/mm/yyyy HH:MM).
pub async fn pg_last(db: &impl ConnectionTrait) -> Result<Option<String>> {
    let Some(text) = store::setting(db, SETTING_PG_LAST).await? else {
        return Ok(None);
    };
    let at = DateTime::parse_from_rfc3339(&text).map_err(|e| Error::setting(SETTING_PG_LAST, e))?;
    Ok(Some(stamp(at)))
}

/// Records that the office's `pg_dump` succeeded at `acting.now()`.
pub async fn note_pg_dump(db: &sea_orm::DatabaseConnection, acting: &Acting<'_>) -> Result<()> {
    let at = acting.now().to_rfc3339();
    acting
        .set_setting(
            db,
            SETTING_PG_LAST,
            &at,
            Entry::new(
                "backup.pg_dump",
                "settings",
                SETTING_PG_LAST,
                serde_json::json!({ "pada": at }),
            ),
        )
        .await
}
