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
        // Each runs with only the system catalog on its search path and
        // names Loket's tables in full: an operator or function a caller
        // managed to define elsewhere is never picked up while it runs as
        // the owner. Another login (a kiosk's) takes numbers only for the
        // year before, this one or the next.
        db.execute_unprepared(
            "create or replace function public.loket_next_registration(tahun integer) returns bigint \
             language plpgsql security definer set search_path = pg_catalog, pg_temp as $$ \
             declare n bigint; this_year integer := extract(year from now())::integer; begin \
               if session_user::text <> (select tableowner::text from pg_tables \
                                         where schemaname = 'public' and tablename = 'counters') \
                  and (tahun is null or tahun < this_year - 1 or tahun > this_year + 1) then \
                 raise exception 'tahun registrasi di luar jangkauan kiosk'; \
               end if; \
               insert into public.counters (name, value) \
                 values (pg_catalog.concat('registrasi/', tahun::text), 1) \
                 on conflict (name) do update set value = public.counters.value + 1 \
                 returning value into n; \
               return n; \
             end $$",
        )
        .await?;
        db.execute_unprepared(
            "create or replace function public.loket_registration_issued(nomor text) returns boolean \
             language plpgsql stable security definer set search_path = pg_catalog, pg_temp as $$ \
             declare serial bigint; begin \
               if nomor is null or nomor !~ '^REG-[0-9]{4}-[0-9]{5,9}$' then return false; end if; \
               serial := substr(nomor, 10)::bigint; \
               if serial < 1 or substr(nomor, 10) <> lpad(serial::text, 5, '0') then \
                 return false; \
               end if; \
               return exists (select 1 from public.counters c \
                              where c.name = pg_catalog.concat('registrasi/', substr(nomor, 5, 4)) \
                                and c.value >= serial) \
                  and not exists (select 1 from public.kiosk_inbox k where k.nomor = $1) \
                  and not exists (select 1 from public.cases k where k.nomor = $1); \
             end $$",
        )
        .await?;
        db.execute_unprepared(
            "create or replace function public.loket_survey_mark(nomor text, nik_akhir text) returns bigint \
             language sql security definer set search_path = pg_catalog, pg_temp as $$ \
               update public.cases c set skm_diisi = true from public.applicants a \
               where c.nomor = $1 and a.id = c.applicant_id and length($2) = 4 \
                 and right(a.nik_masked, 4) = $2 and c.skm_diisi = false \
               returning c.id \
             $$",
        )
        .await?;
        db.execute_unprepared(
            "revoke execute on function public.loket_next_registration(integer), \
             public.loket_registration_issued(text), public.loket_survey_mark(text, text) from public",
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
