//! Kiosk submissions waiting for the desk (sealed), and what the desk did with them.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "kiosk_inbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    #[sea_orm(unique)]
    pub nomor: String,
    pub layanan: String,
    /// The kiosk account that submitted it.
    pub kiosk: String,
    pub received_at: DateTimeWithTimeZone,
    /// The submission sealed to the office's kiosk key.
    pub sealed: Vec<u8>,
    /// `baru`, `diterima` or `dibuang`.
    pub status: String,
    pub handled_by: Option<String>,
    pub handled_at: Option<DateTimeWithTimeZone>,
    pub reason: Option<String>,
    pub case_id: Option<i64>,
    /// A slow hash of the number and the NIK's last four digits, for the
    /// kiosk's status check (see `kiosk::status`).
    pub status_check: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
