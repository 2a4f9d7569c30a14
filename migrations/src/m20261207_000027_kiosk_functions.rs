//! On PostgreSQL, the two things a kiosk PC's own role may change in the
//! desks' tables go through functions that run as the tables' owner and do
//! exactly that one thing: the next registration number, and a case's "survey
//! answered" mark for the number and the NIK's last four digits. The role
//! gets no right on `counters` or `cases` to change anything else (nor to lock
//! their rows). Nobody may run them until `loket kiosk-role` grants them; the
//! desks, as the owner, use the same functions. SQLite has no roles: nothing
//! to do there.

use sea_orm_migration::prelude::*;
use sea_orm_migration::sea_orm::DbBackend;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        let db = m.get_connection();
        db.execute_unprepared(
            "create or replace function loket_next_registration(tahun integer) returns bigint \
             language sql security definer set search_path = public, pg_temp as $$ \
               insert into counters (name, value) values ('registrasi/' || tahun, 1) \
               on conflict (name) do update set value = counters.value + 1 \
               returning value \
             $$",
        )
        .await?;
        db.execute_unprepared(
            "create or replace function loket_registration_issued(nomor text) returns boolean \
             language sql stable security definer set search_path = public, pg_temp as $$ \
               select case when $1 ~ '^REG-[0-9]{4}-[0-9]{5,9}$' then \
                 exists (select 1 from counters c where c.name = 'registrasi/' || substr($1, 5, 4) \
                         and c.value >= substr($1, 10)::bigint) \
                 and not exists (select 1 from kiosk_inbox k where k.nomor = $1) \
                 and not exists (select 1 from cases k where k.nomor = $1) \
               else false end \
             $$",
        )
        .await?;
        db.execute_unprepared(
            "create or replace function loket_survey_mark(nomor text, nik_akhir text) returns bigint \
             language sql security definer set search_path = public, pg_temp as $$ \
               update cases c set skm_diisi = true from applicants a \
               where c.nomor = $1 and a.id = c.applicant_id and length($2) = 4 \
                 and right(a.nik_masked, 4) = $2 and c.skm_diisi = false \
               returning c.id \
             $$",
        )
        .await?;
        db.execute_unprepared(
            "revoke execute on function loket_next_registration(integer), \
             loket_registration_issued(text), loket_survey_mark(text, text) from public",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        if m.get_database_backend() != DbBackend::Postgres {
            return Ok(());
        }
        m.get_connection()
            .execute_unprepared(
                "drop function if exists loket_next_registration(integer); \
                 drop function if exists loket_registration_issued(text); \
                 drop function if exists loket_survey_mark(text, text)",
            )
            .await?;
        Ok(())
    }
}
