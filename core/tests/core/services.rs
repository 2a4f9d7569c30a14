//! Every service for every walk-in: a person on record or new, a certificate
//! held from outside Loket, what each service changes when it is done (the
//! person's data, the certificates), the order of a data-change chain, the
//! correction of a record without losing what it was, and two desks editing
//! the same person.

use loket_core::Error;
use loket_core::applicant_page;
use loket_core::applicants::changes::{self, Correction, PersonData};
use loket_core::applicants::registry;
use loket_core::cases::forms::ServiceFormInput;
use loket_core::cases::intake::{self, NewService};
use loket_core::cases::record::CaseRow;
use loket_core::cases::transitions;
use loket_core::certificates::{self, CertSource, CertStatus, Validity};
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::{Layanan, RevocationReason, Status};
use loket_core::office::kinds::Jenis;
use rand::rngs::OsRng;

use super::support::*;
use loket_core::catalogue;
use loket_core::catalogue::RequirementSpec;

/// A certificate held from before the office used Loket.
fn outside(from: &str, to: &str) -> Validity {
    Validity {
        valid_from: from.into(),
        valid_to: to.into(),
        serial: fresh_serial(),
    }
}

fn service(layanan: Layanan) -> NewService {
    NewService {
        pemberitahuan_privasi: true,
        layanan: Some(layanan),
        ..Default::default()
    }
}

async fn open(t: &TestDesk, input: &NewService) -> loket_core::Result<CaseRow> {
    intake::open_service(&t.db, &t.op(), &mut OsRng, input).await
}

async fn applicant_of(t: &TestDesk, case_id: i64) -> i64 {
    t.case(case_id).await.applicant_id
}

/// Takes a case through its way to selesai, whatever its service.
async fn finish(t: &TestDesk, case_id: i64) {
    let d = t.case(case_id).await;
    t.tick_all(case_id).await;
    let way: &[Action] = match d.case.layanan {
        Layanan::Penerbitan | Layanan::Pembaruan => &ISSUE,
        Layanan::PerubahanData => &[
            Action::BerkasLengkap,
            Action::AjukanAms,
            Action::TungguBsre,
            Action::Selesai,
        ],
        Layanan::Pencabutan => &[
            Action::BerkasLengkap,
            Action::TerbitkanRekomendasi,
            Action::AjukanAms,
            Action::TungguBsre,
            Action::Selesai,
        ],
    };
    t.walk(case_id, way).await;
    assert_eq!(
        t.case(case_id).await.case.status,
        Status::Selesai,
        "the service's whole way ends with the case finished"
    );
}

#[tokio::test]
async fn a_walk_in_renews_a_certificate_issued_before_loket_and_the_old_one_is_superseded() {
    let t = TestDesk::sqlite().await;
    let mut input = service(Layanan::Pembaruan);
    input.applicant = Some(budi().applicant);
    input.form.data_dikonfirmasi = true;

    // Nothing on record to renew: the form asks for the certificate first.
    let e = open(&t, &input).await.unwrap_err();
    assert!(
        field_of(e).contains("certificate_ids"),
        "a renewal needs the certificate it renews"
    );
    assert_eq!(
        t.count("applicants").await,
        0,
        "the refused form saved nothing, not even the person"
    );

    input.sertifikat_luar = Some(outside("20/11/2024", "20/11/2026"));
    let row = open(&t, &input).await.unwrap();
    let applicant = applicant_of(&t, row.id).await;
    let before = certificates::of_applicant(&t.db, applicant, now().date_naive())
        .await
        .unwrap();
    assert_eq!(
        before.len(),
        1,
        "the certificate held from outside is recorded once"
    );
    assert_eq!(
        before[0].source,
        CertSource::Luar,
        "recorded from outside Loket"
    );
    assert_eq!(
        before[0].case_id, None,
        "a certificate from outside Loket belongs to no case"
    );

    finish(&t, row.id).await;
    let after = certificates::of_applicant(&t.db, applicant, now().date_naive())
        .await
        .unwrap();
    let old = after.iter().find(|c| c.id == before[0].id).unwrap();
    let new = after.iter().find(|c| c.id != before[0].id).unwrap();
    assert_eq!(
        old.status,
        CertStatus::Digantikan,
        "the predecessor is superseded"
    );
    assert_eq!(old.revocation_code, Some(4), "RFC 5280 superseded");
    assert_eq!(
        new.status,
        CertStatus::Aktif,
        "the renewed certificate is active"
    );
    let expiring =
        certificates::expiring(&t.db, chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap())
            .await
            .unwrap();
    assert!(
        expiring.iter().all(|e| e.certificate.id != old.id),
        "a superseded certificate is not offered for renewal again"
    );
}

#[tokio::test]
async fn a_revocation_asks_for_the_certificate_and_revokes_only_the_ones_named() {
    let t = TestDesk::sqlite().await;
    // Registered, but with no certificate on record.
    let mut first = service(Layanan::Pembaruan);
    first.applicant = Some(ayu().applicant);
    first.sertifikat_luar = Some(outside("01/01/2026", "01/01/2028"));
    first.form.data_dikonfirmasi = true;
    let renewal = open(&t, &first).await.unwrap();
    let applicant = applicant_of(&t, renewal.id).await;
    transitions::transition(
        &t.db,
        &t.as_("verifikator"),
        renewal.id,
        &step(Action::Batalkan),
    )
    .await
    .unwrap();

    let mut input = service(Layanan::Pencabutan);
    input.applicant_id = Some(applicant);
    let e = open(&t, &input).await.unwrap_err();
    let Error::Invalid { fields, .. } = e else {
        panic!("a field refusal")
    };
    for f in [
        "revocation_reason",
        "berlaku_mulai",
        "pernyataan",
        "certificate_ids",
    ] {
        assert!(fields.contains_key(f), "{f} is named: {fields:?}");
    }

    // A second active certificate from outside is refused: a person holds
    // one at a time. One that ended long ago is recorded.
    let e = certificates::record_external(
        &t.db,
        &t.op(),
        applicant,
        &outside("01/06/2026", "01/06/2028"),
    )
    .await
    .unwrap_err();
    assert_eq!(
        field_of(e),
        "valid_to",
        "a second active certificate is refused at its end date"
    );
    let old = certificates::record_external(
        &t.db,
        &t.op(),
        applicant,
        &outside("01/06/2022", "01/06/2024"),
    )
    .await
    .unwrap();
    let second = certificates::active(&t.db, applicant, now().date_naive())
        .await
        .unwrap()
        .remove(0);
    input.form = ServiceFormInput {
        certificate_ids: vec![second.id],
        revocation_reason: Some(RevocationReason::KunciBocor),
        berlaku_mulai: "25/11/2026".into(),
        pernyataan: "Passphrase saya diketahui orang lain.".into(),
        ..Default::default()
    };
    let row = open(&t, &input).await.unwrap();
    let view = t.case(row.id).await.form.unwrap();
    assert_eq!(
        view.berlaku_mulai.as_deref(),
        Some("2026-11-25"),
        "the revocation takes effect from the day stated"
    );
    finish(&t, row.id).await;
    let certs = certificates::of_applicant(&t.db, applicant, now().date_naive())
        .await
        .unwrap();
    let revoked = certs.iter().find(|c| c.id == second.id).unwrap();
    assert_eq!(
        revoked.status,
        CertStatus::Dicabut,
        "the certificate named is revoked"
    );
    assert_eq!(revoked.revocation_code, Some(1), "key compromise");
    assert_eq!(
        certs.iter().find(|c| c.id == old.id).map(|c| c.status),
        Some(CertStatus::Kedaluwarsa),
        "the certificate not named keeps its state (ended long ago, not revoked)"
    );
}

#[tokio::test]
async fn a_data_change_updates_the_record_in_order_and_later_letters_carry_the_new_name() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let issued = t.issued().await;
    let applicant = applicant_of(&t, issued).await;
    let mut input = service(Layanan::PerubahanData);
    input.applicant_id = Some(applicant);
    let mut baru = PersonData {
        nama: "I Made Budi Santosa".into(),
        ..page_data(&t, applicant).await
    };
    baru.jabatan = "Sandiman Ahli Muda".into();
    input.form.data_baru = Some(baru.clone());

    let e = open(&t, &input).await.unwrap_err();
    assert_eq!(field_of(e), "alasan", "the reason is required");
    input.form.alasan = "Koreksi ejaan nama dan kenaikan jabatan.".into();
    let mut bad = input.clone();
    bad.form.data_baru = Some(PersonData {
        email: "budi@".into(),
        ..baru.clone()
    });
    assert_eq!(
        field_of(open(&t, &bad).await.unwrap_err()),
        "baru.email",
        "the new values are checked like the intake form, named as the new ones"
    );

    let head = open(&t, &input).await.unwrap();
    let d = t.case(head.id).await;
    let chain: Vec<(Layanan, i64)> = d.linked.iter().map(|l| (l.layanan, l.id)).collect();
    assert_eq!(chain.len(), 2, "the data change opened its chain");
    let revocation = chain[0].1;
    let reissue = chain[1].1;
    assert_eq!(
        chain[0].0,
        Layanan::Pencabutan,
        "the revocation comes first in the data change's chain"
    );
    assert_eq!(
        chain[1].0,
        Layanan::Penerbitan,
        "the new issuance comes second in the data change's chain"
    );

    // The revocation waits for the data change; it can only be cancelled.
    t.tick_all(revocation).await;
    let e = transitions::transition(
        &t.db,
        &t.as_("verifikator"),
        revocation,
        &step(Action::BerkasLengkap),
    )
    .await
    .unwrap_err();
    assert!(
        format!("{e:?}").contains(&head.nomor),
        "the refusal names the case it waits for: {e:?}"
    );
    let rd = t.case(revocation).await;
    assert_eq!(
        rd.waiting_for.as_ref().map(|w| w.id),
        Some(head.id),
        "the revocation waits for the data change"
    );
    assert!(
        rd.actions
            .iter()
            .all(|a| matches!(a, Action::Tolak | Action::Batalkan)),
        "while waiting the page offers only cancel and reject"
    );

    // The record keeps its old data until BSrE approves the change.
    assert_eq!(
        page_data(&t, applicant).await.nama,
        "I Made Budi Santoso",
        "the record keeps its old name until BSrE approves the change"
    );
    finish(&t, head.id).await;
    let now_data = page_data(&t, applicant).await;
    assert_eq!(
        now_data.nama, "I Made Budi Santosa",
        "the approved change puts the new name on record"
    );
    assert_eq!(
        now_data.jabatan, "Sandiman Ahli Muda",
        "the approved change puts the new position on record"
    );
    let history = changes::history(&t.db, applicant).await.unwrap();
    assert_eq!(
        history.len(),
        1,
        "the change is kept once in the person's history"
    );
    assert_eq!(
        history[0].before["nama"], "I Made Budi Santoso",
        "the old value stays readable"
    );
    assert_eq!(
        history[0].case_id,
        Some(head.id),
        "the history names the case that made the change"
    );
    let view = t.case(head.id).await.form.unwrap();
    assert!(
        view.perubahan
            .iter()
            .any(|c| c.field == "nama" && c.lama == "I Made Budi Santoso"),
        "after the change the case still shows what it replaced"
    );

    // Then the revocation, then the new issuance, each after the one before.
    assert!(
        transitions::transition(
            &t.db,
            &t.as_("verifikator"),
            reissue,
            &step(Action::BerkasLengkap)
        )
        .await
        .is_err(),
        "the new issuance waits for the revocation"
    );
    finish(&t, revocation).await;
    t.tick_all(reissue).await;
    t.walk(reissue, &[Action::BerkasLengkap]).await;
    let letter = t.draft(Jenis::RekomendasiPendaftaran, vec![reissue]).await;
    let row = t.issue(letter).await;
    let stored = loket_core::letters::register::list(
        &t.db,
        &loket_core::letters::register::LetterQuery {
            case_id: Some(reissue),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        stored[0].id, row.id,
        "the register lists the letter issued for the new issuance"
    );
    let (_, pdf) = loket_core::letters::export::export(
        &t.db,
        &t.op(),
        row.id,
        loket_core::document::pdf::Form::Basah,
    )
    .await
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("surat.pdf");
    std::fs::write(&path, pdf).unwrap();
    let (_, text) = tool("pdftotext", &["-layout", path.to_str().unwrap(), "-"]);
    assert!(
        text.contains("I Made Budi Santosa") && !text.contains("Budi Santoso"),
        "the chained issuance's letter carries the new name: {text}"
    );
}

async fn page_data(t: &TestDesk, applicant: i64) -> PersonData {
    applicant_page::get_applicant(&t.db, applicant, now().date_naive())
        .await
        .unwrap()
        .applicant
        .data
}

#[tokio::test]
async fn a_nik_correction_needs_the_ktp_and_moves_the_encrypted_nik() {
    let t = TestDesk::sqlite().await;
    let first = t.intake(&budi()).await;
    let applicant = applicant_of(&t, first.id).await;
    transitions::transition(&t.db, &t.op(), first.id, &step(Action::Batalkan))
        .await
        .unwrap();
    let mut input = service(Layanan::PerubahanData);
    input.applicant_id = Some(applicant);
    input.form.data_baru = Some(page_data(&t, applicant).await);
    input.form.alasan = "NIK salah ketik di AMS.".into();
    input.form.nik_baru = "5171011011670009".into();
    input.form.nik_baru_ulang = "5171011011670008".into();
    assert_eq!(
        field_of(open(&t, &input).await.unwrap_err()),
        "baru.nik_ulang",
        "a corrected NIK is typed twice too"
    );
    input.form.nik_baru_ulang = "5171011011670009".into();
    let row = open(&t, &input).await.unwrap();
    let d = t.case(row.id).await;
    assert!(
        d.requirements.iter().any(|r| r.code == "ktp" && r.wajib),
        "a NIK correction is checked against the KTP"
    );
    finish(&t, row.id).await;
    let found = registry::find_people(&t.db, &t.key, "5171011011670009")
        .await
        .unwrap();
    assert_eq!(found.len(), 1, "the new NIK finds the person");
    assert!(
        registry::find_people(&t.db, &t.key, NIK)
            .await
            .unwrap()
            .is_empty(),
        "the old NIK no longer does"
    );
    let a = loket_core::entities::applicants::Entity::find_by_id(applicant);
    use sea_orm::EntityTrait;
    let a = a.one(&t.db).await.unwrap().unwrap();
    assert_eq!(
        registry::reveal_nik(&t.key, &a).unwrap(),
        "5171011011670009",
        "the encrypted NIK now opens as the corrected one"
    );
}

#[tokio::test]
async fn a_correction_keeps_the_old_values_and_a_second_desk_with_old_data_is_refused() {
    let t = TestDesk::sqlite().await;
    let row = t.intake(&budi()).await;
    let applicant = applicant_of(&t, row.id).await;
    let page = applicant_page::get_applicant(&t.db, applicant, now().date_naive())
        .await
        .unwrap();
    let mut fix = Correction {
        version: page.applicant.version,
        data: PersonData {
            unit_kerja: "Bidang Persandian dan Statistik".into(),
            ..page.applicant.data.clone()
        },
        alasan: String::new(),
        ..Default::default()
    };
    assert_eq!(
        field_of(
            changes::correct(&t.db, &t.as_("verifikator"), &mut OsRng, applicant, &fix)
                .await
                .unwrap_err()
        ),
        "alasan",
        "a correction without its reason is refused at the reason"
    );
    fix.alasan = "Salah ketik saat penerimaan.".into();
    // Two desks opened the same record; the first saves.
    let other = Correction {
        data: PersonData {
            jabatan: "Pranata Komputer".into(),
            ..page.applicant.data.clone()
        },
        alasan: "Jabatan keliru.".into(),
        ..fix.clone()
    };
    changes::correct(&t.db, &t.as_("ayu"), &mut OsRng, applicant, &fix)
        .await
        .unwrap();
    let e = changes::correct(&t.db, &t.as_("wayan"), &mut OsRng, applicant, &other)
        .await
        .unwrap_err();
    let Error::Invalid { fields, .. } = &e else {
        panic!("{e:?}")
    };
    assert!(
        fields["version"].contains("ayu") && fields["version"].contains("muat ulang"),
        "the second save is refused, naming who changed it: {fields:?}"
    );
    let page = applicant_page::get_applicant(&t.db, applicant, now().date_naive())
        .await
        .unwrap();
    assert_eq!(
        page.applicant.data.unit_kerja, "Bidang Persandian dan Statistik",
        "the first desk's correction is saved"
    );
    assert_eq!(
        page.applicant.data.jabatan, "Analis Persandian",
        "not overwritten"
    );
    assert_eq!(
        page.history.len(),
        1,
        "the correction is kept once in the history"
    );
    assert_eq!(
        page.history[0].before["unit_kerja"], "Bidang Persandian",
        "the history keeps the value before the correction"
    );
    assert_eq!(
        page.history[0].actor, "ayu",
        "the history names who corrected the record"
    );
    // Nothing changed is refused rather than recorded as a change.
    let same = Correction {
        version: page.applicant.version,
        data: page.applicant.data.clone(),
        alasan: "tidak ada".into(),
        ..Default::default()
    };
    assert!(
        changes::correct(&t.db, &t.as_("ayu"), &mut OsRng, applicant, &same)
            .await
            .is_err(),
        "a correction that changes nothing is refused"
    );
}

#[tokio::test]
async fn the_same_nik_at_the_desk_points_to_the_registered_person() {
    let t = TestDesk::sqlite().await;
    let first = t.intake(&budi()).await;
    let applicant = applicant_of(&t, first.id).await;
    let mut again = service(Layanan::Pencabutan);
    let mut other = ayu().applicant;
    other.nik = NIK.into();
    other.nik_ulang = NIK.into();
    again.applicant = Some(other);
    let Error::Invalid { fields, .. } = open(&t, &again).await.unwrap_err() else {
        panic!("a field refusal")
    };
    assert!(
        fields["nik"].contains("I Made Budi Santoso"),
        "the refusal names whose NIK it is"
    );
    assert_eq!(
        fields["existing_applicant"],
        applicant.to_string(),
        "the desk gets the way to the registered person's record"
    );
    for q in [NIK, "19671110 199203 1 001", "i made"] {
        let found = registry::find_people(&t.db, &t.key, q).await.unwrap();
        assert_eq!(
            found.iter().map(|p| p.id).collect::<Vec<_>>(),
            [applicant],
            "found by {q}"
        );
        assert_eq!(
            found[0].nik_masked, "************0001",
            "the NIK stays masked"
        );
    }
}

#[tokio::test]
async fn the_checklists_and_reasons_are_edited_checked_and_a_service_may_need_nothing() {
    let t = TestDesk::sqlite().await;
    let mut c = catalogue::catalogue(&t.db).await.unwrap();
    c.pembaruan.clear();
    c.penerbitan.push(RequirementSpec {
        code: "Surat Keterangan".into(),
        label: String::new(),
        wajib: true,
    });
    let Error::Invalid { fields, .. } = catalogue::save_catalogue(&t.db, &t.as_("admin"), &c)
        .await
        .unwrap_err()
    else {
        panic!("a field refusal")
    };
    assert!(
        fields.contains_key("penerbitan.3.code") && fields.contains_key("penerbitan.3.label"),
        "a requirement without a label and with an ill-formed code is refused at both fields"
    );
    c.penerbitan.pop();
    // A label with a right-to-left override, a reason with a NUL: named, not saved.
    let mut hidden = c.clone();
    hidden.penerbitan[0].label = "Surat \u{202E}nohomrep".into();
    hidden.alasan_penolakan[0].label = "Berkas\u{0} tidak lengkap".into();
    let Error::Invalid { fields, .. } = catalogue::save_catalogue(&t.db, &t.as_("admin"), &hidden)
        .await
        .unwrap_err()
    else {
        panic!("a field refusal")
    };
    assert!(
        fields["penerbitan.0.label"].contains("karakter tersembunyi"),
        "{fields:?}"
    );
    assert!(
        fields["alasan_penolakan.0.label"].contains("karakter"),
        "{fields:?}"
    );
    catalogue::save_catalogue(&t.db, &t.as_("admin"), &c)
        .await
        .unwrap();
    let mut input = service(Layanan::Pembaruan);
    input.applicant = Some(budi().applicant);
    input.sertifikat_luar = Some(outside("01/01/2025", "01/01/2027"));
    input.form.data_dikonfirmasi = true;
    let row = open(&t, &input).await.unwrap();
    assert!(
        t.case(row.id).await.requirements.is_empty(),
        "an office that asks nothing for a renewal opens it with an empty checklist"
    );
    t.walk(row.id, &[Action::BerkasLengkap]).await;
    assert_eq!(
        t.case(row.id).await.case.status,
        Status::BerkasLengkap,
        "with nothing to tick the file is complete at once"
    );
    c.alasan_penolakan.clear();
    assert!(
        catalogue::save_catalogue(&t.db, &t.as_("admin"), &c)
            .await
            .is_err(),
        "a desk cannot reject without a reason to choose"
    );
}

#[tokio::test]
async fn an_external_certificate_with_impossible_dates_is_refused_at_its_fields() {
    let t = TestDesk::sqlite().await;
    let row = t.intake(&budi()).await;
    let applicant = applicant_of(&t, row.id).await;
    for (v, field) in [
        (outside("31/02/2026", "01/01/2028"), "valid_from"),
        (outside("01/01/2028", "01/01/2026"), "valid_to"),
        (outside("", ""), "valid_from,valid_to"),
        (
            Validity {
                serial: "SN\u{200B}123".into(),
                ..outside("01/01/2025", "01/01/2027")
            },
            "serial",
        ),
        (
            Validity {
                serial: " ".into(),
                ..outside("01/01/2025", "01/01/2027")
            },
            "serial",
        ),
        (
            Validity {
                serial: "9".repeat(101),
                ..outside("01/01/2025", "01/01/2027")
            },
            "serial",
        ),
    ] {
        let e = certificates::record_external(&t.db, &t.op(), applicant, &v)
            .await
            .unwrap_err();
        assert_eq!(
            field_of(e),
            field,
            "the outside certificate's bad value is refused at {field}"
        );
    }
    assert_eq!(t.count("certificates").await, 0, "nothing recorded");
    // The person's issuance is withdrawn: one running service at a time.
    transitions::transition(
        &t.db,
        &t.as_("verifikator"),
        row.id,
        &step(Action::Batalkan),
    )
    .await
    .unwrap();
    let mut input = service(Layanan::Pencabutan);
    input.applicant_id = Some(applicant);
    input.sertifikat_luar = Some(outside("01/01/2028", "01/01/2026"));
    assert_eq!(
        field_of(open(&t, &input).await.unwrap_err()),
        "luar.valid_to",
        "inside the service form the fields are named as the outside certificate's"
    );
}

/// Which certificate a service may take is answered once, by the core, for
/// the desk's form and the kiosk inbox alike (the inbox once offered only
/// active ones, so an expired certificate could not be renewed from a kiosk
/// submission): an expired one is offered for renewal and refused for a
/// revocation, a superseded one for neither, an active one for both; and
/// what a form may name is exactly what the list offers.
#[tokio::test]
async fn the_certificates_a_service_may_take_are_the_cores_answer() {
    let t = TestDesk::sqlite().await;
    let today = now().date_naive();
    let mut input = service(Layanan::Pembaruan);
    input.applicant = Some(budi().applicant);
    input.form.data_dikonfirmasi = true;
    input.sertifikat_luar = Some(outside("20/11/2024", "20/11/2026"));
    let renewal = open(&t, &input).await.unwrap();
    let applicant = applicant_of(&t, renewal.id).await;
    let listed = |rows: Vec<certificates::CertificateRow>| {
        rows.into_iter()
            .map(|c| (c.status, c.untuk))
            .collect::<Vec<_>>()
    };
    let page = applicant_page::get_applicant(&t.db, applicant, today)
        .await
        .unwrap();
    assert_eq!(
        listed(page.certificates.clone()),
        vec![(CertStatus::Kedaluwarsa, vec![Layanan::Pembaruan])],
        "expired: renewed, not revoked"
    );
    // A revocation naming the expired certificate is refused at its field.
    let expired = page.certificates[0].id;
    t.walk(renewal.id, &[Action::Batalkan]).await;
    let mut revoke = service(Layanan::Pencabutan);
    revoke.applicant_id = Some(applicant);
    revoke.form = revocation(RevocationReason::Mutasi, vec![expired]);
    assert_eq!(
        field_of(open(&t, &revoke).await.unwrap_err()),
        "certificate_ids",
        "a revocation naming an expired certificate is refused at the certificate"
    );
    // Renewed: the old one is superseded (offered for nothing), the new one
    // is active (renewed or revoked).
    let mut again = service(Layanan::Pembaruan);
    again.applicant_id = Some(applicant);
    again.form.data_dikonfirmasi = true;
    again.form.certificate_ids = vec![expired];
    let renewal = open(&t, &again).await.unwrap();
    finish(&t, renewal.id).await;
    let mut rows = certificates::of_applicant(&t.db, applicant, today)
        .await
        .unwrap();
    rows.sort_by_key(|c| c.id);
    assert_eq!(
        listed(rows.clone()),
        vec![
            (CertStatus::Digantikan, vec![]),
            (
                CertStatus::Aktif,
                vec![Layanan::Pembaruan, Layanan::Pencabutan]
            ),
        ],
        "after renewal the old certificate is superseded and offered for nothing, the new one is active for both"
    );
    revoke.form = revocation(RevocationReason::Mutasi, vec![rows[1].id]);
    assert!(open(&t, &revoke).await.is_ok(), "the active one is revoked");
}

/// The desk's intake asks, as the kiosk does, that a person registered at
/// the counter was given the privacy notice: without it the walk-in is
/// refused at its checkbox beside the form's other problems and nothing is
/// saved; with it the notice is in the audit log with the case.
#[tokio::test]
async fn a_walk_in_without_the_privacy_notice_is_refused_and_one_with_it_is_audited() {
    let t = TestDesk::sqlite().await;
    let mut bad = budi().applicant;
    bad.email = "bukan surel".into();
    let refused = open(
        &t,
        &NewService {
            layanan: Some(Layanan::Penerbitan),
            applicant: Some(bad),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    let Error::Invalid { fields, .. } = refused else {
        panic!("not by field")
    };
    assert!(
        fields.contains_key("pemberitahuan_privasi") && fields.contains_key("email"),
        "both named at once: {fields:?}"
    );
    let alone = open(
        &t,
        &NewService {
            layanan: Some(Layanan::Penerbitan),
            applicant: Some(budi().applicant),
            ..Default::default()
        },
    )
    .await
    .unwrap_err();
    assert_eq!(field_of(alone), "pemberitahuan_privasi");
    assert_eq!(t.count("cases").await, 0, "nothing saved");
    assert_eq!(t.count("applicants").await, 0, "not even the person");

    let case = open(
        &t,
        &NewService {
            applicant: Some(budi().applicant),
            ..service(Layanan::Penerbitan)
        },
    )
    .await
    .unwrap();
    let logged = scalar(
        &t.db,
        &format!(
            "select detail from audit_log where action = 'case.privacy_notice' and entity_id = '{}'",
            case.id
        ),
    )
    .await;
    assert_eq!(logged, r#"{"kanal":"loket"}"#);

    // A person on record was told when their data was first collected: a
    // new application for them (after withdrawing the first) opens without
    // the tick, and no notice is recorded.
    let person = applicant_of(&t, case.id).await;
    t.walk(case.id, &[Action::Batalkan]).await;
    let again = open(
        &t,
        &NewService {
            layanan: Some(Layanan::Penerbitan),
            applicant_id: Some(person),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    assert_eq!(
        scalar(
            &t.db,
            &format!(
                "select count(*) from audit_log where action = 'case.privacy_notice' and entity_id = '{}'",
                again.id
            ),
        )
        .await,
        "0"
    );
}

/// A renewal and a revocation ask for the previous Surat Rekomendasi: when
/// Loket numbered it, the new case names it (number and date) and ticks it
/// as it opens, audited; a voided letter, or a certificate from outside
/// Loket, leaves the item for the desk to tick by hand.
#[tokio::test]
async fn the_previous_surat_rekomendasi_loket_issued_is_linked_not_asked_again() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let holder = t.complete_case(&pegawai(5, "I Nyoman Darma")).await;
    let letter = t.draft(Jenis::RekomendasiPendaftaran, vec![holder]).await;
    let issued = t.issue(letter).await;
    let nomor = issued.nomor.clone().unwrap();
    t.walk(holder, &ISSUE[2..]).await;
    let person = applicant_of(&t, holder).await;
    let renew = t
        .open_for(person, Layanan::Pembaruan, renewal())
        .await
        .unwrap();
    let item = t
        .case(renew.id)
        .await
        .requirements
        .into_iter()
        .find(|r| r.code == "rekomendasi_pendaftaran")
        .unwrap();
    assert!(item.checked, "the letter Loket issued need not be brought");
    assert!(
        item.label.contains(&nomor) && item.label.contains("diterbitkan melalui Loket"),
        "{}",
        item.label
    );
    assert_eq!(
        scalar(
            &t.db,
            &format!(
                "select count(*) from audit_log where action = 'case.previous_letter' and entity_id = '{}'",
                renew.id
            ),
        )
        .await,
        "1"
    );

    // A second holder whose letter was voided after the certificate came:
    // the revocation asks for the copy as before.
    let other = t.complete_case(&pegawai(6, "Ni Ketut Wati")).await;
    let l = t.draft(Jenis::RekomendasiPendaftaran, vec![other]).await;
    t.issue(l).await;
    t.walk(other, &ISSUE[2..]).await;
    sea_orm::ConnectionTrait::execute_unprepared(
        &t.db,
        &format!("update letters set status = 'batal' where id = {l}"),
    )
    .await
    .unwrap();
    let held = t.case(other).await;
    let cert = scalar(
        &t.db,
        &format!(
            "select id from certificates where applicant_id = {}",
            held.applicant_id
        ),
    )
    .await
    .parse::<i64>()
    .unwrap();
    let revoke = t
        .open_for(
            held.applicant_id,
            Layanan::Pencabutan,
            revocation(RevocationReason::Mutasi, vec![cert]),
        )
        .await
        .unwrap();
    let item = t
        .case(revoke.id)
        .await
        .requirements
        .into_iter()
        .find(|r| r.code == "rekomendasi_sebelumnya")
        .unwrap();
    assert!(!item.checked, "a voided letter is not a letter to rely on");
    assert_eq!(item.label, "Surat Rekomendasi Pendaftaran/Pembaruan");
}
