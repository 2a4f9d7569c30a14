//! The register of outgoing letters (buku agenda surat keluar): one row per
//! letter with its number once issued, the cases it concerns, and the signed
//! copy filed back (encrypted like documents).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("letters")
                .col(big_pk_auto("id"))
                .col(string("jenis"))
                .col(string("status"))
                .col(integer_null("tahun"))
                .col(big_integer_null("urut"))
                .col(string_null("nomor"))
                .col(string("instansi"))
                .col(text("content"))
                .col(string("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .col(string_null("issued_by"))
                .col(timestamp_with_time_zone_null("issued_at"))
                .col(text_null("void_reason"))
                .col(string_null("voided_by"))
                .col(timestamp_with_time_zone_null("voided_at"))
                .col(string_null("tte_sha256"))
                .col(big_integer_null("tte_size"))
                .col(string_null("signed_token"))
                .col(string_null("signed_kind"))
                .col(string_null("signed_mime"))
                .col(string_null("signed_filename"))
                .col(string_null("signed_sha256"))
                .col(blob_null("signed_cipher"))
                .col(string_null("signed_by"))
                .col(timestamp_with_time_zone_null("signed_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_letters_number")
                .table("letters")
                .col("tahun")
                .col("urut")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_letters_nomor")
                .table("letters")
                .col("nomor")
                .unique()
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("letter_cases")
                .col(big_integer("letter_id"))
                .col(big_integer("case_id"))
                .col(integer("urutan"))
                .primary_key(Index::create().col("letter_id").col("case_id"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_letter_cases_letter")
                        .from("letter_cases", "letter_id")
                        .to("letters", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_letter_cases_case")
                        .from("letter_cases", "case_id")
                        .to("cases", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_letter_cases_case")
                .table("letter_cases")
                .col("case_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("letter_cases").to_owned())
            .await?;
        m.drop_table(Table::drop().table("letters").to_owned())
            .await
    }
}
