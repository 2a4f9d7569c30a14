//! Correction requests: refused field by field with nothing saved, due
//! 3 x 24 hours after they came in, late once that passes unanswered; the
//! answer "dikoreksi" is refused until the person's data has been corrected
//! since the request came in; a refusal needs its reason; twice is refused;
//! each step is in the audit log and the chain verifies.

use super::support::*;
use chrono::Duration;
use loket_core::applicants::changes::{self, Correction};
use loket_core::audit::{self, Verdict};
use loket_core::privacy::requests::{self, DataRequestAnswer, NewDataRequest};
use rand::rngs::OsRng;

#[tokio::test]
async fn a_correction_request_is_due_in_three_days_and_answered_by_the_correction() {
    let t = TestDesk::sqlite().await;
    let case = t.intake(&budi()).await;
    let person = t.case(case.id).await.applicant_id;
    let refused = requests::record(
        &t.db,
        &t.op(),
        &NewDataRequest {
            applicant_id: person,
            diterima: "31/13/2026 10:00".into(),
            isi: " ".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    let loket_core::Error::Invalid { fields, .. } = refused else {
        panic!("not by field")
    };
    assert_eq!(
        fields.keys().collect::<Vec<_>>(),
        ["diterima", "isi"],
        "a date that is no date and an empty request are each refused"
    );
    assert_eq!(
        t.count("data_requests").await,
        0,
        "a refused request saves nothing"
    );

    // Came in three days and an hour ago: late.
    let came = now() - Duration::hours(73);
    let r = requests::record(
        &t.db,
        &t.op(),
        &NewDataRequest {
            applicant_id: person,
            diterima: came.format("%d/%m/%Y %H:%M").to_string(),
            isi: "Nama tertulis Budi Santoso; yang benar I Made Budi Santosa.".into(),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        r.nomor,
        format!("KOREKSI-{}-0001", came.format("%Y")),
        "correction requests are numbered per year from 0001"
    );
    assert_eq!(
        r.tenggat,
        (came + Duration::hours(72))
            .format("%d/%m/%Y %H:%M")
            .to_string(),
        "a request is due 3 x 24 hours after it came in"
    );
    assert!(
        r.terlambat,
        "a request unanswered past its deadline is late"
    );

    // "Dikoreksi" before any correction: refused; a refusal without reason: refused.
    let early = requests::answer(
        &t.db,
        &t.op(),
        r.id,
        &DataRequestAnswer {
            dikoreksi: true,
            alasan: String::new(),
        },
    )
    .await;
    assert_eq!(
        field_of(early.unwrap_err()),
        "hasil",
        "the answer corrected is refused before the data was corrected"
    );
    let bare = requests::answer(
        &t.db,
        &t.op(),
        r.id,
        &DataRequestAnswer {
            dikoreksi: false,
            alasan: " ".into(),
        },
    )
    .await;
    assert_eq!(
        field_of(bare.unwrap_err()),
        "alasan",
        "a refusal without its reason is refused at the reason"
    );

    // The correction on the person's page, then the answer.
    let page = loket_core::applicant_page::get_applicant(&t.db, person, now().date_naive())
        .await
        .unwrap();
    let mut data = page.applicant.data.clone();
    data.nama = "I Made Budi Santosa".into();
    changes::correct(
        &t.db,
        &t.as_("verifikator"),
        &mut OsRng,
        person,
        &Correction {
            version: page.applicant.version,
            data,
            nik: String::new(),
            nik_ulang: String::new(),
            alasan: r.nomor.clone(),
        },
    )
    .await
    .unwrap();
    let done = requests::answer(
        &t.db,
        &t.op(),
        r.id,
        &DataRequestAnswer {
            dikoreksi: true,
            alasan: String::new(),
        },
    )
    .await
    .unwrap();
    assert_eq!(
        done.hasil.as_deref(),
        Some("Data dikoreksi"),
        "the answer records the data as corrected"
    );
    assert!(!done.terlambat, "answered: no longer shown late");
    let twice = requests::answer(
        &t.db,
        &t.op(),
        r.id,
        &DataRequestAnswer {
            dikoreksi: false,
            alasan: "x".into(),
        },
    )
    .await;
    assert_eq!(
        field_of(twice.unwrap_err()),
        "hasil",
        "a request is answered only once"
    );
    assert_eq!(
        requests::list(&t.db, person, now()).await.unwrap().len(),
        1,
        "the person's page lists the one request"
    );
    assert_eq!(
        scalar(
            &t.db,
            "SELECT group_concat(action) FROM audit_log WHERE action LIKE 'data_request.%'"
        )
        .await,
        "data_request.record,data_request.answer",
        "the request and its answer are each audited once"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the request"
    );
}
