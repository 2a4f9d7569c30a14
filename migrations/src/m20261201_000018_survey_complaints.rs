//! The public's voice: the satisfaction survey's responses (SKM,
//! PermenPANRB 14/2017) and the complaints register.
//!
//! A response carries no name, NIK or case: that a case has answered is a
//! flag on the case (`cases.skm_diisi`), written in the same transaction, so
//! a reader of the database cannot join a response to a person by a key.
//! A response keeps only the day it was given.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let mut t = Table::create();
        t.table("skm_responses")
            .col(big_pk_auto("id"))
            .col(date("tanggal"))
            .col(string("sumber"));
        for u in 1..=9 {
            t.col(small_integer_null(format!("u{u}")));
        }
        m.create_table(
            t.col(string_null("umur"))
                .col(string_null("jenis_kelamin"))
                .col(string_null("pendidikan"))
                .col(string_null("pekerjaan"))
                .col(text_null("saran"))
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_skm_tanggal")
                .table("skm_responses")
                .col("tanggal")
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("cases")
                .add_column(boolean("skm_diisi").default(false))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("complaints")
                .col(big_pk_auto("id"))
                .col(string_uniq("nomor"))
                .col(string("kanal"))
                .col(string_null("nomor_lapor"))
                .col(string_null("nama"))
                .col(string_null("kontak"))
                .col(big_integer_null("case_id"))
                .col(string("kategori"))
                .col(string("kategori_nama"))
                .col(integer("hari_kerja"))
                .col(text("isi"))
                .col(string("petugas"))
                .col(string("status"))
                .col(timestamp_with_time_zone("diterima_at"))
                .col(timestamp_with_time_zone("tenggat_at"))
                .col(boolean("tenggat_kalender"))
                .col(text_null("tanggapan"))
                .col(timestamp_with_time_zone_null("ditanggapi_at"))
                .col(string("dibuat_oleh"))
                .col(timestamp_with_time_zone("updated_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_complaints_case")
                        .from("complaints", "case_id")
                        .to("cases", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_complaints_diterima", "diterima_at"),
            ("idx_complaints_status", "status"),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table("complaints")
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("complaints").to_owned())
            .await?;
        m.alter_table(
            Table::alter()
                .table("cases")
                .drop_column("skm_diisi")
                .to_owned(),
        )
        .await?;
        m.drop_table(Table::drop().table("skm_responses").to_owned())
            .await
    }
}
