//! Retention runs: each run that destroyed records past their retention
//! period, with its berita acara number and the list of what was destroyed
//! (kinds, references and dates: never the destroyed data itself).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("retention_runs")
                .col(big_pk_auto("id"))
                .col(string_uniq("nomor"))
                .col(timestamp_with_time_zone("run_at"))
                .col(string("actor"))
                .col(text("periods"))
                .col(text("items"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("retention_runs").to_owned())
            .await
    }
}
