//! The kiosk: what applicants submit themselves, sealed to the office.
//!
//! A kiosk holds no data key. It seals each submission to the office's
//! public [`KioskKey`](crate::secrets::KioskKey) and leaves it in the inbox
//! with the registration number the applicant takes home; only a desk,
//! holding the data key, can open it, and accepting it opens the case under
//! that same number.

pub mod events;
pub mod guard;
pub mod inbox;
pub mod info;
pub mod post;
pub mod receipt;
pub mod role;
pub mod slip;
pub mod status;
mod status_key;
