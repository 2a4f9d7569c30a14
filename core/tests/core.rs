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

// ---- letters -------------------------------------------------------------

use loket_core::letters::{
    self, Form, Jenis, LetterQuery, LetterSettings, LetterStatus, NewLetter,
};

fn letter_settings() -> LetterSettings {
    let mut s = LetterSettings::default();
    s.penandatangan[0].nama = "Dr. I Gusti Ngurah Rai, S.Kom., M.T.".into();
    s.penandatangan[0].pangkat = "Pembina Utama Muda (IV/c)".into();
    s.penandatangan[0].nip = "197001011995031001".into();
    s.tembusan = vec!["Wali Kota Denpasar (sebagai laporan)".into()];
    s
}

async fn with_letter_settings(db: &DatabaseConnection) {
    letters::save_settings(
        db,
        &key(),
        &Actor::named("admin"),
        now(),
        &letter_settings(),
    )
    .await
    .unwrap();
}

/// An applicant numbered `n` (distinct NIK and NIP, same birth date and instansi).
fn pegawai(n: u32, nama: &str) -> NewPenerbitan {
    let mut p = budi();
    p.applicant.nama = nama.into();
    p.applicant.nik = format!("517101101167{n:04}");
    p.applicant.nik_ulang = p.applicant.nik.clone();
    p.applicant.nip = format!("196711101992031{n:03}");
    p.applicant.email = format!("pegawai{n}@denpasarkota.go.id");
    p
}

async fn complete_case(db: &DatabaseConnection, who: &NewPenerbitan) -> i64 {
    let row = cases::open_penerbitan(db, &key(), &mut OsRng, &Actor::named("op"), now(), who)
        .await
        .unwrap();
    tick_all(db, row.id).await;
    walk(db, row.id, &[Action::BerkasLengkap]).await;
    row.id
}

async fn draft(db: &DatabaseConnection, jenis: Jenis, case_ids: Vec<i64>) -> i64 {
    letters::create_draft(
        db,
        &key(),
        &Actor::named("op"),
        now(),
        &NewLetter {
            jenis: Some(jenis),
            case_ids,
            penandatangan: 0,
        },
    )
    .await
    .unwrap()
    .id
}

async fn issue(db: &DatabaseConnection, id: i64) -> letters::LetterRow {
    letters::issue(db, &key(), &Actor::named("verifikator"), now(), id)
        .await
        .unwrap()
}

fn tool(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = std::process::Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} must be installed (make setup): {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Checks a letter PDF with the real PDF tools and returns its text.
fn checked_pdf(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    let (ok, out) = tool("qpdf", &["--check", p]);
    assert!(
        ok && out.contains("No syntax or stream encoding errors"),
        "{name}: {out}"
    );
    let (ok, fonts) = tool("pdffonts", &[p]);
    assert!(ok, "{fonts}");
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name} has no fonts");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type(2 words) encoding emb sub uni id gen
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "{name}: font not embedded+subset+unicode: {row}"
        );
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "{name}: {row}"
        );
    }
    let (ok, text) = tool("pdftotext", &[p, "-"]);
    assert!(ok, "{text}");
    text
}

fn golden(name: &str, text: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("LOKET_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("golden file {} missing", path.display()));
    assert_eq!(text, want, "text of {name} differs from its golden file");
}

fn pages(dir: &std::path::Path, name: &str) -> u32 {
    let (_, info) = tool("pdfinfo", &[dir.join(name).to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|v| v.trim().parse().unwrap())
        .unwrap()
}

#[tokio::test]
async fn every_letter_type_renders_numbered_with_subset_fonts_and_golden_text() {
    let (dir, db) = sqlite().await;
    with_letter_settings(&db).await;
    // Kept under target/ so the rendered letters can be looked at.
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("letters");
    std::fs::create_dir_all(&out).unwrap();
    let out = tempfile::Builder::new()
        .disable_cleanup(true)
        .tempdir_in(&out)
        .unwrap();
    let actor = Actor::named("verifikator");

    // One applicant per kind of letter; the template puts her name in literally.
    let mut tricky = pegawai(1, "Ni Luh {alasan} <b>Ayu</b>");
    tricky.applicant.jabatan = "Pranata Komputer".into();
    let single = complete_case(&db, &tricky).await;
    let a = complete_case(&db, &pegawai(2, "I Wayan Sudarma")).await;
    let b = complete_case(&db, &pegawai(3, "Ni Made Sari")).await;
    let rejected = cases::open_penerbitan(
        &db,
        &key(),
        &mut OsRng,
        &Actor::named("op"),
        now(),
        &pegawai(4, "I Ketut Arya"),
    )
    .await
    .unwrap()
    .id;
    walk(&db, rejected, &[Action::Tolak]).await;
    // A certificate holder asks for renewal and another for revocation.
    let holder = complete_case(&db, &pegawai(5, "I Nyoman Darma")).await;
    let holder_letter = draft(&db, Jenis::RekomendasiPendaftaran, vec![holder]).await;
    issue(&db, holder_letter).await;
    walk(&db, holder, &ISSUE[2..]).await;
    let holder2 = complete_case(&db, &pegawai(6, "Ni Ketut Wati")).await;
    let l = draft(&db, Jenis::RekomendasiPendaftaran, vec![holder2]).await;
    issue(&db, l).await;
    walk(&db, holder2, &ISSUE[2..]).await;
    let applicant_of = |id: i64| {
        let db = &db;
        async move {
            cases::get_case(db, id, now().date_naive())
                .await
                .unwrap()
                .applicant_id
        }
    };
    let renew = cases::open_case(
        &db,
        &key(),
        &actor,
        now(),
        &OpenCase {
            applicant_id: applicant_of(holder).await,
            layanan: Layanan::Pembaruan,
            kanal: Kanal::Loket,
            revocation_reason: None,
            data_dikonfirmasi: true,
            note: String::new(),
        },
    )
    .await
    .unwrap()
    .id;
    let revoke = cases::open_case(
        &db,
        &key(),
        &actor,
        now(),
        &OpenCase {
            applicant_id: applicant_of(holder2).await,
            layanan: Layanan::Pencabutan,
            kanal: Kanal::Loket,
            revocation_reason: Some(RevocationReason::Mutasi),
            data_dikonfirmasi: false,
            note: String::new(),
        },
    )
    .await
    .unwrap()
    .id;
    for id in [renew, revoke] {
        tick_all(&db, id).await;
        walk(&db, id, &[Action::BerkasLengkap]).await;
    }

    let kinds = [
        (
            "rekomendasi-pendaftaran.txt",
            Jenis::RekomendasiPendaftaran,
            vec![single],
            1,
        ),
        (
            "rekomendasi-kolektif.txt",
            Jenis::RekomendasiPendaftaran,
            vec![a, b],
            2,
        ),
        (
            "rekomendasi-pembaruan.txt",
            Jenis::RekomendasiPembaruan,
            vec![renew],
            1,
        ),
        (
            "rekomendasi-pencabutan.txt",
            Jenis::RekomendasiPencabutan,
            vec![revoke],
            1,
        ),
        (
            "pemberitahuan-penolakan.txt",
            Jenis::Penolakan,
            vec![rejected],
            1,
        ),
    ];
    for (name, jenis, ids, page_count) in kinds {
        let id = draft(&db, jenis, ids.clone()).await;
        let row = issue(&db, id).await;
        let nomor = row.nomor.clone().unwrap();
        assert!(
            nomor.starts_with("000.8.3.3/") && nomor.ends_with("/DKIS/2026"),
            "{nomor}"
        );
        for form in [Form::Basah, Form::Elektronik] {
            let (file, bytes) = letters::export(&db, &key(), &actor, now(), id, form)
                .await
                .unwrap();
            assert!(
                bytes.len() <= 100 * 1024 || page_count > 1,
                "{file}: {} bytes",
                bytes.len()
            );
            let text = checked_pdf(out.path(), &file, &bytes);
            assert_eq!(pages(out.path(), &file), page_count, "{file}");
            assert!(text.contains(&nomor), "{file} lacks its number");
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let footer = words.contains("Balai Besar Sertifikasi Elektronik (BSrE), BSSN.");
            assert_eq!(
                footer,
                form == Form::Elektronik,
                "{file}: BSrE footer only on the electronic form"
            );
            if form == Form::Basah {
                golden(name, &text);
            }
        }
        if jenis.layanan().is_some() {
            for c in ids {
                let detail = cases::get_case(&db, c, now().date_naive()).await.unwrap();
                assert_eq!(
                    detail.case.status,
                    Status::RekomendasiTerbit,
                    "issuing moves the case on"
                );
            }
        }
    }
    // The receipt: registration number, documents, promised date (3 working days).
    let (file, bytes) =
        letters::receipt(&db, &key(), &Actor::named("Petugas Loket"), now(), single)
            .await
            .unwrap();
    let text = checked_pdf(out.path(), &file, &bytes);
    golden("tanda-terima.txt", &text);
    assert!(
        text.contains("25 November 2026"),
        "22 Nov 2026 (Sunday) + 3 working days"
    );
    drop(dir);
}

#[tokio::test]
async fn drafts_have_no_number_and_print_a_draft_mark() {
    let (_dir, db) = sqlite().await;
    with_letter_settings(&db).await;
    let out = tempfile::tempdir().unwrap();
    let case = complete_case(&db, &pegawai(1, "I Wayan Sudarma")).await;
    let id = draft(&db, Jenis::RekomendasiPendaftaran, vec![case]).await;
    let op = Actor::named("op");
    // A letterhead logo (PNG with transparency) lands on the page as one JPEG image.
    let logo = image::RgbaImage::from_fn(120, 140, |x, y| {
        image::Rgba([20, 80, 160, if (x + y) % 7 == 0 { 0 } else { 255 }])
    });
    let mut png = std::io::Cursor::new(Vec::new());
    logo.write_to(&mut png, image::ImageFormat::Png).unwrap();
    letters::set_logo(&db, &key(), &Actor::named("admin"), now(), png.get_ref())
        .await
        .unwrap();
    let refused = letters::set_logo(
        &db,
        &key(),
        &Actor::named("admin"),
        now(),
        b"%PDF-1.4 bukan gambar",
    )
    .await;
    assert_eq!(field_of(refused.unwrap_err()), "file");
    let (file, bytes) = letters::export(&db, &key(), &op, now(), id, Form::Basah)
        .await
        .unwrap();
    let text = checked_pdf(out.path(), &file, &bytes);
    assert!(text.contains("(draf, belum bernomor)"), "{text}");
    let (_, images) = tool(
        "pdfimages",
        &["-list", out.path().join(&file).to_str().unwrap()],
    );
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    assert!(
        rows[0].contains("jpeg") && rows[0].contains("120") && rows[0].contains("140"),
        "{images}"
    );
    // The mark is drawn first and diagonally: in content order it is one word.
    let (_, raw) = tool(
        "pdftotext",
        &["-raw", out.path().join(&file).to_str().unwrap(), "-"],
    );
    assert!(raw.starts_with("DRAFT"), "{raw}");
    let refused = letters::export(&db, &key(), &op, now(), id, Form::Elektronik).await;
    assert_eq!(field_of(refused.unwrap_err()), "letter");
    // A second recommendation for the same case is refused while the first stands.
    let twice = letters::create_draft(
        &db,
        &key(),
        &op,
        now(),
        &NewLetter {
            jenis: Some(Jenis::RekomendasiPendaftaran),
            case_ids: vec![case],
            penandatangan: 0,
        },
    )
    .await;
    assert_eq!(field_of(twice.unwrap_err()), "case_ids");
    // A case whose file is not complete gets no recommendation.
    let early = cases::open_penerbitan(
        &db,
        &key(),
        &mut OsRng,
        &op,
        now(),
        &pegawai(2, "Ni Made Sari"),
    )
    .await
    .unwrap();
    let refused = letters::create_draft(
        &db,
        &key(),
        &op,
        now(),
        &NewLetter {
            jenis: Some(Jenis::RekomendasiPendaftaran),
            case_ids: vec![early.id],
            penandatangan: 0,
        },
    )
    .await;
    assert_eq!(field_of(refused.unwrap_err()), "case_ids");
}

#[tokio::test]
async fn a_void_letter_keeps_its_number_and_the_serial_restarts_each_year() {
    let (_dir, db) = sqlite().await;
    with_letter_settings(&db).await;
    let v = Actor::named("verifikator");
    let mut ids = vec![];
    for n in 1..=3 {
        let nama = ["", "I Wayan Sudarma", "Ni Made Sari", "I Ketut Arya"][n as usize];
        let c = complete_case(&db, &pegawai(n, nama)).await;
        ids.push(draft(&db, Jenis::RekomendasiPendaftaran, vec![c]).await);
    }
    let first = issue(&db, ids[0]).await;
    let voided = letters::void(&db, &key(), &v, now(), ids[0], "Salah penandatangan")
        .await
        .unwrap();
    assert_eq!(voided.status, LetterStatus::Batal);
    assert_eq!(voided.nomor, first.nomor, "a void letter keeps its number");
    assert_eq!(
        field_of(
            letters::void(&db, &key(), &v, now(), ids[1], " ")
                .await
                .unwrap_err()
        ),
        "void_reason"
    );
    let second = issue(&db, ids[1]).await;
    assert_eq!(
        second.nomor.as_deref(),
        Some("000.8.3.3/2/DKIS/2026"),
        "the void number is not reused"
    );
    assert!(
        letters::export(&db, &key(), &v, now(), ids[0], Form::Basah)
            .await
            .is_err()
    );
    let new_year = DateTime::parse_from_rfc3339("2027-01-04T08:00:00+07:00").unwrap();
    let third = letters::issue(&db, &key(), &v, new_year, ids[2])
        .await
        .unwrap();
    assert_eq!(third.nomor.as_deref(), Some("000.8.3.3/1/DKIS/2027"));
    let register = letters::list(
        &db,
        &LetterQuery {
            tahun: Some(2026),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let numbers: Vec<_> = register
        .iter()
        .map(|r| (r.nomor.clone().unwrap(), r.status))
        .collect();
    assert_eq!(
        numbers,
        [
            ("000.8.3.3/2/DKIS/2026".to_string(), LetterStatus::Terbit),
            ("000.8.3.3/1/DKIS/2026".to_string(), LetterStatus::Batal),
        ]
    );
    assert!(matches!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

/// Child of `two_processes_issue_distinct_consecutive_numbers`: issues the
/// letters named in `LOKET_CHILD_LETTERS` on the database `LOKET_CHILD_DB`.
#[tokio::test]
#[ignore = "run by two_processes_issue_distinct_consecutive_numbers as a child process"]
async fn child_process_issues_letters() {
    let url = std::env::var("LOKET_CHILD_DB").expect("started by the parent test");
    let ids = std::env::var("LOKET_CHILD_LETTERS").expect("started by the parent test");
    let db = store::open(&url).await.unwrap();
    let me = Actor::named(format!("desk-{}", std::process::id()));
    for id in ids.split(',') {
        let t = chrono::Utc::now().fixed_offset();
        letters::issue(&db, &key(), &me, t, id.parse().unwrap())
            .await
            .unwrap();
    }
}

async fn issue_from_two_processes(url: &str, db: &DatabaseConnection, n: usize) {
    let mut ids = vec![];
    for i in 0..n {
        let c = cases::open_penerbitan(
            db,
            &key(),
            &mut OsRng,
            &Actor::named("op"),
            now(),
            &pegawai(i as u32 + 1, "Pegawai"),
        )
        .await
        .unwrap()
        .id;
        walk(db, c, &[Action::Tolak]).await;
        ids.push(draft(db, Jenis::Penolakan, vec![c]).await.to_string());
    }
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = [0, 1]
        .map(|k| {
            let mine: Vec<_> = ids.iter().skip(k).step_by(2).cloned().collect();
            std::process::Command::new(&exe)
                .args([
                    "--ignored",
                    "--exact",
                    "child_process_issues_letters",
                    "--nocapture",
                ])
                .env("LOKET_CHILD_DB", url)
                .env("LOKET_CHILD_LETTERS", mine.join(","))
                .spawn()
                .unwrap()
        })
        .into_iter()
        .collect();
    for mut c in children {
        assert!(
            c.wait().unwrap().success(),
            "a child process failed to issue"
        );
    }
    let register = letters::list(db, &LetterQuery::default()).await.unwrap();
    let mut serials: Vec<u32> = register
        .iter()
        .map(|r| {
            r.nomor
                .as_ref()
                .unwrap()
                .split('/')
                .nth(1)
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    serials.sort_unstable();
    let want: Vec<u32> = (1..=n as u32).collect();
    assert_eq!(
        serials, want,
        "numbers are distinct and consecutive, no gap"
    );
    assert!(register.iter().all(|r| r.status == LetterStatus::Terbit));
    assert!(matches!(
        audit::verify(db, &key()).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

#[tokio::test]
async fn two_processes_issue_distinct_consecutive_numbers_on_sqlite() {
    let (dir, db) = sqlite().await;
    with_letter_settings(&db).await;
    issue_from_two_processes(&store::sqlite_url(dir.path()), &db, 24).await;
}

#[tokio::test]
async fn two_processes_issue_distinct_consecutive_numbers_on_postgresql() {
    let url = std::env::var("LOKET_TEST_POSTGRES_URL")
        .expect("make test starts PostgreSQL and sets LOKET_TEST_POSTGRES_URL");
    let (url, db) = fresh_postgres(&url).await;
    with_letter_settings(&db).await;
    issue_from_two_processes(&url, &db, 24).await;
}

/// A new, empty database on the test server, so this test shares no rows with
/// the others running at the same time.
async fn fresh_postgres(url: &str) -> (String, DatabaseConnection) {
    let admin = sea_orm::Database::connect(url).await.unwrap();
    let name = format!("loket_letters_{}", std::process::id());
    admin
        .execute_unprepared(&format!("drop database if exists {name}"))
        .await
        .unwrap();
    admin
        .execute_unprepared(&format!("create database {name}"))
        .await
        .unwrap();
    let (base, _) = url.rsplit_once('/').unwrap();
    let (_, query) = url.split_once('?').map_or(("", ""), |(a, q)| (a, q));
    let new_url = if query.is_empty() {
        format!("{base}/{name}")
    } else {
        format!("{base}/{name}?{query}")
    };
    let db = store::open(&new_url).await.unwrap();
    (new_url, db)
}

/// pyHanko (from PyPI, installed by `make setup` into target/pytools).
fn pyhanko() -> std::path::PathBuf {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/pytools/bin/pyhanko");
    assert!(
        p.exists(),
        "pyHanko is missing: run `make setup` (installs it into target/pytools)"
    );
    p
}

#[tokio::test]
async fn an_electronically_signed_letter_is_recognised_intact_and_appending_breaks_it() {
    let (_dir, db) = sqlite().await;
    with_letter_settings(&db).await;
    let work = tempfile::tempdir().unwrap();
    let w = |n: &str| work.path().join(n).to_str().unwrap().to_string();
    let v = Actor::named("verifikator");
    let mut ids = vec![];
    for (n, nama) in [(1, "I Wayan Sudarma"), (2, "Ni Made Sari")] {
        let c = complete_case(&db, &pegawai(n, nama)).await;
        let id = draft(&db, Jenis::RekomendasiPendaftaran, vec![c]).await;
        issue(&db, id).await;
        ids.push(id);
    }
    // A throwaway signing certificate.
    let (ok, out) = tool(
        "openssl",
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=Penandatangan Uji Loket",
            "-keyout",
            &w("key.pem"),
            "-out",
            &w("cert.pem"),
        ],
    );
    assert!(ok, "{out}");
    let (_, bytes) = letters::export(&db, &key(), &v, now(), ids[0], Form::Elektronik)
        .await
        .unwrap();
    std::fs::write(w("surat.pdf"), &bytes).unwrap();
    assert!(
        !letters::signed::inspect(&bytes).present,
        "handed to the signer unsigned"
    );
    let hanko = pyhanko();
    let (ok, out) = tool(
        hanko.to_str().unwrap(),
        &[
            "sign",
            "addsig",
            "--field",
            letters::pdf::SIGNATURE_FIELD,
            "pemder",
            "--key",
            &w("key.pem"),
            "--cert",
            &w("cert.pem"),
            "--no-pass",
            &w("surat.pdf"),
            &w("surat-ttd.pdf"),
        ],
    );
    assert!(ok, "pyHanko could not sign the empty field: {out}");
    let (ok, out) = tool(
        hanko.to_str().unwrap(),
        &[
            "sign",
            "validate",
            "--pretty-print",
            "--trust-replace",
            "--trust",
            &w("cert.pem"),
            &w("surat-ttd.pdf"),
        ],
    );
    assert!(
        ok && out.contains("The signature is cryptographically sound.")
            && out.contains("The signature covers the entire file.")
            && out.contains("The signature is judged VALID."),
        "pyHanko validation: {out}"
    );
    let signed = std::fs::read(w("surat-ttd.pdf")).unwrap();
    let filed = letters::attach_signed(
        &db,
        &key(),
        &mut OsRng,
        &v,
        now(),
        &letters::SignedUpload {
            letter_id: ids[0],
            filename: "surat-ttd.pdf",
            bytes: &signed,
        },
    )
    .await
    .unwrap();
    let check = filed.check.unwrap();
    assert!(check.present && check.covers_whole_file, "{check:?}");
    assert!(
        filed.matches_export,
        "the signed file starts with Loket's export"
    );
    assert_eq!(filed.letter.status, LetterStatus::Final);
    assert_eq!(filed.letter.signed_kind.as_deref(), Some("elektronik"));
    let (_, _, back) = letters::read_signed(&db, &key(), &v, now(), ids[0])
        .await
        .unwrap();
    assert_eq!(back, signed);

    // Bytes appended after signing: recognised, and the copy is refused.
    let mut tampered = signed.clone();
    tampered.extend_from_slice(b"\n% ditambahkan setelah ditandatangani\n");
    let c = letters::signed::inspect(&tampered);
    assert!(c.present && !c.covers_whole_file, "{c:?}");
    let refused = letters::attach_signed(
        &db,
        &key(),
        &mut OsRng,
        &v,
        now(),
        &letters::SignedUpload {
            letter_id: ids[1],
            filename: "x.pdf",
            bytes: &tampered,
        },
    )
    .await;
    assert_eq!(field_of(refused.unwrap_err()), "file");
    let row = &letters::list(&db, &LetterQuery::default()).await.unwrap();
    assert!(
        row.iter()
            .any(|r| r.id == ids[1] && r.status == LetterStatus::Terbit),
        "nothing saved"
    );
    assert!(matches!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

// ---- operators, sign-in, credentials -------------------------------------

use loket_core::credentials::{self, Credential};
use loket_core::operators::{self, Change, NewOperator, Password, Role};

fn new_operator(username: &str, roles: &[Role], password: &str) -> NewOperator {
    NewOperator {
        username: username.into(),
        nama: format!("Nama {username}"),
        roles: roles.to_vec(),
        password: Password::from(password),
        password_ulang: Password::from(password),
    }
}

fn at(seconds: i64) -> DateTime<FixedOffset> {
    now() + chrono::Duration::seconds(seconds)
}

/// A desk with its data key in a throwaway keyring service, like a first start.
async fn desk_with_keyring(
    dir: &std::path::Path,
    service: &str,
) -> (DatabaseConnection, DataKey, OsKeyring) {
    let ring = OsKeyring::with_service(service);
    let desk = loket_core::desk::open(&store::sqlite_url(dir), &ring, &mut OsRng)
        .await
        .unwrap();
    (desk.db, desk.key, ring)
}

#[tokio::test]
async fn sign_in_delays_from_the_fifth_failure_and_locks_at_the_tenth() {
    let (_dir, db) = sqlite().await;
    let admin = Actor::named("admin");
    operators::create(
        &db,
        &key(),
        &mut OsRng,
        &admin,
        now(),
        &new_operator("ayu", &[Role::Operator], "kata-sandi-ayu-1"),
    )
    .await
    .unwrap();
    let wrong = Password::from("bukan-sandinya");
    let mut t = 0;
    for n in 1..=10 {
        let e = operators::sign_in(&db, &key(), at(t), "ayu", &wrong)
            .await
            .unwrap_err();
        let msg = e.to_string() + &format!("{e:?}");
        if n < 10 {
            assert!(msg.contains("salah"), "attempt {n}: {msg}");
        } else {
            assert!(msg.contains("terkunci"), "the 10th failure locks: {msg}");
        }
        if (5..10).contains(&n) {
            // Too early: refused without counting, and says how long to wait.
            let wait = operators::delay_seconds(n);
            let early = operators::sign_in(&db, &key(), at(t + wait - 1), "ayu", &wrong)
                .await
                .unwrap_err();
            assert!(format!("{early:?}").contains("Tunggu 1 detik"), "{early:?}");
            t += wait;
        }
        t += 1;
    }
    // Locked: even the right password is refused until an admin unlocks.
    let right = Password::from("kata-sandi-ayu-1");
    let locked = operators::sign_in(&db, &key(), at(t + 3600), "ayu", &right)
        .await
        .unwrap_err();
    assert!(format!("{locked:?}").contains("terkunci"));
    let rows = operators::list(&db).await.unwrap();
    assert!(rows[0].locked && rows[0].failed_count == 10);
    operators::change(
        &db,
        &key(),
        &admin,
        at(t + 3600),
        rows[0].id,
        Change::Unlock,
    )
    .await
    .unwrap();
    let s = operators::sign_in(&db, &key(), at(t + 3601), "ayu", &right)
        .await
        .unwrap();
    assert_eq!(s.roles, [Role::Operator]);
    let actions: Vec<String> = loket_core::entities::audit_log::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for a in [
        "operator.create",
        "signin.failed",
        "operator.lock",
        "operator.unlock",
        "signin",
    ] {
        assert!(actions.iter().any(|x| x == a), "audit has {a}: {actions:?}");
    }
    assert_eq!(
        actions.iter().filter(|a| *a == "signin.failed").count(),
        10,
        "early attempts are not failures"
    );
}

#[tokio::test]
async fn operators_are_checked_deactivated_and_keep_their_history() {
    let (_dir, db) = sqlite().await;
    let admin = Actor::named("admin");
    let first = operators::create(
        &db,
        &key(),
        &mut OsRng,
        &admin,
        now(),
        &new_operator("kepala", &[Role::Admin], "sandi-kepala-001"),
    )
    .await
    .unwrap();
    let mut bad = new_operator("Ayu Ganteng!", &[], "pendek");
    bad.password_ulang = Password::from("lain");
    let e = operators::create(&db, &key(), &mut OsRng, &admin, now(), &bad)
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "password,password_ulang,roles,username");
    assert!(
        operators::create(
            &db,
            &key(),
            &mut OsRng,
            &admin,
            now(),
            &new_operator("kios1", &[Role::Kiosk, Role::Operator], "sandi-kios-0001")
        )
        .await
        .is_err()
    );
    // The last admin can neither lose the role nor be deactivated.
    assert_eq!(
        field_of(
            operators::set_roles(&db, &key(), &admin, now(), first.id, &[Role::Operator])
                .await
                .unwrap_err()
        ),
        "roles"
    );
    assert_eq!(
        field_of(
            operators::change(&db, &key(), &admin, now(), first.id, Change::Deactivate)
                .await
                .unwrap_err()
        ),
        "roles"
    );
    let op = operators::create(
        &db,
        &key(),
        &mut OsRng,
        &admin,
        now(),
        &new_operator("wayan", &[Role::Operator], "sandi-wayan-001"),
    )
    .await
    .unwrap();
    let row = operators::set_roles(
        &db,
        &key(),
        &admin,
        now(),
        op.id,
        &[Role::Verifikator, Role::Operator],
    )
    .await
    .unwrap();
    assert_eq!(row.roles, [Role::Verifikator, Role::Operator]);
    operators::change(&db, &key(), &admin, now(), op.id, Change::Deactivate)
        .await
        .unwrap();
    let e = operators::sign_in(
        &db,
        &key(),
        now(),
        "wayan",
        &Password::from("sandi-wayan-001"),
    )
    .await
    .unwrap_err();
    assert!(format!("{e:?}").contains("dinonaktifkan"));
    assert_eq!(
        operators::list(&db).await.unwrap().len(),
        2,
        "a deactivated operator stays on record"
    );
    // Reset by the admin, then the operator changes it.
    operators::change(&db, &key(), &admin, now(), op.id, Change::Activate)
        .await
        .unwrap();
    operators::reset_password(
        &db,
        &key(),
        &mut OsRng,
        &admin,
        now(),
        op.id,
        &Password::from("sandi-baru-wayan"),
    )
    .await
    .unwrap();
    let s = operators::sign_in(
        &db,
        &key(),
        now(),
        "wayan",
        &Password::from("sandi-baru-wayan"),
    )
    .await
    .unwrap();
    let e = operators::change_password(
        &db,
        &key(),
        &mut OsRng,
        now(),
        &s,
        &operators::PasswordChange {
            password_lama: Password::from("salah-lama-123"),
            password: Password::from("sandi-ketiga-wayan"),
            password_ulang: Password::from("sandi-ketiga-wayan"),
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "password_lama");
    operators::change_password(
        &db,
        &key(),
        &mut OsRng,
        now(),
        &s,
        &operators::PasswordChange {
            password_lama: Password::from("sandi-baru-wayan"),
            password: Password::from("sandi-ketiga-wayan"),
            password_ulang: Password::from("sandi-ketiga-wayan"),
        },
    )
    .await
    .unwrap();
    operators::sign_in(
        &db,
        &key(),
        now(),
        "wayan",
        &Password::from("sandi-ketiga-wayan"),
    )
    .await
    .unwrap();
    assert!(matches!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

#[test]
fn first_run_recovery_key_re_enrolls_the_data_key_and_remember_me_keeps_only_a_token() {
    let _turn = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let service = format!("id.go.loket.test.recovery.{}", std::process::id());
        let (db, key, ring) = desk_with_keyring(dir.path(), &service).await;
        let (first, _) = operators::first_run(
            &db,
            &key,
            &ring,
            &mut OsRng,
            now(),
            &new_operator(
                "kepala",
                &[Role::Admin, Role::Verifikator, Role::Operator],
                "sandi-kepala-001",
            ),
        )
        .await
        .unwrap();
        assert!(
            operators::first_run(
                &db,
                &key,
                &ring,
                &mut OsRng,
                now(),
                &new_operator("lain", &[Role::Admin], "sandi-lain-0001")
            )
            .await
            .is_err(),
            "only once"
        );
        // "Remember me": the keyring holds a token, never the password.
        let s = operators::sign_in(
            &db,
            &key,
            now(),
            "kepala",
            &Password::from("sandi-kepala-001"),
        )
        .await
        .unwrap();
        operators::remember(&db, &ring, &mut OsRng, now(), &s)
            .await
            .unwrap();
        let token = ring.get(operators::REMEMBER_ENTRY).unwrap().unwrap();
        assert!(!String::from_utf8_lossy(token.expose()).contains("sandi-kepala-001"));
        let resumed = operators::resume(&db, &key, &ring, at(60))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(resumed.username, "kepala");
        operators::sign_out(&db, &key, &ring, at(120), &resumed)
            .await
            .unwrap();
        assert!(
            operators::resume(&db, &key, &ring, at(180))
                .await
                .unwrap()
                .is_none(),
            "revoked at sign-out"
        );

        // The OS was reinstalled: the keyring lost the data key.
        db.close().await.unwrap();
        // Neither the password nor the recovery key is in the database files.
        for f in std::fs::read_dir(dir.path()).unwrap() {
            let bytes = std::fs::read(f.unwrap().path()).unwrap();
            for secret in [
                "sandi-kepala-001",
                first.recovery_key.as_str(),
                &first.recovery_key.replace('-', ""),
            ] {
                assert!(
                    !bytes.windows(secret.len()).any(|w| w == secret.as_bytes()),
                    "a secret is in the database files"
                );
            }
        }
        ring.delete(loket_core::secrets::DATA_KEY_ENTRY).unwrap();
        let refused =
            loket_core::desk::open(&store::sqlite_url(dir.path()), &ring, &mut OsRng).await;
        assert!(matches!(
            refused,
            Err(Error::Secret(SecretError::KeyMissing))
        ));
        let db = store::open(&store::sqlite_url(dir.path())).await.unwrap();
        let wrong = operators::recover(&db, &ring, "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE-FFFFF").await;
        assert_eq!(field_of(wrong.unwrap_err()), "recovery_key");
        let typed = first.recovery_key.to_lowercase().replace('-', " ");
        operators::recover(&db, &ring, &typed).await.unwrap();
        db.close().await.unwrap();
        let desk = loket_core::desk::open(&store::sqlite_url(dir.path()), &ring, &mut OsRng)
            .await
            .unwrap();
        assert_eq!(
            desk.key.check_value(),
            key.check_value(),
            "the same data key is back"
        );
        ring.delete(loket_core::secrets::DATA_KEY_ENTRY).unwrap();
    });
}

#[test]
fn credentials_live_only_in_the_keyring_never_in_the_database() {
    let _turn = KEYRING.lock().unwrap_or_else(|e| e.into_inner());
    tokio::runtime::Runtime::new().unwrap().block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let service = format!("id.go.loket.test.credentials.{}", std::process::id());
        let (db, key, ring) = desk_with_keyring(dir.path(), &service).await;
        let admin = Actor::named("admin");
        const MARK: &str = "RAHASIA-SMTP-7f3a9c";
        assert!(
            credentials::status(&ring)
                .unwrap()
                .iter()
                .all(|c| !c.present)
        );
        for c in Credential::ALL {
            credentials::set(
                &db,
                &key,
                &ring,
                &admin,
                now(),
                c,
                &format!("{MARK}-{}", c.entry()).as_str().into(),
            )
            .await
            .unwrap();
            credentials::test(&ring, c).unwrap();
        }
        // Replace one, read it back as the mail code would.
        credentials::set(
            &db,
            &key,
            &ring,
            &admin,
            now(),
            Credential::SmtpPassword,
            &format!("{MARK}-baru").as_str().into(),
        )
        .await
        .unwrap();
        assert_eq!(
            ring.get(Credential::SmtpPassword.entry())
                .unwrap()
                .unwrap()
                .expose(),
            format!("{MARK}-baru").as_bytes()
        );
        let status = credentials::status(&ring).unwrap();
        assert!(status.iter().all(|c| c.present));
        assert!(
            !serde_json::to_string(&status).unwrap().contains(MARK),
            "status never carries a value"
        );
        assert_eq!(
            field_of(
                credentials::set(
                    &db,
                    &key,
                    &ring,
                    &admin,
                    now(),
                    Credential::EsignUser,
                    &"  ".into()
                )
                .await
                .unwrap_err()
            ),
            "value"
        );
        for c in Credential::ALL {
            credentials::delete(&db, &key, &ring, &admin, now(), c)
                .await
                .unwrap();
            assert!(credentials::test(&ring, c).is_err());
        }
        // Neither the database file nor its WAL holds any of the values.
        db.close().await.unwrap();
        for f in std::fs::read_dir(dir.path()).unwrap() {
            let bytes = std::fs::read(f.unwrap().path()).unwrap();
            assert!(
                !bytes.windows(MARK.len()).any(|w| w == MARK.as_bytes()),
                "a credential leaked into the database files"
            );
        }
        ring.delete(loket_core::secrets::DATA_KEY_ENTRY).unwrap();
    });
}

#[tokio::test]
async fn a_batch_export_reports_progress_and_stops_when_cancelled() {
    let (_dir, db) = sqlite().await;
    with_letter_settings(&db).await;
    let out = tempfile::tempdir().unwrap();
    let mut ids = vec![];
    for (n, nama) in [
        (1, "I Wayan Sudarma"),
        (2, "Ni Made Sari"),
        (3, "I Ketut Arya"),
        (4, "Ni Luh Ayu"),
    ] {
        let c = complete_case(&db, &pegawai(n, nama)).await;
        let id = draft(&db, Jenis::RekomendasiPendaftaran, vec![c]).await;
        issue(&db, id).await;
        ids.push(id);
    }
    let v = Actor::named("verifikator");
    // All of them, with progress after each.
    let cancel = std::sync::atomic::AtomicBool::new(false);
    let mut seen = vec![];
    let all = letters::export_batch(
        &db,
        &key(),
        &v,
        now(),
        &ids,
        Form::Elektronik,
        &out.path().join("semua"),
        &cancel,
        |p| seen.push((p.done, p.total)),
    )
    .await
    .unwrap();
    assert_eq!((all.written, all.total, all.cancelled), (4, 4, false));
    assert_eq!(seen, [(1, 4), (2, 4), (3, 4), (4, 4)]);
    assert_eq!(
        std::fs::read_dir(out.path().join("semua")).unwrap().count(),
        4
    );
    // Stopped after the second: the two written stay, the rest is not written.
    let mut done = 0;
    let part = letters::export_batch(
        &db,
        &key(),
        &v,
        now(),
        &ids,
        Form::Basah,
        &out.path().join("sebagian"),
        &cancel,
        |p| {
            done = p.done;
            if p.done == 2 {
                cancel.store(true, std::sync::atomic::Ordering::SeqCst);
            }
        },
    )
    .await
    .unwrap();
    assert_eq!((part.written, part.cancelled), (2, true));
    assert_eq!(done, 2);
    assert_eq!(
        std::fs::read_dir(out.path().join("sebagian"))
            .unwrap()
            .count(),
        2
    );
}

#[tokio::test]
async fn the_kiosk_gets_only_the_registration_number_and_never_whose_nik_it_is() {
    let (_dir, db) = sqlite().await;
    let kiosk = Actor::named("kios1");
    let nomor = cases::submit_from_kiosk(&db, &key(), &mut OsRng, &kiosk, now(), &budi())
        .await
        .unwrap();
    assert!(nomor.starts_with("REG-"), "{nomor}");
    let page = cases::list_cases(
        &db,
        &key(),
        &CaseQuery {
            page: 0,
            per_page: 25,
            ..Default::default()
        },
        *now().offset(),
    )
    .await
    .unwrap();
    assert_eq!(
        page.items[0].kanal,
        Kanal::Kiosk,
        "the channel is the kiosk whatever the form said"
    );
    // The same NIK again: refused without naming the person who holds it.
    let mut again = budi();
    again.applicant.nama = "Orang Lain".into();
    let e = cases::submit_from_kiosk(&db, &key(), &mut OsRng, &kiosk, now(), &again)
        .await
        .unwrap_err();
    let text = format!("{e:?}");
    assert!(
        text.contains("sudah terdaftar") && !text.contains("Budi"),
        "{text}"
    );
    // At the desk the operator is told whose it is.
    let desk = cases::open_penerbitan(&db, &key(), &mut OsRng, &Actor::named("op"), now(), &again)
        .await
        .unwrap_err();
    assert!(format!("{desk:?}").contains("I Made Budi Santoso"));
}
