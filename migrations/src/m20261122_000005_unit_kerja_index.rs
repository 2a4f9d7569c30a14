//! Lists filter by unit kerja as they do by instansi.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("idx_applicants_unit_kerja")
                .table("applicants")
                .col("unit_kerja")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_applicants_unit_kerja")
                .table("applicants")
                .to_owned(),
        )
        .await
    }
}
