//! What keeps a person's cases from contradicting each other: one running
//! service at a time (a data change's chain counts as one), and no case
//! moving on a certificate that was revoked or replaced meanwhile. The
//! third rule, one active certificate per person, is the registry's
//! ([`crate::certificates`]) and is checked where a certificate is recorded.

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};

use super::forms::{self, ServiceForm};
use super::record;
use crate::certificates::{self, CertStatus};
use crate::entities::{cases, certificates as certificate_rows};
use crate::lifecycle::flow;
use crate::{Error, Result};

/// The person's running case outside `this` and its chain, if any.
pub(crate) async fn running_other(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    this: Option<&cases::Model>,
) -> Result<Option<cases::Model>> {
    let all = cases::Entity::find()
        .filter(cases::Column::ApplicantId.eq(applicant_id))
        .order_by_asc(cases::Column::Id)
        .all(db)
        .await?;
    for c in all {
        if let Some(t) = this
            && (c.id == t.id || (t.chain_id.is_some() && c.chain_id == t.chain_id))
        {
            continue;
        }
        let (_, status) = record::kinds(&c)?;
        if !flow::is_final(status) {
            return Ok(Some(c));
        }
    }
    Ok(None)
}

/// The refusal naming a running case: what the desk reads next to `field`.
pub(crate) fn still_running(field: &str, other: &cases::Model) -> Result<Error> {
    let (l, s) = record::kinds(other)?;
    Ok(Error::field(
        field,
        format!(
            "Masih ada permohonan {} yang berjalan untuk pemohon ini ({}, {}). Satu pemohon satu \
             layanan berjalan: selesaikan, tolak atau batalkan permohonan itu lebih dulu.",
            other.nomor,
            l.label(),
            s.label()
        ),
    ))
}

/// Refuses to move `case` on while a certificate its form names was revoked
/// or replaced meanwhile (by another case, or recorded so): the step would
/// act on a certificate that no longer stands.
pub(crate) async fn certificates_stand(
    db: &impl ConnectionTrait,
    case: &cases::Model,
) -> Result<()> {
    let ids = match forms::of_case(case)? {
        Some(ServiceForm::Pembaruan { certificate_id }) => vec![certificate_id],
        Some(ServiceForm::Pencabutan {
            certificate_ids, ..
        }) => certificate_ids,
        _ => return Ok(()),
    };
    for id in ids {
        let Some(c) = certificate_rows::Entity::find_by_id(id).one(db).await? else {
            continue;
        };
        let status = certificates::status_of(&c)?;
        if status == CertStatus::Aktif {
            continue;
        }
        let by = match c.revoked_by_case_id {
            Some(other) if other != case.id => {
                cases::Entity::find_by_id(other).one(db).await?.map_or_else(
                    || "pencatatan".to_string(),
                    |o| format!("permohonan {}", o.nomor),
                )
            }
            _ => "pencatatan".to_string(),
        };
        return Err(Error::field(
            "action",
            format!(
                "Sertifikat nomor seri {} sudah {} (oleh {by}); permohonan {} tidak dapat \
                 dilanjutkan. Tolak atau batalkan permohonan ini.",
                c.serial.as_deref().unwrap_or("-"),
                status.as_str(),
                case.nomor
            ),
        ));
    }
    Ok(())
}
