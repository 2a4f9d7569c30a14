//! A person (or kiosk) who signs in to Loket.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "operators")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub username: String,
    pub nama: String,
    /// Comma-separated role names (`admin,verifikator`).
    pub roles: String,
    /// Argon2id PHC string (parameters and salt included).
    pub password_hash: String,
    pub active: bool,
    pub failed_count: i32,
    pub last_failed_at: Option<DateTimeWithTimeZone>,
    pub locked: bool,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
    /// The row's seal under the data key (see `seal`); empty only before
    /// Loket first sealed the rows it held.
    pub segel: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
