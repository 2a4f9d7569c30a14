//! `make bench` (backup part): a backup and a restore of the search bench's
//! SQLite file (1,000,000 cases), timed by phase, next to the file's size and
//! a plain copy of the same file (what the disk alone takes). Works on a copy
//! of the file in a temporary folder beside it (several gigabytes free are
//! needed); the bench's own file is not changed. Prints figures; fails
//! nothing. Run after the search bench, which generates the file.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a benchmark stops at the first failure"
)]

use std::path::PathBuf;
use std::time::Instant;

use loket_core::audit::{Acting, Actor, Entry};
use loket_core::backup::{self, BackupSettings, Progress, make, restore};
use loket_core::secrets::{DataKey, KeyStore, Secret, SecretError};
use loket_core::store;
use sea_orm::{ConnectionTrait, Database, DbBackend, Statement};

const CASES: i64 = 1_000_000;

/// The bench's data key (the one the search bench wrote the file with).
fn key() -> DataKey {
    DataKey::from_master(&Secret::new(vec![11; 32])).unwrap()
}

/// The checkpoint the restore moves, kept in memory: the bench measures the
/// files, not the OS keyring.
#[derive(Default)]
struct Ring(std::sync::Mutex<std::collections::HashMap<String, Vec<u8>>>);

impl KeyStore for Ring {
    fn get(&self, name: &str) -> Result<Option<Secret>, SecretError> {
        Ok(self.0.lock().unwrap().get(name).cloned().map(Secret::new))
    }
    fn set(&self, name: &str, secret: &Secret) -> Result<(), SecretError> {
        self.0
            .lock()
            .unwrap()
            .insert(name.into(), secret.expose().to_vec());
        Ok(())
    }
    fn delete(&self, name: &str) -> Result<bool, SecretError> {
        Ok(self.0.lock().unwrap().remove(name).is_some())
    }
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1_000_000.0)
}

fn secs(t: Instant) -> String {
    format!("{:.1} s", t.elapsed().as_secs_f64())
}

#[tokio::main]
async fn main() {
    let source = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    let work = tempfile::tempdir_in(source.parent().unwrap()).unwrap();
    let folder = work.path().join("usb");
    let live = work.path().join(store::SQLITE_FILE);
    {
        // The bench's file with its WAL folded in, as one file.
        let db = store::open(&store::sqlite_url(&source)).await.unwrap();
        let cases = db
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                "select count(*) from cases",
            ))
            .await
            .unwrap()
            .unwrap()
            .try_get_by_index::<i64>(0)
            .unwrap();
        assert_eq!(
            cases, CASES,
            "run the search bench first: it generates the file"
        );
        db.execute_unprepared("pragma wal_checkpoint(TRUNCATE)")
            .await
            .unwrap();
        db.close().await.unwrap();
    }
    let t = Instant::now();
    std::fs::copy(source.join(store::SQLITE_FILE), &live).unwrap();
    let plain_copy = secs(t);
    let size = std::fs::metadata(&live).unwrap().len();

    let url = store::sqlite_url(work.path());
    let db = store::open(&url).await.unwrap();
    let key = key();
    let act = Acting::new(
        &key,
        Actor::named("bench"),
        chrono::Local::now().fixed_offset(),
    );
    // What a desk has and the generated file lacks: the key's check value
    // and an audit log (one entry).
    store::set_setting(&db, &key, store::SETTING_DATA_KEY_CHECK, key.check_value())
        .await
        .unwrap();
    act.log(
        &db,
        Entry::new("bench.start", "bench", 0, serde_json::json!({})),
    )
    .await
    .unwrap();
    backup::save_settings(
        &db,
        &act,
        BackupSettings {
            folder: Some(folder.to_string_lossy().into_owned()),
            simpan: 2,
        },
    )
    .await
    .unwrap();

    let progress = Progress::default();
    let t = Instant::now();
    let run = make::run(&db, &act, &progress).await.unwrap();
    let backup_time = secs(t);
    let file = folder.join(run.berkas.unwrap());

    let t = Instant::now();
    let checked = restore::check(&file, &url, &key, &progress).await.unwrap();
    let check_time = secs(t);
    db.close().await.unwrap();
    let t = Instant::now();
    restore::replace(checked, &url, &Ring::default(), &act)
        .await
        .unwrap();
    let replace_time = secs(t);
    let db = Database::connect(&url).await.unwrap();
    db.close().await.unwrap();

    println!(
        "\nBackup and restore of the 1,000,000-case SQLite file (release build; the figures are this machine's disk)"
    );
    println!("database file                        {}", mb(size));
    println!(
        "backup file (encrypted)              {}",
        mb(run.ukuran as u64)
    );
    println!("plain copy of the file (reference)   {plain_copy}");
    println!("backup: VACUUM INTO + encrypt        {backup_time}");
    println!("restore check: decrypt + integrity_check + audit chain   {check_time}");
    println!("restore: replace (WAL folded, restore logged, files moved)   {replace_time}");
}
