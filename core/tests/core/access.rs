//! A person's right of access: the export holds every record of the person
//! (identity with the whole NIK, cases, documents, letters, certificates, the
//! trail of who saw or changed them) and nothing of anyone else, even of
//! people whose names look the same; the export itself is in the audit log
//! before the files exist, and the chain still verifies.

use super::support::*;
use loket_core::audit::{self, Verdict};
use loket_core::documents::{self, Upload};
use loket_core::privacy::access;
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
            loket_core::letters::kinds::Jenis::RekomendasiPendaftaran,
            vec![ayu_case],
        )
        .await;
    t.issue(draft).await;

    let files = access::export(&t.db, &t.as_("Petugas Data"), ayu_id)
        .await
        .unwrap();
    assert_eq!(files.diminta, "22/11/2026 09:15");
    assert_eq!(files.batas_jawab, "25/11/2026 09:15", "3 x 24 hours");
    let json = String::from_utf8(files.json.clone()).unwrap();
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(json.contains("5171015203950002"), "her whole NIK");
    assert!(json.contains(&mine));
    assert!(json.contains("surat-ayu.pdf"));
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
    assert_eq!(v["permohonan"].as_array().unwrap().len(), 1);
    assert_eq!(
        v["surat"].as_array().unwrap().len(),
        1,
        "the Surat Rekomendasi naming her case"
    );
    let trail = v["jejak_pemrosesan"].as_array().unwrap();
    assert!(trail.iter().any(|e| e["tindakan"] == "document.attach"));
    assert!(trail.iter().any(|e| e["tindakan"] == "letter.issue"));
    let last = trail.last().unwrap();
    assert_eq!(
        last["tindakan"], "applicant.access_export",
        "the export is in the trail it carries"
    );
    assert_eq!(last["oleh"], "Petugas Data");

    let pdf = t.dir.path().join(&files.pdf_name);
    std::fs::write(&pdf, &files.pdf).unwrap();
    let (ok, text) = tool("pdftotext", &["-layout", pdf.to_str().unwrap(), "-"]);
    assert!(ok, "{text}");
    assert!(text.contains("HAK AKSES SUBJEK DATA PRIBADI"), "{text}");
    assert!(text.contains("25/11/2026 09:15"));
    assert!(text.contains(&mine));
    assert!(!text.contains(&twin) && !text.contains(&other) && !text.contains("Lestari"));
    assert!(matches!(
        audit::verify(&t.db, &t.key).await.unwrap(),
        Verdict::Intact { .. }
    ));
}

#[tokio::test]
async fn an_unknown_person_is_refused_and_logs_nothing() {
    let t = TestDesk::sqlite().await;
    let before = t.count("audit_log").await;
    assert!(access::export(&t.db, &t.op(), 4242).await.is_err());
    assert_eq!(t.count("audit_log").await, before);
}
