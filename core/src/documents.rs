//! Documents of a case: surat permohonan, KTP photo, SK and other supporting
//! files. What a file is comes from [`files`]; content is stored encrypted
//! with the data key, bound to its case and row, with its SHA-256 recorded; a
//! swapped or altered file is refused. Every view or export is written to the
//! audit log (UU PDP).

use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QueryOrder, Set,
};
use serde::Serialize;
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::cases::checklist;
use crate::cases::record;
use crate::entities::documents;
use crate::files::{self, Mime};
use crate::lifecycle::flow;
use crate::secrets::{DataKey, hex};
use crate::{Error, Result, store};

/// Setting: largest KTP export BSrE accepts, in KB (default 300).
pub const SETTING_KTP_EXPORT_KB: &str = "batas_ekspor_ktp_kb";
/// Kind of a KTP photo.
pub const KTP: &str = "ktp";

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

fn context(case_id: i64, token: &str) -> String {
    format!("loket/documents/v1/{case_id}/{token}")
}

/// Attaches a document to a case: checks, normalises, encrypts and stores it
/// with its audit entry, and ticks the matching requirement while the file is
/// still being completed. Nothing is stored when any check fails.
pub async fn attach(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    upload: &Upload<'_>,
) -> Result<DocumentRow> {
    files::check_size(db, upload.bytes).await?;
    let mime = files::sniff(upload.bytes)?;
    if upload.kind == KTP && mime == Mime::Pdf {
        return Err(Error::field(
            "file",
            "Foto KTP harus berupa gambar JPEG atau PNG.",
        ));
    }
    // Decoding and re-encoding happen before the write transaction, off the
    // async runtime: a large photo holds neither the database nor other work.
    let content = files::normalise_off_runtime(upload.bytes, mime).await?;
    let txn = store::begin_write(db).await?;
    let case = record::find(&txn, upload.case_id).await?;
    let (_, status) = record::kinds(&case)?;
    if flow::is_final(status) {
        return Err(Error::field(
            "file",
            "Permohonan sudah ditutup; berkas tidak dapat ditambahkan.",
        ));
    }
    let requirement = checklist::item(&txn, case.id, upload.kind).await?;
    if requirement.is_none() && upload.kind != "lainnya" {
        return Err(Error::field(
            "kind",
            "Pilih jenis berkas dari persyaratan permohonan ini.",
        ));
    }
    let mut token = [0u8; 16];
    rng.fill_bytes(&mut token);
    let token = hex(&token);
    let sha = files::sha256_hex(&content);
    let cipher = act.key().encrypt(rng, &content, &context(case.id, &token));
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
        created_by: Set(act.name()),
        created_at: Set(act.now()),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    if let Some(req) = requirement
        && !req.checked
        && flow::checklist_editable(status)
    {
        checklist::tick(&txn, act, req, true).await?;
    }
    act.record(
        &txn,
        Entry::new(
            "document.attach",
            "document",
            doc.id,
            serde_json::json!({
                "case": case.nomor, "kind": doc.kind, "mime": doc.mime,
                "size": doc.size, "sha256": sha,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    to_row(doc)
}

fn mime_of(d: &documents::Model) -> Result<Mime> {
    Mime::stored(&d.mime, format_args!("jenis isi berkas #{}", d.id))
}

fn to_row(d: documents::Model) -> Result<DocumentRow> {
    Ok(DocumentRow {
        mime: mime_of(&d)?,
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
    if files::sha256_hex(plain.expose()) != d.sha256 {
        return Err(tampered(d));
    }
    Ok(plain.expose().to_vec())
}

fn tampered(d: &documents::Model) -> Error {
    Error::Tampered(format!(
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
    act: &Acting<'_>,
    document_id: i64,
    purpose: Purpose,
) -> Result<(Mime, Vec<u8>)> {
    let d = documents::Entity::find_by_id(document_id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Berkas"))?;
    let mime = mime_of(&d)?;
    let content = open_content(act.key(), &d)?;
    // The export's re-encoding runs before the write transaction that
    // records it, off the async runtime; the content leaves only after the
    // record is committed.
    let (mime, content) = match purpose {
        Purpose::View => (mime, content),
        Purpose::ExportForBsre => {
            let kb = store::number_setting(db, SETTING_KTP_EXPORT_KB, 300).await?;
            let fitted =
                files::off_runtime(move || files::fit_jpeg(&content, mime, kb as usize * 1024))
                    .await?;
            (Mime::Jpeg, fitted)
        }
    };
    let txn = store::begin_write(db).await?;
    act.record(
        &txn,
        Entry::new(
            match purpose {
                Purpose::View => "document.view",
                Purpose::ExportForBsre => "document.export",
            },
            "document",
            d.id,
            serde_json::json!({ "kind": d.kind, "bytes": content.len() }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok((mime, content))
}
