//! `loket-core`: the whole domain of Loket, the electronic-certificate service
//! desk of a Dinas Kominfo. It has no Tauri dependency: the desktop shell calls
//! into it, and its tests run without a webview.
//!
//! Every function that changes data takes the database handle and an
//! [`Acting`] context (the data key, the actor and the current time), so
//! behaviour is deterministic under test and every change records its audit
//! entry the same way.
//!
//! Modules depend one way (a test, `core/tests/core/architecture.rs`, fails on
//! any import cycle): `store`, `secrets`, `error`, `files`, `calendar` at the
//! bottom; `audit` and `applicants`; `cases` (vocabulary and flow first);
//! `certificates`, `documents`, `letters`; `case_page`, `applicant_page`, `auth` and
//! `desk` on top.

/// Stored-text conversions (`as_str`, `parse`) of a small enum.
macro_rules! text_enum {
    ($t:ty { $($v:ident => $s:literal),+ $(,)? }) => {
        impl $t {
            /// The stored text of this value.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$v => $s),+ }
            }
            /// Parses the stored text.
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($s => Some(Self::$v),)+ _ => None }
            }
            /// Reads a stored text; an unknown one is a corrupt record, named by `what`.
            pub fn stored(s: &str, what: impl std::fmt::Display) -> crate::error::Result<Self> {
                Self::parse(s).ok_or_else(|| crate::error::Error::corrupt(what, s))
            }
        }
    };
}

pub mod applicant_page;
pub mod applicants;
pub mod audit;
pub mod auth;
pub mod backup;
pub mod calendar;
pub mod case_page;
pub mod cases;
pub mod catalogue;
pub mod certificates;
pub mod checkpoint;
pub mod clock;
pub mod collective;
pub mod complaints;
pub mod confined;
pub mod corrections;
pub mod credentials;
pub mod dashboard;
pub mod deadline;
pub mod desk;
pub mod document;
pub mod documents;
pub mod entities;
pub mod error;
pub mod files;
pub mod help;
pub mod import;
pub mod inspection;
pub mod integrity;
pub mod kiosk;
pub mod letters;
pub mod lifecycle;
pub mod mail;
pub mod messages;
pub mod notices;
pub mod office;
pub mod operators;
pub mod pdfsig;
pub mod privacy;
pub mod recount;
pub mod reports;
pub mod retention;
pub mod saving;
pub mod seal;
pub mod secrets;
pub mod standard;
pub mod stopping;
pub mod store;
pub mod survey;
pub mod text;

pub use audit::{Acting, Actor};
pub use error::{Error, Result};
