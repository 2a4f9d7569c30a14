//! Applicants (pemohon): the people the desk serves.
//!
//! - [`identity`]: NIK, NIP, e-mail and phone read from their structure;
//! - [`check`]: the applicant form checked field by field;
//! - [`domain`]: the office's official e-mail domain, which intake warns against;
//! - [`registry`]: storing a person with the NIK encrypted, finding people,
//!   the audited reveal;
//! - [`changes`]: changing a person's data with its history (perubahan data,
//!   corrections), never overwriting someone else's change.

pub mod changes;
pub mod check;
pub mod domain;
pub mod identity;
pub mod registry;
