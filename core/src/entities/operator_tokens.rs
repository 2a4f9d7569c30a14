//! A "remember me on this desk" token: only its hash is stored.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "operator_tokens")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub operator_id: i64,
    #[sea_orm(unique)]
    pub token_hash: String,
    pub created_at: DateTimeWithTimeZone,
    pub revoked_at: Option<DateTimeWithTimeZone>,
    /// When this token's session was seen locked (cleared by the unlock).
    pub locked_at: Option<DateTimeWithTimeZone>,
    /// When the session this token carries began (its working day counts from there).
    pub session_at: Option<DateTimeWithTimeZone>,
    /// When the session was last active (noted at most once a minute).
    pub aktif_at: Option<DateTimeWithTimeZone>,
    /// The row's seal under the data key (see `seal`); empty only before
    /// Loket first sealed the rows it held.
    pub segel: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
