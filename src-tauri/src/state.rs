//! What the shell holds: the desk opened at start, or on a kiosk PC only its
//! kiosk post (or the reason neither could open), where its data lives, and
//! the status the UI asks for first. The kiosk window's commands reach only
//! a [`KioskPost`] (the database and the office's public key), on both
//! set-ups.

use std::path::Path;

use chrono::{DateTime, FixedOffset, Local};
use loket_core::Acting;
use loket_core::audit::Actor;
use loket_core::auth::Rule;
use loket_core::desk::{Desk, Seat};
use loket_core::integrity::{IntegrityReport, TamperedRow};
use loket_core::kiosk::post::{self, KioskPost};
use loket_core::operators::passwords::Password;
use loket_core::operators::roles::Role;
use loket_core::operators::sessions::SessionInfo;
use loket_core::secrets::{KeyStore, OsKeyring};
use loket_core::store;
use sea_orm::DatabaseConnection;
use serde::Serialize;
use ts_rs::TS;

use crate::error::AppError;

/// The desk as the app holds it: open, or the reason it could not open.
pub struct DeskState {
    state: Result<Opened, String>,
    location: String,
    /// The database URL it was opened with (credentials included: never shown).
    url: String,
}

/// What Loket opened at start.
enum Opened {
    /// A desk with the data key; its kiosk window (if any) uses the desk's post.
    Desk(Box<Desk>),
    /// A kiosk PC: the kiosk post alone, with the office's pinned public key.
    KioskPc(Box<KioskPost>),
}

/// What the kiosk window shows when Loket could not open there.
const KIOSK_NOT_READY: &str = "Kiosk belum dapat dipakai. Petugas: jalankan `loket check` di PC \
     ini untuk rinciannya.";

/// Said to a staff window's command on a kiosk PC.
const KIOSK_PC: &str =
    "Loket di PC ini berjalan sebagai kiosk pemohon; meja layanan tidak tersedia di sini.";

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
    /// The commands the session at this window may call, by their rules
    /// (`loket_core::auth::permitted`): the menu offers only the screens
    /// these open, and a screen offers only the actions these allow. Empty
    /// when nobody is signed in or the screen is locked.
    pub commands: Vec<String>,
    pub version: String,
    /// The kiosk returns to its welcome screen after this many idle seconds.
    pub kiosk_idle_seconds: u32,
    /// The printer a kiosk receipt is printed on (the OS default), if any.
    pub printer: Option<String>,
    /// Why the desk is read-only: its database was changed outside Loket
    /// (every operator sees it; `None` when intact).
    pub integrity_message: Option<String>,
    /// Which rows, for an admin (empty for everyone else).
    pub integrity_rows: Vec<TamperedRow>,
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

/// Keeps the audit checkpoint in the keyring at the log's head: checked once
/// a second for as long as Loket runs (one small query; the keyring is
/// written only when the log has grown). A kiosk PC holds no log to keep.
///
/// Once, a few seconds after start (off the start-up's path), the whole
/// chain is checked too, not only its part since the checkpoint: an entry
/// edited long ago makes the desk read-only like any other finding.
pub fn keep_checkpoint(app: tauri::AppHandle) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(5)).await;
        if let Ok(desk) = app.state::<DeskState>().ready()
            && let Err(e) = desk.check_whole_log().await
        {
            eprintln!("Log audit tidak dapat diperiksa seluruhnya: {e}");
        }
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            let state = app.state::<DeskState>();
            let Ok(desk) = state.ready() else { return };
            if let Err(e) = desk.keep_checkpoint().await {
                eprintln!("Titik periksa log audit tidak dapat diperbarui: {e}");
            }
        }
    });
}

/// The mail sender: every 10 seconds, the expiry notices due and the
/// messages due, in the background (a desk command never waits for the mail
/// server). Problems are written to standard error; the messages wait.
pub fn send_mail(app: tauri::AppHandle) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(10)).await;
            let state = app.state::<DeskState>();
            let Ok(desk) = state.ready() else { return };
            if let Err(e) = desk.send_mail(now()).await {
                eprintln!("Surel belum dapat dikirim: {e}");
            }
        }
    });
}

/// What kiosk PCs recorded for the audit log (sealed; they hold no key to
/// write the log): moved into it every 10 seconds while a desk runs.
pub fn collect_kiosk_events(app: tauri::AppHandle) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(10)).await;
            let state = app.state::<DeskState>();
            let Ok(desk) = state.ready() else { return };
            if let Err(e) = desk.collect_kiosk_events(now()).await {
                eprintln!("Catatan kiosk belum dapat dimasukkan ke log audit: {e}");
            }
        }
    });
}

/// The daily backup: 30 seconds after start (not on the start-up's path),
/// then every 10 minutes, a backup is made when one is due (see
/// `loket_core::backup::due`). Failures are recorded as runs and on
/// standard error; the next try is an hour later.
pub fn back_up(app: tauri::AppHandle) {
    use tauri::Manager;
    tauri::async_runtime::spawn(async move {
        tokio::time::sleep(std::time::Duration::from_secs(30)).await;
        loop {
            let state = app.state::<DeskState>();
            let Ok(desk) = state.ready() else { return };
            if let Err(e) = desk.scheduled_backup(now()).await {
                eprintln!("Cadangan terjadwal gagal: {e}");
            }
            tokio::time::sleep(std::time::Duration::from_secs(600)).await;
        }
    });
}

/// The lock file beside an SQLite database, held while Loket runs on it.
pub struct DatabaseLock(pub Option<std::fs::File>);

/// Takes the lock beside the SQLite database of `url` (`loket.sqlite3.lock`);
/// none when another Loket on this PC holds it, or for PostgreSQL.
pub fn lock_database(url: &str) -> Option<std::fs::File> {
    let live = loket_core::backup::restore::live_path(url).ok()?;
    let mut name = live.into_os_string();
    name.push(".lock");
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(name)
        .ok()?;
    file.try_lock().ok()?;
    Some(file)
}

impl DeskState {
    /// The database URL this desk opened (for the restore, which replaces its file).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The open desk, or the start-up problem as a `not_ready` error (on a
    /// kiosk PC there is no desk).
    pub fn ready(&self) -> Result<&Desk, AppError> {
        match &self.state {
            Ok(Opened::Desk(d)) => Ok(d),
            Ok(Opened::KioskPc(_)) => Err(AppError::not_ready(KIOSK_PC)),
            Err(p) => Err(AppError::not_ready(p)),
        }
    }

    /// The kiosk post: the desk's own, or a kiosk PC's.
    pub fn kiosk(&self) -> Result<&KioskPost, AppError> {
        match &self.state {
            Ok(Opened::Desk(d)) => Ok(&d.kiosk),
            Ok(Opened::KioskPc(k)) => Ok(k),
            Err(p) => Err(AppError::not_ready(p)),
        }
    }

    /// The open desk and the context to act in, if the signed-in operator may
    /// call a command under `rule` now (the rules: `loket_core::auth::rules`).
    pub async fn authorize(&self, rule: Rule) -> Result<(&Desk, Acting<'_>), AppError> {
        let d = self.ready()?;
        let act = d.authorize(rule, now()).await?;
        Ok((d, act))
    }

    /// The kiosk post and its account acting, if it may call a command under `rule` now.
    ///
    /// Beside a desk found changed outside Loket the kiosk stops (its
    /// services, fees and questions come from settings that may be the
    /// attacker's): staff are called.
    pub async fn authorize_kiosk(&self, rule: Rule) -> Result<(&KioskPost, Actor), AppError> {
        if let Ok(Opened::Desk(d)) = &self.state
            && !d.integrity().intact()
        {
            return Err(AppError {
                kind: crate::error::ErrorKind::Tampered,
                message: crate::error::AT_KIOSK.into(),
                fields: None,
            });
        }
        let k = self.kiosk()?;
        let actor = k.authorize(rule, now()).await?;
        Ok((k, actor))
    }

    /// The database, for a command both windows may call, once the session
    /// of `seat` may call it under `rule`.
    pub async fn authorize_db(
        &self,
        seat: Seat,
        rule: Rule,
    ) -> Result<&DatabaseConnection, AppError> {
        Ok(match seat {
            Seat::Desk => &self.authorize(rule).await?.0.db,
            Seat::Kiosk => &self.authorize_kiosk(rule).await?.0.db,
        })
    }

    /// The audit log a kiosk sign-in is recorded in: the desk's, on the
    /// one-PC set-up; none on a kiosk PC (it holds no key to write it).
    fn kiosk_audit(&self) -> Option<Acting<'_>> {
        self.ready().ok().map(|d| d.unsigned(now()))
    }

    /// Signs in at `seat` (see `Desk::sign_in` and `KioskPost::sign_in`),
    /// as a command under `rule` (PUBLIC: nobody is signed in yet).
    pub async fn sign_in(
        &self,
        rule: Rule,
        seat: Seat,
        username: &str,
        password: &Password,
        remember: bool,
    ) -> Result<SessionInfo, AppError> {
        Ok(match seat {
            Seat::Desk => {
                let (d, act) = self.authorize(rule).await?;
                d.sign_in(
                    act.now(),
                    &mut rand::rngs::OsRng,
                    username,
                    password,
                    remember,
                )
                .await?
            }
            Seat::Kiosk => {
                let signed = async {
                    let (k, _) = self.authorize_kiosk(rule).await?;
                    let audit = self.kiosk_audit();
                    Ok::<_, AppError>(
                        k.sign_in(
                            audit.as_ref(),
                            &mut rand::rngs::OsRng,
                            now(),
                            username,
                            password,
                        )
                        .await?,
                    )
                };
                signed.await.map_err(AppError::at_kiosk)?
            }
        })
    }

    /// Opens the locked screen at `seat` with the same account's password,
    /// as a command under `rule` (PUBLIC: the session is locked).
    pub async fn unlock(
        &self,
        rule: Rule,
        seat: Seat,
        password: &Password,
    ) -> Result<SessionInfo, AppError> {
        Ok(match seat {
            Seat::Desk => {
                let (d, act) = self.authorize(rule).await?;
                d.unlock(act.now(), password).await?
            }
            Seat::Kiosk => {
                let opened = async {
                    let (k, _) = self.authorize_kiosk(rule).await?;
                    let audit = self.kiosk_audit();
                    Ok::<_, AppError>(
                        k.unlock(audit.as_ref(), &mut rand::rngs::OsRng, now(), password)
                            .await?,
                    )
                };
                opened.await.map_err(AppError::at_kiosk)?
            }
        })
    }

    /// Checks the staff member releasing the kiosk (see `KioskPost::release`),
    /// as a command under `rule` (PUBLIC: the password typed is the check).
    pub async fn release_kiosk(
        &self,
        rule: Rule,
        username: &str,
        password: &Password,
    ) -> Result<String, AppError> {
        let released = async {
            let (k, _) = self.authorize_kiosk(rule).await?;
            let audit = self.kiosk_audit();
            Ok::<_, AppError>(
                k.release(
                    audit.as_ref(),
                    &mut rand::rngs::OsRng,
                    now(),
                    username,
                    password,
                )
                .await?,
            )
        };
        released.await.map_err(AppError::at_kiosk)
    }

    /// Signs out at `seat`, as a command under `rule` (PUBLIC: signing out
    /// grants nothing, and a locked session may sign out too).
    pub async fn sign_out(&self, rule: Rule, seat: Seat) -> Result<(), AppError> {
        match seat {
            Seat::Desk => {
                let (d, act) = self.authorize(rule).await?;
                d.sign_out(act.now()).await?;
            }
            Seat::Kiosk => {
                let done = async {
                    let (k, _) = self.authorize_kiosk(rule).await?;
                    let audit = self.kiosk_audit();
                    Ok::<_, AppError>(k.sign_out(audit.as_ref()).await?)
                };
                done.await.map_err(AppError::at_kiosk)?;
            }
        }
        Ok(())
    }

    /// The status screen's data, with who is signed in at `seat`.
    ///
    /// `rule` is the asking command's: the status is read before anyone
    /// signs in, so only a PUBLIC command asks for it.
    pub async fn status(&self, rule: Rule, seat: Seat) -> AppStatus {
        debug_assert_eq!(rule, Rule::Public, "the status is read before sign-in");
        let mut integrity = IntegrityReport::default();
        let known = match (seat, &self.state) {
            (Seat::Desk, Ok(Opened::Desk(d))) => d.status(now()).await.ok().map(|s| {
                integrity = s.integrity;
                (s.setup_needed, s.session)
            }),
            (Seat::Kiosk, Ok(_)) => match self.kiosk() {
                Ok(k) => k
                    .status(now())
                    .await
                    .ok()
                    .map(|s| (s.setup_needed, s.session)),
                Err(_) => None,
            },
            _ => None,
        };
        let problem = match (seat, self.ready()) {
            (Seat::Desk, Err(e)) => Some(e.message),
            _ => self.kiosk().err().map(|e| e.message),
        };
        // The kiosk window shows no path, host or start-up detail: staff
        // read them with `loket check` on the PC.
        let (problem, database) = match seat {
            Seat::Desk => (problem, self.location.clone()),
            Seat::Kiosk => (
                problem.map(|p| {
                    eprintln!("kiosk: {p}");
                    KIOSK_NOT_READY.to_string()
                }),
                String::new(),
            ),
        };
        let admin = known
            .as_ref()
            .and_then(|k| k.1.as_ref())
            .is_some_and(|s| s.roles.contains(&Role::Admin) && !s.locked);
        let commands = known
            .as_ref()
            .and_then(|k| k.1.as_ref())
            .filter(|s| !s.locked)
            .map(|s| loket_core::auth::permitted(crate::RULES, &s.roles))
            .unwrap_or_default()
            .into_iter()
            .map(str::to_string)
            .collect();
        let integrity_message = (!integrity.intact()).then(|| integrity.message());
        let integrity_rows = if admin { integrity.baris } else { Vec::new() };
        AppStatus {
            integrity_message,
            integrity_rows,
            ready: problem.is_none(),
            problem,
            database,
            // A database that cannot say whether operators exist offers no first run.
            setup_needed: known.as_ref().is_some_and(|s| s.0),
            session: known.and_then(|s| s.1),
            commands,
            version: env!("CARGO_PKG_VERSION").to_string(),
            kiosk_idle_seconds: kiosk_idle_seconds(),
            printer: match seat {
                Seat::Kiosk => crate::printing::default_printer(),
                Seat::Desk => None,
            },
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

/// Opens the desk at `data_dir` (or `LOKET_DATABASE_URL`) with the OS
/// keyring; `kiosk` when Loket was started with `--kiosk`.
pub async fn start(data_dir: &Path, kiosk: bool) -> DeskState {
    match database_url(data_dir) {
        Ok(url) if kiosk => start_kiosk(&url, OsKeyring::new()).await,
        // A kiosk PC opened without `--kiosk`: it is no desk (its login, on
        // its own role, could not even read a desk's tables).
        Ok(url) if matches!(post::pinned(&OsKeyring::new()), Ok(Some(_))) => DeskState {
            state: Err(PAIRED_AS_KIOSK.into()),
            location: describe(&url),
            url,
        },
        Ok(url) => start_with(&url, OsKeyring::new()).await,
        Err(problem) => DeskState {
            state: Err(problem),
            location: data_dir.display().to_string(),
            url: String::new(),
        },
    }
}

/// Why plain `loket` does not open on a kiosk PC.
pub const PAIRED_AS_KIOSK: &str = "PC ini dipasangkan sebagai kiosk: buka dengan `loket --kiosk`. Untuk memakainya sebagai meja layanan, jalankan `loket unpair-kiosk` dulu.";

/// Opens the desk at `url` with `keys`; a desk remembered on this computer
/// signs its operator in again.
pub async fn start_with(url: &str, keys: impl KeyStore + Send + Sync + 'static) -> DeskState {
    let opened = Desk::open(url, Box::new(keys), &mut rand::rngs::OsRng, now()).await;
    if let Ok(d) = &opened {
        crate::startup::mark_parts(&d.opened_in);
    }
    DeskState {
        state: opened
            .map(|d| Opened::Desk(Box::new(d)))
            .map_err(|e| e.to_string()),
        location: describe(url),
        url: url.to_string(),
    }
}

/// Opens Loket started with `--kiosk`: a kiosk PC (its keyring holds the
/// office's pinned public key) opens its kiosk post alone and never looks for
/// a data key; a PC that was not paired is a desk showing its kiosk window
/// (the one-PC set-up, or trying a kiosk out at the desk).
pub async fn start_kiosk(url: &str, keys: impl KeyStore + Send + Sync + 'static) -> DeskState {
    let state = match post::pinned(&keys) {
        Ok(Some(_)) => KioskPost::open(url, &keys)
            .await
            .map(|k| Opened::KioskPc(Box::new(k)))
            .map_err(|e| e.to_string()),
        Ok(None) => return start_with(url, keys).await,
        Err(e) => Err(e.to_string()),
    };
    DeskState {
        state,
        location: describe(url),
        url: url.to_string(),
    }
}
