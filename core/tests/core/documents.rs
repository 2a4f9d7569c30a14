//! Documents of a case: type from content, EXIF dropped, bound to their case, KTP exports within BSrE's limit.

use super::support::*;
use loket_core::Error;
use loket_core::documents;
use loket_core::documents::Purpose;
use loket_core::documents::Upload;
use loket_core::files::Mime;
use rand::rngs::OsRng;
use sea_orm::ConnectionTrait;
use sea_orm::DbBackend;
use sea_orm::Statement;

/// A JPEG of pseudo-random pixels: photos of paper compress about as badly.
fn noisy_jpeg(w: u32, h: u32) -> Vec<u8> {
    use image::{RgbImage, codecs::jpeg::JpegEncoder};
    let mut state = 0x2545_f491_u32;
    let img = RgbImage::from_fn(w, h, |x, y| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        let base = ((x / 40 + y / 40) % 2 * 120) as u8;
        image::Rgb([
            base.wrapping_add((state & 0x3f) as u8),
            base,
            (state >> 8) as u8 & 0x7f,
        ])
    });
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, 92)
        .encode_image(&img)
        .unwrap();
    out
}

/// The same JPEG with an EXIF segment carrying a location.
fn with_exif(jpeg: &[u8]) -> Vec<u8> {
    let payload = b"Exif\0\0GPS-LOKASI-RAHASIA -8.65,115.21";
    let len = (payload.len() + 2) as u16;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&jpeg[2..]);
    out
}

const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

async fn attach(
    t: &TestDesk,
    case_id: i64,
    kind: &str,
    name: &str,
    bytes: &[u8],
) -> loket_core::Result<documents::DocumentRow> {
    documents::attach(
        &t.db,
        &t.op(),
        &mut OsRng,
        &Upload {
            case_id,
            kind,
            filename: name,
            bytes,
        },
    )
    .await
}

#[tokio::test]
async fn a_ktp_photo_is_stored_re_encoded_without_exif_and_ticks_its_requirement() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let photo = with_exif(&noisy_jpeg(640, 400));
    assert!(
        photo.windows(12).any(|w| w == b"GPS-LOKASI-R"),
        "the fixture carries a location"
    );
    let doc = attach(&t, row.id, "ktp", "ktp budi.jpg", &photo)
        .await
        .unwrap();
    assert_eq!(
        doc.mime,
        Mime::Jpeg,
        "the photo's type is read from its content: a JPEG"
    );
    let (mime, stored) = documents::read(&db, &t.op(), doc.id, Purpose::View)
        .await
        .unwrap();
    assert_eq!(mime, Mime::Jpeg, "the stored KTP photo is still a JPEG");
    assert!(
        !stored.windows(4).any(|w| w == b"Exif"),
        "EXIF must not survive"
    );
    assert!(
        !stored.windows(12).any(|w| w == b"GPS-LOKASI-R"),
        "the EXIF location did not survive re-encoding"
    );
    assert!(
        image::load_from_memory(&stored).is_ok(),
        "still a readable picture"
    );
    let d = t.case(row.id).await;
    assert!(
        d.requirements.iter().any(|r| r.code == "ktp" && r.checked),
        "attaching the KTP photo ticks its requirement"
    );
    assert_eq!(d.documents.len(), 1, "the case page lists the document");
    let last = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "select action from audit_log order by seq desc limit 1",
        ))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        last.try_get_by_index::<String>(0).unwrap(),
        "document.view",
        "viewing a KTP is audited"
    );
}

#[tokio::test]
async fn bad_files_are_refused_with_their_reason_and_nothing_is_stored() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let entries = t.count("audit_log").await;
    let jpeg = noisy_jpeg(300, 200);
    let cases_: [(&str, &str, Vec<u8>, &str); 6] = [
        ("ktp", "ktp.jpg", PDF.to_vec(), "JPEG atau PNG"),
        (
            "surat_permohonan",
            "besar.pdf",
            vec![0u8; 50 * 1024 * 1024],
            "terlalu besar",
        ),
        ("surat_permohonan", "kosong.pdf", vec![], "kosong"),
        (
            "ktp",
            "terpotong.jpg",
            jpeg[..jpeg.len() / 2].to_vec(),
            "rusak atau terpotong",
        ),
        (
            "surat_permohonan",
            "surat.pdf",
            PDF[..PDF.len() - 7].to_vec(),
            "terpotong",
        ),
        (
            "surat_permohonan",
            "surat.docx",
            b"PK\x03\x04 bukan pdf".to_vec(),
            "hanya PDF, JPEG atau PNG",
        ),
    ];
    for (kind, name, bytes, why) in cases_ {
        let err = attach(&t, row.id, kind, name, &bytes).await.unwrap_err();
        assert!(
            err.to_string().contains(why)
                || matches!(&err, Error::Invalid { fields, .. } if fields.values().any(|m| m.contains(why))),
            "{name}: {err:?}"
        );
    }
    assert_eq!(t.count("documents").await, 0, "no refused file is stored");
    assert_eq!(
        t.count("audit_log").await,
        entries,
        "a refusal writes nothing"
    );
    // The type comes from the content: a PDF named .jpg is a PDF.
    let doc = attach(&t, row.id, "surat_permohonan", "surat.jpg", PDF)
        .await
        .unwrap();
    assert_eq!(doc.mime, Mime::Pdf, "a PDF named .jpg is stored as a PDF");
}

#[tokio::test]
async fn a_document_swapped_between_cases_or_altered_is_refused() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let a = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let b = open_penerbitan(&db, &t.op(), &ayu()).await.unwrap();
    let da = attach(&t, a.id, "surat_permohonan", "a.pdf", PDF)
        .await
        .unwrap();
    let db_ = attach(&t, b.id, "surat_permohonan", "b.pdf", PDF)
        .await
        .unwrap();
    db.execute_unprepared(&format!(
        "update documents set cipher = (select cipher from documents where id = {}) where id = {}",
        da.id, db_.id
    ))
    .await
    .unwrap();
    let err = documents::read(&db, &t.op(), db_.id, Purpose::View)
        .await
        .unwrap_err();
    assert!(err.to_string().contains("tidak cocok"), "{err}");
    db.execute_unprepared(&format!(
        "update documents set case_id = {} where id = {}",
        b.id, da.id
    ))
    .await
    .unwrap();
    assert!(
        documents::read(&db, &t.op(), da.id, Purpose::View)
            .await
            .is_err(),
        "moved to another case"
    );
    let c = open_penerbitan(&db, &t.op(), &{
        let mut n = budi();
        n.applicant.nik = "5171011011670077".into();
        n.applicant.nik_ulang = n.applicant.nik.clone();
        n
    })
    .await
    .unwrap();
    let dc = attach(&t, c.id, "surat_permohonan", "c.pdf", PDF)
        .await
        .unwrap();
    db.execute_unprepared(&format!(
        "update documents set cipher = substr(cipher, 1, 30) || x'00' || substr(cipher, 32) where id = {}",
        dc.id
    ))
    .await
    .unwrap();
    assert!(
        documents::read(&db, &t.op(), dc.id, Purpose::View)
            .await
            .is_err(),
        "altered bytes"
    );
}

#[tokio::test]
async fn a_ktp_export_fits_bsre_upload_limit() {
    let t = TestDesk::sqlite().await;
    let db = t.db.clone();
    let row = open_penerbitan(&db, &t.op(), &budi()).await.unwrap();
    let photo = noisy_jpeg(1600, 1000);
    assert!(
        photo.len() > 300 * 1024,
        "the fixture must start above the limit ({} bytes)",
        photo.len()
    );
    let doc = attach(&t, row.id, "ktp", "ktp.jpg", &photo).await.unwrap();
    let (mime, out) = documents::read(&db, &t.op(), doc.id, Purpose::ExportForBsre)
        .await
        .unwrap();
    assert_eq!(mime, Mime::Jpeg, "the copy for BSrE is a JPEG");
    assert!(out.len() <= 300 * 1024, "{} bytes", out.len());
    assert!(
        image::load_from_memory(&out).is_ok(),
        "the smaller copy is still a picture"
    );
}
