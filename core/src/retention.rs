//! Retention (UU 27/2022 Pasal 44 ayat (1) huruf a: personal data is
//! destroyed once its retention period under the office's archive schedule
//! has passed; Pasal 45: the person is told). The
//! admin sets a period per kind of record ([`periods`]); a run lists what is
//! due ([`due`]), destroys or anonymises exactly the items confirmed, in one
//! transaction with its audit entry ([`run`]), and prints the berita acara
//! pemusnahan listing what was destroyed ([`report`]). Each person whose
//! data went is told once per run by e-mail (queued with the run), and the
//! berita acara counts who was told and who must be told another way. The audit log and the
//! berita acara keep that it happened (kinds, references, dates), never the
//! data itself.

pub mod due;
pub mod periods;
pub mod report;
pub mod run;
