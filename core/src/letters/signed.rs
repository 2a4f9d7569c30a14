//! The signed copy of an issued letter coming back: a scan of the
//! wet-signed paper or the electronically signed PDF. It makes the letter
//! final, is stored encrypted and bound to its letter, and its SHA-256 goes
//! into the audit log.
//!
//! An electronic copy is filed only when its signature verifies (see
//! [`crate::pdfsig`]), chains to an anchor the office imported, covers the
//! whole file, was made over the exact export Loket prepared for this
//! letter, and names the letter's signatory. Anything else is refused with
//! the reason; a scan is filed only when staff say it is one.

use rand::{CryptoRng, RngCore};
use sea_orm::{ActiveModelTrait, DatabaseConnection, Set};
use serde::Serialize;
use ts_rs::TS;

use super::kinds::LetterStatus;
use super::register::{self, LetterRow};
use super::settings::Penandatangan;
use crate::audit::{Acting, Entry};
use crate::entities::letters;
use crate::files::{self, Mime};
use crate::pdfsig::{self, SignatureStatus, SignatureVerdict, anchors};
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
    /// For an electronically signed PDF: the verification's verdict.
    pub verdict: Option<SignatureVerdict>,
    /// The signed PDF starts with the exact export Loket prepared for signing.
    pub matches_export: bool,
}

/// A signed copy coming back.
pub struct SignedUpload<'a> {
    pub letter_id: i64,
    pub filename: &'a str,
    pub bytes: &'a [u8],
    /// Staff say this is a scan of the wet-signed paper (image or PDF).
    pub as_scan: bool,
}

/// The certificate names the letter's signatory: by NIP when the
/// certificate carries it, otherwise by name (titles aside: the
/// certificate's name, letters and digits only, lies within the letter's).
pub fn signer_matches(v: &SignatureVerdict, p: &Penandatangan) -> bool {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let nip = digits(&p.nip);
    if !nip.is_empty() && v.signer_number.as_deref().map(digits).as_deref() == Some(&nip) {
        return true;
    }
    let plain = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect::<String>()
    };
    let letter = plain(&p.nama);
    v.signer
        .as_deref()
        .map(plain)
        .is_some_and(|cert| cert.chars().count() >= 5 && letter.contains(&cert))
}

fn refuse(message: impl Into<String>) -> Error {
    Error::field("file", message)
}

/// Files the signed copy of an issued letter. An electronically signed PDF
/// is verified first; a scan (image or PDF) is filed only with `as_scan`.
/// The letter becomes final; the copy's SHA-256 and, for an electronic
/// copy, the verdict go into the audit log.
pub async fn attach_signed(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    upload: &SignedUpload<'_>,
) -> Result<SignedFiling> {
    let (id, filename, bytes) = (upload.letter_id, upload.filename, upload.bytes);
    files::check_size(db, bytes).await?;
    let mime = files::sniff(bytes)?;
    let verdict = match (mime, upload.as_scan) {
        (_, true) => None,
        (Mime::Pdf, false) => {
            let trusted = anchors::certificates(db, act.key()).await?;
            let no_anchors = trusted.is_empty();
            let v = pdfsig::verify_confined(bytes, &trusted, act.now().timestamp())
                .await
                .map_err(|r| refuse(r.message()))?;
            match v.status {
                SignatureStatus::Valid => Some(v),
                SignatureStatus::NotSigned => {
                    return Err(refuse(
                        "PDF ini tidak bertanda tangan elektronik. Jika ini pindaian surat \
                         bertanda tangan basah, pilih \"Pindaian tanda tangan basah\".",
                    ));
                }
                SignatureStatus::Untrusted if no_anchors => {
                    return Err(refuse(format!(
                        "{} Belum ada akar tepercaya: admin mengimpor rantai sertifikat BSrE \
                         di Pengaturan Surat.",
                        v.reason
                    )));
                }
                SignatureStatus::Untrusted | SignatureStatus::Invalid => {
                    return Err(refuse(format!("Tanda tangan ditolak: {}", v.reason)));
                }
            }
        }
        (_, false) => {
            return Err(refuse(
                "Gambar hanya dapat dilampirkan sebagai pindaian tanda tangan basah.",
            ));
        }
    };
    let kind = if verdict.is_some() {
        "elektronik"
    } else {
        "basah"
    };
    let content = files::normalise_off_runtime(bytes, mime).await?;
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
    if let Some(v) = &verdict {
        if !matches_export {
            return Err(refuse(
                "Tanda tangan sah, tetapi yang ditandatangani bukan berkas TTE surat ini. \
                 Tanda tangani berkas \"Unduh untuk TTE\" surat ini tanpa mengubahnya.",
            ));
        }
        let content = register::parse_content(&letter)?;
        if !signer_matches(v, &content.penandatangan) {
            return Err(refuse(format!(
                "Tanda tangan sah, tetapi penanda tangannya \"{}\", bukan {} yang tercantum \
                 di surat ini.",
                v.signer.as_deref().unwrap_or("-"),
                content.penandatangan.nama
            )));
        }
    }
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
                "penanda_tangan": verdict.as_ref().and_then(|v| v.signer.clone()),
                "penerbit": verdict.as_ref().and_then(|v| v.issuer.clone()),
                "waktu_tanda_tangan": verdict.as_ref().and_then(|v| v.signing_time.clone()),
                "akar": verdict.as_ref().and_then(|v| v.anchor.clone()),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(SignedFiling {
        letter: register::to_row(db, letter).await?,
        verdict,
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
