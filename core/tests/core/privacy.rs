//! The NIK at rest: encrypted, bound to its row, revealed only with an audit entry first.

use loket_core::entities::applicants;
use sea_orm::{ConnectionTrait, DbBackend, EntityTrait, Statement};

use super::support::*;

#[tokio::test]
async fn the_sqlite_file_holds_no_nik_in_clear_text() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    t.intake(&budi()).await;
    // The NIK can be read back with the key, so it really is stored...
    let applicant = applicants::Entity::find().one(&db).await.unwrap().unwrap();
    assert_eq!(
        loket_core::applicants::registry::reveal_nik(&key(), &applicant).unwrap(),
        NIK,
        "the stored NIK reads back with the key"
    );
    db.close().await.unwrap();
    t.db.close().await.unwrap();
    // ...but nowhere in the database files as text.
    for entry in std::fs::read_dir(t.dir.path()).unwrap() {
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
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    open_penerbitan(&db, &t.op(), &ayu()).await.unwrap();
    db.execute_unprepared(
        "update applicants set nik_cipher = (select nik_cipher from applicants where id = 1) where id = 2",
    )
    .await
    .unwrap();
    let moved = applicants::Entity::find_by_id(2)
        .one(&db)
        .await
        .unwrap()
        .unwrap();
    assert!(
        loket_core::applicants::registry::reveal_nik(&key(), &moved).is_err(),
        "a NIK ciphertext is bound to its row: copied to another row it does not open"
    );
}

#[tokio::test]
async fn revealing_a_nik_is_audited_before_it_is_shown() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let applicant = t.case(row.id).await.applicant_id;
    let before = t.count("audit_log").await;
    let nik = loket_core::applicants::registry::reveal(&db, &t.as_("desi"), applicant)
        .await
        .unwrap();
    assert_eq!(nik, NIK, "the revealed NIK is the applicant's");
    assert_eq!(
        t.count("audit_log").await,
        before + 1,
        "revealing the NIK writes one audit entry"
    );
    let last = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "select actor, action from audit_log order by seq desc limit 1",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        last.try_get_by_index::<String>(0).unwrap(),
        "desi",
        "the reveal is logged under the officer who saw it"
    );
    assert_eq!(
        last.try_get_by_index::<String>(1).unwrap(),
        "applicant.nik.view",
        "the reveal is logged as a NIK view"
    );
}
