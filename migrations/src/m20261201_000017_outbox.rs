//! The outbox: each message to an applicant is a row written in the same
//! transaction as the case change that causes it, with a fixed Message-ID;
//! the mail sender delivers rows, records the server's answer and retries
//! with growing waits. A once-only key keeps an expiry notice to one per
//! certificate and day mark.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("outbox")
                .col(big_pk_auto("id"))
                .col(string_uniq("message_id"))
                .col(string_null("kunci").unique_key())
                .col(string("peristiwa"))
                .col(big_integer_null("case_id"))
                .col(big_integer_null("certificate_id"))
                .col(big_integer_null("letter_id"))
                .col(string("penerima"))
                .col(string("nama_penerima"))
                .col(string("subjek"))
                .col(text("isi"))
                .col(string_null("lampiran_jenis"))
                .col(string_null("lampiran_nama"))
                .col(blob_null("lampiran"))
                .col(string("status"))
                .col(integer("percobaan"))
                .col(timestamp_with_time_zone("berikutnya"))
                .col(timestamp_with_time_zone_null("dikirim_sejak"))
                .col(boolean("ulang_tidak_pasti"))
                .col(text_null("balasan"))
                .col(timestamp_with_time_zone("dibuat"))
                .col(string("dibuat_oleh"))
                .col(timestamp_with_time_zone_null("terkirim_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_outbox_case")
                        .from("outbox", "case_id")
                        .to("cases", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        for (name, cols) in [
            ("idx_outbox_due", &["status", "berikutnya"][..]),
            ("idx_outbox_case", &["case_id"][..]),
        ] {
            let mut idx = Index::create().name(name).table("outbox").to_owned();
            for c in cols {
                idx.col(*c);
            }
            m.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("outbox").to_owned()).await
    }
}
