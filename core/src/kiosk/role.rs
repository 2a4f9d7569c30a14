//! The kiosk PC's own PostgreSQL login. A kiosk PC stands in front of the
//! public; if it kept the desks' owner login, anyone who reached its
//! environment could read and change everything. `loket kiosk-role` (run once
//! by an admin at a desk, again after each upgrade) gives a role exactly what
//! the kiosk's screens do and nothing more:
//!
//! - settings: only the rows the kiosk's screens print ([`SETTINGS`],
//!   [`SETTING_PREFIXES`]): the standard, the hours, the calendar, the
//!   requirements, the survey's questions, the letterhead, the office's public
//!   key. The mail server, the templates and every other row are invisible
//!   to it (row-level security);
//! - operators: only accounts whose sole role is `kiosk` (the kiosk signs in
//!   with one; staff accounts, their hashes included, are invisible);
//! - cases and people: the columns a status check compares (number, service,
//!   stage, since when, the masked NIK); no name, NIK, address, letter or
//!   document. It changes nothing of a case: a case's "survey answered" mark
//!   is set by the owner's function `loket_survey_mark` for a number and the
//!   NIK's last four digits;
//! - the inbox: it adds sealed submissions (status "baru", a known service, a
//!   registration number issued and not yet used, bounded sizes, its own
//!   time; never an id or the desk's handling) and reads their number, stage
//!   and status hash, never their sealed content;
//! - kiosk events and survey responses: it adds bounded rows (responses only
//!   as the kiosk's own sources) and reads none;
//! - registration numbers only through the owner's function
//!   `loket_next_registration` (no right on `counters`), and the status-check
//!   attempts it keeps (times not in the future);
//! - the regions list (the NIK's region code is checked at the kiosk).
//!
//! Everything else (the audit log, letters, certificates, documents, the
//! outbox, the counters) it can neither read nor change: the server refuses.
//! Having no right to change `cases` or `counters`, it cannot lock their rows
//! either. Row-level security binds roles other than the table's owner, so
//! desks keep connecting with the login that created the tables.

use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

use crate::audit::{Acting, Entry};
use crate::{Error, Result, store};

/// Settings the kiosk's screens read.
pub const SETTINGS: &[&str] = &[
    "standar_pelayanan",
    "surat",
    "kiosk_biaya",
    "kiosk_pengaduan",
    "tenggat_jeda_bsre",
    "jam_layanan",
    "skm_kuesioner",
    "email_domain_resmi",
    super::post::SETTING_PUBLIC_KEY,
];

/// Setting families the kiosk reads: each service's requirements and each
/// year's calendar.
pub const SETTING_PREFIXES: &[&str] = &["persyaratan.", "kalender.", "hari_libur."];

/// The name offered when the admin gives none.
pub const DEFAULT_ROLE: &str = "loket_kiosk";

/// A role name Loket accepts: lower-case letters, digits and `_`, starting
/// with a letter, at most 40 characters (it is written into SQL), and not one
/// of the server's own (`pg_…`, `postgres`).
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() <= 40
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        && !name.starts_with("pg_")
        && ![
            "postgres",
            "public",
            "none",
            "current_user",
            "session_user",
            "current_role",
        ]
        .contains(&name)
}

/// Why an existing role cannot become a kiosk's: it is the login running
/// this command (the desks' own), or it holds powers or objects the kiosk
/// must not have. `None` when it may (or does not exist yet).
async fn unfit(txn: &impl ConnectionTrait, role: &str) -> Result<Option<String>> {
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "select r.rolname = current_user, \
                    r.rolsuper or r.rolcreaterole or r.rolcreatedb or r.rolbypassrls or r.rolreplication, \
                    exists (select 1 from pg_class c where c.relowner = r.oid) \
                      or exists (select 1 from pg_namespace n where n.nspowner = r.oid) \
                      or exists (select 1 from pg_database d where d.datdba = r.oid) \
                      or exists (select 1 from pg_shdepend d where d.refobjid = r.oid \
                                 and d.dbid <> 0 and d.dbid <> (select oid from pg_database \
                                 where datname = current_database())), \
                    exists (select 1 from pg_auth_members m where m.member = r.oid), \
                    shobj_description(r.oid, 'pg_authid') is distinct from 'loket kiosk' \
                      and exists (select 1 from pg_class c, aclexplode(c.relacl) a \
                                  where a.grantee = r.oid), \
                    not r.rolcanlogin \
             from pg_roles r where r.rolname = $1",
            [role.into()],
        ))
        .await?;
    let Some(row) = row else { return Ok(None) };
    let flag = |i: usize| row.try_get_by_index::<bool>(i);
    Ok(if flag(0)? {
        Some(format!(
            "{role} adalah login yang dipakai meja layanan (yang menjalankan perintah ini); kiosk memerlukan peran sendiri, misalnya {DEFAULT_ROLE}."
        ))
    } else if flag(1)? {
        Some(format!(
            "Peran {role} punya wewenang server (superuser, membuat peran atau basis data, melewati row-level security); pilih nama lain untuk kiosk."
        ))
    } else if flag(2)? {
        Some(format!(
            "Peran {role} memiliki tabel, skema atau basis data, atau punya hak di basis data lain; pilih nama lain untuk kiosk."
        ))
    } else if flag(3)? {
        Some(format!(
            "Peran {role} anggota peran lain dan mewarisi haknya; pilih nama lain untuk kiosk."
        ))
    } else if flag(5)? {
        Some(format!(
            "Peran {role} tidak dapat masuk (NOLOGIN); minta pengelola server menjalankan ALTER ROLE {role} LOGIN, atau pilih nama lain."
        ))
    } else if flag(4)? {
        Some(format!(
            "Peran {role} sudah punya hak atas tabel basis data ini dan bukan buatan `loket kiosk-role` (mungkin login petugas); pilih nama lain untuk kiosk."
        ))
    } else {
        None
    })
}

/// What [`grant`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Granted {
    /// The role was made, with this password (shown once).
    Created(String),
    /// The role existed; its grants were made again.
    Renewed,
    /// The role existed; its grants were made again and it has this new
    /// password (shown once).
    NewPassword(String),
}

/// A literal for SQL: quoted, quotes doubled (only Loket's own constants
/// and generated passwords pass here).
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The most a sealed kiosk event may weigh (an event is a few hundred bytes).
pub const MAX_EVENT_BYTES: usize = 4 * 1024;
/// The most a sealed submission may weigh (the form's fields, each capped).
pub const MAX_SUBMISSION_BYTES: usize = 256 * 1024;

/// The most submissions that may wait in the inbox: beyond it the kiosk
/// stops taking them until the desk works through the list.
pub const MAX_WAITING: u32 = 1000;

/// A row-level policy: `(table, name suffix, command, using, with check)`.
type Policy = (
    &'static str,
    &'static str,
    &'static str,
    String,
    Option<String>,
);

/// The statements giving `role` the kiosk's access, each safe to run again.
pub fn statements(role: &str) -> Vec<String> {
    let r = format!("\"{role}\"");
    let keys = SETTINGS
        .iter()
        .map(|k| literal(k))
        .collect::<Vec<_>>()
        .join(", ");
    let prefixes = SETTING_PREFIXES
        .iter()
        .map(|p| format!(" or key like {}", literal(&format!("{p}%"))))
        .collect::<String>();
    let services = crate::lifecycle::vocabulary::Layanan::ALL
        .iter()
        .map(|l| literal(l.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    // Times a kiosk writes are its "now": a day either way covers a kiosk
    // PC's clock, and nothing lands years ahead.
    let near =
        |col: &str| format!("{col} between now() - interval '1 day' and now() + interval '1 day'");
    let mut s = vec![
        // Whatever was given before goes: the grants below are the whole of it.
        format!(
            "revoke all on all tables in schema public from {r}; \
             revoke all on all sequences in schema public from {r}; \
             revoke all on all functions in schema public from {r}"
        ),
        // It may create nothing: not in the schema (an operator of its own
        // could be picked up by a function running as the owner), not in the
        // database, nothing by default privileges given by hand before.
        format!("revoke create on schema public from {r}"),
        format!(
            "do $$ begin execute 'revoke create, temporary on database ' \
             || quote_ident(current_database()) || ' from {r}'; end $$"
        ),
        format!("alter default privileges in schema public revoke all on tables from {r}"),
        format!("alter default privileges in schema public revoke all on sequences from {r}"),
        format!("alter default privileges in schema public revoke all on functions from {r}"),
        format!("grant usage on schema public to {r}"),
        format!("grant select on seaql_migrations to {r}"),
        format!("grant select on settings, operators, regions to {r}"),
        format!(
            "grant select (id, nomor, layanan, status, updated_at, applicant_id, skm_diisi) \
             on cases to {r}"
        ),
        format!("grant select (id, nik_masked) on applicants to {r}"),
        format!(
            "grant select (id, nomor, layanan, status, status_check, received_at, handled_at) \
             on kiosk_inbox to {r}"
        ),
        // Inserts name their columns: never an id (a planted id would make a
        // desk's next insert fail), never the desk's handling of a row.
        format!(
            "grant insert (nomor, layanan, kiosk, received_at, sealed, status, status_check) \
             on kiosk_inbox to {r}"
        ),
        format!("grant insert (sealed, received_at) on kiosk_events to {r}"),
        format!(
            "grant insert (tanggal, sumber, u1, u2, u3, u4, u5, u6, u7, u8, u9, umur, \
             jenis_kelamin, pendidikan, pekerjaan, saran) on skm_responses to {r}"
        ),
        format!("grant select, insert, update, delete on status_attempts to {r}"),
        format!(
            "grant execute on function loket_next_registration(integer), \
             loket_registration_issued(text), loket_survey_mark(text, text) to {r}"
        ),
    ];
    for table in ["kiosk_inbox", "kiosk_events", "skm_responses"] {
        s.push(format!(
            "do $$ declare q text := pg_get_serial_sequence('{table}', 'id'); begin \
             if q is not null then execute 'grant usage on sequence ' || q || ' to {r}'; end if; \
             end $$"
        ));
    }
    let policies: [Policy; 7] = [
        (
            "settings",
            "",
            "for select",
            format!("key in ({keys}){prefixes}"),
            None,
        ),
        (
            "operators",
            "",
            "for select",
            "roles = 'kiosk'".into(),
            None,
        ),
        ("kiosk_inbox", "", "for select", "true".into(), None),
        (
            "kiosk_inbox",
            "_add",
            "for insert",
            String::new(),
            Some(format!(
                "status = 'baru' and layanan in ({services}) and loket_registration_issued(nomor) \
                 and (select count(*) from kiosk_inbox w where w.status = 'baru') < {MAX_WAITING} \
                 and length(kiosk) <= 64 and octet_length(sealed) <= {MAX_SUBMISSION_BYTES} \
                 and length(coalesce(status_check, '')) <= 512 and {}",
                near("received_at")
            )),
        ),
        (
            "kiosk_events",
            "_add",
            "for insert",
            String::new(),
            Some(format!(
                "octet_length(sealed) <= {MAX_EVENT_BYTES} and {}",
                near("received_at")
            )),
        ),
        (
            "skm_responses",
            "_add",
            "for insert",
            String::new(),
            Some(
                "sumber in ('anjungan_anonim', 'anjungan_kasus') \
                 and length(coalesce(saran, '')) <= 2000 \
                 and length(coalesce(umur, '') || coalesce(jenis_kelamin, '') \
                   || coalesce(pendidikan, '') || coalesce(pekerjaan, '')) <= 400 \
                 and tanggal between current_date - 1 and current_date + 1"
                    .into(),
            ),
        ),
        (
            "status_attempts",
            "",
            "for all",
            "true".into(),
            Some(
                "failed between 0 and 1000 and length(nomor) <= 32 \
                 and last_failed_at <= now() + interval '1 minute'"
                    .into(),
            ),
        ),
    ];
    // Earlier versions' policies (the counter's) go with the grants.
    s.push(format!(
        "drop policy if exists \"loket_{role}\" on counters"
    ));
    for (table, suffix, command, using, check) in policies {
        let name = format!("\"loket_{role}{suffix}\"");
        s.push(format!("alter table {table} enable row level security"));
        s.push(format!("drop policy if exists {name} on {table}"));
        let using = if command == "for insert" {
            String::new()
        } else {
            format!(" using ({using})")
        };
        let check = check
            .map(|c| format!(" with check ({c})"))
            .unwrap_or_default();
        s.push(format!(
            "create policy {name} on {table} {command} to {r}{using}{check}"
        ));
    }
    // Marked as the kiosk's, so a later run renews only a role it made.
    s.push(format!(
        "do $$ begin execute 'comment on role {r} is ''{MARK}'''; \
         exception when insufficient_privilege then null; end $$"
    ));
    s
}

/// The comment `loket kiosk-role` leaves on the roles it made or took.
pub const MARK: &str = "loket kiosk";

/// A new role's password: 24 letters and digits (about 124 bits).
fn password(rng: &mut impl rand::RngCore) -> String {
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..24)
        .map(|_| ALPHABET[(rng.next_u32() as usize) % ALPHABET.len()] as char)
        .collect()
}

/// Makes `role` (or renews its grants when it exists) on the PostgreSQL
/// database `db` is connected to as the desks' owner login. A new role gets
/// a random password, returned once. Refused on SQLite (a kiosk PC always
/// reaches the office's PostgreSQL) and for a name Loket does not accept.
pub async fn grant(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    role: &str,
    new_password: bool,
    rng: &mut impl rand::RngCore,
) -> Result<Granted> {
    if db.get_database_backend() != DbBackend::Postgres {
        return Err(Error::Unusable(
            "Peran kiosk hanya untuk PostgreSQL: kiosk di PC lain selalu memakai basis data PostgreSQL kantor.".into(),
        ));
    }
    if !valid_name(role) {
        return Err(Error::field(
            "peran",
            "Nama peran: huruf kecil, angka dan _, diawali huruf, paling banyak 40 karakter, bukan pg_… atau postgres.",
        ));
    }
    // The role, its grants and the audit entry in one transaction: a
    // refusal half way leaves nothing given.
    let txn = store::begin_write(db).await?;
    let exists = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "select 1 from pg_roles where rolname = $1",
            [role.into()],
        ))
        .await?
        .is_some();
    if let Some(why) = unfit(&txn, role).await? {
        return Err(Error::field("peran", why));
    }
    let outcome = if exists && new_password {
        let password = password(rng);
        txn.execute_unprepared(&format!(
            "alter role \"{role}\" password {}",
            literal(&password)
        ))
        .await?;
        Granted::NewPassword(password)
    } else if exists {
        Granted::Renewed
    } else {
        let password = password(rng);
        let made = txn
            .execute_unprepared(&format!(
                "create role \"{role}\" login password {}",
                literal(&password)
            ))
            .await;
        if let Err(e) = made {
            return Err(Error::Unusable(format!(
                "Peran {role} tidak dapat dibuat dengan login ini ({e}). Minta pengelola server \
                 PostgreSQL membuatnya: CREATE ROLE {role} LOGIN PASSWORD '…'; lalu jalankan \
                 `loket kiosk-role {role}` lagi."
            )));
        }
        Granted::Created(password)
    };
    for statement in statements(role) {
        txn.execute_unprepared(&statement).await?;
    }
    // What it still may create comes from PUBLIC (PostgreSQL before 15 lets
    // every login create in `public`): refused until the server says no.
    let creates = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "select has_schema_privilege($1, 'public', 'CREATE')",
            [role.into()],
        ))
        .await?
        .map(|r| r.try_get_by_index::<bool>(0))
        .transpose()?
        .unwrap_or(true);
    if creates {
        return Err(Error::Unusable(format!(
            "Peran {role} masih dapat membuat objek di skema public (hak yang diberikan kepada semua login). \
             Jalankan sebagai pemilik basis data: REVOKE CREATE ON SCHEMA public FROM PUBLIC; lalu \
             jalankan `loket kiosk-role {role}` lagi."
        )));
    }
    act.record(
        &txn,
        Entry::new(
            "kiosk.role",
            "kiosk_role",
            role,
            serde_json::json!({
                "dibuat": matches!(outcome, Granted::Created(_)),
                "sandi_baru": matches!(outcome, Granted::NewPassword(_)),
            }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_are_plain_identifiers() {
        assert!(valid_name("loket_kiosk"));
        assert!(valid_name("kiosk2"));
        for bad in [
            "",
            "2kiosk",
            "Kiosk",
            "kiosk\"; drop table cases; --",
            "a-b",
            "pg_kiosk",
            "postgres",
            &"k".repeat(41),
        ] {
            assert!(!valid_name(bad), "{bad}");
        }
    }

    #[test]
    fn the_settings_rule_names_every_key_and_family() {
        let all = statements("loket_kiosk").join("\n");
        for k in SETTINGS {
            assert!(all.contains(&format!("'{k}'")), "{k}");
        }
        for p in SETTING_PREFIXES {
            assert!(all.contains(&format!("'{p}%'")), "{p}");
        }
    }
}
