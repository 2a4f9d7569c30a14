//! One backup run of the embedded database (see `backup`).

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "backups")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub mulai_at: DateTimeWithTimeZone,
    pub selesai_at: DateTimeWithTimeZone,
    /// The folder it was written to.
    pub folder: String,
    /// The file's name in that folder (none when the run failed early).
    pub berkas: Option<String>,
    /// Bytes of the encrypted file.
    pub ukuran: i64,
    /// Bytes of the database copy inside it.
    pub ukuran_basis_data: i64,
    pub berhasil: bool,
    /// Why it failed.
    pub pesan: Option<String>,
    /// Who started it, or the schedule.
    pub oleh: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
