//! The audit log: append-only and hash-chained. Each entry carries a gap-free
//! sequence number and the hash of the previous entry, and is written in the
//! same transaction as the change it records, so a change without its entry
//! (or an entry without its change) cannot be committed.
//!
//! The hashes are keyed (HMAC with a key derived from the data key, which lives
//! only in the OS keyring), so whoever edits the database file cannot rewrite
//! the chain to hide the edit. The newest entry's number and hash are also kept
//! as the chain's head (setting `audit_head`), so removing entries from the end
//! is found too, and an empty log in a database holding cases or operators is
//! reported. Rolling the whole database back to an older genuine copy, or
//! cutting the tail together with the head row, is found by the checkpoint
//! kept outside the database ([`crate::checkpoint`]).

use chrono::{DateTime, FixedOffset, NaiveDate};
use sea_orm::{
    ActiveModelTrait, ConnectionTrait, DatabaseConnection, DbBackend, EntityTrait, PaginatorTrait,
    QueryOrder, Set,
};

use crate::Result;
use crate::entities::{audit_log, cases, operators};
use crate::secrets::DataKey;
use crate::store;

/// Setting holding the chain's head: `<seq>:<hash>` of the newest entry.
pub const SETTING_AUDIT_HEAD: &str = "audit_head";

/// Who acts: the signed-in operator (or, for a failed sign-in, the name typed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub name: String,
}

impl Actor {
    /// An actor by name.
    pub fn named(name: impl Into<String>) -> Self {
        Actor { name: name.into() }
    }
}

/// The context of every change: who acts, with the data key that seals the
/// audit chain, at one moment (truncated once to what every backend keeps).
/// Write functions take it instead of the key, actor and time one by one, and
/// record their audit entries through it.
#[derive(Debug, Clone)]
pub struct Acting<'k> {
    key: &'k DataKey,
    actor: Actor,
    now: DateTime<FixedOffset>,
    /// Set while the desk is read-only (its state was changed outside
    /// Loket): every change is refused with this, since every change
    /// records its audit entry through here.
    read_only: Option<String>,
}

impl<'k> Acting<'k> {
    /// `actor` acting at `now` (sub-microsecond precision dropped).
    pub fn new(key: &'k DataKey, actor: Actor, now: DateTime<FixedOffset>) -> Self {
        Acting {
            key,
            actor,
            now: truncate_micros(now),
            read_only: None,
        }
    }

    /// The same context, refusing every change with `why` (the desk is
    /// read-only).
    pub fn read_only(mut self, why: String) -> Self {
        self.read_only = Some(why);
        self
    }

    /// The same moment and key, recorded under another name (a failed
    /// sign-in is recorded under the name that was typed).
    pub fn as_actor(&self, actor: Actor) -> Acting<'k> {
        Acting {
            key: self.key,
            actor,
            now: self.now,
            read_only: self.read_only.clone(),
        }
    }

    /// The data key.
    pub fn key(&self) -> &'k DataKey {
        self.key
    }

    /// Who acts.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// The actor's name, as `created_by` columns record it.
    pub fn name(&self) -> String {
        self.actor.name.clone()
    }

    /// The moment of the change.
    pub fn now(&self) -> DateTime<FixedOffset> {
        self.now
    }

    /// The desk's calendar day of the change.
    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    /// Appends an audit entry inside the caller's write transaction; returns
    /// its sequence number.
    pub async fn record(&self, txn: &impl ConnectionTrait, entry: Entry<'_>) -> Result<i64> {
        if let Some(why) = &self.read_only {
            return Err(crate::Error::Tampered(why.clone()));
        }
        append(txn, self.key, &self.actor, self.now, entry).await
    }

    /// Appends an entry in a write transaction of its own: for events that
    /// change nothing else (a view, an export, a sign-in).
    pub async fn log(&self, db: &DatabaseConnection, entry: Entry<'_>) -> Result<()> {
        let txn = store::begin_write(db).await?;
        self.record(&txn, entry).await?;
        txn.commit().await?;
        Ok(())
    }

    /// Sets a setting and appends its audit entry in one transaction.
    pub async fn set_setting(
        &self,
        db: &DatabaseConnection,
        name: &str,
        value: &str,
        entry: Entry<'_>,
    ) -> Result<()> {
        let txn = store::begin_write(db).await?;
        store::set_setting(&txn, self.key, name, value).await?;
        self.record(&txn, entry).await?;
        txn.commit().await?;
        Ok(())
    }
}

/// The action of the entry that marks a database sealed (see `integrity`):
/// written by the first run of a new database and by the one sealing of a
/// database made before seals. Kept here, below both.
pub const SEALED_ACTION: &str = "integrity.sealed";

/// `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry to append.
pub struct Entry<'a> {
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: String,
    pub detail: serde_json::Value,
}

impl<'a> Entry<'a> {
    /// `action` done to the `entity` with id `entity_id`, with its details.
    pub fn new(
        action: &'a str,
        entity: &'a str,
        entity_id: impl ToString,
        detail: serde_json::Value,
    ) -> Self {
        Entry {
            action,
            entity,
            entity_id: entity_id.to_string(),
            detail,
        }
    }
}

/// Keyed hash of an entry. Fields are length-prefixed so no two entries can
/// collide by shifting text between fields; time enters as UTC microseconds
/// because PostgreSQL hands timestamps back in UTC.
pub(crate) fn entry_hash(key: &DataKey, m: &audit_log::Model) -> String {
    let seq = m.seq.to_string();
    let at = m.at.timestamp_micros().to_string();
    key.audit_mac(&[
        seq.as_bytes(),
        at.as_bytes(),
        m.actor.as_bytes(),
        m.action.as_bytes(),
        m.entity.as_bytes(),
        m.entity_id.as_bytes(),
        m.detail.as_bytes(),
        m.prev_hash.as_bytes(),
    ])
}

/// Appends an entry inside the caller's write transaction; returns its sequence number.
async fn append(
    txn: &impl ConnectionTrait,
    key: &DataKey,
    actor: &Actor,
    at: DateTime<FixedOffset>,
    entry: Entry<'_>,
) -> Result<i64> {
    if txn.get_database_backend() == DbBackend::Postgres {
        // Several desks append to one log: each waits for the one before to
        // commit (the lock ends with the transaction), so two never take the
        // same number. A lock on the table itself, which only a login allowed
        // to change the log can take: an advisory lock is open to every
        // login, a kiosk PC's own role included, which could hold it and
        // stop every desk. SQLite's write transactions are one at a time anyway.
        txn.execute_unprepared("LOCK TABLE audit_log IN SHARE ROW EXCLUSIVE MODE")
            .await?;
    }
    let last = audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Seq)
        .one(txn)
        .await?;
    let (seq, prev_hash) = match last {
        Some(l) => (l.seq + 1, l.hash),
        None => (1, GENESIS.to_string()),
    };
    let mut model = audit_log::Model {
        seq,
        at,
        actor: actor.name.clone(),
        action: entry.action.to_string(),
        entity: entry.entity.to_string(),
        entity_id: entry.entity_id,
        detail: entry.detail.to_string(),
        prev_hash,
        hash: String::new(),
    };
    model.hash = entry_hash(key, &model);
    let head = format!("{}:{}", model.seq, model.hash);
    audit_log::ActiveModel {
        seq: Set(model.seq),
        at: Set(model.at),
        actor: Set(model.actor),
        action: Set(model.action),
        entity: Set(model.entity),
        entity_id: Set(model.entity_id),
        detail: Set(model.detail),
        prev_hash: Set(model.prev_hash),
        hash: Set(model.hash),
    }
    .insert(txn)
    .await?;
    store::set_setting(txn, key, SETTING_AUDIT_HEAD, &head).await?;
    Ok(seq)
}

/// The newest entry's number (0 for an empty log).
pub async fn head_seq(db: &impl ConnectionTrait) -> Result<i64> {
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Seq)
        .one(db)
        .await?
        .map_or(0, |m| m.seq))
}

/// Drops sub-microsecond precision, which PostgreSQL does not keep.
pub(crate) fn truncate_micros(at: DateTime<FixedOffset>) -> DateTime<FixedOffset> {
    use chrono::SubsecRound;
    at.trunc_subsecs(6)
}

/// Outcome of [`verify`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Every entry is in place; `entries` were checked.
    Intact { entries: u64 },
    /// The first entry that does not fit the chain, and why.
    Broken { seq: i64, reason: String },
}

/// The outcome of a verification, as the app and `loket audit-verify` report it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[ts(export)]
pub struct AuditReport {
    pub intact: bool,
    #[ts(type = "number")]
    pub entries: u64,
    #[ts(type = "number | null")]
    pub broken_seq: Option<i64>,
    pub reason: Option<String>,
}

impl From<Verdict> for AuditReport {
    fn from(v: Verdict) -> Self {
        match v {
            Verdict::Intact { entries } => AuditReport {
                intact: true,
                entries,
                broken_seq: None,
                reason: None,
            },
            Verdict::Broken { seq, reason } => AuditReport {
                intact: false,
                entries: 0,
                broken_seq: Some(seq),
                reason: Some(reason),
            },
        }
    }
}

/// [`verify`], as a report.
pub async fn verify_report(db: &impl ConnectionTrait, key: &DataKey) -> Result<AuditReport> {
    Ok(verify(db, key).await?.into())
}

/// Walks the whole chain and reports the first entry that was edited, removed,
/// inserted or reordered.
pub async fn verify(db: &impl ConnectionTrait, key: &DataKey) -> Result<Verdict> {
    let rows = audit_log::Entity::find()
        .order_by_asc(audit_log::Column::Seq)
        .all(db)
        .await?;
    let mut prev = GENESIS.to_string();
    for (i, row) in rows.iter().enumerate() {
        let expected_seq = i as i64 + 1;
        if row.seq != expected_seq {
            return Ok(Verdict::Broken {
                seq: expected_seq,
                reason: format!("entri nomor {expected_seq} hilang (berikutnya {})", row.seq),
            });
        }
        if row.prev_hash != prev {
            return Ok(Verdict::Broken {
                seq: row.seq,
                reason: "tidak tersambung dengan entri sebelumnya".into(),
            });
        }
        if entry_hash(key, row) != row.hash {
            return Ok(Verdict::Broken {
                seq: row.seq,
                reason: "isi entri telah diubah".into(),
            });
        }
        prev.clone_from(&row.hash);
    }
    if rows.is_empty() {
        let cases = cases::Entity::find().count(db).await?;
        let operators = operators::Entity::find().count(db).await?;
        if cases + operators > 0 {
            return Ok(Verdict::Broken {
                seq: 1,
                reason: format!(
                    "log audit kosong, padahal basis data berisi {cases} permohonan dan \
                     {operators} operator: entrinya dihapus"
                ),
            });
        }
    }
    let last = rows.last().map(|r| format!("{}:{}", r.seq, r.hash));
    let head = store::setting(db, SETTING_AUDIT_HEAD).await?;
    if last != head {
        let head_seq = head
            .as_deref()
            .and_then(|h| h.split(':').next())
            .and_then(|s| s.parse::<i64>().ok())
            .unwrap_or(0);
        let seq = rows.len() as i64 + 1;
        return Ok(Verdict::Broken {
            seq: if head_seq > 0 { head_seq.min(seq) } else { seq },
            reason: "entri terakhir tidak cocok dengan kepala rantai (entri di ujung log hilang \
                     atau kepala rantai diubah)"
                .into(),
        });
    }
    Ok(Verdict::Intact {
        entries: rows.len() as u64,
    })
}
