//! Failed status checks at the kiosk, per registration number.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "status_attempts")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub nomor: String,
    pub failed: i32,
    pub last_failed_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
