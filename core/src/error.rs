//! The one error type of the domain. Messages are Indonesian because they reach
//! the desk staff as they are; `fields` carries a message per form field.
//!
//! Each variant says what failed, so a message never blames the database for a
//! font, nor reports a corrupt stored value as "not found".

use std::collections::BTreeMap;

use crate::secrets::SecretError;

/// Result of every fallible domain function.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What can go wrong in the domain.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input was refused; nothing was saved. `fields` maps a form field to its message.
    #[error("{message}")]
    Invalid {
        message: String,
        fields: BTreeMap<String, String>,
    },
    /// The thing asked for does not exist.
    #[error("{0} tidak ditemukan.")]
    NotFound(&'static str),
    /// The database cannot be used at all (an unknown URL, an SQLite library
    /// that is too old); Loket does not open.
    #[error("{0}")]
    Unusable(String),
    /// The database answered with an error.
    #[error("Kesalahan basis data: {0}")]
    Db(#[from] sea_orm::DbErr),
    /// A stored record holds a value Loket does not know (edited outside
    /// Loket, or written by a newer version); the text names the record.
    #[error("Data tersimpan tidak terbaca: {0}. Hubungi admin.")]
    Corrupt(String),
    /// A setting's stored value cannot be read.
    #[error("Pengaturan {key} tidak terbaca: {reason}")]
    Setting { key: String, reason: String },
    /// Stored content does not match its record (altered, or moved from
    /// another record) and is not opened.
    #[error("{0}")]
    Tampered(String),
    /// The working-day calendar of a year is missing, so a deadline cannot be computed.
    #[error(
        "Kalender hari libur tahun {year} belum dimuat; tenggat tidak dapat dihitung. \
         Tambahkan tahun {year} di layar Kalender kerja: impor hari libur nasional dan cuti \
         bersama {year} (SKB 3 Menteri) dari berkas CSV atau iCalendar, atau isi sendiri."
    )]
    NoCalendar { year: i32 },
    /// A letter's PDF or its fonts could not be produced.
    #[error("{0}")]
    Pdf(String),
    /// An image could not be encoded.
    #[error("Gambar tidak dapat disimpan: {0}")]
    Image(String),
    /// A file or folder could not be created or written; `action` says which
    /// ("dibuat", "ditulis").
    #[error("{path} tidak dapat {action}: {source}")]
    File {
        path: String,
        action: &'static str,
        source: std::io::Error,
    },
    /// Password hashing or key derivation failed.
    #[error("{0}")]
    Crypto(String),
    /// The OS keyring or the data key failed.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// The signed-in operator's roles do not allow this.
    #[error("{0}")]
    Forbidden(String),
    /// Nobody is signed in, or the session ended.
    #[error("{0}")]
    SignedOut(String),
    /// The session is locked (idle); the same operator's password opens it.
    #[error("{0}")]
    Locked(String),
}

impl Error {
    /// A refusal tied to one form field.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        Error::Invalid {
            message: "Periksa kembali isian yang ditandai.".into(),
            fields: BTreeMap::from([(field.to_string(), message)]),
        }
    }

    /// The same refusal shown at `field` (its first message): a check made
    /// for one form answering next to another form's field. Any other error
    /// passes unchanged.
    pub fn at_field(self, field: &str) -> Self {
        match self {
            Error::Invalid { fields, message } => {
                Error::field(field, fields.into_values().next().unwrap_or(message))
            }
            other => other,
        }
    }

    /// Refuses with every field's message at once, or passes when there is none.
    pub fn fields(fields: BTreeMap<String, String>) -> Result<()> {
        if fields.is_empty() {
            Ok(())
        } else {
            Err(Error::Invalid {
                message: "Periksa kembali isian yang ditandai.".into(),
                fields,
            })
        }
    }

    /// A stored value that does not parse, naming the record and the value.
    pub fn corrupt(what: impl std::fmt::Display, value: &str) -> Self {
        Error::Corrupt(format!("{what} bernilai \"{value}\""))
    }

    /// A setting whose stored text does not parse.
    pub fn setting(key: &str, reason: impl std::fmt::Display) -> Self {
        Error::Setting {
            key: key.to_string(),
            reason: reason.to_string(),
        }
    }
}

impl From<sea_orm::TransactionError<Error>> for Error {
    fn from(e: sea_orm::TransactionError<Error>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => Error::Db(db),
            sea_orm::TransactionError::Transaction(inner) => inner,
        }
    }
}

/// JSON of a value Loket itself defines. Its types serialize to JSON without
/// failing (string keys, no custom serializers), so a failure here is a bug,
/// reported rather than hidden.
pub fn to_json(value: &impl serde::Serialize) -> Result<String> {
    serde_json::to_string(value)
        .map_err(|e| Error::Corrupt(format!("nilai tidak dapat ditulis sebagai JSON ({e})")))
}
