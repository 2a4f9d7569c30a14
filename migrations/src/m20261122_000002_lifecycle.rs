//! The case lifecycle: links between cases (re-opened, chains), the AMS step,
//! reasons, the requirements checklist of each case, and the certificate registry.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // SQLite adds one column per ALTER TABLE.
        for col in [
            big_integer_null("parent_id"),
            big_integer_null("chain_id"),
            string_null("ams_ref"),
            timestamp_with_time_zone_null("ams_at"),
            string_null("reason_code"),
            text_null("reason_note"),
            string_null("rejected_by"),
            string_null("revocation_reason"),
            timestamp_with_time_zone_null("closed_at"),
        ] {
            m.alter_table(Table::alter().table("cases").add_column(col).to_owned())
                .await?;
        }
        for (name, col) in [
            ("idx_cases_parent", "parent_id"),
            ("idx_cases_chain", "chain_id"),
            ("idx_cases_layanan", "layanan"),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table("cases")
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
        m.create_index(
            Index::create()
                .name("idx_applicants_instansi")
                .table("applicants")
                .col("instansi")
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("case_requirements")
                .col(big_pk_auto("id"))
                .col(big_integer("case_id"))
                .col(string("code"))
                .col(string("label"))
                .col(boolean("wajib"))
                .col(boolean("checked"))
                .col(string_null("checked_by"))
                .col(timestamp_with_time_zone_null("checked_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_case_requirements_case")
                        .from("case_requirements", "case_id")
                        .to("cases", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_case_requirements_case_code")
                .table("case_requirements")
                .col("case_id")
                .col("code")
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table("certificates")
                .col(big_pk_auto("id"))
                .col(big_integer("applicant_id"))
                .col(big_integer("case_id"))
                .col(string_null("serial"))
                .col(date("valid_from"))
                .col(date("valid_to"))
                .col(string("status"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .col(string_null("revocation_reason"))
                .col(integer_null("revocation_code"))
                .col(big_integer_null("revoked_by_case_id"))
                .col(timestamp_with_time_zone("created_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_certificates_applicant")
                        .from("certificates", "applicant_id")
                        .to("applicants", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_certificates_case")
                        .from("certificates", "case_id")
                        .to("cases", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await?;
        for (name, col) in [
            ("idx_certificates_applicant", "applicant_id"),
            ("idx_certificates_valid_to", "valid_to"),
        ] {
            m.create_index(
                Index::create()
                    .name(name)
                    .table("certificates")
                    .col(col)
                    .to_owned(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("certificates").to_owned())
            .await?;
        m.drop_table(Table::drop().table("case_requirements").to_owned())
            .await?;
        for col in [
            "closed_at",
            "revocation_reason",
            "rejected_by",
            "reason_note",
            "reason_code",
            "ams_at",
            "ams_ref",
            "chain_id",
            "parent_id",
        ] {
            m.alter_table(Table::alter().table("cases").drop_column(col).to_owned())
                .await?;
        }
        Ok(())
    }
}
