//! The imports of an office's spreadsheets: which file (by name and SHA-256),
//! who ran it, how far it got and what it added. An import looks every row's
//! certificate serial up, so serials are indexed (NIPs already are).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("imports")
                .col(big_pk_auto("id"))
                .col(string("berkas"))
                .col(string("sha256"))
                .col(timestamp_with_time_zone("mulai_at"))
                .col(timestamp_with_time_zone_null("selesai_at"))
                .col(string("status"))
                .col(integer("baris"))
                .col(integer("diproses"))
                .col(integer("orang_baru"))
                .col(integer("sertifikat_baru"))
                .col(integer("sudah_ada"))
                .col(integer("ditolak"))
                .col(string("oleh"))
                .to_owned(),
        )
        .await?;
        for (name, table, col) in [("idx_certificates_serial", "certificates", "serial")] {
            m.create_index(Index::create().name(name).table(table).col(col).to_owned())
                .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for (name, table) in [("idx_certificates_serial", "certificates")] {
            m.drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        m.drop_table(Table::drop().table("imports").to_owned())
            .await
    }
}
