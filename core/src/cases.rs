//! Cases (permohonan): one applicant asking for one of the four services, from
//! intake to the end. Status names follow the desk's own words.
//!
//! - [`record`]: a stored case as lists show it;
//! - [`checklist`]: a case's checklist, copied from [`crate::catalogue`];
//! - [`forms`]: the service's own part of the form, kept with the case;
//! - [`intake`]: opening cases (any service for any walk-in, the kiosk's
//!   penerbitan, the data-change chain, re-application);
//! - [`transitions`]: moving a case on, with its effects on certificates;
//! - [`takeback`]: the last step taken back, with its reason;
//! - [`values`]: a recorded value corrected; [`approval`]: four-eyes for
//!   corrections when the office asks for it;
//! - `guard`: what keeps a person's cases from contradicting each other;
//! - [`search`]: the search box, filters, the queue and paging.
//!
//! A case's words and its state machine are [`crate::lifecycle`], below
//! this folder and everything that names a service or a status.
//!
//! The case page, which gathers a case with its documents, letters and
//! certificates, is `case_page`, above all of these.

pub mod approval;
pub mod checklist;
pub mod due;
pub mod forms;
pub(crate) mod guard;
pub mod intake;
pub mod previous;
pub mod record;
pub mod search;
pub mod takeback;
pub mod transitions;
pub mod values;
