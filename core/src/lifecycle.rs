//! The words of a case and its state machine, at the bottom of the core:
//! everything that names a service, a status or an action imports them, and
//! they import nothing of Loket's but the error type.
//!
//! - [`vocabulary`]: services, statuses, channels, reasons;
//! - [`flow`]: which action is allowed when, and where it leads.

pub mod flow;
pub mod vocabulary;
