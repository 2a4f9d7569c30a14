//! One import of a spreadsheet (see `import`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "imports")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The file's name as chosen.
    pub berkas: String,
    /// SHA-256 of the file's bytes (hex).
    pub sha256: String,
    pub mulai_at: DateTimeWithTimeZone,
    pub selesai_at: Option<DateTimeWithTimeZone>,
    /// `berjalan`, `selesai` or `dibatalkan`.
    pub status: String,
    /// Data rows in the file.
    pub baris: i32,
    /// Rows judged and written so far (whole batches).
    pub diproses: i32,
    pub orang_baru: i32,
    pub sertifikat_baru: i32,
    pub sudah_ada: i32,
    pub ditolak: i32,
    pub oleh: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
