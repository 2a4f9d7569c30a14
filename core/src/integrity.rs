//! Whether what Loket reads is what Loket wrote: the audit log against its
//! checkpoint (see [`crate::checkpoint`]) and the seals of the rows that grant
//! power or send data out (see [`crate::seal`]). A desk that finds either
//! broken works read-only for everyone (nothing is saved, nothing is sent)
//! until an admin accepts the state as it is (`loket forget-checkpoint`,
//! which re-seals it and records that in the log) or restores a backup.
//!
//! A database sealed by this version of Loket carries [`SETTING_SEALED`]: the
//! number of the audit entry that sealed it. A database from before it is
//! sealed once, as it is, when a desk first opens it ([`adopt`]), and its NIK
//! ciphertexts are bound to their rows then; a database that lost the mark
//! after it was sealed is reported, never sealed again silently.

use rand::{CryptoRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    QuerySelect, Set,
};
use serde::Serialize;
use ts_rs::TS;

use crate::applicants::registry::{ANONYMISED, nik_context, nik_context_unbound};
use crate::audit::{Acting, Entry};
use crate::entities::{
    applicants, audit_log, corrections, operator_tokens, operators, outbox, settings,
};
use crate::notices::outbox::Keadaan;
use crate::secrets::DataKey;
use crate::{Result, seal, store};

/// Setting: the audit entry (its number) that first sealed this database.
pub const SETTING_SEALED: &str = "segel_sejak";

/// The audit action of the sealing (the first run's, or the one sealing of
/// an earlier database): once it is in the log, a missing mark is a finding
/// and nothing is sealed again silently.
pub use crate::audit::SEALED_ACTION;

/// One row that is not as Loket wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct TamperedRow {
    /// The table (`settings`, `operators`, ...).
    pub tabel: String,
    /// Which row, in words (a setting's name, a user name, a message's number).
    pub baris: String,
    /// What is wrong with it.
    pub keterangan: String,
}

/// What an integrity check found.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct IntegrityReport {
    /// The audit log's problem (a cut tail, an older copy put back, an
    /// edited entry), if any.
    pub log: Option<String>,
    /// Rows changed outside Loket.
    pub baris: Vec<TamperedRow>,
}

impl IntegrityReport {
    /// Nothing found.
    pub fn intact(&self) -> bool {
        self.log.is_none() && self.baris.is_empty()
    }

    /// Adds what `other` found (findings stay until accepted).
    pub fn merge(&mut self, other: IntegrityReport) {
        if self.log.is_none() {
            self.log = other.log;
        }
        for r in other.baris {
            if !self.baris.contains(&r) {
                self.baris.push(r);
            }
        }
    }

    /// The sentence every operator reads while the desk is read-only.
    pub fn message(&self) -> String {
        let mut what = Vec::new();
        if let Some(l) = &self.log {
            what.push(format!("log audit: {l}"));
        }
        if !self.baris.is_empty() {
            what.push(format!(
                "{} baris data diubah di luar Loket ({})",
                self.baris.len(),
                self.baris
                    .iter()
                    .take(3)
                    .map(|r| format!("{} {}", r.tabel, r.baris))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        format!(
            "Basis data diubah di luar Loket: {}. Loket hanya-baca (tidak ada yang disimpan atau \
             dikirim) sampai admin memeriksanya (admin melihat daftar barisnya di sini) lalu \
             menerimanya dengan `loket forget-checkpoint`, atau memulihkan cadangan.",
            what.join("; ")
        )
    }
}

/// How much [`rows`] reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    /// What every command may rely on: settings, operators, live tokens.
    Commands,
    /// Also every token and every message not yet sent (at start, at an
    /// admin's sign-in).
    Full,
    /// Also every person's NIK against its row (`loket audit-verify`).
    Deep,
}

fn row(tabel: &str, baris: String, keterangan: &str) -> TamperedRow {
    TamperedRow {
        tabel: tabel.into(),
        baris,
        keterangan: keterangan.into(),
    }
}

fn why(stored: Option<&str>) -> &'static str {
    if stored.is_none() {
        "segelnya dihapus"
    } else {
        "isinya diubah di luar Loket"
    }
}

/// The rows whose seal does not hold, to `depth`.
pub async fn rows(
    db: &impl ConnectionTrait,
    key: &DataKey,
    depth: Depth,
) -> Result<Vec<TamperedRow>> {
    let mut found = Vec::new();
    for s in settings::Entity::find().all(db).await? {
        if !seal::holds(s.segel.as_deref(), &seal::setting(key, &s.key, &s.value)) {
            found.push(row("pengaturan", s.key.clone(), why(s.segel.as_deref())));
        }
    }
    for o in operators::Entity::find().all(db).await? {
        if !seal::holds(o.segel.as_deref(), &seal::operator(key, &o)) {
            found.push(row("operator", o.username.clone(), why(o.segel.as_deref())));
        }
    }
    let mut tokens = operator_tokens::Entity::find();
    if depth == Depth::Commands {
        tokens = tokens.filter(operator_tokens::Column::RevokedAt.is_null());
    }
    for t in tokens.all(db).await? {
        if !seal::holds(t.segel.as_deref(), &seal::token(key, &t)) {
            found.push(row(
                "token ingat saya",
                format!("#{}", t.id),
                why(t.segel.as_deref()),
            ));
        }
    }
    if depth == Depth::Commands {
        return Ok(found);
    }
    for m in outbox::Entity::find()
        .filter(outbox::Column::Status.ne(Keadaan::Terkirim.as_str()))
        .all(db)
        .await?
    {
        if !seal::holds(m.segel.as_deref(), &seal::message(key, &m)) {
            found.push(row(
                "kotak keluar",
                format!("pesan #{} ke {}", m.id, m.penerima),
                why(m.segel.as_deref()),
            ));
        }
    }
    // Corrections: a waiting one applies on approval, and the register is
    // the office's record of who changed what.
    for c in corrections::Entity::find().all(db).await? {
        if !seal::holds(c.segel.as_deref(), &seal::correction(key, &c)) {
            found.push(row(
                "koreksi",
                format!("koreksi #{} ({})", c.id, c.field),
                why(c.segel.as_deref()),
            ));
        }
    }
    if depth == Depth::Deep {
        for a in applicants::Entity::find().all(db).await? {
            if a.nik_index.starts_with(ANONYMISED) || a.nik_cipher.is_empty() {
                continue;
            }
            if key
                .decrypt(&a.nik_cipher, &nik_context(a.id, &a.nik_index))
                .is_err()
            {
                found.push(row(
                    "pemohon",
                    format!("#{}", a.id),
                    "NIK-nya tidak cocok dengan barisnya (dipindah atau ditukar)",
                ));
            }
        }
    }
    Ok(found)
}

/// Whether the database is sealed, or was never used (a new desk seals it
/// at its first run); a used database without the mark was never sealed, or
/// lost the mark (see [`adopt`]).
pub async fn mark(db: &impl ConnectionTrait) -> Result<Option<String>> {
    store::setting(db, SETTING_SEALED).await
}

/// Seals a database that Loket has used but never sealed (made by an
/// earlier version): every row is sealed as it is now and every NIK bound
/// to its row, in one transaction with the audit entry that says so, whose
/// number becomes the mark. Done once: when the mark is missing but the log
/// holds that entry, the mark was removed, and nothing is sealed (the
/// missing mark is reported by [`missing_mark`]). Returns how many rows were
/// sealed, or `None` when there was nothing to do.
pub async fn adopt(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    rng: &mut (impl RngCore + CryptoRng),
) -> Result<Option<usize>> {
    if mark(db).await?.is_some() || crate::operators::recovery::fresh(db).await? {
        return Ok(None);
    }
    if sealed_before(db).await? {
        return Ok(None);
    }
    let key = act.key();
    let txn = store::begin_write(db).await?;
    let mut count = 0usize;
    for s in settings::Entity::find().all(&txn).await? {
        let mut am: settings::ActiveModel = s.clone().into();
        am.segel = Set(Some(seal::setting(key, &s.key, &s.value)));
        am.update(&txn).await?;
        count += 1;
    }
    for o in operators::Entity::find().all(&txn).await? {
        crate::operators::accounts::save(&txn, key, o.into()).await?;
        count += 1;
    }
    for t in operator_tokens::Entity::find().all(&txn).await? {
        let seal = seal::token(key, &t);
        let mut am: operator_tokens::ActiveModel = t.into();
        am.segel = Set(Some(seal));
        am.update(&txn).await?;
        count += 1;
    }
    for m in outbox::Entity::find().all(&txn).await? {
        crate::notices::outbox::save(&txn, key, m.into()).await?;
        count += 1;
    }
    let mut bound = 0usize;
    for a in applicants::Entity::find().all(&txn).await? {
        if a.nik_index.starts_with(ANONYMISED) || a.nik_cipher.is_empty() {
            continue;
        }
        // Written before NIKs were bound to their rows: opened with the old
        // binding (the index) and sealed to the row it sits in now.
        let Ok(plain) = key.decrypt(&a.nik_cipher, &nik_context_unbound(&a.nik_index)) else {
            continue;
        };
        let cipher = key.encrypt(rng, plain.expose(), &nik_context(a.id, &a.nik_index));
        let mut am: applicants::ActiveModel = a.into();
        am.nik_cipher = Set(cipher);
        am.update(&txn).await?;
        bound += 1;
    }
    let seq = act
        .record(
            &txn,
            Entry::new(
                SEALED_ACTION,
                "database",
                0,
                serde_json::json!({ "baris_disegel": count, "nik_diikat": bound }),
            ),
        )
        .await?;
    store::set_setting(&txn, key, SETTING_SEALED, &seq.to_string()).await?;
    txn.commit().await?;
    Ok(Some(count))
}

/// Marks a new database (never used, see
/// [`crate::operators::recovery::fresh`]) as sealed from its start: every
/// row it will hold is written sealed. The mark is `0` (no audit entry, so
/// the database stays new for its first run).
pub async fn mark_new(db: &impl ConnectionTrait, key: &DataKey) -> Result<()> {
    if mark(db).await?.is_none() && crate::operators::recovery::fresh(db).await? {
        store::set_setting(db, key, SETTING_SEALED, "0").await?;
    }
    Ok(())
}

async fn sealed_before(db: &impl ConnectionTrait) -> Result<bool> {
    Ok(audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq(SEALED_ACTION))
        .limit(1)
        .one(db)
        .await?
        .is_some())
}

/// The finding for a used database without its mark: the mark was
/// removed (the log says it was sealed), or the database was never sealed.
pub async fn missing_mark(db: &impl ConnectionTrait) -> Result<Option<TamperedRow>> {
    if mark(db).await?.is_some() || crate::operators::recovery::fresh(db).await? {
        return Ok(None);
    }
    Ok(Some(row(
        "pengaturan",
        SETTING_SEALED.into(),
        if sealed_before(db).await? {
            "tanda segel basis data dihapus"
        } else {
            "basis data belum pernah disegel"
        },
    )))
}

/// Accepts the database as it is now: every row whose seal does not hold is
/// sealed again, the mark is set, and the audit log records which rows, by
/// whom and when (their values are not copied into the log). Returns the
/// rows sealed again.
pub async fn accept(db: &DatabaseConnection, act: &Acting<'_>) -> Result<Vec<TamperedRow>> {
    let key = act.key();
    let mut found = rows(db, key, Depth::Full).await?;
    if let Some(m) = missing_mark(db).await? {
        found.push(m);
    }
    let txn = store::begin_write(db).await?;
    for s in settings::Entity::find().all(&txn).await? {
        if !seal::holds(s.segel.as_deref(), &seal::setting(key, &s.key, &s.value)) {
            let mut am: settings::ActiveModel = s.clone().into();
            am.segel = Set(Some(seal::setting(key, &s.key, &s.value)));
            am.update(&txn).await?;
        }
    }
    for o in operators::Entity::find().all(&txn).await? {
        crate::operators::accounts::save(&txn, key, o.into()).await?;
    }
    for t in operator_tokens::Entity::find().all(&txn).await? {
        if !seal::holds(t.segel.as_deref(), &seal::token(key, &t)) {
            let seal = seal::token(key, &t);
            let mut am: operator_tokens::ActiveModel = t.into();
            am.segel = Set(Some(seal));
            am.update(&txn).await?;
        }
    }
    for m in outbox::Entity::find()
        .filter(outbox::Column::Status.ne(Keadaan::Terkirim.as_str()))
        .all(&txn)
        .await?
    {
        crate::notices::outbox::save(&txn, key, m.into()).await?;
    }
    for c in corrections::Entity::find().all(&txn).await? {
        if !seal::holds(c.segel.as_deref(), &seal::correction(key, &c)) {
            let seal = seal::correction(key, &c);
            let mut am: corrections::ActiveModel = c.into();
            am.segel = Set(Some(seal));
            am.update(&txn).await?;
        }
    }
    let seq = act
        .record(
            &txn,
            Entry::new(
                "integrity.accepted",
                "database",
                0,
                serde_json::json!({
                    "baris": found.iter().map(|r| format!("{} {}: {}", r.tabel, r.baris, r.keterangan)).collect::<Vec<_>>(),
                }),
            ),
        )
        .await?;
    if mark(&txn).await?.is_none() {
        store::set_setting(&txn, key, SETTING_SEALED, &seq.to_string()).await?;
    }
    txn.commit().await?;
    Ok(found)
}
