//! A kiosk post: what the applicant-facing kiosk window works with. It holds
//! the database, the office's public [`KioskKey`] and the kiosk account's
//! session, and never the data key: whatever it submits it can seal but not
//! read back, and personal data already in the database stays closed to it.
//!
//! On a kiosk PC the post is all Loket opens, with the office's key pinned in
//! the PC's keyring at pairing ([`pin`]); on the one-PC set-up the desk builds
//! one for its kiosk window from its own key, so the kiosk window's commands
//! follow the same rule there. Passwords typed at a kiosk are checked by its
//! [`Guard`] (slowed per kiosk, never counted toward an account's lock-out,
//! one answer for every refusal) and every attempt is recorded: in the desk's
//! log beside a desk, sealed for the next desk at a kiosk PC ([`events`]).

use std::sync::{Mutex, MutexGuard};

use chrono::{DateTime, FixedOffset};
use rand::{CryptoRng, RngCore};
use sea_orm::DatabaseConnection;

use super::events::{self, KioskEvent};
use super::guard::{self, Attempt, Guard, Wanted};
use super::inbox::{self, KioskReceipt, KioskSubmission};
use crate::audit::{Acting, Actor};
use crate::auth;
use crate::operators::passwords::Password;
use crate::operators::recovery;
use crate::operators::sessions::{self, Session, SessionInfo};
use crate::secrets::{KeyStore, KioskKey, Secret};
use crate::{Error, Result, store};

/// The keyring entry of a kiosk PC: the office's public key, pinned at pairing.
pub const PINNED_KEY_ENTRY: &str = "kiosk-office-key";

/// The setting where a desk publishes the office's public key, so a kiosk
/// can tell that it was paired with this database's office.
pub const SETTING_PUBLIC_KEY: &str = "kiosk_public_key";

/// The kiosk window's side of Loket.
pub struct KioskPost {
    pub db: DatabaseConnection,
    office: KioskKey,
    session: Mutex<Option<Session>>,
    guard: Guard,
    /// A kiosk PC (not a desk's own kiosk window): it never offers the
    /// first-run set-up, which is a desk's, and may see no admin at all.
    at_pc: bool,
}

/// What the kiosk's start screen needs.
#[derive(Debug, Clone)]
pub struct PostStatus {
    pub setup_needed: bool,
    pub session: Option<SessionInfo>,
}

/// The office's public key as typed (64 hex digits, as `loket kiosk-key`
/// prints it on a desk).
fn parse_key(text: &str) -> Result<KioskKey> {
    KioskKey::from_hex(text.trim()).ok_or_else(|| {
        Error::field(
            "kunci",
            format!(
                "Kunci kantor harus {} digit heksadesimal, seperti yang dicetak `loket kiosk-key` di meja layanan.",
                KioskKey::HEX_LEN
            ),
        )
    })
}

/// Stores the office's public key (64 hex digits, as `loket kiosk-key` prints
/// it on a desk) in this PC's keyring; returns the key as stored.
pub fn pin(keys: &dyn KeyStore, text: &str) -> Result<KioskKey> {
    let key = parse_key(text)?;
    keys.set(PINNED_KEY_ENTRY, &Secret::new(key.to_hex().into_bytes()))?;
    Ok(key)
}

/// Pairs this PC with the office of the database at `url`: the key typed is
/// stored in `keys` only when the database can be reached and its desks
/// publish the same key (a mistyped or another office's key is refused and
/// nothing is stored).
pub async fn pair(url: &str, keys: &dyn KeyStore, text: &str) -> Result<KioskKey> {
    let key = parse_key(text)?;
    KioskPost::open_with(url, key.clone()).await?;
    pin(keys, text)
}

/// The key pinned in this PC's keyring, if it was paired.
pub fn pinned(keys: &dyn KeyStore) -> Result<Option<KioskKey>> {
    let Some(secret) = keys.get(PINNED_KEY_ENTRY)? else {
        return Ok(None);
    };
    let text = String::from_utf8_lossy(secret.expose()).to_string();
    KioskKey::from_hex(&text).map(Some).ok_or_else(|| {
        Error::Unusable(
            "Kunci kantor di keyring kiosk ini rusak; pasangkan ulang dengan `loket pair-kiosk`."
                .into(),
        )
    })
}

/// Publishes the office's key in the database (a desk does it at start).
pub async fn publish(db: &DatabaseConnection, key: &crate::secrets::DataKey) -> Result<()> {
    let hex = key.kiosk_key().to_hex();
    if store::setting(db, SETTING_PUBLIC_KEY).await?.as_deref() != Some(hex.as_str()) {
        store::set_setting(db, key, SETTING_PUBLIC_KEY, &hex).await?;
    }
    Ok(())
}

impl KioskPost {
    /// The post of a desk's own kiosk window (the one-PC set-up).
    pub fn beside_desk(db: DatabaseConnection, office: KioskKey) -> KioskPost {
        KioskPost {
            db,
            office,
            session: Mutex::new(None),
            guard: Guard::default(),
            at_pc: false,
        }
    }

    /// Opens a kiosk PC: the database at `url` and the key pinned in `keys`.
    /// Refused when the PC was never paired, or was paired with another
    /// office's key than the one the desks of this database publish.
    pub async fn open(url: &str, keys: &dyn KeyStore) -> Result<KioskPost> {
        let office = pinned(keys)?.ok_or_else(|| {
            Error::Unusable(
                "Kiosk ini belum dipasangkan dengan kantor: jalankan `loket kiosk-key` di PC meja layanan, lalu `loket pair-kiosk KUNCI` di PC kiosk ini.".into(),
            )
        })?;
        KioskPost::open_with(url, office).await
    }

    /// Opens a kiosk PC at `url` with the office's key `office`.
    async fn open_with(url: &str, office: KioskKey) -> Result<KioskPost> {
        let db = store::open_current(url).await?;
        match store::setting(&db, SETTING_PUBLIC_KEY).await? {
            None => {
                return Err(Error::Unusable(
                    "Basis data ini belum pernah dibuka oleh meja layanan; buka Loket di meja layanan dulu."
                        .into(),
                ));
            }
            Some(published) if published != office.to_hex() => {
                return Err(Error::Unusable(format!(
                    "Kunci kantor yang dipasangkan di kiosk ini ({}) tidak sama dengan kunci kantor basis data ini ({}). Pasangkan ulang dengan `loket pair-kiosk`.",
                    fingerprint(&office.to_hex()),
                    fingerprint(&published)
                )));
            }
            Some(_) => {}
        }
        Ok(KioskPost {
            at_pc: true,
            ..KioskPost::beside_desk(db, office)
        })
    }

    fn slot(&self) -> MutexGuard<'_, Option<Session>> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Who is signed in at the kiosk as of `now`.
    pub fn session(&self, now: DateTime<FixedOffset>) -> Option<Session> {
        sessions::current(&mut self.slot(), now)
    }

    /// Whether the first-run setup is due, and who is signed in.
    pub async fn status(&self, now: DateTime<FixedOffset>) -> Result<PostStatus> {
        Ok(PostStatus {
            setup_needed: !self.at_pc && recovery::fresh(&self.db).await?,
            session: self.session(now).map(|s| s.info()),
        })
    }

    /// The kiosk account acting, if it may call a command under `rule` now
    /// (read again first: a kiosk account deactivated by an admin stops at once).
    pub async fn authorize(&self, rule: auth::Rule, now: DateTime<FixedOffset>) -> Result<Actor> {
        auth::reread(&self.db, None, &self.session, rule).await?;
        auth::authorize(self.slot().as_mut(), rule, now)
    }

    /// Checks a password typed at this kiosk for `wanted` and records the
    /// attempt (see [`Guard`] and [`events`]); the account when accepted.
    async fn attempt(
        &self,
        audit: Option<&Acting<'_>>,
        rng: &mut (impl RngCore + CryptoRng),
        now: DateTime<FixedOffset>,
        username: &str,
        password: &Password,
        wanted: Wanted,
    ) -> Result<crate::entities::operators::Model> {
        let now = crate::audit::truncate_micros(now);
        let attempt = self
            .guard
            .check(&self.db, now, username, password, wanted)
            .await?;
        let (accepted, op) = match attempt {
            Attempt::Accepted(o) => (true, Some(o)),
            Attempt::Refused(o) => (false, o),
        };
        let action = match (wanted, accepted) {
            (Wanted::Kiosk, true) => "kiosk.signin",
            (Wanted::Kiosk, false) => "kiosk.signin_failed",
            (Wanted::Staff { .. }, true) => "kiosk.release",
            (Wanted::Staff { .. }, false) => "kiosk.release_failed",
        };
        let event = KioskEvent {
            action: action.into(),
            operator_id: op.as_ref().map(|o| o.id),
            username: op.as_ref().map(|o| o.username.clone()),
            at: now,
            failures: self.guard.failures(),
        };
        events::record(&self.db, audit, &self.office, rng, &event).await?;
        match op {
            Some(o) if accepted => Ok(o),
            _ => Err(guard::refused()),
        }
    }

    /// Signs a kiosk account in. Every refusal (an unknown name, a wrong
    /// password, a staff account's right password) is the same sentence, is
    /// slowed per kiosk and counts toward no account's lock-out; each attempt
    /// is recorded. `audit` is the desk's log on the one-PC set-up, `None`
    /// at a kiosk PC.
    pub async fn sign_in(
        &self,
        audit: Option<&Acting<'_>>,
        rng: &mut (impl RngCore + CryptoRng),
        now: DateTime<FixedOffset>,
        username: &str,
        password: &Password,
    ) -> Result<SessionInfo> {
        let o = self
            .attempt(audit, rng, now, username, password, Wanted::Kiosk)
            .await?;
        let session = Session::start(&o, crate::audit::truncate_micros(now))?;
        let info = session.info();
        *self.slot() = Some(session);
        Ok(info)
    }

    /// Opens a locked kiosk with the kiosk account's own password.
    pub async fn unlock(
        &self,
        audit: Option<&Acting<'_>>,
        rng: &mut (impl RngCore + CryptoRng),
        now: DateTime<FixedOffset>,
        password: &Password,
    ) -> Result<SessionInfo> {
        let Some(current) = self.slot().clone() else {
            return Err(Error::field(
                "password",
                "Tidak ada layar yang terkunci; masuk dengan akun kiosk.",
            ));
        };
        let o = self
            .attempt(audit, rng, now, &current.username, password, Wanted::Kiosk)
            .await?;
        let mut session = Session::start(&o, crate::audit::truncate_micros(now))?;
        session.signed_in_at = current.signed_in_at;
        let info = session.info();
        *self.slot() = Some(session);
        Ok(info)
    }

    /// Signs the kiosk account out (recorded where the log can be written).
    pub async fn sign_out(&self, audit: Option<&Acting<'_>>) -> Result<()> {
        let current = self.slot().take();
        if let (Some(s), Some(act)) = (current, audit) {
            sessions::sign_out(&self.db, &act.as_actor(s.actor()), &s).await?;
        }
        Ok(())
    }

    /// Lets a staff member take the kiosk out of service (close it, leave
    /// full screen) with their own user name and password, or at a kiosk PC
    /// the user name and password of the kiosk account signed in there (held
    /// by staff; on its own database role the only account it can check),
    /// checked as every password at the kiosk is (the same answer for every
    /// refusal, slowed per kiosk, never toward the account's lock-out, each
    /// attempt recorded). Any other kiosk account is refused. Returns who
    /// released it.
    pub async fn release(
        &self,
        audit: Option<&Acting<'_>>,
        rng: &mut (impl RngCore + CryptoRng),
        now: DateTime<FixedOffset>,
        username: &str,
        password: &Password,
    ) -> Result<String> {
        // At a kiosk PC (on its own database role staff accounts are closed
        // to it) the kiosk account signed in here, whose password staff hold;
        // beside a desk staff name themselves.
        let signed_in = if self.at_pc {
            self.slot().as_ref().map(|s| s.operator_id)
        } else {
            None
        };
        let o = self
            .attempt(
                audit,
                rng,
                now,
                username,
                password,
                Wanted::Staff { signed_in },
            )
            .await?;
        Ok(o.username)
    }

    /// Seals an applicant's submission into the inbox (see [`inbox::submit`]).
    pub async fn submit(
        &self,
        actor: &Actor,
        now: DateTime<FixedOffset>,
        rng: &mut (impl RngCore + CryptoRng),
        input: &KioskSubmission,
    ) -> Result<KioskReceipt> {
        inbox::submit(&self.db, &self.office, &actor.name, now, rng, input).await
    }

    /// The office key this post seals to.
    pub fn office_key(&self) -> &KioskKey {
        &self.office
    }
}

/// A short form of a key for people comparing two screens: its first and
/// last eight hex digits.
pub fn fingerprint(hex: &str) -> String {
    if hex.len() <= 16 {
        return hex.to_string();
    }
    format!("{}…{}", &hex[..8], &hex[hex.len() - 8..])
}
