//! Corrections of what the desk recorded: each case history entry says what
//! kind of entry it is (a step, a step taken back, a value corrected), and
//! the `corrections` table keeps every correction of a case's or a
//! certificate's value and every step taken back, with the old and the new
//! value, the reason, who asked and (under four-eyes) who approved, sealed
//! under the data key so a row edited outside Loket is found.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // NULL: a step (every entry written before this migration is one).
        m.alter_table(
            Table::alter()
                .table("case_events")
                .add_column(string_null("kind"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("corrections")
                .col(big_pk_auto("id"))
                .col(big_integer("case_id"))
                .col(big_integer("applicant_id"))
                .col(string("target"))
                .col(big_integer("target_id"))
                .col(string("field"))
                .col(text("lama"))
                .col(text("baru"))
                .col(text("reason"))
                .col(string("state"))
                .col(string("requested_by"))
                .col(timestamp_with_time_zone("requested_at"))
                .col(string_null("decided_by"))
                .col(timestamp_with_time_zone_null("decided_at"))
                .col(string_null("segel"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("corrections_case")
                .table("corrections")
                .col("case_id")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("corrections_requested_at")
                .table("corrections")
                .col("requested_at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("corrections").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("case_events")
                .drop_column("kind")
                .to_owned(),
        )
        .await
    }
}
