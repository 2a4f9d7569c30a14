//! A complaint carries the two duties of UU 25/2009 Pasal 50 and the
//! escalation of Perpres 76/2013: the written answer (its own deadline, the
//! text, when and how it was sent: by e-mail through the outbox or as a
//! printed letter) next to the settlement deadline already kept, and the
//! escalation to the complaints officer with its own deadline. Complaints
//! registered before have no answer clock (NULL: read from the settlement's).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn columns() -> Vec<ColumnDef> {
    vec![
        integer_null("hari_jawab"),
        timestamp_with_time_zone_null("jawab_tenggat_at"),
        text_null("jawaban"),
        timestamp_with_time_zone_null("dijawab_at"),
        string_null("jawaban_cara"),
        integer_null("hari_eskalasi"),
        string_null("pejabat"),
        text_null("eskalasi_alasan"),
        timestamp_with_time_zone_null("eskalasi_at"),
        timestamp_with_time_zone_null("eskalasi_tenggat_at"),
    ]
}

const NAMES: [&str; 10] = [
    "hari_jawab",
    "jawab_tenggat_at",
    "jawaban",
    "dijawab_at",
    "jawaban_cara",
    "hari_eskalasi",
    "pejabat",
    "eskalasi_alasan",
    "eskalasi_at",
    "eskalasi_tenggat_at",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters a table one change at a time.
        for mut c in columns() {
            m.alter_table(
                Table::alter()
                    .table("complaints")
                    .add_column(&mut c)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in NAMES {
            m.alter_table(
                Table::alter()
                    .table("complaints")
                    .drop_column(name)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }
}
