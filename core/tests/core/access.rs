//! A person's right of access: the export holds every record of the person
//! (identity with the whole NIK, cases, documents, letters, certificates, the
//! trail of who saw or changed them) and nothing of anyone else, even of
//! people whose names look the same; the export itself is in the audit log
//! before the files exist, and the chain still verifies. The record of
//! processing prints in the letterhead.

use super::support::*;
use loket_core::audit::{self, Verdict};
use loket_core::documents::{self, Upload};
use loket_core::privacy::officer;
use loket_core::privacy::{access, requests};
use rand::rngs::OsRng;

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn letter_for(t: &TestDesk, case_id: i64, name: &str) {
    documents::attach(
        &t.db,
        &t.op(),
        &mut OsRng,
        &Upload {
            case_id,
            kind: "lainnya",
            filename: name,
            bytes: PDF,
        },
    )
    .await
    .unwrap();
}

#[tokio::test]
async fn the_access_export_holds_all_of_the_person_and_nothing_of_look_alikes() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    // Ni Luh Ayu, and two people whose names look like hers.
    let ayu_case = t.complete_case(&ayu()).await;
    let same_name = t.complete_case(&pegawai(61, "Ni Luh Ayu")).await;
    let longer = t.complete_case(&pegawai(62, "Ni Luh Ayu Lestari")).await;
    letter_for(&t, ayu_case, "surat-ayu.pdf").await;
    letter_for(&t, same_name, "surat-kembar.pdf").await;
    letter_for(&t, longer, "surat-lestari.pdf").await;
    let nomor = |id: i64| format!("SELECT nomor FROM cases WHERE id = {id}");
    let mine = scalar(&t.db, &nomor(ayu_case)).await;
    let twin = scalar(&t.db, &nomor(same_name)).await;
    let other = scalar(&t.db, &nomor(longer)).await;
    let ayu_id: i64 = scalar(
        &t.db,
        &format!("SELECT applicant_id FROM cases WHERE id = {ayu_case}"),
    )
    .await
    .parse()
    .unwrap();
    let draft = t
        .draft(
            loket_core::office::kinds::Jenis::RekomendasiPendaftaran,
            vec![ayu_case],
        )
        .await;
    t.issue(draft).await;
    // A value of her case corrected, and one of her twin's.
    for (case, baru) in [
        (ayu_case, "Dinas Kesehatan"),
        (same_name, "Dinas Pendidikan"),
    ] {
        let seen = scalar(
            &t.db,
            &format!("SELECT instansi FROM cases WHERE id = {case}"),
        )
        .await;
        loket_core::cases::values::correct(
            &t.db,
            &t.as_("verifikator"),
            &loket_core::cases::values::ValueCorrection {
                case_id: Some(case),
                target: Some(loket_core::cases::values::Target::Case),
                target_id: case,
                field: "instansi".into(),
                lama: seen,
                baru: baru.into(),
                reason: "Instansi salah pilih.".into(),
                periksa: false,
            },
        )
        .await
        .unwrap();
    }

    let files = access::export(&t.db, &t.as_("Petugas Data"), ayu_id)
        .await
        .unwrap();
    assert_eq!(
        files.diminta, "22/11/2026 09.15 WITA",
        "no request was waiting: one is recorded at the export, by the desk's clock"
    );
    assert_eq!(files.batas_jawab, "25/11/2026 09.15 WITA", "3 x 24 hours");
    assert!(!files.terlambat, "answered as it was asked");
    let json = String::from_utf8(files.json.clone()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json.contains("5171015203950002"), "her whole NIK");
    assert!(json.contains(&mine), "her own case number is in the export");
    assert!(
        json.contains("surat-ayu.pdf"),
        "her own letter is in the export"
    );
    for foreign in [
        &twin,
        &other,
        "surat-kembar.pdf",
        "surat-lestari.pdf",
        "Lestari",
        "517101101167006",
    ] {
        assert!(!json.contains(foreign), "{foreign} is someone else's");
    }
    assert_eq!(
        v["permohonan"].as_array().unwrap().len(),
        1,
        "only her one case is exported, none of the look-alikes'"
    );
    assert_eq!(
        v["surat"].as_array().unwrap().len(),
        1,
        "the Surat Rekomendasi naming her case"
    );
    let fixes = v["koreksi"].as_array().unwrap();
    assert_eq!(
        fixes.len(),
        1,
        "her own correction is listed, not her twin's: {fixes:?}"
    );
    assert_eq!(
        (fixes[0]["nilai"].as_str(), fixes[0]["baru"].as_str()),
        (Some("Instansi permohonan"), Some("Dinas Kesehatan")),
        "with the value and its new text"
    );
    assert!(
        !json.contains("Dinas Pendidikan"),
        "the twin's correction is not hers"
    );
    let trail = v["jejak_pemrosesan"].as_array().unwrap();
    assert!(
        trail.iter().any(|e| e["tindakan"] == "document.attach"),
        "the trail shows who attached her documents"
    );
    assert!(
        trail.iter().any(|e| e["tindakan"] == "letter.issue"),
        "the trail shows the issue of her letter"
    );
    let last = trail.last().unwrap();
    assert_eq!(
        last["tindakan"], "applicant.access_export",
        "the export is in the trail it carries"
    );
    assert_eq!(
        last["oleh"], "Petugas Data",
        "the trail names the officer who made the export"
    );

    let pdf = t.dir.path().join(&files.pdf_name);
    std::fs::write(&pdf, &files.pdf).unwrap();
    let (ok, text) = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    assert!(text.contains("HAK AKSES SUBJEK DATA PRIBADI"), "{text}");
    assert!(
        text.contains("25/11/2026 09.15 WITA"),
        "the printed export states the 3 x 24 hour answer deadline"
    );
    assert!(text.contains(&mine), "the printed export names her case");
    assert!(
        text.contains("Dinas Kesehatan"),
        "the printed export lists her corrections"
    );
    assert!(
        !text.contains(&twin) && !text.contains(&other) && !text.contains("Lestari"),
        "the printed export holds nothing of the look-alikes"
    );
    render(&pdf, "access-export");
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the export"
    );
}

/// The office's own check: a request that came in Tuesday 01/12/2026 09:00
/// and was exported on Friday 04/12 10:00 once printed "diterima 04/12/2026
/// 10:00, batas 07/12/2026 10:00", so the hour's lateness disappeared. The
/// clock runs from the request (UU 27/2022 Pasal 32).
#[tokio::test]
async fn an_access_request_is_due_three_days_from_when_it_came_in_and_the_export_answers_it() {
    let t = TestDesk::sqlite().await;
    let ayu_case = t.complete_case(&ayu()).await;
    let ayu_id: i64 = scalar(
        &t.db,
        &format!("SELECT applicant_id FROM cases WHERE id = {ayu_case}"),
    )
    .await
    .parse()
    .unwrap();
    let at = |s: &str| chrono::DateTime::parse_from_rfc3339(s).unwrap();
    // Recorded on Tuesday afternoon, as having come in that morning.
    let desk = t.at("Petugas Data", at("2026-12-01T14:00:00+08:00"));
    let asked = requests::record(
        &t.db,
        &desk,
        &requests::NewDataRequest {
            applicant_id: ayu_id,
            jenis: requests::JenisPermintaan::Akses,
            diterima: "01/12/2026 09:00".into(),
            isi: String::new(),
        },
    )
    .await
    .unwrap();
    assert!(asked.nomor.starts_with("AKSES-2026-"), "{}", asked.nomor);
    assert_eq!(
        asked.isi,
        requests::ACCESS_ASKED,
        "what an access request asks by default"
    );
    assert_eq!(
        asked.tenggat, "04/12/2026 09:00",
        "3 x 24 hours from when it came in"
    );
    // It cannot be answered as a correction.
    let wrong = requests::answer(
        &t.db,
        &desk,
        asked.id,
        &requests::DataRequestAnswer {
            dikoreksi: true,
            alasan: String::new(),
        },
    )
    .await;
    assert_eq!(
        field_of(wrong.unwrap_err()),
        "hasil",
        "an access request is answered by the export"
    );
    let friday = at("2026-12-04T10:00:00+08:00");
    let late = requests::list(&t.db, ayu_id, friday).await.unwrap();
    assert!(
        late[0].terlambat,
        "late in red on Friday morning until answered"
    );

    let files = access::export(&t.db, &t.at("Petugas Data", friday), ayu_id)
        .await
        .unwrap();
    assert_eq!(
        (files.diminta.as_str(), files.batas_jawab.as_str()),
        ("01/12/2026 09.00 WITA", "04/12/2026 09.00 WITA"),
        "the export carries the request's own times, not the moment of the export"
    );
    assert!(files.terlambat, "answered an hour after its due time");
    assert_eq!(
        files.permintaan, asked.nomor,
        "the waiting request is the one answered"
    );
    let pdf = t.dir.path().join(&files.pdf_name);
    std::fs::write(&pdf, &files.pdf).unwrap();
    let (ok, text) = tool("pdftotext", &[pdf.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("04/12/2026 10.00 WITA (melewati batas jawaban)"),
        "the printed export says it was answered late: {words}"
    );
    let answered = requests::list(&t.db, ayu_id, friday).await.unwrap();
    assert_eq!(answered.len(), 1, "no second request was made");
    assert_eq!(
        answered[0].hasil.as_deref(),
        Some("Dijawab dengan ekspor data pribadi"),
        "the export answered it"
    );
    assert!(!answered[0].terlambat, "answered: no longer waiting in red");
    // A second export with nothing waiting is a request asked and answered at once.
    let again = access::export(
        &t.db,
        &t.at("Petugas Data", at("2026-12-07T08:00:00+08:00")),
        ayu_id,
    )
    .await
    .unwrap();
    assert_ne!(again.permintaan, asked.nomor, "a new request of its own");
    assert_eq!(again.diminta, "07/12/2026 08.00 WITA", "asked now");
    assert!(!again.terlambat, "answered as asked");
}

#[tokio::test]
async fn an_unknown_person_is_refused_and_logs_nothing() {
    let t = TestDesk::sqlite().await;
    let before = t.count("audit_log").await;
    assert!(
        access::export(&t.db, &t.op(), 4242).await.is_err(),
        "an export for an unknown person is refused"
    );
    assert_eq!(
        t.count("audit_log").await,
        before,
        "a refused export logs nothing"
    );
}

/// The record of processing names the office, BSrE as recipient and the KTP
/// photo as specific data, and its print is audited.
#[tokio::test]
async fn the_record_of_processing_prints_in_the_letterhead_and_is_audited() {
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let r = loket_core::privacy::record::record(&t.db).await.unwrap();
    assert!(
        r.pengendali.contains(&letter_settings().kop.dinas),
        "{}",
        r.pengendali
    );
    assert!(
        r.kegiatan.iter().any(|k| k.penerima.contains("BSrE")),
        "the record names BSrE as a recipient"
    );
    assert!(
        r.kegiatan.iter().any(|k| k.data_spesifik.contains("KTP")),
        "the record names the KTP photo as specific data"
    );
    // Nothing set yet: the record says so rather than leave it out.
    let unset = loket_core::privacy::record::duty_rows(&r.tugas);
    assert!(
        unset.iter().all(|(_, v)| v.starts_with("BELUM DITETAPKAN")),
        "{unset:?}"
    );
    // The admin appoints the officer and records the assessment; a wrong
    // one is refused at its fields, and nothing is saved.
    let wrong = officer::PrivacyDuties {
        pejabat_nama: "Ni Luh Putu Ayu, S.H.".into(),
        pejabat_jabatan: "Sekretaris Dinas".into(),
        pejabat_kontak: "kantor".into(),
        dpia_tanggal: "02/11/2026".into(),
        dpia_hasil: String::new(),
    };
    let refused = officer::save(&t.db, &t.as_("admin"), &wrong).await;
    let Err(loket_core::Error::Invalid { fields, .. }) = refused else {
        panic!("a contact that is none and an assessment without its result are refused");
    };
    assert_eq!(
        fields.keys().collect::<Vec<_>>(),
        ["dpia_hasil", "pejabat_kontak"],
        "both mistakes at once"
    );
    assert_eq!(
        officer::get(&t.db).await.unwrap(),
        officer::PrivacyDuties::default(),
        "a refused save keeps nothing"
    );
    officer::save(
        &t.db,
        &t.as_("admin"),
        &officer::PrivacyDuties {
            pejabat_kontak: "pdp@denpasarkota.go.id".into(),
            dpia_hasil: "Foto KTP: dienkripsi, dihapus 2 tahun setelah permohonan selesai.".into(),
            ..wrong
        },
    )
    .await
    .unwrap();
    let (name, bytes) = loket_core::privacy::record::pdf(&t.db, &t.as_("admin"))
        .await
        .unwrap();
    assert_eq!(
        name, "catatan-pemrosesan-20261122.pdf",
        "the printed record is named by the day it was printed"
    );
    let path = t.dir.path().join(&name);
    std::fs::write(&path, &bytes).unwrap();
    let (ok, text) = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    assert!(
        text.contains("CATATAN KEGIATAN PEMROSESAN DATA PRIBADI"),
        "{text}"
    );
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("Balai Besar Sertifikasi Elektronik (BSrE)"),
        "the printed record names BSrE by its name"
    );
    assert!(
        words.contains("Ni Luh Putu Ayu, S.H., Sekretaris Dinas; kontak pdp@denpasarkota.go.id")
            && words.contains("dilakukan 02/11/2026"),
        "the printed record names the officer and the assessment: {words}"
    );
    render(&path, "processing-record");
    assert_eq!(
        scalar(
            &t.db,
            "SELECT action FROM audit_log ORDER BY seq DESC LIMIT 1"
        )
        .await,
        "privacy.record_print",
        "printing the record is audited"
    );
}

/// The message under the notice's time field.
fn message(e: loket_core::Error) -> String {
    match e {
        loket_core::Error::Invalid { fields, .. } => {
            fields.get("pada").cloned().unwrap_or_default()
        }
        other => panic!("expected the field's message, got {other:?}"),
    }
}

fn incident(ditemukan: &str) -> loket_core::privacy::breach::NewBreach {
    loket_core::privacy::breach::NewBreach {
        ditemukan: ditemukan.into(),
        uraian: "Laptop petugas berisi ekspor data pemohon hilang di angkutan umum pada 21/11/2026 sore.".into(),
        data_terdampak: "Nama, NIK, e-mail dan nomor HP 12 pemohon".into(),
        subjek: "Pemohon sertifikat dari Dinas Kesehatan".into(),
        jumlah_subjek: "12".into(),
        langkah: "Akun petugas diganti kata sandinya; kunci data dirotasi; laporan polisi dibuat.".into(),
    }
}

/// A breach: refused field by field with nothing saved; due 72 hours after
/// it was found; late while someone is not told; each notice recorded once;
/// the written notice says what Pasal 46 asks; the chain verifies.
#[tokio::test]
async fn a_breach_is_due_in_three_times_twenty_four_hours_and_its_notice_says_what_the_law_asks() {
    use loket_core::privacy::breach::{self, NewBreach, PihakInsiden};
    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let act = t.as_("admin");
    let before = t.count("audit_log").await;
    let bad = NewBreach {
        ditemukan: "23/11/2026 10:00".into(),
        jumlah_subjek: "dua belas".into(),
        ..Default::default()
    };
    let Err(loket_core::Error::Invalid { fields, .. }) = breach::record(&t.db, &act, &bad).await
    else {
        panic!("refused")
    };
    for f in [
        "ditemukan",
        "uraian",
        "data_terdampak",
        "subjek",
        "jumlah_subjek",
        "langkah",
    ] {
        assert!(fields.contains_key(f), "{f}: {fields:?}");
    }
    assert!(
        fields["ditemukan"].contains("belum terjadi"),
        "tomorrow of the test clock"
    );
    assert_eq!(
        t.count("breaches").await,
        0,
        "a refused breach saves nothing"
    );
    assert_eq!(
        t.count("audit_log").await,
        before,
        "a refused breach logs nothing"
    );

    // Found Saturday night: due Tuesday night, weekends count (3 x 24 hours).
    let b = breach::record(&t.db, &act, &incident("21/11/2026 20:30"))
        .await
        .unwrap();
    assert_eq!(
        b.nomor, "INSIDEN-2026-0001",
        "breaches are numbered per year from 0001"
    );
    assert_eq!(
        b.tenggat, "24/11/2026 20:30",
        "a breach found Saturday night is due 72 hours later, weekends counting"
    );
    assert!(!b.terlambat, "a breach just recorded is not late");
    let later = t.at("admin", now() + chrono::Duration::days(3));
    assert!(
        breach::list(&t.db, later.now()).await.unwrap()[0].terlambat,
        "past due, nobody told"
    );

    let e = breach::notified(&t.db, &act, b.id, PihakInsiden::Subjek, "21/11/2026 20:00")
        .await
        .unwrap_err();
    assert!(
        message(e).contains("sebelum insiden ditemukan"),
        "a notice dated before the breach was found is refused"
    );
    let b = breach::notified(&t.db, &act, b.id, PihakInsiden::Subjek, "22/11/2026 08:00")
        .await
        .unwrap();
    assert_eq!(
        b.subjek_diberitahu.as_deref(),
        Some("22/11/2026 08:00"),
        "the time the data subjects were told is recorded"
    );
    let e = breach::notified(&t.db, &act, b.id, PihakInsiden::Subjek, "22/11/2026 09:00")
        .await
        .unwrap_err();
    assert!(
        message(e).contains("sudah dicatat"),
        "each party's notice is recorded only once"
    );
    breach::notified(&t.db, &act, b.id, PihakInsiden::Lembaga, "22/11/2026 09:00")
        .await
        .unwrap();
    assert!(
        !breach::list(&t.db, later.now()).await.unwrap()[0].terlambat,
        "both told"
    );

    let (name, bytes) = breach::notice(&t.db, &act, b.id).await.unwrap();
    assert_eq!(
        name, "pemberitahuan-INSIDEN-2026-0001.pdf",
        "the written notice is named by the breach number"
    );
    let path = t.dir.path().join(&name);
    std::fs::write(&path, &bytes).unwrap();
    let (ok, text) = tool("pdftotext", &[path.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    for expected in [
        "PEMBERITAHUAN KEGAGALAN PELINDUNGAN DATA PRIBADI",
        "Data pribadi yang terungkap",
        "Kapan dan bagaimana",
        "Upaya penanganan dan pemulihan",
        "Laptop petugas",
        "12 orang",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }
    render(&path, "breach-notice");
    let actions = scalar(
        &t.db,
        "SELECT count(*) FROM audit_log WHERE action IN ('breach.record', 'breach.notified', 'breach.notice')",
    )
    .await;
    assert_eq!(
        actions, "4",
        "the record, both notices and the written notice are each audited"
    );
    assert!(
        matches!(
            audit::verify(&t.db, &t.key).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after the breach"
    );
}
