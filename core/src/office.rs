//! The office's own letter practice, below everything that prints: the
//! letterhead, logo and signatories (its identity), the numbering pattern,
//! the addressees and the letter templates an admin sets (setting `surat`),
//! and the kinds of letter the office issues.
//!
//! - [`identity`]: the letterhead, the signatories and the logo;
//! - [`settings`]: the letter setting, checked field by field;
//! - [`kinds`]: the kinds of letter and a letter's status;
//! - [`numbering`] and [`template`]: the pure text rules of numbers and
//!   templates.

pub mod identity;
pub mod kinds;
pub mod numbering;
pub mod settings;
pub mod template;
