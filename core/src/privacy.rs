//! The data-protection duties of UU 27/2022 (PDP) that Loket carries out for
//! the office: the right of access ([`access`]).

pub mod access;
