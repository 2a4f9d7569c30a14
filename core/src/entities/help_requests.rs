//! A person's request for help with using their certificate (see
//! `help::register`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "help_requests")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `BANTUAN-YYYY-NNNN`.
    pub nomor: String,
    pub applicant_id: i64,
    /// A code of `help::register::TopikBantuan`.
    pub topik: String,
    /// A code of `help::register::KanalBantuan`.
    pub kanal: String,
    /// What the person asked, as the desk wrote it.
    #[sea_orm(column_type = "Text")]
    pub uraian: String,
    /// `diterima`, `diteruskan` (to BSrE) or `selesai`.
    pub status: String,
    pub diterima_at: DateTimeWithTimeZone,
    /// How it was passed to BSrE (its ticket or the address written to).
    #[sea_orm(column_type = "Text", nullable)]
    pub rujukan: Option<String>,
    pub diteruskan_at: Option<DateTimeWithTimeZone>,
    /// What was done.
    #[sea_orm(column_type = "Text", nullable)]
    pub hasil: Option<String>,
    pub selesai_at: Option<DateTimeWithTimeZone>,
    pub dicatat_oleh: String,
    pub selesai_oleh: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(
        belongs_to = "super::applicants::Entity",
        from = "Column::ApplicantId",
        to = "super::applicants::Column::Id"
    )]
    Applicant,
}

impl Related<super::applicants::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Applicant.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
