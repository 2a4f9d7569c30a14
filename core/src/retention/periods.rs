//! The retention period of each kind of record, set by the admin after the
//! office's archive schedule (setting `retensi`), with the defaults Loket
//! ships.

use std::collections::BTreeMap;

use sea_orm::DatabaseConnection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Entry};
use crate::{Error, Result, store};

/// How long each kind of record is kept, counted from when it stops being
/// needed (see [`super::due`] for each kind's starting point).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct RetentionPeriods {
    /// The documents of a case (KTP photo, letters, scans): years after the case ended.
    pub berkas_tahun: u32,
    /// A person's data: years after their last case ended and their last certificate expired.
    pub pemohon_tahun: u32,
    /// Kiosk submissions: days after they were sent.
    pub kiosk_hari: u32,
    /// E-mails in the outbox, sent or failed: months after they were made.
    pub surel_bulan: u32,
}

impl Default for RetentionPeriods {
    fn default() -> Self {
        RetentionPeriods {
            berkas_tahun: 2,
            pemohon_tahun: 5,
            kiosk_hari: 90,
            surel_bulan: 12,
        }
    }
}

const SETTING: &str = "retensi";

/// The periods in force (the defaults until the admin saves others).
pub async fn get(db: &impl sea_orm::ConnectionTrait) -> Result<RetentionPeriods> {
    match store::setting(db, SETTING).await? {
        None => Ok(RetentionPeriods::default()),
        Some(v) => serde_json::from_str(&v)
            .map_err(|e| Error::Corrupt(format!("pengaturan retensi ({e})"))),
    }
}

/// Each period's bounds: a period outside them is refused under its field.
fn check(p: &RetentionPeriods) -> Result<()> {
    let mut errors = BTreeMap::new();
    let mut within = |field: &str, v: u32, lo: u32, hi: u32, unit: &str| {
        if !(lo..=hi).contains(&v) {
            errors.insert(
                field.to_string(),
                format!("Isi antara {lo} dan {hi} {unit}."),
            );
        }
    };
    within("berkas_tahun", p.berkas_tahun, 1, 30, "tahun");
    within("pemohon_tahun", p.pemohon_tahun, 1, 30, "tahun");
    within("kiosk_hari", p.kiosk_hari, 7, 3650, "hari");
    within("surel_bulan", p.surel_bulan, 1, 120, "bulan");
    Error::fields(errors)
}

/// Saves the periods (admin), audited with the values before and after.
pub async fn save(
    db: &DatabaseConnection,
    act: &Acting<'_>,
    p: &RetentionPeriods,
) -> Result<RetentionPeriods> {
    check(p)?;
    let txn = store::begin_write(db).await?;
    let before = get(&txn).await?;
    let text = serde_json::to_string(p).map_err(|e| Error::Corrupt(e.to_string()))?;
    store::set_setting(&txn, act.key(), SETTING, &text).await?;
    act.record(
        &txn,
        Entry::new(
            "retention.periods",
            "setting",
            0,
            serde_json::json!({ "before": before, "after": p }),
        ),
    )
    .await?;
    txn.commit().await?;
    Ok(*p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_outside_their_bounds_are_refused_by_field() {
        assert!(check(&RetentionPeriods::default()).is_ok());
        let e = check(&RetentionPeriods {
            berkas_tahun: 0,
            pemohon_tahun: 31,
            kiosk_hari: 6,
            surel_bulan: 12,
        })
        .unwrap_err();
        let Error::Invalid { fields, .. } = e else {
            panic!("not by field")
        };
        assert_eq!(
            fields.keys().collect::<Vec<_>>(),
            ["berkas_tahun", "kiosk_hari", "pemohon_tahun"]
        );
    }
}
