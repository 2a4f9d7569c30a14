//! A remembered desk keeps its working day across a restart: the "remember me"
//! token notes when its session began (sign-in, or the unlock that began a new
//! working day), and a restart counts the 12-hour limit from there.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("operator_tokens")
                .add_column(timestamp_with_time_zone_null("session_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("operator_tokens")
                .drop_column("session_at")
                .to_owned(),
        )
        .await
    }
}
