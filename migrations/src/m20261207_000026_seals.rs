//! The seal of each row that grants power or sends data out (settings,
//! operators, "remember me" tokens, the outbox): an HMAC under a key derived
//! from the data key, so a row edited in the database file without Loket is
//! found and never used. Empty until Loket seals the rows it already holds
//! (once, recorded in the audit log).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const TABLES: [&str; 4] = ["settings", "operators", "operator_tokens", "outbox"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in TABLES {
            m.alter_table(
                Table::alter()
                    .table(t)
                    .add_column(string_null("segel"))
                    .to_owned(),
            )
            .await?;
        }
        // When the session a "remember me" token carries was last active: a
        // restart after the idle time resumes it locked.
        m.alter_table(
            Table::alter()
                .table("operator_tokens")
                .add_column(timestamp_with_time_zone_null("aktif_at"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("operator_tokens")
                .drop_column("aktif_at")
                .to_owned(),
        )
        .await?;
        for t in TABLES {
            m.alter_table(Table::alter().table(t).drop_column("segel").to_owned())
                .await?;
        }
        Ok(())
    }
}
