//! Nothing confirmed saved is lost: a writer process saving applications
//! through the real write path (applicant, case and audit entry in one
//! transaction, SQLite in WAL with synchronous=FULL) is killed with SIGKILL
//! at random moments, 200 times. Every save it confirmed is there afterwards,
//! no save is there by half, `PRAGMA integrity_check` is ok and the audit
//! chain verifies.
//!
//! The writer is this test binary itself, started again to run the ignored
//! test `durability::writer` (it does nothing unless the parent sets
//! `LOKET_DURABILITY_DIR`).

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

use loket_core::audit::{self, Verdict};
use loket_core::store;
use rand::{Rng, SeedableRng};

use super::support::*;

const KILLS: usize = 200;
/// Applicants numbered up to this (their NIK and NIP stay distinct).
const MOST: u32 = 1997;

/// The writer: saves applications one after another and prints the number
/// of each once its transaction has committed.
#[tokio::test]
#[ignore = "run by durability::killed_saves_… as its writer process"]
async fn writer() {
    let Ok(dir) = std::env::var("LOKET_DURABILITY_DIR") else {
        return;
    };
    let db = store::open(&store::sqlite_url(std::path::Path::new(&dir)))
        .await
        .unwrap();
    let key = key();
    let first = count(&db, "applicants").await as u32 + 1;
    println!("siap");
    for n in first..=MOST {
        // Names hold no digits: the number spelled in letters.
        let spelled: String = n
            .to_string()
            .chars()
            .map(|d| (b'a' + d as u8 - b'0') as char)
            .collect();
        let mut who = pegawai(n, &format!("Pegawai Uji {spelled}"));
        // NIP: sex digit 1 or 2, sequence 001-999.
        who.applicant.nip = format!("19671110199203{}{:03}", 1 + n / 999, n % 999 + 1);
        let act = loket_core::Acting::new(&key, loket_core::Actor::named("op"), now());
        let row = open_penerbitan(&db, &act, &who).await.unwrap();
        println!("ok {}", row.nomor);
    }
    // Out of numbers: wait to be killed like the others.
    tokio::time::sleep(Duration::from_secs(3600)).await;
}

#[test]
fn killed_saves_never_lose_what_was_confirmed() {
    let t = tokio::runtime::Runtime::new()
        .unwrap()
        .block_on(TestDesk::sqlite());
    let dir = t.dir.path().to_path_buf();
    let seed: u64 = rand::thread_rng().r#gen();
    println!("benih acak: {seed}");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    let me = std::env::current_exe().unwrap();
    let mut confirmed: Vec<String> = vec![];
    let mut between = 0;
    for _ in 0..KILLS {
        let mut child = Command::new(&me)
            .args([
                "--exact",
                "durability::writer",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("LOKET_DURABILITY_DIR", &dir)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            for line in out.lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // (The test harness prints its own lines first.)
        while !rx
            .recv_timeout(Duration::from_secs(60))
            .unwrap()
            .ends_with("siap")
        {}
        // Once the writer is saving (its first save confirmed), a random
        // moment: within a save, or between two.
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the writer stopped before its first save (run durability::writer to see why)");
        std::thread::sleep(Duration::from_micros(rng.gen_range(0..20_000)));
        // SIGKILL: no destructor, no flush, no rollback by the process.
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        let saved: Vec<String> = std::iter::once(first)
            .chain(rx.try_iter())
            .filter_map(|l| l.strip_prefix("ok ").map(str::to_string))
            .collect();
        between += usize::from(saved.len() > 1);
        confirmed.extend(saved);
    }

    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let db = store::open(&store::sqlite_url(&dir)).await.unwrap();
        assert_eq!(
            scalar(&db, "PRAGMA integrity_check").await,
            "ok",
            "the database file is whole after the kills"
        );
        use sea_orm::EntityTrait;
        let present: std::collections::BTreeSet<String> =
            loket_core::entities::cases::Entity::find()
                .all(&db)
                .await
                .unwrap()
                .into_iter()
                .map(|c| c.nomor)
                .collect();
        for nomor in &confirmed {
            assert!(
                present.contains(nomor),
                "{nomor} was confirmed saved and is gone"
            );
        }
        // Nothing by half: every case has its applicant and its audit entry.
        let cases = count(&db, "cases").await;
        assert_eq!(
            count(&db, "applicants").await,
            cases,
            "no save is there by half: every case has its applicant"
        );
        assert_eq!(
            scalar(
                &db,
                "select count(*) from audit_log where action = 'case.open'"
            )
            .await,
            cases.to_string(),
            "no save is there by half: every case has its audit entry"
        );
        match audit::verify(&db, &key()).await.unwrap() {
            Verdict::Intact { .. } => {}
            broken => panic!("the audit chain after {KILLS} kills: {broken:?}"),
        }
        println!(
            "{KILLS} kali dibunuh (SIGKILL) saat menyimpan: {} simpanan dikonfirmasi, {} ada di \
             basis data; {between} proses sempat menyimpan lebih dari sekali sebelum dibunuh",
            confirmed.len(),
            cases
        );
        assert!(
            confirmed.len() >= KILLS / 2,
            "the writer barely saved: the test proves little"
        );
    });
}
