//! Messages to applicants, written in the transaction of the change that
//! causes them and delivered afterwards by the mail sender.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "outbox")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i64,
    /// The Message-ID header, fixed when queued: every attempt carries it.
    #[sea_orm(unique)]
    pub message_id: String,
    /// Once-only key (an expiry notice per certificate and day mark).
    #[sea_orm(unique)]
    pub kunci: Option<String>,
    pub peristiwa: String,
    pub case_id: Option<i64>,
    pub certificate_id: Option<i64>,
    /// The letter attached (a rejection notice).
    pub letter_id: Option<i64>,
    pub penerima: String,
    pub nama_penerima: String,
    pub subjek: String,
    pub isi: String,
    /// What is attached: `tanda_terima` or `surat`; rendered at the first
    /// attempt and kept, so every attempt sends the same bytes.
    pub lampiran_jenis: Option<String>,
    pub lampiran_nama: Option<String>,
    pub lampiran: Option<Vec<u8>>,
    /// `menunggu`, `terkirim` or `gagal`.
    pub status: String,
    pub percobaan: i32,
    pub berikutnya: DateTimeWithTimeZone,
    /// Set while a sender talks to the server; found set at start, the
    /// sender stopped mid-way.
    pub dikirim_sejak: Option<DateTimeWithTimeZone>,
    /// Sent again after a sender stopped while talking to the server: the
    /// server may have it twice (with the same Message-ID).
    pub ulang_tidak_pasti: bool,
    /// The server's last answer.
    pub balasan: Option<String>,
    pub dibuat: DateTimeWithTimeZone,
    pub dibuat_oleh: String,
    pub terkirim_at: Option<DateTimeWithTimeZone>,
    /// The row's seal under the data key (see `seal`); empty only before
    /// Loket first sealed the rows it held.
    pub segel: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
