//! The kiosk's status check. A submission still in the inbox keeps a slow
//! hash of its number and the last four digits of the applicant's NIK, so a
//! kiosk (which cannot open the sealed box) can answer "where is my
//! application?" to whoever holds both; failed tries are counted per number,
//! so the four digits cannot be guessed at the kiosk.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("kiosk_inbox")
                .add_column(string_null("status_check"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("status_attempts")
                .col(string("nomor").primary_key())
                .col(integer("failed").default(0))
                .col(timestamp_with_time_zone("last_failed_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("status_attempts").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("kiosk_inbox")
                .drop_column("status_check")
                .to_owned(),
        )
        .await
    }
}
