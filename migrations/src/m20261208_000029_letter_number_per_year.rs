//! A letter's number is unique within its year, not for ever: the serial
//! restarts every year, and an office whose number pattern leaves the year
//! out (the letter's date carries it) prints the same number again in a
//! later year. The register still never gives one number twice in a year.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_letters_nomor")
                .table("letters")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_letters_nomor_tahun")
                .table("letters")
                .col("tahun")
                .col("nomor")
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_letters_nomor_tahun")
                .table("letters")
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_letters_nomor")
                .table("letters")
                .col("nomor")
                .unique()
                .to_owned(),
        )
        .await
    }
}
