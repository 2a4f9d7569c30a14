//! What an attacker's review of corrections and take-backs tried, each now
//! refused: a rejection notice numbered after its rejection was taken back,
//! a revocation undone by a status correction, four-eyes switched off by
//! deleting its setting, a refused correction put back to "waiting" with
//! its old seal, a register row edited in the file, a serial recorded twice
//! in other letters, a certificate of another person corrected from a case
//! page, an expiry notice lost after an end date corrected there and back,
//! a rejected case revived on a certificate that no longer stands, years
//! out of any range.

use loket_core::Error;
use loket_core::cases::approval;
use loket_core::cases::takeback::{self, TakeBack};
use loket_core::cases::transitions;
use loket_core::cases::values::{self, Target, ValueCorrection};
use loket_core::certificates::{self, Validity};
use loket_core::integrity::{self, Depth};
use loket_core::letters::register::{self, NewLetter};
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::Status;
use loket_core::mail::expiry;
use loket_core::office::kinds::Jenis;
use sea_orm::ConnectionTrait;

use super::support::*;

fn back(status: Status) -> TakeBack {
    TakeBack {
        status: Some(status),
        reason: "Keliru pilih.".into(),
        beri_tahu: false,
    }
}

#[tokio::test]
async fn a_rejection_notice_drafted_before_its_rejection_was_taken_back_is_not_numbered() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let id = t.complete_case(&budi()).await;
    t.walk(id, &[Action::Tolak]).await;
    let draft = register::create_draft(
        &t.db,
        &t.op(),
        &NewLetter {
            jenis: Some(Jenis::Penolakan),
            case_ids: vec![id],
            penandatangan: 0,
        },
    )
    .await
    .unwrap()
    .id;
    takeback::take_back(&t.db, &t.as_("verifikator"), id, &back(Status::Ditolak))
        .await
        .unwrap();
    let e = register::issue(&t.db, &t.as_("verifikator"), draft)
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "letter", "the notice is refused, not numbered");
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from letters where nomor is not null"
        )
        .await,
        "0",
        "no number was taken"
    );
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from outbox where peristiwa = 'ditolak'"
        )
        .await,
        "0",
        "no rejection message was queued"
    );
}

#[tokio::test]
async fn a_revocation_is_not_undone_by_a_status_correction() {
    let t = TestDesk::sqlite().await;
    let id = t.intake(&budi()).await.id;
    let applicant = t.case(id).await.applicant_id;
    transitions::transition(&t.db, &t.as_("verifikator"), id, &step(Action::Batalkan))
        .await
        .unwrap();
    let cert = record_outside(&t, applicant, "01/01/2025", "01/01/2027")
        .await
        .unwrap();
    let rev = t
        .open_for(
            applicant,
            loket_core::lifecycle::vocabulary::Layanan::Pencabutan,
            revocation(
                loket_core::lifecycle::vocabulary::RevocationReason::KunciBocor,
                vec![cert],
            ),
        )
        .await
        .unwrap();
    t.tick_all(rev.id).await;
    t.walk(
        rev.id,
        &[
            Action::BerkasLengkap,
            Action::TerbitkanRekomendasi,
            Action::AjukanAms,
            Action::TungguBsre,
            Action::Selesai,
        ],
    )
    .await;
    let e = values::correct(
        &t.db,
        &t.op(),
        &value_fix(Target::Certificate, cert, "status", "dicabut", "aktif"),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "baru", "a revoked certificate stays revoked");
    assert_eq!(
        scalar(
            &t.db,
            &format!("select status from certificates where id = {cert}")
        )
        .await,
        "dicabut"
    );
}

#[tokio::test]
async fn four_eyes_deleted_replayed_or_edited_in_the_file_is_found() {
    let t = TestDesk::sqlite().await;
    let id = t.issued().await;
    approval::set_four_eyes(&t.db, &t.as_("admin"), true)
        .await
        .unwrap();
    let seen = scalar(
        &t.db,
        &format!("select instansi from cases where id = {id}"),
    )
    .await;
    let r = values::correct(
        &t.db,
        &t.op(),
        &value_fix(Target::Case, id, "instansi", &seen, "Dinas Kesehatan"),
    )
    .await
    .unwrap();
    // The waiting row's state and seal copied, the correction refused, the
    // copy written back: still decided.
    let old = scalar(
        &t.db,
        &format!(
            "select state || '|' || segel from corrections where id = {}",
            r.id
        ),
    )
    .await;
    let (state, seal) = old.split_once('|').unwrap();
    approval::refuse(&t.db, &t.as_("verifikator"), r.id)
        .await
        .unwrap();
    t.db.execute_unprepared(&format!(
        "update corrections set state = '{state}', segel = '{seal}', decided_by = null, \
         decided_at = null where id = {}",
        r.id
    ))
    .await
    .unwrap();
    let e = approval::approve(&t.db, &t.as_("verifikator"), r.id)
        .await
        .unwrap_err();
    assert_eq!(
        field_of(e),
        "koreksi",
        "a decision put back is still decided"
    );
    assert_eq!(
        scalar(
            &t.db,
            &format!("select instansi from cases where id = {id}")
        )
        .await,
        seen,
        "nothing applied"
    );
    // A register row edited in the file is reported by the integrity check.
    t.db.execute_unprepared(&format!(
        "update corrections set requested_by = 'orang-lain' where id = {}",
        r.id
    ))
    .await
    .unwrap();
    let found = integrity::rows(&t.db, &t.key, Depth::Full).await.unwrap();
    assert!(
        found.iter().any(|f| f.tabel == "koreksi"),
        "the edited register row is found: {found:?}"
    );
    // Four-eyes deleted from the file: not silently off.
    t.db.execute_unprepared("delete from settings where key = 'koreksi_empat_mata'")
        .await
        .unwrap();
    let e = values::correct(
        &t.db,
        &t.op(),
        &value_fix(
            Target::Case,
            id,
            "ams_ref",
            "AMS-2026-0042",
            "AMS-2026-0050",
        ),
    )
    .await
    .unwrap_err();
    assert!(
        matches!(e, Error::Tampered(_)),
        "refused, not applied: {e:?}"
    );
}

#[tokio::test]
async fn a_serial_is_one_serial_whatever_its_letters_and_hidden_characters_are_refused() {
    let t = TestDesk::sqlite().await;
    let id = t.intake(&budi()).await.id;
    let applicant = t.case(id).await.applicant_id;
    transitions::transition(&t.db, &t.as_("verifikator"), id, &step(Action::Batalkan))
        .await
        .unwrap();
    certificates::record_external(
        &t.db,
        &t.op(),
        applicant,
        &Validity {
            valid_from: "01/01/2022".into(),
            valid_to: "01/01/2024".into(),
            serial: "SN-0002".into(),
        },
    )
    .await
    .unwrap();
    for serial in ["sn-0002", "ＳＮ-0002", "SN\t-0002", "SN\u{00A0}0002"] {
        let e = certificates::record_external(
            &t.db,
            &t.op(),
            applicant,
            &Validity {
                valid_from: "01/01/2025".into(),
                valid_to: "01/01/2027".into(),
                serial: serial.into(),
            },
        )
        .await
        .unwrap_err();
        assert_eq!(field_of(e), "serial", "{serial:?} is refused at the serial");
    }
    for (from, to) in [("01/01/0001", "01/01/2027"), ("01/01/2025", "31/12/9999")] {
        let e = record_outside(&t, applicant, from, to).await.unwrap_err();
        assert!(
            !field_of(e).is_empty(),
            "{from}–{to}: a year out of any range is refused"
        );
    }
}

#[tokio::test]
async fn a_case_page_corrects_only_its_own_persons_values() {
    let t = TestDesk::sqlite().await;
    let mine = t.issued().await;
    let theirs = t.complete_case(&ayu()).await;
    t.walk(
        theirs,
        &[
            Action::TerbitkanRekomendasi,
            Action::AjukanAms,
            Action::TungguPemohon,
            Action::TungguBsre,
            Action::Selesai,
        ],
    )
    .await;
    let their_cert: i64 = scalar(
        &t.db,
        &format!("select id from certificates where case_id = {theirs}"),
    )
    .await
    .parse()
    .unwrap();
    let serial = scalar(
        &t.db,
        &format!("select serial from certificates where id = {their_cert}"),
    )
    .await;
    let e = values::correct(
        &t.db,
        &t.op(),
        &ValueCorrection {
            case_id: Some(mine),
            ..value_fix(
                Target::Certificate,
                their_cert,
                "serial",
                &serial,
                "SN-LAIN-1",
            )
        },
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(e),
        "field",
        "another person's certificate is refused"
    );
}

#[tokio::test]
async fn an_end_date_corrected_there_and_back_gets_its_notice_again() {
    let t = TestDesk::sqlite().await;
    mail_on_without_server(&t).await;
    let id = t.issued().await; // valid to 25/11/2028
    let cert: i64 = scalar(&t.db, "select id from certificates")
        .await
        .parse()
        .unwrap();
    let when = chrono::DateTime::parse_from_rfc3339("2028-10-26T08:00:00+08:00").unwrap();
    assert_eq!(expiry::queue_due(&t.db, &t.key, when).await.unwrap(), 1);
    for (lama, baru) in [("25/11/2028", "25/11/2029"), ("25/11/2029", "25/11/2028")] {
        values::correct(
            &t.db,
            &t.as_("verifikator"),
            &ValueCorrection {
                case_id: Some(id),
                ..value_fix(Target::Certificate, cert, "valid_to", lama, baru)
            },
        )
        .await
        .unwrap();
    }
    assert_eq!(
        expiry::queue_due(&t.db, &t.key, when).await.unwrap(),
        1,
        "the notice of the date corrected back is queued again"
    );
}

#[tokio::test]
async fn a_rejected_case_does_not_come_back_on_a_certificate_that_no_longer_stands() {
    let t = TestDesk::sqlite().await;
    let id = t.intake(&budi()).await.id;
    let applicant = t.case(id).await.applicant_id;
    transitions::transition(&t.db, &t.as_("verifikator"), id, &step(Action::Batalkan))
        .await
        .unwrap();
    let cert = record_outside(&t, applicant, "01/01/2025", "01/01/2027")
        .await
        .unwrap();
    let renewal = t
        .open_for(
            applicant,
            loket_core::lifecycle::vocabulary::Layanan::Pembaruan,
            renewal(),
        )
        .await
        .unwrap();
    t.walk(renewal.id, &[Action::Batalkan]).await;
    values::correct(
        &t.db,
        &t.as_("verifikator"),
        &value_fix(Target::Certificate, cert, "status", "aktif", "digantikan"),
    )
    .await
    .unwrap();
    let e = takeback::take_back(
        &t.db,
        &t.as_("verifikator"),
        renewal.id,
        &back(Status::Dibatalkan),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "reason", "refused, naming the certificate");
    assert_eq!(t.case(renewal.id).await.case.status, Status::Dibatalkan);
}
