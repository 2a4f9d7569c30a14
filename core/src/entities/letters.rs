//! An outgoing letter in the register; the signed copy is stored only encrypted.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "letters")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    pub jenis: String,
    /// `draf`, `terbit`, `final` or `batal`.
    pub status: String,
    /// Year and serial of the number; `None` for a draft.
    pub tahun: Option<i32>,
    pub urut: Option<i64>,
    pub nomor: Option<String>,
    pub instansi: String,
    /// JSON of the letter's content as printed (snapshot at draft or issue).
    pub content: String,
    pub created_by: String,
    pub created_at: DateTimeWithTimeZone,
    pub issued_by: Option<String>,
    pub issued_at: Option<DateTimeWithTimeZone>,
    pub void_reason: Option<String>,
    pub voided_by: Option<String>,
    pub voided_at: Option<DateTimeWithTimeZone>,
    /// SHA-256 and size of the last export for electronic signature.
    pub tte_sha256: Option<String>,
    pub tte_size: Option<i64>,
    pub signed_token: Option<String>,
    /// `basah` (scan of the signed paper) or `elektronik`.
    pub signed_kind: Option<String>,
    pub signed_mime: Option<String>,
    pub signed_filename: Option<String>,
    pub signed_sha256: Option<String>,
    pub signed_cipher: Option<Vec<u8>>,
    pub signed_by: Option<String>,
    pub signed_at: Option<DateTimeWithTimeZone>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
