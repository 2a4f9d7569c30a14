//! The signed copy of an issued letter coming back: a scan of the
//! wet-signed paper or the electronically signed PDF. It makes the letter
//! final, is stored encrypted and bound to its letter, and its SHA-256 goes
//! into the audit log.

use rand::{CryptoRng, RngCore};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde::Serialize;
use ts_rs::TS;

use super::kinds::LetterStatus;
use super::register::{self, LetterRow};
use super::signature::{self, SignatureCheck};
use crate::audit::{Acting, Entry};
use crate::entities::letters;
use crate::files::{self, Mime};
use crate::secrets::hex;
use crate::{Error, Result, store};

fn signed_context(id: i64, token: &str) -> String {
    format!("loket/letters/v1/{id}/{token}")
}

/// What [`attach_signed`] found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SignedFiling {
    pub letter: LetterRow,
    /// For a PDF: what the signature check found.
    pub check: Option<SignatureCheck>,
    /// The signed PDF starts with the exact export Loket prepared for signing.
    pub matches_export: bool,
}

/// A signed copy coming back.
pub struct SignedUpload<'a> {
    pub letter_id: i64,
    pub filename: &'a str,
    pub bytes: &'a [u8],
}

/// Files the signed copy of an issued letter: a scan of the wet-signed paper
/// (image or PDF) or the electronically signed PDF. A PDF whose signature does
/// not cover the whole file (bytes appended after signing) is refused. The
/// letter becomes final; the copy's SHA-256 goes into the audit log.
pub async fn attach_signed(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    upload: &SignedUpload<'_>,
) -> Result<SignedFiling> {
    let (id, filename, bytes) = (upload.letter_id, upload.filename, upload.bytes);
    files::check_size(db, bytes).await?;
    let mime = files::sniff(bytes)?;
    let (check, kind) = if mime == Mime::Pdf {
        let c = signature::inspect(bytes);
        if c.present && !c.covers_whole_file {
            return Err(Error::field(
                "file",
                "Tanda tangan elektronik tidak mencakup seluruh berkas: ada isi yang ditambahkan \
                 atau diubah setelah ditandatangani. Minta salinan asli dari aplikasi penanda tangan.",
            ));
        }
        let kind = if c.present { "elektronik" } else { "basah" };
        (Some(c), kind)
    } else {
        (None, "basah")
    };
    let content = files::normalise(bytes, mime)?;
    let sha = files::sha256_hex(&content);
    let txn = store::begin_write(db).await?;
    let letter = register::find(&txn, id).await?;
    match register::status_of(&letter)? {
        LetterStatus::Terbit => {}
        LetterStatus::Draf => {
            return Err(Error::field(
                "file",
                "Beri nomor surat dulu sebelum melampirkan salinan bertanda tangan.",
            ));
        }
        LetterStatus::Final => {
            return Err(Error::field(
                "file",
                "Salinan bertanda tangan surat ini sudah tersimpan.",
            ));
        }
        LetterStatus::Batal => return Err(Error::field("file", "Surat ini dibatalkan.")),
    }
    let matches_export = match (&letter.tte_sha256, letter.tte_size) {
        (Some(h), Some(n)) if kind == "elektronik" && (n as usize) <= content.len() => {
            files::sha256_hex(&content[..n as usize]) == *h
        }
        _ => false,
    };
    let mut token = [0u8; 16];
    rng.fill_bytes(&mut token);
    let token = hex(&token);
    let cipher = act
        .key()
        .encrypt(rng, &content, &signed_context(id, &token));
    let mut am: letters::ActiveModel = letter.clone().into();
    am.status = Set(LetterStatus::Final.as_str().into());
    am.signed_token = Set(Some(token));
    am.signed_kind = Set(Some(kind.into()));
    am.signed_mime = Set(Some(mime.as_str().into()));
    am.signed_filename = Set(Some(filename.chars().take(200).collect()));
    am.signed_sha256 = Set(Some(sha.clone()));
    am.signed_cipher = Set(Some(cipher));
    am.signed_by = Set(Some(act.name()));
    am.signed_at = Set(Some(act.now()));
    let letter = am.update(&txn).await?;
    act.record(
        &txn,
        Entry::new(
            "letter.signed",
            "letter",
            id,
            serde_json::json!({
                "nomor": letter.nomor, "kind": kind, "mime": mime.as_str(),
                "sha256": sha, "size": content.len(), "matches_export": matches_export,
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(SignedFiling {
        letter: register::to_row(db, letter).await?,
        check,
        matches_export,
    })
}

/// The signed copy of a letter (checked against its SHA-256), audited.
pub async fn read_signed(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
) -> Result<(Mime, String, Vec<u8>)> {
    let l = register::find(db, id).await?;
    let (Some(token), Some(cipher), Some(sha), Some(mime)) = (
        &l.signed_token,
        &l.signed_cipher,
        &l.signed_sha256,
        &l.signed_mime,
    ) else {
        return Err(Error::NotFound("Salinan bertanda tangan"));
    };
    let mime = Mime::stored(mime, format_args!("jenis isi salinan surat #{id}"))?;
    let content = act
        .key()
        .decrypt(cipher, &signed_context(id, token))
        .map_err(|_| {
            Error::Tampered("Salinan surat tidak dapat dibuka: isinya telah diubah.".into())
        })?;
    if files::sha256_hex(content.expose()) != *sha {
        return Err(Error::Tampered(
            "Salinan surat tidak cocok dengan sidik SHA-256-nya.".into(),
        ));
    }
    act.log(
        db,
        Entry::new(
            "letter.view_signed",
            "letter",
            id,
            serde_json::json!({ "nomor": l.nomor }),
        ),
    )
    .await?;
    Ok((
        mime,
        l.signed_filename.clone().unwrap_or_default(),
        content.expose().to_vec(),
    ))
}
