//! One change of a person's data: the earlier and the new values (JSON, the
//! NIK masked, its earlier ciphertext kept), who, when, why and in which case.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applicant_history")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub applicant_id: i64,
    pub at: DateTimeWithTimeZone,
    pub actor: String,
    /// `perubahan_data` or `koreksi`.
    pub kind: String,
    pub case_id: Option<i64>,
    pub reason: String,
    pub before: String,
    pub after: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
