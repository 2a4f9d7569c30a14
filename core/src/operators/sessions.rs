//! Signing in and the session that follows: the increasing delay and the lock
//! after repeated failures, the idle lock and the end of a working day, the
//! unlock with the same operator's password, a remembered desk's sign-in and
//! sign-out. Every attempt is in the audit log.
//!
//! Every function takes the current time (through [`Acting`]), so the timing
//! rules are tested with an injected clock.

use chrono::{DateTime, Duration, FixedOffset};
use sea_orm::sea_query::{Expr, ExprTrait as _};
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};
use serde::Serialize;
use ts_rs::TS;

use super::accounts::{self, roles_of};
use super::passwords::{self, Password};
use super::roles::Role;
use crate::audit::{Acting, Actor, Entry};
use crate::entities::operators;
use crate::{Error, Result, store};

/// A session locks after this long without a command.
pub const IDLE_LOCK_MINUTES: i64 = 15;
/// A session ends this long after sign-in, whatever happens.
pub const SESSION_HOURS: i64 = 12;
/// Failed attempts before the delay starts, and before the account locks.
pub const DELAY_FROM: i32 = 5;
pub const LOCK_AFTER: i32 = 10;

/// Seconds to wait before the next attempt after `failed` failures.
pub fn delay_seconds(failed: i32) -> i64 {
    if failed < DELAY_FROM {
        0
    } else {
        1 << Ord::min(failed - DELAY_FROM, 6)
    }
}

/// A signed-in operator at this desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub operator_id: i64,
    pub username: String,
    pub nama: String,
    pub roles: Vec<Role>,
    pub signed_in_at: DateTime<FixedOffset>,
    pub last_activity: DateTime<FixedOffset>,
    /// Locked after [`IDLE_LOCK_MINUTES`] idle: only the same operator's password opens it.
    pub locked: bool,
    /// A fingerprint of the password hash the session began with: a reset
    /// by the admin ends the session at its next command.
    pub credential: String,
}

/// The fingerprint of an operator's password hash kept in a session.
pub fn credential_of(o: &operators::Model) -> String {
    crate::files::sha256_hex(o.password_hash.as_bytes())
}

/// What the UI knows of the session.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SessionInfo {
    pub username: String,
    pub nama: String,
    pub roles: Vec<Role>,
    pub locked: bool,
}

impl Session {
    /// A fresh session for operator `o`, starting at `now`.
    pub(crate) fn start(o: &operators::Model, now: DateTime<FixedOffset>) -> Result<Session> {
        Ok(Session {
            operator_id: o.id,
            username: o.username.clone(),
            nama: o.nama.clone(),
            roles: roles_of(o)?,
            signed_in_at: now,
            last_activity: now,
            locked: false,
            credential: credential_of(o),
        })
    }

    /// Applies what the database says of this operator now (read at each
    /// command): deactivated, locked, removed or given a new password by an
    /// admin ends the session; new roles take effect at once.
    pub fn refresh(&mut self, o: Option<&operators::Model>) -> Result<()> {
        let Some(o) = o.filter(|o| o.id == self.operator_id) else {
            return Err(Error::SignedOut(
                "Akun Anda tidak ada lagi; hubungi admin.".into(),
            ));
        };
        if !o.active {
            return Err(Error::SignedOut(
                "Akun Anda telah dinonaktifkan oleh admin.".into(),
            ));
        }
        if o.locked {
            return Err(Error::SignedOut(
                "Akun Anda terkunci; minta admin membukanya.".into(),
            ));
        }
        if credential_of(o) != self.credential {
            return Err(Error::SignedOut(
                "Kata sandi akun Anda telah diganti; masuk kembali dengan kata sandi yang baru."
                    .into(),
            ));
        }
        self.roles = roles_of(o)?;
        self.nama.clone_from(&o.nama);
        Ok(())
    }

    /// The UI's view of it.
    pub fn info(&self) -> SessionInfo {
        SessionInfo {
            username: self.username.clone(),
            nama: self.nama.clone(),
            roles: self.roles.clone(),
            locked: self.locked,
        }
    }

    /// Applies the clock without counting as activity: locked after
    /// [`IDLE_LOCK_MINUTES`] without activity, expired after [`SESSION_HOURS`].
    pub fn observe(&mut self, now: DateTime<FixedOffset>) -> Result<()> {
        if now - self.signed_in_at >= Duration::hours(SESSION_HOURS) {
            return Err(Error::SignedOut(format!(
                "Sesi berakhir setelah {SESSION_HOURS} jam; masuk kembali."
            )));
        }
        // A kiosk account never idle-locks: the kiosk window has its own
        // reset to the welcome screen, and applicants do not hold its password.
        let kiosk = self.roles.contains(&Role::Kiosk);
        if !kiosk && now - self.last_activity >= Duration::minutes(IDLE_LOCK_MINUTES) {
            self.locked = true;
        }
        if self.locked {
            return Err(Error::Locked(format!(
                "Layar terkunci setelah {IDLE_LOCK_MINUTES} menit tanpa aktivitas; masukkan kata sandi {} untuk melanjutkan.",
                self.username
            )));
        }
        Ok(())
    }

    /// Like [`Session::observe`], and a permitted call counts as activity.
    pub fn check(&mut self, now: DateTime<FixedOffset>) -> Result<()> {
        self.observe(now)?;
        self.last_activity = now;
        Ok(())
    }

    /// The actor recorded for what this operator does.
    pub fn actor(&self) -> Actor {
        Actor::named(self.username.clone())
    }
}

/// The session held in `slot` as of `now`: locked once idle too long,
/// dropped once expired (looking at it is not activity). The desk's staff
/// window and the kiosk post both keep theirs this way.
pub fn current(slot: &mut Option<Session>, now: DateTime<FixedOffset>) -> Option<Session> {
    if let Some(s) = slot.as_mut()
        && let Err(Error::SignedOut(_)) = s.observe(now)
    {
        *slot = None;
    }
    slot.clone()
}

/// The actor an attempt for `typed` is recorded under: the account's user
/// name when it exists, never the text typed otherwise (it may be a password
/// typed into the wrong field, or anything a stranger tried).
pub const UNKNOWN_NAME: &str = "(nama tidak dikenal)";

/// Counts a failed attempt (and locks at [`LOCK_AFTER`]); returns the refusal to show.
async fn failed_attempt(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    op: Option<operators::Model>,
) -> Result<Error> {
    let txn = store::begin_write(db).await?;
    let mut locked_now = false;
    if let Some(op) = &op {
        // Counted in the database, inside the write transaction: attempts
        // made at the same moment (several desks, a script) each count.
        operators::Entity::update_many()
            .col_expr(
                operators::Column::FailedCount,
                Expr::col(operators::Column::FailedCount).add(1),
            )
            .col_expr(operators::Column::LastFailedAt, Expr::value(act.now()))
            .filter(operators::Column::Id.eq(op.id))
            .exec(&txn)
            .await?;
        let counted = accounts::find(&txn, op.id).await?;
        locked_now = counted.failed_count >= LOCK_AFTER && !counted.locked;
        if locked_now {
            let mut am: operators::ActiveModel = counted.into();
            am.locked = Set(true);
            accounts::save(&txn, act.key(), am).await?;
        }
    }
    let entity_id = op.as_ref().map(|o| o.id.to_string()).unwrap_or_default();
    act.record(
        &txn,
        Entry::new(
            "signin.failed",
            "operator",
            entity_id,
            serde_json::json!({}),
        ),
    )
    .await?;
    if locked_now && let Some(op) = &op {
        act.record(
            &txn,
            Entry::new(
                "operator.lock",
                "operator",
                op.id,
                serde_json::json!({ "after_failures": LOCK_AFTER }),
            ),
        )
        .await?;
    }
    txn.commit().await?;
    Ok(if locked_now {
        Error::field(
            "password",
            format!("Akun terkunci setelah {LOCK_AFTER} kali gagal masuk; minta admin membukanya."),
        )
    } else {
        Error::field("password", "Nama pengguna atau kata sandi salah.")
    })
}

/// Signs an operator in at a desk. Failures count; from the 5th the next
/// attempt waits an increasing delay, and the 10th locks the account until
/// an admin unlocks it. Success resets the count. Every attempt is in the
/// audit log, under the account's user name when it exists (see
/// [`UNKNOWN_NAME`]). A kiosk never calls this: its passwords are checked by
/// `kiosk::guard`, which counts toward no account's lock-out.
pub async fn sign_in(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    username: &str,
    password: &Password,
) -> Result<Session> {
    let username = username.trim().to_lowercase();
    let op = if username.is_empty() || username.chars().count() > 64 {
        None
    } else {
        accounts::find_by_username(db, &username).await?
    };
    let act = act.as_actor(Actor::named(
        op.as_ref()
            .map_or_else(|| UNKNOWN_NAME.to_string(), |o| o.username.clone()),
    ));
    let now = act.now();
    if let Some(o) = &op {
        // A row edited outside Loket (roles, password hash) is never used.
        if !accounts::intact(act.key(), o) {
            return Err(Error::field("username", accounts::tampered(o).to_string()));
        }
        if o.locked {
            return Err(Error::field(
                "password",
                "Akun terkunci setelah berkali-kali gagal masuk; minta admin membukanya.",
            ));
        }
        if let Some(last) = o.last_failed_at {
            let wait = delay_seconds(o.failed_count) - (now - last).num_seconds();
            if wait > 0 {
                return Err(Error::field(
                    "password",
                    format!("Terlalu banyak percobaan gagal. Tunggu {wait} detik lalu coba lagi."),
                ));
            }
        }
    }
    let ok = match &op {
        Some(o) => passwords::verify(&password.secret(), &o.password_hash).await?,
        // The same work for an unknown name, so timing does not tell names apart.
        None => {
            let _ = passwords::verify(&password.secret(), passwords::dummy_hash()).await?;
            false
        }
    };
    let Some(o) = op.clone().filter(|_| ok) else {
        return Err(failed_attempt(db, &act, op).await?);
    };
    if !o.active {
        return Err(Error::field("username", "Akun ini sudah dinonaktifkan."));
    }
    let txn = store::begin_write(db).await?;
    let mut am: operators::ActiveModel = o.clone().into();
    am.failed_count = Set(0);
    am.last_failed_at = Set(None);
    am.update(&txn).await?;
    act.record(
        &txn,
        Entry::new("signin", "operator", o.id, serde_json::json!({})),
    )
    .await?;
    txn.commit().await?;
    Session::start(&o, now)
}

/// Opens a locked session with the same operator's password.
pub async fn unlock(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    session: &Session,
    password: &Password,
) -> Result<Session> {
    let mut fresh = sign_in(db, act, &session.username, password).await?;
    // The working day still counts from the first sign-in.
    fresh.signed_in_at = session.signed_in_at;
    if fresh.last_activity - fresh.signed_in_at >= Duration::hours(SESSION_HOURS) {
        fresh.signed_in_at = fresh.last_activity;
    }
    Ok(fresh)
}

/// A session for the operator this desk remembers, if that operator may
/// still sign in; the sign-in is audited.
pub async fn resume(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    operator_id: i64,
) -> Result<Option<Session>> {
    let o = accounts::find(db, operator_id).await?;
    if !o.active || o.locked || !accounts::intact(act.key(), &o) {
        return Ok(None);
    }
    act.as_actor(Actor::named(o.username.clone()))
        .log(
            db,
            Entry::new("signin.remembered", "operator", o.id, serde_json::json!({})),
        )
        .await?;
    Ok(Some(Session::start(&o, act.now())?))
}

/// Records a sign-out (and whether it was made from the lock screen).
pub async fn sign_out(db: &DatabaseConnection, act: &Acting<'_>, session: &Session) -> Result<()> {
    act.log(
        db,
        Entry::new(
            "signout",
            "operator",
            session.operator_id,
            serde_json::json!({ "terkunci": session.locked }),
        ),
    )
    .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn t(min: i64) -> DateTime<FixedOffset> {
        FixedOffset::east_opt(8 * 3600)
            .unwrap()
            .with_ymd_and_hms(2026, 11, 23, 8, 0, 0)
            .unwrap()
            + Duration::minutes(min)
    }

    fn session() -> Session {
        Session {
            operator_id: 1,
            username: "ayu".into(),
            nama: "Ayu".into(),
            roles: vec![Role::Operator],
            signed_in_at: t(0),
            last_activity: t(0),
            locked: false,
            credential: String::new(),
        }
    }

    #[test]
    fn a_session_locks_after_fifteen_idle_minutes_and_ends_after_twelve_hours() {
        let mut s = session();
        assert!(s.check(t(14)).is_ok(), "14 minutes idle is fine");
        assert!(s.check(t(28)).is_ok(), "activity at 14 moved the clock");
        assert!(
            matches!(s.check(t(43)), Err(Error::Locked(_))),
            "15 idle minutes lock"
        );
        assert!(s.locked);
        assert!(
            matches!(s.check(t(44)), Err(Error::Locked(_))),
            "stays locked"
        );
        let mut busy = session();
        for m in (10..12 * 60).step_by(10) {
            busy.check(t(m)).unwrap();
        }
        assert!(
            matches!(busy.check(t(12 * 60)), Err(Error::SignedOut(_))),
            "a working day at most"
        );
    }

    #[test]
    fn the_delay_grows_from_the_fifth_failure() {
        let d: Vec<i64> = (0..=10).map(delay_seconds).collect();
        assert_eq!(d, [0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32]);
    }
}
