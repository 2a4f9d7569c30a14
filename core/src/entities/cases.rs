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
