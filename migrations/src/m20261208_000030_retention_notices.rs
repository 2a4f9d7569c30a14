//! A retention run keeps how the people whose data it destroyed were told
//! (UU 27/2022 Pasal 45): the berita acara, printed again years later,
//! still says so after the notices themselves have gone from the outbox.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("retention_runs")
                .add_column(text_null("pemberitahuan"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("retention_runs")
                .drop_column("pemberitahuan")
                .to_owned(),
        )
        .await
    }
}
