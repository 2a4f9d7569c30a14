//! Four-eyes for corrections: where the office turns it on
//! ([`values::SETTING_FOUR_EYES`], a sealed setting the administrator changes), a
//! correction of a case's or a certificate's value waits for a second
//! person's "Setujui" and applies only then, checked again against the value
//! as it stands and the rules as they stand; nobody approves their own, and
//! a waiting row changed outside Loket is never applied.

use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder, Set,
};
use serde::Serialize;
use ts_rs::TS;

use super::values::{self, State, Target};
use crate::audit::{Acting, Entry};
use crate::entities::{cases, corrections};
use crate::secrets::DataKey;
use crate::{Error, Result, store};

/// A correction waiting for approval, as the case page and the register show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct PendingCorrection {
    #[ts(type = "number")]
    pub id: i64,
    #[ts(type = "number")]
    pub case_id: i64,
    pub nomor: String,
    pub label: String,
    pub lama: String,
    pub baru: String,
    pub reason: String,
    pub requested_by: String,
    /// RFC 3339.
    pub requested_at: String,
}

/// Turns four-eyes for corrections on or off (the administrator).
pub async fn set_four_eyes(db: &DatabaseConnection, act: &Acting<'_>, on: bool) -> Result<()> {
    let txn = store::begin_write(db).await?;
    store::set_setting(
        &txn,
        act.key(),
        values::SETTING_FOUR_EYES,
        if on { "ya" } else { "tidak" },
    )
    .await?;
    act.record(
        &txn,
        Entry::new(
            "settings.four_eyes",
            "settings",
            0,
            serde_json::json!({ "koreksi_empat_mata": on }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// A waiting correction, its seal checked.
async fn waiting(db: &impl ConnectionTrait, key: &DataKey, id: i64) -> Result<corrections::Model> {
    let row = corrections::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Koreksi"))?;
    if !crate::seal::holds(row.segel.as_deref(), &crate::seal::correction(key, &row)) {
        return Err(Error::Tampered(format!(
            "Koreksi #{id} diubah di luar Loket; tidak dapat disetujui."
        )));
    }
    if row.state != State::Menunggu.as_str() || decided_before(db, id).await? {
        return Err(Error::field(
            "koreksi",
            "Koreksi ini sudah diputuskan (disetujui atau ditolak).",
        ));
    }
    Ok(row)
}

/// Whether the audit log holds a decision on correction `id`: a row put
/// back to "waiting" with its earlier seal (copied before the decision) is
/// still decided.
async fn decided_before(db: &impl ConnectionTrait, id: i64) -> Result<bool> {
    use crate::entities::audit_log;
    let entries = audit_log::Entity::find()
        .filter(audit_log::Column::Action.is_in(["correction.apply", "correction.refuse"]))
        .filter(audit_log::Column::Detail.contains(format!("\"correction\":{id}")))
        .all(db)
        .await?;
    Ok(entries.iter().any(|e| {
        serde_json::from_str::<serde_json::Value>(&e.detail)
            .ok()
            .and_then(|v| v.get("correction").and_then(serde_json::Value::as_i64))
            == Some(id)
    }))
}

/// Approves a waiting correction (four-eyes): a second person, the value
/// still as the request saw it.
pub async fn approve(db: &DatabaseConnection, act: &Acting<'_>, id: i64) -> Result<()> {
    let txn = store::begin_write(db).await?;
    let row = waiting(&txn, act.key(), id).await?;
    store::hold_person(&txn, row.applicant_id).await?;
    let row = waiting(&txn, act.key(), id).await?;
    if row.requested_by == act.name() {
        return Err(Error::field(
            "koreksi",
            "Koreksi yang Anda ajukan sendiri harus disetujui petugas lain.",
        ));
    }
    let target = Target::stored(&row.target, format_args!("koreksi #{}", row.id))?;
    let now = values::current(&txn, target, row.target_id, &row.field).await?;
    if now.value != row.lama {
        return Err(values::stale(&now.label, &row.lama, &now.value).at_field("koreksi"));
    }
    // The new value is checked again as things stand now (a serial taken
    // meanwhile, an end date before a corrected start).
    values::checked_value(&txn, act, target, row.target_id, &row.field, &row.baru)
        .await
        .map_err(|e| e.at_field("koreksi"))?;
    let mut am: corrections::ActiveModel = row.clone().into();
    am.state = Set(State::Berlaku.as_str().into());
    am.decided_by = Set(Some(act.name()));
    am.decided_at = Set(Some(act.now()));
    let row = values::save(&txn, act.key(), am).await?;
    values::applied(&txn, act, &row, &now.label).await?;
    txn.commit().await?;
    Ok(())
}

/// Refuses a waiting correction: nothing changes; the row stays as refused.
pub async fn refuse(db: &DatabaseConnection, act: &Acting<'_>, id: i64) -> Result<()> {
    let txn = store::begin_write(db).await?;
    let row = waiting(&txn, act.key(), id).await?;
    let mut am: corrections::ActiveModel = row.into();
    am.state = Set(State::Ditolak.as_str().into());
    am.decided_by = Set(Some(act.name()));
    am.decided_at = Set(Some(act.now()));
    let row = values::save(&txn, act.key(), am).await?;
    act.record(
        &txn,
        Entry::new(
            "correction.refuse",
            "case",
            row.case_id,
            serde_json::json!({ "correction": row.id, "field": row.field }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// The corrections waiting for approval, oldest first (of one case, or all).
pub async fn pending(
    db: &impl ConnectionTrait,
    case_id: Option<i64>,
) -> Result<Vec<PendingCorrection>> {
    let mut q =
        corrections::Entity::find().filter(corrections::Column::State.eq(State::Menunggu.as_str()));
    if let Some(id) = case_id {
        q = q.filter(corrections::Column::CaseId.eq(id));
    }
    let rows = q.order_by_asc(corrections::Column::Id).all(db).await?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let nomor = cases::Entity::find_by_id(r.case_id)
            .one(db)
            .await?
            .map_or_else(String::new, |c| c.nomor);
        out.push(PendingCorrection {
            id: r.id,
            case_id: r.case_id,
            nomor,
            label: values::describe(db, &r).await?,
            lama: r.lama,
            baru: r.baru,
            reason: r.reason,
            requested_by: r.requested_by,
            requested_at: r.requested_at.to_rfc3339(),
        });
    }
    Ok(out)
}
