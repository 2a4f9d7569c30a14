//! Backups of the embedded SQLite database and the restore drill.
//!
//! A backup is SQLite's own consistent copy (`VACUUM INTO`, taken while the
//! desk keeps working) written to a private temporary file beside the live
//! database, then encrypted ([`format`]) into the folder the admin chose (a
//! USB disk, a network folder) as `loket-cadangan-YYYYMMDD-HHMMSS.loketbak`.
//! The newest N files are kept; older ones Loket made are deleted. Each run
//! (succeeded or failed) is recorded with its audit entry.
//!
//! A restore ([`restore`]) decrypts the file to a temporary place, checks
//! SQLite's integrity, the data key's check value and the audit chain, and
//! only then puts it in place of the live database, keeping the replaced one.
//!
//! PostgreSQL is backed up with `pg_dump` by the office's server routine;
//! Loket shows the last time it was told one succeeded (`loket backup-noted`).

pub mod format;
pub mod make;
pub mod progress;
pub mod restore;
pub mod settings;

pub use progress::{Phase, Progress, ProgressView, Running};
pub use settings::{
    BackupOverview, BackupRun, BackupSettings, DEFAULT_KEEP, EVERY_HOURS, FILE_EXT, FILE_PREFIX,
    RETRY_HOURS, SETTING_FOLDER, SETTING_KEEP, SETTING_PG_LAST, due, note_pg_dump, overview,
    pg_last, save_settings, settings,
};
