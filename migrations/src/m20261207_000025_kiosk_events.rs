//! Events at kiosk PCs for the audit log (a staff member's attempt at the
//! kiosk, a sign-in), sealed to the office's key until a desk moves them
//! into the log.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("kiosk_events")
                .col(big_pk_auto("id"))
                .col(blob("sealed"))
                .col(timestamp_with_time_zone("received_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("kiosk_events").to_owned())
            .await
    }
}
