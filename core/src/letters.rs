//! Letters: the Dinas's products.
//!
//! - [`kinds`]: the kinds of letter and a letter's status;
//! - [`settings`]: letterhead, signatories, numbering and templates an admin sets;
//! - [`content`]: what a letter says, composed from the settings and the cases;
//! - [`register`]: the buku agenda: drafts, numbering, voiding, the list;
//! - [`export`]: PDFs for a wet or an electronic signature, the receipt, the
//!   application forms, batches;
//! - [`forms`]: the application forms of the four services, blank or filled;
//! - [`signed`]: the signed copy coming back;
//! - [`layout`] (genpdfi with subset fonts) and [`pdf`] (lopdf post-processing)
//!   render, `chart` draws a document's charts; [`numbering`] and
//!   [`template`] are the pure text rules;
//!   [`signature`] says what a PDF's signature covers.

mod chart;
pub mod content;
pub mod export;
pub mod forms;
pub mod kinds;
mod layout;
pub mod numbering;
pub mod pdf;
pub mod register;
pub mod settings;
pub mod signed;
pub mod template;
