//! A document attached to a case; its content is stored only encrypted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "documents")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub case_id: i64,
    /// Random; part of the encryption context that binds the content to this row.
    #[sea_orm(unique)]
    pub token: String,
    /// A requirement code of the case (`ktp`, `surat_permohonan`, ...) or `lainnya`.
    pub kind: String,
    pub filename: String,
    pub mime: String,
    pub size: i64,
    /// SHA-256 of the stored content (after images were re-encoded).
    pub sha256: String,
    pub cipher: Vec<u8>,
    pub created_by: String,
    pub created_at: DateTimeWithTimeZone,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
