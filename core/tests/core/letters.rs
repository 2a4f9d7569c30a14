//! Letters: every kind rendered and checked with the real PDF tools, drafts, voiding, batch export.

use super::support::*;
use chrono::DateTime;
use loket_core::audit;
use loket_core::audit::Verdict;
use loket_core::document::pdf::Form;
use loket_core::letters::export::{self, BatchStop};
use loket_core::letters::register;
use loket_core::letters::register::LetterQuery;
use loket_core::letters::register::NewLetter;
use loket_core::lifecycle::flow::Action;
use loket_core::lifecycle::vocabulary::Layanan;
use loket_core::lifecycle::vocabulary::RevocationReason;
use loket_core::lifecycle::vocabulary::Status;
use loket_core::office::identity;
use loket_core::office::kinds::Jenis;
use loket_core::office::kinds::LetterStatus;
use rand::rngs::OsRng;

/// Checks a letter PDF with the real PDF tools and returns its text.
fn checked_pdf(dir: &std::path::Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    let (ok, out) = tool("qpdf", &["--check", p]);
    assert!(
        ok && out.contains("No syntax or stream encoding errors"),
        "{name}: {out}"
    );
    let (ok, fonts) = tool("pdffonts", &[p]);
    assert!(ok, "{fonts}");
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{name} has no fonts");
    for row in rows {
        let cols: Vec<&str> = row.split_whitespace().collect();
        // name type(2 words) encoding emb sub uni id gen
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            ["yes", "yes", "yes"],
            "{name}: font not embedded+subset+unicode: {row}"
        );
        assert!(
            cols[0].len() > 7 && cols[0].as_bytes()[6] == b'+',
            "{name}: {row}"
        );
    }
    let (ok, text) = tool("pdftotext", &[p, "-"]);
    assert!(ok, "{text}");
    text
}

fn golden(name: &str, text: &str) {
    // A serial from `fresh_serial` depends on the order the tests run in.
    let text = serial_free(text);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("LOKET_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, &text).unwrap();
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("golden file {} missing", path.display()));
    assert_eq!(text, want, "text of {name} differs from its golden file");
}

/// `text` with every test serial (`SN-UJI-000808`) written as `SN-UJI-######`.
fn serial_free(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("SN-UJI-") {
        out.push_str(&rest[..i + 7]);
        let digits = rest[i + 7..]
            .chars()
            .take_while(char::is_ascii_digit)
            .count();
        out.push_str(&"#".repeat(digits));
        rest = &rest[i + 7 + digits..];
    }
    out.push_str(rest);
    out
}

fn pages(dir: &std::path::Path, name: &str) -> u32 {
    let (_, info) = tool("pdfinfo", &[dir.join(name).to_str().unwrap()]);
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|v| v.trim().parse().unwrap())
        .unwrap()
}

#[tokio::test]
async fn every_letter_type_renders_numbered_with_subset_fonts_and_golden_text() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    t.with_letter_settings().await;
    // Kept under target/ so the rendered letters can be looked at.
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("letters");
    std::fs::create_dir_all(&out).unwrap();
    let out = tempfile::Builder::new()
        .disable_cleanup(true)
        .tempdir_in(&out)
        .unwrap();

    // One applicant per kind of letter; the template puts her name in literally.
    let mut tricky = pegawai(1, "Ni Luh {alasan} <b>Ayu</b>");
    tricky.applicant.jabatan = "Pranata Komputer".into();
    let single = t.complete_case(&tricky).await;
    let a = t.complete_case(&pegawai(2, "I Wayan Sudarma")).await;
    let b = t.complete_case(&pegawai(3, "Ni Made Sari")).await;
    let rejected = open_penerbitan(&db, &t.op(), &pegawai(4, "I Ketut Arya"))
        .await
        .unwrap()
        .id;
    t.walk(rejected, &[Action::Tolak]).await;
    // A certificate holder asks for renewal and another for revocation.
    let holder = t.complete_case(&pegawai(5, "I Nyoman Darma")).await;
    let holder_letter = t.draft(Jenis::RekomendasiPendaftaran, vec![holder]).await;
    t.issue(holder_letter).await;
    t.walk(holder, &ISSUE[2..]).await;
    let holder2 = t.complete_case(&pegawai(6, "Ni Ketut Wati")).await;
    let l = t.draft(Jenis::RekomendasiPendaftaran, vec![holder2]).await;
    t.issue(l).await;
    t.walk(holder2, &ISSUE[2..]).await;
    let renew = t
        .open_for(
            t.case(holder).await.applicant_id,
            Layanan::Pembaruan,
            renewal(),
        )
        .await
        .unwrap()
        .id;
    let held = t.case(holder2).await;
    let revoke = t
        .open_for(
            held.applicant_id,
            Layanan::Pencabutan,
            revocation(RevocationReason::Mutasi, vec![held.certificates[0].id]),
        )
        .await
        .unwrap()
        .id;
    for id in [renew, revoke] {
        t.tick_all(id).await;
        t.walk(id, &[Action::BerkasLengkap]).await;
    }

    let kinds = [
        (
            "rekomendasi-pendaftaran.txt",
            Jenis::RekomendasiPendaftaran,
            vec![single],
            1,
        ),
        (
            "rekomendasi-kolektif.txt",
            Jenis::RekomendasiPendaftaran,
            vec![a, b],
            2,
        ),
        (
            "rekomendasi-pembaruan.txt",
            Jenis::RekomendasiPembaruan,
            vec![renew],
            1,
        ),
        (
            "rekomendasi-pencabutan.txt",
            Jenis::RekomendasiPencabutan,
            vec![revoke],
            1,
        ),
        (
            "pemberitahuan-penolakan.txt",
            Jenis::Penolakan,
            vec![rejected],
            1,
        ),
    ];
    for (name, jenis, ids, page_count) in kinds {
        let id = t.draft(jenis, ids.clone()).await;
        let row = t.issue(id).await;
        let nomor = row.nomor.clone().unwrap();
        assert!(
            nomor.starts_with("000.8.3.3/") && nomor.ends_with("/DKIS/2026"),
            "{nomor}"
        );
        for form in [Form::Basah, Form::Elektronik] {
            let (file, bytes) = export::export(&db, &t.as_("verifikator"), id, form)
                .await
                .unwrap();
            assert!(
                bytes.len() <= 100 * 1024 || page_count > 1,
                "{file}: {} bytes",
                bytes.len()
            );
            let text = checked_pdf(out.path(), &file, &bytes);
            assert_eq!(pages(out.path(), &file), page_count, "{file}");
            assert!(text.contains(&nomor), "{file} lacks its number");
            let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
            let footer = words.contains("Balai Besar Sertifikasi Elektronik (BSrE), BSSN.");
            assert_eq!(
                footer,
                form == Form::Elektronik,
                "{file}: BSrE footer only on the electronic form"
            );
            if jenis == Jenis::RekomendasiPencabutan {
                // BSrE revokes what the letter names, for the reason it gives.
                let serial = held.certificates[0].serial.clone().unwrap_or_default();
                assert!(
                    !serial.is_empty() && words.contains(&serial),
                    "{file}: the revoked certificate's serial {serial:?} is printed"
                );
                assert!(
                    words.contains("Mutasi / pindah instansi (kode RFC 5280: 3)"),
                    "{file}: the reason and its RFC 5280 code are printed"
                );
            }
            if form == Form::Basah {
                golden(name, &text);
            }
        }
        if jenis.layanan().is_some() {
            for c in ids {
                let detail = t.case(c).await;
                assert_eq!(
                    detail.case.status,
                    Status::RekomendasiTerbit,
                    "issuing moves the case on"
                );
            }
        }
    }
    // The receipt: registration number, documents, promised date (3 working days).
    let (file, bytes) = export::receipt(&db, &t.as_("Petugas Loket"), single)
        .await
        .unwrap();
    let text = checked_pdf(out.path(), &file, &bytes);
    golden("tanda-terima.txt", &text);
    assert!(
        text.contains("25 November 2026"),
        "22 Nov 2026 (Sunday) + 3 working days"
    );
}

#[tokio::test]
async fn drafts_have_no_number_and_print_a_draft_mark() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    t.with_letter_settings().await;
    let out = tempfile::tempdir().unwrap();
    let case = t.complete_case(&pegawai(1, "I Wayan Sudarma")).await;
    let id = t.draft(Jenis::RekomendasiPendaftaran, vec![case]).await;
    // A letterhead logo (PNG with transparency) lands on the page as one JPEG image.
    let logo = image::RgbaImage::from_fn(120, 140, |x, y| {
        image::Rgba([20, 80, 160, if (x + y) % 7 == 0 { 0 } else { 255 }])
    });
    let mut png = std::io::Cursor::new(Vec::new());
    logo.write_to(&mut png, image::ImageFormat::Png).unwrap();
    identity::set_logo(&db, &t.as_("admin"), png.get_ref())
        .await
        .unwrap();
    let refused = identity::set_logo(&db, &t.as_("admin"), b"%PDF-1.4 bukan gambar").await;
    assert_eq!(
        field_of(refused.unwrap_err()),
        "file",
        "a file that is no picture is refused as the letterhead logo"
    );
    let (file, bytes) = export::export(&db, &t.op(), id, Form::Basah).await.unwrap();
    let text = checked_pdf(out.path(), &file, &bytes);
    assert!(text.contains("(draf, belum bernomor)"), "{text}");
    let (_, images) = tool(
        "pdfimages",
        &["-list", out.path().join(&file).to_str().unwrap()],
    );
    let rows: Vec<&str> = images.lines().skip(2).collect();
    assert_eq!(rows.len(), 1, "{images}");
    assert!(
        rows[0].contains("jpeg") && rows[0].contains("120") && rows[0].contains("140"),
        "{images}"
    );
    // The mark is drawn first and diagonally: in content order it is one word.
    let (_, raw) = tool(
        "pdftotext",
        &["-raw", out.path().join(&file).to_str().unwrap(), "-"],
    );
    assert!(raw.starts_with("DRAFT"), "{raw}");
    let refused = export::export(&db, &t.op(), id, Form::Elektronik).await;
    assert_eq!(
        field_of(refused.unwrap_err()),
        "letter",
        "a draft has no electronic form to export"
    );
    // A second recommendation for the same case is refused while the first stands.
    let twice = register::create_draft(
        &db,
        &t.op(),
        &NewLetter {
            jenis: Some(Jenis::RekomendasiPendaftaran),
            case_ids: vec![case],
            penandatangan: 0,
        },
    )
    .await;
    assert_eq!(
        field_of(twice.unwrap_err()),
        "case_ids",
        "a second recommendation for the same case is refused while the first stands"
    );
    // A case whose file is not complete gets no recommendation.
    let early = open_penerbitan(&db, &t.op(), &pegawai(2, "Ni Made Sari"))
        .await
        .unwrap();
    let refused = register::create_draft(
        &db,
        &t.op(),
        &NewLetter {
            jenis: Some(Jenis::RekomendasiPendaftaran),
            case_ids: vec![early.id],
            penandatangan: 0,
        },
    )
    .await;
    assert_eq!(
        field_of(refused.unwrap_err()),
        "case_ids",
        "a case whose file is not complete gets no recommendation"
    );
}

#[tokio::test]
async fn a_void_letter_keeps_its_number_and_the_serial_restarts_each_year() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    t.with_letter_settings().await;
    let mut ids = vec![];
    for n in 1..=3 {
        let nama = ["", "I Wayan Sudarma", "Ni Made Sari", "I Ketut Arya"][n as usize];
        let c = t.complete_case(&pegawai(n, nama)).await;
        ids.push(t.draft(Jenis::RekomendasiPendaftaran, vec![c]).await);
    }
    let first = t.issue(ids[0]).await;
    let voided = register::void(&db, &t.as_("verifikator"), ids[0], "Salah penandatangan")
        .await
        .unwrap();
    assert_eq!(
        voided.status,
        LetterStatus::Batal,
        "the voided letter is marked void"
    );
    assert_eq!(voided.nomor, first.nomor, "a void letter keeps its number");
    assert_eq!(
        field_of(
            register::void(&db, &t.as_("verifikator"), ids[1], " ")
                .await
                .unwrap_err()
        ),
        "void_reason",
        "voiding without a reason is refused at the reason"
    );
    let second = t.issue(ids[1]).await;
    assert_eq!(
        second.nomor.as_deref(),
        Some("000.8.3.3/2/DKIS/2026"),
        "the void number is not reused"
    );
    assert!(
        export::export(&db, &t.as_("verifikator"), ids[0], Form::Basah)
            .await
            .is_err(),
        "a void letter is not exported"
    );
    let new_year = DateTime::parse_from_rfc3339("2027-01-04T08:00:00+07:00").unwrap();
    let third = register::issue(&db, &t.at("verifikator", new_year), ids[2])
        .await
        .unwrap();
    assert_eq!(
        third.nomor.as_deref(),
        Some("000.8.3.3/1/DKIS/2027"),
        "the letter serial restarts at 1 in a new year"
    );
    let register = register::list(
        &db,
        &LetterQuery {
            tahun: Some(2026),
            ..Default::default()
        },
    )
    .await
    .unwrap();
    let numbers: Vec<_> = register
        .iter()
        .map(|r| (r.nomor.clone().unwrap(), r.status))
        .collect();
    assert_eq!(
        numbers,
        [
            ("000.8.3.3/2/DKIS/2026".to_string(), LetterStatus::Terbit),
            ("000.8.3.3/1/DKIS/2026".to_string(), LetterStatus::Batal),
        ],
        "the year's register lists the void letter beside the issued one, newest first"
    );
    assert!(
        matches!(
            audit::verify(&db, &key()).await.unwrap(),
            Verdict::Intact { .. }
        ),
        "the audit chain still verifies after issuing and voiding"
    );
}

#[tokio::test]
async fn a_batch_export_reports_progress_and_stops_when_cancelled() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    t.with_letter_settings().await;
    let out = tempfile::tempdir().unwrap();
    let mut ids = vec![];
    for (n, nama) in [
        (1, "I Wayan Sudarma"),
        (2, "Ni Made Sari"),
        (3, "I Ketut Arya"),
        (4, "Ni Luh Ayu"),
    ] {
        let c = t.complete_case(&pegawai(n, nama)).await;
        let id = t.draft(Jenis::RekomendasiPendaftaran, vec![c]).await;
        t.issue(id).await;
        ids.push(id);
    }
    // All of them, with progress after each.
    let stop = BatchStop::default();
    let mut seen = vec![];
    let all = export::export_batch(
        &db,
        &t.as_("verifikator"),
        &ids,
        Form::Elektronik,
        &out.path().join("semua"),
        &stop,
        |p| seen.push((p.done, p.total)),
    )
    .await
    .unwrap();
    assert_eq!(
        (all.written, all.total, all.cancelled),
        (4, 4, false),
        "the batch writes all four letters and is not cancelled"
    );
    assert_eq!(
        seen,
        [(1, 4), (2, 4), (3, 4), (4, 4)],
        "progress is reported after each letter"
    );
    assert_eq!(
        std::fs::read_dir(out.path().join("semua")).unwrap().count(),
        4,
        "every letter of the batch is a file in the folder"
    );
    // Stopped after the second: the two written stay, the rest is not written.
    let mut done = 0;
    let part = export::export_batch(
        &db,
        &t.as_("verifikator"),
        &ids,
        Form::Basah,
        &out.path().join("sebagian"),
        &stop,
        |p| {
            done = p.done;
            if p.done == 2 {
                stop.request();
            }
        },
    )
    .await
    .unwrap();
    assert_eq!(
        (part.written, part.cancelled),
        (2, true),
        "the stopped batch keeps the two letters written and says it was cancelled"
    );
    assert_eq!(
        done, 2,
        "the batch stops right after the letter in hand when cancelled"
    );
    assert_eq!(
        std::fs::read_dir(out.path().join("sebagian"))
            .unwrap()
            .count(),
        2,
        "only the letters written before the stop are in the folder"
    );
    // The stop belonged to that batch: the next one runs to the end.
    let next = export::export_batch(
        &db,
        &t.as_("verifikator"),
        &ids,
        Form::Basah,
        &out.path().join("berikutnya"),
        &stop,
        |_| {},
    )
    .await
    .unwrap();
    assert_eq!(
        (next.written, next.cancelled),
        (4, false),
        "a stop pressed during an earlier batch does not stop the next"
    );
    // Drafts share one name ("…-DRAF.pdf"): a batch of them keeps each one,
    // and a second batch into the same folder overwrites none.
    let mut drafts = vec![];
    for (n, nama) in [(5, "I Gede Putra"), (6, "Ni Kadek Dewi")] {
        let c = t.complete_case(&pegawai(n, nama)).await;
        drafts.push(t.draft(Jenis::RekomendasiPendaftaran, vec![c]).await);
    }
    let folder = out.path().join("draf");
    for _ in 0..2 {
        let r = export::export_batch(
            &db,
            &t.as_("verifikator"),
            &drafts,
            Form::Basah,
            &folder,
            &stop,
            |_| {},
        )
        .await
        .unwrap();
        assert_eq!(r.written, 2, "each batch of drafts writes every draft");
    }
    let mut names: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names.len(),
        4,
        "every draft is a file of its own: {names:?}"
    );
    assert!(names.iter().all(|n| n.contains("DRAF")), "{names:?}");
}

/// The four application forms, blank and filled, in the letterhead's fonts:
/// checked with qpdf and pdffonts, their text held to golden files. A filled
/// form prints the whole NIK for the applicant to check, so printing it is
/// audited; a blank one holds no personal data.
#[tokio::test]
async fn application_forms_print_blank_and_filled_with_golden_text() {
    use loket_core::cases::forms::ServiceFormInput;
    use loket_core::cases::intake::{self, NewService};
    use loket_core::certificates::Validity;
    use loket_core::lifecycle::vocabulary::{Layanan, RevocationReason};

    let t = TestDesk::sqlite().await;
    t.with_letter_settings().await;
    let out = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("forms");
    std::fs::create_dir_all(&out).unwrap();
    for (l, name) in [
        (Layanan::Penerbitan, "formulir-penerbitan-kosong.txt"),
        (Layanan::Pembaruan, "formulir-pembaruan-kosong.txt"),
        (Layanan::PerubahanData, "formulir-perubahan-data-kosong.txt"),
        (Layanan::Pencabutan, "formulir-pencabutan-kosong.txt"),
    ] {
        let (file, bytes) = export::application_form(&t.db, &t.op(), l, None)
            .await
            .unwrap();
        assert!(file.ends_with("-kosong.pdf"), "{file}");
        let text = checked_pdf(&out, &file, &bytes);
        assert!(!text.contains("REG-"), "a blank form belongs to no case");
        golden(name, &text);
    }
    assert_eq!(
        t.count("audit_log").await,
        1,
        "only the settings were audited"
    );

    let mut input = NewService {
        pemberitahuan_privasi: true,
        layanan: Some(Layanan::Pencabutan),
        applicant: Some(budi().applicant),
        sertifikat_luar: Some(Validity {
            valid_from: "20/11/2025".into(),
            valid_to: "20/11/2027".into(),
            serial: "5F3A-0091".into(),
        }),
        form: ServiceFormInput {
            revocation_reason: Some(RevocationReason::Mutasi),
            berlaku_mulai: "01/12/2026".into(),
            pernyataan: "Saya pindah tugas ke Pemerintah Provinsi Bali.".into(),
            ..Default::default()
        },
        ..Default::default()
    };
    let row = intake::open_service(&t.db, &t.op(), &mut OsRng, &input)
        .await
        .unwrap();
    let entries = t.count("audit_log").await;
    let (file, bytes) = export::application_form(&t.db, &t.op(), Layanan::Pencabutan, Some(row.id))
        .await
        .unwrap();
    assert_eq!(
        file,
        format!("Formulir-Pencabutan-{}.pdf", row.nomor),
        "a filled form is named after the case's registration number"
    );
    let text = checked_pdf(&out, &file, &bytes);
    golden("formulir-pencabutan-terisi.txt", &text);
    assert!(text.contains(NIK), "the applicant checks the whole NIK");
    assert_eq!(
        t.count("audit_log").await,
        entries + 1,
        "printing personal data is in the audit log"
    );

    // The revocation is withdrawn before the data change opens: one
    // running service per person.
    loket_core::cases::transitions::transition(
        &t.db,
        &t.as_("verifikator"),
        row.id,
        &step(Action::Batalkan),
    )
    .await
    .unwrap();
    input.layanan = Some(Layanan::PerubahanData);
    input.applicant = None;
    input.applicant_id = Some(t.case(row.id).await.applicant_id);
    input.sertifikat_luar = None;
    let mut baru = loket_core::applicants::changes::PersonData {
        nama: "I Made Budi Santosa".into(),
        nip: "196711101992031001".into(),
        email: "budi@denpasarkota.go.id".into(),
        telepon: "081234567890".into(),
        jabatan: "Analis Persandian".into(),
        unit_kerja: "Bidang Persandian".into(),
        instansi: "Dinas Kominfo dan Statistik".into(),
    };
    baru.jabatan = "Sandiman Ahli Muda".into();
    input.form = ServiceFormInput {
        data_baru: Some(baru),
        alasan: "Ejaan nama dan jabatan baru.".into(),
        ..Default::default()
    };
    let change = intake::open_service(&t.db, &t.op(), &mut OsRng, &input)
        .await
        .unwrap();
    let (file, bytes) =
        export::application_form(&t.db, &t.op(), Layanan::PerubahanData, Some(change.id))
            .await
            .unwrap();
    let text = checked_pdf(&out, &file, &bytes);
    golden("formulir-perubahan-data-terisi.txt", &text);
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words.contains("semula I Made Budi Santoso menjadi I Made Budi Santosa"),
        "the old and the new value side by side: {words}"
    );
}
