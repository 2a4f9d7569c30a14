//! Passwords typed at a kiosk. The kiosk stands in front of the public, so
//! what is typed there never counts toward an operator's lock-out (a member of
//! the public could otherwise lock the desk's only admin), never tells which
//! user names exist or whose password was right, and is slowed per kiosk
//! instead: after [`FREE_TRIES`] failures each next attempt waits twice as
//! long as the one before, up to [`MAX_WAIT_SECONDS`]. Every attempt is
//! recorded (see [`super::events`]).

use std::sync::Mutex;

use chrono::{DateTime, Duration, FixedOffset};
use sea_orm::ConnectionTrait;

use crate::entities::operators;
use crate::operators::accounts::{self, roles_of};
use crate::operators::passwords::{self, Password};
use crate::operators::roles::Role;
use crate::{Error, Result};

/// Failures at one kiosk before attempts are slowed.
pub const FREE_TRIES: u32 = 3;
/// The longest wait between attempts at one kiosk.
pub const MAX_WAIT_SECONDS: i64 = 300;

/// The one answer to every refused password at a kiosk: an unknown name, a
/// wrong password, a staff account's right password where only a kiosk
/// account may sign in, a deactivated or locked account.
pub const REFUSED: &str = "Nama pengguna atau kata sandi salah.";

/// Seconds to wait before the next attempt after `failures` failures.
pub fn wait_seconds(failures: u32) -> i64 {
    if failures < FREE_TRIES {
        0
    } else {
        (2i64 << (failures - FREE_TRIES).min(16)).min(MAX_WAIT_SECONDS)
    }
}

/// Who a kiosk may accept for an action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// The kiosk's own account (signing the kiosk in).
    Kiosk,
    /// A staff member taking the kiosk out of service: a staff account, or
    /// at a kiosk PC the kiosk account signed in there (its id), whose
    /// password only staff hold (on its own database role staff accounts are
    /// closed to it).
    Staff { signed_in: Option<i64> },
}

impl Wanted {
    fn fits(self, o: &operators::Model, roles: &[Role]) -> bool {
        match self {
            Wanted::Kiosk => roles.contains(&Role::Kiosk),
            Wanted::Staff { signed_in } => {
                roles.iter().any(|r| *r != Role::Kiosk) || signed_in == Some(o.id)
            }
        }
    }
}

/// What an attempt came to.
#[derive(Debug, Clone)]
pub enum Attempt {
    /// The account, fit for what was asked.
    Accepted(operators::Model),
    /// Refused; the account typed, when it exists (its name may be recorded;
    /// a name that exists nowhere, perhaps a password typed in the wrong
    /// field, is never recorded).
    Refused(Option<operators::Model>),
}

/// One kiosk's count of failures.
#[derive(Debug, Default)]
pub struct Guard {
    state: Mutex<(u32, Option<DateTime<FixedOffset>>)>,
    /// Attempts at one kiosk take turns: sent at the same moment, each
    /// still meets the wait the one before it earned.
    turn: tokio::sync::Mutex<()>,
}

impl Guard {
    /// Refuses an attempt made before this kiosk's wait is over.
    pub fn admit(&self, now: DateTime<FixedOffset>) -> Result<()> {
        let (failures, last) = *self.state.lock().unwrap_or_else(|e| e.into_inner());
        let Some(last) = last else { return Ok(()) };
        let left = wait_seconds(failures) - (now - last).num_seconds();
        if left > 0 {
            return Err(Error::field(
                "password",
                format!(
                    "Terlalu banyak percobaan yang salah di kiosk ini. Tunggu {left} detik, lalu \
                     coba lagi."
                ),
            ));
        }
        Ok(())
    }

    /// Checks `username` and `password` for `wanted`, touching nothing
    /// stored; counts the failure or clears the count.
    pub async fn check(
        &self,
        db: &impl ConnectionTrait,
        now: DateTime<FixedOffset>,
        username: &str,
        password: &Password,
        wanted: Wanted,
    ) -> Result<Attempt> {
        let typed = username.trim().to_lowercase();
        // An empty field is a slip, not a guess: said at its field, not counted.
        if typed.is_empty() {
            return Err(Error::field("username", "Isi nama pengguna."));
        }
        if password.as_str().is_empty() {
            return Err(Error::field("password", "Isi kata sandi."));
        }
        let _turn = self.turn.lock().await;
        self.admit(now)?;
        let op = if typed.chars().count() > 64 {
            None
        } else {
            accounts::find_by_username(db, &typed).await?
        };
        // The same work whether or not the name exists.
        let hash = op
            .as_ref()
            .map_or(passwords::dummy_hash(), |o| o.password_hash.as_str());
        let right = passwords::verify(&password.secret(), hash).await? && op.is_some();
        let fit = op.as_ref().is_some_and(|o| {
            o.active && !o.locked && roles_of(o).is_ok_and(|r| wanted.fits(o, &r))
        });
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        match op {
            Some(o) if right && fit => {
                *state = (0, None);
                Ok(Attempt::Accepted(o))
            }
            op => {
                state.0 = state.0.saturating_add(1);
                state.1 = Some(now);
                Ok(Attempt::Refused(op))
            }
        }
    }

    /// Failures counted at this kiosk now.
    pub fn failures(&self) -> u32 {
        self.state.lock().unwrap_or_else(|e| e.into_inner()).0
    }
}

/// The refusal every failed attempt gets.
pub fn refused() -> Error {
    Error::field("password", REFUSED)
}

/// How long the wait after `failures` is, as a duration.
pub fn wait(failures: u32) -> Duration {
    Duration::seconds(wait_seconds(failures))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_doubles_after_three_failures_up_to_five_minutes() {
        let w: Vec<i64> = (0..=12).map(wait_seconds).collect();
        assert_eq!(w, [0, 0, 0, 2, 4, 8, 16, 32, 64, 128, 256, 300, 300]);
        assert_eq!(wait_seconds(u32::MAX), MAX_WAIT_SECONDS);
    }
}
