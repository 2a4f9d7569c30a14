//! The audit log's checkpoint outside the database: the sequence number and
//! hash of the newest entry this desk has seen, kept in the OS keyring and
//! advanced as the log grows. Someone with write access to the database file
//! can cut the log's tail and set the head row to match, or put back an older
//! copy of the file, or empty it; none of that reaches the keyring, so the
//! log is then reported broken, naming the entries that are missing.
//!
//! The office can also save the checkpoint as a small file (MAC under the
//! data key) and keep it elsewhere; `loket audit-verify --checkpoint FILE`
//! checks the log against it.

use chrono::{DateTime, FixedOffset};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};

use crate::audit::{self, Verdict};
use crate::entities::audit_log;
use crate::secrets::{DataKey, KeyStore, Secret};
use crate::{Error, Result, files};

/// The keyring entry holding the checkpoint.
pub const CHECKPOINT_ENTRY: &str = "audit-checkpoint";

/// Where the log stood.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// Which database (see [`database_id`]).
    pub database: String,
    pub seq: i64,
    pub hash: String,
}

/// A database's identity for its checkpoint: the SHA-256 of its URL without
/// password or options (a file path, or user, host, port and database name).
pub fn database_id(url: &str) -> String {
    let no_options = url.split('?').next().unwrap_or(url);
    let plain = match no_options.split_once("://") {
        Some((scheme, rest)) => match rest.rsplit_once('@') {
            Some((who, host)) => {
                let user = who.split(':').next().unwrap_or(who);
                format!("{scheme}://{user}@{host}")
            }
            None => no_options.to_string(),
        },
        None => no_options.to_string(),
    };
    files::sha256_hex(plain.as_bytes())
}

/// The checkpoint this keyring holds for `database`, if any.
pub fn read(keys: &dyn KeyStore, database: &str) -> Result<Option<Checkpoint>> {
    let Some(secret) = keys.get(CHECKPOINT_ENTRY)? else {
        return Ok(None);
    };
    let cp: Checkpoint = serde_json::from_slice(secret.expose())
        .map_err(|e| Error::Corrupt(format!("titik periksa log audit di keyring rusak: {e}")))?;
    Ok((cp.database == database).then_some(cp))
}

fn write(keys: &dyn KeyStore, cp: &Checkpoint) -> Result<()> {
    let json = serde_json::to_vec(cp).map_err(|e| Error::Corrupt(e.to_string()))?;
    keys.set(CHECKPOINT_ENTRY, &Secret::new(json))?;
    Ok(())
}

/// The newest entry's sequence number and hash.
async fn head(db: &impl ConnectionTrait) -> Result<Option<(i64, String)>> {
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Seq)
        .one(db)
        .await?
        .map(|m| (m.seq, m.hash)))
}

/// Moves the checkpoint up to the log's head when the entries since the
/// checkpoint chain on from it. Never moves it back, and leaves it where it
/// is when the log no longer reaches it (verification reports that).
/// Returns the checkpoint now held.
pub async fn advance(
    db: &impl ConnectionTrait,
    key: &DataKey,
    keys: &(dyn KeyStore + Sync),
    database: &str,
    known: Option<Checkpoint>,
) -> Result<Option<Checkpoint>> {
    let Some((seq, hash)) = head(db).await? else {
        return Ok(known);
    };
    let from = known.as_ref().map_or(0, |c| c.seq);
    if seq <= from {
        return Ok(known);
    }
    // The entries from the checkpoint on: the first must be the one recorded.
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.gte(from.max(1)))
        .order_by_asc(audit_log::Column::Seq)
        .all(db)
        .await?;
    let mut prev: Option<&audit_log::Model> = None;
    for row in &rows {
        if let Some(cp) = known.as_ref().filter(|c| c.seq == row.seq)
            && cp.hash != row.hash
        {
            return Ok(known);
        }
        let linked = match prev {
            Some(p) => row.seq == p.seq + 1 && row.prev_hash == p.hash,
            None => row.seq == from.max(1),
        };
        if !linked || audit::entry_hash(key, row) != row.hash {
            return Ok(known);
        }
        prev = Some(row);
    }
    if prev.map(|p| (p.seq, &p.hash)) != Some((seq, &hash)) {
        return Ok(known);
    }
    let cp = Checkpoint {
        database: database.to_string(),
        seq,
        hash,
    };
    write(keys, &cp)?;
    Ok(Some(cp))
}

/// Sets the checkpoint of `database` to its log's head as it is now, even
/// back from where it stood: only after a restore that verified the whole
/// chain of the restored log first.
pub async fn restart(
    db: &impl ConnectionTrait,
    keys: &(dyn KeyStore + Sync),
    database: &str,
) -> Result<()> {
    match head(db).await? {
        Some((seq, hash)) => write(
            keys,
            &Checkpoint {
                database: database.to_string(),
                seq,
                hash,
            },
        ),
        None => {
            keys.delete(CHECKPOINT_ENTRY)?;
            Ok(())
        }
    }
}

/// The whole chain verified ([`audit::verify`]) and then held against a
/// checkpoint: the log must still reach it, with the same entry there.
pub async fn verify(
    db: &impl ConnectionTrait,
    key: &DataKey,
    cp: Option<&Checkpoint>,
) -> Result<Verdict> {
    let verdict = audit::verify(db, key).await?;
    let Some(cp) = cp else { return Ok(verdict) };
    let entries = match verdict {
        Verdict::Intact { entries } => entries as i64,
        // An emptied log: the checkpoint names what is gone.
        Verdict::Broken { .. } if head(db).await?.is_none() => 0,
        broken => return Ok(broken),
    };
    if entries < cp.seq {
        return Ok(Verdict::Broken {
            seq: entries + 1,
            reason: format!(
                "log berakhir di entri {entries}, padahal titik periksa mencatat entri {}: \
                 entri {} sampai {} hilang (dihapus, atau basis data diganti salinan lama)",
                cp.seq,
                entries + 1,
                cp.seq
            ),
        });
    }
    let at = audit_log::Entity::find_by_id(cp.seq).one(db).await?;
    if at.is_none_or(|m| m.hash != cp.hash) {
        return Ok(Verdict::Broken {
            seq: cp.seq,
            reason: format!(
                "entri {} berbeda dari yang dicatat titik periksa: log telah diganti",
                cp.seq
            ),
        });
    }
    Ok(Verdict::Intact {
        entries: entries as u64,
    })
}

/// The log checked from `cp` on, as a desk does at every start and every
/// admin sign-in: the entry the checkpoint saw is still there unchanged,
/// every entry after it chains on from it with its keyed hash, and the head
/// row names the last. Entries before the checkpoint were checked when it
/// moved over them (the whole chain is checked by [`verify`], which
/// `loket audit-verify` and a desk's background check run). Without a
/// checkpoint the whole chain is checked.
pub async fn check_since(
    db: &impl ConnectionTrait,
    key: &DataKey,
    cp: Option<&Checkpoint>,
) -> Result<Verdict> {
    let Some(cp) = cp.filter(|c| c.seq > 0) else {
        return audit::verify(db, key).await;
    };
    let Some((head_seq, _)) = head(db).await? else {
        return Ok(Verdict::Broken {
            seq: 1,
            reason: format!(
                "log kosong, padahal titik periksa mencatat entri {}: entrinya dihapus atau \
                 basis data diganti",
                cp.seq
            ),
        });
    };
    if head_seq < cp.seq {
        return Ok(Verdict::Broken {
            seq: head_seq + 1,
            reason: format!(
                "log berakhir di entri {head_seq}, padahal titik periksa mencatat entri {}: entri \
                 {} sampai {} hilang (dihapus, atau basis data diganti salinan lama)",
                cp.seq,
                head_seq + 1,
                cp.seq
            ),
        });
    }
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Seq.gte(cp.seq))
        .order_by_asc(audit_log::Column::Seq)
        .all(db)
        .await?;
    let mut prev: Option<&audit_log::Model> = None;
    for row in &rows {
        match prev {
            None => {
                if row.seq != cp.seq || row.hash != cp.hash {
                    return Ok(Verdict::Broken {
                        seq: cp.seq,
                        reason: format!(
                            "entri {} berbeda dari yang dicatat titik periksa: log telah diganti",
                            cp.seq
                        ),
                    });
                }
            }
            Some(p) => {
                if row.seq != p.seq + 1 {
                    return Ok(Verdict::Broken {
                        seq: p.seq + 1,
                        reason: format!("entri nomor {} hilang", p.seq + 1),
                    });
                }
                if row.prev_hash != p.hash {
                    return Ok(Verdict::Broken {
                        seq: row.seq,
                        reason: "tidak tersambung dengan entri sebelumnya".into(),
                    });
                }
                if audit::entry_hash(key, row) != row.hash {
                    return Ok(Verdict::Broken {
                        seq: row.seq,
                        reason: "isi entri telah diubah".into(),
                    });
                }
            }
        }
        prev = Some(row);
    }
    let last = prev.map(|r| format!("{}:{}", r.seq, r.hash));
    if last != crate::store::setting(db, audit::SETTING_AUDIT_HEAD).await? {
        return Ok(Verdict::Broken {
            seq: head_seq,
            reason: "entri terakhir tidak cocok dengan kepala rantai (entri di ujung log hilang \
                     atau kepala rantai diubah)"
                .into(),
        });
    }
    Ok(Verdict::Intact {
        entries: head_seq as u64,
    })
}

/// The checkpoint as a file an office keeps elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckpointFile {
    /// Always [`FILE_KIND`].
    pub jenis: String,
    pub database: String,
    pub seq: i64,
    pub hash: String,
    /// When it was saved (RFC 3339).
    pub dibuat: String,
    /// MAC over the fields above with the data key.
    pub mac: String,
}

pub const FILE_KIND: &str = "loket/titik-periksa-audit/v1";

fn file_mac(key: &DataKey, f: &CheckpointFile) -> String {
    let seq = f.seq.to_string();
    key.audit_mac(&[
        f.jenis.as_bytes(),
        f.database.as_bytes(),
        seq.as_bytes(),
        f.hash.as_bytes(),
        f.dibuat.as_bytes(),
    ])
}

/// The log's head now, as a checkpoint file (JSON) and its file name. The
/// whole chain is verified first: a broken log gives no checkpoint.
pub async fn export(
    db: &impl ConnectionTrait,
    key: &DataKey,
    database: &str,
    now: DateTime<FixedOffset>,
) -> Result<(String, Vec<u8>)> {
    if let Verdict::Broken { seq, reason } = audit::verify(db, key).await? {
        return Err(Error::Tampered(format!(
            "Log audit rusak mulai entri {seq} ({reason}); titik periksa tidak dibuat."
        )));
    }
    let (seq, hash) = head(db).await?.unwrap_or((0, String::new()));
    let mut f = CheckpointFile {
        jenis: FILE_KIND.into(),
        database: database.into(),
        seq,
        hash,
        dibuat: now.to_rfc3339(),
        mac: String::new(),
    };
    f.mac = file_mac(key, &f);
    let json = serde_json::to_vec_pretty(&f).map_err(|e| Error::Corrupt(e.to_string()))?;
    Ok((
        format!("Loket-titik-periksa-audit-{}.json", now.format("%Y-%m-%d")),
        json,
    ))
}

/// Reads a checkpoint file; refuses one whose MAC does not hold (edited, or
/// made with another data key) or that belongs to another database.
pub fn read_file(bytes: &[u8], key: &DataKey, database: &str) -> Result<Checkpoint> {
    let f: CheckpointFile = serde_json::from_slice(bytes).map_err(|_| {
        Error::field(
            "checkpoint",
            "Berkas ini bukan titik periksa log audit Loket.",
        )
    })?;
    if f.jenis != FILE_KIND || file_mac(key, &f) != f.mac {
        return Err(Error::Tampered(
            "Titik periksa ini telah diubah atau dibuat dengan kunci data lain.".into(),
        ));
    }
    if f.database != database {
        return Err(Error::field(
            "checkpoint",
            "Titik periksa ini milik basis data lain.",
        ));
    }
    Ok(Checkpoint {
        database: f.database,
        seq: f.seq,
        hash: f.hash,
    })
}
