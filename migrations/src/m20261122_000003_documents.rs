//! Documents attached to a case (surat permohonan, KTP photo, SK, ...), stored
//! encrypted with the data key and bound to their case.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("documents")
                .col(big_pk_auto("id"))
                .col(big_integer("case_id"))
                .col(string_uniq("token"))
                .col(string("kind"))
                .col(string("filename"))
                .col(string("mime"))
                .col(big_integer("size"))
                .col(string("sha256"))
                .col(blob("cipher"))
                .col(string("created_by"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_documents_case")
                        .from("documents", "case_id")
                        .to("cases", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_documents_case")
                .table("documents")
                .col("case_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("documents").to_owned())
            .await
    }
}
