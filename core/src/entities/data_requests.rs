//! A person's request for their data: a correction or access (see
//! `privacy::requests`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "data_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `KOREKSI-YYYY-NNNN` or `AKSES-YYYY-NNNN`.
    pub nomor: String,
    pub applicant_id: i64,
    /// What the person asks to be corrected, and why.
    pub isi: String,
    pub diterima_at: DateTimeWithTimeZone,
    /// Received + 72 hours.
    pub tenggat_at: DateTimeWithTimeZone,
    pub selesai_at: Option<DateTimeWithTimeZone>,
    /// How it was answered.
    pub hasil: Option<String>,
    pub dicatat_oleh: String,
    pub selesai_oleh: Option<String>,
    /// `akses` for an access request; `None` for a correction request.
    pub jenis: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
