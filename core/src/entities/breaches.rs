//! One personal-data breach in the register (see `privacy::breach`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "breaches")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `INSIDEN-YYYY-NNNN`.
    pub nomor: String,
    pub ditemukan_at: DateTimeWithTimeZone,
    /// What happened, when and how.
    pub uraian: String,
    /// The kinds of personal data concerned.
    pub data_terdampak: String,
    /// Whose data (a description).
    pub subjek: String,
    pub jumlah_subjek: i32,
    /// The measures taken and planned.
    pub langkah: String,
    /// Found + 72 hours.
    pub tenggat_at: DateTimeWithTimeZone,
    pub subjek_diberitahu_at: Option<DateTimeWithTimeZone>,
    pub lembaga_diberitahu_at: Option<DateTimeWithTimeZone>,
    pub dicatat_oleh: String,
    pub dicatat_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
