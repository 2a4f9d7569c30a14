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
    let detail = cases::get_case(&db, row.id, now().date_naive())
        .await
        .unwrap();
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
        audit::verify(&db, &key()).await.unwrap(),
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
        ..Default::default()
    };

    let all = cases::list_cases(&db, &key(), &find(""), *now().offset())
        .await
        .unwrap();
    assert_eq!((all.total, all.kind), (2, SearchKind::Semua));
    assert_eq!(all.items[0].nama, "Ni Luh Ayu", "newest first");

    let by_name = cases::list_cases(&db, &key(), &find("i made"), *now().offset())
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
        cases::list_cases(&db, &key(), &find("NI L"), *now().offset())
            .await
            .unwrap()
            .total,
        1,
        "case-insensitive"
    );
    assert_eq!(
        cases::list_cases(&db, &key(), &find("made"), *now().offset())
            .await
            .unwrap()
            .total,
        0,
        "prefix, not substring"
    );

    let by_nik = cases::list_cases(&db, &key(), &find("5171.0110.1167.0001"), *now().offset())
        .await
        .unwrap();
    assert_eq!(by_nik.kind, SearchKind::Nik);
    assert_eq!(by_nik.items.len(), 1);
    assert_eq!(by_nik.items[0].nik_masked, "5171********0001");
    assert_eq!(
        cases::list_cases(&db, &key(), &find("5171011011670009"), *now().offset())
            .await
            .unwrap()
            .total,
        0
    );

    let by_nip = cases::list_cases(&db, &key(), &find("19950312 202012 2 001"), *now().offset())
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
        ..Default::default()
    };
    let p0 = cases::list_cases(&db, &key(), &page(0), *now().offset())
        .await
        .unwrap();
    let p2 = cases::list_cases(&db, &key(), &page(2), *now().offset())
        .await
        .unwrap();
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

/// A database file with a few cases and steps, closed, for tamper trials.
async fn audit_template() -> (tempfile::TempDir, i64) {
    let dir = tempfile::tempdir().unwrap();
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    let op = Actor::named("op");
    cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &budi())
        .await
        .unwrap();
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &ayu())
        .await
        .unwrap();
    tick_all(&db, row.id).await;
    walk(&db, row.id, &ISSUE[..3]).await;
    let Verdict::Intact { entries } = audit::verify(&db, &key()).await.unwrap() else {
        panic!("a fresh log must verify");
    };
    db.close().await.unwrap();
    (dir, entries as i64)
}

async fn tampered(template: &std::path::Path, sql: &str) -> Verdict {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(template).unwrap() {
        let from = entry.unwrap().path();
        std::fs::copy(&from, dir.path().join(from.file_name().unwrap())).unwrap();
    }
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    db.execute_unprepared(sql).await.unwrap();
    audit::verify(&db, &key()).await.unwrap()
}

#[tokio::test]
async fn audit_verify_finds_every_edit_removal_insertion_and_reordering() {
    use rand::{Rng, SeedableRng, rngs::StdRng};
    let (template, n) = audit_template().await;
    let mut rng = StdRng::seed_from_u64(5);
    for trial in 0..24 {
        let k = rng.gen_range(1..=n);
        let (what, sql, expected) = match trial % 4 {
            0 => (
                "edit",
                format!("update audit_log set detail = detail || ' ' where seq = {k}"),
                k,
            ),
            1 => (
                "remove",
                format!("delete from audit_log where seq = {k}"),
                k,
            ),
            2 => (
                "insert",
                format!(
                    "insert into audit_log (seq, at, actor, action, entity, entity_id, detail, prev_hash, hash) \
                     select {next}, at, actor, action, entity, entity_id, detail, hash, hash \
                     from audit_log where seq = {n}",
                    next = n + 1
                ),
                n + 1,
            ),
            _ => {
                let j = if k == n { k - 1 } else { k + 1 };
                let (a, b) = (k.min(j), k.max(j));
                (
                    "reorder",
                    format!(
                        "update audit_log set seq = -1 where seq = {a}; \
                         update audit_log set seq = {a} where seq = {b}; \
                         update audit_log set seq = {b} where seq = -1"
                    ),
                    a,
                )
            }
        };
        let verdict = tampered(template.path(), &sql).await;
        match verdict {
            Verdict::Broken { seq, .. } => {
                assert_eq!(seq, expected, "{what} at {k} must be found at {expected}")
            }
            Verdict::Intact { .. } => panic!("{what} at {k} was not found"),
        }
    }
}

#[tokio::test]
async fn audit_verify_finds_a_log_cut_at_its_end() {
    let (template, n) = audit_template().await;
    let verdict = tampered(
        template.path(),
        &format!("delete from audit_log where seq = {n}"),
    )
    .await;
    assert!(
        matches!(verdict, Verdict::Broken { seq, .. } if seq == n),
        "{verdict:?}"
    );
}

#[tokio::test]
async fn audit_chain_cannot_be_rewritten_without_the_data_key() {
    use loket_core::entities::audit_log;
    use sea_orm::{ActiveModelTrait, QueryOrder, Set};
    let (template, _) = audit_template().await;
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(template.path()).unwrap() {
        let from = entry.unwrap().path();
        std::fs::copy(&from, dir.path().join(from.file_name().unwrap())).unwrap();
    }
    let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
    // The forger edits entry 2, then recomputes every hash from there on and the
    // head, exactly as Loket computes them, but with a key of their own.
    let forger = DataKey::from_master(&Secret::new(vec![7; 32])).unwrap();
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Seq)
        .all(&db)
        .await
        .unwrap();
    let mut prev = rows[0].hash.clone();
    for row in rows.into_iter().skip(1) {
        let actor = if row.seq == 2 {
            "orang lain".to_string()
        } else {
            row.actor.clone()
        };
        let (seq, at) = (row.seq.to_string(), row.at.timestamp_micros().to_string());
        let hash = forger.audit_mac(&[
            seq.as_bytes(),
            at.as_bytes(),
            actor.as_bytes(),
            row.action.as_bytes(),
            row.entity.as_bytes(),
            row.entity_id.as_bytes(),
            row.detail.as_bytes(),
            prev.as_bytes(),
        ]);
        let mut am: audit_log::ActiveModel = row.into();
        am.actor = Set(actor);
        am.prev_hash = Set(prev.clone());
        am.hash = Set(hash.clone());
        let saved = am.update(&db).await.unwrap();
        store::set_setting(
            &db,
            audit::SETTING_AUDIT_HEAD,
            &format!("{}:{hash}", saved.seq),
        )
        .await
        .unwrap();
        prev = hash;
    }
    assert!(
        matches!(
            audit::verify(&db, &forger).await.unwrap(),
            Verdict::Broken { seq: 1, .. }
        ),
        "even the forger's own key cannot vouch for the entries they did not rewrite"
    );
    assert!(
        matches!(
            audit::verify(&db, &key()).await.unwrap(),
            Verdict::Broken { seq: 2, .. }
        ),
        "with the desk's key the rewritten chain breaks at the edited entry"
    );
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

/// Keyring tests take turns: on a fresh gnome-keyring the first write creates
/// the default collection, and two first writes at once race on it.
static KEYRING: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// The real OS keyring: run under `make test`, which starts gnome-keyring in a
/// private D-Bus session. Each run uses its own service name.
#[test]
fn os_keyring_sets_reads_replaces_and_deletes_a_secret() {
    let _turn = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
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
    let _turn = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
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
    db.execute_unprepared(
        "truncate applicants, counters, audit_log cascade; delete from settings where key = 'audit_head'",
    )
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
            ..Default::default()
        },
        *now().offset(),
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
            ..Default::default()
        },
        *now().offset(),
    )
    .await
    .unwrap();
    assert_eq!(by_name.total, 1);
    assert_eq!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { entries: 2 }
    );
    // The lifecycle on PostgreSQL too: a case through to its certificate.
    let ayu_case = by_name.items[0].id;
    tick_all(&db, ayu_case).await;
    walk(&db, ayu_case, &ISSUE).await;
    let done = cases::get_case(&db, ayu_case, now().date_naive())
        .await
        .unwrap();
    assert_eq!(done.certificates[0].status, CertStatus::Aktif);
    assert!(matches!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { .. }
    ));
    assert_eq!(
        loket_core::entities::cases::Entity::find()
            .count(&db)
            .await
            .unwrap(),
        2
    );
}

// ---- case lifecycle -------------------------------------------------------

use loket_core::cases::flow::Action;
use loket_core::cases::{Layanan, OpenCase, Pihak, RevocationReason, TransitionInput};
use loket_core::certificates::{self, CertStatus};

fn act(action: Action) -> TransitionInput {
    TransitionInput {
        action: Some(action),
        note: "catatan".into(),
        ams_ref: "AMS-2026-0042".into(),
        reason_code: "data_tidak_sesuai".into(),
        rejected_by: Some(Pihak::Dinas),
        valid_from: "2026-11-25".into(),
        valid_to: "2028-11-25".into(),
        serial: String::new(),
    }
}

async fn tick_all(db: &DatabaseConnection, case_id: i64) {
    let detail = cases::get_case(db, case_id, now().date_naive())
        .await
        .unwrap();
    for r in detail.requirements.iter().filter(|r| r.wajib) {
        cases::check_requirement(
            db,
            &key(),
            &Actor::named("op"),
            now(),
            case_id,
            &r.code,
            true,
        )
        .await
        .unwrap();
    }
}

async fn walk(db: &DatabaseConnection, case_id: i64, actions: &[Action]) {
    for a in actions {
        cases::transition(
            db,
            &key(),
            &Actor::named("verifikator"),
            now(),
            case_id,
            &act(*a),
        )
        .await
        .unwrap_or_else(|e| panic!("{a:?}: {e}"));
    }
}

const ISSUE: [Action; 6] = [
    Action::BerkasLengkap,
    Action::TerbitkanRekomendasi,
    Action::AjukanAms,
    Action::TungguPemohon,
    Action::TungguBsre,
    Action::Selesai,
];

async fn issued(db: &DatabaseConnection) -> i64 {
    let row = cases::open_penerbitan(db, &key(), &mut OsRng, &Actor::named("op"), now(), &budi())
        .await
        .unwrap();
    tick_all(db, row.id).await;
    walk(db, row.id, &ISSUE).await;
    row.id
}

fn field_of(e: Error) -> String {
    match e {
        Error::Invalid { fields, .. } => fields.keys().cloned().collect::<Vec<_>>().join(","),
        other => panic!("expected a field error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_penerbitan_runs_from_intake_to_an_active_certificate() {
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &budi())
        .await
        .unwrap();

    let early =
        cases::transition(&db, &key(), &op, now(), row.id, &act(Action::BerkasLengkap)).await;
    assert_eq!(
        field_of(early.unwrap_err()),
        "requirements",
        "documents first"
    );
    tick_all(&db, row.id).await;
    walk(&db, row.id, &ISSUE[..2]).await;

    let mut no_ref = act(Action::AjukanAms);
    no_ref.ams_ref = "  ".into();
    let refused = cases::transition(&db, &key(), &op, now(), row.id, &no_ref)
        .await
        .unwrap_err();
    assert_eq!(field_of(refused), "ams_ref");
    walk(&db, row.id, &ISSUE[2..5]).await;

    let mut backwards = act(Action::Selesai);
    backwards.valid_to = "2026-01-01".into();
    let refused = cases::transition(&db, &key(), &op, now(), row.id, &backwards)
        .await
        .unwrap_err();
    assert_eq!(field_of(refused), "valid_to");
    walk(&db, row.id, &ISSUE[5..]).await;

    let d = cases::get_case(&db, row.id, now().date_naive())
        .await
        .unwrap();
    assert_eq!(d.case.status, Status::Selesai);
    assert_eq!(d.ams_ref.as_deref(), Some("AMS-2026-0042"));
    assert_eq!(d.events.len(), 7, "received + six steps");
    assert!(d.actions.is_empty(), "a finished case offers no action");
    assert_eq!(d.certificates.len(), 1);
    assert_eq!(d.certificates[0].status, CertStatus::Aktif);
    assert_eq!(d.certificates[0].valid_to, "2028-11-25");
    assert!(matches!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

#[tokio::test]
async fn an_action_the_rules_do_not_allow_changes_nothing() {
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &budi())
        .await
        .unwrap();
    let before = (
        count(&db, "case_events").await,
        count(&db, "audit_log").await,
    );
    let err = cases::transition(&db, &key(), &op, now(), row.id, &act(Action::Selesai))
        .await
        .unwrap_err();
    assert_eq!(field_of(err), "action");
    assert_eq!(
        before,
        (
            count(&db, "case_events").await,
            count(&db, "audit_log").await
        )
    );
    let d = cases::get_case(&db, row.id, now().date_naive())
        .await
        .unwrap();
    assert_eq!(d.case.status, Status::Diterima);
}

#[tokio::test]
async fn every_accepted_transition_writes_one_event_and_one_audit_entry() {
    use rand::{Rng, SeedableRng, rngs::StdRng};
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    let actions = loket_core::cases::flow::ACTIONS;
    let mut rng = StdRng::seed_from_u64(2026);
    for round in 0..12u32 {
        let mut n = budi();
        n.applicant.nik = format!("51710110116701{round:02}");
        n.applicant.nik_ulang = n.applicant.nik.clone();
        let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &n)
            .await
            .unwrap();
        if rng.gen_bool(0.7) {
            tick_all(&db, row.id).await;
        }
        for _ in 0..15 {
            let a = actions[rng.gen_range(0..actions.len())];
            let events = count(&db, "case_events").await;
            let entries = count(&db, "audit_log").await;
            let before = cases::get_case(&db, row.id, now().date_naive())
                .await
                .unwrap();
            let result = cases::transition(&db, &key(), &op, now(), row.id, &act(a)).await;
            let after = cases::get_case(&db, row.id, now().date_naive())
                .await
                .unwrap();
            match result {
                Ok(_) => {
                    assert!(before.actions.contains(&a), "{a:?} was not offered");
                    assert_eq!(count(&db, "case_events").await, events + 1);
                    // Issuing a certificate adds its own entry beside the transition's.
                    let extra = i64::from(a == Action::Selesai);
                    assert_eq!(count(&db, "audit_log").await, entries + 1 + extra);
                }
                Err(_) => {
                    assert_eq!(after.case.status, before.case.status);
                    assert_eq!(count(&db, "case_events").await, events);
                    assert_eq!(count(&db, "audit_log").await, entries);
                }
            }
        }
    }
    assert!(matches!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

#[tokio::test]
async fn a_rejected_case_is_reopened_as_a_new_linked_case() {
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &budi())
        .await
        .unwrap();
    let mut no_reason = act(Action::Tolak);
    no_reason.reason_code = "tidak_ada".into();
    let refused = cases::transition(&db, &key(), &op, now(), row.id, &no_reason)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(refused),
        "reason_code",
        "reasons come from the catalogue"
    );
    walk(&db, row.id, &[Action::Tolak]).await;
    let rejected = cases::get_case(&db, row.id, now().date_naive())
        .await
        .unwrap();
    assert_eq!(rejected.reason_code.as_deref(), Some("data_tidak_sesuai"));
    assert_eq!(rejected.rejected_by, Some(Pihak::Dinas));
    assert!(rejected.can_reopen);

    let again = cases::reopen(&db, &key(), &op, now(), row.id)
        .await
        .unwrap();
    assert_eq!(again.status, Status::Diterima);
    assert_eq!(again.layanan, Layanan::Penerbitan);
    let d = cases::get_case(&db, again.id, now().date_naive())
        .await
        .unwrap();
    assert_eq!(d.linked.len(), 1);
    assert_eq!(
        (d.linked[0].id, d.linked[0].relation.as_str()),
        (row.id, "induk")
    );
    assert!(
        cases::reopen(&db, &key(), &op, now(), again.id)
            .await
            .is_err(),
        "only rejected cases"
    );
}

#[tokio::test]
async fn a_data_change_with_an_active_certificate_opens_revocation_and_reissue() {
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    let first = issued(&db).await;
    let applicant_id = cases::get_case(&db, first, now().date_naive())
        .await
        .unwrap()
        .applicant_id;

    let head = cases::open_case(
        &db,
        &key(),
        &op,
        now(),
        &OpenCase {
            applicant_id,
            layanan: Layanan::PerubahanData,
            kanal: Kanal::Loket,
            revocation_reason: None,
            data_dikonfirmasi: false,
            note: "Nama berubah".into(),
        },
    )
    .await
    .unwrap();
    let d = cases::get_case(&db, head.id, now().date_naive())
        .await
        .unwrap();
    let chain: Vec<_> = d
        .linked
        .iter()
        .map(|l| (l.layanan, l.relation.as_str()))
        .collect();
    assert_eq!(
        chain,
        [
            (Layanan::Pencabutan, "lanjutan"),
            (Layanan::Penerbitan, "lanjutan")
        ]
    );

    let revocation = d.linked[0].id;
    let rd = cases::get_case(&db, revocation, now().date_naive())
        .await
        .unwrap();
    assert_eq!(rd.revocation_reason, Some(RevocationReason::DataBerubah));
    assert_eq!(rd.linked.len(), 2, "the revocation sees its chain");
    tick_all(&db, revocation).await;
    walk(
        &db,
        revocation,
        &[
            Action::BerkasLengkap,
            Action::TerbitkanRekomendasi,
            Action::AjukanAms,
            Action::TungguBsre,
            Action::Selesai,
        ],
    )
    .await;
    let after = cases::get_case(&db, revocation, now().date_naive())
        .await
        .unwrap();
    assert_eq!(after.certificates[0].status, CertStatus::Dicabut);
    assert_eq!(
        after.certificates[0].revocation_code,
        Some(4),
        "RFC 5280 superseded"
    );
}

#[tokio::test]
async fn renewal_needs_confirmed_data_and_issuance_needs_no_active_certificate() {
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    let first = issued(&db).await;
    let applicant_id = cases::get_case(&db, first, now().date_naive())
        .await
        .unwrap()
        .applicant_id;
    let mut open = OpenCase {
        applicant_id,
        layanan: Layanan::Penerbitan,
        kanal: Kanal::Loket,
        revocation_reason: None,
        data_dikonfirmasi: false,
        note: String::new(),
    };
    let err = cases::open_case(&db, &key(), &op, now(), &open)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(err),
        "layanan",
        "an active certificate is renewed, not issued again"
    );
    open.layanan = Layanan::Pembaruan;
    let err = cases::open_case(&db, &key(), &op, now(), &open)
        .await
        .unwrap_err();
    assert_eq!(field_of(err), "data_dikonfirmasi");
    open.data_dikonfirmasi = true;
    let renewal = cases::open_case(&db, &key(), &op, now(), &open)
        .await
        .unwrap();
    assert_eq!(renewal.layanan, Layanan::Pembaruan);
    let err = cases::open_case(&db, &key(), &op, now(), &open)
        .await
        .unwrap_err();
    assert_eq!(field_of(err), "layanan", "one open renewal at a time");
    open.layanan = Layanan::Pencabutan;
    let err = cases::open_case(&db, &key(), &op, now(), &open)
        .await
        .unwrap_err();
    assert_eq!(field_of(err), "revocation_reason");
}

#[tokio::test]
async fn the_expiring_view_lists_certificates_ending_within_the_configured_days() {
    let (_dir, db) = sqlite().await;
    issued(&db).await; // valid to 2028-11-25
    let today = chrono::NaiveDate::from_ymd_opt(2028, 10, 30).unwrap();
    let rows = certificates::expiring(&db, today).await.unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].days_left, 26);
    assert_eq!(rows[0].pembaruan_nomor, None);
    let earlier = chrono::NaiveDate::from_ymd_opt(2028, 10, 20).unwrap();
    assert!(
        certificates::expiring(&db, earlier)
            .await
            .unwrap()
            .is_empty(),
        "36 days is too far"
    );
    store::set_setting(&db, certificates::SETTING_EXPIRY_DAYS, "60")
        .await
        .unwrap();
    assert_eq!(certificates::expiring(&db, earlier).await.unwrap().len(), 1);

    let renewal = cases::open_case(
        &db,
        &key(),
        &Actor::named("op"),
        now(),
        &OpenCase {
            applicant_id: rows[0].applicant_id,
            layanan: Layanan::Pembaruan,
            kanal: Kanal::Loket,
            revocation_reason: None,
            data_dikonfirmasi: true,
            note: String::new(),
        },
    )
    .await
    .unwrap();
    let rows = certificates::expiring(&db, today).await.unwrap();
    assert_eq!(
        rows[0].pembaruan_nomor.as_deref(),
        Some(renewal.nomor.as_str())
    );
}

#[tokio::test]
async fn lists_filter_by_status_and_service() {
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    issued(&db).await;
    cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &ayu())
        .await
        .unwrap();
    let q = |status, layanan| CaseQuery {
        status,
        layanan,
        per_page: 20,
        ..Default::default()
    };
    let done = cases::list_cases(
        &db,
        &key(),
        &q(Some(Status::Selesai), None),
        *now().offset(),
    )
    .await
    .unwrap();
    assert_eq!(
        done.items
            .iter()
            .map(|r| r.nama.as_str())
            .collect::<Vec<_>>(),
        ["I Made Budi Santoso"]
    );
    let fresh = cases::list_cases(
        &db,
        &key(),
        &q(Some(Status::Diterima), Some(Layanan::Penerbitan)),
        *now().offset(),
    )
    .await
    .unwrap();
    assert_eq!(
        fresh
            .items
            .iter()
            .map(|r| r.nama.as_str())
            .collect::<Vec<_>>(),
        ["Ni Luh Ayu"]
    );
    assert_eq!(
        cases::list_cases(
            &db,
            &key(),
            &q(None, Some(Layanan::Pencabutan)),
            *now().offset()
        )
        .await
        .unwrap()
        .total,
        0
    );
}

#[tokio::test]
async fn revealing_a_nik_is_audited_before_it_is_shown() {
    let (_dir, db) = sqlite().await;
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &budi())
        .await
        .unwrap();
    let applicant = cases::get_case(&db, row.id, now().date_naive())
        .await
        .unwrap()
        .applicant_id;
    let before = count(&db, "audit_log").await;
    let nik = loket_core::applicants::reveal(&db, &key(), &Actor::named("desi"), now(), applicant)
        .await
        .unwrap();
    assert_eq!(nik, NIK);
    assert_eq!(count(&db, "audit_log").await, before + 1);
    let last = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "select actor, action from audit_log order by seq desc limit 1",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(last.try_get_by_index::<String>(0).unwrap(), "desi");
    assert_eq!(
        last.try_get_by_index::<String>(1).unwrap(),
        "applicant.nik.view"
    );
}

// ---- documents ------------------------------------------------------------

use loket_core::documents::{self, Mime, Purpose, Upload};

/// A JPEG of pseudo-random pixels: photos of paper compress about as badly.
fn noisy_jpeg(w: u32, h: u32) -> Vec<u8> {
    use image::{RgbImage, codecs::jpeg::JpegEncoder};
    let mut state = 0x2545_f491_u32;
    let img = RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let base = ((x / 40 + y / 40) % 2 * 120) as u8;
        image::Rgb([
            base.wrapping_add((state & 0x3f) as u8),
            base,
            (state >> 8) as u8 & 0x7f,
        ])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&img)
        .unwrap();
    out
}

/// The same JPEG with an EXIF segment carrying a location.
fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let payload = b"Exif\0\0GPS-LOKASI-RAHASIA -8.65,115.21";
    let len = (payload.len() + 2) as u16;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn attach(
    db: &DatabaseConnection,
    case_id: i64,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> loket_core::Result<documents::DocumentRow> {
    documents::attach(
        db,
        &key(),
        &mut OsRng,
        &Actor::named("op"),
        now(),
        &Upload {
            case_id,
            kind,
            filename: name,
            bytes,
        },
    )
    .await
}

#[tokio::test]
async fn a_ktp_photo_is_stored_re_encoded_without_exif_and_ticks_its_requirement() {
    let (_dir, db) = sqlite().await;
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &budi())
        .await
        .unwrap();
    let photo = with_exif(&noisy_jpeg(640, 400));
    assert!(
        photo.windows(12).any(|w| w == b"GPS-LOKASI-R"),
        "the fixture carries a location"
    );
    let doc = attach(&db, row.id, "ktp", "ktp budi.jpg", &photo)
        .await
        .unwrap();
    assert_eq!(doc.mime, Mime::Jpeg);
    let (mime, stored) = documents::read(
        &db,
        &key(),
        &Actor::named("op"),
        now(),
        doc.id,
        Purpose::View,
    )
    .await
    .unwrap();
    assert_eq!(mime, Mime::Jpeg);
    assert!(
        !stored.windows(4).any(|w| w == b"Exif"),
        "EXIF must not survive"
    );
    assert!(!stored.windows(12).any(|w| w == b"GPS-LOKASI-R"));
    assert!(
        image::load_from_memory(&stored).is_ok(),
        "still a readable picture"
    );
    let d = cases::get_case(&db, row.id, now().date_naive())
        .await
        .unwrap();
    assert!(d.requirements.iter().any(|r| r.code == "ktp" && r.checked));
    assert_eq!(d.documents.len(), 1);
    let last = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "select action from audit_log order by seq desc limit 1",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        last.try_get_by_index::<String>(0).unwrap(),
        "document.view",
        "viewing a KTP is audited"
    );
}

#[tokio::test]
async fn bad_files_are_refused_with_their_reason_and_nothing_is_stored() {
    let (_dir, db) = sqlite().await;
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &budi())
        .await
        .unwrap();
    let entries = count(&db, "audit_log").await;
    let jpeg = noisy_jpeg(300, 200);
    let cases_: [(&str, &str, Vec<u8>, &str); 6] = [
        ("ktp", "ktp.jpg", PDF.to_vec(), "JPEG atau PNG"),
        (
            "surat_permohonan",
            "besar.pdf",
            vec![0u8; 50 * 1024 * 1024],
            "terlalu besar",
        ),
        ("surat_permohonan", "kosong.pdf", vec![], "kosong"),
        (
            "ktp",
            "terpotong.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
            "rusak atau terpotong",
        ),
        (
            "surat_permohonan",
            "surat.pdf",
            PDF[..PDF.len() - 7].to_vec(),
            "terpotong",
        ),
        (
            "surat_permohonan",
            "surat.docx",
            b"PK\x03\x04 bukan pdf".to_vec(),
            "hanya PDF, JPEG atau PNG",
        ),
    ];
    for (kind, name, bytes, why) in cases_ {
        let err = attach(&db, row.id, kind, name, &bytes).await.unwrap_err();
        assert!(
            err.to_string().contains(why)
                || matches!(&err, Error::Invalid { fields, .. } if fields.values().any(|m| m.contains(why))),
            "{name}: {err:?}"
        );
    }
    assert_eq!(count(&db, "documents").await, 0);
    assert_eq!(
        count(&db, "audit_log").await,
        entries,
        "a refusal writes nothing"
    );
    // The type comes from the content: a PDF named .jpg is a PDF.
    let doc = attach(&db, row.id, "surat_permohonan", "surat.jpg", PDF)
        .await
        .unwrap();
    assert_eq!(doc.mime, Mime::Pdf);
}

#[tokio::test]
async fn a_document_swapped_between_cases_or_altered_is_refused() {
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    let a = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &budi())
        .await
        .unwrap();
    let b = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &ayu())
        .await
        .unwrap();
    let da = attach(&db, a.id, "surat_permohonan", "a.pdf", PDF)
        .await
        .unwrap();
    let db_ = attach(&db, b.id, "surat_permohonan", "b.pdf", PDF)
        .await
        .unwrap();
    db.execute_unprepared(&format!(
        "update documents set cipher = (select cipher from documents where id = {}) where id = {}",
        da.id, db_.id
    ))
    .await
    .unwrap();
    let err = documents::read(&db, &key(), &op, now(), db_.id, Purpose::View)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("tidak cocok"), "{err}");
    db.execute_unprepared(&format!(
        "update documents set case_id = {} where id = {}",
        b.id, da.id
    ))
    .await
    .unwrap();
    assert!(
        documents::read(&db, &key(), &op, now(), da.id, Purpose::View)
            .await
            .is_err(),
        "moved to another case"
    );
    let c = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &{
        let mut n = budi();
        n.applicant.nik = "5171011011670077".into();
        n.applicant.nik_ulang = n.applicant.nik.clone();
        n
    })
    .await
    .unwrap();
    let dc = attach(&db, c.id, "surat_permohonan", "c.pdf", PDF)
        .await
        .unwrap();
    db.execute_unprepared(&format!(
        "update documents set cipher = substr(cipher, 1, 30) || x'00' || substr(cipher, 32) where id = {}",
        dc.id
    ))
    .await
    .unwrap();
    assert!(
        documents::read(&db, &key(), &op, now(), dc.id, Purpose::View)
            .await
            .is_err(),
        "altered bytes"
    );
}

#[tokio::test]
async fn a_ktp_export_fits_bsre_upload_limit() {
    let (_dir, db) = sqlite().await;
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &budi())
        .await
        .unwrap();
    let photo = noisy_jpeg(1600, 1000);
    assert!(
        photo.len() > 300 * 1024,
        "the fixture must start above the limit ({} bytes)",
        photo.len()
    );
    let doc = attach(&db, row.id, "ktp", "ktp.jpg", &photo).await.unwrap();
    let (mime, out) = documents::read(
        &db,
        &key(),
        &Actor::named("op"),
        now(),
        doc.id,
        Purpose::ExportForBsre,
    )
    .await
    .unwrap();
    assert_eq!(mime, Mime::Jpeg);
    assert!(out.len() <= 300 * 1024, "{} bytes", out.len());
    assert!(image::load_from_memory(&out).is_ok());
}

#[tokio::test]
async fn lists_count_up_to_the_cap_and_say_there_are_more() {
    let (_dir, db) = sqlite().await;
    let row = cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &budi())
        .await
        .unwrap();
    // Bulk copies of the one case, straight into the table: a fixture, not intake.
    db.execute_unprepared(&format!(
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1100) \
         insert into cases (nomor, applicant_id, layanan, status, kanal, created_by, created_at, updated_at) \
         select 'X-' || i, applicant_id, layanan, status, kanal, created_by, created_at, updated_at \
         from n, cases where cases.id = {}",
        row.id
    ))
    .await
    .unwrap();
    let page = cases::list_cases(
        &db,
        &key(),
        &CaseQuery {
            per_page: 25,
            ..Default::default()
        },
        *now().offset(),
    )
    .await
    .unwrap();
    assert_eq!((page.total, page.total_capped), (cases::COUNT_CAP, true));
    assert_eq!(page.items.len(), 25);
    let one = cases::list_cases(
        &db,
        &key(),
        &CaseQuery {
            q: "196711101992031001".into(),
            per_page: 25,
            ..Default::default()
        },
        *now().offset(),
    )
    .await
    .unwrap();
    assert!(
        one.total_capped,
        "the same person's 1101 cases are also more than the cap"
    );
    let none = cases::list_cases(
        &db,
        &key(),
        &CaseQuery {
            q: "zzz".into(),
            per_page: 25,
            ..Default::default()
        },
        *now().offset(),
    )
    .await
    .unwrap();
    assert_eq!((none.total, none.total_capped), (0, false));
}

#[tokio::test]
async fn lists_filter_by_organisation_and_day_and_show_the_desk_queue() {
    let (_dir, db) = sqlite().await;
    let op = Actor::named("op");
    let first = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, now(), &budi())
        .await
        .unwrap();
    let mut other = ayu();
    other.applicant.instansi = "Badan Kepegawaian".into();
    let later = DateTime::parse_from_rfc3339("2026-11-24T08:00:00+08:00").unwrap();
    let second = cases::open_penerbitan(&db, &key(), &mut OsRng, &op, later, &other)
        .await
        .unwrap();
    let tz = *now().offset();
    let q = |f: &dyn Fn(&mut CaseQuery)| {
        let mut q = CaseQuery {
            per_page: 20,
            ..Default::default()
        };
        f(&mut q);
        q
    };
    let names = |p: cases::CasePage| p.items.into_iter().map(|r| r.nama).collect::<Vec<_>>();

    let orgs = cases::organisations(&db).await.unwrap();
    assert_eq!(
        orgs.instansi,
        ["Badan Kepegawaian", "Dinas Kominfo dan Statistik"]
    );
    let by_org = cases::list_cases(
        &db,
        &key(),
        &q(&|q| q.instansi = "Badan Kepegawaian".into()),
        tz,
    )
    .await
    .unwrap();
    assert_eq!(names(by_org), ["Ni Luh Ayu"]);

    let on_22 = q(&|q| {
        q.dari = "2026-11-22".into();
        q.sampai = "2026-11-22".into();
    });
    assert_eq!(
        names(cases::list_cases(&db, &key(), &on_22, tz).await.unwrap()),
        ["I Made Budi Santoso"]
    );
    let from_23 = q(&|q| q.dari = "2026-11-23".into());
    assert_eq!(
        names(cases::list_cases(&db, &key(), &from_23, tz).await.unwrap()),
        ["Ni Luh Ayu"]
    );
    let bad = cases::list_cases(&db, &key(), &q(&|q| q.dari = "22-11-2026".into()), tz)
        .await
        .unwrap_err();
    assert_eq!(field_of(bad), "dari");

    // The queue holds what waits on the desk, oldest first; a case waiting on
    // the applicant's missing documents leaves it.
    let queue = q(&|q| q.antrian = true);
    assert_eq!(
        names(cases::list_cases(&db, &key(), &queue, tz).await.unwrap()),
        ["I Made Budi Santoso", "Ni Luh Ayu"]
    );
    walk(&db, second.id, &[Action::BerkasKurang]).await;
    assert_eq!(
        names(cases::list_cases(&db, &key(), &queue, tz).await.unwrap()),
        ["I Made Budi Santoso"]
    );
    assert!(first.id < second.id);
}
