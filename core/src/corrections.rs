//! Corrections as the office reads them: the register ([`register`]) of
//! every value put right and every step taken back, and the register as a
//! file ([`export`]).

pub mod export;
pub mod register;

pub use register::{CorrectionQuery, CorrectionRow, of_person, register, this_month};
