//! The one error the UI receives: `{ kind, message, fields? }`.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

/// What the UI branches on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ErrorKind {
    /// Input refused; `fields` says why, per field.
    Invalid,
    NotFound,
    /// Loket could not start (database or keyring); the UI shows the message and nothing else.
    NotReady,
    /// The signed-in operator's roles do not allow the command.
    Forbidden,
    /// Nobody is signed in, or the 12-hour session ended: show the sign-in screen.
    SignedOut,
    /// The session is locked after idle time: show the lock screen.
    Locked,
    /// The database was changed outside Loket: the desk is read-only (the
    /// UI shows why, from the status).
    Tampered,
    /// Anything else: shown as a message.
    Failed,
}

/// An error as the UI sees it. Messages are Indonesian and never carry secrets.
#[derive(Debug, Clone)]
pub struct AppError {
    pub kind: ErrorKind,
    pub message: String,
    pub fields: Option<BTreeMap<String, String>>,
}

/// An error as it crosses to the UI: the Indonesian message and field
/// messages, and beside them their English where the core's catalogue has it
/// (`loket_core::messages`), which the UI shows when staff chose English.
#[derive(Serialize, TS)]
#[ts(export, rename = "AppError")]
struct Wire<'a> {
    kind: ErrorKind,
    message: &'a str,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    fields: Option<&'a BTreeMap<String, String>>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    message_en: Option<String>,
    #[ts(optional)]
    #[serde(skip_serializing_if = "Option::is_none")]
    fields_en: Option<BTreeMap<String, String>>,
}

impl Serialize for AppError {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        Wire {
            kind: self.kind,
            message: &self.message,
            fields: self.fields.as_ref(),
            message_en: loket_core::messages::english(&self.message),
            fields_en: self.fields.as_ref().map(loket_core::messages::english_of),
        }
        .serialize(s)
    }
}

/// What the kiosk window is told instead of any detail of Loket's insides.
pub const AT_KIOSK: &str = "Kiosk sedang mengalami gangguan. Mohon panggil petugas.";

impl AppError {
    /// The error as the kiosk window may see it: refused input, and the
    /// session's end or lock, as they are; anything else (a database's
    /// message, a path, a missing record) becomes [`AT_KIOSK`], the detail
    /// going to standard error for staff.
    pub fn at_kiosk(self) -> AppError {
        match self.kind {
            ErrorKind::Invalid | ErrorKind::SignedOut | ErrorKind::Locked => self,
            kind => {
                eprintln!("kiosk: {}", self.message);
                AppError {
                    kind,
                    message: AT_KIOSK.into(),
                    fields: None,
                }
            }
        }
    }

    /// Loket is not ready: the start-up problem, verbatim.
    pub fn not_ready(message: &str) -> Self {
        AppError {
            kind: ErrorKind::NotReady,
            message: message.to_string(),
            fields: None,
        }
    }
}

impl From<loket_core::Error> for AppError {
    fn from(e: loket_core::Error) -> Self {
        let message = e.to_string();
        match e {
            loket_core::Error::Invalid { fields, .. } => AppError {
                kind: ErrorKind::Invalid,
                message,
                fields: Some(fields),
            },
            loket_core::Error::Forbidden(_) => AppError {
                kind: ErrorKind::Forbidden,
                message,
                fields: None,
            },
            loket_core::Error::SignedOut(_) => AppError {
                kind: ErrorKind::SignedOut,
                message,
                fields: None,
            },
            loket_core::Error::Locked(_) => AppError {
                kind: ErrorKind::Locked,
                message,
                fields: None,
            },
            loket_core::Error::Tampered(_) => AppError {
                kind: ErrorKind::Tampered,
                message,
                fields: None,
            },
            loket_core::Error::NotFound(_) => AppError {
                kind: ErrorKind::NotFound,
                message,
                fields: None,
            },
            _ => AppError {
                kind: ErrorKind::Failed,
                message,
                fields: None,
            },
        }
    }
}
