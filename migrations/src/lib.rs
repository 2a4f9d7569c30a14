//! Loket's database schema, as an append-only list of migrations.
//!
//! A migration that has shipped is never edited: a change to the schema is a new
//! migration at the end of [`Migrator::migrations`], and the sea-orm entities in
//! `loket-core` follow it.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_initial;
mod m20261122_000002_lifecycle;
mod m20261122_000003_documents;
mod m20261122_000004_list_indexes;
mod m20261122_000005_unit_kerja_index;
mod m20261122_000006_letters;
mod m20261122_000007_operators;
mod m20261130_000008_services;
mod m20261130_000009_kiosk_inbox;
mod m20261201_000010_kiosk_status;
mod m20261201_000011_nik_last_four;
mod m20261201_000012_token_lock;
mod m20261201_000013_token_session;
mod m20261201_000014_case_deadline;
mod m20261201_000015_report_indexes;
mod m20261201_000016_report_columns;
mod m20261201_000017_outbox;
mod m20261201_000018_survey_complaints;
mod m20261202_000019_backups;
mod m20261203_000020_imports;
mod m20261203_000021_breaches;
mod m20261204_000022_collectives;
mod m20261204_000023_retention_runs;
mod m20261204_000024_data_requests;
mod m20261207_000025_kiosk_events;
mod m20261207_000026_seals;
mod m20261207_000027_kiosk_functions;
mod m20261207_000028_corrections;
mod m20261208_000029_letter_number_per_year;
mod m20261208_000030_retention_notices;
mod m20261208_000031_access_requests;
mod m20261209_000032_complaint_duties;
mod m20261210_000033_help_requests;

/// Runs Loket's migrations in order.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_initial::Migration),
            Box::new(m20261122_000002_lifecycle::Migration),
            Box::new(m20261122_000003_documents::Migration),
            Box::new(m20261122_000004_list_indexes::Migration),
            Box::new(m20261122_000005_unit_kerja_index::Migration),
            Box::new(m20261122_000006_letters::Migration),
            Box::new(m20261122_000007_operators::Migration),
            Box::new(m20261130_000008_services::Migration),
            Box::new(m20261130_000009_kiosk_inbox::Migration),
            Box::new(m20261201_000010_kiosk_status::Migration),
            Box::new(m20261201_000011_nik_last_four::Migration),
            Box::new(m20261201_000012_token_lock::Migration),
            Box::new(m20261201_000013_token_session::Migration),
            Box::new(m20261201_000014_case_deadline::Migration),
            Box::new(m20261201_000015_report_indexes::Migration),
            Box::new(m20261201_000016_report_columns::Migration),
            Box::new(m20261201_000017_outbox::Migration),
            Box::new(m20261201_000018_survey_complaints::Migration),
            Box::new(m20261202_000019_backups::Migration),
            Box::new(m20261203_000020_imports::Migration),
            Box::new(m20261203_000021_breaches::Migration),
            Box::new(m20261204_000022_collectives::Migration),
            Box::new(m20261204_000023_retention_runs::Migration),
            Box::new(m20261204_000024_data_requests::Migration),
            Box::new(m20261207_000025_kiosk_events::Migration),
            Box::new(m20261207_000026_seals::Migration),
            Box::new(m20261207_000027_kiosk_functions::Migration),
            Box::new(m20261207_000028_corrections::Migration),
            Box::new(m20261208_000029_letter_number_per_year::Migration),
            Box::new(m20261208_000030_retention_notices::Migration),
            Box::new(m20261208_000031_access_requests::Migration),
            Box::new(m20261209_000032_complaint_duties::Migration),
            Box::new(m20261210_000033_help_requests::Migration),
        ]
    }
}
