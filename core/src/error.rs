//! The one error type of the domain. Messages are Indonesian because they reach
//! the desk staff as they are; `fields` carries a message per form field.

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
    /// The database cannot be used (for example an SQLite library that is too old).
    #[error("{0}")]
    Store(String),
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
    /// The database answered with an error.
    #[error("Kesalahan basis data: {0}")]
    Db(#[from] sea_orm::DbErr),
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
}

impl From<sea_orm::TransactionError<Error>> for Error {
    fn from(e: sea_orm::TransactionError<Error>) -> Self {
        match e {
            sea_orm::TransactionError::Connection(db) => Error::Db(db),
            sea_orm::TransactionError::Transaction(inner) => inner,
        }
    }
}
