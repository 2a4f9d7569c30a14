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
//!   stage, since when, the masked NIK) and the case's "survey answered"
//!   mark, which it may set; no name, NIK, address, letter or document;
//! - the inbox: it adds sealed submissions and reads their number, stage and
//!   status hash, never their sealed content (which it cannot open anyway);
//! - kiosk events and survey responses: it adds rows and reads none;
//! - the registration counter and the status-check attempts it keeps;
//! - the regions list (the NIK's region code is checked at the kiosk).
//!
//! Everything else (the audit log, letters, certificates, documents, the
//! outbox, other counters) it can neither read nor change: the server
//! refuses. Row-level security binds roles other than the table's owner, so
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
/// with a letter, at most 40 characters (it is written into SQL).
pub fn valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name.len() <= 40
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// What [`grant`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Granted {
    /// The role was made, with this password (shown once).
    Created(String),
    /// The role existed; its grants were made again.
    Renewed,
}

/// A literal for SQL: quoted, quotes doubled (only Loket's own constants
/// and generated passwords pass here).
fn literal(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

/// The statements giving `role` the kiosk's access, each safe to run again.
pub fn statements(role: &str) -> Vec<String> {
    let r = format!("\"{role}\"");
    let policy = format!("\"loket_{role}\"");
    let keys = SETTINGS
        .iter()
        .map(|k| literal(k))
        .collect::<Vec<_>>()
        .join(", ");
    let prefixes = SETTING_PREFIXES
        .iter()
        .map(|p| format!(" or key like {}", literal(&format!("{p}%"))))
        .collect::<String>();
    let mut s = vec![
        // Whatever was given before goes: the grants below are the whole of it.
        format!(
            "revoke all on all tables in schema public from {r}; \
             revoke all on all sequences in schema public from {r}"
        ),
        format!("grant usage on schema public to {r}"),
        format!("grant select on seaql_migrations to {r}"),
    ];
    let rows = [
        (
            "settings",
            "select",
            "for select",
            format!("key in ({keys}){prefixes}"),
        ),
        (
            "operators",
            "select",
            "for select",
            "roles = 'kiosk'".into(),
        ),
        (
            "counters",
            "select, insert, update",
            "for all",
            "name like 'registrasi/%'".into(),
        ),
    ];
    for (table, rights, command, rule) in rows {
        s.push(format!("grant {rights} on {table} to {r}"));
        s.push(format!("alter table {table} enable row level security"));
        s.push(format!("drop policy if exists {policy} on {table}"));
        let check = if command == "for all" {
            format!(" with check ({rule})")
        } else {
            String::new()
        };
        s.push(format!(
            "create policy {policy} on {table} {command} to {r} using ({rule}){check}"
        ));
    }
    s.extend([
        format!(
            "grant select (id, nomor, layanan, status, updated_at, applicant_id, skm_diisi) \
             on cases to {r}"
        ),
        format!("grant update (skm_diisi) on cases to {r}"),
        format!("grant select (id, nik_masked) on applicants to {r}"),
        format!(
            "grant select (id, nomor, layanan, status, status_check, received_at, handled_at) \
             on kiosk_inbox to {r}"
        ),
        format!("grant insert on kiosk_inbox, kiosk_events, skm_responses to {r}"),
        format!("grant select, insert, update, delete on status_attempts to {r}"),
        format!("grant select on regions to {r}"),
    ]);
    for table in ["kiosk_inbox", "kiosk_events", "skm_responses"] {
        s.push(format!(
            "do $$ declare q text := pg_get_serial_sequence('{table}', 'id'); begin \
             if q is not null then execute 'grant usage on sequence ' || q || ' to {r}'; end if; \
             end $$"
        ));
    }
    s
}

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
            "Nama peran: huruf kecil, angka dan _, diawali huruf, paling banyak 40 karakter.",
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
    let outcome = if exists {
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
    act.record(
        &txn,
        Entry::new(
            "kiosk.role",
            "kiosk_role",
            role,
            serde_json::json!({ "dibuat": matches!(outcome, Granted::Created(_)) }),
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
