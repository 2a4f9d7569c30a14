//! The register of corrections: who put which recorded value right, when
//! and why, across every person; filtered by period and operator; a typed
//! date that is no day refused at its field; a data change BSrE approved
//! (a service) not listed as a correction.

use chrono::Duration;
use loket_core::Error;
use loket_core::applicant_page;
use loket_core::applicants::changes::{self, ChangeKind, ChangeRecord, Correction, PersonData};
use loket_core::corrections::{self, CorrectionQuery};
use loket_core::entities::applicants;
use loket_core::store;
use rand::rngs::OsRng;
use sea_orm::EntityTrait;

use super::support::*;

async fn correct(
    t: &TestDesk,
    who: &str,
    when: chrono::DateTime<chrono::FixedOffset>,
    applicant: i64,
    fix: impl FnOnce(&mut PersonData),
    why: &str,
) {
    let page = applicant_page::get_applicant(&t.db, applicant, when.date_naive())
        .await
        .unwrap();
    let mut data = page.applicant.data.clone();
    fix(&mut data);
    let input = Correction {
        version: page.applicant.version,
        data,
        alasan: why.into(),
        ..Default::default()
    };
    changes::correct(&t.db, &t.at(who, when), &mut OsRng, applicant, &input)
        .await
        .unwrap();
}

fn query(dari: &str, sampai: &str, petugas: &str) -> CorrectionQuery {
    CorrectionQuery {
        dari: dari.into(),
        sampai: sampai.into(),
        petugas: petugas.into(),
    }
}

#[tokio::test]
async fn the_register_lists_each_correction_with_both_values_and_filters_by_period_and_operator() {
    let t = TestDesk::sqlite().await;
    let tz = *now().offset();
    let budi = t.case(t.intake(&budi()).await.id).await.applicant_id;
    let ayu = t.case(t.intake(&ayu()).await.id).await.applicant_id;
    let day_before = now() - Duration::days(1);
    correct(
        &t,
        "wayan",
        day_before,
        budi,
        |d| d.email = "budi.s@denpasarkota.go.id".into(),
        "Salah ketik alamat e-mail.",
    )
    .await;
    correct(
        &t,
        "ayu",
        now(),
        ayu,
        |d| d.jabatan = "Pranata Komputer Ahli Muda".into(),
        "Jabatan keliru saat penerimaan.",
    )
    .await;

    // A data change BSrE approved is a service, not a correction.
    let txn = store::begin_write(&t.db).await.unwrap();
    let a = applicants::Entity::find_by_id(budi)
        .one(&txn)
        .await
        .unwrap()
        .unwrap();
    let mut changed = PersonData::of(&a);
    changed.unit_kerja = "Bidang Statistik".into();
    let change = changes::prepare(
        &txn,
        &t.key,
        &mut OsRng,
        &a,
        &changed,
        "",
        "",
        now().date_naive(),
    )
    .await
    .unwrap();
    let act = t.op();
    changes::apply(
        &txn,
        &act,
        budi,
        &change,
        &ChangeRecord {
            kind: ChangeKind::PerubahanData,
            case_id: None,
            reason: "Perubahan data disetujui BSrE.",
            expected_version: None,
        },
    )
    .await
    .unwrap();
    txn.commit().await.unwrap();

    let all = corrections::register(&t.db, &query("", "", ""), tz)
        .await
        .unwrap();
    assert_eq!(
        all.len(),
        2,
        "two corrections; the approved data change is not one: {all:?}"
    );
    assert_eq!(all[0].actor, "ayu", "newest first");
    assert_eq!(
        all[0].reason, "Jabatan keliru saat penerimaan.",
        "the register shows why the record was corrected"
    );
    let jabatan = &all[0].changes;
    assert_eq!(jabatan.len(), 1, "only what changed: {jabatan:?}");
    assert_eq!(
        (
            jabatan[0].field.as_str(),
            jabatan[0].lama.as_str(),
            jabatan[0].baru.as_str()
        ),
        ("jabatan", "Analis Persandian", "Pranata Komputer Ahli Muda"),
        "the old and the new value side by side"
    );
    assert_eq!(
        all[1].subject, "I Made Budi Santoso",
        "whose record, by name"
    );
    assert_eq!(
        all[1].changes[0].baru, "budi.s@denpasarkota.go.id",
        "the register shows the corrected e-mail as the new value"
    );

    let today = now().format("%d/%m/%Y").to_string();
    let only_today = corrections::register(&t.db, &query(&today, &today, ""), tz)
        .await
        .unwrap();
    assert_eq!(
        only_today.len(),
        1,
        "the period is read as days at the desk: {only_today:?}"
    );
    assert_eq!(
        only_today[0].actor, "ayu",
        "the day's period holds only the correction made today"
    );
    let by_wayan = corrections::register(&t.db, &query("", "", "WAY"), tz)
        .await
        .unwrap();
    assert_eq!(
        by_wayan.len(),
        1,
        "an operator by part of the name, in any case"
    );
    assert_eq!(
        by_wayan[0].actor, "wayan",
        "the operator filter finds the correction by that operator"
    );
}

#[tokio::test]
async fn a_period_that_is_no_period_is_refused_at_its_field() {
    let t = TestDesk::sqlite().await;
    let tz = *now().offset();
    let at = |e: Error| field_of(e);
    assert_eq!(
        at(
            corrections::register(&t.db, &query("31/02/2026", "", ""), tz)
                .await
                .unwrap_err()
        ),
        "dari",
        "a start date that is no day is refused at the start field"
    );
    assert_eq!(
        at(corrections::register(&t.db, &query("", "kemarin", ""), tz)
            .await
            .unwrap_err()),
        "sampai",
        "an end that is no date is refused at the end field"
    );
    assert_eq!(
        at(
            corrections::register(&t.db, &query("10/11/2026", "09/11/2026", ""), tz)
                .await
                .unwrap_err()
        ),
        "sampai",
        "an end before the start"
    );
}

#[tokio::test]
async fn a_corrected_nik_is_listed_masked_and_nothing_sealed_leaks() {
    let t = TestDesk::sqlite().await;
    let tz = *now().offset();
    let budi = t.case(t.intake(&budi()).await.id).await.applicant_id;
    let page = applicant_page::get_applicant(&t.db, budi, now().date_naive())
        .await
        .unwrap();
    let fix = Correction {
        version: page.applicant.version,
        data: page.applicant.data.clone(),
        nik: "5171011011670009".into(),
        nik_ulang: "5171011011670009".into(),
        alasan: "NIK salah ketik saat penerimaan.".into(),
    };
    changes::correct(&t.db, &t.as_("wayan"), &mut OsRng, budi, &fix)
        .await
        .unwrap();
    let rows = corrections::register(&t.db, &query("", "", ""), tz)
        .await
        .unwrap();
    assert_eq!(rows.len(), 1, "the NIK correction is listed: {rows:?}");
    let nik = rows[0].changes.iter().find(|c| c.field == "nik");
    let nik = nik.unwrap_or_else(|| panic!("the NIK is among what changed: {rows:?}"));
    assert_eq!(
        (nik.lama.as_str(), nik.baru.as_str()),
        ("************0001", "************0009"),
        "both NIKs are shown masked, their last four digits only"
    );
    let shown = serde_json::to_string(&rows).unwrap();
    assert!(
        !shown.contains(NIK) && !shown.contains("5171011011670009"),
        "no full NIK in the register: {shown}"
    );
    assert!(
        !shown.contains("nik_cipher") && !shown.contains("nik_index"),
        "nothing of the sealed NIK is listed: {shown}"
    );
}
