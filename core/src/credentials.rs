//! The office's credentials (SMTP password, eSign client user and password)
//! live only in the OS keyring. The database and the UI only ever learn
//! whether each one is set; changes are audit events (without the value).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use sea_orm::DatabaseConnection;

use crate::audit::{Acting, Entry};
use crate::secrets::KeyStore;
use crate::{Error, Result};

/// A credential Loket keeps for the office.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Credential {
    SmtpPassword,
    EsignUser,
    EsignPassword,
}

impl Credential {
    /// Every credential.
    pub const ALL: [Credential; 3] = [
        Credential::SmtpPassword,
        Credential::EsignUser,
        Credential::EsignPassword,
    ];

    /// The keyring entry name.
    pub fn entry(self) -> &'static str {
        match self {
            Credential::SmtpPassword => "smtp-password",
            Credential::EsignUser => "esign-client-user",
            Credential::EsignPassword => "esign-client-password",
        }
    }

    /// What the admin screen calls it.
    pub fn label(self) -> &'static str {
        match self {
            Credential::SmtpPassword => "Kata sandi SMTP kantor",
            Credential::EsignUser => "Pengguna klien eSign",
            Credential::EsignPassword => "Kata sandi klien eSign",
        }
    }
}

/// Whether a credential is set (never its value).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CredentialStatus {
    pub credential: Credential,
    pub label: String,
    pub present: bool,
}

/// A credential's new value as typed; it never prints.
pub type NewValue = crate::secrets::SecretText;

/// The state of every credential.
pub fn status(keys: &(dyn KeyStore + Sync)) -> Result<Vec<CredentialStatus>> {
    Credential::ALL
        .iter()
        .map(|&c| {
            Ok(CredentialStatus {
                credential: c,
                label: c.label().into(),
                present: keys.get(c.entry())?.is_some_and(|v| !v.expose().is_empty()),
            })
        })
        .collect()
}

async fn record(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    action: &str,
    c: Credential,
) -> Result<()> {
    act.log(
        db,
        Entry::new(action, "credential", c.entry(), serde_json::json!({})),
    )
    .await
}

/// Stores (or replaces) a credential in the keyring, then reads it back.
pub async fn set(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    keys: &(dyn KeyStore + Sync),
    c: Credential,
    value: &NewValue,
) -> Result<()> {
    if value.as_str().trim().is_empty() {
        return Err(Error::field("value", "Isi nilainya."));
    }
    let secret = value.secret();
    keys.set(c.entry(), &secret)?;
    test(keys, c)?;
    record(db, act, "credential.set", c).await
}

/// Checks that the keyring gives the credential back.
pub fn test(keys: &(dyn KeyStore + Sync), c: Credential) -> Result<()> {
    match keys.get(c.entry())? {
        Some(v) if !v.expose().is_empty() => Ok(()),
        _ => Err(Error::field(
            "value",
            format!("{} belum tersimpan di keyring.", c.label()),
        )),
    }
}

/// Removes a credential from the keyring.
pub async fn delete(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    keys: &(dyn KeyStore + Sync),
    c: Credential,
) -> Result<()> {
    keys.delete(c.entry())?;
    record(db, act, "credential.delete", c).await
}
