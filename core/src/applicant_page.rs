//! The applicant's page: a person with their data (NIK masked), the
//! certificates on record (issued here or recorded from outside Loket), their
//! cases and the history of changes to their data. A read-model above
//! `applicants`, `certificates` and `cases`, which never import it.

use chrono::NaiveDate;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::Serialize;
use ts_rs::TS;

use crate::Error;
use crate::Result;
use crate::applicants::changes::{self, HistoryRow, PersonData};
use crate::cases::record::{self, CaseRow};
use crate::certificates::{self, CertificateRow};
use crate::entities::{applicants, cases};

/// A person as their page shows them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ApplicantDetail {
    #[ts(type = "number")]
    pub id: i64,
    pub nik_masked: String,
    pub data: PersonData,
    /// The record's version: a correction made from this page is refused if
    /// someone changed the record since.
    pub version: i32,
    pub updated_by: String,
    pub updated_at: String,
    pub created_at: String,
}

/// Everything the applicant's page shows.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct ApplicantPage {
    pub applicant: ApplicantDetail,
    pub certificates: Vec<CertificateRow>,
    /// Newest first.
    pub cases: Vec<CaseRow>,
    /// Newest first.
    pub history: Vec<HistoryRow>,
}

/// A person's page.
pub async fn get_applicant(
    db: &impl ConnectionTrait,
    id: i64,
    today: NaiveDate,
) -> Result<ApplicantPage> {
    let a = applicants::Entity::find_by_id(id)
        .one(db)
        .await?
        .ok_or(Error::NotFound("Pemohon"))?;
    let mut rows = vec![];
    for c in cases::Entity::find()
        .filter(cases::Column::ApplicantId.eq(a.id))
        .order_by_desc(cases::Column::Id)
        .all(db)
        .await?
    {
        rows.push(record::row(c, &a)?);
    }
    Ok(ApplicantPage {
        certificates: certificates::of_applicant(db, a.id, today).await?,
        history: changes::history(db, a.id).await?,
        cases: rows,
        applicant: ApplicantDetail {
            id: a.id,
            nik_masked: a.nik_masked.clone(),
            data: PersonData::of(&a),
            version: a.version,
            updated_by: a.updated_by.clone(),
            updated_at: a.updated_at.to_rfc3339(),
            created_at: a.created_at.to_rfc3339(),
        },
    })
}
