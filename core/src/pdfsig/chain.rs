//! From the signer's certificate to a trust anchor the office imported:
//! every link's signature verified, every certificate valid at the times
//! asked, the issuers CAs, the signer's key meant for signing. Revocation
//! (CRL, OCSP) is not checked: BSrE's services are not reachable from the
//! desk's network as Loket assumes it.

use der::Decode;
use der::Encode;
use der::asn1::ObjectIdentifier as Oid;
use x509_cert::Certificate;
use x509_cert::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage};

use super::keys;
use super::names;

const KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.15");
const BASIC_CONSTRAINTS: Oid = Oid::new_unwrap("2.5.29.19");
const EXTENDED_KEY_USAGE: Oid = Oid::new_unwrap("2.5.29.37");

/// Extensions Loket understands well enough to accept marked critical
/// (RFC 5280 4.2: a certificate with a critical extension the reader does not
/// recognise is refused). Policies and names are accepted as any.
const UNDERSTOOD: [Oid; 8] = [
    KEY_USAGE,
    BASIC_CONSTRAINTS,
    EXTENDED_KEY_USAGE,
    Oid::new_unwrap("2.5.29.14"), // subject key identifier
    Oid::new_unwrap("2.5.29.35"), // authority key identifier
    Oid::new_unwrap("2.5.29.17"), // subject alternative name
    Oid::new_unwrap("2.5.29.18"), // issuer alternative name
    Oid::new_unwrap("2.5.29.32"), // certificate policies
];

/// Extended key usages that make a certificate fit to sign a letter, when it
/// names any: document signing (RFC 9336), e-mail protection (S/MIME, what
/// many personal signing certificates carry), Adobe's and Microsoft's
/// document signing, and any usage.
const FOR_DOCUMENTS: [Oid; 5] = [
    Oid::new_unwrap("1.3.6.1.5.5.7.3.36"),
    Oid::new_unwrap("1.3.6.1.5.5.7.3.4"),
    Oid::new_unwrap("1.2.840.113583.1.1.5"),
    Oid::new_unwrap("1.3.6.1.4.1.311.10.3.12"),
    Oid::new_unwrap("2.5.29.37.0"),
];

/// The first critical extension of `c` that Loket does not understand.
fn unknown_critical(c: &Certificate) -> Option<Oid> {
    c.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.critical && !UNDERSTOOD.contains(&e.extn_id))
        .map(|e| e.extn_id)
}

/// The signer's extended key usage, when present, names document signing.
fn fit_for_documents(c: &Certificate) -> Result<(), Path> {
    let Some(ext) = c
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == EXTENDED_KEY_USAGE)
    else {
        return Ok(());
    };
    match ExtendedKeyUsage::from_der(ext.extn_value.as_bytes()) {
        Ok(eku) if eku.0.iter().any(|u| FOR_DOCUMENTS.contains(u)) => Ok(()),
        Ok(eku) => Err(Path::Invalid(format!(
            "Sertifikat penanda tangan tidak untuk menandatangani dokumen (penggunaan kunci \
             yang diperluas: {}).",
            eku.0
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        Err(_) => Err(Path::Invalid(
            "Penggunaan kunci yang diperluas pada sertifikat penanda tangan tidak terbaca.".into(),
        )),
    }
}

/// What the path search found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Path {
    /// The chain reaches this anchor (its subject).
    Trusted(String),
    /// No chain to an imported anchor.
    Untrusted(String),
    /// A certificate on the way is not valid or not fit for its role.
    Invalid(String),
}

fn extension<T: for<'a> der::Decode<'a>>(c: &Certificate, oid: Oid) -> Option<T> {
    c.tbs_certificate
        .extensions
        .iter()
        .flatten()
        .find(|e| e.extn_id == oid)
        .and_then(|e| T::from_der(e.extn_value.as_bytes()).ok())
}

fn same(a: &Certificate, b: &Certificate) -> bool {
    a.to_der().ok() == b.to_der().ok()
}

fn valid_at(c: &Certificate, when: i64) -> bool {
    let v = &c.tbs_certificate.validity;
    let from = v.not_before.to_unix_duration().as_secs() as i64;
    let to = v.not_after.to_unix_duration().as_secs() as i64;
    (from..=to).contains(&when)
}

/// `issuer` signed `cert`.
fn signed_by(cert: &Certificate, issuer: &Certificate) -> bool {
    let Ok(tbs) = cert.tbs_certificate.to_der() else {
        return false;
    };
    let Ok(hash) = keys::hash_for(&cert.signature_algorithm, None) else {
        return false;
    };
    keys::verify(
        &issuer.tbs_certificate.subject_public_key_info,
        &cert.signature_algorithm,
        hash,
        &tbs,
        cert.signature.raw_bytes(),
    )
    .is_ok()
}

fn is_ca(c: &Certificate) -> bool {
    let ca = extension::<BasicConstraints>(c, BASIC_CONSTRAINTS).is_some_and(|b| b.ca);
    let may_sign = extension::<KeyUsage>(c, KEY_USAGE).is_none_or(|k| k.key_cert_sign());
    ca && may_sign
}

fn check_times(c: &Certificate, times: &[(i64, &str)]) -> Result<(), Path> {
    for (t, what) in times {
        if !valid_at(c, *t) {
            return Err(Path::Invalid(format!(
                "Sertifikat \"{}\" tidak berlaku pada {what} (berlaku {}).",
                names::common_name(&c.tbs_certificate.subject),
                names::validity(c)
            )));
        }
    }
    Ok(())
}

/// Checks the signer's certificate, with the certificates the signature
/// carries, against `anchors`, valid at each of `times`.
pub fn check(
    signer: &Certificate,
    carried: &[Certificate],
    anchors: &[Certificate],
    times: &[(i64, &str)],
) -> Path {
    let has_key_usage = signer
        .tbs_certificate
        .extensions
        .iter()
        .flatten()
        .any(|e| e.extn_id == KEY_USAGE);
    match extension::<KeyUsage>(signer, KEY_USAGE) {
        Some(k) if !(k.digital_signature() || k.non_repudiation()) => {
            return Path::Invalid("Sertifikat penanda tangan tidak untuk tanda tangan.".into());
        }
        None if has_key_usage => {
            return Path::Invalid(
                "Penggunaan kunci pada sertifikat penanda tangan tidak terbaca.".into(),
            );
        }
        _ => {}
    }
    if let Err(p) = fit_for_documents(signer) {
        return p;
    }
    let mut current = signer;
    for _ in 0..8 {
        if let Err(p) = check_times(current, times) {
            return p;
        }
        if let Some(oid) = unknown_critical(current) {
            return Path::Invalid(format!(
                "Sertifikat \"{}\" memuat ekstensi kritis yang tidak dikenal Loket ({oid}); \
                 sertifikat seperti ini tidak diterima.",
                names::common_name(&current.tbs_certificate.subject)
            ));
        }
        if anchors.iter().any(|a| same(a, current)) {
            return Path::Trusted(names::common_name(&current.tbs_certificate.subject));
        }
        let next = anchors
            .iter()
            .chain(carried)
            .filter(|c| !same(c, current))
            .filter(|c| c.tbs_certificate.subject == current.tbs_certificate.issuer)
            .find(|c| signed_by(current, c));
        let Some(next) = next else {
            return Path::Untrusted(format!(
                "Rantai sertifikat tidak sampai ke akar tepercaya yang diimpor (penerbit: {}).",
                current.tbs_certificate.issuer
            ));
        };
        if !is_ca(next) {
            return Path::Invalid(format!(
                "Penerbit \"{}\" bukan otoritas sertifikat.",
                names::common_name(&next.tbs_certificate.subject)
            ));
        }
        current = next;
    }
    Path::Untrusted("Rantai sertifikat terlalu panjang.".into())
}
