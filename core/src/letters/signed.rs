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

use super::register::{self, LetterRow};
use crate::audit::{Acting, Entry};
use crate::entities::letters;
use crate::files::{self, Mime};
use crate::office::identity::Penandatangan;
use crate::office::kinds::LetterStatus;
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

/// Titles written before a name (academic, professional, religious):
/// dropped, with or without their period, before names are compared.
const FRONT_TITLES: [&str; 12] = [
    "prof", "dr", "drs", "dra", "drg", "ir", "h", "hj", "apt", "ns", "kh", "st",
];

/// Degrees written after a name (letters only, lower case: "S.Kom." is
/// `skom`). Only these are dropped from a name's end: anything else there (an
/// initial, "M. Nur", a second name after a comma) is part of the name.
const DEGREES: [&str; 62] = [
    "skom", "mkom", "dkom", "st", "mt", "dt", "ssi", "msi", "dsi", "sh", "mh", "dh", "se", "me",
    "mm", "ssos", "msos", "spd", "mpd", "dpd", "sip", "mip", "map", "mpa", "sap", "sag", "mag",
    "sth", "mth", "skep", "mkep", "skm", "mkes", "sked", "sfarm", "mfarm", "sgz", "skg", "spsi",
    "mpsi", "ssn", "shum", "mhum", "sstp", "sst", "ssit", "mtr", "msc", "bsc", "ma", "ba", "mba",
    "phd", "amd", "ak", "ikom", "sikom", "mikom", "sarch", "mars", "ipm", "cpa",
];

fn plain_token(w: &str) -> String {
    w.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn degree(w: &str) -> bool {
    DEGREES.contains(&plain_token(w).as_str())
}

/// A person's name as Loket compares signatories (the stated rule): what
/// follows the first comma is dropped when every word of it is a degree of
/// [`DEGREES`] ("S.Kom., M.T."), else kept as part of the name; the titles of
/// [`FRONT_TITLES`] are dropped from the name's front and the degrees of
/// [`DEGREES`] from its end; then letters and digits only, lower case,
/// single spaces. "Dr. I Gusti Ngurah Rai, S.Kom., M.T." and "I GUSTI NGURAH
/// RAI" are the same name; "NGURAH RAI", "I GUSTI NGURAH RAI I.B." and
/// "BUDI SANTOSO W." (against "Budi Santoso") are not.
pub fn name_key(name: &str) -> String {
    let (head, tail) = name.split_once(',').unwrap_or((name, ""));
    let tail_words: Vec<&str> = tail
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|w| !plain_token(w).is_empty())
        .collect();
    let mut words: Vec<&str> = head.split_whitespace().collect();
    if !tail_words.iter().all(|w| degree(w)) {
        words.extend(tail_words);
    }
    while words.len() > 1 && FRONT_TITLES.contains(&plain_token(words[0]).as_str()) {
        words.remove(0);
    }
    while words.len() > 1 && words.last().is_some_and(|w| degree(w)) {
        words.pop();
    }
    words
        .join(" ")
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Whether the certificate names the letter's signatory. A certificate that
/// carries a NIP (18 digits in its serialNumber) is the signatory's only when
/// it is the signatory's NIP, whatever its name; any other certificate only
/// when its name equals the signatory's by [`name_key`]. `Err` says both.
pub fn signer_matches(v: &SignatureVerdict, p: &Penandatangan) -> std::result::Result<(), String> {
    let cert_number = v.signer_number.as_deref().map(digits).unwrap_or_default();
    let cert_name = v.signer.as_deref().unwrap_or("-");
    let letter_nip = digits(&p.nip);
    let said = |why: &str| {
        format!(
            "Tanda tangan sah, tetapi penanda tangannya bukan yang tercantum di surat ini: \
             sertifikat atas nama \"{cert_name}\"{}, surat atas nama \"{}\"{} ({why}).",
            if cert_number.is_empty() {
                String::new()
            } else {
                format!(" (nomor {cert_number})")
            },
            p.nama,
            if letter_nip.is_empty() {
                String::new()
            } else {
                format!(" (NIP {letter_nip})")
            },
        )
    };
    if cert_number.len() == 18 {
        return if cert_number == letter_nip {
            Ok(())
        } else {
            Err(said("NIP pada sertifikat berbeda"))
        };
    }
    let (a, b) = (name_key(cert_name), name_key(&p.nama));
    if !a.is_empty() && a == b {
        Ok(())
    } else {
        Err(said("nama tidak sama setelah gelar dilepas"))
    }
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
        signer_matches(v, &content.penandatangan).map_err(refuse)?;
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
                "waktu_tanda_tangan_menurut_penanda_tangan": verdict.as_ref().and_then(|v| v.signing_time.clone()),
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
        files::named_as(l.signed_filename.as_deref().unwrap_or_default(), mime),
        content.expose().to_vec(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_compare_without_titles_and_never_by_a_piece() {
        let letter = "Dr. I Gusti Ngurah Rai, S.Kom., M.T.";
        assert_eq!(name_key(letter), "i gusti ngurah rai");
        for same in [
            "I GUSTI NGURAH RAI",
            "i gusti  ngurah rai",
            "Dr. I Gusti Ngurah Rai",
            "Prof. Dr. Ir. I Gusti Ngurah Rai, M.Sc., Ph.D.",
            "I Gusti Ngurah Rai M.T.",
        ] {
            assert_eq!(name_key(same), name_key(letter), "{same}");
        }
        for other in [
            "NGURAH RAI",
            "I Gusti Ngurah",
            "I Gusti Ngurah Rai Putra",
            "Rai",
        ] {
            assert_ne!(name_key(other), name_key(letter), "{other}");
        }
        assert_eq!(name_key("Drs. Suharto Wibowo, M.Si."), "suharto wibowo");
        assert_ne!(name_key("SUHARTO"), name_key("Drs. Suharto Wibowo, M.Si."));
    }

    fn verdict(name: &str, number: Option<&str>) -> SignatureVerdict {
        SignatureVerdict {
            status: SignatureStatus::Valid,
            reason: String::new(),
            field: None,
            signer: Some(name.into()),
            signer_number: number.map(str::to_string),
            issuer: None,
            anchor: None,
            signing_time: None,
            hash: None,
            mechanism: None,
            covers_whole_file: true,
            signed_length: 0,
            signatures: 1,
        }
    }

    #[test]
    fn a_certificate_with_a_nip_matches_only_that_nip() {
        let p = Penandatangan {
            nama: "Drs. Suharto Wibowo, M.Si.".into(),
            nip: "196711101992031001".into(),
            ..Default::default()
        };
        assert!(signer_matches(&verdict("SUHARTO WIBOWO", Some("196711101992031001")), &p).is_ok());
        assert!(signer_matches(&verdict("Siapa Saja", Some("NIP 196711101992031001")), &p).is_ok());
        // The right name does not rescue another person's NIP.
        let e = signer_matches(
            &verdict("Drs. Suharto Wibowo, M.Si.", Some("198001012005011002")),
            &p,
        )
        .unwrap_err();
        assert!(
            e.contains("198001012005011002") && e.contains("196711101992031001"),
            "{e}"
        );
        // No NIP (a NIK, or nothing): the whole name, titles aside.
        assert!(signer_matches(&verdict("SUHARTO WIBOWO", Some("5171011011670001")), &p).is_ok());
        let e = signer_matches(&verdict("SUHARTO", None), &p).unwrap_err();
        assert!(
            e.contains("\"SUHARTO\"") && e.contains("Suharto Wibowo"),
            "{e}"
        );
    }
}
