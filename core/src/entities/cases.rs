//! A case (permohonan layanan) of one applicant.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "cases")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub nomor: String,
    pub applicant_id: i64,
    pub layanan: String,
    pub status: String,
    pub kanal: String,
    pub created_by: String,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
    /// The rejected case this one re-opens, or the case before it in its chain.
    pub parent_id: Option<i64>,
    /// The first case of a chain (perubahan data -> pencabutan -> penerbitan).
    pub chain_id: Option<i64>,
    pub ams_ref: Option<String>,
    pub ams_at: Option<DateTimeWithTimeZone>,
    pub reason_code: Option<String>,
    pub reason_note: Option<String>,
    pub rejected_by: Option<String>,
    /// Pencabutan only: the local revocation reason (see `lifecycle::vocabulary::RevocationReason`).
    pub revocation_reason: Option<String>,
    pub closed_at: Option<DateTimeWithTimeZone>,
    /// The service form (JSON, see `cases::forms::ServiceForm`); none for cases
    /// opened before forms existed.
    pub form: Option<String>,
    /// The due moment while the case's clock runs (derived from its events
    /// by `cases::due`; NULL before the clock starts, while it stands still
    /// and after the case ends).
    pub tenggat_at: Option<DateTimeWithTimeZone>,
    /// The instansi and unit kerja the applicant stated when applying (the
    /// reports count the case for them).
    pub instansi: String,
    pub unit_kerja: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::applicants::Entity",
        from = "Column::ApplicantId",
        to = "super::applicants::Column::Id"
    )]
    Applicant,
    #[sea_orm(has_many = "super::case_events::Entity")]
    Events,
}

impl Related<super::applicants::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Applicant.def()
    }
}

impl Related<super::case_events::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Events.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
