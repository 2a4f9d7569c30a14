//! sea-orm entities. They follow the migrations in `loket-migrations`.

pub mod applicants;
pub mod audit_log;
pub mod case_events;
pub mod cases;
pub mod counters;
pub mod regions;
pub mod settings;
