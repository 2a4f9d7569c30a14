//! Bringing the office's past in: certificate holders and staff rosters from
//! its spreadsheets (CSV, XLSX) become Loket's people and their certificates
//! recorded from outside Loket. The file is read ([`sheet`]), its columns
//! mapped to Loket's fields ([`mapping`], remembered), every row judged by the
//! desk form's own checks and against the file and Loket ([`rows`]), tried
//! without writing (the dry run) and then written in audited batches
//! ([`run`]); the refused rows can be saved as a spreadsheet ([`refused`]).

pub mod loaded;
pub mod mapping;
pub mod refused;
pub mod rows;
pub mod run;
pub mod sheet;

pub use loaded::ImportDesk;
pub use mapping::{ImportField, ImportMapping};
pub use run::{ImportFilePreview, ImportOutcome, ImportProgress, ImportReport, ImportRun};
