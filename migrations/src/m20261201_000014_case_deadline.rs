//! Each open case's due moment, kept beside it so the dashboard, the lists
//! and the queue count and sort by deadline with an index instead of
//! replaying every case's history. It is derived: `loket-core` recomputes it
//! from the case's events whenever an event is written, and for every open
//! case whenever the standard, the calendar or the service hours change
//! (NULL until then, while the clock has not started or stands still, and
//! once the case has ended).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("cases")
                .add_column(timestamp_with_time_zone_null("tenggat_at"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_cases_tenggat")
                .table("cases")
                .col("tenggat_at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_cases_tenggat")
                .table("cases")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("cases")
                .drop_column("tenggat_at")
                .to_owned(),
        )
        .await
    }
}
