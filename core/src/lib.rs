//! `loket-core`: the whole domain of Loket, the electronic-certificate service
//! desk of a Dinas Kominfo. It has no Tauri dependency: the desktop shell calls
//! into it, and its tests run without a webview.
//!
//! Every function that changes data takes the database handle, the [`Actor`]
//! and the current time as arguments, so behaviour is deterministic under test.

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
        }
    };
}

pub mod applicants;
pub mod audit;
pub mod auth;
pub mod calendar;
pub mod cases;
pub mod certificates;
pub mod credentials;
pub mod desk;
pub mod documents;
pub mod entities;
pub mod error;
pub mod letters;
pub mod operators;
pub mod secrets;
pub mod store;

pub use audit::Actor;
pub use error::{Error, Result};
