//! A remembered desk keeps its lock across a restart: the "remember me"
//! token notes when its session was seen locked, and a restart resumes that
//! session locked (the same person's password opens it).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("operator_tokens")
                .add_column(timestamp_with_time_zone_null("locked_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("operator_tokens")
                .drop_column("locked_at")
                .to_owned(),
        )
        .await
    }
}
