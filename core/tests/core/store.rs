//! The database: bundled SQLite with durable settings, migrations, URLs, and
//! the same story on PostgreSQL.

use loket_core::audit::{self, Verdict};
use loket_core::cases::search::{self, CaseQuery};
use loket_core::certificates::CertStatus;
use loket_core::store;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use super::support::*;

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
    let t = TestDesk::sqlite().await;
    let version = store::sqlite_version(&t.db).await.unwrap();
    assert!(
        store::check_sqlite_version(&version).is_ok(),
        "bundled SQLite must be >= 3.51.3, is {version}"
    );
    assert_eq!(pragma(&t.db, "journal_mode").await, "wal");
    assert_eq!(
        pragma(&t.db, "synchronous").await,
        "2",
        "synchronous must be FULL"
    );
    assert_eq!(pragma(&t.db, "foreign_keys").await, "1");
    assert!(
        t.count("regions").await > 400,
        "region table is seeded from the reference list"
    );
}

#[tokio::test]
async fn opening_twice_keeps_data_and_does_not_rerun_migrations() {
    let t = TestDesk::sqlite().await;
    t.intake(&budi()).await;
    t.db.clone().close().await.unwrap();
    let db = store::open(&t.url).await.unwrap();
    assert_eq!(
        count(&db, "cases").await,
        1,
        "the case saved before closing is there after reopening"
    );
}

#[tokio::test]
async fn unknown_database_urls_are_refused_plainly() {
    let err = store::open("mysql://x@localhost/loket").await.unwrap_err();
    assert!(
        err.to_string().contains("sqlite: atau postgres://"),
        "{err}"
    );
}

/// The same slice on PostgreSQL: intake, search by NIK and name, the audit
/// chain, and a case through to its certificate.
#[tokio::test]
async fn the_slice_runs_on_postgresql() {
    let t = TestDesk::postgres("slice").await;
    assert_eq!(t.db.get_database_backend(), DbBackend::Postgres);
    let row = t.intake(&budi()).await;
    assert_eq!(row.nomor, "REG-2026-00001");
    t.intake(&ayu()).await;
    let find = |q: &str| CaseQuery {
        q: q.into(),
        page: 0,
        per_page: 10,
        ..Default::default()
    };
    let hit = search::list_cases(&t.db, &t.key, &find(NIK), *now().offset())
        .await
        .unwrap();
    assert_eq!(hit.items.len(), 1);
    let by_name = search::list_cases(&t.db, &t.key, &find("ni luh"), *now().offset())
        .await
        .unwrap();
    assert_eq!(by_name.total, 1);
    assert_eq!(
        audit::verify(&t.db, &t.key).await.unwrap(),
        Verdict::Intact { entries: 2 }
    );
    let ayu_case = by_name.items[0].id;
    t.tick_all(ayu_case).await;
    t.walk(ayu_case, &ISSUE).await;
    let done = t.case(ayu_case).await;
    assert_eq!(done.certificates[0].status, CertStatus::Aktif);
    assert!(matches!(
        audit::verify(&t.db, &t.key).await.unwrap(),
        Verdict::Intact { .. }
    ));
    assert_eq!(t.count("cases").await, 2);
}

/// Someone edits values in the database file with sqlite3: Loket reports the
/// record it cannot read, naming it, and never reads it as some valid value.
#[tokio::test]
async fn a_value_edited_into_the_database_is_reported_never_read_as_a_default() {
    use loket_core::Error;
    use loket_core::case_page;
    use loket_core::certificates;
    use loket_core::operators::accounts;
    use sea_orm::ConnectionTrait;

    let t = TestDesk::sqlite().await;
    let id = t.issued().await;
    let nomor = t.case(id).await.case.nomor;
    let edit = |sql: &'static str| {
        let db = t.db.clone();
        async move { db.execute_unprepared(sql).await.unwrap() }
    };

    edit("update cases set status = 'disetujui'").await;
    let e = case_page::get_case(&t.db, id, now().date_naive())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Corrupt(m) if m.contains(&nomor) && m.contains("disetujui")),
        "an unknown status names the case and the value: {e:?}"
    );
    edit("update cases set status = 'selesai'").await;

    edit("update certificates set status = 'aktif?'").await;
    let e = certificates::of_applicant(&t.db, 1, now().date_naive())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Corrupt(_)),
        "an unknown certificate status is not read as active: {e:?}"
    );
    edit("update certificates set status = 'aktif'").await;

    store::set_setting(&t.db, certificates::SETTING_EXPIRY_DAYS, "tiga puluh")
        .await
        .unwrap();
    let e = certificates::expiring(&t.db, now().date_naive())
        .await
        .unwrap_err();
    assert!(
        matches!(&e, Error::Setting { key, .. } if key == certificates::SETTING_EXPIRY_DAYS),
        "an unreadable setting names its key instead of falling back to 30 days: {e:?}"
    );

    accounts::create(
        &t.db,
        &t.as_("admin"),
        &mut rand::rngs::OsRng,
        &new_operator(
            "ayu",
            &[loket_core::operators::roles::Role::Operator],
            "sandi-ayu-00001",
        ),
    )
    .await
    .unwrap();
    edit("update operators set roles = 'operator,superadmin'").await;
    let e = accounts::list(&t.db).await.unwrap_err();
    assert!(
        matches!(&e, Error::Corrupt(m) if m.contains("ayu") && m.contains("superadmin")),
        "a role edited in is not silently dropped or granted: {e:?}"
    );
}
