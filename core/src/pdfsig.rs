//! Verifying an electronically signed PDF the way a signature validator
//! does: the signature reachable from the document's final trailer, its
//! byte range over the whole signed revision with nothing after it, the
//! CMS SignedData (message digest over the byte ranges, the signer's
//! signature over the signed attributes), and the signer's certificate
//! chained to a trust anchor the office imported, valid when signed and
//! today, meant for signing.
//!
//! Loket refuses what it cannot check (SHA-1, unknown key types, several
//! signers in one CMS object, updates after signing such as a later
//! document timestamp) rather than guessing. Revocation is not checked.

pub mod anchors;
mod chain;
mod cms;
mod field;
mod keys;
mod names;
mod pem;

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use x509_cert::Certificate;

pub use chain::Path;
pub use pem::parse_certificates;

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SignatureStatus {
    /// No signature value in the document.
    NotSigned,
    /// Intact, over the whole file, chained to an imported anchor.
    Valid,
    /// Intact and over the whole file, but no chain to an imported anchor.
    Untrusted,
    /// Broken, changed after signing, expired, or not checkable.
    Invalid,
}

/// What [`verify`] found, for staff and for the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct SignatureVerdict {
    pub status: SignatureStatus,
    /// The reason in plain Indonesian.
    pub reason: String,
    /// The signature field's name.
    pub field: Option<String>,
    /// The signer's name (the certificate's CN).
    pub signer: Option<String>,
    /// The number the certificate carries for its holder (NIK or NIP), if any.
    pub signer_number: Option<String>,
    /// The certificate's issuer (its CN).
    pub issuer: Option<String>,
    /// The trust anchor reached.
    pub anchor: Option<String>,
    /// When the signer says it signed, ISO 8601 UTC: the signer's own claim
    /// (no timestamp authority vouches for it), shown as such.
    pub signing_time: Option<String>,
    pub hash: Option<String>,
    pub mechanism: Option<String>,
    /// The signature covers every byte of the file.
    pub covers_whole_file: bool,
    /// Bytes in the signed revision (a file's size: a number in the UI).
    #[ts(type = "number")]
    pub signed_length: u64,
    /// Signature values the document holds.
    pub signatures: u32,
}

impl SignatureVerdict {
    fn new(status: SignatureStatus, reason: impl Into<String>) -> Self {
        SignatureVerdict {
            status,
            reason: reason.into(),
            field: None,
            signer: None,
            signer_number: None,
            issuer: None,
            anchor: None,
            signing_time: None,
            hash: None,
            mechanism: None,
            covers_whole_file: false,
            signed_length: 0,
            signatures: 0,
        }
    }

    fn invalid(mut self, reason: impl Into<String>) -> Self {
        self.status = SignatureStatus::Invalid;
        self.reason = reason.into();
        self
    }
}

const SUB_FILTERS: [&str; 2] = ["adbe.pkcs7.detached", "ETSI.CAdES.detached"];

/// The confined reader's job name (see [`crate::confined`]).
pub const JOB: &str = "pdf-signature";

/// [`verify`] in a confined reader (a child process under time and memory
/// limits): how every PDF from outside Loket is checked. `Err` when the
/// reader gave no answer (the file is refused with that reason).
pub async fn verify_confined(
    pdf: &[u8],
    anchors: &[Certificate],
    now: i64,
) -> std::result::Result<SignatureVerdict, crate::confined::Refusal> {
    use base64::Engine;
    use der::Encode;
    let anchors: Vec<String> = anchors
        .iter()
        .filter_map(|c| c.to_der().ok())
        .map(|d| base64::engine::general_purpose::STANDARD.encode(d))
        .collect();
    let done = crate::confined::run(
        JOB,
        serde_json::json!({ "anchors": anchors, "now": now }),
        pdf,
        crate::confined::Limits::PDF,
    )
    .await?;
    Ok(done
        .read::<SignatureVerdict>()?
        .unwrap_or_else(|message| SignatureVerdict::new(SignatureStatus::Invalid, message)))
}

/// The confined reader's side of [`verify_confined`].
pub fn job(
    header: &serde_json::Value,
    pdf: &[u8],
    out: &mut dyn std::io::Write,
) -> std::result::Result<(), String> {
    use base64::Engine;
    use der::Decode;
    let now = header.get("now").and_then(|n| n.as_i64()).unwrap_or(0);
    let anchors: Vec<Certificate> = header
        .get("anchors")
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|v| v.as_str())
                .filter_map(|b| base64::engine::general_purpose::STANDARD.decode(b).ok())
                .filter_map(|d| Certificate::from_der(&d).ok())
                .collect()
        })
        .unwrap_or_default();
    serde_json::to_writer(out, &verify(pdf, &anchors, now)).map_err(|e| e.to_string())
}

/// Verifies the newest signature of `pdf` against `anchors` at `now`
/// (seconds since 1970).
pub fn verify(pdf: &[u8], anchors: &[Certificate], now: i64) -> SignatureVerdict {
    use SignatureStatus::*;
    let all = match field::signatures(pdf) {
        field::Signatures::Unreadable(e) => {
            return SignatureVerdict::new(Invalid, format!("Berkas PDF tidak terbaca: {e}."));
        }
        field::Signatures::None => {
            return SignatureVerdict::new(
                NotSigned,
                "Berkas ini tidak bertanda tangan elektronik.",
            );
        }
        field::Signatures::Some(all) => all,
    };
    let f = &all[0];
    let mut v = SignatureVerdict::new(Invalid, "");
    v.field = Some(f.field.clone());
    v.signatures = all.len() as u32;
    v.signed_length = f.signed_end as u64;
    v.covers_whole_file = f.gap_is_contents && f.signed_end == pdf.len();
    if !f.gap_is_contents {
        return v.invalid("Rentang bita tanda tangan tidak menunjuk tepat ke isi tanda tangannya.");
    }
    let Some(signed) = field::signed_bytes(pdf, f) else {
        return v.invalid("Rentang bita tanda tangan berada di luar berkas.");
    };
    if !field::ends_a_revision(pdf, f.signed_end) {
        return v.invalid("Rentang bita tanda tangan tidak berakhir di akhir sebuah revisi PDF.");
    }
    if !SUB_FILTERS.contains(&f.sub_filter.as_str()) {
        return v.invalid(format!(
            "Jenis tanda tangan \"{}\" tidak didukung.",
            f.sub_filter
        ));
    }
    let parsed = match cms::parse(&f.contents) {
        Ok(p) => p,
        Err(e) => return v.invalid(e),
    };
    let Some(hash) = keys::Hash::of_digest(&parsed.signer.digest_alg.oid) else {
        return v.invalid(format!(
            "Algoritma hash {} tidak diterima (hanya SHA-256, SHA-384, SHA-512).",
            parsed.signer.digest_alg.oid
        ));
    };
    v.hash = Some(hash.name().into());
    let Some(cert) = cms::signer_certificate(&parsed) else {
        return v.invalid("Sertifikat penanda tangan tidak disertakan dalam tanda tangan.");
    };
    let tbs = &cert.tbs_certificate;
    v.signer = Some(names::common_name(&tbs.subject));
    v.signer_number = names::serial_number(&tbs.subject);
    v.issuer = Some(names::common_name(&tbs.issuer));
    v.mechanism = Some(keys::mechanism(
        &tbs.subject_public_key_info,
        &parsed.signer.signature_algorithm,
    ));
    v.signing_time = parsed.signing_time.and_then(|t| {
        chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
    });
    if hash.digest(&signed) != parsed.message_digest {
        return v.invalid(
            "Isi berkas tidak cocok dengan sidik yang ditandatangani: berkas diubah setelah \
             ditandatangani.",
        );
    }
    let sig_alg = &parsed.signer.signature_algorithm;
    let checked = keys::hash_for(sig_alg, Some(hash)).and_then(|h| {
        keys::verify(
            &tbs.subject_public_key_info,
            sig_alg,
            h,
            &parsed.signed_attrs_der,
            parsed.signer.signature.as_bytes(),
        )
    });
    match checked {
        Ok(()) => {}
        Err(keys::Failure::Wrong) => {
            return v
                .invalid("Tanda tangan tidak cocok dengan kunci pada sertifikat penanda tangan.");
        }
        Err(keys::Failure::Unsupported(what)) => {
            return v.invalid(format!(
                "Tanda tangan tidak dapat diperiksa: {what} tidak didukung."
            ));
        }
    }
    let signed_at = parsed.signing_time.unwrap_or(now);
    let when_signed = format!("waktu penandatanganan ({})", names::date(signed_at));
    let times = [(signed_at, when_signed.as_str()), (now, "hari ini")];
    match chain::check(cert, &parsed.certificates, anchors, &times) {
        Path::Invalid(why) => v.invalid(why),
        _ if !v.covers_whole_file => v.invalid(format!(
            "Berkas diubah atau ditambah setelah ditandatangani: tanda tangan hanya mencakup \
             {} dari {} bita.",
            f.signed_end,
            pdf.len()
        )),
        Path::Untrusted(why) => {
            v.status = Untrusted;
            v.reason = why;
            v
        }
        Path::Trusted(anchor) => {
            v.status = Valid;
            v.reason = "Tanda tangan sah, utuh, dan berantai ke akar tepercaya.".into();
            v.anchor = Some(anchor);
            v
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        // A crafted upload never panics the verifier and is never valid.
        #[test]
        fn arbitrary_bytes_are_never_a_valid_signature(tail in proptest::collection::vec(any::<u8>(), 0..2048)) {
            let mut pdf = b"%PDF-1.7\n".to_vec();
            pdf.extend_from_slice(&tail);
            prop_assert_ne!(verify(&pdf, &[], 0).status, SignatureStatus::Valid);
            prop_assert!(cms::parse(&tail).is_err());
        }
    }

    #[test]
    fn a_signature_dictionary_found_by_text_alone_counts_for_nothing() {
        // The attack the old text search fell for: a /ByteRange reaching the
        // end of the file, in an object no trailer refers to.
        let body = "%PDF-1.7\n1 0 obj <</Type /Sig /ByteRange [0 10 20 30] /Contents <00>>> endobj\n%%EOF\n";
        let v = verify(body.as_bytes(), &[], 0);
        assert_ne!(v.status, SignatureStatus::Valid);
        assert!(!v.covers_whole_file);
    }
}
