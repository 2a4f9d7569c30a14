//! Collective requests: an OPD sends one letter with a roster of employees
//! who need a certificate (penerbitan) or a renewal (pembaruan). The roster,
//! typed or read from a spreadsheet ([`roster`]), opens one case per person
//! in one transaction ([`open`]); the cases are followed together and their
//! collective Surat Rekomendasi drafted from one list ([`follow`]), while
//! each case keeps its own number, checklist and history.

pub mod follow;
pub mod open;
pub mod roster;
