//! A case's checklist: the catalogue's list for its service, copied when the
//! case opens, and its items ticked, added or made required at the desk.

use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, QueryFilter, Set,
};

use super::record;
use crate::audit::{Acting, Entry};
use crate::catalogue::requirements_for;
use crate::entities::case_requirements;
use crate::lifecycle::flow;
use crate::lifecycle::vocabulary::Layanan;
use crate::{Error, Result, store};

/// Writes a new case's checklist from the service's requirements (inside the
/// caller's transaction).
pub(crate) async fn insert_checklist(
    txn: &DatabaseTransaction,
    case_id: i64,
    l: Layanan,
) -> Result<()> {
    for spec in requirements_for(txn, l).await? {
        case_requirements::ActiveModel {
            case_id: Set(case_id),
            code: Set(spec.code),
            label: Set(spec.label),
            wajib: Set(spec.wajib),
            checked: Set(false),
            ..Default::default()
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Adds one item to a case's checklist (inside the caller's transaction), or
/// makes an existing one required.
pub(crate) async fn add(
    txn: &DatabaseTransaction,
    case_id: i64,
    code: &str,
    label: &str,
    wajib: bool,
) -> Result<()> {
    match item(txn, case_id, code).await? {
        Some(existing) => {
            let mut am: case_requirements::ActiveModel = existing.into();
            am.wajib = Set(wajib);
            am.update(txn).await?;
        }
        None => {
            case_requirements::ActiveModel {
                case_id: Set(case_id),
                code: Set(code.into()),
                label: Set(label.into()),
                wajib: Set(wajib),
                checked: Set(false),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
    }
    Ok(())
}

/// The checklist item `code` of a case, if the case has one.
pub(crate) async fn item(
    db: &impl ConnectionTrait,
    case_id: i64,
    code: &str,
) -> Result<Option<case_requirements::Model>> {
    Ok(case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(case_id))
        .filter(case_requirements::Column::Code.eq(code))
        .one(db)
        .await?)
}

/// The labels of required items not yet ticked.
pub(crate) async fn missing(db: &impl ConnectionTrait, case_id: i64) -> Result<Vec<String>> {
    Ok(case_requirements::Entity::find()
        .filter(case_requirements::Column::CaseId.eq(case_id))
        .all(db)
        .await?
        .into_iter()
        .filter(|r| r.wajib && !r.checked)
        .map(|r| r.label)
        .collect())
}

/// Sets one checklist item (inside the caller's transaction), with who and when.
pub(crate) async fn tick(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    item: case_requirements::Model,
    checked: bool,
) -> Result<()> {
    let mut am: case_requirements::ActiveModel = item.into();
    am.checked = Set(checked);
    am.checked_by = Set(checked.then(|| act.name()));
    am.checked_at = Set(checked.then_some(act.now()));
    am.update(txn).await?;
    Ok(())
}

/// Ticks or unticks one item of a case's checklist.
pub async fn check_requirement(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    case_id: i64,
    code: &str,
    checked: bool,
) -> Result<()> {
    let txn = store::begin_write(db).await?;
    let case = record::find(&txn, case_id).await?;
    let (_, status) = record::kinds(&case)?;
    if !flow::checklist_editable(status) {
        return Err(Error::field(
            "requirements",
            "Persyaratan hanya dapat diubah sebelum berkas dinyatakan lengkap.",
        ));
    }
    let item = item(&txn, case_id, code)
        .await?
        .ok_or(Error::NotFound("Persyaratan"))?;
    tick(&txn, act, item, checked).await?;
    act.record(
        &txn,
        Entry::new(
            "case.requirement",
            "case",
            case_id,
            serde_json::json!({ "nomor": case.nomor, "code": code, "checked": checked }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}
