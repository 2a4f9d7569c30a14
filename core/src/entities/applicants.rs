//! An applicant (pemohon). The NIK is kept only as ciphertext, blind index and masked form.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "applicants")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub nama: String,
    pub nama_cari: String,
    pub nik_cipher: Vec<u8>,
    #[sea_orm(unique)]
    pub nik_index: String,
    pub nik_masked: String,
    pub nip: Option<String>,
    pub email: String,
    pub telepon: String,
    pub jabatan: String,
    pub unit_kerja: String,
    pub instansi: String,
    pub created_at: DateTimeWithTimeZone,
    pub updated_at: DateTimeWithTimeZone,
    /// Grows with every change; a save prepared against an older version is refused.
    pub version: i32,
    /// Who changed the record last (empty until the first change).
    pub updated_by: String,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {
    #[sea_orm(has_many = "super::cases::Entity")]
    Cases,
}

impl Related<super::cases::Entity> for Entity {
    fn to() -> RelationDef {
        Relation::Cases.def()
    }
}

impl ActiveModelBehavior for ActiveModel {}
