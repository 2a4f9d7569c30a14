//! A certificate BSrE issued to an applicant, as the desk recorded it.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "certificates")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub applicant_id: i64,
    /// The case that issued it; none for a certificate recorded from outside Loket.
    pub case_id: Option<i64>,
    pub serial: Option<String>,
    pub valid_from: Date,
    pub valid_to: Date,
    /// `aktif`, `dicabut` or `digantikan`; expiry is derived from `valid_to`, never stored.
    pub status: String,
    pub revoked_at: Option<DateTimeWithTimeZone>,
    pub revocation_reason: Option<String>,
    pub revocation_code: Option<i32>,
    pub revoked_by_case_id: Option<i64>,
    pub created_at: DateTimeWithTimeZone,
    /// `loket` (issued through a case here) or `luar` (recorded from outside Loket).
    pub source: String,
    /// Who recorded a certificate from outside Loket.
    pub recorded_by: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
