//! Correction requests of the people whose data Loket holds (UU 27/2022
//! Pasal 6 and 30): when each came in, what is asked, the due time
//! (3 x 24 hours) and how it was answered.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("data_requests")
                .col(big_pk_auto("id"))
                .col(string_uniq("nomor"))
                .col(big_integer("applicant_id"))
                .col(text("isi"))
                .col(timestamp_with_time_zone("diterima_at"))
                .col(timestamp_with_time_zone("tenggat_at"))
                .col(timestamp_with_time_zone_null("selesai_at"))
                .col(text_null("hasil"))
                .col(string("dicatat_oleh"))
                .col(string_null("selesai_oleh"))
                .foreign_key(
                    ForeignKey::create()
                        .from("data_requests", "applicant_id")
                        .to("applicants", "id"),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_data_requests_applicant")
                .table("data_requests")
                .col("applicant_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("data_requests").to_owned())
            .await
    }
}
