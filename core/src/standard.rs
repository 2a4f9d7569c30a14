//! The Standar Pelayanan as data: per service the fourteen components of
//! PermenPANRB 15/2014 and the promise that deadlines are counted from
//! (how many hari kerja, from when, whether waiting on BSrE stops the
//! clock), and the office's Maklumat Pelayanan. It is the single source for
//! the checklist (component 1 is the catalogue's persyaratan), the case
//! deadlines, the receipts and the kiosk's information screens, and prints
//! as a PDF in the letterhead. Stored as the setting `standar_pelayanan`.
//!
//! - [`model`]: the standard's shape and how its components read;
//! - [`defaults`]: the standard Loket starts from (the seeds);
//! - [`keep`]: the standard in force, checked and saved;
//! - [`document`]: the standard as a PDF in the letterhead.

pub mod defaults;
pub mod document;
pub mod keep;
pub mod model;
