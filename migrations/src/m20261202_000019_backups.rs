//! The backups made of the embedded database: when, into which file, how
//! large, and whether it succeeded (the admin's backup screen lists them).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("backups")
                .col(big_pk_auto("id"))
                .col(timestamp_with_time_zone("mulai_at"))
                .col(timestamp_with_time_zone("selesai_at"))
                .col(string("folder"))
                .col(string_null("berkas"))
                .col(big_integer("ukuran"))
                .col(big_integer("ukuran_basis_data"))
                .col(boolean("berhasil"))
                .col(text_null("pesan"))
                .col(string("oleh"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("backups").to_owned())
            .await
    }
}
