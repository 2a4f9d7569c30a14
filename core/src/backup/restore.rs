//! The restore drill: a backup is decrypted to a temporary file beside the
//! live database and checked there (SQLite's integrity check, the data key's
//! check value, the whole audit chain and the head the header recorded).
//! Only a backup that passes every check replaces the live database; the
//! replaced file is kept beside it under a name that says so, the restore is
//! written into the restored log, and the keyring's audit checkpoint moves to
//! that entry (the restored log is shorter than the one it replaces, which
//! the checkpoint would otherwise report as cut).

use std::path::{Path, PathBuf};

use chrono::Utc;
use sea_orm::{
    ConnectionTrait, Database, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
    Statement,
};
use serde::Serialize;
use ts_rs::TS;

use super::format::{self, Header};
use super::progress::{Phase, Progress};
use crate::audit::{self, Acting, Entry, SETTING_AUDIT_HEAD, Verdict};
use crate::checkpoint;
use crate::entities::cases;
use crate::secrets::{DataKey, KeyStore};
use crate::{Error, Result, store};

/// What the checks found, as the restore screen and `loket restore` say it.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupCheck {
    pub berkas: String,
    /// When the backup was made (dd/mm/yyyy HH:MM).
    pub dibuat: String,
    #[ts(type = "number")]
    pub ukuran_basis_data: u64,
    #[ts(type = "number")]
    pub permohonan: u64,
    #[ts(type = "number")]
    pub entri_audit: u64,
    /// The checks passed, in words.
    pub pemeriksaan: Vec<String>,
}

/// A backup decrypted and checked, waiting to replace the live database.
/// Dropped without [`replace`], its temporary file is removed.
pub struct Checked {
    pub report: BackupCheck,
    header: Header,
    temp: PathBuf,
}

impl Drop for Checked {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.temp);
        for ext in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(with_suffix(&self.temp, ext));
        }
    }
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

fn refused(reason: impl Into<String>) -> Error {
    Error::Tampered(format!("Cadangan ditolak: {}", reason.into()))
}

fn url_of(path: &Path, mode: &str) -> String {
    format!(
        "sqlite:{}?mode={mode}",
        path.to_string_lossy().replace('\\', "/")
    )
}

/// The file of an SQLite database URL (`sqlite:PATH?options`); refused for
/// PostgreSQL, which is restored with `pg_restore`.
pub fn live_path(url: &str) -> Result<PathBuf> {
    let Some(rest) = url.strip_prefix("sqlite:") else {
        return Err(Error::Invalid {
            message: "Basis data kantor ini PostgreSQL: pulihkan dengan pg_restore di server \
                      (lihat panduan, Running on PostgreSQL)."
                .into(),
            fields: Default::default(),
        });
    };
    let path = rest.split('?').next().unwrap_or(rest);
    Ok(PathBuf::from(path.strip_prefix("//").unwrap_or(path)))
}

/// Decrypts `file` beside the database of `url` and runs every check;
/// nothing live is touched. A backup that fails a check is refused with the
/// reason.
pub async fn check(file: &Path, url: &str, key: &DataKey, progress: &Progress) -> Result<Checked> {
    let live = live_path(url)?;
    let _slot = progress.start()?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temp = live.with_file_name(format!(".pulih-{}.sqlite3", Utc::now().timestamp_micros()));
    let backup_key = key.backup_key();
    let header = std::thread::scope(|s| {
        s.spawn(|| -> Result<Header> {
            let mut input = std::io::BufReader::new(std::fs::File::open(file).map_err(|e| {
                refused(format!("berkas {} tidak dapat dibuka: {e}", file.display()))
            })?);
            let (header, preamble) = format::open_header(&mut input)?;
            progress.set(Phase::Decrypting, 0, header.ukuran);
            let mut out = std::fs::File::create(&temp).map_err(|source| Error::File {
                path: temp.to_string_lossy().into_owned(),
                action: "dibuat",
                source,
            })?;
            format::open(
                &mut input,
                &header,
                &preamble,
                &mut out,
                &backup_key,
                &|d| progress.advance(d),
            )?;
            Ok(header)
        })
        .join()
        .unwrap_or_else(|_| {
            Err(Error::Crypto(
                "pembukaan cadangan berhenti tiba-tiba".into(),
            ))
        })
    });
    // From here the temporary file is removed with `Checked` (or now).
    let mut checked = Checked {
        report: BackupCheck {
            berkas: name,
            dibuat: String::new(),
            ukuran_basis_data: 0,
            permohonan: 0,
            entri_audit: 0,
            pemeriksaan: Vec::new(),
        },
        header: match header {
            Ok(h) => h,
            Err(e) => {
                let _ = std::fs::remove_file(&temp);
                return Err(e);
            }
        },
        temp,
    };
    progress.set(Phase::Checking, 0, 0);
    let db = Database::connect(url_of(&checked.temp, "ro")).await?;
    let verdict = inspect(&db, key, &mut checked).await;
    db.close().await?;
    verdict?;
    Ok(checked)
}

async fn inspect(db: &DatabaseConnection, key: &DataKey, checked: &mut Checked) -> Result<()> {
    let header = &checked.header;
    let report = &mut checked.report;
    report.dibuat = header.dibuat.format("%d/%m/%Y %H:%M").to_string();
    report.ukuran_basis_data = header.ukuran;
    report
        .pemeriksaan
        .push("Dibuat dengan kunci data desk ini; tidak ada bagian yang diubah atau hilang".into());
    let rows = db
        .query_all_raw(Statement::from_string(
            DbBackend::Sqlite,
            "pragma integrity_check",
        ))
        .await
        .map_err(|e| refused(format!("isinya bukan basis data SQLite yang utuh ({e})")))?;
    let lines: Vec<String> = rows
        .iter()
        .filter_map(|r| r.try_get_by_index::<String>(0).ok())
        .collect();
    if lines != ["ok"] {
        return Err(refused(format!(
            "pemeriksaan keutuhan SQLite gagal: {}",
            lines.join("; ")
        )));
    }
    report
        .pemeriksaan
        .push("Keutuhan SQLite (integrity_check): ok".into());
    let stored = store::setting(db, store::SETTING_DATA_KEY_CHECK)
        .await
        .map_err(|e| refused(format!("isinya bukan basis data Loket ({e})")))?;
    if stored.as_deref() != Some(key.check_value()) {
        return Err(refused(
            "basis data di dalamnya milik kunci data lain (bukan basis data desk ini)",
        ));
    }
    report
        .pemeriksaan
        .push("Nilai periksa kunci data cocok dengan kunci di keyring".into());
    match audit::verify(db, key).await? {
        Verdict::Intact { entries } => report.entri_audit = entries,
        Verdict::Broken { seq, reason } => {
            return Err(refused(format!(
                "log audit di dalamnya tidak utuh pada entri {seq}: {reason}"
            )));
        }
    }
    if store::setting(db, SETTING_AUDIT_HEAD).await? != header.audit {
        return Err(refused(
            "ujung log audit tidak sama dengan yang dicatat saat pencadangan",
        ));
    }
    report.pemeriksaan.push(format!(
        "Rantai log audit utuh: {} entri",
        report.entri_audit
    ));
    report.permohonan = cases::Entity::find().count(db).await?;
    Ok(())
}

/// The restore drill: [`check`], then the temporary copy removed and the
/// drill written in the live log (`backup.checked`) with its outcome.
pub async fn drill(
    db: &sea_orm::DatabaseConnection,
    acting: &Acting<'_>,
    file: &Path,
    url: &str,
    progress: &Progress,
) -> Result<BackupCheck> {
    let outcome = check(file, url, acting.key(), progress)
        .await
        .map(|c| c.report.clone());
    let name = file.to_string_lossy();
    let detail = match &outcome {
        Ok(r) => serde_json::json!({ "berkas": name, "lolos": true, "dibuat": r.dibuat,
            "permohonan": r.permohonan, "entri_audit": r.entri_audit }),
        Err(e) => serde_json::json!({ "berkas": name, "lolos": false, "alasan": e.to_string() }),
    };
    acting
        .log(db, Entry::new("backup.checked", "backups", &name, detail))
        .await?;
    outcome
}

/// The restore of a desk that is running on the database of `url`: [`check`],
/// then the desk's connections closed (`db`, which is unusable afterwards),
/// then [`replace`]. The outer error is a refusal (a check failed, nothing
/// closed: the desk works on); the inner result is what happened after the
/// desk's database was closed, when the caller must start Loket again
/// whatever it says.
pub async fn restore_running(
    db: &DatabaseConnection,
    file: &Path,
    url: &str,
    keys: &(dyn KeyStore + Sync),
    acting: &Acting<'_>,
    progress: &Progress,
) -> Result<Result<Restored>> {
    let checked = check(file, url, acting.key(), progress).await?;
    Ok(match db.clone().close().await {
        Ok(()) => replace(checked, url, keys, acting).await,
        Err(e) => Err(e.into()),
    })
}

/// What [`replace`] did.
#[derive(Debug, Clone)]
pub struct Restored {
    pub laporan: BackupCheck,
    /// Where the replaced database was kept (none when there was none).
    pub disimpan: Option<String>,
}

/// Puts a checked backup in place of the live database at `live` (whose
/// connections must all be closed): the restore is appended to the restored
/// log as `acting`'s actor, the live file (with its WAL) is renamed to
/// `loket.sqlite3.sebelum-pulih-YYYYMMDD-HHMMSS`, the restored one takes its
/// name, and the keyring's checkpoint moves to the restored log's head.
pub async fn replace(
    checked: Checked,
    url: &str,
    keys: &(dyn KeyStore + Sync),
    acting: &Acting<'_>,
) -> Result<Restored> {
    let live = &live_path(url)?;
    let stamp = acting.now().format("%Y%m%d-%H%M%S").to_string();
    let kept = live
        .exists()
        .then(|| with_suffix(live, &format!(".sebelum-pulih-{stamp}")));
    let replaced_head = match live.exists() {
        true => settle(live).await?,
        false => None,
    };
    // The restore, in the restored log (migrated first when it is older).
    let db = store::open(&url_of(&checked.temp, "rw")).await?;
    acting
        .log(
            &db,
            Entry::new(
                "backup.restored",
                "backups",
                &checked.report.berkas,
                serde_json::json!({
                    "berkas": checked.report.berkas,
                    "dibuat": checked.header.dibuat.to_rfc3339(),
                    "menggantikan_log_sampai": replaced_head,
                    "disimpan_sebagai": kept.as_ref().map(|k| k.to_string_lossy().into_owned()),
                }),
            ),
        )
        .await?;
    db.close().await?;
    let move_file = |from: &Path, to: &Path| {
        std::fs::rename(from, to).map_err(|source| Error::File {
            path: from.to_string_lossy().into_owned(),
            action: "dipindahkan",
            source,
        })
    };
    if let Some(kept) = &kept {
        move_file(live, kept)?;
        for ext in ["-wal", "-shm"] {
            let side = with_suffix(live, ext);
            if side.exists() {
                move_file(&side, &with_suffix(kept, ext))?;
            }
        }
    }
    move_file(&checked.temp, live)?;
    // The checkpoint of this database now stands at the restored log's head.
    let db = Database::connect(url_of(live, "ro")).await?;
    let moved = checkpoint::restart(&db, keys, &checkpoint::database_id(url)).await;
    db.close().await?;
    moved?;
    Ok(Restored {
        laporan: checked.report.clone(),
        disimpan: kept.map(|k| k.to_string_lossy().into_owned()),
    })
}

/// Folds the live database's WAL into its file (so the kept copy is whole)
/// and returns its audit head.
async fn settle(live: &Path) -> Result<Option<String>> {
    let db = Database::connect(url_of(live, "rw")).await?;
    db.execute_unprepared("pragma wal_checkpoint(TRUNCATE)")
        .await?;
    let head = store::setting(&db, SETTING_AUDIT_HEAD).await.ok().flatten();
    db.close().await?;
    Ok(head)
}
