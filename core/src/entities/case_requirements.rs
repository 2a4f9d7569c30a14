//! One item of a case's requirements checklist (persyaratan), copied from the
//! office's configuration when the case opens.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "case_requirements")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    pub code: String,
    pub label: String,
    pub wajib: bool,
    pub checked: bool,
    pub checked_by: Option<String>,
    pub checked_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
