//! Indexes for the reports of a period at a million cases: cases ended in
//! it and the steps taken in it, each read as a range of its index (cases
//! received in it already have theirs). The closing index also holds the
//! day received and the service, so the backlog at a period's end (open, or
//! ended after it) is counted from the index alone.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const INDEXES: [(&str, &str, &[&str]); 2] = [
    (
        "idx_cases_closed_at",
        "cases",
        &["closed_at", "created_at", "layanan"],
    ),
    ("idx_case_events_at", "case_events", &["at"]),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, cols) in INDEXES {
            let mut idx = Index::create().name(name).table(table).to_owned();
            for col in cols {
                idx.col(*col);
            }
            m.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in INDEXES {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}
