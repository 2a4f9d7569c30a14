//! Every service for every walk-in:
//!
//! - certificates the person already holds, recorded from outside Loket: a
//!   certificate's case becomes optional, and each says where it was recorded
//!   from (`loket` or `luar`) and by whom;
//! - the service form of a case (which certificate, the new data of a data
//!   change, the revocation's date and statement) as JSON on the case;
//! - an applicant's record carries a version (two desks editing the same
//!   person: the second save is refused) and who changed it last, and every
//!   change keeps the earlier values in `applicant_history`.
//!
//! SQLite cannot drop a NOT NULL constraint, so `certificates` is rebuilt
//! there (nothing references it); PostgreSQL alters the column. The whole
//! migration runs in one transaction on both.

use sea_orm_migration::sea_orm::{ConnectionTrait, DbBackend};
use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The SQLite rebuild of `certificates` with an optional case, its origin and
/// who recorded it; every row is copied as issued through Loket.
const SQLITE_REBUILD: &str = r#"
CREATE TABLE "certificates_new" (
  "id" integer NOT NULL PRIMARY KEY AUTOINCREMENT,
  "applicant_id" integer NOT NULL,
  "case_id" integer NULL,
  "serial" varchar NULL,
  "valid_from" date_text NOT NULL,
  "valid_to" date_text NOT NULL,
  "status" varchar NOT NULL,
  "revoked_at" timestamp_with_timezone_text NULL,
  "revocation_reason" varchar NULL,
  "revocation_code" integer NULL,
  "revoked_by_case_id" integer NULL,
  "created_at" timestamp_with_timezone_text NOT NULL,
  "source" varchar NOT NULL DEFAULT 'loket',
  "recorded_by" varchar NULL,
  FOREIGN KEY ("applicant_id") REFERENCES "applicants" ("id") ON DELETE RESTRICT,
  FOREIGN KEY ("case_id") REFERENCES "cases" ("id") ON DELETE RESTRICT
);
INSERT INTO "certificates_new" ("id", "applicant_id", "case_id", "serial", "valid_from",
  "valid_to", "status", "revoked_at", "revocation_reason", "revocation_code",
  "revoked_by_case_id", "created_at", "source", "recorded_by")
  SELECT "id", "applicant_id", "case_id", "serial", "valid_from", "valid_to", "status",
  "revoked_at", "revocation_reason", "revocation_code", "revoked_by_case_id", "created_at",
  'loket', NULL FROM "certificates";
DROP TABLE "certificates";
ALTER TABLE "certificates_new" RENAME TO "certificates";
CREATE INDEX "idx_certificates_applicant" ON "certificates" ("applicant_id");
CREATE INDEX "idx_certificates_valid_to" ON "certificates" ("valid_to");
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    /// In one transaction on SQLite too (sea-orm's default there is none):
    /// the table rebuild, the new columns and the history table land together
    /// with the migration's record, or not at all.
    fn use_transaction(&self) -> Option<bool> {
        Some(true)
    }

    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        let db = m.get_connection();
        if db.get_database_backend() == DbBackend::Sqlite {
            db.execute_unprepared(SQLITE_REBUILD).await?;
        } else {
            db.execute_unprepared(
                "alter table certificates alter column case_id drop not null; \
                 alter table certificates add column source varchar not null default 'loket'; \
                 alter table certificates add column recorded_by varchar null",
            )
            .await?;
        }

        m.alter_table(
            Table::alter()
                .table("cases")
                .add_column(text_null("form"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("applicants")
                .add_column(integer("version").default(1))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table("applicants")
                .add_column(string("updated_by").default(""))
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("applicant_history")
                .col(big_pk_auto("id"))
                .col(big_integer("applicant_id"))
                .col(timestamp_with_time_zone("at"))
                .col(string("actor"))
                .col(string("kind"))
                .col(big_integer_null("case_id"))
                .col(text("reason"))
                .col(text("before"))
                .col(text("after"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_applicant_history_applicant")
                        .from("applicant_history", "applicant_id")
                        .to("applicants", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_applicant_history_applicant")
                .table("applicant_history")
                .col("applicant_id")
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("applicant_history").to_owned())
            .await
    }
}
