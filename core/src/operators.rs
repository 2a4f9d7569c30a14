//! Operators and sign-in: roles, Argon2id password hashes, the increasing
//! delay and the lock after repeated failures, sessions that lock when idle
//! and end after a working day, "remember me on this desk" tokens, and the
//! recovery key that re-enrolls the data key on a new desk.
//!
//! Every function takes the current time, so the timing rules are tested
//! with an injected clock.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use base64::Engine as _;
use chrono::{DateTime, Duration, FixedOffset};
use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::audit::{self, Actor};
use crate::entities::{operator_tokens, operators};
use crate::secrets::{self, DataKey, KeyStore, Secret, hex};
use crate::store;
use crate::{Error, Result};

/// What a person may do at the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// Settings, operators, letterhead, signatories, credentials, reports.
    Admin,
    /// Verifies, approves, rejects, recommends, revokes, signs off letters.
    Verifikator,
    /// Intake, documents, drafts, search.
    Operator,
    /// The applicant-facing kiosk: submits a form, reads nothing stored.
    Kiosk,
}

text_enum!(Role {
    Admin => "admin",
    Verifikator => "verifikator",
    Operator => "operator",
    Kiosk => "kiosk",
});

/// A session locks after this long without a command.
pub const IDLE_LOCK_MINUTES: i64 = 15;
/// A session ends this long after sign-in, whatever happens.
pub const SESSION_HOURS: i64 = 12;
/// Failed attempts before the delay starts, and before the account locks.
pub const DELAY_FROM: i32 = 5;
pub const LOCK_AFTER: i32 = 10;
/// Argon2id parameters: 64 MiB, 3 passes, one lane (about half a second on a
/// modest desk PC; `make bench` prints the figure here).
pub const ARGON2_MEMORY_KIB: u32 = 64 * 1024;
pub const ARGON2_PASSES: u32 = 3;

/// Seconds to wait before the next attempt after `failed` failures.
pub fn delay_seconds(failed: i32) -> i64 {
    if failed < DELAY_FROM {
        0
    } else {
        1 << (failed - DELAY_FROM).min(6)
    }
}

fn argon2() -> Argon2<'static> {
    #[allow(
        clippy::expect_used,
        reason = "constant parameters within Argon2's limits"
    )]
    let params = Params::new(ARGON2_MEMORY_KIB, ARGON2_PASSES, 1, None).expect("argon2 params");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes a password with Argon2id and a random salt (PHC string).
pub fn hash_password(password: &Secret, rng: &mut (impl RngCore + CryptoRng)) -> Result<String> {
    let mut salt = [0u8; 16];
    rng.fill_bytes(&mut salt);
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Store(e.to_string()))?;
    argon2()
        .hash_password(password.expose(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Store(format!("Kata sandi tidak dapat disimpan: {e}")))
}

fn verify_password(password: &Secret, phc: &str) -> bool {
    PasswordHash::new(phc)
        .map(|h| argon2().verify_password(password.expose(), &h).is_ok())
        .unwrap_or(false)
}

fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| {
        hash_password(
            &Secret::new(b"bukan-kata-sandi".to_vec()),
            &mut rand::rngs::OsRng,
        )
        .unwrap_or_default()
    })
}

fn parse_roles(s: &str) -> Vec<Role> {
    let mut r: Vec<Role> = s.split(',').filter_map(Role::parse).collect();
    r.sort();
    r.dedup();
    r
}

fn roles_text(r: &[Role]) -> String {
    let mut r = r.to_vec();
    r.sort();
    r.dedup();
    r.iter().map(|x| x.as_str()).collect::<Vec<_>>().join(",")
}

/// An operator as the admin screen shows it (never the hash).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OperatorRow {
    #[ts(type = "number")]
    pub id: i64,
    pub username: String,
    pub nama: String,
    pub roles: Vec<Role>,
    pub active: bool,
    pub locked: bool,
    pub failed_count: i32,
}

fn row(m: &operators::Model) -> OperatorRow {
    OperatorRow {
        id: m.id,
        username: m.username.clone(),
        nama: m.nama.clone(),
        roles: parse_roles(&m.roles),
        active: m.active,
        locked: m.locked,
        failed_count: m.failed_count,
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
}

impl Session {
    /// A fresh session for operator `o`, starting at `now`.
    fn start(o: &operators::Model, now: DateTime<FixedOffset>) -> Session {
        Session {
            operator_id: o.id,
            username: o.username.clone(),
            nama: o.nama.clone(),
            roles: parse_roles(&o.roles),
            signed_in_at: now,
            last_activity: now,
            locked: false,
        }
    }
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
        if now - self.last_activity >= Duration::minutes(IDLE_LOCK_MINUTES) {
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

/// Whether any operator exists (a new desk shows the first-run setup).
pub async fn any(db: &impl ConnectionTrait) -> Result<bool> {
    Ok(operators::Entity::find().count(db).await? > 0)
}

/// A password as typed, kept out of logs and responses.
pub type Password = secrets::SecretText;

/// A new operator.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct NewOperator {
    pub username: String,
    pub nama: String,
    pub roles: Vec<Role>,
    pub password: Password,
    pub password_ulang: Password,
}

fn check_password(
    f: &mut std::collections::BTreeMap<String, String>,
    field: &str,
    username: &str,
    p: &Password,
    again: Option<&Password>,
) {
    let n = p.as_str().chars().count();
    if n < 10 {
        f.insert(
            field.into(),
            "Kata sandi paling sedikit 10 karakter.".into(),
        );
    } else if p.as_str().eq_ignore_ascii_case(username) {
        f.insert(
            field.into(),
            "Kata sandi tidak boleh sama dengan nama pengguna.".into(),
        );
    }
    if let Some(a) = again
        && a.as_str() != p.as_str()
    {
        f.insert(
            format!("{field}_ulang"),
            "Kedua kata sandi tidak sama.".into(),
        );
    }
}

fn invalid(fields: std::collections::BTreeMap<String, String>) -> Result<()> {
    if fields.is_empty() {
        Ok(())
    } else {
        Err(Error::Invalid {
            message: "Periksa kembali isian yang ditandai.".into(),
            fields,
        })
    }
}

async fn check_new(db: &impl ConnectionTrait, n: &NewOperator) -> Result<String> {
    let username = n.username.trim().to_lowercase();
    let mut f = std::collections::BTreeMap::new();
    if username.len() < 3
        || !username
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_')
    {
        f.insert(
            "username".into(),
            "Nama pengguna 3 karakter atau lebih: huruf kecil, angka, titik atau garis bawah."
                .into(),
        );
    } else if operators::Entity::find()
        .filter(operators::Column::Username.eq(&username))
        .one(db)
        .await?
        .is_some()
    {
        f.insert("username".into(), "Nama pengguna ini sudah dipakai.".into());
    }
    if n.nama.trim().is_empty() {
        f.insert("nama".into(), "Nama wajib diisi.".into());
    }
    if n.roles.is_empty() {
        f.insert("roles".into(), "Pilih sedikitnya satu peran.".into());
    }
    if n.roles.contains(&Role::Kiosk) && n.roles.len() > 1 {
        f.insert(
            "roles".into(),
            "Akun kios tidak boleh memegang peran lain.".into(),
        );
    }
    check_password(
        &mut f,
        "password",
        &username,
        &n.password,
        Some(&n.password_ulang),
    );
    invalid(f)?;
    Ok(username)
}

/// Creates an operator (admin only; checked by the command's rule).
pub async fn create(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    actor: &Actor,
    now: DateTime<FixedOffset>,
    n: &NewOperator,
) -> Result<OperatorRow> {
    let now = audit::truncate_micros(now);
    let username = check_new(db, n).await?;
    let hash = hash_password(&n.password.secret(), rng)?;
    let txn = store::begin_write(db).await?;
    let m = insert(&txn, key, actor, now, &username, n, hash).await?;
    txn.commit().await?;
    Ok(row(&m))
}

/// Inserts a checked operator with its audit entry (inside the caller's transaction).
async fn insert(
    txn: &DatabaseTransaction,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    username: &str,
    n: &NewOperator,
    password_hash: String,
) -> Result<operators::Model> {
    let m = operators::ActiveModel {
        username: Set(username.to_string()),
        nama: Set(n.nama.trim().into()),
        roles: Set(roles_text(&n.roles)),
        password_hash: Set(password_hash),
        active: Set(true),
        failed_count: Set(0),
        locked: Set(false),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    audit::record(
        txn,
        key,
        actor,
        now,
        audit::Entry {
            action: "operator.create",
            entity: "operator",
            entity_id: m.id.to_string(),
            detail: serde_json::json!({ "username": username, "roles": roles_text(&n.roles) }),
        },
    )
    .await?;
    Ok(m)
}

/// The recovery key, shown once at first run.
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
    argon2()
        .hash_password_into(normalise_recovery(recovery).as_bytes(), salt, out.as_mut())
        .map_err(|e| Error::Store(e.to_string()))?;
    Ok(DataKey::from_master(&Secret::new(out.to_vec()))?)
}

const RECOVERY_CONTEXT: &str = "loket/recovery/v1";

/// Creates the first admin on a new desk and the recovery key that can put the
/// data key back into a keyring (a new desk, an OS reinstall), and signs the
/// admin in to confirm the key was written down. Refused once any operator exists.
pub async fn first_run(
    db: &DatabaseConnection,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    rng: &mut (impl RngCore + CryptoRng),
    now: DateTime<FixedOffset>,
    n: &NewOperator,
) -> Result<(FirstRun, Session)> {
    if any(db).await? {
        return Err(Error::field(
            "setup",
            "Penyiapan awal sudah dilakukan di basis data ini.",
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
    let now = audit::truncate_micros(now);
    let username = check_new(db, n).await?;
    let hash = hash_password(&n.password.secret(), rng)?;
    let actor = Actor::named(username.clone());
    // The first admin and the recovery key exist together or not at all.
    let txn = store::begin_write(db).await?;
    let operator = row(&insert(&txn, key, &actor, now, &username, n, hash).await?);
    store::set_setting(
        &txn,
        SETTING_RECOVERY,
        &serde_json::to_string(&wrapped).map_err(|e| Error::Store(e.to_string()))?,
    )
    .await?;
    audit::record(
        &txn,
        key,
        &actor,
        now,
        audit::Entry {
            action: "recovery.create",
            entity: "setting",
            entity_id: SETTING_RECOVERY.into(),
            detail: serde_json::json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    let session = sign_in(db, key, now, &operator.username, &n.password).await?;
    Ok((
        FirstRun {
            operator,
            recovery_key: recovery,
        },
        session,
    ))
}

/// Records that the first admin wrote the recovery key down.
pub async fn confirm_recovery(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
) -> Result<()> {
    audit::set_setting(
        db,
        key,
        actor,
        now,
        SETTING_RECOVERY_CONFIRMED,
        &audit::truncate_micros(now).to_rfc3339(),
        audit::Entry {
            action: "recovery.confirmed",
            entity: "setting",
            entity_id: SETTING_RECOVERY_CONFIRMED.into(),
            detail: serde_json::json!({}),
        },
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
    let wrapped: Wrapped = store::setting(db, SETTING_RECOVERY)
        .await?
        .and_then(|v| serde_json::from_str(&v).ok())
        .ok_or_else(|| Error::Store("Basis data ini belum memiliki kunci pemulihan.".into()))?;
    let salt = (0..wrapped.salt.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&wrapped.salt[i..i + 2], 16))
        .collect::<std::result::Result<Vec<u8>, _>>()
        .map_err(|_| Error::Store("Kunci pemulihan tersimpan rusak.".into()))?;
    let blob = base64::engine::general_purpose::STANDARD
        .decode(&wrapped.blob)
        .map_err(|_| Error::Store("Kunci pemulihan tersimpan rusak.".into()))?;
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
    keys.set(secrets::DATA_KEY_ENTRY, &master)?;
    Ok(())
}

async fn failed_attempt(
    db: &DatabaseConnection,
    key: &DataKey,
    now: DateTime<FixedOffset>,
    op: Option<operators::Model>,
    username: &str,
) -> Result<Error> {
    let txn = store::begin_write(db).await?;
    let mut locked_now = false;
    if let Some(op) = &op {
        let count = op.failed_count + 1;
        locked_now = count >= LOCK_AFTER && !op.locked;
        let mut am: operators::ActiveModel = op.clone().into();
        am.failed_count = Set(count);
        am.last_failed_at = Set(Some(now));
        am.locked = Set(op.locked || count >= LOCK_AFTER);
        am.update(&txn).await?;
    }
    let actor = Actor::named(username.to_string());
    audit::record(
        &txn,
        key,
        &actor,
        now,
        audit::Entry {
            action: "signin.failed",
            entity: "operator",
            entity_id: op.as_ref().map(|o| o.id.to_string()).unwrap_or_default(),
            detail: serde_json::json!({ "username": username }),
        },
    )
    .await?;
    if locked_now && let Some(op) = &op {
        audit::record(
            &txn,
            key,
            &actor,
            now,
            audit::Entry {
                action: "operator.lock",
                entity: "operator",
                entity_id: op.id.to_string(),
                detail: serde_json::json!({ "after_failures": LOCK_AFTER }),
            },
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

/// Signs an operator in. Failures count; from the 5th the next attempt waits
/// an increasing delay, and the 10th locks the account until an admin unlocks
/// it. Success resets the count. Every attempt is in the audit log.
pub async fn sign_in(
    db: &DatabaseConnection,
    key: &DataKey,
    now: DateTime<FixedOffset>,
    username: &str,
    password: &Password,
) -> Result<Session> {
    let now = audit::truncate_micros(now);
    let username = username.trim().to_lowercase();
    let op = operators::Entity::find()
        .filter(operators::Column::Username.eq(&username))
        .one(db)
        .await?;
    if let Some(o) = &op {
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
        Some(o) => verify_password(&password.secret(), &o.password_hash),
        // The same work for an unknown name, so timing does not tell names apart.
        None => {
            let _ = verify_password(&password.secret(), dummy_hash());
            false
        }
    };
    let Some(o) = op.clone().filter(|_| ok) else {
        return Err(failed_attempt(db, key, now, op, &username).await?);
    };
    if !o.active {
        return Err(Error::field("username", "Akun ini sudah dinonaktifkan."));
    }
    let txn = store::begin_write(db).await?;
    let mut am: operators::ActiveModel = o.clone().into();
    am.failed_count = Set(0);
    am.last_failed_at = Set(None);
    am.update(&txn).await?;
    audit::record(
        &txn,
        key,
        &Actor::named(o.username.clone()),
        now,
        audit::Entry {
            action: "signin",
            entity: "operator",
            entity_id: o.id.to_string(),
            detail: serde_json::json!({}),
        },
    )
    .await?;
    txn.commit().await?;
    Ok(Session::start(&o, now))
}

/// Opens a locked session with the same operator's password.
pub async fn unlock_session(
    db: &DatabaseConnection,
    key: &DataKey,
    now: DateTime<FixedOffset>,
    session: &Session,
    password: &Password,
) -> Result<Session> {
    let mut fresh = sign_in(db, key, now, &session.username, password).await?;
    // The working day still counts from the first sign-in.
    fresh.signed_in_at = session.signed_in_at;
    if now - fresh.signed_in_at >= Duration::hours(SESSION_HOURS) {
        fresh.signed_in_at = audit::truncate_micros(now);
    }
    Ok(fresh)
}

async fn find(db: &impl ConnectionTrait, id: i64) -> Result<operators::Model> {
    operators::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Operator"))
}

/// Every operator, by username.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<OperatorRow>> {
    Ok(operators::Entity::find()
        .order_by_asc(operators::Column::Username)
        .all(db)
        .await?
        .iter()
        .map(row)
        .collect())
}

/// What an admin changes about an operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Change {
    Unlock,
    Deactivate,
    Activate,
}

async fn guard_last_admin(db: &impl ConnectionTrait, target: &operators::Model) -> Result<()> {
    if !parse_roles(&target.roles).contains(&Role::Admin) {
        return Ok(());
    }
    let admins = operators::Entity::find()
        .filter(operators::Column::Active.eq(true))
        .all(db)
        .await?
        .into_iter()
        .filter(|o| o.id != target.id && parse_roles(&o.roles).contains(&Role::Admin))
        .count();
    if admins == 0 {
        return Err(Error::field(
            "roles",
            "Harus ada sedikitnya satu admin aktif.",
        ));
    }
    Ok(())
}

async fn update_with_audit(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    am: operators::ActiveModel,
    action: &str,
    detail: serde_json::Value,
) -> Result<OperatorRow> {
    let txn = store::begin_write(db).await?;
    let m = am.update(&txn).await?;
    audit::record(
        &txn,
        key,
        actor,
        now,
        audit::Entry {
            action,
            entity: "operator",
            entity_id: m.id.to_string(),
            detail,
        },
    )
    .await?;
    txn.commit().await?;
    Ok(row(&m))
}

/// Unlocks, deactivates or reactivates an operator; their history stays.
pub async fn change(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    id: i64,
    what: Change,
) -> Result<OperatorRow> {
    let now = audit::truncate_micros(now);
    let m = find(db, id).await?;
    let mut am: operators::ActiveModel = m.clone().into();
    am.updated_at = Set(now);
    let action = match what {
        Change::Unlock => {
            am.locked = Set(false);
            am.failed_count = Set(0);
            am.last_failed_at = Set(None);
            "operator.unlock"
        }
        Change::Deactivate => {
            guard_last_admin(db, &m).await?;
            am.active = Set(false);
            "operator.deactivate"
        }
        Change::Activate => {
            am.active = Set(true);
            "operator.activate"
        }
    };
    if what == Change::Deactivate {
        revoke_tokens(db, now, id).await?;
    }
    update_with_audit(
        db,
        key,
        actor,
        now,
        am,
        action,
        serde_json::json!({ "username": m.username }),
    )
    .await
}

/// Sets an operator's roles.
pub async fn set_roles(
    db: &DatabaseConnection,
    key: &DataKey,
    actor: &Actor,
    now: DateTime<FixedOffset>,
    id: i64,
    roles: &[Role],
) -> Result<OperatorRow> {
    let now = audit::truncate_micros(now);
    if roles.is_empty() {
        return Err(Error::field("roles", "Pilih sedikitnya satu peran."));
    }
    if roles.contains(&Role::Kiosk) && roles.len() > 1 {
        return Err(Error::field(
            "roles",
            "Akun kios tidak boleh memegang peran lain.",
        ));
    }
    let m = find(db, id).await?;
    if !roles.contains(&Role::Admin) {
        guard_last_admin(db, &m).await?;
    }
    let mut am: operators::ActiveModel = m.clone().into();
    am.roles = Set(roles_text(roles));
    am.updated_at = Set(now);
    update_with_audit(
        db,
        key,
        actor,
        now,
        am,
        "operator.roles",
        serde_json::json!({ "username": m.username, "from": m.roles, "to": roles_text(roles) }),
    )
    .await
}

/// A password change as the operator types it.
#[derive(Debug, Deserialize, TS)]
#[ts(export)]
pub struct PasswordChange {
    pub password_lama: Password,
    pub password: Password,
    pub password_ulang: Password,
}

/// An operator changes their own password (the old one is required).
pub async fn change_password(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    now: DateTime<FixedOffset>,
    session: &Session,
    input: &PasswordChange,
) -> Result<()> {
    let (old, new, again) = (&input.password_lama, &input.password, &input.password_ulang);
    let now = audit::truncate_micros(now);
    let m = find(db, session.operator_id).await?;
    if !verify_password(&old.secret(), &m.password_hash) {
        return Err(Error::field("password_lama", "Kata sandi lama salah."));
    }
    let mut f = std::collections::BTreeMap::new();
    check_password(&mut f, "password", &m.username, new, Some(again));
    invalid(f)?;
    let mut am: operators::ActiveModel = m.clone().into();
    am.password_hash = Set(hash_password(&new.secret(), rng)?);
    am.updated_at = Set(now);
    update_with_audit(
        db,
        key,
        &session.actor(),
        now,
        am,
        "operator.password",
        serde_json::json!({}),
    )
    .await?;
    Ok(())
}

/// An admin sets a new password for an operator (who forgot theirs); it also
/// unlocks the account and revokes remembered desks.
pub async fn reset_password(
    db: &DatabaseConnection,
    key: &DataKey,
    rng: &mut (impl RngCore + CryptoRng),
    actor: &Actor,
    now: DateTime<FixedOffset>,
    id: i64,
    new: &Password,
) -> Result<OperatorRow> {
    let now = audit::truncate_micros(now);
    let m = find(db, id).await?;
    let mut f = std::collections::BTreeMap::new();
    check_password(&mut f, "password", &m.username, new, None);
    invalid(f)?;
    let mut am: operators::ActiveModel = m.clone().into();
    am.password_hash = Set(hash_password(&new.secret(), rng)?);
    am.locked = Set(false);
    am.failed_count = Set(0);
    am.last_failed_at = Set(None);
    am.updated_at = Set(now);
    revoke_tokens(db, now, id).await?;
    update_with_audit(
        db,
        key,
        actor,
        now,
        am,
        "operator.password_reset",
        serde_json::json!({ "username": m.username }),
    )
    .await
}

/// Keyring entry of this desk's "remember me" token.
pub const REMEMBER_ENTRY: &str = "ingat-saya";

fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// Remembers the signed-in operator on this desk: a random token goes into the
/// OS keyring, its hash into the database (revocable); never the password.
pub async fn remember(
    db: &DatabaseConnection,
    keys: &(dyn KeyStore + Sync),
    rng: &mut (impl RngCore + CryptoRng),
    now: DateTime<FixedOffset>,
    session: &Session,
) -> Result<()> {
    let mut raw = [0u8; 32];
    rng.fill_bytes(&mut raw);
    let token = Zeroizing::new(hex(&raw));
    operator_tokens::ActiveModel {
        operator_id: Set(session.operator_id),
        token_hash: Set(token_hash(&token)),
        created_at: Set(audit::truncate_micros(now)),
        ..Default::default()
    }
    .insert(db)
    .await?;
    keys.set(REMEMBER_ENTRY, &Secret::new(token.as_bytes().to_vec()))?;
    Ok(())
}

/// Signs in from this desk's remembered token, if it is still valid.
pub async fn resume(
    db: &DatabaseConnection,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    now: DateTime<FixedOffset>,
) -> Result<Option<Session>> {
    let Some(token) = keys.get(REMEMBER_ENTRY)? else {
        return Ok(None);
    };
    let hash = token_hash(&String::from_utf8_lossy(token.expose()));
    let Some(t) = operator_tokens::Entity::find()
        .filter(operator_tokens::Column::TokenHash.eq(hash))
        .filter(operator_tokens::Column::RevokedAt.is_null())
        .one(db)
        .await?
    else {
        keys.delete(REMEMBER_ENTRY)?;
        return Ok(None);
    };
    let o = find(db, t.operator_id).await?;
    if !o.active || o.locked {
        return Ok(None);
    }
    let now = audit::truncate_micros(now);
    audit::log(
        db,
        key,
        &Actor::named(o.username.clone()),
        now,
        audit::Entry {
            action: "signin.remembered",
            entity: "operator",
            entity_id: o.id.to_string(),
            detail: serde_json::json!({}),
        },
    )
    .await?;
    Ok(Some(Session::start(&o, now)))
}

async fn revoke_tokens(
    db: &impl ConnectionTrait,
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
        am.update(db).await?;
    }
    Ok(())
}

/// Signs out: forgets this desk's token (revoked in the database too).
pub async fn sign_out(
    db: &DatabaseConnection,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    now: DateTime<FixedOffset>,
    session: &Session,
) -> Result<()> {
    let now = audit::truncate_micros(now);
    if let Some(token) = keys.get(REMEMBER_ENTRY)? {
        let hash = token_hash(&String::from_utf8_lossy(token.expose()));
        if let Some(t) = operator_tokens::Entity::find()
            .filter(operator_tokens::Column::TokenHash.eq(hash))
            .one(db)
            .await?
        {
            let mut am: operator_tokens::ActiveModel = t.into();
            am.revoked_at = Set(Some(now));
            am.update(db).await?;
        }
        keys.delete(REMEMBER_ENTRY)?;
    }
    audit::log(
        db,
        key,
        &session.actor(),
        now,
        audit::Entry {
            action: "signout",
            entity: "operator",
            entity_id: session.operator_id.to_string(),
            detail: serde_json::json!({}),
        },
    )
    .await?;
    Ok(())
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

    #[test]
    fn passwords_are_argon2id_with_the_required_cost() {
        let h = hash_password(
            &Secret::new(b"kata sandi panjang".to_vec()),
            &mut rand::rngs::OsRng,
        )
        .unwrap();
        assert!(h.starts_with("$argon2id$v=19$m=65536,t=3,p=1$"), "{h}");
        assert!(verify_password(
            &Secret::new(b"kata sandi panjang".to_vec()),
            &h
        ));
        assert!(!verify_password(
            &Secret::new(b"kata sandi salah!".to_vec()),
            &h
        ));
    }

    #[test]
    fn recovery_keys_read_the_same_however_typed() {
        let k = new_recovery_key(&mut rand::rngs::OsRng);
        assert_eq!(k.len(), 35);
        assert_eq!(
            normalise_recovery(&k.to_lowercase().replace('-', " ")),
            normalise_recovery(&k)
        );
    }

    #[test]
    fn passwords_never_print() {
        let p = Password::from("rahasia-sekali-123");
        assert_eq!(format!("{p:?}"), "<redacted>");
    }
}
