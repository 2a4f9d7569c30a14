//! sea-orm entities. They follow the migrations in `loket-migrations`.

pub mod applicant_history;
pub mod applicants;
pub mod audit_log;
pub mod backups;
pub mod breaches;
pub mod case_events;
pub mod case_requirements;
pub mod cases;
pub mod certificates;
pub mod collective_cases;
pub mod collectives;
pub mod complaints;
pub mod counters;
pub mod documents;
pub mod imports;
pub mod kiosk_inbox;
pub mod letter_cases;
pub mod letters;
pub mod operator_tokens;
pub mod operators;
pub mod outbox;
pub mod regions;
pub mod retention_runs;
pub mod settings;
pub mod skm_responses;
pub mod status_attempts;
