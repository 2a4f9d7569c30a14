//! `loket-app`: the desktop shell. It opens the desk (database + data key) at
//! start, keeps it in Tauri state, and exposes the commands in [`commands`].
//! Everything else lives in `loket-core`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::{DateTime, FixedOffset, Local};
use loket_core::Actor;
use loket_core::desk::{self, Desk as OpenDesk};
use loket_core::operators::{Session, SessionInfo};
use loket_core::secrets::OsKeyring;
use loket_core::store;
use serde::Serialize;
use tauri::Manager;
use ts_rs::TS;

pub mod commands;
pub mod error;
pub mod transport;

use error::AppError;

/// Tauri identifier; also the app-data folder name.
pub const IDENTIFIER: &str = "id.go.loket";

/// The desk as the app holds it: open, or the reason it could not open.
pub struct Desk {
    state: Result<Ready, String>,
    location: String,
}

/// An open desk and who is signed in at it.
pub struct Ready {
    pub db: sea_orm::DatabaseConnection,
    pub key: loket_core::secrets::DataKey,
    /// The OS keyring (data key, credentials, "remember me" token).
    pub keys: OsKeyring,
    /// The signed-in operator, if any.
    pub session: std::sync::Mutex<Option<Session>>,
    /// Set by the "Hentikan" button of a running batch export.
    pub batch_cancel: std::sync::atomic::AtomicBool,
}

/// What the UI needs to know before showing any screen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    pub ready: bool,
    /// Why Loket cannot work, in words for the desk staff.
    pub problem: Option<String>,
    /// Where the data lives (a file path, or the PostgreSQL host), without credentials.
    pub database: String,
    /// No operator exists yet: the first-run setup comes first.
    pub setup_needed: bool,
    /// Who is signed in (and whether the screen is locked).
    pub session: Option<SessionInfo>,
    pub version: String,
}

impl Ready {
    /// The current session (a copy).
    pub fn session(&self) -> Option<Session> {
        self.session
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// The session as of `now`: locked once idle too long, gone once expired
    /// (checking it is not activity).
    pub fn refreshed_session(&self, now: DateTime<FixedOffset>) -> Option<Session> {
        let mut guard = self.session.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = guard.as_mut()
            && let Err(loket_core::Error::SignedOut(_)) = s.observe(now)
        {
            *guard = None;
        }
        guard.clone()
    }

    /// Replaces the session.
    pub fn set_session(&self, s: Option<Session>) {
        *self.session.lock().unwrap_or_else(|e| e.into_inner()) = s;
    }
}

impl Desk {
    /// The open desk, or the start-up problem as a `not_ready` error.
    pub fn ready(&self) -> Result<&Ready, AppError> {
        self.state.as_ref().map_err(|p| AppError::not_ready(p))
    }

    /// The open desk and the actor, if the signed-in operator may call
    /// `command` now (the rule lives in `loket_core::auth`).
    pub fn authorize(&self, command: &str) -> Result<(&Ready, Actor), AppError> {
        let d = self.ready()?;
        let mut s = d.session.lock().unwrap_or_else(|e| e.into_inner());
        let actor = loket_core::auth::authorize(s.as_mut(), command, now())?;
        Ok((d, actor))
    }

    /// The status screen's data.
    pub async fn status(&self) -> AppStatus {
        let (setup_needed, session) = match &self.state {
            Ok(d) => (
                !loket_core::operators::any(&d.db).await.unwrap_or(true),
                d.refreshed_session(now()).map(|s| s.info()),
            ),
            Err(_) => (false, None),
        };
        AppStatus {
            ready: self.state.is_ok(),
            problem: self.state.as_ref().err().cloned(),
            database: self.location.clone(),
            setup_needed,
            session,
            version: env!("CARGO_PKG_VERSION").to_string(),
        }
    }
}

/// The current time, with the desk's UTC offset.
pub fn now() -> DateTime<FixedOffset> {
    Local::now().fixed_offset()
}

/// The database URL: `LOKET_DATABASE_URL`, or the SQLite file in `data_dir`.
pub fn database_url(data_dir: &Path) -> Result<String, String> {
    if let Ok(url) = std::env::var(store::DATABASE_URL_ENV)
        && !url.trim().is_empty()
    {
        return Ok(url);
    }
    std::fs::create_dir_all(data_dir).map_err(|e| {
        format!(
            "Folder data Loket {} tidak dapat dibuat: {e}",
            data_dir.display()
        )
    })?;
    Ok(store::sqlite_url(data_dir))
}

/// Where the data lives, for people: the path or host, never a password.
fn describe(url: &str) -> String {
    match url.strip_prefix("sqlite:") {
        Some(rest) => rest.split('?').next().unwrap_or(rest).to_string(),
        None => url
            .rsplit_once('@')
            .map(|(_, host)| format!("PostgreSQL {host}"))
            .unwrap_or_else(|| "PostgreSQL".into()),
    }
}

/// Opens the desk at `data_dir` (or `LOKET_DATABASE_URL`) with the OS keyring.
pub async fn start(data_dir: &Path) -> Desk {
    match database_url(data_dir) {
        Ok(url) => start_with(&url, OsKeyring::new()).await,
        Err(problem) => Desk {
            state: Err(problem),
            location: data_dir.display().to_string(),
        },
    }
}

/// Opens the desk at `url` with `keys`; a desk remembered on this computer
/// signs its operator in again.
pub async fn start_with(url: &str, keys: OsKeyring) -> Desk {
    let location = describe(url);
    let opened = desk::open(url, &keys, &mut rand::rngs::OsRng).await;
    let state = match opened {
        Ok(OpenDesk { db, key }) => {
            let session = loket_core::operators::resume(&db, &key, &keys, now())
                .await
                .ok()
                .flatten();
            Ok(Ready {
                db,
                key,
                keys,
                session: std::sync::Mutex::new(session),
                batch_cancel: Default::default(),
            })
        }
        Err(e) => Err(e.to_string()),
    };
    Desk { state, location }
}

/// Same folder Tauri's `app_data_dir` gives, for the command-line subcommands.
fn cli_data_dir() -> PathBuf {
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join(IDENTIFIER)
}

/// `loket check`: opens the database and the keyring as the app would, and says
/// whether Loket can start. Exit code 0 when it can.
fn cli_check() -> ExitCode {
    let status =
        tauri::async_runtime::block_on(async { start(&cli_data_dir()).await.status().await });
    match status {
        AppStatus {
            ready: true,
            database,
            ..
        } => {
            println!("Loket siap. Basis data: {database}");
            ExitCode::SUCCESS
        }
        AppStatus {
            problem, database, ..
        } => {
            eprintln!(
                "Loket tidak dapat dibuka. Basis data: {database}\n{}",
                problem.unwrap_or_default()
            );
            ExitCode::FAILURE
        }
    }
}

/// `loket audit-verify`: walks the audit log's hash chain and reports the first
/// entry that was edited, removed, inserted or reordered. Exit code 0 when intact.
fn cli_audit_verify() -> ExitCode {
    let url = match database_url(&cli_data_dir()) {
        Ok(url) => url,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::FAILURE;
        }
    };
    // The chain is keyed with the data key, so verifying needs the keyring too.
    let report = tauri::async_runtime::block_on(async {
        let desk = desk::open(&url, &OsKeyring::new(), &mut rand::rngs::OsRng).await?;
        loket_core::audit::verify_report(&desk.db, &desk.key).await
    });
    match report {
        Ok(r) if r.intact => {
            println!(
                "Log audit utuh: {} entri diperiksa ({}).",
                r.entries,
                describe(&url)
            );
            ExitCode::SUCCESS
        }
        Ok(r) => {
            eprintln!(
                "Log audit RUSAK mulai entri nomor {}: {}.",
                r.broken_seq.unwrap_or_default(),
                r.reason.unwrap_or_default()
            );
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("Log audit tidak dapat diperiksa: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Every command the UI may invoke, by name (the same list build.rs declares).
pub const COMMANDS: &[&str] = &include!("../commands.in");

/// The builder with every command registered (the app and the shell's tests).
pub fn with_commands<R: tauri::Runtime>(b: tauri::Builder<R>) -> tauri::Builder<R> {
    b.invoke_handler(tauri::generate_handler![
        commands::app_status,
        commands::review_applicant,
        commands::open_penerbitan,
        commands::list_cases,
        commands::get_case,
        commands::open_case,
        commands::transition_case,
        commands::check_requirement,
        commands::reopen_case,
        commands::reject_reasons,
        commands::expiring_certificates,
        commands::verify_audit,
        commands::reveal_nik,
        commands::attach_document,
        commands::view_document,
        commands::export_ktp,
        commands::list_organisations,
        commands::letter_settings,
        commands::save_letter_settings,
        commands::set_letter_logo,
        commands::list_letters,
        commands::eligible_letter_cases,
        commands::create_letter,
        commands::issue_letter,
        commands::void_letter,
        commands::export_letter,
        commands::export_receipt,
        commands::attach_signed_letter,
        commands::export_signed_letter,
        commands::export_letters_batch,
        commands::cancel_letter_batch,
        commands::first_run_setup,
        commands::confirm_recovery_key,
        commands::sign_in,
        commands::unlock_session,
        commands::sign_out,
        commands::change_password,
        commands::list_operators,
        commands::create_operator,
        commands::change_operator,
        commands::set_operator_roles,
        commands::reset_operator_password,
        commands::credential_status,
        commands::set_credential,
        commands::test_credential,
        commands::delete_credential,
        commands::submit_kiosk_application,
    ])
}

/// `loket recover`: puts the data key back into this desk's keyring from the
/// recovery key shown at first run (read from standard input).
fn cli_recover() -> ExitCode {
    let url = match database_url(&cli_data_dir()) {
        Ok(url) => url,
        Err(problem) => {
            eprintln!("{problem}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("Ketik kunci pemulihan lalu tekan Enter:");
    let mut line = String::new();
    if std::io::stdin().read_line(&mut line).is_err() {
        eprintln!("Kunci pemulihan tidak terbaca.");
        return ExitCode::FAILURE;
    }
    let result = tauri::async_runtime::block_on(async {
        let db = store::open(&url).await?;
        loket_core::operators::recover(&db, &OsKeyring::new(), line.trim()).await
    });
    match result {
        Ok(()) => {
            println!("Kunci data dipulihkan ke keyring. Loket dapat dibuka kembali.");
            ExitCode::SUCCESS
        }
        Err(e) => {
            let detail = match &e {
                loket_core::Error::Invalid { fields, .. } => {
                    fields.values().cloned().collect::<Vec<_>>().join(" ")
                }
                other => other.to_string(),
            };
            eprintln!("Pemulihan gagal: {detail}");
            ExitCode::FAILURE
        }
    }
}

/// Starts Loket: a subcommand when one is given, the desktop window otherwise.
pub fn run() -> ExitCode {
    match std::env::args().nth(1).as_deref() {
        Some("check") => return cli_check(),
        Some("audit-verify") => return cli_audit_verify(),
        Some("recover") => return cli_recover(),
        Some("--help" | "-h" | "help") => {
            println!(
                "loket            membuka aplikasi Loket\nloket check      memeriksa basis data dan keyring tanpa membuka jendela\nloket audit-verify  memeriksa keutuhan log audit\nloket recover    memulihkan kunci data ke keyring dengan kunci pemulihan"
            );
            return ExitCode::SUCCESS;
        }
        _ => {}
    }
    let result = with_commands(tauri::Builder::default())
        .setup(|app| {
            let dir = app.path().app_data_dir()?;
            let desk = tauri::async_runtime::block_on(start(&dir));
            app.manage(desk);
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("Loket berhenti karena kesalahan: {e}");
            ExitCode::FAILURE
        }
    }
}
