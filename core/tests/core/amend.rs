//! Mistakes put right: a case's last step taken back (and what may not be),
//! a recorded value corrected with what depends on it following (expiry
//! notices, the deadline), four-eyes for corrections, and the rules that
//! keep one person's cases from contradicting each other, with a property
//! test over random interleavings of the four services.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use loket_core::cases::approval;
use loket_core::cases::due;
use loket_core::cases::takeback::{self, TakeBack};
use loket_core::cases::transitions;
use loket_core::cases::values::{self, Target, ValueCorrection};
use loket_core::certificates;
use loket_core::corrections::{self, CorrectionQuery};
use loket_core::letters::register;
use loket_core::lifecycle::flow::{ACTIONS, Action, EntryKind};
use loket_core::lifecycle::vocabulary::{Layanan, RevocationReason, Status};
use loket_core::mail::expiry;
use loket_core::office::kinds::Jenis;
use loket_core::{Error, dashboard};
use proptest::prelude::*;

use super::support::*;

fn back(status: Status, reason: &str) -> TakeBack {
    TakeBack {
        status: Some(status),
        reason: reason.into(),
        beri_tahu: true,
    }
}

async fn take_back(t: &TestDesk, id: i64, input: &TakeBack) -> loket_core::Result<()> {
    takeback::take_back(&t.db, &t.as_("verifikator"), id, input).await
}

/// The value of `field` of `target` on the case page, as a correction names it.
async fn value_of(t: &TestDesk, case_id: i64, target: Target, field: &str) -> (i64, String) {
    let v = t
        .case(case_id)
        .await
        .correctable
        .into_iter()
        .find(|v| v.target == target && v.field == field)
        .unwrap_or_else(|| panic!("{field} is offered for correction"));
    (v.target_id, v.value)
}

/// The verifikator corrects case `id`'s AMS reference to `baru`, from the
/// value the page shows; returns that value.
async fn correct_ams(t: &TestDesk, id: i64, baru: &str) -> String {
    let (_, seen) = value_of(t, id, Target::Case, "ams_ref").await;
    values::correct(
        &t.db,
        &t.as_("verifikator"),
        &value_fix(Target::Case, id, "ams_ref", &seen, baru),
    )
    .await
    .unwrap();
    seen
}

#[tokio::test]
async fn a_step_taken_back_returns_the_case_and_its_clock_and_the_case_finishes_again() {
    let t = TestDesk::sqlite().await;
    let row = t.intake(&budi()).await;
    t.tick_all(row.id).await;
    t.walk(
        row.id,
        &[
            Action::BerkasLengkap,
            Action::TerbitkanRekomendasi,
            Action::AjukanAms,
        ],
    )
    .await;
    let before = due::of_case(&t.db, row.id, now()).await.unwrap();
    // A slip of the mouse: "menunggu BSrE" instead of "menunggu pemohon".
    t.walk(row.id, &[Action::TungguBsre]).await;
    let e = take_back(&t, row.id, &back(Status::MenungguBsre, " "))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "reason", "a take-back needs its reason");
    take_back(
        &t,
        row.id,
        &back(
            Status::MenungguBsre,
            "Salah pilih: pemohon belum verifikasi.",
        ),
    )
    .await
    .unwrap();
    let d = t.case(row.id).await;
    assert_eq!(d.case.status, Status::DiajukanAms, "back where it stood");
    assert_eq!(
        d.ams_ref.as_deref(),
        Some("AMS-2026-0042"),
        "the AMS step itself still stands"
    );
    let last = d.events.last().unwrap();
    assert_eq!(
        last.kind,
        EntryKind::Mundur,
        "the history says it was taken back"
    );
    assert!(
        last.note.contains("Salah pilih"),
        "with its reason: {}",
        last.note
    );
    let after = due::of_case(&t.db, row.id, now()).await.unwrap();
    assert_eq!(
        (after.tenggat, after.dijeda),
        (before.tenggat, before.dijeda),
        "the clock is as if the step had never been taken (no BSrE pause)"
    );
    // Back once more: the AMS reference goes with its step.
    take_back(&t, row.id, &back(Status::DiajukanAms, "AMS belum diisi."))
        .await
        .unwrap();
    let d = t.case(row.id).await;
    assert_eq!(d.case.status, Status::RekomendasiTerbit, "two steps back");
    assert_eq!(
        d.ams_ref, None,
        "the AMS reference is cleared with its step"
    );
    t.walk(
        row.id,
        &[
            Action::AjukanAms,
            Action::TungguPemohon,
            Action::TungguBsre,
            Action::Selesai,
        ],
    )
    .await;
    assert_eq!(
        t.case(row.id).await.case.status,
        Status::Selesai,
        "the case finishes again"
    );
    assert_eq!(
        corrections::register(&t.db, &CorrectionQuery::default(), *now().offset())
            .await
            .unwrap()
            .iter()
            .filter(|r| r.kind == "langkah")
            .count(),
        2,
        "both take-backs are in the register of corrections"
    );
    // A finished case is BSrE's act: not taken back.
    let v = t.case(row.id).await.take_back;
    assert!(v.to.is_none() && v.blocked.contains("selesai"), "{v:?}");
    let e = take_back(&t, row.id, &back(Status::Selesai, "Keliru."))
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "reason", "refused with the reason why not");
}

#[tokio::test]
async fn a_step_a_numbered_letter_came_from_comes_back_only_after_the_letter_is_voided() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let id = t.complete_case(&budi()).await;
    let letter = t.draft(Jenis::RekomendasiPendaftaran, vec![id]).await;
    let issued = t.issue(letter).await;
    assert_eq!(
        t.case(id).await.case.status,
        Status::RekomendasiTerbit,
        "numbering the letter took the step"
    );
    let view = t.case(id).await.take_back;
    assert!(view.to.is_none(), "not offered: {view:?}");
    let e = take_back(&t, id, &back(Status::RekomendasiTerbit, "Salah surat."))
        .await
        .unwrap_err();
    let Error::Invalid { fields, .. } = e else {
        panic!("a field refusal")
    };
    assert!(
        fields["reason"].contains(issued.nomor.as_deref().unwrap()),
        "the refusal names the letter: {fields:?}"
    );
    register::void(&t.db, &t.as_("verifikator"), letter, "Salah penandatangan.")
        .await
        .unwrap();
    take_back(
        &t,
        id,
        &back(Status::RekomendasiTerbit, "Surat dibatalkan."),
    )
    .await
    .unwrap();
    assert_eq!(
        t.case(id).await.case.status,
        Status::BerkasLengkap,
        "after the void the step comes back; the void number stays in the register"
    );
}

#[tokio::test]
async fn a_stale_page_and_a_rejection_applied_for_again_are_refused() {
    let t = TestDesk::sqlite().await;
    let id = t.complete_case(&budi()).await;
    let e = take_back(&t, id, &back(Status::Diterima, "Keliru."))
        .await
        .unwrap_err();
    let Error::Invalid { fields, .. } = e else {
        panic!("a field refusal")
    };
    assert!(
        fields["reason"].contains("berkas lengkap"),
        "the page showed another status: both are named: {fields:?}"
    );
    t.walk(id, &[Action::Tolak]).await;
    let again = loket_core::cases::intake::reopen(&t.db, &t.op(), id)
        .await
        .unwrap();
    let e = take_back(&t, id, &back(Status::Ditolak, "Keliru tolak."))
        .await
        .unwrap_err();
    let Error::Invalid { fields, .. } = e else {
        panic!("a field refusal")
    };
    assert!(
        fields["reason"].contains(&again.nomor),
        "names the re-application: {fields:?}"
    );
}

#[tokio::test]
async fn a_step_taken_back_withdraws_its_unsent_message_and_offers_a_notice_for_a_sent_one() {
    let t = TestDesk::sqlite().await;
    mail_on_without_server(&t).await;
    let row = t.intake(&budi()).await;
    t.walk(row.id, &[Action::BerkasKurang]).await;
    let waiting = scalar(
        &t.db,
        "select count(*) from outbox where peristiwa = 'berkas_kurang' and status = 'menunggu'",
    )
    .await;
    assert_eq!(waiting, "1", "the missing-documents message is queued");
    take_back(
        &t,
        row.id,
        &back(Status::BerkasKurang, "Berkas ternyata ada."),
    )
    .await
    .unwrap();
    assert_eq!(
        scalar(
            &t.db,
            "select status from outbox where peristiwa = 'berkas_kurang'"
        )
        .await,
        "ditarik",
        "a message not sent yet is withdrawn, kept, never sent"
    );
    // Again, and this time the message went out before the take-back.
    t.walk(row.id, &[Action::BerkasKurang]).await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        "update outbox set status = 'terkirim' where status = 'menunggu' and peristiwa = 'berkas_kurang'",
    )
    .await
    .unwrap();
    let view = t.case(row.id).await.take_back;
    assert_eq!(
        view.told,
        vec!["Berkas kurang".to_string()],
        "the page offers a notice"
    );
    take_back(
        &t,
        row.id,
        &back(Status::BerkasKurang, "Berkas ternyata ada."),
    )
    .await
    .unwrap();
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from outbox where peristiwa = 'berkas_kurang' and status = 'terkirim'"
        )
        .await,
        "1",
        "the message that went out stays recorded as sent"
    );
    let body = scalar(&t.db, "select isi from outbox where peristiwa = 'koreksi'").await;
    assert!(
        body.contains("Berkas kurang") && body.contains("Berkas ternyata ada."),
        "the correction notice names the message and the reason: {body}"
    );
}

#[tokio::test]
async fn a_corrected_end_date_withdraws_the_old_expiry_notice_and_the_new_one_comes_on_its_day() {
    let t = TestDesk::sqlite().await;
    mail_on_without_server(&t).await;
    let id = t.issued().await; // valid to 25/11/2028
    let moment = |d: NaiveDate| -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{d}T08:00:00+08:00")).unwrap()
    };
    let old_end = NaiveDate::from_ymd_opt(2028, 11, 25).unwrap();
    assert_eq!(
        expiry::queue_due(&t.db, &t.key, moment(old_end - Duration::days(30)))
            .await
            .unwrap(),
        1,
        "the 30-day notice for the recorded end is queued"
    );
    let (cert, lama) = value_of(&t, id, Target::Certificate, "valid_to").await;
    assert_eq!(lama, "25/11/2028");
    // The notice said one year too late: BSrE's e-mail said 25/11/2027.
    let r = values::correct(
        &t.db,
        &t.as_("verifikator"),
        &value_fix(Target::Certificate, cert, "valid_to", &lama, "25/11/2027"),
    )
    .await
    .unwrap();
    assert!(r.applied, "without four-eyes a correction applies at once");
    assert_eq!(
        scalar(
            &t.db,
            "select status from outbox where peristiwa = 'kedaluwarsa_h30'"
        )
        .await,
        "ditarik",
        "the queued notice for the old date is withdrawn, not sent"
    );
    let new_end = NaiveDate::from_ymd_opt(2027, 11, 25).unwrap();
    assert_eq!(
        expiry::queue_due(&t.db, &t.key, moment(new_end - Duration::days(31)))
            .await
            .unwrap(),
        0,
        "nothing a day early"
    );
    assert_eq!(
        expiry::queue_due(&t.db, &t.key, moment(new_end - Duration::days(30)))
            .await
            .unwrap(),
        1,
        "the notice for the corrected date comes on its 30th day"
    );
    let body = scalar(
        &t.db,
        "select isi from outbox where peristiwa = 'kedaluwarsa_h30' and status = 'menunggu'",
    )
    .await;
    assert!(body.contains("25/11/2027"), "it names the new date: {body}");
    let expiring = certificates::expiring(&t.db, new_end - Duration::days(20))
        .await
        .unwrap();
    assert!(
        expiring.iter().any(|e| e.certificate.id == cert),
        "the certificate is on the 'akan kedaluwarsa' list for its corrected date"
    );
    let d = t.case(id).await;
    let last = d.events.last().unwrap();
    assert_eq!(
        last.kind,
        EntryKind::Koreksi,
        "the case's history says Koreksi"
    );
    assert!(
        last.note.contains("25/11/2028") && last.note.contains("25/11/2027"),
        "with both values: {}",
        last.note
    );
    let audit = scalar(
        &t.db,
        "select count(*) from audit_log where action = 'correction.apply'",
    )
    .await;
    assert_eq!(audit, "1", "one audit entry");
}

#[tokio::test]
async fn impossible_corrections_are_refused_at_their_field_and_nothing_changes() {
    let t = TestDesk::sqlite().await;
    let id = t.issued().await;
    let other = t.complete_case(&ayu()).await;
    t.walk(
        other,
        &[
            Action::TerbitkanRekomendasi,
            Action::AjukanAms,
            Action::TungguPemohon,
            Action::TungguBsre,
            Action::Selesai,
        ],
    )
    .await;
    let (cert, from) = value_of(&t, id, Target::Certificate, "valid_from").await;
    let (_, to) = value_of(&t, id, Target::Certificate, "valid_to").await;
    let (other_cert, other_serial) = value_of(&t, other, Target::Certificate, "serial").await;
    let _ = other_cert;
    let (_, serial) = value_of(&t, id, Target::Certificate, "serial").await;
    let (item, received) = {
        let v = t
            .case(id)
            .await
            .correctable
            .into_iter()
            .find(|v| v.target == Target::Requirement)
            .unwrap();
        (v.target_id, v.value)
    };
    let before = t.count("corrections").await;
    for (c, field, why) in [
        (
            value_fix(Target::Certificate, cert, "valid_to", &to, "01/01/2020"),
            "baru",
            "an end before the start",
        ),
        (
            value_fix(Target::Certificate, cert, "valid_from", &from, "31/02/2026"),
            "baru",
            "a day that does not exist",
        ),
        (
            value_fix(Target::Certificate, cert, "serial", &serial, &other_serial),
            "baru",
            "a serial already on another certificate",
        ),
        (
            value_fix(
                Target::Requirement,
                item,
                "diterima_pada",
                &received,
                "01/01/2030",
            ),
            "baru",
            "a document received in the future",
        ),
        (
            value_fix(Target::Certificate, cert, "status", "aktif", "dicabut"),
            "baru",
            "a revocation is a service, not a correction",
        ),
        (
            value_fix(Target::Case, id, "kanal", "loket", "faks"),
            "baru",
            "a channel Loket does not know",
        ),
        (
            ValueCorrection {
                reason: "  ".into(),
                ..value_fix(
                    Target::Case,
                    id,
                    "ams_ref",
                    "AMS-2026-0042",
                    "AMS-2026-0043",
                )
            },
            "reason",
            "a correction without a reason",
        ),
        (
            value_fix(
                Target::Case,
                id,
                "ams_ref",
                "AMS-2026-0042",
                "AMS-2026-0042",
            ),
            "baru",
            "nothing changes",
        ),
    ] {
        let e = values::correct(&t.db, &t.as_("verifikator"), &c)
            .await
            .unwrap_err();
        assert!(field_of(e).contains(field), "{why}: refused at {field}");
    }
    assert_eq!(t.count("corrections").await, before, "nothing saved");
    assert_eq!(
        value_of(&t, id, Target::Certificate, "valid_to").await.1,
        to,
        "the value stands"
    );
}

#[tokio::test]
async fn a_correction_of_a_value_changed_meanwhile_is_refused_with_both_values() {
    let t = TestDesk::sqlite().await;
    let id = t.issued().await;
    let (_, seen) = value_of(&t, id, Target::Case, "ams_ref").await;
    // A colleague corrects first.
    values::correct(
        &t.db,
        &t.as_("verifikator"),
        &value_fix(Target::Case, id, "ams_ref", &seen, "AMS-2026-0099"),
    )
    .await
    .unwrap();
    let e = values::correct(
        &t.db,
        &t.as_("op"),
        &value_fix(Target::Case, id, "ams_ref", &seen, "AMS-2026-0100"),
    )
    .await
    .unwrap_err();
    let Error::Invalid { fields, .. } = e else {
        panic!("a field refusal")
    };
    assert!(
        fields["lama"].contains("AMS-2026-0099") && fields["lama"].contains(&seen),
        "both values are shown: {fields:?}"
    );
    assert_eq!(
        value_of(&t, id, Target::Case, "ams_ref").await.1,
        "AMS-2026-0099",
        "the colleague's correction is not overwritten"
    );
}

#[tokio::test]
async fn four_eyes_corrections_wait_for_a_second_person_and_an_edited_row_never_applies() {
    let t = TestDesk::sqlite().await;
    let id = t.issued().await;
    approval::set_four_eyes(&t.db, &t.as_("admin"), true)
        .await
        .unwrap();
    let (_, seen) = value_of(&t, id, Target::Case, "instansi").await;
    let r = values::correct(
        &t.db,
        &t.as_("op"),
        &value_fix(Target::Case, id, "instansi", &seen, "Dinas Kesehatan"),
    )
    .await
    .unwrap();
    assert!(!r.applied, "it waits");
    assert_eq!(
        value_of(&t, id, Target::Case, "instansi").await.1,
        seen,
        "nothing applied before the approval"
    );
    assert_eq!(
        t.case(id).await.pending_corrections.len(),
        1,
        "the case page shows it waiting"
    );
    let e = approval::approve(&t.db, &t.as_("op"), r.id)
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "koreksi", "nobody approves their own");
    approval::approve(&t.db, &t.as_("verifikator"), r.id)
        .await
        .unwrap();
    assert_eq!(
        value_of(&t, id, Target::Case, "instansi").await.1,
        "Dinas Kesehatan",
        "applied on the second person's approval"
    );
    let rows = corrections::register(&t.db, &CorrectionQuery::default(), *now().offset())
        .await
        .unwrap();
    assert_eq!(
        (rows[0].actor.as_str(), rows[0].decided_by.as_deref()),
        ("op", Some("verifikator")),
        "the register names who asked and who approved"
    );

    // A waiting row changed with sqlite3 (the new value swapped) is refused.
    let (_, seen) = value_of(&t, id, Target::Case, "unit_kerja").await;
    let r = values::correct(
        &t.db,
        &t.as_("op"),
        &value_fix(Target::Case, id, "unit_kerja", &seen, "Bidang Statistik"),
    )
    .await
    .unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        &format!(
            "update corrections set baru = 'Bidang Rahasia' where id = {}",
            r.id
        ),
    )
    .await
    .unwrap();
    let e = approval::approve(&t.db, &t.as_("verifikator"), r.id)
        .await
        .unwrap_err();
    assert!(
        matches!(e, Error::Tampered(_)),
        "refused as tampered: {e:?}"
    );
    assert_eq!(
        value_of(&t, id, Target::Case, "unit_kerja").await.1,
        seen,
        "the edited value never applies"
    );
    // Four-eyes switched off with sqlite3 does not switch it off.
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        "update settings set value = 'tidak' where key = 'koreksi_empat_mata'",
    )
    .await
    .unwrap();
    let e = values::correct(
        &t.db,
        &t.as_("op"),
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
        "the setting's seal holds: {e:?}"
    );
}

#[tokio::test]
async fn the_register_lists_value_corrections_and_the_dashboard_counts_the_month() {
    let t = TestDesk::sqlite().await;
    let id = t.issued().await;
    let seen = correct_ams(&t, id, "AMS-2026-0077").await;
    let rows = corrections::register(&t.db, &CorrectionQuery::default(), *now().offset())
        .await
        .unwrap();
    let r = rows.iter().find(|r| r.kind == "nilai").unwrap();
    assert_eq!(r.changes[0].field, "Referensi AMS");
    assert_eq!(
        (r.changes[0].lama.as_str(), r.changes[0].baru.as_str()),
        (seen.as_str(), "AMS-2026-0077"),
        "both values side by side"
    );
    assert_eq!(
        r.nomor.as_deref(),
        Some(t.case(id).await.case.nomor.as_str())
    );
    let d = dashboard::dashboard(&t.db, &t.key, now()).await.unwrap();
    assert_eq!(
        d.koreksi_bulan_ini, 1,
        "the month's corrections are counted"
    );
    let next_month = now() + Duration::days(40);
    let d = dashboard::dashboard(&t.db, &t.key, next_month)
        .await
        .unwrap();
    assert_eq!(d.koreksi_bulan_ini, 0, "a new month starts at zero");
}

#[tokio::test]
async fn one_persons_cases_do_not_contradict_each_other() {
    let t = TestDesk::sqlite().await;
    // A person whose certificate was issued before the office used Loket.
    let id = t.intake(&budi()).await.id;
    let applicant = t.case(id).await.applicant_id;
    transitions::transition(&t.db, &t.as_("verifikator"), id, &step(Action::Batalkan))
        .await
        .unwrap();
    let cert = certificates::record_external(
        &t.db,
        &t.op(),
        applicant,
        &certificates::Validity {
            valid_from: "01/01/2025".into(),
            valid_to: "01/01/2027".into(),
            serial: fresh_serial(),
        },
    )
    .await
    .unwrap();
    let cert = certificates::active(&t.db, applicant, now().date_naive())
        .await
        .unwrap()
        .into_iter()
        .find(|c| c.id == cert.id)
        .unwrap();
    let renewal = t
        .open_for(applicant, Layanan::Pembaruan, renewal())
        .await
        .unwrap();
    // The desk's scenario: a data change (whose chain revokes the
    // certificate) opened while the renewal runs.
    let e = t
        .open_for(applicant, Layanan::PerubahanData, Default::default())
        .await
        .unwrap_err();
    let Error::Invalid { fields, .. } = e else {
        panic!("a field refusal")
    };
    assert!(
        fields["layanan"].contains(&renewal.nomor),
        "the running case is named: {fields:?}"
    );
    // The certificate recorded as replaced meanwhile (a correction): the
    // renewal cannot move on, and says why.
    let e = values::correct(
        &t.db,
        &t.as_("verifikator"),
        &value_fix(
            Target::Certificate,
            cert.id,
            "status",
            "aktif",
            "digantikan",
        ),
    )
    .await;
    assert!(e.is_ok(), "recorded wrongly as active: corrected");
    t.tick_all(renewal.id).await;
    let e = transitions::transition(
        &t.db,
        &t.as_("verifikator"),
        renewal.id,
        &step(Action::BerkasLengkap),
    )
    .await
    .unwrap_err();
    let Error::Invalid { fields, .. } = e else {
        panic!("a field refusal")
    };
    assert!(
        fields["action"].contains(cert.serial.as_deref().unwrap()),
        "the certificate is named: {fields:?}"
    );
    transitions::transition(
        &t.db,
        &t.as_("verifikator"),
        renewal.id,
        &step(Action::Batalkan),
    )
    .await
    .expect("a case on an ended certificate can still be cancelled");
    // A finished issuance needs its serial.
    let e = values::correct(
        &t.db,
        &t.as_("verifikator"),
        &value_fix(
            Target::Certificate,
            cert.id,
            "serial",
            cert.serial.as_deref().unwrap(),
            " ",
        ),
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(e), "baru", "a serial cannot be emptied");
}

#[tokio::test]
async fn an_issuance_does_not_finish_beside_a_certificate_recorded_meanwhile() {
    let t = TestDesk::sqlite().await;
    let row = t.intake(&budi()).await;
    let applicant = t.case(row.id).await.applicant_id;
    t.tick_all(row.id).await;
    t.walk(
        row.id,
        &[
            Action::BerkasLengkap,
            Action::TerbitkanRekomendasi,
            Action::AjukanAms,
            Action::TungguPemohon,
            Action::TungguBsre,
        ],
    )
    .await;
    // While the issuance waits for BSrE, a certificate held from before is
    // recorded on the person's page.
    certificates::record_external(
        &t.db,
        &t.op(),
        applicant,
        &certificates::Validity {
            valid_from: "01/01/2026".into(),
            valid_to: "01/01/2028".into(),
            serial: fresh_serial(),
        },
    )
    .await
    .unwrap();
    let e = transitions::transition(&t.db, &t.as_("verifikator"), row.id, &step(Action::Selesai))
        .await
        .unwrap_err();
    let Error::Invalid { fields, .. } = e else {
        panic!("a field refusal")
    };
    assert!(
        fields["action"].contains("lebih dari satu sertifikat aktif"),
        "a second active certificate is refused: {fields:?}"
    );
    assert_eq!(
        certificates::active(&t.db, applicant, now().date_naive())
            .await
            .unwrap()
            .len(),
        1,
        "nothing of the refused step was saved"
    );
    assert_eq!(t.case(row.id).await.case.status, Status::MenungguBsre);
}

#[tokio::test]
async fn a_status_a_service_set_is_not_corrected() {
    let t = TestDesk::sqlite().await;
    let id = t.issued().await;
    assert!(
        !t.case(id)
            .await
            .correctable
            .iter()
            .any(|v| v.target == Target::Certificate && v.field == "status"),
        "the status of a certificate issued here is not offered for correction"
    );
    let applicant = t.case(id).await.applicant_id;
    let cert = certificates::active(&t.db, applicant, now().date_naive())
        .await
        .unwrap()
        .remove(0);
    for baru in ["digantikan", "Digantikan"] {
        let e = values::correct(
            &t.db,
            &t.op(),
            &value_fix(Target::Certificate, cert.id, "status", "aktif", baru),
        )
        .await
        .unwrap_err();
        let Error::Invalid { fields, .. } = e else {
            panic!("a field refusal")
        };
        assert!(
            fields["baru"].contains("dicatat oleh layanan"),
            "an issued certificate is not ended by a correction: {fields:?}"
        );
    }
}

/// What the property test does next.
#[derive(Debug, Clone)]
enum Op {
    Open(usize),
    Step(usize, usize),
    Back(usize),
    /// A certificate's status corrected (recorded wrongly): active to
    /// replaced, or back.
    Mark(usize),
    /// A certificate from outside Loket recorded on the person's page.
    Record,
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        2 => (0usize..4).prop_map(Op::Open),
        6 => (0usize..8, 0usize..9).prop_map(|(c, a)| Op::Step(c, a)),
        2 => (0usize..8).prop_map(Op::Back),
        1 => (0usize..4).prop_map(Op::Mark),
        1 => Just(Op::Record),
    ]
}

/// The invariants after every operation: at most one active certificate,
/// every certificate issued here with its serial, and each case's status the
/// end of its standing history.
async fn invariants(t: &TestDesk, applicant: i64) -> Result<(), TestCaseError> {
    let active = certificates::active(&t.db, applicant, now().date_naive())
        .await
        .unwrap();
    prop_assert!(active.len() <= 1, "two active certificates: {:?}", active);
    let unserialed = scalar(
        &t.db,
        "select count(*) from certificates where serial is null or serial = ''",
    )
    .await;
    prop_assert_eq!(unserialed, "0", "a certificate without its serial");
    let ids = scalar(
        &t.db,
        &format!("select group_concat(id) from cases where applicant_id = {applicant}"),
    )
    .await;
    for id in ids.split(',').filter(|s| !s.is_empty()) {
        let d = t.case(id.parse().unwrap()).await;
        let standing: Vec<_> = d
            .events
            .iter()
            .filter(|e| e.kind != EntryKind::Koreksi)
            .collect();
        let mut stack = vec![];
        for e in standing {
            match e.kind {
                EntryKind::Mundur => {
                    stack.pop();
                }
                _ => stack.push(e.to_status),
            }
        }
        prop_assert_eq!(
            stack.last().copied(),
            Some(d.case.status),
            "case {}",
            d.case.nomor
        );
        // A file at or past "berkas lengkap" has every required item
        // ticked (a step taken back does not untick them).
        if matches!(
            d.case.status,
            Status::BerkasLengkap
                | Status::RekomendasiTerbit
                | Status::DiajukanAms
                | Status::MenungguPemohon
                | Status::MenungguBsre
                | Status::Selesai
        ) {
            prop_assert!(
                d.requirements.iter().all(|r| !r.wajib || r.checked),
                "case {} stands past a complete file with a required item missing",
                d.case.nomor
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Random interleavings of the four services, their steps and
    /// take-backs for one person: never two active certificates, never a
    /// step on a certificate revoked or replaced meanwhile, every case where
    /// its standing history says it is.
    #[test]
    fn random_interleavings_for_one_person_keep_the_invariants(
        ops in proptest::collection::vec(op(), 1..60),
    ) {
        let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        rt.block_on(async {
            let t = TestDesk::sqlite().await;
            // The person starts with a certificate issued here.
            let first = t.issued().await;
            let applicant = t.case(first).await.applicant_id;
            let mut cases = vec![first];
            for op in ops {
                match op {
                    Op::Open(l) => {
                        let layanan = Layanan::ALL[l];
                        let held = certificates::active(&t.db, applicant, now().date_naive())
                            .await
                            .unwrap();
                        let form = match layanan {
                            Layanan::Pembaruan => renewal(),
                            Layanan::Pencabutan => revocation(
                                RevocationReason::Mutasi,
                                held.iter().map(|c| c.id).collect(),
                            ),
                            Layanan::PerubahanData => loket_core::cases::forms::ServiceFormInput {
                                data_baru: Some(
                                    loket_core::applicant_page::get_applicant(&t.db, applicant, now().date_naive())
                                        .await
                                        .unwrap()
                                        .applicant
                                        .data,
                                )
                                .map(|mut d| {
                                    d.jabatan = format!("Jabatan {}", cases.len());
                                    d
                                }),
                                alasan: "Jabatan baru.".into(),
                                ..Default::default()
                            },
                            Layanan::Penerbitan => Default::default(),
                        };
                        if let Ok(row) = t.open_for(applicant, layanan, form).await {
                            let all = scalar(
                                &t.db,
                                &format!("select group_concat(id) from cases where applicant_id = {applicant}"),
                            )
                            .await;
                            let _ = row;
                            cases = all.split(',').map(|s| s.parse().unwrap()).collect();
                        }
                    }
                    Op::Step(c, a) => {
                        let id = cases[c % cases.len()];
                        if t.case(id).await.checklist_editable {
                            t.tick_all(id).await;
                        }
                        let before = t.case(id).await;
                        // The certificates the form names, before the step.
                        let named: Vec<i64> = before
                            .form
                            .as_ref()
                            .map(|f| f.certificate_ids.clone())
                            .unwrap_or_default();
                        let stood: Vec<bool> = {
                            let mut v = vec![];
                            for n in &named {
                                let s = scalar(&t.db, &format!("select status from certificates where id = {n}")).await;
                                v.push(s == "aktif");
                            }
                            v
                        };
                        // One of the actions the case allows now (mostly),
                        // or any action (refused unless allowed).
                        let action = if a < 7 && !before.actions.is_empty() {
                            before.actions[a % before.actions.len()]
                        } else {
                            ACTIONS[a]
                        };
                        if transitions::transition(&t.db, &t.as_("verifikator"), id, &step(action))
                            .await
                            .is_ok()
                            && !matches!(action, Action::Tolak | Action::Batalkan)
                        {
                            prop_assert!(
                                stood.iter().all(|s| *s),
                                "{:?} moved {} on a certificate no longer active",
                                action,
                                before.case.nomor
                            );
                        }
                    }
                    Op::Mark(c) => {
                        let certs = scalar(
                            &t.db,
                            &format!("select coalesce(group_concat(id || ':' || status), '') from certificates where applicant_id = {applicant}"),
                        )
                        .await;
                        let list: Vec<&str> = certs.split(',').filter(|s| !s.is_empty()).collect();
                        if !list.is_empty() {
                            let (id, status) = list[c % list.len()].split_once(':').unwrap();
                            let baru = if status == "aktif" { "digantikan" } else { "aktif" };
                            let _ = values::correct(
                                &t.db,
                                &t.as_("verifikator"),
                                &value_fix(Target::Certificate, id.parse().unwrap(), "status", status, baru),
                            )
                            .await;
                        }
                    }
                    Op::Record => {
                        let _ = certificates::record_external(
                            &t.db,
                            &t.op(),
                            applicant,
                            &certificates::Validity {
                                valid_from: "01/01/2026".into(),
                                valid_to: "01/01/2028".into(),
                                serial: fresh_serial(),
                            },
                        )
                        .await;
                    }
                    Op::Back(c) => {
                        let id = cases[c % cases.len()];
                        let d = t.case(id).await;
                        let r = take_back(&t, id, &back(d.case.status, "Acak.")).await;
                        if d.take_back.to.is_some() && !loket_core::lifecycle::flow::is_final(d.case.status) {
                            prop_assert!(r.is_ok(), "offered but refused: {:?}", r);
                        }
                        if r.is_ok() {
                            prop_assert_eq!(Some(t.case(id).await.case.status), d.take_back.to);
                        }
                    }
                }
                invariants(&t, applicant).await?;
            }
            Ok(())
        })?;
    }
}

#[tokio::test]
async fn the_register_exports_as_a_workbook_and_a_letterhead_pdf_and_a_typed_formula_stays_text() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let id = t.issued().await;
    let (_, seen) = value_of(&t, id, Target::Case, "ams_ref").await;
    values::correct(
        &t.db,
        &t.as_("verifikator"),
        &ValueCorrection {
            // A formula, and words of capitals too wide for their column.
            reason: "=HYPERLINK(\"http://contoh.test\",\"klik\") tercatat MOHAMMADWAHYUDDIN \
                     bukan WWWWWWWWWWWWWWWW"
                .into(),
            ..value_fix(Target::Case, id, "ams_ref", &seen, "AMS-2026-0077")
        },
    )
    .await
    .unwrap();
    let q = CorrectionQuery::default();
    let e = corrections::export::export(&t.db, &t.as_("admin"), &q, "doc")
        .await
        .unwrap_err();
    assert_eq!(field_of(e), "format", "a format Loket does not make");
    let (name, bytes) = corrections::export::export(&t.db, &t.as_("admin"), &q, "xlsx")
        .await
        .unwrap();
    assert!(name.ends_with(".xlsx"), "{name}");
    let path = t.dir.path().join(&name);
    std::fs::write(&path, &bytes).unwrap();
    let read = |part: &str| {
        let (ok, out) = tool(
            "python3",
            &[
                "-c",
                "import zipfile,sys; print(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())",
                path.to_str().unwrap(),
                part,
            ],
        );
        assert!(ok, "{out}");
        out
    };
    let sheet = read("xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>"), "no cell is a formula: {sheet}");
    let strings = read("xl/sharedStrings.xml");
    assert!(
        strings.contains("AMS-2026-0077") && strings.contains("=HYPERLINK"),
        "the values and the typed text, as text: {strings}"
    );
    let (name, bytes) = corrections::export::export(&t.db, &t.as_("admin"), &q, "pdf")
        .await
        .unwrap();
    let words = pdf_words(t.dir.path(), &name, &bytes);
    assert!(
        words.contains("DAFTAR KOREKSI DATA") && words.contains("AMS-2026-0077"),
        "the letterhead PDF lists the correction: {words}"
    );
    assert_eq!(
        scalar(
            &t.db,
            "select count(*) from audit_log where action = 'corrections.export'"
        )
        .await,
        "2",
        "each export is in the audit log"
    );
}
