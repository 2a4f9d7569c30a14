//! The certificate registry: what BSrE issued to each applicant, as the desk
//! recorded it when a case finished. Expiry is derived from the dates, never
//! stored, so the registry needs no nightly job.

use chrono::{Duration, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction,
    EntityTrait, ModelTrait, QueryFilter, QueryOrder, Set,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::cases::flow;
use crate::cases::vocabulary::{Layanan, RevocationReason, Status};
use crate::entities::{applicants as applicant_rows, cases, certificates};
use crate::{Error, Result, store};

/// Stored status of a certificate; expiry is read from its dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CertStatus {
    Aktif,
    Kedaluwarsa,
    Dicabut,
}

text_enum!(CertStatus { Aktif => "aktif", Kedaluwarsa => "kedaluwarsa", Dicabut => "dicabut" });

/// A certificate as the case page and registry show it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CertificateRow {
    #[ts(type = "number")]
    pub id: i64,
    pub serial: Option<String>,
    pub valid_from: String,
    pub valid_to: String,
    pub status: CertStatus,
    pub revocation_reason: Option<RevocationReason>,
    pub revocation_code: Option<i32>,
}

fn cert_row(c: certificates::Model, today: NaiveDate) -> Result<CertificateRow> {
    let what = |field: &str| format!("{field} sertifikat #{}", c.id);
    let stored = CertStatus::stored(&c.status, what("status"))?;
    let status = match stored {
        CertStatus::Aktif if c.valid_to < today => CertStatus::Kedaluwarsa,
        s => s,
    };
    let revocation_reason = c
        .revocation_reason
        .as_deref()
        .map(|r| RevocationReason::stored(r, what("alasan pencabutan")))
        .transpose()?;
    Ok(CertificateRow {
        id: c.id,
        serial: c.serial,
        valid_from: c.valid_from.to_string(),
        valid_to: c.valid_to.to_string(),
        status,
        revocation_reason,
        revocation_code: c.revocation_code,
    })
}

/// The applicant's certificates that are active on `today`, latest ending first.
pub async fn active(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    today: NaiveDate,
) -> Result<Vec<certificates::Model>> {
    Ok(certificates::Entity::find()
        .filter(certificates::Column::ApplicantId.eq(applicant_id))
        .filter(certificates::Column::Status.eq(CertStatus::Aktif.as_str()))
        .filter(certificates::Column::ValidTo.gte(today))
        .order_by_desc(certificates::Column::ValidTo)
        .all(db)
        .await?)
}

/// A certificate nearing its end, with who holds it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ExpiringRow {
    pub certificate: CertificateRow,
    #[ts(type = "number")]
    pub applicant_id: i64,
    pub nama: String,
    pub nip: Option<String>,
    pub instansi: String,
    pub days_left: i32,
    /// An open pembaruan case already exists for this applicant.
    pub pembaruan_nomor: Option<String>,
}

/// Setting: how many days ahead the expiring view looks (default 30).
pub const SETTING_EXPIRY_DAYS: &str = "hari_peringatan_kedaluwarsa";

/// Active certificates that end within the configured number of days.
pub async fn expiring(db: &DatabaseConnection, today: NaiveDate) -> Result<Vec<ExpiringRow>> {
    let days = store::number_setting(db, SETTING_EXPIRY_DAYS, 30).await? as i64;
    let rows = certificates::Entity::find()
        .filter(certificates::Column::Status.eq(CertStatus::Aktif.as_str()))
        .filter(certificates::Column::ValidTo.gte(today))
        .filter(certificates::Column::ValidTo.lte(today + Duration::days(days)))
        .order_by_asc(certificates::Column::ValidTo)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for cert in rows {
        let applicant = applicant_rows::Entity::find_by_id(cert.applicant_id)
            .one(db)
            .await?
            .ok_or_else(|| Error::Corrupt(format!("pemegang sertifikat #{} hilang", cert.id)))?;
        let mut pembaruan = None;
        for c in applicant
            .find_related(cases::Entity)
            .filter(cases::Column::Layanan.eq(Layanan::Pembaruan.as_str()))
            .all(db)
            .await?
        {
            let status = Status::stored(&c.status, format_args!("status permohonan {}", c.nomor))?;
            if !flow::is_final(status) {
                pembaruan = Some(c.nomor);
                break;
            }
        }
        out.push(ExpiringRow {
            days_left: (cert.valid_to - today).num_days() as i32,
            applicant_id: applicant.id,
            nama: applicant.nama,
            nip: applicant.nip,
            instansi: applicant.instansi,
            pembaruan_nomor: pembaruan,
            certificate: cert_row(cert, today)?,
        });
    }
    Ok(out)
}

/// Every certificate of an applicant, latest ending first.
pub async fn of_applicant(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    today: NaiveDate,
) -> Result<Vec<CertificateRow>> {
    certificates::Entity::find()
        .filter(certificates::Column::ApplicantId.eq(applicant_id))
        .order_by_desc(certificates::Column::ValidTo)
        .all(db)
        .await?
        .into_iter()
        .map(|cert| cert_row(cert, today))
        .collect()
}

/// What BSrE's notice says of a new certificate.
pub(crate) struct Validity<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub serial: &'a str,
}

/// Records the certificate a finished penerbitan or pembaruan produced.
pub(crate) async fn issue(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case: &cases::Model,
    validity: &Validity<'_>,
) -> Result<()> {
    let (valid_from, valid_to, serial) = (validity.from, validity.to, validity.serial);
    let cert = certificates::ActiveModel {
        applicant_id: Set(case.applicant_id),
        case_id: Set(case.id),
        serial: Set((!serial.is_empty()).then(|| serial.to_string())),
        valid_from: Set(valid_from),
        valid_to: Set(valid_to),
        status: Set(CertStatus::Aktif.as_str().into()),
        created_at: Set(act.now()),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    act.record(
        txn,
        Entry::new(
            "certificate.issue",
            "certificate",
            cert.id,
            serde_json::json!({
                "case": case.nomor, "valid_from": valid_from, "valid_to": valid_to,
            }),
        ),
    )
    .await?;
    Ok(())
}

/// Marks every active certificate of the case's applicant revoked, with the
/// local reason and its RFC 5280 code.
pub(crate) async fn revoke_all(
    txn: &DatabaseTransaction,
    act: &Acting<'_>,
    case: &cases::Model,
    reason: RevocationReason,
) -> Result<()> {
    for cert in active(txn, case.applicant_id, act.today()).await? {
        let id = cert.id;
        let mut am: certificates::ActiveModel = cert.into();
        am.status = Set(CertStatus::Dicabut.as_str().into());
        am.revoked_at = Set(Some(act.now()));
        am.revocation_reason = Set(Some(reason.as_str().into()));
        am.revocation_code = Set(Some(reason.rfc5280_code()));
        am.revoked_by_case_id = Set(Some(case.id));
        am.update(txn).await?;
        act.record(
            txn,
            Entry::new(
                "certificate.revoke",
                "certificate",
                id,
                serde_json::json!({
                    "case": case.nomor, "reason": reason.as_str(),
                    "rfc5280": reason.rfc5280_code(),
                }),
            ),
        )
        .await?;
    }
    Ok(())
}
