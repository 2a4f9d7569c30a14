//! Cases (permohonan): one applicant asking for one of the four services, from
//! intake to the end. Status names follow the desk's own words.
//!
//! - [`vocabulary`]: the words of a case (services, statuses, channels, reasons);
//! - [`flow`]: the state machine: which action is allowed when;
//! - [`record`]: a stored case as lists show it;
//! - [`requirements`]: the checklist and the rejection reasons;
//! - [`forms`]: the service's own part of the form, kept with the case;
//! - [`intake`]: opening cases (any service for any walk-in, the kiosk's
//!   penerbitan, the data-change chain, re-application);
//! - [`transitions`]: moving a case on, with its effects on certificates;
//! - [`search`]: the search box, filters, the queue and paging.
//!
//! The case page, which gathers a case with its documents, letters and
//! certificates, is `case_page`, above all of these.

pub mod due;
pub mod flow;
pub mod forms;
pub mod intake;
pub mod record;
pub mod requirements;
pub mod search;
pub mod transitions;
pub mod vocabulary;
