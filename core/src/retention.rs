//! Retention (UU 27/2022 Pasal 43: personal data is destroyed once its
//! retention period under the office's archive schedule has passed). The
//! admin sets a period per kind of record ([`periods`]); a run lists what is
//! due ([`due`]), destroys or anonymises exactly the items confirmed, in one
//! transaction with its audit entry ([`run`]), and prints the berita acara
//! pemusnahan listing what was destroyed ([`report`]). The audit log and the
//! berita acara keep that it happened (kinds, references, dates), never the
//! data itself.

pub mod due;
pub mod periods;
pub mod report;
pub mod run;
