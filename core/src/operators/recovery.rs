//! The first run of a new desk and the recovery key: the first admin and the
//! recovery key are created together (or not at all); the key, shown once,
//! derives (Argon2id) a key that wraps the data key, so `loket recover` can
//! put the data key back into a keyring that lost it.
//!
//! The first run is offered only on a database that was never used (see
//! [`fresh`]): someone who deletes the operator rows of a working database
//! does not become its admin, nor get a recovery key for its data key. A desk
//! that really lost every admin makes a new one with the recovery key
//! ([`recover_admin`], `loket recover-admin`), audited.

use base64::Engine as _;
use rand::{CryptoRng, RngCore};
use sea_orm::{ConnectionTrait, DatabaseConnection, EntityTrait, PaginatorTrait};
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use zeroize::Zeroizing;

use super::accounts::{self, NewOperator, OperatorRow};
use super::passwords;
use super::roles::Role;
use crate::audit::{Acting, Actor, Entry};
use crate::entities::{applicants, audit_log, cases};
use crate::error::to_json;
use crate::secrets::{self, DataKey, KeyStore, Secret, hex};
use crate::{Error, Result, store};

/// The first admin and the recovery key, shown once.
#[derive(Serialize, TS)]
#[ts(export)]
pub struct FirstRun {
    pub operator: OperatorRow,
    /// Groups of letters and digits; shown once, never stored in clear.
    pub recovery_key: String,
}

impl std::fmt::Debug for FirstRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FirstRun")
            .field("operator", &self.operator)
            .finish_non_exhaustive()
    }
}

/// Setting holding the data key wrapped with the recovery key.
pub const SETTING_RECOVERY: &str = "kunci_pemulihan";
/// Setting set when the first admin confirmed the recovery key was written down.
pub const SETTING_RECOVERY_CONFIRMED: &str = "kunci_pemulihan_dicatat";

#[derive(Serialize, Deserialize)]
struct Wrapped {
    salt: String,
    blob: String,
}

const RECOVERY_ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn new_recovery_key(rng: &mut (impl RngCore + CryptoRng)) -> String {
    // 30 symbols of 5 bits: 150 bits, in six groups of five.
    let mut out = String::new();
    for i in 0..30 {
        if i > 0 && i % 5 == 0 {
            out.push('-');
        }
        out.push(RECOVERY_ALPHABET[(rng.next_u32() % 32) as usize] as char);
    }
    out
}

fn normalise_recovery(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn recovery_kek(recovery: &str, salt: &[u8]) -> Result<DataKey> {
    let mut out = Zeroizing::new([0u8; 32]);
    passwords::argon2()
        .hash_password_into(normalise_recovery(recovery).as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::Crypto(format!("Kunci pemulihan tidak dapat diturunkan: {e}")))?;
    Ok(DataKey::from_master(&Secret::new(out.to_vec()))?)
}

const RECOVERY_CONTEXT: &str = "loket/recovery/v1";

/// Creates the first admin on a new desk and the recovery key that can put the
/// data key back into a keyring (a new desk, an OS reinstall), in one
/// transaction. Refused once any operator exists. `act` gives the key and the
/// moment; the admin is recorded as the actor.
pub async fn first_run(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    keys: &(dyn KeyStore + Sync),
    rng: &mut (impl RngCore + CryptoRng),
    n: &NewOperator,
) -> Result<FirstRun> {
    if !fresh(db).await? {
        return Err(Error::field(
            "setup",
            "Basis data ini sudah pernah dipakai; penyiapan awal hanya untuk basis data baru. \
             Bila tidak ada lagi admin, buat admin baru dengan `loket recover-admin` dan kunci pemulihan.",
        ));
    }
    if !n.roles.contains(&Role::Admin) {
        return Err(Error::field(
            "roles",
            "Akun pertama harus memegang peran Admin.",
        ));
    }
    let master = keys
        .get(secrets::DATA_KEY_ENTRY)?
        .ok_or(secrets::SecretError::KeyMissing)?;
    let recovery = new_recovery_key(rng);
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let kek = recovery_kek(&recovery, &salt)?;
    let wrapped = Wrapped {
        salt: hex(&salt),
        blob: base64::engine::general_purpose::STANDARD.encode(kek.encrypt(
            rng,
            master.expose(),
            RECOVERY_CONTEXT,
        )),
    };
    let username = accounts::check_new(db, n).await?;
    let hash = passwords::hash(&n.password.secret(), rng).await?;
    let act = act.as_actor(Actor::named(username.clone()));
    // The first admin and the recovery key exist together or not at all.
    let txn = store::begin_write(db).await?;
    let operator = accounts::to_row(&accounts::insert(&txn, &act, &username, n, hash).await?)?;
    store::set_setting(&txn, act.key(), SETTING_RECOVERY, &to_json(&wrapped)?).await?;
    act.record(
        &txn,
        Entry::new(
            "recovery.create",
            "setting",
            SETTING_RECOVERY,
            serde_json::json!({}),
        ),
    )
    .await?;
    // The new database is sealed from its first row, on the record: a mark
    // removed later is then a finding, never a reason to seal again.
    act.record(
        &txn,
        Entry::new(
            crate::audit::SEALED_ACTION,
            "database",
            0,
            serde_json::json!({ "baris_disegel": 0, "nik_diikat": 0, "penyiapan_awal": true }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(FirstRun {
        operator,
        recovery_key: recovery,
    })
}

/// Whether the database was never used: no operator, no applicant, no case,
/// no audit entry and no recovery key. Only then is the first run offered;
/// removing the operators of a working database does not make it new.
pub async fn fresh(db: &impl ConnectionTrait) -> Result<bool> {
    Ok(!accounts::any(db).await?
        && applicants::Entity::find().count(db).await? == 0
        && cases::Entity::find().count(db).await? == 0
        && audit_log::Entity::find().count(db).await? == 0
        && store::setting(db, SETTING_RECOVERY).await?.is_none())
}

/// Creates an admin on a desk that has no active admin left, with the
/// recovery key shown at the first run: the key must open the data key this
/// desk holds. The new admin and the audit entry are written together.
pub async fn recover_admin(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    keys: &(dyn KeyStore + Sync),
    rng: &mut (impl RngCore + CryptoRng),
    recovery: &str,
    n: &NewOperator,
) -> Result<OperatorRow> {
    let master = unwrap_data_key(db, recovery).await?;
    let held = keys
        .get(secrets::DATA_KEY_ENTRY)?
        .ok_or(secrets::SecretError::KeyMissing)?;
    if held.expose() != master.expose() {
        return Err(Error::field(
            "recovery_key",
            "Kunci pemulihan ini bukan milik kunci data desk ini.",
        ));
    }
    if accounts::any_active_admin(db).await? {
        return Err(Error::field(
            "setup",
            "Masih ada admin aktif; admin baru dibuat olehnya di layar Operator.",
        ));
    }
    if !n.roles.contains(&Role::Admin) {
        return Err(Error::field(
            "roles",
            "Akun ini harus memegang peran Admin.",
        ));
    }
    let username = accounts::check_new(db, n).await?;
    let hash = passwords::hash(&n.password.secret(), rng).await?;
    let act = act.as_actor(Actor::named(username.clone()));
    let txn = store::begin_write(db).await?;
    let model = accounts::insert(&txn, &act, &username, n, hash).await?;
    act.record(
        &txn,
        Entry::new(
            "recovery.admin",
            "operator",
            model.id,
            serde_json::json!({ "username": username }),
        ),
    )
    .await?;
    txn.commit().await?;
    accounts::to_row(&model)
}

/// Records that the first admin wrote the recovery key down.
pub async fn confirm_recovery(db: &DatabaseConnection, act: &Acting<'_>) -> Result<()> {
    act.set_setting(
        db,
        SETTING_RECOVERY_CONFIRMED,
        &act.now().to_rfc3339(),
        Entry::new(
            "recovery.confirmed",
            "setting",
            SETTING_RECOVERY_CONFIRMED,
            serde_json::json!({}),
        ),
    )
    .await
}

/// Puts the data key back into `keys` from the recovery key, after checking it
/// against the database's check value. Works without the keyring's old entry.
pub async fn recover(
    db: &DatabaseConnection,
    keys: &(dyn KeyStore + Sync),
    recovery: &str,
) -> Result<()> {
    let master = unwrap_data_key(db, recovery).await?;
    keys.set(secrets::DATA_KEY_ENTRY, &master)?;
    Ok(())
}

/// The data key the recovery key unwraps, checked against the database's
/// check value.
async fn unwrap_data_key(db: &DatabaseConnection, recovery: &str) -> Result<Secret> {
    let Some(stored) = store::setting(db, SETTING_RECOVERY).await? else {
        return Err(Error::field(
            "recovery_key",
            "Basis data ini belum memiliki kunci pemulihan.",
        ));
    };
    let corrupt = |e: &dyn std::fmt::Display| Error::setting(SETTING_RECOVERY, e);
    let wrapped: Wrapped = serde_json::from_str(&stored).map_err(|e| corrupt(&e))?;
    let salt = (0..wrapped.salt.len())
        .step_by(2)
        .map(|i| {
            wrapped
                .salt
                .get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        })
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| corrupt(&"garam bukan heksadesimal"))?;
    let blob = base64::engine::general_purpose::STANDARD
        .decode(&wrapped.blob)
        .map_err(|e| corrupt(&e))?;
    let kek = recovery_kek(recovery, &salt)?;
    let master = kek
        .decrypt(&blob, RECOVERY_CONTEXT)
        .map_err(|_| Error::field("recovery_key", "Kunci pemulihan salah."))?;
    let data_key = DataKey::from_master(&master)?;
    let check = store::setting(db, store::SETTING_DATA_KEY_CHECK).await?;
    if check.as_deref() != Some(data_key.check_value()) {
        return Err(Error::field(
            "recovery_key",
            "Kunci pemulihan ini bukan milik basis data ini.",
        ));
    }
    Ok(master)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovery_keys_read_the_same_however_typed() {
        let k = new_recovery_key(&mut rand::rngs::OsRng);
        assert_eq!(k.len(), 35);
        assert_eq!(
            normalise_recovery(&k.to_lowercase().replace('-', " ")),
            normalise_recovery(&k)
        );
    }
}
