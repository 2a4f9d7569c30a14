//! "Remember me on this desk": a random token in the OS keyring, only its
//! hash in the database, revocable by sign-out, a password reset or
//! deactivation, and good for [`DEFAULT_REMEMBER_DAYS`] days (setting
//! `ingat_saya_hari`). Never the password.

use chrono::{DateTime, Duration, FixedOffset};
use rand::{CryptoRng, RngCore};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Set};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use crate::entities::operator_tokens;
use crate::secrets::{DataKey, KeyStore, Secret, hex};
use crate::{Error, Result, store};

/// Keyring entry of this desk's "remember me" token.
pub const REMEMBER_ENTRY: &str = "ingat-saya";
/// Setting: how many days a "remember me" token lasts.
pub const SETTING_REMEMBER_DAYS: &str = "ingat_saya_hari";
/// Days a token lasts when the setting is absent.
pub const DEFAULT_REMEMBER_DAYS: u64 = 14;

fn token_hash(token: &[u8]) -> String {
    hex(&Sha256::digest(token))
}

/// Writes a token row with its seal (see [`crate::seal::token`]).
async fn save(
    db: &impl ConnectionTrait,
    key: &DataKey,
    am: operator_tokens::ActiveModel,
) -> Result<operator_tokens::Model> {
    let t = if am.id.is_not_set() {
        am.insert(db).await?
    } else {
        am.update(db).await?
    };
    let seal = crate::seal::token(key, &t);
    if t.segel.as_deref() == Some(seal.as_str()) {
        return Ok(t);
    }
    let mut am: operator_tokens::ActiveModel = t.into();
    am.segel = Set(Some(seal));
    Ok(am.update(db).await?)
}

/// Whether a token row is as Loket wrote it.
pub fn intact(key: &DataKey, t: &operator_tokens::Model) -> bool {
    crate::seal::holds(t.segel.as_deref(), &crate::seal::token(key, t))
}

/// Remembers `operator_id` on this desk: a random token goes into the OS
/// keyring, its hash into the database.
pub async fn remember(
    db: &impl ConnectionTrait,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    rng: &mut (impl RngCore + CryptoRng),
    now: DateTime<FixedOffset>,
    operator_id: i64,
) -> Result<()> {
    let mut raw = [0u8; 32];
    rng.fill_bytes(&mut raw);
    let token = Zeroizing::new(hex(&raw));
    save(
        db,
        key,
        operator_tokens::ActiveModel {
            operator_id: Set(operator_id),
            token_hash: Set(token_hash(token.as_bytes())),
            created_at: Set(now),
            session_at: Set(Some(now)),
            ..Default::default()
        },
    )
    .await?;
    keys.set(REMEMBER_ENTRY, &Secret::new(token.as_bytes().to_vec()))?;
    Ok(())
}

/// What a valid token gives back on a restart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Remembered {
    pub operator_id: i64,
    /// The session was locked when Loket last saw it: it resumes locked.
    pub locked: bool,
    /// When that session began: the 12-hour working day counts from here.
    pub session_at: DateTime<FixedOffset>,
    /// When that session was last active (its creation, before any note).
    pub active_at: DateTime<FixedOffset>,
}

/// The operator this desk remembers as of `now`, if its token is still valid;
/// a revoked, expired or unknown token is removed from the keyring (an
/// expired one is revoked in the database too). A token row edited outside
/// Loket (pointed at another operator, its lock or working day cleared) is
/// never used: the desk starts at its sign-in screen.
pub async fn remembered(
    db: &impl ConnectionTrait,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    now: DateTime<FixedOffset>,
) -> Result<Option<Remembered>> {
    let Some(token) = keys.get(REMEMBER_ENTRY)? else {
        return Ok(None);
    };
    let days = store::number_setting(db, SETTING_REMEMBER_DAYS, DEFAULT_REMEMBER_DAYS).await?;
    if !(1..=90).contains(&days) {
        return Err(Error::setting(
            SETTING_REMEMBER_DAYS,
            format!("{days} hari di luar 1-90"),
        ));
    }
    let live = operator_tokens::Entity::find()
        .filter(operator_tokens::Column::TokenHash.eq(token_hash(token.expose())))
        .filter(operator_tokens::Column::RevokedAt.is_null())
        .one(db)
        .await?;
    match live {
        Some(t) if !intact(key, &t) => {
            keys.delete(REMEMBER_ENTRY)?;
            Err(crate::Error::Tampered(format!(
                "Token \"ingat saya\" #{} diubah di luar Loket; tidak dipakai.",
                t.id
            )))
        }
        Some(t) if now - t.created_at < Duration::days(days as i64) => Ok(Some(Remembered {
            operator_id: t.operator_id,
            locked: t.locked_at.is_some(),
            session_at: t.session_at.unwrap_or(t.created_at),
            active_at: t.aktif_at.or(t.session_at).unwrap_or(t.created_at),
        })),
        expired => {
            if let Some(t) = expired {
                let mut am: operator_tokens::ActiveModel = t.into();
                am.revoked_at = Set(Some(now));
                save(db, key, am).await?;
            }
            keys.delete(REMEMBER_ENTRY)?;
            Ok(None)
        }
    }
}

/// Changes this desk's live token with `change`; nothing without a token.
async fn note(
    db: &impl ConnectionTrait,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    change: impl FnOnce(&mut operator_tokens::ActiveModel),
) -> Result<()> {
    let Some(token) = keys.get(REMEMBER_ENTRY)? else {
        return Ok(());
    };
    let Some(t) = operator_tokens::Entity::find()
        .filter(operator_tokens::Column::TokenHash.eq(token_hash(token.expose())))
        .filter(operator_tokens::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        return Ok(());
    };
    let mut am: operator_tokens::ActiveModel = t.into();
    change(&mut am);
    save(db, key, am).await?;
    Ok(())
}

/// Notes on this desk's token that its session is locked (`Some`) or open
/// again (`None`), so a restart keeps the lock; nothing without a token.
pub async fn note_lock(
    db: &impl ConnectionTrait,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    locked_at: Option<DateTime<FixedOffset>>,
) -> Result<()> {
    note(db, key, keys, |t| t.locked_at = Set(locked_at)).await
}

/// Notes on this desk's token when its session began (an unlock after the
/// working day ended begins a new one); nothing without a token.
pub async fn note_session_start(
    db: &impl ConnectionTrait,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    at: DateTime<FixedOffset>,
) -> Result<()> {
    note(db, key, keys, |t| t.session_at = Set(Some(at))).await
}

/// Notes on this desk's token when its session was last active, so a
/// restart after the idle time resumes it locked; nothing without a token.
pub async fn note_activity(
    db: &impl ConnectionTrait,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    at: DateTime<FixedOffset>,
) -> Result<()> {
    note(db, key, keys, |t| t.aktif_at = Set(Some(at))).await
}

/// Forgets this desk's token: revoked in the database, removed from the keyring.
pub async fn forget(
    db: &impl ConnectionTrait,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    now: DateTime<FixedOffset>,
) -> Result<()> {
    let Some(token) = keys.get(REMEMBER_ENTRY)? else {
        return Ok(());
    };
    if let Some(t) = operator_tokens::Entity::find()
        .filter(operator_tokens::Column::TokenHash.eq(token_hash(token.expose())))
        .one(db)
        .await?
    {
        let mut am: operator_tokens::ActiveModel = t.into();
        am.revoked_at = Set(Some(now));
        save(db, key, am).await?;
    }
    keys.delete(REMEMBER_ENTRY)?;
    Ok(())
}

/// Revokes every token of an operator (password reset, deactivation).
pub async fn revoke_all(
    db: &impl ConnectionTrait,
    key: &DataKey,
    now: DateTime<FixedOffset>,
    operator_id: i64,
) -> Result<()> {
    let live = operator_tokens::Entity::find()
        .filter(operator_tokens::Column::OperatorId.eq(operator_id))
        .filter(operator_tokens::Column::RevokedAt.is_null())
        .all(db)
        .await?;
    for t in live {
        let mut am: operator_tokens::ActiveModel = t.into();
        am.revoked_at = Set(Some(now));
        save(db, key, am).await?;
    }
    Ok(())
}
