//! Help with using a certificate (bantuan penggunaan sertifikat): a person
//! on record asks the desk about a forgotten passphrase, BSrE's e-mail that
//! never came, a signature that fails. Each request is numbered, has its
//! topic and channel, and goes diterima -> (diteruskan ke BSrE) -> selesai.
//! Kept apart from the cases: it opens no Surat Rekomendasi and no AMS entry.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("help_requests")
                .col(big_pk_auto("id"))
                .col(string_uniq("nomor"))
                .col(big_integer("applicant_id"))
                .col(string("topik"))
                .col(string("kanal"))
                .col(text("uraian"))
                .col(string("status"))
                .col(timestamp_with_time_zone("diterima_at"))
                .col(text_null("rujukan"))
                .col(timestamp_with_time_zone_null("diteruskan_at"))
                .col(text_null("hasil"))
                .col(timestamp_with_time_zone_null("selesai_at"))
                .col(string("dicatat_oleh"))
                .col(string_null("selesai_oleh"))
                .foreign_key(
                    ForeignKey::create()
                        .from("help_requests", "applicant_id")
                        .to("applicants", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_help_requests_applicant")
                .table("help_requests")
                .col("applicant_id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_help_requests_diterima")
                .table("help_requests")
                .col("diterima_at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("help_requests").to_owned())
            .await
    }
}
