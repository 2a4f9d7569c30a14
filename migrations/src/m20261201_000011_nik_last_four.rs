//! The masked NIK keeps only its last four digits. It used to keep the
//! region code as well (digits 1-4); together with a clear NIP, which carries
//! the birth date, that left little of the NIK to guess.
//!
//! The earlier masks are rewritten from themselves (their last four digits);
//! there is no way back, so `down` leaves them as they are.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.get_connection()
            .execute_unprepared(
                "UPDATE applicants SET nik_masked = '************' || \
                 substr(nik_masked, length(nik_masked) - 3) WHERE length(nik_masked) = 16",
            )
            .await
            .map(|_| ())
    }

    async fn down(&self, _m: &SchemaManager) -> Result<(), DbErr> {
        Ok(())
    }
}
