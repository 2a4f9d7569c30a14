//! Backups and the restore drill on real parts: an SQLite file written by a
//! busy desk, the OS keyring holding the data key and the audit checkpoint,
//! a backup folder on disk. A backup taken while the desk writes restores
//! every write confirmed before it, whole; a backup cut short, altered,
//! made with another office's key, or holding an edited audit log is
//! refused with its reason, and the live database is left as it was.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use loket_core::audit::{self, Verdict};
use loket_core::backup::{self, BackupSettings, Progress, format, make, restore};
use loket_core::checkpoint::CHECKPOINT_ENTRY;
use loket_core::desk::Desk;
use loket_core::secrets::{DATA_KEY_ENTRY, DataKey, KeyStore, OsKeyring, Secret};
use loket_core::{Acting, Actor, store};
use rand::rngs::OsRng;
use sea_orm::ConnectionTrait;

use super::keyring::KEYRING;
use super::support::*;

/// A keyring service of its own, holding the data key `master`; emptied after.
/// Not `TestKeyring`: a restore test holds two desks' services at once, under
/// one turn at the keyring (taken by the test itself).
struct Ring(String);

impl Ring {
    fn new(tag: &str, master: u8) -> Ring {
        let ring = Ring(format!(
            "id.go.loket.test.cadangan.{tag}.{}",
            std::process::id()
        ));
        ring.keys()
            .set(DATA_KEY_ENTRY, &Secret::new(vec![master; 32]))
            .unwrap();
        ring
    }

    fn keys(&self) -> OsKeyring {
        OsKeyring::with_service(&self.0)
    }
}

impl Drop for Ring {
    fn drop(&mut self) {
        let _ = self.keys().delete(CHECKPOINT_ENTRY);
        let _ = self.keys().delete(DATA_KEY_ENTRY);
    }
}

async fn open(url: &str, ring: &Ring) -> Desk {
    Desk::open(url, Box::new(ring.keys()), &mut OsRng, now())
        .await
        .unwrap()
}

fn acting(key: &DataKey) -> Acting<'_> {
    Acting::new(key, Actor::named("admin"), now())
}

async fn set_folder(desk: &Desk, folder: &Path, keep: u32) {
    backup::save_settings(
        &desk.db,
        &acting(&desk.key),
        BackupSettings {
            folder: Some(folder.to_string_lossy().into_owned()),
            simpan: keep,
        },
    )
    .await
    .unwrap();
}

fn live(dir: &Path) -> PathBuf {
    dir.join(store::SQLITE_FILE)
}

fn sha(path: &Path) -> String {
    loket_core::files::sha256_hex(&std::fs::read(path).unwrap())
}

/// Every case id in the database at `url`.
async fn case_ids(url: &str) -> Vec<i64> {
    let db = sea_orm::Database::connect(url).await.unwrap();
    let rows = db
        .query_all_raw(sea_orm::Statement::from_string(
            db.get_database_backend(),
            "select id from cases order by id",
        ))
        .await
        .unwrap();
    db.close().await.unwrap();
    rows.iter()
        .map(|r| r.try_get_by_index::<i64>(0).unwrap())
        .collect()
}

fn refusal(e: loket_core::Error) -> String {
    let text = e.to_string();
    assert!(text.starts_with("Cadangan ditolak"), "{text}");
    text
}

#[test]
fn a_backup_taken_while_the_desk_writes_restores_every_confirmed_write() {
    let _turn = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let ring = Ring::new("sibuk", 42);
        let dir = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let url = store::sqlite_url(dir.path());
        let desk = open(&url, &ring).await;
        set_folder(&desk, folder.path(), 7).await;
        for n in 1..=20 {
            open_penerbitan(&desk.db, &acting(&desk.key), &pegawai(n, "Pegawai Awal"))
                .await
                .unwrap();
        }

        // The background writer: another connection, as a second window
        // would be, confirming each case as its transaction commits.
        let confirmed = Arc::new(Mutex::new(Vec::<i64>::new()));
        let stop = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let writer = {
            let (confirmed, stop, url) = (confirmed.clone(), stop.clone(), url.clone());
            tokio::spawn(async move {
                let db = store::open(&url).await.unwrap();
                let k = key();
                let mut n = 100;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) && n < 999 {
                    let row = open_penerbitan(&db, &acting(&k), &pegawai(n, "Pegawai Sibuk"))
                        .await
                        .unwrap();
                    confirmed.lock().unwrap().push(row.id);
                    n += 1;
                    // A busy desk, not a loop that never lets go of the lock.
                    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
                }
                db.close().await.unwrap();
            })
        };
        while confirmed.lock().unwrap().len() < 5 {
            tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        }
        let before: Vec<i64> = confirmed.lock().unwrap().clone();
        let run = make::run(&desk.db, &acting(&desk.key), &desk.backup)
            .await
            .unwrap();
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        writer.await.unwrap();
        // A write after the backup, which the restore must not bring.
        open_penerbitan(
            &desk.db,
            &acting(&desk.key),
            &pegawai(999, "Pegawai Sesudah"),
        )
        .await
        .unwrap();
        assert!(run.berhasil && run.masih_ada, "{run:?}");
        let file = folder.path().join(run.berkas.clone().unwrap());
        assert_eq!(
            std::fs::metadata(&file).unwrap().len() as i64,
            run.ukuran,
            "the recorded size is the size of the backup file on disk"
        );
        let all_before_restore = case_ids(&url).await;
        assert!(
            all_before_restore.len() > 20 + before.len(),
            "the desk kept writing"
        );

        // The file says nothing readable of what it holds.
        let bytes = std::fs::read(&file).unwrap();
        for needle in [&b"SQLite format"[..], b"Pegawai", b"case.intake"] {
            assert!(
                !bytes.windows(needle.len()).any(|w| w == needle),
                "{:?} readable in the backup",
                String::from_utf8_lossy(needle)
            );
        }

        // The drill: checked in a temporary place, nothing live touched.
        let drilled = restore::drill(&desk.db, &acting(&desk.key), &file, &url, &desk.backup)
            .await
            .unwrap();
        assert_eq!(drilled.pemeriksaan.len(), 4, "{drilled:?}");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.starts_with(".pulih") || n.starts_with(".cadangan"))
            .collect();
        assert!(leftovers.is_empty(), "temporary copies left: {leftovers:?}");

        let live_hash_before = {
            desk.db
                .execute_unprepared("pragma wal_checkpoint(TRUNCATE)")
                .await
                .unwrap();
            sha(&live(dir.path()))
        };
        // The restore proper: the desk closes, the backup takes its place.
        let done = restore::restore_running(
            &desk.db,
            &file,
            &url,
            &ring.keys(),
            &acting(&desk.key),
            &Progress::default(),
        )
        .await
        .unwrap()
        .unwrap();
        drop(desk);
        let kept = PathBuf::from(done.disimpan.unwrap());
        assert_eq!(
            sha(&kept),
            live_hash_before,
            "the replaced file is kept whole"
        );

        let restored = case_ids(&url).await;
        for id in &before {
            assert!(
                restored.contains(id),
                "case {id} confirmed before the backup is missing"
            );
        }
        assert!(
            restored.len() >= 20 + before.len(),
            "the restore brings back the first cases and every write confirmed before the backup"
        );
        assert!(
            restored.len() < all_before_restore.len(),
            "the backup is of its moment"
        );
        assert!(
            restored.iter().all(|id| all_before_restore.contains(id)),
            "the restore brings back nothing that was never written"
        );

        // Opened again: the log is whole and ends with the restore, and the
        // checkpoint (which stood further on) was moved to it.
        let desk = open(&url, &ring).await;
        let report = desk.verify_audit(None).await.unwrap();
        assert!(report.intact, "{report:?}");
        let last = scalar(
            &desk.db,
            "select action from audit_log order by seq desc limit 1",
        )
        .await;
        assert_eq!(
            last, "backup.restored",
            "the restored log ends with the restore"
        );
        let integrity = scalar(&desk.db, "pragma integrity_check").await;
        assert_eq!(integrity, "ok", "the restored database is whole");
    });
}

#[test]
fn a_cut_altered_foreign_or_doctored_backup_is_refused_and_nothing_changes() {
    let _turn = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let ring = Ring::new("tolak", 42);
        let dir = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let url = store::sqlite_url(dir.path());
        let desk = open(&url, &ring).await;
        set_folder(&desk, folder.path(), 7).await;
        for n in 1..=5 {
            open_penerbitan(&desk.db, &acting(&desk.key), &pegawai(n, "Pegawai"))
                .await
                .unwrap();
        }
        let run = make::run(&desk.db, &acting(&desk.key), &desk.backup)
            .await
            .unwrap();
        let good = folder.path().join(run.berkas.unwrap());
        let bytes = std::fs::read(&good).unwrap();
        let bad = |name: &str, content: &[u8]| {
            let p = folder.path().join(name);
            std::fs::write(&p, content).unwrap();
            p
        };
        let check = |p: PathBuf| {
            let (url, key, progress) = (url.clone(), &desk.key, &desk.backup);
            async move {
                restore::check(&p, &url, key, progress)
                    .await
                    .map(|c| c.report.clone())
            }
        };

        let cut = bad("terpotong.loketbak", &bytes[..bytes.len() * 2 / 3]);
        assert!(
            refusal(check(cut).await.unwrap_err()).contains("terpotong"),
            "a backup cut short is refused as cut short"
        );
        let mut flipped = bytes.clone();
        let mid = flipped.len() / 2;
        flipped[mid] ^= 0x20;
        let altered = bad("diubah.loketbak", &flipped);
        assert!(
            refusal(check(altered).await.unwrap_err()).contains("diubah"),
            "a backup with a flipped byte is refused as altered"
        );
        let plain = bad("bukan.loketbak", &std::fs::read(live(dir.path())).unwrap());
        assert!(
            refusal(check(plain).await.unwrap_err()).contains("bukan berkas cadangan"),
            "a plain database file is refused as not a backup"
        );

        // Another office's desk (another data key) makes a backup; this desk refuses it.
        let other_ring = Ring::new("lain", 7);
        let other_dir = tempfile::tempdir().unwrap();
        let other = open(&store::sqlite_url(other_dir.path()), &other_ring).await;
        set_folder(&other, folder.path(), 7).await;
        let foreign = make::run(&other.db, &acting(&other.key), &other.backup)
            .await
            .unwrap();
        let foreign = folder.path().join(foreign.berkas.unwrap());
        assert!(
            refusal(check(foreign).await.unwrap_err()).contains("kunci data lain"),
            "another office's backup is refused for its other data key"
        );

        // A colleague edits the audit log in the file, then a backup of that
        // file is made with this desk's key: the restore does not bring it back.
        let copy_dir = tempfile::tempdir().unwrap();
        let copy = copy_dir.path().join("salinan.sqlite3");
        desk.db
            .execute_unprepared(&format!("vacuum into '{}'", copy.display()))
            .await
            .unwrap();
        {
            let db = sea_orm::Database::connect(format!("sqlite:{}?mode=rw", copy.display()))
                .await
                .unwrap();
            db.execute_unprepared("update audit_log set actor = 'orang lain' where seq = 3")
                .await
                .unwrap();
            db.close().await.unwrap();
        }
        let header = format::Header {
            format: format::FORMAT.into(),
            dibuat: now(),
            kunci: desk.key.check_value().into(),
            ukuran: std::fs::metadata(&copy).unwrap().len(),
            audit: store::setting(&desk.db, audit::SETTING_AUDIT_HEAD)
                .await
                .unwrap(),
            versi: "0.1.0".into(),
        };
        let mut sealed = Vec::new();
        format::seal(
            &mut std::fs::File::open(&copy).unwrap(),
            &mut sealed,
            &desk.key.backup_key(),
            &header,
            &mut OsRng,
            &|_| {},
        )
        .unwrap();
        let doctored = bad("log-diubah.loketbak", &sealed);
        let reason = refusal(check(doctored).await.unwrap_err());
        assert!(
            reason.contains("log audit") && reason.contains("entri 3"),
            "{reason}"
        );

        // Nothing of the live desk changed, and no temporary copy is left.
        assert_eq!(
            case_ids(&url).await.len(),
            5,
            "the refusals left the live cases as they were"
        );
        assert!(
            desk.verify_audit(None).await.unwrap().intact,
            "the refusals left the live audit chain intact"
        );
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(
            names.iter().all(|n| n.starts_with("loket.sqlite3")),
            "{names:?}"
        );
        // The drill records a refusal in the live log with its reason.
        let cut = bad("terpotong2.loketbak", &bytes[..100]);
        assert!(
            restore::drill(&desk.db, &acting(&desk.key), &cut, &url, &desk.backup)
                .await
                .is_err(),
            "the drill refuses a cut backup"
        );
        let detail = scalar(
            &desk.db,
            "select detail from audit_log order by seq desc limit 1",
        )
        .await;
        assert!(
            detail.contains("\"lolos\":false") && detail.contains("terpotong"),
            "{detail}"
        );
        assert!(
            matches!(
                audit::verify(&desk.db, &desk.key).await.unwrap(),
                Verdict::Intact { .. }
            ),
            "the audit chain still verifies after the refused drill"
        );
    });
}

#[test]
fn generations_rotate_failures_are_recorded_and_the_schedule_waits() {
    let _turn = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let ring = Ring::new("rotasi", 42);
        let dir = tempfile::tempdir().unwrap();
        let folder = tempfile::tempdir().unwrap();
        let url = store::sqlite_url(dir.path());
        let desk = open(&url, &ring).await;
        assert!(
            !backup::due(&desk.db, now()).await.unwrap(),
            "no folder: not due"
        );
        set_folder(&desk, folder.path(), 2).await;
        assert!(
            backup::due(&desk.db, now()).await.unwrap(),
            "never backed up: due"
        );
        std::fs::write(folder.path().join("catatan-kantor.txt"), b"jangan dihapus").unwrap();
        let mut names = Vec::new();
        for i in 0..3 {
            let act = Acting::new(&desk.key, Actor::named("admin"), at(i * 86_400));
            names.push(
                make::run(&desk.db, &act, &desk.backup)
                    .await
                    .unwrap()
                    .berkas
                    .unwrap(),
            );
        }
        let mut present: Vec<String> = std::fs::read_dir(folder.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        present.sort();
        let mut expected = vec![
            names[1].clone(),
            names[2].clone(),
            "catatan-kantor.txt".into(),
        ];
        expected.sort();
        assert_eq!(
            present, expected,
            "only the newest two backups are kept, and the office's own file is left alone"
        );
        let view = backup::overview(&desk.db, &desk.backup, at(2 * 86_400 + 60))
            .await
            .unwrap();
        assert_eq!(
            view.riwayat.len(),
            3,
            "every backup run is in the history, even of a rotated file"
        );
        assert_eq!(
            view.riwayat.iter().map(|r| r.masih_ada).collect::<Vec<_>>(),
            [true, true, false],
            "the history shows which backup files are still there"
        );
        assert!(!view.jatuh_tempo, "a backup made a minute ago is not due");
        assert!(
            !backup::due(&desk.db, at(2 * 86_400 + 60)).await.unwrap(),
            "a backup made a minute ago is not due"
        );
        assert!(
            backup::due(&desk.db, at(3 * 86_400)).await.unwrap(),
            "a day later: due"
        );

        // The folder is gone (a USB disk pulled out and a file in its place).
        drop(folder);
        let gone = tempfile::tempdir().unwrap();
        let blocked = gone.path().join("usb");
        std::fs::write(&blocked, b"bukan folder").unwrap();
        store::set_setting(
            &desk.db,
            &desk.key,
            backup::SETTING_FOLDER,
            &blocked.to_string_lossy(),
        )
        .await
        .unwrap();
        let act = Acting::new(
            &desk.key,
            Actor::named("jadwal cadangan harian"),
            at(3 * 86_400),
        );
        assert!(
            make::run(&desk.db, &act, &desk.backup).await.is_err(),
            "a backup to a folder that is gone fails"
        );
        let view = backup::overview(&desk.db, &desk.backup, at(3 * 86_400))
            .await
            .unwrap();
        let failed = &view.riwayat[0];
        assert!(!failed.berhasil && failed.pesan.is_some(), "{failed:?}");
        assert_eq!(
            failed.oleh, "jadwal cadangan harian",
            "the failure names the daily schedule that ran it"
        );
        assert!(
            !backup::due(&desk.db, at(3 * 86_400 + 600)).await.unwrap(),
            "retried within the hour"
        );
        assert!(
            backup::due(&desk.db, at(3 * 86_400 + 3_600)).await.unwrap(),
            "a failed backup is retried after an hour"
        );
        let last = scalar(
            &desk.db,
            "select action from audit_log order by seq desc limit 1",
        )
        .await;
        assert_eq!(
            last, "backup.failed",
            "the failed backup is in the audit log"
        );

        // A folder that is not absolute, or a keep count out of range, is
        // named next to its field and nothing is saved.
        let e = backup::save_settings(
            &desk.db,
            &acting(&desk.key),
            BackupSettings {
                folder: Some("cadangan".into()),
                simpan: 0,
            },
        )
        .await
        .unwrap_err();
        let loket_core::Error::Invalid { fields, .. } = e else {
            panic!()
        };
        assert!(
            fields.contains_key("folder") && fields.contains_key("simpan"),
            "{fields:?}"
        );
        assert_eq!(
            store::setting(&desk.db, backup::SETTING_FOLDER)
                .await
                .unwrap()
                .unwrap(),
            blocked.to_string_lossy(),
            "a refused setting keeps the folder saved before"
        );
    });
}
