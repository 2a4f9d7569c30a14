//! Documents of a case: surat permohonan, KTP photo, SK and other supporting
//! files. The type is read from the content, never from the file name; images
//! are decoded and re-encoded, which drops EXIF data (camera, GPS) and refuses
//! truncated files. Content is stored encrypted with the data key, bound to its
//! case and row, with its SHA-256 recorded; a swapped or altered file is refused.
//! Every view or export is written to the audit log (UU PDP).

use std::io::Cursor;

use chrono::{DateTime, FixedOffset};
use image::{DynamicImage, ImageFormat, codecs::jpeg::JpegEncoder};
use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use sha2::{Digest, Sha256};
use ts_rs::TS;

use crate::audit::{self, Actor};
use crate::cases::{Status, flow};
use crate::entities::{case_requirements, cases, documents};
use crate::secrets::{DataKey, hex};
use crate::store;
use crate::{Error, Result};

/// Setting: largest file accepted, in MB (default 5).
pub const SETTING_MAX_MB: &str = "batas_ukuran_berkas_mb";
/// Setting: largest KTP export BSrE accepts, in KB (default 300).
pub const SETTING_KTP_EXPORT_KB: &str = "batas_ekspor_ktp_kb";
/// Kind of a KTP photo.
pub const KTP: &str = "ktp";

/// Content types Loket accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub enum Mime {
    #[serde(rename = "application/pdf")]
    Pdf,
    #[serde(rename = "image/jpeg")]
    Jpeg,
    #[serde(rename = "image/png")]
    Png,
}

text_enum!(Mime { Pdf => "application/pdf", Jpeg => "image/jpeg", Png => "image/png" });

/// A document as the case page lists it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct DocumentRow {
    #[ts(type = "number")]
    pub id: i64,
    pub kind: String,
    pub filename: String,
    pub mime: Mime,
    #[ts(type = "number")]
    pub size: i64,
    pub sha256: String,
    pub created_by: String,
    pub created_at: String,
}

/// A file as the desk hands it in.
pub struct Upload<'a> {
    pub case_id: i64,
    pub kind: &'a str,
    pub filename: &'a str,
    pub bytes: &'a [u8],
}

/// Reads the content type from the first bytes, and refuses what is not a
/// whole PDF, JPEG or PNG.
pub fn sniff(bytes: &[u8]) -> Result<Mime> {
    if bytes.is_empty() {
        return Err(Error::field("file", "Berkas kosong (0 byte)."));
    }
    if bytes.starts_with(b"%PDF-") {
        let tail = &bytes[bytes.len().saturating_sub(1024)..];
        if !tail.windows(5).any(|w| w == b"%%EOF") {
            return Err(Error::field(
                "file",
                "Berkas PDF terpotong atau rusak (penanda akhir %%EOF tidak ada).",
            ));
        }
        return Ok(Mime::Pdf);
    }
    let truncated = || {
        Error::field(
            "file",
            "Gambar rusak atau terpotong (penanda akhir gambar tidak ada).",
        )
    };
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        // The decoder fills a cut-off photo in silently, so look for the end
        // marker (FF D9) after the last start-of-scan (FF DA): neither can occur
        // inside the compressed data, where FF is always followed by 00.
        let sos = bytes.windows(2).rposition(|w| w == [0xFF, 0xDA]);
        let eoi = bytes.windows(2).rposition(|w| w == [0xFF, 0xD9]);
        return match (sos, eoi) {
            (Some(s), Some(e)) if e > s => Ok(Mime::Jpeg),
            _ => Err(truncated()),
        };
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        let tail = &bytes[bytes.len().saturating_sub(64)..];
        return if tail.windows(4).any(|w| w == b"IEND") {
            Ok(Mime::Png)
        } else {
            Err(truncated())
        };
    }
    Err(Error::field(
        "file",
        "Jenis berkas tidak diterima: hanya PDF, JPEG atau PNG (dibaca dari isinya, bukan dari nama berkas).",
    ))
}

pub(crate) fn decode(bytes: &[u8], format: ImageFormat) -> Result<DynamicImage> {
    image::load_from_memory_with_format(bytes, format).map_err(|e| {
        Error::field(
            "file",
            format!("Gambar rusak atau terpotong dan tidak dapat dibaca ({e})."),
        )
    })
}

pub(crate) fn encode_jpeg(img: &DynamicImage, quality: u8) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality)
        .encode_image(&img.to_rgb8())
        .map_err(|e| Error::Store(format!("Gambar tidak dapat disimpan: {e}")))?;
    Ok(out)
}

/// The content to store: PDFs as they are, images decoded and re-encoded
/// (EXIF, GPS and other metadata do not survive).
pub(crate) fn normalise(bytes: &[u8], mime: Mime) -> Result<Vec<u8>> {
    match mime {
        Mime::Pdf => Ok(bytes.to_vec()),
        Mime::Jpeg => encode_jpeg(&decode(bytes, ImageFormat::Jpeg)?, 90),
        Mime::Png => {
            let img = decode(bytes, ImageFormat::Png)?;
            let mut out = Cursor::new(Vec::new());
            img.write_to(&mut out, ImageFormat::Png)
                .map_err(|e| Error::Store(format!("Gambar tidak dapat disimpan: {e}")))?;
            Ok(out.into_inner())
        }
    }
}

fn context(case_id: i64, token: &str) -> String {
    format!("loket/documents/v1/{case_id}/{token}")
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Largest accepted file in bytes (setting in MB, default 5).
pub async fn max_bytes(db: &impl ConnectionTrait) -> Result<usize> {
    let mb: usize = store::setting(db, SETTING_MAX_MB)
        .await?
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(5);
    Ok(mb * 1024 * 1024)
}

/// Attaches a document to a case: checks, normalises, encrypts and stores it
/// with its audit entry, and ticks the matching requirement while the file is
/// still being completed. Nothing is stored when any check fails.
pub async fn attach(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    actor: &Actor,
    now: DateTime<FixedOffset>,
    upload: &Upload<'_>,
) -> Result<DocumentRow> {
    let now = audit::truncate_micros(now);
    let limit = max_bytes(db).await?;
    if upload.bytes.len() > limit {
        return Err(Error::field(
            "file",
            format!(
                "Berkas terlalu besar: {:.1} MB, batasnya {} MB.",
                upload.bytes.len() as f64 / 1_048_576.0,
                limit / 1_048_576
            ),
        ));
    }
    let mime = sniff(upload.bytes)?;
    if upload.kind == KTP && mime == Mime::Pdf {
        return Err(Error::field(
            "file",
            "Foto KTP harus berupa gambar JPEG atau PNG.",
        ));
    }
    let content = normalise(upload.bytes, mime)?;
    let txn = store::begin_write(db).await?;
    let case = cases::Entity::find_by_id(upload.case_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Permohonan"))?;
    let status = Status::parse(&case.status).ok_or(Error::NotFound("Status"))?;
    if flow::is_final(status) {
        return Err(Error::field(
            "file",
            "Permohonan sudah ditutup; berkas tidak dapat ditambahkan.",
        ));
    }
    let requirement = case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(case.id))
        .filter(case_requirements::Column::Code.eq(upload.kind))
        .one(&txn)
        .await?;
    if requirement.is_none() && upload.kind != "lainnya" {
        return Err(Error::field(
            "kind",
            "Pilih jenis berkas dari persyaratan permohonan ini.",
        ));
    }
    let mut token = [0u8; 16];
    rng.fill_bytes(&mut token);
    let token = hex(&token);
    let sha = sha256_hex(&content);
    let cipher = key.encrypt(rng, &content, &context(case.id, &token));
    let filename: String = upload.filename.chars().take(200).collect();
    let doc = documents::ActiveModel {
        case_id: Set(case.id),
        token: Set(token),
        kind: Set(upload.kind.to_string()),
        filename: Set(filename),
        mime: Set(mime.as_str().into()),
        size: Set(content.len() as i64),
        sha256: Set(sha.clone()),
        cipher: Set(cipher),
        created_by: Set(actor.name.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(req) = requirement
        && !req.checked
        && crate::cases::checklist_editable(status)
    {
        crate::cases::tick(&txn, req, true, actor, now).await?;
    }
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "document.attach",
            entity: "document",
            entity_id: doc.id.to_string(),
            detail: serde_json::json!({
                "case": case.nomor, "kind": doc.kind, "mime": doc.mime,
                "size": doc.size, "sha256": sha,
            }),
        },
    )
    .await?;
    txn.commit().await?;
    to_row(doc)
}

fn to_row(d: documents::Model) -> Result<DocumentRow> {
    Ok(DocumentRow {
        mime: Mime::parse(&d.mime).ok_or(Error::NotFound("Jenis berkas"))?,
        id: d.id,
        kind: d.kind,
        filename: d.filename,
        size: d.size,
        sha256: d.sha256,
        created_by: d.created_by,
        created_at: d.created_at.to_rfc3339(),
    })
}

/// The documents of a case, oldest first.
pub async fn of_case(db: &impl ConnectionTrait, case_id: i64) -> Result<Vec<DocumentRow>> {
    documents::Entity::find()
        .filter(documents::Column::CaseId.eq(case_id))
        .order_by_asc(documents::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(to_row)
        .collect()
}

/// Decrypts a document and checks it is the one recorded for its case.
fn open_content(key: &DataKey, d: &documents::Model) -> Result<Vec<u8>> {
    let plain = key
        .decrypt(&d.cipher, &context(d.case_id, &d.token))
        .map_err(|_| tampered(d))?;
    if sha256_hex(plain.expose()) != d.sha256 {
        return Err(tampered(d));
    }
    Ok(plain.expose().to_vec())
}

fn tampered(d: &documents::Model) -> Error {
    Error::Store(format!(
        "Berkas \"{}\" tidak cocok dengan catatannya (diubah, atau dipindahkan dari permohonan \
         lain) dan tidak dibuka.",
        d.filename
    ))
}

/// Why a document's content is read: each is its own audit action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    /// Shown on screen.
    View,
    /// Exported as a copy within BSrE's upload limit.
    ExportForBsre,
}

/// Reads a document's content for `purpose`, recording the access in the audit
/// log first. Exports of images are re-encoded to fit BSrE's limit.
pub async fn read(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    document_id: i64,
    purpose: Purpose,
) -> Result<(Mime, Vec<u8>)> {
    let now = audit::truncate_micros(now);
    let txn = store::begin_write(db).await?;
    let d = documents::Entity::find_by_id(document_id)
        .one(&txn)
        .await?
        .ok_or(Error::NotFound("Berkas"))?;
    let mime = Mime::parse(&d.mime).ok_or(Error::NotFound("Jenis berkas"))?;
    let content = open_content(key, &d)?;
    let (mime, content) = match purpose {
        Purpose::View => (mime, content),
        Purpose::ExportForBsre => {
            let kb: usize = store::setting(&txn, SETTING_KTP_EXPORT_KB)
                .await?
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(300);
            (Mime::Jpeg, fit_jpeg(&content, mime, kb * 1024)?)
        }
    };
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action: match purpose {
                Purpose::View => "document.view",
                Purpose::ExportForBsre => "document.export",
            },
            entity: "document",
            entity_id: d.id.to_string(),
            detail: serde_json::json!({ "kind": d.kind, "bytes": content.len() }),
        },
    )
    .await?;
    txn.commit().await?;
    Ok((mime, content))
}

/// Re-encodes an image as JPEG no larger than `limit` bytes: lower quality
/// first, then smaller dimensions, so the KTP stays readable as long as possible.
pub fn fit_jpeg(content: &[u8], mime: Mime, limit: usize) -> Result<Vec<u8>> {
    let format = match mime {
        Mime::Jpeg => ImageFormat::Jpeg,
        Mime::Png => ImageFormat::Png,
        Mime::Pdf => {
            return Err(Error::field(
                "file",
                "Hanya gambar yang dapat diekspor sebagai JPEG.",
            ));
        }
    };
    let mut img = decode(content, format)?;
    loop {
        for quality in [85u8, 75, 65, 55] {
            let out = encode_jpeg(&img, quality)?;
            if out.len() <= limit {
                return Ok(out);
            }
        }
        let (w, h) = (img.width() * 4 / 5, img.height() * 4 / 5);
        if w < 200 || h < 120 {
            return Err(Error::field(
                "file",
                "Gambar tidak dapat diperkecil sampai batas ukuran BSrE tanpa menjadi tidak terbaca.",
            ));
        }
        img = img.resize(w, h, image::imageops::FilterType::Triangle);
    }
}
