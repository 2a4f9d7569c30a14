//! Reports at a million cases read indexes, not rows.
//!
//! - Each case keeps the instansi and unit kerja the applicant stated when
//!   applying (a later move does not rewrite the office's past reports);
//!   existing cases take their applicant's current ones.
//! - Two covering indexes: the cases received in a period, and the cases
//!   ended in a period, each with what a report line tells apart, so a
//!   quarter is counted from index ranges alone.
//! - A partial index of the open cases by service and day received: the
//!   backlog at a period's end is one range per service.
//!
//! Partial indexes and `UPDATE … FROM` are plain SQL on SQLite (3.33 and
//! later) and PostgreSQL alike.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

const COVERING: [(&str, &[&str]); 2] = [
    (
        "idx_cases_masuk",
        &[
            "created_at",
            "layanan",
            "created_by",
            "instansi",
            "unit_kerja",
        ],
    ),
    (
        "idx_cases_akhir",
        &[
            "closed_at",
            "layanan",
            "status",
            "reason_code",
            "revocation_reason",
            "instansi",
            "unit_kerja",
        ],
    ),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for col in ["instansi", "unit_kerja"] {
            m.alter_table(
                Table::alter()
                    .table("cases")
                    .add_column(string(col).default(""))
                    .to_owned(),
            )
            .await?;
        }
        let db = m.get_connection();
        db.execute_unprepared(
            "UPDATE cases SET instansi = a.instansi, unit_kerja = a.unit_kerja \
             FROM applicants a WHERE a.id = cases.applicant_id",
        )
        .await?;
        for (name, cols) in COVERING {
            let mut idx = Index::create().name(name).table("cases").to_owned();
            for c in cols {
                idx.col(*c);
            }
            m.create_index(idx).await?;
        }
        db.execute_unprepared(
            "CREATE INDEX idx_cases_open ON cases (layanan, created_at) WHERE closed_at IS NULL",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in ["idx_cases_open", "idx_cases_masuk", "idx_cases_akhir"] {
            m.drop_index(Index::drop().name(name).table("cases").to_owned())
                .await?;
        }
        for col in ["instansi", "unit_kerja"] {
            m.alter_table(Table::alter().table("cases").drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
