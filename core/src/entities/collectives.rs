//! One collective request: an OPD's roster served together (see `collective`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "collectives")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// `KOLEKTIF-YYYY-NNNN`.
    pub nomor: String,
    /// `penerbitan` or `pembaruan`.
    pub layanan: String,
    pub instansi: String,
    /// The number of the OPD's covering letter.
    pub surat_nomor: String,
    pub surat_tanggal: Option<Date>,
    pub created_by: String,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
