//! Indexes for the daily lists at a million cases: a status or service filter
//! read newest first straight from the index, and a person's cases in order.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for old in [
            "idx_cases_status",
            "idx_cases_layanan",
            "idx_cases_applicant",
        ] {
            m.drop_index(Index::drop().name(old).table("cases").to_owned())
                .await?;
        }
        for (name, cols) in [
            ("idx_cases_status_id", ["status", "id"]),
            ("idx_cases_layanan_id", ["layanan", "id"]),
            ("idx_cases_applicant_id", ["applicant_id", "id"]),
        ] {
            let mut idx = Index::create().name(name).table("cases").to_owned();
            for col in cols {
                idx.col(col);
            }
            m.create_index(idx).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in [
            "idx_cases_status_id",
            "idx_cases_layanan_id",
            "idx_cases_applicant_id",
        ] {
            m.drop_index(Index::drop().name(name).table("cases").to_owned())
                .await?;
        }
        for (name, col) in [
            ("idx_cases_status", "status"),
            ("idx_cases_layanan", "layanan"),
            ("idx_cases_applicant", "applicant_id"),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table("cases")
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
