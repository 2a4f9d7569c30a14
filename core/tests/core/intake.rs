//! Opening a penerbitan: one transaction with its history and audit entry, refusals that save nothing, the kiosk.

use super::support::*;
use loket_core::Error;
use loket_core::audit;
use loket_core::audit::Verdict;
use loket_core::cases::intake;
use loket_core::lifecycle::vocabulary::Status;
use loket_core::store;

#[tokio::test]
async fn a_valid_intake_saves_applicant_case_history_and_audit_in_one_go() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.as_("desi"), &budi()).await.unwrap();
    assert_eq!(
        row.nomor, "REG-2026-00001",
        "the first case of the year is REG-2026-00001"
    );
    assert_eq!(
        row.status,
        Status::Diterima,
        "a new case starts as received"
    );
    assert_eq!(
        row.nik_masked, "************0001",
        "the case list shows only the NIK's last four digits"
    );
    let detail = t.case(row.id).await;
    assert_eq!(
        detail.events.len(),
        1,
        "the intake writes one history event"
    );
    assert_eq!(
        detail.events[0].actor, "desi",
        "the history names the operator who received the case"
    );
    assert_eq!(
        detail.events[0].to_status,
        Status::Diterima,
        "the history records the case as received"
    );
    assert_eq!(detail.created_by, "desi", "the case names who opened it");
    assert_eq!(
        t.count("audit_log").await,
        2,
        "the change and its audit entries (the case, the privacy notice given) commit together"
    );
    let second = open_penerbitan(&db, &t.as_("desi"), &ayu()).await.unwrap();
    assert_eq!(
        second.nomor, "REG-2026-00002",
        "registration numbers are consecutive"
    );
    assert_eq!(
        audit::verify(&db, &key()).await.unwrap(),
        Verdict::Intact { entries: 4 },
        "the audit chain holds both intakes (each with its privacy notice) and verifies"
    );
}

#[tokio::test]
async fn invalid_input_saves_nothing_and_names_each_field() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let mut bad = budi();
    bad.applicant.nik = "5171017208900001".into(); // day 72
    bad.applicant.nik_ulang = bad.applicant.nik.clone();
    bad.applicant.email = "budi@".into();
    let err = open_penerbitan(&db, &t.op(), &bad).await.unwrap_err();
    let Error::Invalid { fields, .. } = err else {
        panic!("expected a validation error, got {err:?}")
    };
    assert!(fields["nik"].contains("41-71"), "{fields:?}");
    assert!(
        fields.contains_key("email"),
        "the bad e-mail is named at its field"
    );
    for table in [
        "applicants",
        "cases",
        "case_events",
        "audit_log",
        "counters",
    ] {
        assert_eq!(
            t.count(table).await,
            0,
            "{table} must stay empty after a refused intake"
        );
    }
}

/// The attack: a name that reads one way and is stored another (a
/// right-to-left override), a NUL, a zero-width space, terminal escapes, an
/// e-mail of a thousand characters. Each is refused next to its field and
/// nothing is saved.
#[tokio::test]
async fn hidden_characters_and_overlong_text_are_refused_next_to_the_field() {
    let t = TestDesk::sqlite().await;
    let mut bad = budi();
    bad.applicant.nama = "I Made \u{202E}iduB".into();
    bad.applicant.jabatan = "Analis\u{0}".into();
    bad.applicant.unit_kerja = "Bidang\u{200B}Persandian".into();
    bad.applicant.instansi = "Dinas \u{1b}[31mKominfo".into();
    bad.applicant.email = format!("{}@denpasarkota.go.id", "a".repeat(1000));
    let err = open_penerbitan(&t.db, &t.op(), &bad).await.unwrap_err();
    let Error::Invalid { fields, .. } = err else {
        panic!("expected a validation error, got {err:?}")
    };
    for f in ["nama", "jabatan", "unit_kerja", "instansi"] {
        assert!(
            fields[f].contains("karakter tersembunyi"),
            "{f}: {fields:?}"
        );
    }
    assert!(fields["email"].contains("terlalu panjang"), "{fields:?}");
    for table in ["applicants", "cases", "audit_log"] {
        assert_eq!(t.count(table).await, 0, "{table}: nothing saved");
    }
}

#[tokio::test]
async fn a_second_intake_with_the_same_nik_is_refused_and_rolled_back() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let mut again = ayu();
    again.applicant.nik = NIK.into();
    again.applicant.nik_ulang = NIK.into();
    let err = open_penerbitan(&db, &t.op(), &again).await.unwrap_err();
    let Error::Invalid { fields, .. } = err else {
        panic!("expected a field error")
    };
    assert!(
        fields["nik"].contains("I Made Budi Santoso"),
        "the refusal names whose NIK it already is"
    );
    assert_eq!(
        t.count("cases").await,
        1,
        "the refused intake opens no case"
    );
    assert_eq!(
        t.count("audit_log").await,
        2,
        "the refused intake logs nothing (the first intake's two entries stay)"
    );
    let next = open_penerbitan(&db, &t.op(), &ayu()).await.unwrap();
    assert_eq!(
        next.nomor, "REG-2026-00002",
        "a refused intake must not consume a number"
    );
}

#[tokio::test]
async fn review_reports_warnings_without_saving() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    store::set_setting(
        &db,
        &t.key,
        store::SETTING_OFFICIAL_EMAIL_DOMAIN,
        "denpasarkota.go.id",
    )
    .await
    .unwrap();
    let mut n = budi().applicant;
    n.email = "budi@gmail.com".into();
    n.nip = "196711111992031001".into();
    let report = intake::review_applicant(&db, &n, now().date_naive())
        .await
        .unwrap();
    assert!(report.errors.is_empty(), "{report:?}");
    assert!(
        report.warnings.contains_key("email") && report.warnings.contains_key("nip"),
        "a non-official e-mail and a NIP that disagrees with the birth date are warnings"
    );
    assert_eq!(t.count("applicants").await, 0, "the review saves nothing");
}
