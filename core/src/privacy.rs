//! The data-protection duties of UU 27/2022 (PDP) that Loket carries out for
//! the office: the right of access ([`access`]), the register of breaches
//! with their 3 x 24 h notices ([`breach`]), correction requests with their
//! 3 x 24 h due time ([`requests`]), the record of processing ([`record`])
//! and the data-protection officer and impact assessment it names
//! ([`officer`]).

pub mod access;
pub mod breach;
pub mod exports;
pub mod moment;
pub mod officer;
pub mod record;
pub mod requests;
