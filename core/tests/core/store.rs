//! The database: bundled SQLite with durable settings, migrations, URLs, and
//! the same story on PostgreSQL.

use loket_core::audit::{self, Verdict};
use loket_core::cases::search::{self, CaseQuery};
use loket_core::certificates::CertStatus;
use loket_core::store;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use super::support::*;

async fn pragma(db: &DatabaseConnection, name: &str) -> String {
    scalar(db, &format!("pragma {name}")).await
}

#[tokio::test]
async fn sqlite_store_runs_bundled_sqlite_with_durable_pragmas() {
    let t = TestDesk::sqlite().await;
    let version = store::sqlite_version(&t.db).await.unwrap();
    assert!(
        store::check_sqlite_version(&version).is_ok(),
        "bundled SQLite must be >= 3.51.3, is {version}"
    );
    assert_eq!(
        pragma(&t.db, "journal_mode").await,
        "wal",
        "the SQLite file runs in WAL mode"
    );
    assert_eq!(
        pragma(&t.db, "synchronous").await,
        "2",
        "synchronous must be FULL"
    );
    assert_eq!(
        pragma(&t.db, "foreign_keys").await,
        "1",
        "SQLite enforces foreign keys"
    );
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
    assert_eq!(
        t.db.get_database_backend(),
        DbBackend::Postgres,
        "the slice runs on PostgreSQL, not a fallback"
    );
    let row = t.intake(&budi()).await;
    assert_eq!(
        row.nomor, "REG-2026-00001",
        "the first case on PostgreSQL takes the first number"
    );
    t.intake(&ayu()).await;
    let find = |q: &str| CaseQuery {
        q: q.into(),
        page: 0,
        per_page: 10,
        ..Default::default()
    };
    let hit = search::list_cases(&t.db, &t.key, &find(NIK), now())
        .await
        .unwrap();
    assert_eq!(
        hit.items.len(),
        1,
        "the NIK finds its one person on PostgreSQL"
    );
    let by_name = search::list_cases(&t.db, &t.key, &find("ni luh"), now())
        .await
        .unwrap();
    assert_eq!(
        by_name.total, 1,
        "the name prefix finds its one person on PostgreSQL"
    );
    assert_eq!(
        audit::verify(&t.db, &t.key).await.unwrap(),
        Verdict::Intact { entries: 4 },
        "the audit chain on PostgreSQL holds both intakes, each with its privacy notice"
    );
    let ayu_case = by_name.items[0].id;
    t.tick_all(ayu_case).await;
    t.walk(ayu_case, &ISSUE).await;
    let done = t.case(ayu_case).await;
    assert_eq!(
        done.certificates[0].status,
        CertStatus::Aktif,
        "the case walked to its end on PostgreSQL issues an active certificate"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain on PostgreSQL still verifies after the walk"
    );
    assert_eq!(
        t.count("cases").await,
        2,
        "no case was added or lost on the way"
    );
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

    store::set_setting(
        &t.db,
        &t.key,
        certificates::SETTING_EXPIRY_DAYS,
        "tiga puluh",
    )
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

/// A desk's database as the release before "every service for every walk-in"
/// left it (migrations 1 to 7): one person, the case that issued her
/// certificate, that certificate and an older one revoked by a later case.
async fn a_database_before_the_services_upgrade(url: &str) {
    use loket_migrations::{Migrator, MigratorTrait};
    let db = sea_orm::Database::connect(url).await.unwrap();
    if db.get_database_backend() == DbBackend::Sqlite {
        db.execute_unprepared("pragma foreign_keys = on")
            .await
            .unwrap();
    }
    Migrator::up(&db, Some(7)).await.unwrap();
    let blob = match db.get_database_backend() {
        DbBackend::Postgres => r"'\x00'",
        _ => "x'00'",
    };
    let at = "'2025-01-06 09:00:00+08:00'";
    for sql in [
        format!(
            "insert into applicants (nama, nama_cari, nik_cipher, nik_index, nik_masked, nip, email, \
             telepon, jabatan, unit_kerja, instansi, created_at, updated_at) values ('Ni Luh Lama', \
             'ni luh lama', {blob}, 'indeks', '5171********0009', '196711101992031009', \
             'lama@denpasarkota.go.id', '081234567890', 'Analis', 'Bidang Persandian', 'Dinas Kominfo', {at}, {at})"
        ),
        format!(
            "insert into cases (nomor, applicant_id, layanan, status, kanal, created_by, created_at, \
             updated_at, closed_at) values ('REG-2025-00001', 1, 'penerbitan', 'selesai', 'loket', 'op', {at}, {at}, {at})"
        ),
        format!(
            "insert into cases (nomor, applicant_id, layanan, status, kanal, created_by, created_at, \
             updated_at, closed_at, revocation_reason) values ('REG-2025-00002', 1, 'pencabutan', \
             'selesai', 'loket', 'op', {at}, {at}, {at}, 'mutasi')"
        ),
        format!(
            "insert into certificates (applicant_id, case_id, serial, valid_from, valid_to, status, \
             created_at) values (1, 1, 'SN-1', '2025-01-06', '2027-01-06', 'aktif', {at})"
        ),
        format!(
            "insert into certificates (applicant_id, case_id, serial, valid_from, valid_to, status, \
             revoked_at, revocation_reason, revocation_code, revoked_by_case_id, created_at) values \
             (1, 1, NULL, '2023-01-06', '2025-01-06', 'dicabut', {at}, 'mutasi', 3, 2, {at})"
        ),
    ] {
        db.execute_unprepared(&sql).await.unwrap();
    }
    db.close().await.unwrap();
}

/// Opening that database with this release upgrades it in place: every
/// certificate keeps its case, dates, status and revocation and reads as
/// issued through Loket; the person starts at version 1 with no history.
async fn the_services_upgrade_keeps_what_was_there(url: &str) {
    use loket_core::certificates::{self, CertSource};
    let db = store::open(url).await.unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let certs = certificates::of_applicant(&db, 1, today).await.unwrap();
    let seen: Vec<_> = certs
        .iter()
        .map(|c| {
            (
                c.case_id,
                c.serial.clone(),
                c.valid_from.clone(),
                c.valid_to.clone(),
                c.status,
                c.revocation_code,
                c.source,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                Some(1),
                Some("SN-1".into()),
                "2025-01-06".into(),
                "2027-01-06".into(),
                CertStatus::Aktif,
                None,
                CertSource::Loket
            ),
            (
                Some(1),
                None,
                "2023-01-06".into(),
                "2025-01-06".into(),
                CertStatus::Dicabut,
                Some(3),
                CertSource::Loket
            ),
        ],
        "every certificate keeps its case, dates, status and revocation and reads as issued through Loket"
    );
    let version = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "select version from applicants where id = 1",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i32>(0)
        .unwrap();
    assert_eq!(
        version, 1,
        "the person starts at version 1 after the upgrade"
    );
    let masked = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "select nik_masked from applicants where id = 1",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap();
    assert_eq!(
        masked, "************0009",
        "an earlier mask keeps only the last four digits after the upgrade"
    );
    assert_eq!(
        count(&db, "applicant_history").await,
        0,
        "the upgrade writes no history for the person"
    );
    // Cases from before take their applicant's instansi and unit kerja,
    // so the reports count them where they belong.
    assert_eq!(
        scalar(
            &db,
            "select instansi || ' / ' || unit_kerja from cases where nomor = 'REG-2025-00002'"
        )
        .await,
        "Dinas Kominfo / Bidang Persandian",
        "a case from before takes its applicant's agency and unit"
    );
    // The rebuilt table still refuses a certificate of nobody.
    let orphan = db
        .execute_unprepared(
            "insert into certificates (applicant_id, valid_from, valid_to, status, created_at) \
             values (99, '2026-01-01', '2028-01-01', 'aktif', '2026-01-01 09:00:00+08:00')",
        )
        .await;
    assert!(
        orphan.is_err(),
        "the applicant foreign key survives the rebuild"
    );
}

#[tokio::test]
async fn an_sqlite_desk_from_the_release_before_keeps_its_certificates_when_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let url = store::sqlite_url(dir.path());
    a_database_before_the_services_upgrade(&url).await;
    the_services_upgrade_keeps_what_was_there(&url).await;
}

#[tokio::test]
async fn a_postgresql_desk_from_the_release_before_keeps_its_certificates_when_upgraded() {
    let url = new_postgres_database("upgrade").await;
    a_database_before_the_services_upgrade(&url).await;
    the_services_upgrade_keeps_what_was_there(&url).await;
}
