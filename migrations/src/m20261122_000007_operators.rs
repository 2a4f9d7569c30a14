//! Operators (desk staff and kiosks) with their roles and Argon2id password
//! hashes, and the revocable "remember me on this desk" tokens (hashes only;
//! the token itself lives in the desk's OS keyring).

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table("operators")
                .col(big_pk_auto("id"))
                .col(string_uniq("username"))
                .col(string("nama"))
                .col(string("roles"))
                .col(string("password_hash"))
                .col(boolean("active"))
                .col(integer("failed_count"))
                .col(timestamp_with_time_zone_null("last_failed_at"))
                .col(boolean("locked"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone("updated_at"))
                .to_owned(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table("operator_tokens")
                .col(big_pk_auto("id"))
                .col(big_integer("operator_id"))
                .col(string_uniq("token_hash"))
                .col(timestamp_with_time_zone("created_at"))
                .col(timestamp_with_time_zone_null("revoked_at"))
                .foreign_key(
                    ForeignKey::create()
                        .name("fk_operator_tokens_operator")
                        .from("operator_tokens", "operator_id")
                        .to("operators", "id")
                        .on_delete(ForeignKeyAction::Restrict),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table("operator_tokens").to_owned())
            .await?;
        m.drop_table(Table::drop().table("operators").to_owned())
            .await
    }
}
