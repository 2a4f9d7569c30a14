//! Applicants hear from the desk by e-mail: the office's mail server, the
//! message of each event as an editable template, the transactional outbox,
//! the background sender and the certificate expiry notices.

pub mod expiry;
pub mod outbox;
pub mod sender;
pub mod settings;
pub mod templates;
pub mod view;
pub mod whatsapp;
pub mod worker;
