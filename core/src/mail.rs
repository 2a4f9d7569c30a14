//! Applicants hear from the desk by e-mail: the background sender that
//! delivers the outbox ([`crate::notices`], below cases and letters, which
//! queue into it) with the letters attached, its worker, the certificate
//! expiry notices, and the staff's view of the mail settings.

pub mod expiry;
pub mod sender;
pub mod view;
pub mod worker;
