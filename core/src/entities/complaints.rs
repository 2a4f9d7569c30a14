//! The complaints register (pengaduan, saran dan masukan).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "complaints")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub nomor: String,
    pub kanal: String,
    pub nomor_lapor: Option<String>,
    pub nama: Option<String>,
    pub kontak: Option<String>,
    pub case_id: Option<i64>,
    pub kategori: String,
    pub kategori_nama: String,
    pub hari_kerja: i32,
    #[sea_orm(column_type = "Text")]
    pub isi: String,
    pub petugas: String,
    pub status: String,
    pub diterima_at: DateTimeWithTimeZone,
    pub tenggat_at: DateTimeWithTimeZone,
    pub tenggat_kalender: bool,
    #[sea_orm(column_type = "Text", nullable)]
    pub tanggapan: Option<String>,
    pub ditanggapi_at: Option<DateTimeWithTimeZone>,
    pub dibuat_oleh: String,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
