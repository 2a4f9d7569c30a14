//! Events at kiosk PCs waiting for a desk to move them into the audit log.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kiosk_events")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The event sealed to the office's kiosk key.
    pub sealed: Vec<u8>,
    /// The kiosk's clock when it happened.
    pub received_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
