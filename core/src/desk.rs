//! An open desk: the database and the data key together (or neither), the OS
//! keyring, whoever is signed in at the staff window, and the [`KioskPost`]
//! of its kiosk window (the one-PC set-up), which holds only the office's
//! public key and signs in apart: the two never lend each other anything. Every
//! command of the desktop shell asks [`Desk::authorize`] first and then makes
//! one call into core; the commands that change the session itself (sign-in,
//! unlock, sign-out, password change, first run) are methods here, so their
//! bookkeeping and refusals live in core, not in the shell.

use std::sync::atomic::AtomicBool;
use std::sync::atomic::Ordering::SeqCst;
use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, Duration, FixedOffset};
use rand::{CryptoRng, RngCore};
use sea_orm::DatabaseConnection;

use crate::audit::{Acting, Actor, AuditReport};
use crate::auth;
use crate::checkpoint::{self, Checkpoint};
use crate::integrity::{self, Depth, IntegrityReport};
use crate::kiosk::post::{self, KioskPost};
use crate::letters::export::BatchStop;
use crate::operators::accounts::NewOperator;
use crate::operators::accounts::{self, PasswordChange};
use crate::operators::passwords::Password;
use crate::operators::recovery::{self, FirstRun};
use crate::operators::roles::Role;
use crate::operators::sessions::{self, Session, SessionInfo};
use crate::operators::tokens;
use crate::secrets::{self, DataKey, KeyStore};
use crate::{Error, Result, store};

/// The actor recorded before anyone has signed in.
const NOBODY: &str = "(belum masuk)";

/// Where a window's session sits: the staff window's at the desk, the kiosk
/// window's at its [`KioskPost`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Seat {
    Desk,
    Kiosk,
}

impl Seat {
    /// The seat of a window: the window labelled `kiosk` is the kiosk's.
    pub fn of_window(label: &str) -> Seat {
        if label == "kiosk" {
            Seat::Kiosk
        } else {
            Seat::Desk
        }
    }
}

/// An open desk: the database, the key that reads its personal data, the
/// keyring, and who is signed in at each seat.
pub struct Desk {
    pub db: DatabaseConnection,
    pub key: DataKey,
    /// The OS keyring (data key, credentials, "remember me" token).
    pub keys: Box<dyn KeyStore + Send + Sync>,
    /// The "Hentikan" button of a running batch export.
    pub batch: BatchStop,
    /// The running backup or restore check, polled by the backup screen.
    pub backup: crate::backup::Progress,
    /// The import screen's chosen file and its stop button.
    pub import: crate::import::ImportDesk,
    /// The kiosk window's side: the database and the office's public key only.
    pub kiosk: KioskPost,
    session: Mutex<Option<Session>>,
    /// This database's identity for the audit checkpoint, and the checkpoint
    /// the keyring holds (see [`checkpoint`]).
    database: String,
    checkpoint: Mutex<Option<Checkpoint>>,
    /// What was found changed outside Loket (empty: intact). While anything
    /// is found the desk is read-only for everyone, until an admin accepts
    /// the state or restores a backup.
    integrity: Mutex<IntegrityReport>,
    /// The lock of the staff window's session is noted on its "remember me"
    /// token (so a restart resumes it locked).
    lock_noted: AtomicBool,
    /// The staff window's session is remembered on this computer: its
    /// activity is noted on the token, at most once a minute, so a restart
    /// after the idle time resumes it locked.
    remembered: AtomicBool,
    activity_noted: Mutex<Option<DateTime<FixedOffset>>>,
    /// How long each part of [`Desk::open`] took, in order (for `make bench`'s
    /// start-up breakdown).
    pub opened_in: Vec<(&'static str, std::time::Duration)>,
}

/// What the start screen needs to know about the people of this desk.
#[derive(Debug, Clone)]
pub struct DeskStatus {
    /// The database was never used: the first-run setup comes first.
    pub setup_needed: bool,
    /// Who is signed in (and whether the screen is locked).
    pub session: Option<SessionInfo>,
    /// What was found changed outside Loket (empty: intact).
    pub integrity: IntegrityReport,
}

impl Desk {
    /// Opens the database at `url` and the data key from `keys`. On a new
    /// database the key is created in the keyring (or taken from it) and its
    /// check value stored; on an existing one the key must be there and match.
    /// A desk remembered on this computer signs its operator in again.
    pub async fn open(
        url: &str,
        keys: Box<dyn KeyStore + Send + Sync>,
        rng: &mut (impl RngCore + CryptoRng + Send),
        now: DateTime<FixedOffset>,
    ) -> Result<Desk> {
        let mut clock = std::time::Instant::now();
        let mut opened_in = Vec::new();
        let mut lap = |part: &'static str| {
            opened_in.push((part, clock.elapsed()));
            clock = std::time::Instant::now();
        };
        let db = store::open(url).await?;
        lap("database opened and migrations checked");
        let database = checkpoint::database_id(url);
        let known = checkpoint::read(&*keys, &database)?;
        lap("keyring: audit checkpoint read");
        // An empty database where the keyring remembers a log: emptied or
        // replaced. Offering the first run would hand it to whoever did it.
        if let Some(cp) = known.as_ref().filter(|c| c.seq > 0)
            && recovery::fresh(&db).await?
        {
            return Err(Error::Tampered(format!(
                "Basis data ini kosong, padahal keyring desk ini mencatat log audit sampai entri \
                 {}. Basis data telah dikosongkan atau diganti; Loket tidak membuka penyiapan \
                 awal. Pulihkan basis data dari cadangan, atau hubungi admin.",
                cp.seq
            )));
        }
        let stored = store::setting(&db, store::SETTING_DATA_KEY_CHECK).await?;
        let (key, new_check) = secrets::open_data_key(&*keys, stored.as_deref(), rng)?;
        lap("keyring: data key read");
        if let Some(check) = new_check {
            store::set_setting(&db, &key, store::SETTING_DATA_KEY_CHECK, &check).await?;
        }
        // A new database is sealed from its start; one from before rows were
        // sealed is sealed once, as it is.
        integrity::mark_new(&db, &key).await?;
        let adopted = integrity::adopt(
            &db,
            &Acting::new(&key, Actor::named(NOBODY), now),
            &mut *rng,
        )
        .await?;
        // Kiosk PCs compare the key they were paired with against this one.
        post::publish(&db, &key).await?;
        lap(if adopted.is_some() {
            "rows sealed once; kiosk key published"
        } else {
            "kiosk key published"
        });
        let mut desk = Desk {
            kiosk: KioskPost::beside_desk(db.clone(), key.kiosk_key()),
            db,
            key,
            keys,
            batch: BatchStop::default(),
            import: Default::default(),
            backup: Default::default(),
            session: Mutex::new(None),
            database,
            checkpoint: Mutex::new(known),
            integrity: Mutex::new(IntegrityReport::default()),
            lock_noted: AtomicBool::new(false),
            remembered: AtomicBool::new(false),
            activity_noted: Mutex::new(None),
            opened_in: Vec::new(),
        };
        // The log from the checkpoint on, and the sealed rows, before anyone
        // works: a desk found changed opens read-only.
        desk.check_integrity(Depth::Full).await?;
        lap("integrity checked (log since the checkpoint, sealed rows)");
        desk.keep_checkpoint().await?;
        lap("audit checkpoint advanced");
        // A remembered sign-in that fails (the keyring or database answering
        // badly) leaves the desk at its sign-in screen rather than closed.
        let resumed = desk.resume(now).await.ok().flatten();
        *desk.slot() = resumed;
        lap("remembered sign-in (keyring)");
        desk.opened_in = opened_in;
        Ok(desk)
    }

    async fn resume(&self, now: DateTime<FixedOffset>) -> Result<Option<Session>> {
        let Some(remembered) = tokens::remembered(&self.db, &self.key, &*self.keys, now).await?
        else {
            return Ok(None);
        };
        let session = sessions::resume(
            &self.db,
            &self.acting(Actor::named(NOBODY), now),
            remembered.operator_id,
        )
        .await?;
        // The working day counts from the original sign-in, not from the
        // restart; once it is over, the password opens a new one.
        let day_over = now - remembered.session_at >= Duration::hours(sessions::SESSION_HOURS);
        // Locked when Loket closed: locked again, the password opens it.
        // Left unlocked and closed: the idle time ran on while Loket was shut.
        let idle = now - remembered.active_at >= Duration::minutes(sessions::IDLE_LOCK_MINUTES);
        let locked = remembered.locked || day_over || idle;
        self.remembered.store(true, SeqCst);
        self.lock_noted.store(locked, SeqCst);
        Ok(session.map(|mut s| {
            s.locked = locked;
            if !day_over {
                s.signed_in_at = remembered.session_at;
            }
            s
        }))
    }

    /// Checks the log since the checkpoint and the sealed rows to `depth`;
    /// what is found stays (the desk read-only) until accepted. Returns the
    /// report as it stands.
    pub async fn check_integrity(&self, depth: Depth) -> Result<IntegrityReport> {
        let known = self.known_checkpoint();
        let mut found = IntegrityReport {
            log: match checkpoint::check_since(&self.db, &self.key, known.as_ref()).await? {
                crate::audit::Verdict::Broken { seq, reason } => {
                    Some(format!("rusak mulai entri {seq}: {reason}"))
                }
                crate::audit::Verdict::Intact { .. } => None,
            },
            baris: integrity::rows(&self.db, &self.key, depth).await?,
        };
        if let Some(m) = integrity::missing_mark(&self.db).await? {
            found.baris.push(m);
        }
        Ok(self.note_integrity(found))
    }

    /// The whole audit chain checked (not only since the checkpoint): what a
    /// desk runs in the background after it opened, and `loket audit-verify`.
    pub async fn check_whole_log(&self) -> Result<IntegrityReport> {
        let found = IntegrityReport {
            log: match crate::audit::verify(&self.db, &self.key).await? {
                crate::audit::Verdict::Broken { seq, reason } => {
                    Some(format!("rusak mulai entri {seq}: {reason}"))
                }
                crate::audit::Verdict::Intact { .. } => None,
            },
            baris: Vec::new(),
        };
        Ok(self.note_integrity(found))
    }

    fn note_integrity(&self, found: IntegrityReport) -> IntegrityReport {
        let mut state = self.integrity.lock().unwrap_or_else(|e| e.into_inner());
        state.merge(found);
        state.clone()
    }

    /// What was found changed outside Loket (empty: intact).
    pub fn integrity(&self) -> IntegrityReport {
        self.integrity
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Accepts the database as it is (after an admin looked at what was
    /// found, or after a restore): the rows are sealed again, the log's
    /// checkpoint starts again at its head, and the acceptance is in the
    /// log. Returns the rows that were sealed again.
    pub async fn accept_integrity(
        &self,
        now: DateTime<FixedOffset>,
        who: &str,
    ) -> Result<Vec<integrity::TamperedRow>> {
        let act = self.acting(Actor::named(who), now);
        let rows = integrity::accept(&self.db, &act).await?;
        checkpoint::restart(&self.db, &*self.keys, &self.database).await?;
        *self.checkpoint.lock().unwrap_or_else(|e| e.into_inner()) =
            checkpoint::read(&*self.keys, &self.database)?;
        *self.integrity.lock().unwrap_or_else(|e| e.into_inner()) = IntegrityReport::default();
        Ok(rows)
    }

    /// One pass of the mail sender: the certificate expiry notices due at
    /// `now`, then every message due, signing in with the SMTP password
    /// from the keyring. The shell runs it in the background, never on a
    /// desk command's path. A desk found changed outside Loket sends nothing.
    pub async fn send_mail(&self, now: DateTime<FixedOffset>) -> Result<crate::mail::sender::Pass> {
        let found = self.integrity();
        if !found.intact() {
            return Err(Error::Tampered(found.message()));
        }
        let password = self.smtp_password()?;
        crate::mail::worker::pass(
            &self.db,
            &self.key,
            password.as_deref(),
            now,
            crate::mail::sender::ABANDONED_AFTER,
        )
        .await
    }

    /// Moves what kiosk PCs sealed for the audit log into it (see
    /// [`crate::kiosk::events`]); returns how many entries were added.
    pub async fn collect_kiosk_events(&self, now: DateTime<FixedOffset>) -> Result<usize> {
        crate::kiosk::events::collect(&self.db, &self.unsigned(now)).await
    }

    /// The daily backup when it is due (the shell asks every 10 minutes).
    /// A desk found changed outside Loket makes none: its settings (folder,
    /// how many to keep) may be the attacker's, and rotating would delete
    /// the good backups a restore needs.
    pub async fn scheduled_backup(&self, now: DateTime<FixedOffset>) -> Result<bool> {
        let changed = integrity::rows(&self.db, &self.key, Depth::Commands).await?;
        if !changed.is_empty() {
            self.note_integrity(IntegrityReport {
                log: None,
                baris: changed,
            });
        }
        let found = self.integrity();
        if !found.intact() {
            return Err(Error::Tampered(found.message()));
        }
        if !crate::backup::due(&self.db, now).await? {
            return Ok(false);
        }
        let act = self.acting(Actor::named("jadwal cadangan harian"), now);
        crate::backup::make::run(&self.db, &act, &self.backup).await?;
        Ok(true)
    }

    /// The SMTP password from the keyring, if kept.
    pub fn smtp_password(&self) -> Result<Option<String>> {
        Ok(self
            .keys
            .get(crate::credentials::Credential::SmtpPassword.entry())?
            .map(|p| String::from_utf8_lossy(p.expose()).into_owned()))
    }

    /// Advances the audit checkpoint in the keyring to the log's head (when
    /// the new entries chain on from it). The shell calls this once a second
    /// while Loket runs, and every verification calls it first.
    ///
    /// A log that no longer reaches the checkpoint (its tail cut while Loket
    /// runs, an older copy put in place) or that grew by entries that do not
    /// chain on is found here within a second, and the desk turns read-only.
    pub async fn keep_checkpoint(&self) -> Result<()> {
        let known = self.known_checkpoint();
        let held = checkpoint::advance(
            &self.db,
            &self.key,
            &*self.keys,
            &self.database,
            known.clone(),
        )
        .await?;
        if let Some(new) = &held
            && Some(new) != known.as_ref()
        {
            *self.checkpoint.lock().unwrap_or_else(|e| e.into_inner()) = Some(new.clone());
        }
        let head = crate::audit::head_seq(&self.db).await?;
        if self.integrity().log.is_none() && held.as_ref().map_or(0, |c| c.seq) != head {
            let found = checkpoint::check_since(&self.db, &self.key, held.as_ref()).await?;
            if let crate::audit::Verdict::Broken { seq, reason } = found {
                self.note_integrity(IntegrityReport {
                    log: Some(format!("rusak mulai entri {seq}: {reason}")),
                    baris: Vec::new(),
                });
            }
        }
        Ok(())
    }

    /// Notes a remembered session's activity on its token, at most once a
    /// minute (see [`tokens::note_activity`]).
    async fn note_activity(&self, now: DateTime<FixedOffset>) -> Result<()> {
        if !self.remembered.load(SeqCst) {
            return Ok(());
        }
        {
            let mut noted = self
                .activity_noted
                .lock()
                .unwrap_or_else(|e| e.into_inner());
            if noted.is_some_and(|t| now - t < Duration::minutes(1)) {
                return Ok(());
            }
            *noted = Some(now);
        }
        tokens::note_activity(&self.db, &self.key, &*self.keys, now).await
    }

    fn known_checkpoint(&self) -> Option<Checkpoint> {
        self.checkpoint
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Verifies the audit log: the whole chain, then against the keyring's
    /// checkpoint and (when given) a checkpoint file kept elsewhere.
    pub async fn verify_audit(&self, file: Option<&[u8]>) -> Result<AuditReport> {
        self.keep_checkpoint().await?;
        let from_file = file
            .map(|bytes| checkpoint::read_file(bytes, &self.key, &self.database))
            .transpose()?;
        let known = self.known_checkpoint();
        for cp in [known.as_ref(), from_file.as_ref()].into_iter().flatten() {
            let v = checkpoint::verify(&self.db, &self.key, Some(cp)).await?;
            if matches!(v, crate::audit::Verdict::Broken { .. }) {
                return Ok(v.into());
            }
        }
        Ok(checkpoint::verify(&self.db, &self.key, None).await?.into())
    }

    /// The log's head now as a checkpoint file: its name and JSON.
    pub async fn export_checkpoint(&self, now: DateTime<FixedOffset>) -> Result<(String, Vec<u8>)> {
        checkpoint::export(&self.db, &self.key, &self.database, now).await
    }

    fn slot(&self) -> MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn acting(&self, actor: Actor, now: DateTime<FixedOffset>) -> Acting<'_> {
        Acting::new(&self.key, actor, now)
    }

    /// The context of what happens before anyone signs in (a sign-in
    /// attempt): the audit log this desk writes, for its kiosk window's
    /// sign-ins too.
    pub fn unsigned(&self, now: DateTime<FixedOffset>) -> Acting<'_> {
        self.acting(Actor::named(NOBODY), now)
    }

    /// The context to act in, if the operator signed in at the staff window
    /// may call a command under `rule` now (see [`auth`]); a permitted call
    /// counts as activity.
    /// The operator is read again first, so a role changed, an account
    /// deactivated or a password reset by an admin (at any desk) counts from
    /// this command on.
    ///
    /// Before every command the rows that grant power are checked against
    /// their seals; a desk found changed outside Loket gives a context that
    /// refuses every change (read-only), with the reason.
    pub async fn authorize(
        &self,
        rule: auth::Rule,
        now: DateTime<FixedOffset>,
    ) -> Result<Acting<'_>> {
        let changed = integrity::rows(&self.db, &self.key, Depth::Commands).await?;
        if !changed.is_empty() {
            self.note_integrity(IntegrityReport {
                log: None,
                baris: changed,
            });
        }
        auth::reread(&self.db, Some(&self.key), &self.session, rule).await?;
        let actor = auth::authorize(self.slot().as_mut(), rule, now)?;
        self.note_activity(now).await?;
        let act = self.acting(actor, now);
        let found = self.integrity();
        Ok(if found.intact() {
            act
        } else {
            act.read_only(found.message())
        })
    }

    /// The session at the staff window as of `now`: locked once idle too
    /// long, gone once expired (looking at it is not activity).
    pub fn session(&self, now: DateTime<FixedOffset>) -> Option<Session> {
        sessions::current(&mut self.slot(), now)
    }

    /// Whether the first-run setup is due, and who is signed in at the staff
    /// window. A lock seen here (the lock screen shows from this answer) is
    /// noted on the desk's "remember me" token, so a restart keeps it.
    pub async fn status(&self, now: DateTime<FixedOffset>) -> Result<DeskStatus> {
        let session = self.session(now);
        if session.as_ref().is_some_and(|s| s.locked) && !self.lock_noted.swap(true, SeqCst) {
            tokens::note_lock(&self.db, &self.key, &*self.keys, Some(now)).await?;
        }
        Ok(DeskStatus {
            setup_needed: recovery::fresh(&self.db).await?,
            session: session.map(|s| s.info()),
            integrity: self.integrity(),
        })
    }

    /// Signs an operator in at the staff window (and remembers them on this
    /// computer when asked). A kiosk account is refused here (its place is
    /// the kiosk window's [`KioskPost`]): the refusal is recorded as signed
    /// in and straight out again.
    pub async fn sign_in(
        &self,
        now: DateTime<FixedOffset>,
        rng: &mut (impl RngCore + CryptoRng),
        username: &str,
        password: &Password,
        remember: bool,
    ) -> Result<SessionInfo> {
        let act = self.acting(Actor::named(NOBODY), now);
        let session = sessions::sign_in(&self.db, &act, username, password).await?;
        if session.roles.contains(&Role::Kiosk) {
            sessions::sign_out(&self.db, &self.acting(session.actor(), now), &session).await?;
            return Err(Error::field(
                "username",
                "Akun kiosk hanya dapat masuk di jendela kiosk, bukan di meja layanan.",
            ));
        }
        // An admin signing in is told at once what changed outside Loket:
        // the log since the checkpoint and every sealed row are checked.
        if session.roles.contains(&Role::Admin) {
            self.check_integrity(Depth::Full).await?;
        }
        if remember {
            tokens::remember(
                &self.db,
                &self.key,
                &*self.keys,
                rng,
                act.now(),
                session.operator_id,
            )
            .await?;
        }
        self.remembered.store(remember, SeqCst);
        *self
            .activity_noted
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = None;
        let info = session.info();
        self.lock_noted.store(false, SeqCst);
        *self.slot() = Some(session);
        Ok(info)
    }

    /// Opens the locked staff window with the signed-in operator's own password.
    pub async fn unlock(
        &self,
        now: DateTime<FixedOffset>,
        password: &Password,
    ) -> Result<SessionInfo> {
        let Some(current) = self.slot().clone() else {
            return Err(Error::field(
                "password",
                "Tidak ada layar yang terkunci; masuk dengan akun Anda.",
            ));
        };
        let act = self.acting(current.actor(), now);
        let session = sessions::unlock(&self.db, &act, &current, password).await?;
        if self.lock_noted.swap(false, SeqCst) {
            tokens::note_lock(&self.db, &self.key, &*self.keys, None).await?;
        }
        // The token keeps when this working day began (a new one after a
        // restart past the old day's end), so the next restart counts from it.
        tokens::note_session_start(&self.db, &self.key, &*self.keys, session.signed_in_at).await?;
        // Opening the lock is activity: a restart right after stays open.
        tokens::note_activity(&self.db, &self.key, &*self.keys, act.now()).await?;
        *self
            .activity_noted
            .lock()
            .unwrap_or_else(|e| e.into_inner()) = Some(act.now());
        let info = session.info();
        *self.slot() = Some(session);
        Ok(info)
    }

    /// Signs out at the staff window and forgets this desk's remembered
    /// token; from the lock screen too (recorded as such).
    pub async fn sign_out(&self, now: DateTime<FixedOffset>) -> Result<()> {
        // As of now (locked once idle too long); an expired one still
        // forgets its token.
        let current = {
            let mut slot = self.slot();
            if let Some(s) = slot.as_mut() {
                let _ = s.observe(now);
            }
            slot.clone()
        };
        if let Some(s) = &current {
            let act = self.acting(s.actor(), now);
            tokens::forget(&self.db, &self.key, &*self.keys, act.now()).await?;
            sessions::sign_out(&self.db, &act, s).await?;
        }
        self.remembered.store(false, SeqCst);
        *self.slot() = None;
        // The import screen's chosen file holds people's data: it goes with the session.
        self.import.forget();
        Ok(())
    }

    /// The operator signed in at the staff window changes their own password.
    pub async fn change_password(
        &self,
        now: DateTime<FixedOffset>,
        rng: &mut (impl RngCore + CryptoRng),
        input: &PasswordChange,
    ) -> Result<()> {
        let Some(s) = self.slot().clone() else {
            return Err(Error::SignedOut("Masuk dulu dengan akun Anda.".into()));
        };
        let act = self.acting(s.actor(), now);
        accounts::change_password(&self.db, &act, rng, s.operator_id, input).await?;
        // The session goes on under the new password.
        let o = accounts::find(&self.db, s.operator_id).await?;
        if let Some(current) = self.slot().as_mut().filter(|c| c.operator_id == o.id) {
            current.credential = sessions::credential_of(&o);
        }
        Ok(())
    }

    /// A new admin on a desk that lost every admin, made with the recovery
    /// key (`loket recover-admin`); see [`recovery::recover_admin`].
    pub async fn recover_admin(
        &self,
        now: DateTime<FixedOffset>,
        rng: &mut (impl RngCore + CryptoRng),
        recovery_key: &str,
        input: &NewOperator,
    ) -> Result<accounts::OperatorRow> {
        let act = self.acting(Actor::named(NOBODY), now);
        recovery::recover_admin(&self.db, &act, &*self.keys, rng, recovery_key, input).await
    }

    /// The first run of a new desk: the first admin and the recovery key, then
    /// the admin is signed in to confirm the key was written down.
    pub async fn first_run(
        &self,
        now: DateTime<FixedOffset>,
        rng: &mut (impl RngCore + CryptoRng),
        input: &NewOperator,
    ) -> Result<FirstRun> {
        let act = self.acting(Actor::named(NOBODY), now);
        let first = recovery::first_run(&self.db, &act, &*self.keys, rng, input).await?;
        let session =
            sessions::sign_in(&self.db, &act, &first.operator.username, &input.password).await?;
        *self.slot() = Some(session);
        Ok(first)
    }
}
