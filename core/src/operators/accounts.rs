//! Operator accounts: creation with checked user name, roles and password,
//! the admin's changes (unlock, deactivate, roles, password reset) with the
//! last admin protected, and an operator's own password change. History
//! stays: accounts are deactivated, never deleted.

use std::collections::BTreeMap;

use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::passwords::{self, Password};
use super::roles::{self, Role};
use super::tokens;
use crate::audit::{Acting, Entry};
use crate::entities::operators;
use crate::{Error, Result, store};

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

/// The stored roles of an operator.
pub fn roles_of(m: &operators::Model) -> Result<Vec<Role>> {
    roles::parse_roles(&m.roles, &m.username)
}

/// An operator as the admin screen shows it.
pub(crate) fn to_row(m: &operators::Model) -> Result<OperatorRow> {
    Ok(OperatorRow {
        id: m.id,
        username: m.username.clone(),
        nama: m.nama.clone(),
        roles: roles_of(m)?,
        active: m.active,
        locked: m.locked,
        failed_count: m.failed_count,
    })
}

/// Whether any operator exists (a new desk shows the first-run setup).
pub async fn any(db: &impl ConnectionTrait) -> Result<bool> {
    Ok(operators::Entity::find().count(db).await? > 0)
}

/// An operator by id.
pub async fn find(db: &impl ConnectionTrait, id: i64) -> Result<operators::Model> {
    operators::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Operator"))
}

/// An operator by user name (as typed: trimmed, lowercased).
pub async fn find_by_username(
    db: &impl ConnectionTrait,
    username: &str,
) -> Result<Option<operators::Model>> {
    Ok(operators::Entity::find()
        .filter(operators::Column::Username.eq(username))
        .one(db)
        .await?)
}

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

/// Checks a new operator; returns the user name as stored.
pub(crate) async fn check_new(db: &impl ConnectionTrait, n: &NewOperator) -> Result<String> {
    let username = n.username.trim().to_lowercase();
    let mut f = BTreeMap::new();
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
    } else if find_by_username(db, &username).await?.is_some() {
        f.insert("username".into(), "Nama pengguna ini sudah dipakai.".into());
    }
    match crate::text::line(&n.nama, "Nama", 120) {
        Ok(v) if v.is_empty() => {
            f.insert("nama".into(), "Nama wajib diisi.".into());
        }
        Ok(_) => {}
        Err(m) => {
            f.insert("nama".into(), m);
        }
    }
    if let Err(e) = roles::check_roles(&n.roles) {
        f.insert("roles".into(), e.into());
    }
    passwords::check_password(
        &mut f,
        "password",
        &username,
        &n.password,
        Some(&n.password_ulang),
    );
    Error::fields(f)?;
    Ok(username)
}

/// Creates an operator (admin only; checked by the command's rule).
pub async fn create(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    n: &NewOperator,
) -> Result<OperatorRow> {
    let username = check_new(db, n).await?;
    let hash = passwords::hash(&n.password.secret(), rng).await?;
    let txn = store::begin_write(db).await?;
    let m = insert(&txn, act, &username, n, hash).await?;
    txn.commit().await?;
    to_row(&m)
}

/// Writes an operator row (a new one, or changes to one) with its seal,
/// inside the caller's transaction: every write of a sealed value goes
/// through here (see [`crate::seal::operator`]).
pub(crate) async fn save(
    db: &impl ConnectionTrait,
    key: &crate::secrets::DataKey,
    am: operators::ActiveModel,
) -> Result<operators::Model> {
    let m = if am.id.is_not_set() {
        am.insert(db).await?
    } else {
        am.update(db).await?
    };
    let seal = crate::seal::operator(key, &m);
    if m.segel.as_deref() == Some(seal.as_str()) {
        return Ok(m);
    }
    let mut am: operators::ActiveModel = m.into();
    am.segel = Set(Some(seal));
    Ok(am.update(db).await?)
}

/// Whether the operator row is as Loket wrote it (its seal holds).
pub fn intact(key: &crate::secrets::DataKey, o: &operators::Model) -> bool {
    crate::seal::holds(o.segel.as_deref(), &crate::seal::operator(key, o))
}

/// The refusal for an operator row changed outside Loket.
pub fn tampered(o: &operators::Model) -> Error {
    Error::Tampered(format!(
        "Akun \"{}\" diubah di luar Loket (peran, status atau kata sandinya); Loket tidak \
         memakainya sampai admin memeriksanya.",
        o.username
    ))
}

/// Inserts a checked operator with its audit entry (inside the caller's transaction).
pub(crate) async fn insert(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    username: &str,
    n: &NewOperator,
    password_hash: String,
) -> Result<operators::Model> {
    let am = operators::ActiveModel {
        username: Set(username.to_string()),
        nama: Set(n.nama.trim().into()),
        roles: Set(roles::roles_text(&n.roles)),
        password_hash: Set(password_hash),
        active: Set(true),
        failed_count: Set(0),
        locked: Set(false),
        created_at: Set(act.now()),
        updated_at: Set(act.now()),
        ..Default::default()
    };
    let m = save(txn, act.key(), am).await?;
    act.record(
        txn,
        Entry::new(
            "operator.create",
            "operator",
            m.id,
            serde_json::json!({ "username": username, "roles": roles::roles_text(&n.roles) }),
        ),
    )
    .await?;
    Ok(m)
}

/// Every operator, by username.
pub async fn list(db: &impl ConnectionTrait) -> Result<Vec<OperatorRow>> {
    operators::Entity::find()
        .order_by_asc(operators::Column::Username)
        .all(db)
        .await?
        .iter()
        .map(to_row)
        .collect()
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

/// Whether an active, unlocked operator holds the Admin role.
pub async fn any_active_admin(db: &impl ConnectionTrait) -> Result<bool> {
    for o in operators::Entity::find()
        .filter(operators::Column::Active.eq(true))
        .filter(operators::Column::Locked.eq(false))
        .all(db)
        .await?
    {
        if roles_of(&o)?.contains(&Role::Admin) {
            return Ok(true);
        }
    }
    Ok(false)
}

async fn guard_last_admin(db: &impl ConnectionTrait, target: &operators::Model) -> Result<()> {
    if !roles_of(target)?.contains(&Role::Admin) {
        return Ok(());
    }
    let mut admins = 0;
    for o in operators::Entity::find()
        .filter(operators::Column::Active.eq(true))
        .all(db)
        .await?
    {
        if o.id != target.id && roles_of(&o)?.contains(&Role::Admin) {
            admins += 1;
        }
    }
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
    act: &Acting<'_>,
    am: operators::ActiveModel,
    action: &str,
    detail: serde_json::Value,
) -> Result<OperatorRow> {
    let txn = store::begin_write(db).await?;
    let m = save(&txn, act.key(), am).await?;
    act.record(&txn, Entry::new(action, "operator", m.id, detail))
        .await?;
    txn.commit().await?;
    to_row(&m)
}

/// Unlocks, deactivates or reactivates an operator; their history stays.
pub async fn change(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    what: Change,
) -> Result<OperatorRow> {
    let m = find(db, id).await?;
    let mut am: operators::ActiveModel = m.clone().into();
    am.updated_at = Set(act.now());
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
        tokens::revoke_all(db, act.key(), act.now(), id).await?;
    }
    update_with_audit(
        db,
        act,
        am,
        action,
        serde_json::json!({ "username": m.username }),
    )
    .await
}

/// Sets an operator's roles.
pub async fn set_roles(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    id: i64,
    roles: &[Role],
) -> Result<OperatorRow> {
    roles::check_roles(roles).map_err(|e| Error::field("roles", e))?;
    let m = find(db, id).await?;
    if !roles.contains(&Role::Admin) {
        guard_last_admin(db, &m).await?;
    }
    let mut am: operators::ActiveModel = m.clone().into();
    am.roles = Set(roles::roles_text(roles));
    am.updated_at = Set(act.now());
    update_with_audit(
        db,
        act,
        am,
        "operator.roles",
        serde_json::json!({
            "username": m.username, "from": m.roles, "to": roles::roles_text(roles),
        }),
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
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    operator_id: i64,
    input: &PasswordChange,
) -> Result<()> {
    let (old, new, again) = (&input.password_lama, &input.password, &input.password_ulang);
    let m = find(db, operator_id).await?;
    if !passwords::verify(&old.secret(), &m.password_hash).await? {
        return Err(Error::field("password_lama", "Kata sandi lama salah."));
    }
    let mut f = BTreeMap::new();
    passwords::check_password(&mut f, "password", &m.username, new, Some(again));
    Error::fields(f)?;
    let mut am: operators::ActiveModel = m.clone().into();
    am.password_hash = Set(passwords::hash(&new.secret(), rng).await?);
    am.updated_at = Set(act.now());
    update_with_audit(db, act, am, "operator.password", serde_json::json!({})).await?;
    Ok(())
}

/// An admin sets a new password for an operator (who forgot theirs); it also
/// unlocks the account and revokes remembered desks.
pub async fn reset_password(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
    id: i64,
    new: &Password,
) -> Result<OperatorRow> {
    let m = find(db, id).await?;
    let mut f = BTreeMap::new();
    passwords::check_password(&mut f, "password", &m.username, new, None);
    Error::fields(f)?;
    let mut am: operators::ActiveModel = m.clone().into();
    am.password_hash = Set(passwords::hash(&new.secret(), rng).await?);
    am.locked = Set(false);
    am.failed_count = Set(0);
    am.last_failed_at = Set(None);
    am.updated_at = Set(act.now());
    tokens::revoke_all(db, act.key(), act.now(), id).await?;
    update_with_audit(
        db,
        act,
        am,
        "operator.password_reset",
        serde_json::json!({ "username": m.username }),
    )
    .await
}
