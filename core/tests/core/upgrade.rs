//! Upgrades keep data: a database made by the release before (the fixture
//! `core/tests/fixtures/previous-release.sqlite3`, made by that release's own
//! code, see `make_previous_release.rs` beside it) opens in this build,
//! takes the newer migrations on top of its own, and reads whole: operators
//! sign in, cases and their pages, people with their NIKs decrypted,
//! certificates, the KTP photo, the numbered letter as a PDF, the audit log
//! intact. The new parts (survey, complaints) work on it at once.

use super::support::*;
use loket_core::applicant_page;
use loket_core::audit::{self, Verdict};
use loket_core::cases::search::{self, CaseQuery};
use loket_core::complaints::register::{self, NewComplaint};
use loket_core::document::pdf::Form;
use loket_core::documents::{self, Purpose};
use loket_core::letters::export;
use loket_core::letters::register::{self as letters, LetterQuery};
use loket_core::lifecycle::vocabulary::Status;
use loket_core::operators::passwords::Password;
use loket_core::operators::sessions;
use loket_core::survey::responses::{self, SurveyAnswers};
use loket_core::{applicants::registry, store};
use loket_migrations::{Migrator, MigratorTrait};
use sea_orm::ConnectionTrait;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/previous-release.sqlite3"
);

/// The migrations the fixture's release had applied, oldest first.
async fn applied(db: &sea_orm::DatabaseConnection) -> Vec<String> {
    db.query_all_raw(sea_orm::Statement::from_string(
        db.get_database_backend(),
        "select version from seaql_migrations order by version",
    ))
    .await
    .unwrap()
    .iter()
    .map(|r| r.try_get_by_index::<String>(0).unwrap())
    .collect()
}

#[tokio::test]
async fn a_database_of_the_previous_release_opens_migrates_and_reads_whole() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(FIXTURE, dir.path().join(store::SQLITE_FILE)).unwrap();
    let url = store::sqlite_url(dir.path());

    // What the previous release had applied is a prefix of this build's
    // list: migrations are only ever appended.
    let before = {
        let raw = sea_orm::Database::connect(&url).await.unwrap();
        let v = applied(&raw).await;
        raw.close().await.unwrap();
        v
    };
    let ours: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    assert!(before.len() >= 17, "{before:?}");
    assert_eq!(
        before[..],
        ours[..before.len()],
        "migrations are append-only"
    );
    assert!(
        ours.len() > before.len(),
        "this build has newer migrations to take"
    );

    let db = store::open(&url).await.unwrap();
    assert_eq!(applied(&db).await, ours, "every migration applied on open");
    let key = key();
    let t = TestDesk {
        dir,
        url,
        db: db.clone(),
        key,
    };

    // The first desk to open it seals its rows as they are and binds every
    // NIK to its row, once, on the record.
    let sealed = loket_core::integrity::adopt(&db, &t.op(), &mut rand::rngs::OsRng)
        .await
        .unwrap();
    assert!(sealed.is_some_and(|n| n > 0), "{sealed:?}");
    assert_eq!(
        loket_core::integrity::adopt(&db, &t.op(), &mut rand::rngs::OsRng)
            .await
            .unwrap(),
        None,
        "sealed once"
    );
    assert!(
        loket_core::integrity::rows(&db, &t.key, loket_core::integrity::Depth::Deep)
            .await
            .unwrap()
            .is_empty(),
        "after the seal every old row reads as sealed, nothing found changed"
    );

    // The operators sign in with their passwords.
    for (user, pass) in [
        ("kepala", "kata-sandi-kepala-1"),
        ("ayu", "kata-sandi-ayu-1"),
    ] {
        sessions::sign_in(&db, &t.op(), user, &Password::from(pass))
            .await
            .unwrap_or_else(|e| panic!("{user}: {e}"));
    }

    // Every case, each with its page.
    let page = search::list_cases(
        &db,
        &t.key,
        &CaseQuery {
            per_page: 25,
            page: 0,
            ..Default::default()
        },
        now(),
    )
    .await
    .unwrap();
    let mut states: Vec<(String, Status)> = page
        .items
        .iter()
        .map(|c| (c.nama.clone(), c.status))
        .collect();
    states.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        states,
        [
            ("I Made Budi Santoso".to_string(), Status::Selesai),
            ("Kadek Wirawan".to_string(), Status::BerkasKurang),
            ("Ni Luh Ayu".to_string(), Status::RekomendasiTerbit),
        ],
        "every case of the previous release is there in its state"
    );
    let budi_case = page
        .items
        .iter()
        .find(|c| c.nama.starts_with("I Made"))
        .unwrap();
    let detail = t.case(budi_case.id).await;
    assert!(
        !detail.events.is_empty(),
        "the old case's page shows its history"
    );

    // Budi: his NIK decrypts with the data key; his certificate is active.
    let nik = registry::reveal(&db, &t.op(), detail.applicant_id)
        .await
        .unwrap();
    assert_eq!(nik, NIK, "the old NIK decrypts with the data key");
    let person = applicant_page::get_applicant(&db, detail.applicant_id, now().date_naive())
        .await
        .unwrap();
    assert_eq!(person.certificates.len(), 1, "{:?}", person.certificates);

    // His KTP photo opens.
    let docs = documents::of_case(&db, budi_case.id).await.unwrap();
    assert_eq!(docs.len(), 1, "the old case keeps its KTP photo");
    let (_, photo) = documents::read(&db, &t.op(), docs[0].id, Purpose::View)
        .await
        .unwrap();
    assert!(photo.starts_with(&[0xFF, 0xD8]), "a JPEG");

    // Ayu's numbered letter renders again as a PDF.
    let all = letters::list(
        &db,
        &LetterQuery {
            tahun: None,
            jenis: None,
            status: None,
            case_id: None,
        },
    )
    .await
    .unwrap();
    let numbered = all
        .iter()
        .find(|l| l.nomor.is_some())
        .expect("a numbered letter");
    let (_, pdf) = export::export(&db, &t.op(), numbered.id, Form::Basah)
        .await
        .unwrap();
    let path = t.dir.path().join("surat.pdf");
    std::fs::write(&path, &pdf).unwrap();
    let (ok, text) = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    assert!(text.contains(numbered.nomor.as_deref().unwrap()), "{text}");

    // The new parts work on the old data, and the log stays whole.
    responses::record_kiosk(
        &db,
        now(),
        Some((&budi_case.nomor, "0001")),
        &SurveyAnswers {
            nilai: vec![Some(4); 9],
            ..Default::default()
        },
    )
    .await
    .unwrap();
    register::register(
        &db,
        &t.op(),
        &NewComplaint {
            kanal: "telepon".into(),
            anonim: true,
            kategori: "ringan".into(),
            isi: "Surel BSrE belum diterima.".into(),
            petugas: "Petugas A".into(),
            nomor_registrasi: budi_case.nomor.clone(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    match audit::verify(&db, &t.key).await.unwrap() {
        Verdict::Intact { entries } => assert!(entries > 20, "{entries}"),
        broken => panic!("{broken:?}"),
    }
}
