//! What the shell holds: the desk opened at start (or the reason it could not
//! open) and where its data lives, and the status the UI asks for first.

use std::path::Path;

use chrono::{DateTime, FixedOffset, Local};
use loket_core::Acting;
use loket_core::desk::{Desk, Seat};
use loket_core::operators::sessions::SessionInfo;
use loket_core::secrets::{KeyStore, OsKeyring};
use loket_core::store;
use serde::Serialize;
use ts_rs::TS;

use crate::error::AppError;

/// The desk as the app holds it: open, or the reason it could not open.
pub struct DeskState {
    state: Result<Desk, String>,
    location: String,
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
    /// The kiosk returns to its welcome screen after this many idle seconds.
    pub kiosk_idle_seconds: u32,
}

/// The kiosk's idle time: `LOKET_KIOSK_IDLE_SECS` (15 to 3,600 seconds), 90 by
/// default. A value outside that range is refused with a message on standard
/// error, and the default applies.
pub fn kiosk_idle_seconds() -> u32 {
    const DEFAULT: u32 = 90;
    match std::env::var("LOKET_KIOSK_IDLE_SECS") {
        Err(_) => DEFAULT,
        Ok(v) => match v.trim().parse::<u32>() {
            Ok(n) if (15..=3600).contains(&n) => n,
            _ => {
                eprintln!(
                    "LOKET_KIOSK_IDLE_SECS={v:?} bukan 15 sampai 3600 detik; kiosk memakai {DEFAULT} detik."
                );
                DEFAULT
            }
        },
    }
}

impl DeskState {
    /// The open desk, or the start-up problem as a `not_ready` error.
    pub fn ready(&self) -> Result<&Desk, AppError> {
        self.state.as_ref().map_err(|p| AppError::not_ready(p))
    }

    /// The open desk and the context to act in, if the signed-in operator may
    /// call `command` now (the rule lives in `loket_core::auth`).
    pub fn authorize(&self, command: &str) -> Result<(&Desk, Acting<'_>), AppError> {
        self.authorize_at(Seat::Desk, command)
    }

    /// [`DeskState::authorize`] for the session of `seat` (the kiosk window's own).
    pub fn authorize_at(&self, seat: Seat, command: &str) -> Result<(&Desk, Acting<'_>), AppError> {
        let d = self.ready()?;
        let act = d.authorize_at(seat, command, now())?;
        Ok((d, act))
    }

    /// The status screen's data, with who is signed in at `seat`.
    pub async fn status(&self, seat: Seat) -> AppStatus {
        let desk = match &self.state {
            Ok(d) => d.status(seat, now()).await.ok(),
            Err(_) => None,
        };
        AppStatus {
            ready: self.state.is_ok(),
            problem: self.state.as_ref().err().cloned(),
            database: self.location.clone(),
            // A database that cannot say whether operators exist offers no first run.
            setup_needed: desk.as_ref().is_some_and(|s| s.setup_needed),
            session: desk.and_then(|s| s.session),
            version: env!("CARGO_PKG_VERSION").to_string(),
            kiosk_idle_seconds: kiosk_idle_seconds(),
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
pub fn describe(url: &str) -> String {
    match url.strip_prefix("sqlite:") {
        Some(rest) => rest.split('?').next().unwrap_or(rest).to_string(),
        None => url
            .rsplit_once('@')
            .map(|(_, host)| format!("PostgreSQL {host}"))
            .unwrap_or_else(|| "PostgreSQL".into()),
    }
}

/// Opens the desk at `data_dir` (or `LOKET_DATABASE_URL`) with the OS keyring.
pub async fn start(data_dir: &Path) -> DeskState {
    match database_url(data_dir) {
        Ok(url) => start_with(&url, OsKeyring::new()).await,
        Err(problem) => DeskState {
            state: Err(problem),
            location: data_dir.display().to_string(),
        },
    }
}

/// Opens the desk at `url` with `keys`; a desk remembered on this computer
/// signs its operator in again.
pub async fn start_with(url: &str, keys: impl KeyStore + Send + Sync + 'static) -> DeskState {
    let opened = Desk::open(url, Box::new(keys), &mut rand::rngs::OsRng, now()).await;
    DeskState {
        state: opened.map_err(|e| e.to_string()),
        location: describe(url),
    }
}
