//! Letters: the Dinas's products, above the cases they are about. The
//! office's letter practice is [`crate::office`] and the printing engine
//! [`crate::document`], both below.
//!
//! - [`content`]: what a letter says, composed from the settings and the cases;
//! - [`register`]: the buku agenda: drafts, numbering, voiding, the list;
//! - [`export`]: PDFs for a wet or an electronic signature, the receipt, the
//!   application forms, batches;
//! - [`forms`]: the application forms of the four services, blank or filled;
//! - [`signed`]: the signed copy coming back.

pub mod content;
pub mod export;
pub mod forms;
pub mod register;
pub mod signed;
