//! The case lifecycle: the state machine applied, re-application, the chains a data change opens, renewal and expiry.

use super::support::*;
use loket_core::applicants::changes::PersonData;
use loket_core::audit;
use loket_core::audit::Verdict;
use loket_core::cases::forms::ServiceFormInput;
use loket_core::cases::intake;
use loket_core::cases::transitions;
use loket_core::certificates;
use loket_core::certificates::CertStatus;
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::Layanan;
use loket_core::lifecycle::vocabulary::Pihak;
use loket_core::lifecycle::vocabulary::RevocationReason;
use loket_core::lifecycle::vocabulary::Status;
use loket_core::store;
use sea_orm::EntityTrait;

#[tokio::test]
async fn a_penerbitan_runs_from_intake_to_an_active_certificate() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();

    let early = transitions::transition(&db, &t.op(), row.id, &step(Action::BerkasLengkap)).await;
    assert_eq!(
        field_of(early.unwrap_err()),
        "requirements",
        "documents first"
    );
    t.tick_all(row.id).await;
    t.walk(row.id, &ISSUE[..2]).await;

    let mut no_ref = step(Action::AjukanAms);
    no_ref.ams_ref = "  ".into();
    let refused = transitions::transition(&db, &t.op(), row.id, &no_ref)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(refused),
        "ams_ref",
        "submitting to AMS needs its reference"
    );
    t.walk(row.id, &ISSUE[2..5]).await;

    let mut backwards = step(Action::Selesai);
    backwards.valid_to = "2026-01-01".into();
    let refused = transitions::transition(&db, &t.op(), row.id, &backwards)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(refused),
        "valid_to",
        "a certificate cannot end before it was issued"
    );
    t.walk(row.id, &ISSUE[5..]).await;

    let d = t.case(row.id).await;
    assert_eq!(
        d.case.status,
        Status::Selesai,
        "the walked case is finished"
    );
    assert_eq!(
        d.ams_ref.as_deref(),
        Some("AMS-2026-0042"),
        "the case keeps its AMS reference"
    );
    assert_eq!(d.events.len(), 7, "received + six steps");
    assert!(d.actions.is_empty(), "a finished case offers no action");
    assert_eq!(
        d.certificates.len(),
        1,
        "finishing the case issues one certificate"
    );
    assert_eq!(
        d.certificates[0].status,
        CertStatus::Aktif,
        "the issued certificate is active"
    );
    assert_eq!(
        d.certificates[0].valid_to, "2028-11-25",
        "the certificate is valid to the day entered at the last step"
    );
    assert!(
        matches!(
            audit::verify(&db, &key()).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the whole lifecycle"
    );
}

#[tokio::test]
async fn an_action_the_rules_do_not_allow_changes_nothing() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let before = (t.count("case_events").await, t.count("audit_log").await);
    let err = transitions::transition(&db, &t.op(), row.id, &step(Action::Selesai))
        .await
        .unwrap_err();
    assert_eq!(
        field_of(err),
        "action",
        "an action the rules do not offer is refused at the action"
    );
    assert_eq!(
        before,
        (t.count("case_events").await, t.count("audit_log").await),
        "a refused action writes no history and no audit entry"
    );
    let d = t.case(row.id).await;
    assert_eq!(
        d.case.status,
        Status::Diterima,
        "a refused action leaves the case where it was"
    );
}

#[tokio::test]
async fn every_accepted_transition_writes_one_event_and_one_audit_entry() {
    use rand::{Rng, SeedableRng, rngs::StdRng};
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let actions = loket_core::lifecycle::flow::ACTIONS;
    let mut rng = StdRng::seed_from_u64(2026);
    for round in 0..12u32 {
        let mut n = budi();
        n.applicant.nik = format!("51710110116701{round:02}");
        n.applicant.nik_ulang = n.applicant.nik.clone();
        let row = open_penerbitan(&db, &t.op(), &n).await.unwrap();
        if rng.gen_bool(0.7) {
            t.tick_all(row.id).await;
        }
        for _ in 0..15 {
            let a = actions[rng.gen_range(0..actions.len())];
            let events = t.count("case_events").await;
            let entries = t.count("audit_log").await;
            let before = t.case(row.id).await;
            let result = transitions::transition(&db, &t.op(), row.id, &step(a)).await;
            let after = t.case(row.id).await;
            match result {
                Ok(_) => {
                    assert!(before.actions.contains(&a), "{a:?} was not offered");
                    assert_eq!(
                        t.count("case_events").await,
                        events + 1,
                        "an accepted {a:?} writes one history event"
                    );
                    // Issuing a certificate adds its own entry beside the transition's.
                    let extra = i64::from(a == Action::Selesai);
                    assert_eq!(
                        t.count("audit_log").await,
                        entries + 1 + extra,
                        "an accepted {a:?} writes one audit entry, and issuing a certificate one more"
                    );
                }
                Err(_) => {
                    assert_eq!(
                        after.case.status, before.case.status,
                        "a refused {a:?} leaves the status"
                    );
                    assert_eq!(
                        t.count("case_events").await,
                        events,
                        "and writes no history"
                    );
                    assert_eq!(t.count("audit_log").await, entries, "and no audit entry");
                }
            }
        }
    }
    assert!(
        matches!(
            audit::verify(&db, &key()).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after random transitions"
    );
}

#[tokio::test]
async fn a_rejected_case_is_reopened_as_a_new_linked_case() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let mut no_reason = step(Action::Tolak);
    no_reason.reason_code = "tidak_ada".into();
    let refused = transitions::transition(&db, &t.op(), row.id, &no_reason)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(refused),
        "reason_code",
        "reasons come from the catalogue"
    );
    t.walk(row.id, &[Action::Tolak]).await;
    let rejected = t.case(row.id).await;
    assert_eq!(
        rejected.reason_code.as_deref(),
        Some("data_tidak_sesuai"),
        "the rejected case keeps the reason chosen"
    );
    assert_eq!(
        rejected.rejected_by,
        Some(Pihak::Dinas),
        "the rejection records that the office rejected it"
    );
    assert!(rejected.can_reopen, "a rejected case offers re-application");

    let again = intake::reopen(&db, &t.op(), row.id).await.unwrap();
    assert_eq!(
        again.status,
        Status::Diterima,
        "the re-application starts as received"
    );
    assert_eq!(
        again.layanan,
        Layanan::Penerbitan,
        "the re-application is of the same service"
    );
    let d = t.case(again.id).await;
    assert_eq!(d.linked.len(), 1, "the new case points to the rejected one");
    assert_eq!(
        (d.linked[0].id, d.linked[0].relation.as_str()),
        (row.id, "induk"),
        "the new case points to the rejected one as its parent"
    );
    assert!(
        intake::reopen(&db, &t.op(), again.id).await.is_err(),
        "only rejected cases"
    );
}

#[tokio::test]
async fn a_data_change_with_an_active_certificate_opens_revocation_and_reissue() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let first = t.issued().await;
    let applicant_id = t.case(first).await.applicant_id;

    let mut baru = PersonData::of(
        &loket_core::entities::applicants::Entity::find_by_id(applicant_id)
            .one(&db)
            .await
            .unwrap()
            .unwrap(),
    );
    baru.nama = "I Made Budi Santosa".into();
    let head = t
        .open_for(
            applicant_id,
            Layanan::PerubahanData,
            ServiceFormInput {
                data_baru: Some(baru),
                alasan: "Nama berubah".into(),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let d = t.case(head.id).await;
    let chain: Vec<_> = d
        .linked
        .iter()
        .map(|l| (l.layanan, l.relation.as_str()))
        .collect();
    assert_eq!(
        chain,
        [
            (Layanan::Pencabutan, "lanjutan"),
            (Layanan::Penerbitan, "rantai")
        ],
        "the revocation follows the data change, the new issuance follows the revocation"
    );
    // The data change is done first (BSrE approves it).
    t.tick_all(head.id).await;
    t.walk(
        head.id,
        &[
            Action::BerkasLengkap,
            Action::AjukanAms,
            Action::TungguBsre,
            Action::Selesai,
        ],
    )
    .await;

    let revocation = d.linked[0].id;
    let rd = t.case(revocation).await;
    assert_eq!(
        rd.revocation_reason,
        Some(RevocationReason::DataBerubah),
        "the chain's revocation is for the data change (RFC 5280 code 4)"
    );
    assert_eq!(rd.linked.len(), 2, "the revocation sees its chain");
    t.tick_all(revocation).await;
    t.walk(
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
    let after = t.case(revocation).await;
    assert_eq!(
        after.certificates[0].status,
        CertStatus::Dicabut,
        "finishing the revocation revokes the active certificate"
    );
    assert_eq!(
        after.certificates[0].revocation_code,
        Some(4),
        "RFC 5280 superseded"
    );
}

#[tokio::test]
async fn renewal_needs_confirmed_data_and_issuance_needs_no_active_certificate() {
    let t = TestDesk::sqlite().await;
    let first = t.issued().await;
    let applicant_id = t.case(first).await.applicant_id;
    let err = t
        .open_for(applicant_id, Layanan::Penerbitan, Default::default())
        .await
        .unwrap_err();
    assert_eq!(
        field_of(err),
        "layanan",
        "an active certificate is renewed, not issued again"
    );
    let err = t
        .open_for(applicant_id, Layanan::Pembaruan, Default::default())
        .await
        .unwrap_err();
    assert_eq!(
        field_of(err),
        "data_dikonfirmasi",
        "a renewal is refused until the data is confirmed"
    );
    let renewal = t
        .open_for(applicant_id, Layanan::Pembaruan, renewal())
        .await
        .unwrap();
    assert_eq!(
        renewal.layanan,
        Layanan::Pembaruan,
        "a renewal with confirmed data opens"
    );
    let err = t
        .open_for(applicant_id, Layanan::Pembaruan, super::support::renewal())
        .await
        .unwrap_err();
    assert_eq!(field_of(err), "layanan", "one open renewal at a time");
    let err = t
        .open_for(applicant_id, Layanan::Pencabutan, Default::default())
        .await
        .unwrap_err();
    assert_eq!(
        field_of(err),
        "layanan",
        "no revocation while a renewal of the same person runs"
    );
}

#[tokio::test]
async fn the_expiring_view_lists_certificates_ending_within_the_configured_days() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    t.issued().await; // valid to 2028-11-25
    let today = chrono::NaiveDate::from_ymd_opt(2028, 10, 30).unwrap();
    let rows = certificates::expiring(&db, today).await.unwrap();
    assert_eq!(rows.len(), 1, "ending 25 November 2028 is within 30 days");
    assert_eq!(
        rows[0].days_left, 26,
        "the days left count to the certificate's last day"
    );
    assert_eq!(rows[0].pembaruan_nomor, None, "no renewal is open yet");
    let earlier = chrono::NaiveDate::from_ymd_opt(2028, 10, 20).unwrap();
    assert!(
        certificates::expiring(&db, earlier)
            .await
            .unwrap()
            .is_empty(),
        "36 days is too far"
    );
    store::set_setting(&db, &key(), certificates::SETTING_EXPIRY_DAYS, "60")
        .await
        .unwrap();
    assert_eq!(
        certificates::expiring(&db, earlier).await.unwrap().len(),
        1,
        "the office's 60 days reach it"
    );

    let renewal = t
        .open_for(rows[0].applicant_id, Layanan::Pembaruan, renewal())
        .await
        .unwrap();
    let rows = certificates::expiring(&db, today).await.unwrap();
    assert_eq!(
        rows[0].pembaruan_nomor.as_deref(),
        Some(renewal.nomor.as_str()),
        "the expiring view names the renewal opened for the certificate"
    );
}
