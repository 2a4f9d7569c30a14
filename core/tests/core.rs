//! Integration tests of `loket-core` on real databases: SQLite files in temp
//! folders with the real migrations, a PostgreSQL server started by `make test`
//! (its URL in `LOKET_TEST_POSTGRES_URL`), and the OS keyring (Secret Service,
//! unlocked inside `dbus-run-session` by `make test`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a failed unwrap is a failed test, with its message"
)]

use chrono::{DateTime, FixedOffset};
use loket_core::applicants::ApplicantInput;
use loket_core::audit::{self, Actor, Verdict};
use loket_core::cases::{self, CaseQuery, Kanal, NewPenerbitan, SearchKind, Status};
use loket_core::secrets::{DataKey, KeyStore, OsKeyring, Secret, SecretError};
use loket_core::{Error, store};
use rand::rngs::OsRng;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait, Statement,
};

const NIK: &str = "5171011011670001";

fn now() -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339("2026-11-22T09:15:00+08:00").unwrap()
}

fn key() -> DataKey {
    DataKey::from_master(&Secret::new(vec![42; 32])).unwrap()
}

fn budi() -> NewPenerbitan {
    NewPenerbitan {
        applicant: ApplicantInput {
            nama: "I Made Budi Santoso".into(),
            nik: NIK.into(),
            nik_ulang: NIK.into(),
            nip: "196711101992031001".into(),
            email: "budi@denpasarkota.go.id".into(),
            telepon: "081234567890".into(),
            jabatan: "Analis Persandian".into(),
            unit_kerja: "Bidang Persandian".into(),
            instansi: "Dinas Kominfo dan Statistik".into(),
        },
        kanal: Kanal::Loket,
    }
}

fn ayu() -> NewPenerbitan {
    let mut n = budi();
    n.applicant.nama = "Ni Luh Ayu".into();
    n.applicant.nik = "5171015203950002".into();
    n.applicant.nik_ulang = "5171015203950002".into();
    n.applicant.nip = "199503122020122001".into();
    n.applicant.email = "ayu@denpasarkota.go.id".into();
    n
}

async fn sqlite() -> (tempfile::TempDir, DatabaseConnection) {
    let dir = tempfile::tempdir().unwrap();
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    (dir, db)
}

async fn count(db: &DatabaseConnection, table: &str) -> i64 {
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            format!("select count(*) from {table}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn pragma(db: &DatabaseConnection, name: &str) -> String {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            format!("pragma {name}"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<String>(0)
        .or_else(|_| row.try_get_by_index::<i64>(0).map(|n| n.to_string()))
        .unwrap()
}

#[tokio::test]
async fn sqlite_store_runs_bundled_sqlite_with_durable_pragmas() {
    let (_dir, db) = sqlite().await;
    let version = store::sqlite_version(&db).await.unwrap();
    assert!(
        store::check_sqlite_version(&version).is_ok(),
        "bundled SQLite must be >= 3.51.3, is {version}"
    );
    assert_eq!(pragma(&db, "journal_mode").await, "wal");
    assert_eq!(
        pragma(&db, "synchronous").await,
        "2",
        "synchronous must be FULL"
    );
    assert_eq!(pragma(&db, "foreign_keys").await, "1");
    assert!(
        count(&db, "regions").await > 400,
        "region table is seeded from the reference list"
    );
}

#[tokio::test]
async fn opening_twice_keeps_data_and_does_not_rerun_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let url = store::sqlite_url(dir.path());
    let db = store::open(&url).await.unwrap();
    cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &budi())
        .await
        .unwrap();
    db.close().await.unwrap();
    let db = store::open(&url).await.unwrap();
    assert_eq!(count(&db, "cases").await, 1);
}

#[tokio::test]
async fn unknown_database_urls_are_refused_plainly() {
    let err = store::open("mysql://x@localhost/loket").await.unwrap_err();
    assert!(
        err.to_string().contains("sqlite: atau postgres://"),
        "{err}"
    );
}

#[tokio::test]
async fn a_valid_intake_saves_applicant_case_history_and_audit_in_one_go() {
    let (_dir, db) = sqlite().await;
    let row = cases::open_penerbitan(
        &db,
        &key(),
        &mut OsRng,
        &Actor::named("desi"),
        now(),
        &budi(),
    )
    .await
    .unwrap();
    assert_eq!(row.nomor, "REG-2026-00001");
    assert_eq!(row.status, Status::Diterima);
    assert_eq!(row.nik_masked, "5171********0001");
    let detail = cases::get_case(&db, row.id).await.unwrap();
    assert_eq!(detail.events.len(), 1);
    assert_eq!(detail.events[0].actor, "desi");
    assert_eq!(detail.events[0].to_status, Status::Diterima);
    assert_eq!(detail.created_by, "desi");
    assert_eq!(
        count(&db, "audit_log").await,
        1,
        "the change and its audit entry commit together"
    );
    let second = cases::open_penerbitan(
        &db,
        &key(),
        &mut OsRng,
        &Actor::named("desi"),
        now(),
        &ayu(),
    )
    .await
    .unwrap();
    assert_eq!(
        second.nomor, "REG-2026-00002",
        "registration numbers are consecutive"
    );
    assert_eq!(
        audit::verify(&db).await.unwrap(),
        Verdict::Intact { entries: 2 }
    );
}

#[tokio::test]
async fn invalid_input_saves_nothing_and_names_each_field() {
    let (_dir, db) = sqlite().await;
    let mut bad = budi();
    bad.applicant.nik = "5171017208900001".into(); // day 72
    bad.applicant.nik_ulang = bad.applicant.nik.clone();
    bad.applicant.email = "budi@".into();
    let err = cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &bad)
        .await
        .unwrap_err();
    let Error::Invalid { fields, .. } = err else {
        panic!("expected a validation error, got {err:?}")
    };
    assert!(fields["nik"].contains("41-71"), "{fields:?}");
    assert!(fields.contains_key("email"));
    for table in [
        "applicants",
        "cases",
        "case_events",
        "audit_log",
        "counters",
    ] {
        assert_eq!(
            count(&db, table).await,
            0,
            "{table} must stay empty after a refused intake"
        );
    }
}

#[tokio::test]
async fn a_second_intake_with_the_same_nik_is_refused_and_rolled_back() {
    let (_dir, db) = sqlite().await;
    let actor = Actor::named("op");
    cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &budi())
        .await
        .unwrap();
    let mut again = ayu();
    again.applicant.nik = NIK.into();
    again.applicant.nik_ulang = NIK.into();
    let err = cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &again)
        .await
        .unwrap_err();
    let Error::Invalid { fields, .. } = err else {
        panic!("expected a field error")
    };
    assert!(fields["nik"].contains("I Made Budi Santoso"));
    assert_eq!(count(&db, "cases").await, 1);
    assert_eq!(count(&db, "audit_log").await, 1);
    let next = cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &ayu())
        .await
        .unwrap();
    assert_eq!(
        next.nomor, "REG-2026-00002",
        "a refused intake must not consume a number"
    );
}

#[tokio::test]
async fn search_finds_by_name_prefix_nik_and_nip() {
    let (_dir, db) = sqlite().await;
    let actor = Actor::named("op");
    cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &budi())
        .await
        .unwrap();
    cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &ayu())
        .await
        .unwrap();
    let find = |q: &str| CaseQuery {
        q: q.into(),
        page: 0,
        per_page: 20,
    };

    let all = cases::list_cases(&db, &key(), &find("")).await.unwrap();
    assert_eq!((all.total, all.kind), (2, SearchKind::Semua));
    assert_eq!(all.items[0].nama, "Ni Luh Ayu", "newest first");

    let by_name = cases::list_cases(&db, &key(), &find("i made"))
        .await
        .unwrap();
    assert_eq!(by_name.kind, SearchKind::Nama);
    assert_eq!(
        by_name
            .items
            .iter()
            .map(|r| r.nama.as_str())
            .collect::<Vec<_>>(),
        ["I Made Budi Santoso"]
    );
    assert_eq!(
        cases::list_cases(&db, &key(), &find("NI L"))
            .await
            .unwrap()
            .total,
        1,
        "case-insensitive"
    );
    assert_eq!(
        cases::list_cases(&db, &key(), &find("made"))
            .await
            .unwrap()
            .total,
        0,
        "prefix, not substring"
    );

    let by_nik = cases::list_cases(&db, &key(), &find("5171.0110.1167.0001"))
        .await
        .unwrap();
    assert_eq!(by_nik.kind, SearchKind::Nik);
    assert_eq!(by_nik.items.len(), 1);
    assert_eq!(by_nik.items[0].nik_masked, "5171********0001");
    assert_eq!(
        cases::list_cases(&db, &key(), &find("5171011011670009"))
            .await
            .unwrap()
            .total,
        0
    );

    let by_nip = cases::list_cases(&db, &key(), &find("19950312 202012 2 001"))
        .await
        .unwrap();
    assert_eq!(
        (by_nip.kind, by_nip.items[0].nama.as_str()),
        (SearchKind::Nip, "Ni Luh Ayu")
    );
}

#[tokio::test]
async fn lists_page_through_results() {
    let (_dir, db) = sqlite().await;
    let actor = Actor::named("op");
    for i in 0..5u32 {
        let mut n = budi();
        n.applicant.nama = format!("Pemohon {}", ["A", "B", "C", "D", "E"][i as usize]);
        n.applicant.nik = format!("51710110116700{:02}", i + 10);
        n.applicant.nik_ulang = n.applicant.nik.clone();
        cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &n)
            .await
            .unwrap();
    }
    let page = |p| CaseQuery {
        q: String::new(),
        page: p,
        per_page: 2,
    };
    let p0 = cases::list_cases(&db, &key(), &page(0)).await.unwrap();
    let p2 = cases::list_cases(&db, &key(), &page(2)).await.unwrap();
    assert_eq!(p0.total, 5);
    assert_eq!(
        p0.items.iter().map(|r| r.nama.as_str()).collect::<Vec<_>>(),
        ["Pemohon E", "Pemohon D"]
    );
    assert_eq!(
        p2.items.iter().map(|r| r.nama.as_str()).collect::<Vec<_>>(),
        ["Pemohon A"]
    );
}

#[tokio::test]
async fn the_sqlite_file_holds_no_nik_in_clear_text() {
    let dir = tempfile::tempdir().unwrap();
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &budi())
        .await
        .unwrap();
    // The NIK can be read back with the key, so it really is stored...
    let applicant = loket_core::entities::applicants::Entity::find()
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        loket_core::applicants::reveal_nik(&key(), &applicant).unwrap(),
        NIK
    );
    assert!(row.id > 0);
    db.close().await.unwrap();
    // ...but nowhere in the database files as text.
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        assert!(
            !bytes.windows(NIK.len()).any(|w| w == NIK.as_bytes()),
            "{} contains the NIK in clear text",
            path.display()
        );
    }
}

#[tokio::test]
async fn a_nik_ciphertext_moved_to_another_applicant_does_not_decrypt() {
    let (_dir, db) = sqlite().await;
    let actor = Actor::named("op");
    cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &budi())
        .await
        .unwrap();
    cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &ayu())
        .await
        .unwrap();
    db.execute_unprepared(
        "update applicants set nik_cipher = (select nik_cipher from applicants where id = 1) where id = 2",
    )
    .await
    .unwrap();
    let moved = loket_core::entities::applicants::Entity::find_by_id(2)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(loket_core::applicants::reveal_nik(&key(), &moved).is_err());
}

#[tokio::test]
async fn audit_verify_finds_an_edited_entry() {
    let (_dir, db) = sqlite().await;
    let actor = Actor::named("op");
    cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &budi())
        .await
        .unwrap();
    cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &ayu())
        .await
        .unwrap();
    db.execute_unprepared("update audit_log set actor = 'orang lain' where seq = 1")
        .await
        .unwrap();
    assert!(matches!(
        audit::verify(&db).await.unwrap(),
        Verdict::Broken { seq: 1, .. }
    ));
}

#[tokio::test]
async fn review_reports_warnings_without_saving() {
    let (_dir, db) = sqlite().await;
    store::set_setting(
        &db,
        store::SETTING_OFFICIAL_EMAIL_DOMAIN,
        "denpasarkota.go.id",
    )
    .await
    .unwrap();
    let mut n = budi().applicant;
    n.email = "budi@gmail.com".into();
    n.nip = "196711111992031001".into();
    let report = cases::review_applicant(&db, &n, now()).await.unwrap();
    assert!(report.errors.is_empty(), "{report:?}");
    assert!(report.warnings.contains_key("email") && report.warnings.contains_key("nip"));
    assert_eq!(count(&db, "applicants").await, 0);
}

/// The real OS keyring: run under `make test`, which starts gnome-keyring in a
/// private D-Bus session. Each run uses its own service name.
#[test]
fn os_keyring_sets_reads_replaces_and_deletes_a_secret() {
    let service = format!("id.go.loket.test.{}", std::process::id());
    let ring = OsKeyring::with_service(&service);
    assert!(
        ring.get("smtp").unwrap().is_none(),
        "a missing entry is None, not an error"
    );
    ring.set("smtp", &Secret::new(b"sandi-satu".to_vec()))
        .unwrap();
    assert_eq!(ring.get("smtp").unwrap().unwrap().expose(), b"sandi-satu");
    ring.set("smtp", &Secret::new(b"sandi-dua".to_vec()))
        .unwrap();
    assert_eq!(ring.get("smtp").unwrap().unwrap().expose(), b"sandi-dua");
    assert!(ring.delete("smtp").unwrap());
    assert!(!ring.delete("smtp").unwrap());
    assert!(ring.get("smtp").unwrap().is_none());
}

#[test]
fn os_keyring_holds_the_data_key_across_starts() {
    let service = format!("id.go.loket.test.datakey.{}", std::process::id());
    let ring = OsKeyring::with_service(&service);
    let (first, check) = loket_core::secrets::open_data_key(&ring, None, &mut OsRng).unwrap();
    let check = check.expect("a new database gets a check value");
    let (again, none) =
        loket_core::secrets::open_data_key(&ring, Some(&check), &mut OsRng).unwrap();
    assert!(none.is_none());
    assert_eq!(first.blind_index("nik", NIK), again.blind_index("nik", NIK));
    ring.delete(loket_core::secrets::DATA_KEY_ENTRY).unwrap();
    let lost = loket_core::secrets::open_data_key(&ring, Some(&check), &mut OsRng).unwrap_err();
    assert!(matches!(lost, SecretError::KeyMissing));
    assert!(lost.to_string().contains("keyring"));
}

/// The same slice on PostgreSQL. `make test` starts a throwaway server and sets
/// the URL; without it this test fails rather than pretend.
#[tokio::test]
async fn the_slice_runs_on_postgresql() {
    let url = std::env::var("LOKET_TEST_POSTGRES_URL")
        .expect("LOKET_TEST_POSTGRES_URL is not set: run the suite with `make test`, which starts PostgreSQL");
    let db = store::open(&url).await.unwrap();
    assert_eq!(db.get_database_backend(), DbBackend::Postgres);
    let actor = Actor::named("op");
    // The server is fresh for each `make test`, but keep the test re-runnable.
    db.execute_unprepared("truncate audit_log, case_events, cases, applicants, counters")
        .await
        .unwrap();
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &budi())
        .await
        .unwrap();
    assert_eq!(row.nomor, "REG-2026-00001");
    cases::open_penerbitan(&db, &key(), &mut OsRng, &actor, now(), &ayu())
        .await
        .unwrap();
    let hit = cases::list_cases(
        &db,
        &key(),
        &CaseQuery {
            q: NIK.into(),
            page: 0,
            per_page: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(hit.items.len(), 1);
    let by_name = cases::list_cases(
        &db,
        &key(),
        &CaseQuery {
            q: "ni luh".into(),
            page: 0,
            per_page: 10,
        },
    )
    .await
    .unwrap();
    assert_eq!(by_name.total, 1);
    assert_eq!(
        audit::verify(&db).await.unwrap(),
        Verdict::Intact { entries: 2 }
    );
    assert_eq!(
        loket_core::entities::cases::Entity::find()
            .count(&db)
            .await
            .unwrap(),
        2
    );
}
