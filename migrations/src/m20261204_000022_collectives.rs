//! Collective requests: an OPD's roster served as one request. Each person
//! still has a case of their own; `collective_cases` says which cases came
//! in together, in the roster's order.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("collectives")
                .col(big_pk_auto("id"))
                .col(string_uniq("nomor"))
                .col(string("layanan"))
                .col(string("instansi"))
                .col(string("surat_nomor"))
                .col(date_null("surat_tanggal"))
                .col(string("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("collective_cases")
                .col(big_integer("collective_id"))
                .col(big_integer_uniq("case_id"))
                .col(integer("urutan"))
                .primary_key(Index::create().col("collective_id").col("case_id"))
                .foreign_key(
                    ForeignKey::create()
                        .from("collective_cases", "collective_id")
                        .to("collectives", "id"),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from("collective_cases", "case_id")
                        .to("cases", "id"),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("collective_cases").to_owned())
            .await?;
        m.drop_table(Table::drop().table("collectives").to_owned())
            .await
    }
}
