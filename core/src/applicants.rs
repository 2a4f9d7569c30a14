//! Applicants (pemohon): the people the desk serves.
//!
//! - [`identity`]: NIK, NIP, e-mail and phone read from their structure;
//! - [`check`]: the applicant form checked field by field;
//! - [`registry`]: storing a person with the NIK encrypted, finding people,
//!   the audited reveal;
//! - [`changes`]: changing a person's data with its history (perubahan data,
//!   corrections), never overwriting someone else's change.

pub mod changes;
pub mod check;
pub mod identity;
pub mod registry;
