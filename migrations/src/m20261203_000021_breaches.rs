//! The register of personal-data breaches (UU 27/2022 Pasal 46): what
//! happened, when it was found, whose data, the measures, and when the people
//! affected and the authority were notified (due 3 x 24 hours after finding).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("breaches")
                .col(big_pk_auto("id"))
                .col(string_uniq("nomor"))
                .col(timestamp_with_time_zone("ditemukan_at"))
                .col(text("uraian"))
                .col(text("data_terdampak"))
                .col(text("subjek"))
                .col(integer("jumlah_subjek"))
                .col(text("langkah"))
                .col(timestamp_with_time_zone("tenggat_at"))
                .col(timestamp_with_time_zone_null("subjek_diberitahu_at"))
                .col(timestamp_with_time_zone_null("lembaga_diberitahu_at"))
                .col(string("dicatat_oleh"))
                .col(timestamp_with_time_zone("dicatat_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("breaches").to_owned())
            .await
    }
}
