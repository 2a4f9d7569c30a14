//! What an applicant is told, queued: the office's mail settings (server,
//! sender, which events are told), the message of each event as an editable
//! template, the transactional outbox a case or a letter writes into in its
//! own transaction, and the WhatsApp link. Below cases and letters; the
//! sender that delivers the outbox is `mail`, above them.

pub mod outbox;
pub mod settings;
pub mod templates;
pub mod whatsapp;
