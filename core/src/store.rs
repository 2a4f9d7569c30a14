//! The database: connect (SQLite file by default, PostgreSQL by URL), pragmas,
//! the SQLite version guard, migrations, write transactions, settings and
//! counters. Everything that differs between SQLite and PostgreSQL lives here.

use std::path::Path;
use std::time::Duration;

use loket_migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ActiveModelTrait, ConnectOptions, ConnectionTrait, Database, DatabaseConnection,
    DatabaseTransaction, DbBackend, EntityTrait, Set, SqliteTransactionMode, Statement,
    TransactionOptions, TransactionTrait,
};

use crate::entities::settings;
use crate::secrets::DataKey;
use crate::{Error, Result};

/// Oldest SQLite Loket accepts: earlier versions can lose committed data in WAL mode.
pub const MIN_SQLITE_VERSION: (u32, u32, u32) = (3, 51, 3);

/// Setting: the office's official e-mail domain (for example `denpasarkota.go.id`).
pub const SETTING_OFFICIAL_EMAIL_DOMAIN: &str = "email_domain_resmi";
/// Setting: check value of the data key (see `secrets::open_data_key`).
pub const SETTING_DATA_KEY_CHECK: &str = "data_key_check";

/// Environment variable that overrides the database location.
pub const DATABASE_URL_ENV: &str = "LOKET_DATABASE_URL";

/// File name of the embedded database inside the app-data folder.
pub const SQLITE_FILE: &str = "loket.sqlite3";

/// URL of the SQLite file in `dir` (created when missing).
pub fn sqlite_url(dir: &Path) -> String {
    let path = dir.join(SQLITE_FILE);
    format!(
        "sqlite:{}?mode=rwc",
        path.to_string_lossy().replace('\\', "/")
    )
}

/// Opens the database at `url`, checks it and brings its schema up to date.
pub async fn open(url: &str) -> Result<DatabaseConnection> {
    let db = connect(url).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// Connects to `url` without bringing its schema up to date: what a kiosk
/// PC does (its login may not change the schema; the desks do). Refused when
/// the database and this Loket do not have the same schema.
pub async fn open_current(url: &str) -> Result<DatabaseConnection> {
    let db = connect(url).await?;
    let applied: std::collections::BTreeSet<String> = db
        .query_all_raw(Statement::from_string(
            db.get_database_backend(),
            "select version from seaql_migrations",
        ))
        .await
        .map_err(|_| {
            Error::Unusable(
                "Basis data ini belum pernah dibuka oleh meja layanan; buka Loket di meja layanan dulu."
                    .into(),
            )
        })?
        .iter()
        .map(|r| r.try_get_by_index::<String>(0))
        .collect::<std::result::Result<_, _>>()?;
    let known: std::collections::BTreeSet<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_string())
        .collect();
    if known.difference(&applied).next().is_some() {
        return Err(Error::Unusable(
            "Basis data ini belum diperbarui untuk versi Loket ini: buka Loket versi ini di meja layanan dulu."
                .into(),
        ));
    }
    if applied.difference(&known).next().is_some() {
        return Err(Error::Unusable(
            "Basis data ini sudah dipakai Loket yang lebih baru: perbarui Loket di PC ini.".into(),
        ));
    }
    Ok(db)
}

/// The connection alone (see [`open`]).
async fn connect(url: &str) -> Result<DatabaseConnection> {
    let mut opt = ConnectOptions::new(url.to_owned());
    opt.sqlx_logging(false);
    if url.starts_with("sqlite:") {
        // A few connections: WAL lets readers work while one writer holds the lock.
        opt.max_connections(4).min_connections(1);
        opt.map_sqlx_sqlite_opts(|o| {
            o.journal_mode(SqliteJournalMode::Wal)
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(10))
                .create_if_missing(true)
                // Read the file through memory mapping (up to 1 GiB): a
                // report over a million cases reads tens of megabytes of
                // pages, and copying each through a read call took most of
                // its time. Writes still go through the journal.
                .pragma("mmap_size", "1073741824")
        });
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        opt.max_connections(8);
    } else {
        return Err(Error::Unusable(format!(
            "Alamat basis data tidak dikenal: harus diawali sqlite: atau postgres:// (diberikan: {})",
            url.split('@').next_back().unwrap_or_default()
        )));
    }
    let db = Database::connect(opt).await?;
    if db.get_database_backend() == DbBackend::Sqlite {
        let version = sqlite_version(&db).await?;
        check_sqlite_version(&version)?;
    }
    Ok(db)
}

/// The SQLite library version the connection runs on.
pub async fn sqlite_version(db: &impl ConnectionTrait) -> Result<String> {
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Sqlite,
            "select sqlite_version()",
        ))
        .await?
        .ok_or_else(|| Error::Unusable("SQLite tidak menjawab versinya.".into()))?;
    Ok(row.try_get_by_index::<String>(0)?)
}

/// Refuses SQLite versions older than [`MIN_SQLITE_VERSION`].
pub fn check_sqlite_version(version: &str) -> Result<()> {
    let mut parts = version.split('.').map(|p| p.parse::<u32>().unwrap_or(0));
    let found = (
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
        parts.next().unwrap_or(0),
    );
    if found < MIN_SQLITE_VERSION {
        let (a, b, c) = MIN_SQLITE_VERSION;
        return Err(Error::Unusable(format!(
            "Versi SQLite {version} terlalu lama: Loket memerlukan SQLite {a}.{b}.{c} atau lebih baru \
             (versi lama dapat kehilangan data yang sudah tersimpan dalam mode WAL). Loket tidak dibuka."
        )));
    }
    Ok(())
}

/// Starts a write transaction. On SQLite it begins IMMEDIATE, so two writers
/// queue on the busy timeout instead of failing when a reader upgrades.
pub async fn begin_write(db: &DatabaseConnection) -> Result<DatabaseTransaction> {
    let sqlite_transaction_mode = (db.get_database_backend() == DbBackend::Sqlite)
        .then_some(SqliteTransactionMode::Immediate);
    Ok(db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode,
            ..Default::default()
        })
        .await?)
}

/// Holds one person's row until the transaction ends, on PostgreSQL (`FOR
/// UPDATE`): the checks that keep a person's cases and certificates apart
/// (one running service, one active certificate, a value as the page saw
/// it) then see what another desk committed, not a moment before it. SQLite's
/// write transactions already take turns ([`begin_write`]).
pub async fn hold_person(db: &impl ConnectionTrait, applicant_id: i64) -> Result<()> {
    if db.get_database_backend() == DbBackend::Postgres {
        use sea_orm::QuerySelect;
        crate::entities::applicants::Entity::find_by_id(applicant_id)
            .lock_exclusive()
            .one(db)
            .await?;
    }
    Ok(())
}

/// A setting's value, `None` when unset.
pub async fn setting(db: &impl ConnectionTrait, key: &str) -> Result<Option<String>> {
    Ok(settings::Entity::find_by_id(key.to_string())
        .one(db)
        .await?
        .map(|s| s.value))
}

/// A whole-number setting, or `default` when it is not set. A value that is
/// set but is not a number is an error: a limit is never guessed.
pub async fn number_setting(db: &impl ConnectionTrait, key: &str, default: u64) -> Result<u64> {
    match setting(db, key).await? {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .map_err(|_| Error::setting(key, format!("\"{v}\" bukan bilangan bulat"))),
    }
}

/// Sets a setting with its seal (inside the caller's transaction).
pub async fn set_setting(
    db: &impl ConnectionTrait,
    key: &DataKey,
    name: &str,
    value: &str,
) -> Result<()> {
    let row = settings::ActiveModel {
        key: Set(name.to_string()),
        value: Set(value.to_string()),
        segel: Set(Some(crate::seal::setting(key, name, value))),
    };
    if settings::Entity::find_by_id(name.to_string())
        .one(db)
        .await?
        .is_some()
    {
        row.update(db).await?;
    } else {
        row.insert(db).await?;
    }
    Ok(())
}

/// A setting's value when its seal holds; a value changed outside Loket (or
/// a seal removed) is refused with the setting's name, never used.
pub async fn sealed_setting(
    db: &impl ConnectionTrait,
    key: &DataKey,
    name: &str,
) -> Result<Option<String>> {
    let Some(row) = settings::Entity::find_by_id(name.to_string())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    if !crate::seal::holds(
        row.segel.as_deref(),
        &crate::seal::setting(key, name, &row.value),
    ) {
        return Err(Error::Tampered(format!(
            "Pengaturan \"{name}\" diubah di luar Loket; Loket tidak memakainya sampai admin \
             memeriksanya."
        )));
    }
    Ok(Some(row.value))
}

/// Next value of the counter `name` (1 for a new counter), inside the caller's
/// write transaction: numbers are never given twice and never skipped.
pub async fn next_counter(txn: &DatabaseTransaction, name: &str) -> Result<i64> {
    // One atomic upsert: two desks starting a new counter (the first letter of
    // a year) at the same moment cannot both insert it; the second waits on
    // the row and increments it.
    let backend = txn.get_database_backend();
    let param = if backend == DbBackend::Postgres {
        "$1"
    } else {
        "?"
    };
    let sql = format!(
        "insert into counters (name, value) values ({param}, 1) \
         on conflict (name) do update set value = counters.value + 1 returning value"
    );
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(backend, sql, [name.into()]))
        .await?
        .ok_or_else(|| Error::Corrupt(format!("penghitung {name} tidak memberi nilai")))?;
    Ok(row.try_get_by_index::<i64>(0)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_sqlite_older_than_3_51_3() {
        assert!(check_sqlite_version("3.51.2").is_err());
        assert!(check_sqlite_version("3.40.1").is_err());
        assert!(check_sqlite_version("3.51.3").is_ok());
        assert!(check_sqlite_version("3.52.0").is_ok());
        let msg = check_sqlite_version("3.46.0").unwrap_err().to_string();
        assert!(msg.contains("3.46.0") && msg.contains("3.51.3"), "{msg}");
    }
}
