//! The satisfaction survey (Survei Kepuasan Masyarakat, PermenPANRB
//! 14/2017): its questionnaire, the responses from the kiosk and from paper
//! forms, the index (IKM) and the report an office publishes.

pub mod document;
pub mod export;
pub mod ikm;
pub mod questionnaire;
pub mod report;
pub mod responses;
pub mod workbook;
