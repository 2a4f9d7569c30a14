//! The trust anchors the office imports (BSrE's chain in production): the
//! only certificates a returned signature may chain to. Kept as one setting,
//! each certificate with a MAC under the data key, so an anchor slipped into
//! the database file without Loket is ignored and shown as tampered.

use base64::Engine;
use der::Encode;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use x509_cert::Certificate;

use super::names;
use crate::audit::{Acting, Entry};
use crate::secrets::DataKey;
use crate::{Error, Result, files, store};

pub const SETTING_ANCHORS: &str = "akar_tepercaya";

#[derive(Serialize, Deserialize)]
struct Stored {
    der: String,
    mac: String,
}

/// One imported anchor, as the settings screen lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TrustAnchor {
    /// SHA-256 of the certificate, hex: the anchor's identity.
    pub fingerprint: String,
    /// The subject's common name.
    pub nama: String,
    /// The whole subject.
    pub subject: String,
    /// "dd/mm/yyyy s.d. dd/mm/yyyy".
    pub berlaku: String,
    /// False when the entry was changed outside Loket (it is not used).
    pub utuh: bool,
}

fn mac(key: &DataKey, der: &[u8]) -> String {
    key.audit_mac(&[b"loket/trust-anchor/v1", der])
}

async fn stored(db: &impl ConnectionTrait) -> Result<Vec<Stored>> {
    match store::setting(db, SETTING_ANCHORS).await? {
        None => Ok(vec![]),
        Some(v) => serde_json::from_str(&v).map_err(|e| Error::setting(SETTING_ANCHORS, e)),
    }
}

fn decode(s: &Stored) -> Option<(Vec<u8>, Certificate)> {
    use der::Decode;
    let der = base64::engine::general_purpose::STANDARD
        .decode(&s.der)
        .ok()?;
    let cert = Certificate::from_der(&der).ok()?;
    Some((der, cert))
}

fn row(der: &[u8], cert: &Certificate, utuh: bool) -> TrustAnchor {
    TrustAnchor {
        fingerprint: files::sha256_hex(der),
        nama: names::common_name(&cert.tbs_certificate.subject),
        subject: cert.tbs_certificate.subject.to_string(),
        berlaku: names::validity(cert),
        utuh,
    }
}

/// The anchors, intact or not.
pub async fn list(db: &impl ConnectionTrait, key: &DataKey) -> Result<Vec<TrustAnchor>> {
    Ok(stored(db)
        .await?
        .iter()
        .filter_map(|s| {
            let (der, cert) = decode(s)?;
            Some(row(&der, &cert, mac(key, &der) == s.mac))
        })
        .collect())
}

/// The intact anchors' certificates, for verification.
pub async fn certificates(db: &impl ConnectionTrait, key: &DataKey) -> Result<Vec<Certificate>> {
    Ok(stored(db)
        .await?
        .iter()
        .filter_map(|s| {
            let (der, cert) = decode(s)?;
            (mac(key, &der) == s.mac).then_some(cert)
        })
        .collect())
}

async fn save(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    all: &[Stored],
    entry: Entry<'_>,
) -> Result<Vec<TrustAnchor>> {
    let json = serde_json::to_string(all).map_err(|e| Error::setting(SETTING_ANCHORS, e))?;
    act.set_setting(db, SETTING_ANCHORS, &json, entry).await?;
    list(db, act.key()).await
}

/// Imports the certificates of a PEM or DER file as anchors (those already
/// there are kept once).
pub async fn import(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    bytes: &[u8],
) -> Result<Vec<TrustAnchor>> {
    let certs = super::pem::parse_certificates(bytes).map_err(|e| Error::field("file", e))?;
    if certs.is_empty() {
        return Err(Error::field("file", "Berkas tidak berisi sertifikat."));
    }
    let mut all = stored(db).await?;
    let mut added = vec![];
    for cert in &certs {
        let der = cert
            .to_der()
            .map_err(|_| Error::field("file", "Sertifikat tidak dapat dibaca."))?;
        let fp = files::sha256_hex(&der);
        if all.iter().any(|s| decode(s).is_some_and(|(d, _)| d == der)) {
            continue;
        }
        added.push(serde_json::json!({
            "fingerprint": fp,
            "subject": cert.tbs_certificate.subject.to_string(),
        }));
        all.push(Stored {
            der: base64::engine::general_purpose::STANDARD.encode(&der),
            mac: mac(act.key(), &der),
        });
    }
    if added.is_empty() {
        return Err(Error::field("file", "Sertifikat ini sudah diimpor."));
    }
    save(
        db,
        act,
        &all,
        Entry::new(
            "trust.anchor_added",
            "setting",
            SETTING_ANCHORS,
            serde_json::json!({ "added": added }),
        ),
    )
    .await
}

/// Removes the anchor with `fingerprint`.
pub async fn remove(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    fingerprint: &str,
) -> Result<Vec<TrustAnchor>> {
    let mut all = stored(db).await?;
    let before = all.len();
    all.retain(|s| decode(s).is_none_or(|(d, _)| files::sha256_hex(&d) != fingerprint));
    if all.len() == before {
        return Err(Error::NotFound("Akar tepercaya"));
    }
    save(
        db,
        act,
        &all,
        Entry::new(
            "trust.anchor_removed",
            "setting",
            SETTING_ANCHORS,
            serde_json::json!({ "fingerprint": fingerprint }),
        ),
    )
    .await
}
