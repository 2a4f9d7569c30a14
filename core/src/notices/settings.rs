//! The office's mail server: host, port, security, user name, sender. The
//! password stays in the OS keyring ([`Credential::SmtpPassword`]); an
//! office whose server has a certificate from its own authority gives that
//! authority's certificate (PEM) and Loket trusts it beside the system's.
//!
//! [`Credential::SmtpPassword`]: crate::credentials::Credential::SmtpPassword

use std::collections::BTreeMap;
use std::time::Duration;

use lettre::transport::smtp::authentication::Credentials;
use lettre::transport::smtp::client::{Certificate, Tls, TlsParameters};
use lettre::{Address, AsyncSmtpTransport, Tokio1Executor};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::error::to_json;
use crate::{Error, Result, store};

/// The setting's key.
pub const SETTING: &str = "surel";

/// How the connection is protected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Keamanan {
    /// Plain connection upgraded with STARTTLS (port 587); TLS is required.
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
    /// No encryption: only to a server on this computer (a local relay).
    Polos,
}

/// The mail settings an admin keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
#[ts(export)]
pub struct MailSettings {
    /// Send at all (off until an admin sets the server up).
    pub aktif: bool,
    pub host: String,
    pub port: u16,
    pub keamanan: Keamanan,
    /// Empty: the server takes mail without signing in.
    pub pengguna: String,
    pub nama_pengirim: String,
    pub alamat_pengirim: String,
    /// A certificate authority (PEM) trusted beside the system's, for a
    /// server whose certificate the office issued itself.
    pub ca_pem: String,
}

impl Default for MailSettings {
    fn default() -> Self {
        MailSettings {
            aktif: false,
            host: String::new(),
            port: 587,
            keamanan: Keamanan::Starttls,
            pengguna: String::new(),
            nama_pengirim: "Layanan Sertifikat Elektronik".into(),
            alamat_pengirim: String::new(),
            ca_pem: String::new(),
        }
    }
}

/// The stored settings, or the defaults (sending off).
pub async fn settings(db: &impl ConnectionTrait) -> Result<MailSettings> {
    match store::setting(db, SETTING).await? {
        Some(json) => serde_json::from_str(&json).map_err(|e| Error::setting(SETTING, e)),
        None => Ok(MailSettings::default()),
    }
}

/// Whether `host` names this computer.
fn loopback(host: &str) -> bool {
    let h = host.trim_matches(['[', ']']);
    h.eq_ignore_ascii_case("localhost")
        || h.parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// Text for a header: one line, no control characters.
pub fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks settings field by field; returns them trimmed.
pub fn check(s: &MailSettings) -> Result<MailSettings> {
    let mut c = s.clone();
    c.host = s.host.trim().to_string();
    c.pengguna = s.pengguna.trim().to_string();
    c.nama_pengirim = one_line(&s.nama_pengirim);
    c.alamat_pengirim = s.alamat_pengirim.trim().to_string();
    c.ca_pem = s.ca_pem.trim().to_string();
    let mut f = BTreeMap::new();
    if c.host.is_empty() {
        if c.aktif {
            f.insert("host".into(), "Isi nama server surel (SMTP).".into());
        }
    } else if c
        .host
        .chars()
        .any(|ch| ch.is_whitespace() || ch.is_control() || ch == '/')
    {
        f.insert("host".into(), "Nama server tidak sah.".into());
    }
    if c.port == 0 {
        f.insert("port".into(), "Isi port antara 1 dan 65535.".into());
    }
    if c.keamanan == Keamanan::Polos && !c.host.is_empty() && !loopback(&c.host) {
        f.insert(
            "keamanan".into(),
            "Tanpa enkripsi hanya boleh ke server di komputer ini (localhost); pilih STARTTLS atau TLS."
                .into(),
        );
    }
    if c.pengguna.chars().any(char::is_control) {
        f.insert("pengguna".into(), "Nama pengguna tidak sah.".into());
    }
    if c.nama_pengirim.chars().count() > 120 {
        f.insert("nama_pengirim".into(), "Paling banyak 120 huruf.".into());
    }
    if c.alamat_pengirim.is_empty() {
        if c.aktif {
            f.insert(
                "alamat_pengirim".into(),
                "Isi alamat surel pengirim.".into(),
            );
        }
    } else if c.alamat_pengirim.parse::<Address>().is_err() {
        f.insert(
            "alamat_pengirim".into(),
            "Alamat surel tidak sah (contoh: layanan@kominfo.go.id).".into(),
        );
    }
    if !c.ca_pem.is_empty() && Certificate::from_pem(c.ca_pem.as_bytes()).is_err() {
        f.insert(
            "ca_pem".into(),
            "Sertifikat CA tidak terbaca; tempel berkas PEM (-----BEGIN CERTIFICATE-----).".into(),
        );
    }
    Error::fields(f)?;
    Ok(c)
}

/// Saves the settings (admin), with the audit entry.
pub async fn save(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    s: &MailSettings,
) -> Result<MailSettings> {
    let clean = check(s)?;
    act.set_setting(
        db,
        SETTING,
        &to_json(&clean)?,
        Entry::new(
            "settings.mail",
            "setting",
            SETTING,
            serde_json::json!({
                "aktif": clean.aktif,
                "host": clean.host,
                "port": clean.port,
                "keamanan": clean.keamanan,
                "pengguna": clean.pengguna,
                "alamat_pengirim": clean.alamat_pengirim,
            }),
        ),
    )
    .await?;
    Ok(clean)
}

/// How long one conversation with the server may take.
const TIMEOUT: Duration = Duration::from_secs(30);

/// The SMTP transport the settings describe, signing in with `password`
/// when a user name is set.
pub fn transport(
    s: &MailSettings,
    password: Option<&str>,
) -> Result<AsyncSmtpTransport<Tokio1Executor>> {
    let tls = || -> Result<TlsParameters> {
        let mut b = TlsParameters::builder(s.host.clone());
        if !s.ca_pem.is_empty() {
            let cert = Certificate::from_pem(s.ca_pem.as_bytes())
                .map_err(|e| Error::field("ca_pem", format!("Sertifikat CA tidak terbaca: {e}")))?;
            b = b.add_root_certificate(cert);
        }
        b.build().map_err(|e| {
            Error::Unusable(format!("TLS untuk server surel tidak dapat disiapkan: {e}"))
        })
    };
    let mode = match s.keamanan {
        Keamanan::Starttls => Tls::Required(tls()?),
        Keamanan::Tls => Tls::Wrapper(tls()?),
        Keamanan::Polos if loopback(&s.host) => Tls::None,
        Keamanan::Polos => {
            return Err(Error::field(
                "keamanan",
                "Tanpa enkripsi hanya boleh ke server di komputer ini.",
            ));
        }
    };
    let mut b = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&s.host)
        .port(s.port)
        .tls(mode)
        .timeout(Some(TIMEOUT));
    if !s.pengguna.is_empty() {
        b = b.credentials(Credentials::new(
            s.pengguna.clone(),
            password.unwrap_or_default().to_string(),
        ));
    }
    Ok(b.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok() -> MailSettings {
        MailSettings {
            aktif: true,
            host: "smtp.kominfo.go.id".into(),
            alamat_pengirim: "layanan@kominfo.go.id".into(),
            ..MailSettings::default()
        }
    }

    #[test]
    fn plain_connections_only_to_this_computer() {
        let mut s = ok();
        s.keamanan = Keamanan::Polos;
        let Err(Error::Invalid { fields, .. }) = check(&s) else {
            panic!("plain to a remote host accepted")
        };
        assert!(fields.contains_key("keamanan"));
        for h in ["localhost", "127.0.0.1", "::1", "[::1]"] {
            s.host = h.into();
            check(&s).unwrap();
        }
        s.host = "127.0.0.1.evil.test".into();
        assert!(check(&s).is_err());
    }

    #[test]
    fn a_sender_name_keeps_to_one_line_and_addresses_are_checked() {
        let mut s = ok();
        s.nama_pengirim = "Dinas\r\nBcc: semua@contoh.test".into();
        assert_eq!(
            check(&s).unwrap().nama_pengirim,
            "Dinas Bcc: semua@contoh.test"
        );
        s.alamat_pengirim = "layanan@kominfo.go.id\r\nBcc: x@y.test".into();
        let Err(Error::Invalid { fields, .. }) = check(&s) else {
            panic!("address with a header accepted")
        };
        assert!(fields.contains_key("alamat_pengirim"));
    }
}
