//! The audit log's checkpoint outside the database, against someone with the
//! database file: the tail cut and the head row rewritten to match, the whole
//! log deleted, an older copy of the file put back, the file emptied. Each is
//! reported broken, naming what is missing, also after a restart; the
//! checkpoint file kept elsewhere catches it when the keyring is gone too.

use loket_core::audit::{self, Entry, Verdict};
use loket_core::checkpoint::CHECKPOINT_ENTRY;
use loket_core::desk::Desk;
use loket_core::secrets::{KeyStore, OsKeyring};
use loket_core::{Acting, Actor, Error, store};
use rand::rngs::OsRng;
use sea_orm::ConnectionTrait;

use super::keyring::TestKeyring;
use super::support::*;

async fn open(dir: &std::path::Path, service: &str) -> loket_core::Result<Desk> {
    Desk::open(
        &store::sqlite_url(dir),
        Box::new(OsKeyring::with_service(service)),
        &mut OsRng,
        now(),
    )
    .await
}

/// `n` audited writes at `desk` (views of cases), then the checkpoint kept.
async fn write(desk: &Desk, n: u32) {
    for i in 0..n {
        Acting::new(&desk.key, Actor::named("petugas"), now())
            .log(
                &desk.db,
                Entry::new("case.view", "case", i, serde_json::json!({})),
            )
            .await
            .unwrap();
    }
    desk.keep_checkpoint().await.unwrap();
}

/// The attacker's edit, on their own connection to the file.
async fn attack(dir: &std::path::Path, sql: &str) {
    let db = store::open(&store::sqlite_url(dir)).await.unwrap();
    db.execute_unprepared(sql).await.unwrap();
    db.close().await.unwrap();
}

fn broken(report: &audit::AuditReport) -> (i64, String) {
    assert!(!report.intact, "reported intact: {report:?}");
    (report.broken_seq.unwrap(), report.reason.clone().unwrap())
}

#[test]
fn cutting_the_tail_and_rewriting_the_head_is_found_also_after_a_restart() {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let ring = TestKeyring::new("titik.ekor");
        let dir = tempfile::tempdir().unwrap();
        let desk = open(dir.path(), &ring.service).await.unwrap();
        write(&desk, 30).await;
        assert!(
            desk.verify_audit(None).await.unwrap().intact,
            "the untouched log verifies"
        );

        // Entries 25..30 go, and the head row is set to entry 24 as Loket would.
        attack(
            dir.path(),
            "delete from audit_log where seq > 24; \
             update settings set value = '24:' || (select hash from audit_log where seq = 24) \
             where key = 'audit_head'",
        )
        .await;
        // The chain alone looks whole: this is the attack the checkpoint is for.
        assert!(
            matches!(
                audit::verify(&desk.db, &desk.key).await.unwrap(),
                Verdict::Intact { entries: 24 }
            ),
            "the cut chain alone looks whole, which is why the checkpoint is kept"
        );
        let (seq, reason) = broken(&desk.verify_audit(None).await.unwrap());
        assert_eq!(seq, 25, "the break is at the first entry cut away");
        assert!(reason.contains("25 sampai 30"), "{reason}");

        // A restart reads the checkpoint back from the keyring; new entries
        // written on the cut log do not paper over the gap.
        drop(desk);
        let desk = open(dir.path(), &ring.service).await.unwrap();
        write(&desk, 10).await;
        let (seq, reason) = broken(&desk.verify_audit(None).await.unwrap());
        assert_eq!(seq, 30, "{reason}");
        assert!(reason.contains("berbeda"), "{reason}");
    });
}

#[test]
fn deleting_the_whole_log_is_found() {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let ring = TestKeyring::new("titik.semua");
        let dir = tempfile::tempdir().unwrap();
        let desk = open(dir.path(), &ring.service).await.unwrap();
        desk.first_run(
            now(),
            &mut OsRng,
            &new_operator(
                "kepala",
                &[loket_core::operators::roles::Role::Admin],
                "sandi-kepala-001",
            ),
        )
        .await
        .unwrap();
        write(&desk, 12).await;
        let n = desk.verify_audit(None).await.unwrap().entries;
        attack(
            dir.path(),
            "delete from audit_log; delete from settings where key = 'audit_head'",
        )
        .await;
        // Without the checkpoint: an empty log beside an operator is broken.
        let (seq, reason) = match audit::verify(&desk.db, &desk.key).await.unwrap() {
            Verdict::Broken { seq, reason } => (seq, reason),
            v => panic!("an empty log beside operators verified: {v:?}"),
        };
        assert_eq!(seq, 1, "an empty log beside an operator breaks at entry 1");
        assert!(reason.contains("kosong"), "{reason}");
        // With it: the missing entries are named.
        let (seq, reason) = broken(&desk.verify_audit(None).await.unwrap());
        assert_eq!(
            seq, 1,
            "with the checkpoint, the break is at entry 1 of the deleted log"
        );
        assert!(reason.contains(&format!("1 sampai {n}")), "{reason}");
    });
}

#[test]
fn an_older_copy_of_the_database_put_back_is_found() {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let ring = TestKeyring::new("titik.salinan");
        let dir = tempfile::tempdir().unwrap();
        let old = tempfile::tempdir().unwrap();
        let desk = open(dir.path(), &ring.service).await.unwrap();
        write(&desk, 10).await;
        let copy = old.path().join("loket.sqlite3");
        desk.db
            .execute_unprepared(&format!("VACUUM INTO '{}'", copy.display()))
            .await
            .unwrap();
        write(&desk, 20).await;
        drop(desk);
        // The older, genuine file replaces the current one.
        for f in std::fs::read_dir(dir.path()).unwrap() {
            std::fs::remove_file(f.unwrap().path()).unwrap();
        }
        std::fs::copy(&copy, dir.path().join("loket.sqlite3")).unwrap();
        let desk = open(dir.path(), &ring.service).await.unwrap();
        let (seq, reason) = broken(&desk.verify_audit(None).await.unwrap());
        assert_eq!(seq, 11, "the older copy breaks at the first entry it lacks");
        assert!(reason.contains("11 sampai 30"), "{reason}");
    });
}

#[test]
fn an_emptied_database_never_offers_the_first_run() {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let ring = TestKeyring::new("titik.kosong");
        let dir = tempfile::tempdir().unwrap();
        let desk = open(dir.path(), &ring.service).await.unwrap();
        write(&desk, 5).await;
        drop(desk);
        for f in std::fs::read_dir(dir.path()).unwrap() {
            std::fs::remove_file(f.unwrap().path()).unwrap();
        }
        match open(dir.path(), &ring.service).await {
            Err(Error::Tampered(why)) => {
                assert!(why.contains("kosong") && why.contains("entri 5"), "{why}")
            }
            Err(e) => panic!("refused for another reason: {e:?}"),
            Ok(d) => panic!(
                "opened, first run offered: {:?}",
                d.status(now()).await.map(|s| s.setup_needed)
            ),
        }
    });
}

#[test]
fn a_checkpoint_file_kept_elsewhere_finds_the_cut_when_the_keyring_is_gone_too() {
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let ring = TestKeyring::new("titik.berkas");
        let dir = tempfile::tempdir().unwrap();
        let desk = open(dir.path(), &ring.service).await.unwrap();
        write(&desk, 10).await;
        let (name, file) = desk.export_checkpoint(now()).await.unwrap();
        assert!(
            name.starts_with("Loket-titik-periksa-audit-") && name.ends_with(".json"),
            "the checkpoint file is named for the desk's audit checkpoint"
        );
        assert!(
            desk.verify_audit(Some(&file)).await.unwrap().intact,
            "the log verifies against its own fresh checkpoint file"
        );
        write(&desk, 5).await;
        drop(desk);
        // The keyring's checkpoint is lost (another PC, a new OS account), and
        // the tail is cut with the head rewritten.
        ring.ring().delete(CHECKPOINT_ENTRY).unwrap();
        attack(
            dir.path(),
            "delete from audit_log where seq > 6; \
             update settings set value = '6:' || (select hash from audit_log where seq = 6) \
             where key = 'audit_head'",
        )
        .await;
        let desk = open(dir.path(), &ring.service).await.unwrap();
        assert!(
            desk.verify_audit(None).await.unwrap().intact,
            "nothing left to notice without the file"
        );
        let (seq, reason) = broken(&desk.verify_audit(Some(&file)).await.unwrap());
        assert_eq!(
            seq, 7,
            "the checkpoint file finds the break at the first entry cut away"
        );
        assert!(reason.contains("7 sampai 10"), "{reason}");

        // An edited file is refused, not believed.
        let mut edited: serde_json::Value = serde_json::from_slice(&file).unwrap();
        edited["seq"] = serde_json::json!(6);
        let edited = serde_json::to_vec(&edited).unwrap();
        assert!(
            matches!(
                desk.verify_audit(Some(&edited)).await,
                Err(Error::Tampered(_))
            ),
            "an edited checkpoint file is refused as tampered, not believed"
        );
    });
}
