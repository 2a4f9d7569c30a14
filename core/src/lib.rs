//! `loket-core`: the whole domain of Loket, the electronic-certificate service
//! desk of a Dinas Kominfo. It has no Tauri dependency: the desktop shell calls
//! into it, and its tests run without a webview.
//!
//! Every function that changes data takes the database handle, the [`Actor`]
//! and the current time as arguments, so behaviour is deterministic under test.

pub mod applicants;
pub mod audit;
pub mod cases;
pub mod certificates;
pub mod desk;
pub mod documents;
pub mod entities;
pub mod error;
pub mod secrets;
pub mod store;

pub use audit::Actor;
pub use error::{Error, Result};
