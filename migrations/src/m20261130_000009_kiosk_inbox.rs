//! The kiosk inbox: applications applicants submitted at a kiosk, sealed to
//! the office's key. A row holds the registration number the applicant got,
//! the service, when it came in and the sealed form; the name, NIK and the
//! rest are only inside the sealed box until a desk accepts it as a case or
//! discards it with a reason.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("kiosk_inbox")
                .col(big_pk_auto("id"))
                .col(string_uniq("nomor"))
                .col(string("layanan"))
                .col(string("kiosk"))
                .col(timestamp_with_time_zone("received_at"))
                .col(blob("sealed"))
                .col(string("status"))
                .col(string_null("handled_by"))
                .col(timestamp_with_time_zone_null("handled_at"))
                .col(string_null("reason"))
                .col(big_integer_null("case_id"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_kiosk_inbox_case")
                        .from("kiosk_inbox", "case_id")
                        .to("cases", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_kiosk_inbox_status")
                .table("kiosk_inbox")
                .col("status")
                .col("received_at")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("kiosk_inbox").to_owned())
            .await
    }
}
