//! Making a backup: SQLite's consistent copy beside the live file, encrypted
//! into the chosen folder under a temporary name and renamed when whole,
//! the oldest files rotated out, and the run recorded with its audit entry.

use std::path::{Path, PathBuf};

use chrono::Utc;
use rand::rngs::OsRng;
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, Database, DatabaseConnection, DbBackend, Set, Statement,
};

use super::format::{self, FORMAT, Header};
use super::progress::{Phase, Progress};
use super::settings::{BackupRun, FILE_EXT, FILE_PREFIX, run_view, settings};
use crate::audit::{Acting, Entry, SETTING_AUDIT_HEAD};
use crate::entities::backups;
use crate::secrets::BackupKey;
use crate::{Error, Result, store};

/// What a finished copy left in the folder.
struct Written {
    berkas: String,
    ukuran: u64,
    ukuran_basis_data: u64,
    dihapus: Vec<String>,
}

/// The live database file of an SQLite connection.
pub async fn live_file(db: &impl ConnectionTrait) -> Result<PathBuf> {
    if db.get_database_backend() != DbBackend::Sqlite {
        return Err(Error::Invalid {
            message: "Basis data kantor ini PostgreSQL: cadangkan dengan pg_dump di server \
                      (lihat panduan, Running on PostgreSQL), lalu catat dengan `loket backup-noted`."
                .into(),
            fields: Default::default(),
        });
    }
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "select file from pragma_database_list where name = 'main'",
        ))
        .await?
        .ok_or_else(|| Error::Corrupt("letak berkas basis data tidak diketahui".into()))?;
    let file: String = row.try_get_by_index(0)?;
    if file.is_empty() {
        return Err(Error::Corrupt("basis data ini tidak punya berkas".into()));
    }
    Ok(PathBuf::from(file))
}

/// Makes a backup now into the folder of the settings, as `acting`'s actor
/// (an operator, or the schedule). The run is recorded whether it succeeds
/// or not; a failure is returned after it is recorded.
pub async fn run(
    db: &DatabaseConnection,
    acting: &Acting<'_>,
    progress: &Progress,
) -> Result<BackupRun> {
    let live = live_file(db).await?;
    let chosen = settings(db).await?;
    let keep = chosen.simpan.max(1) as usize;
    let Some(folder) = chosen.folder else {
        return Err(Error::field(
            "folder",
            "Pilih folder cadangan dulu (misalnya diska USB atau folder jaringan).",
        ));
    };
    let _slot = progress.start()?;
    let started = acting.now();
    let clock = std::time::Instant::now();
    let temp = live.with_file_name(format!(
        ".cadangan-{}.sqlite3",
        Utc::now().timestamp_micros()
    ));
    let result = write(db, acting, &temp, Path::new(&folder), keep, progress).await;
    let _ = std::fs::remove_file(&temp);
    let finished = started + chrono::Duration::from_std(clock.elapsed()).unwrap_or_default();
    let (entry, model) = match &result {
        Ok(w) => (
            Entry::new(
                "backup.made",
                "backups",
                &w.berkas,
                serde_json::json!({
                    "folder": folder, "berkas": w.berkas, "ukuran": w.ukuran,
                    "ukuran_basis_data": w.ukuran_basis_data, "dirotasi": w.dihapus,
                }),
            ),
            backups::ActiveModel {
                berkas: Set(Some(w.berkas.clone())),
                ukuran: Set(w.ukuran as i64),
                ukuran_basis_data: Set(w.ukuran_basis_data as i64),
                berhasil: Set(true),
                pesan: Set(None),
                ..Default::default()
            },
        ),
        Err(e) => (
            Entry::new(
                "backup.failed",
                "backups",
                &folder,
                serde_json::json!({ "folder": folder, "pesan": e.to_string() }),
            ),
            backups::ActiveModel {
                berkas: Set(None),
                ukuran: Set(0),
                ukuran_basis_data: Set(0),
                berhasil: Set(false),
                pesan: Set(Some(e.to_string())),
                ..Default::default()
            },
        ),
    };
    let model = backups::ActiveModel {
        mulai_at: Set(started),
        selesai_at: Set(finished),
        folder: Set(folder.clone()),
        oleh: Set(acting.name()),
        ..model
    };
    let txn = store::begin_write(db).await?;
    let saved = model.insert(&txn).await?;
    acting.record(&txn, entry).await?;
    txn.commit().await?;
    result.map(|_| run_view(saved))
}

async fn write(
    db: &DatabaseConnection,
    acting: &Acting<'_>,
    temp: &Path,
    folder: &Path,
    keep: usize,
    progress: &Progress,
) -> Result<Written> {
    let size = |sql: &'static str| async move {
        let row = db
            .query_one_raw(Statement::from_string(DbBackend::Sqlite, sql))
            .await?;
        Ok::<u64, Error>(
            row.map(|r| r.try_get_by_index::<i64>(0))
                .transpose()?
                .unwrap_or(0) as u64,
        )
    };
    let estimate = size("pragma page_count").await? * size("pragma page_size").await?;
    progress.set(Phase::Copying, 0, estimate);
    let sql_path = temp.to_string_lossy().replace('\'', "''");
    let statement = format!("VACUUM INTO '{sql_path}'");
    let copy = db.execute_unprepared(&statement);
    tokio::pin!(copy);
    loop {
        tokio::select! {
            done = &mut copy => { done?; break; }
            () = tokio::time::sleep(std::time::Duration::from_millis(200)) => {
                if let Ok(m) = std::fs::metadata(temp) {
                    progress.advance(m.len().min(estimate));
                }
            }
        }
    }
    let audit = audit_head(temp).await?;
    let header = Header {
        format: FORMAT.into(),
        dibuat: acting.now(),
        kunci: acting.key().check_value().into(),
        ukuran: std::fs::metadata(temp).map(|m| m.len()).unwrap_or(0),
        audit,
        versi: env!("CARGO_PKG_VERSION").into(),
    };
    progress.set(Phase::Encrypting, 0, header.ukuran);
    let key = acting.key().backup_key();
    let name = acting.now().format("%Y%m%d-%H%M%S").to_string();
    let (temp, folder) = (temp.to_path_buf(), folder.to_path_buf());
    // The copy is read and encrypted on a thread of its own: a large file
    // takes seconds and the desk's commands keep their threads.
    std::thread::scope(|s| {
        s.spawn(|| seal_into(&temp, &folder, &name, &header, &key, keep, progress))
            .join()
            .unwrap_or_else(|_| Err(Error::Crypto("pencadangan berhenti tiba-tiba".into())))
    })
}

/// The audit log's head in the copy ("seq:hash").
async fn audit_head(copy: &Path) -> Result<Option<String>> {
    let url = format!(
        "sqlite:{}?mode=ro",
        copy.to_string_lossy().replace('\\', "/")
    );
    let db = Database::connect(url).await?;
    let head = store::setting(&db, SETTING_AUDIT_HEAD).await;
    db.close().await?;
    head
}

fn seal_into(
    temp: &Path,
    folder: &Path,
    stamp: &str,
    header: &Header,
    key: &BackupKey,
    keep: usize,
    progress: &Progress,
) -> Result<Written> {
    let file_err = |path: &Path, action: &'static str| {
        let path = path.to_string_lossy().into_owned();
        move |source| Error::File {
            path,
            action,
            source,
        }
    };
    std::fs::create_dir_all(folder).map_err(file_err(folder, "dibuat"))?;
    let mut berkas = format!("{FILE_PREFIX}{stamp}{FILE_EXT}");
    let mut n = 2;
    while folder.join(&berkas).exists() {
        berkas = format!("{FILE_PREFIX}{stamp}-{n}{FILE_EXT}");
        n += 1;
    }
    let target = folder.join(&berkas);
    let part = folder.join(format!(".{berkas}.sebagian"));
    let result = (|| -> Result<u64> {
        let mut input =
            std::io::BufReader::new(std::fs::File::open(temp).map_err(file_err(temp, "dibaca"))?);
        let mut out = std::fs::File::create(&part).map_err(file_err(&part, "dibuat"))?;
        let ukuran = format::seal(&mut input, &mut out, key, header, &mut OsRng, &|done| {
            progress.advance(done)
        })?;
        out.sync_all().map_err(file_err(&part, "ditulis"))?;
        std::fs::rename(&part, &target).map_err(file_err(&target, "ditulis"))?;
        Ok(ukuran)
    })();
    let ukuran = result.inspect_err(|_| {
        let _ = std::fs::remove_file(&part);
    })?;
    Ok(Written {
        berkas,
        ukuran,
        ukuran_basis_data: header.ukuran,
        dihapus: rotate(folder, keep),
    })
}

/// Deletes the oldest of Loket's backup files in `folder` beyond the newest
/// `keep`; returns their names. Other files are never touched.
pub fn rotate(folder: &Path, keep: usize) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut ours: Vec<String> = entries
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| is_backup_name(n))
        .collect();
    ours.sort_unstable_by(|a, b| b.cmp(a));
    ours.into_iter()
        .skip(keep)
        .filter(|n| std::fs::remove_file(folder.join(n)).is_ok())
        .collect()
}

/// `loket-cadangan-YYYYMMDD-HHMMSS[-N].loketbak`, nothing else.
pub fn is_backup_name(name: &str) -> bool {
    let Some(stem) = name
        .strip_prefix(FILE_PREFIX)
        .and_then(|n| n.strip_suffix(FILE_EXT))
    else {
        return false;
    };
    let (stamp, extra) = match stem.get(15..) {
        Some(rest) => (&stem[..15], rest),
        None => return false,
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit());
    stamp.as_bytes()[8] == b'-'
        && digits(&stamp[..8])
        && digits(&stamp[9..])
        && (extra.is_empty() || extra.strip_prefix('-').is_some_and(digits))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_loket_backup_names_are_rotated() {
        assert!(is_backup_name("loket-cadangan-20261201-170000.loketbak"));
        assert!(is_backup_name("loket-cadangan-20261201-170000-2.loketbak"));
        for other in [
            "loket-cadangan-20261201-170000.loketbak.txt",
            "loket-cadangan-2026120-170000.loketbak",
            "loket-cadangan-20261201-17000a.loketbak",
            "loket-cadangan-20261201-170000-.loketbak",
            "laporan.xlsx",
            ".loket-cadangan-20261201-170000.loketbak.sebagian",
        ] {
            assert!(!is_backup_name(other), "{other}");
        }
        let dir = tempfile::tempdir().unwrap();
        for n in 1..=5 {
            std::fs::write(
                dir.path()
                    .join(format!("loket-cadangan-2026120{n}-080000.loketbak")),
                b"x",
            )
            .unwrap();
        }
        std::fs::write(dir.path().join("catatan.txt"), b"x").unwrap();
        let mut gone = rotate(dir.path(), 3);
        gone.sort();
        assert_eq!(
            gone,
            [
                "loket-cadangan-20261201-080000.loketbak",
                "loket-cadangan-20261202-080000.loketbak"
            ]
        );
        assert!(dir.path().join("catatan.txt").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 4);
    }
}
