//! A person's data request says which right it asks for: a correction
//! (UU 27/2022 Pasal 30, the only kind before this migration: NULL) or
//! access to their data (Pasal 32, `akses`). Both are due 3 x 24 hours from
//! when they came in; an access request is answered by the export.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("data_requests")
                .add_column(string_null("jenis"))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table("data_requests")
                .drop_column("jenis")
                .to_owned(),
        )
        .await
    }
}
