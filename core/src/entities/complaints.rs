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
    /// The written answer's clock (UU 25/2009 Pasal 50 ayat (5)); NULL on a
    /// complaint registered before it was kept (read from `hari_kerja`).
    pub hari_jawab: Option<i32>,
    /// NULL while it cannot be counted (a year's calendar missing).
    pub jawab_tenggat_at: Option<DateTimeWithTimeZone>,
    #[sea_orm(column_type = "Text", nullable)]
    pub jawaban: Option<String>,
    pub dijawab_at: Option<DateTimeWithTimeZone>,
    /// `surel` (through the outbox) or `surat` (printed on the letterhead).
    pub jawaban_cara: Option<String>,
    pub hari_eskalasi: Option<i32>,
    /// The complaints officer it was escalated to (Perpres 76/2013).
    pub pejabat: Option<String>,
    #[sea_orm(column_type = "Text", nullable)]
    pub eskalasi_alasan: Option<String>,
    pub eskalasi_at: Option<DateTimeWithTimeZone>,
    /// NULL while it cannot be counted.
    pub eskalasi_tenggat_at: Option<DateTimeWithTimeZone>,
    pub dibuat_oleh: String,
    pub updated_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
