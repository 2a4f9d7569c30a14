//! Certificate expiry notices: a first and a second notice before a
//! certificate ends (30 and 7 days by default, the office's setting) and one
//! on the day it ends, one message each per certificate, whatever the number
//! of passes or desks (a once-only key per certificate, mark and end date;
//! the outbox keeps it unique). A certificate first seen within the second
//! notice's days gets that one only; one first seen on its last day, the
//! day's notice only.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use sea_orm::DatabaseConnection as Db;
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::audit::{Acting, Actor, Entry};
use crate::certificates::CertStatus;
use crate::entities::{applicants, certificates as certificate_rows, outbox as rows};
use crate::notices::outbox::{self, Queued};
use crate::notices::templates::Peristiwa;
use crate::secrets::DataKey;
use crate::{Error, Result, store};

/// Setting: the days before the end of the first and the second notice.
pub const SETTING_NOTICE_DAYS: &str = "kedaluwarsa_pemberitahuan";

/// How many days before a certificate ends its holder is told, twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ExpiryNoticeDays {
    pub pertama: u32,
    pub kedua: u32,
}

impl Default for ExpiryNoticeDays {
    fn default() -> Self {
        ExpiryNoticeDays {
            pertama: 30,
            kedua: 7,
        }
    }
}

/// The days in force.
pub async fn notice_days(db: &impl sea_orm::ConnectionTrait) -> Result<ExpiryNoticeDays> {
    match store::setting(db, SETTING_NOTICE_DAYS).await? {
        Some(json) => {
            serde_json::from_str(&json).map_err(|e| Error::setting(SETTING_NOTICE_DAYS, e))
        }
        None => Ok(ExpiryNoticeDays::default()),
    }
}

/// Checks the days: each 1 to 180, the first more than the second.
pub fn check_days(d: &ExpiryNoticeDays) -> Result<ExpiryNoticeDays> {
    let mut f = BTreeMap::new();
    for (key, n) in [("pertama", d.pertama), ("kedua", d.kedua)] {
        if !(1..=180).contains(&n) {
            f.insert(key.to_string(), "Isi 1 sampai 180 hari.".to_string());
        }
    }
    if f.is_empty() && d.pertama <= d.kedua {
        f.insert(
            "pertama".into(),
            "Pemberitahuan pertama harus lebih awal dari yang kedua.".into(),
        );
    }
    Error::fields(f)?;
    Ok(*d)
}

/// Saves the days with their audit entry; notices already queued stay.
pub async fn save_days(
    db: &Db,
    act: &Acting<'_>,
    d: &ExpiryNoticeDays,
) -> Result<ExpiryNoticeDays> {
    let clean = check_days(d)?;
    act.set_setting(
        db,
        SETTING_NOTICE_DAYS,
        &crate::error::to_json(&clean)?,
        Entry::new(
            "setting.change",
            "setting",
            SETTING_NOTICE_DAYS,
            serde_json::json!({ "pertama": clean.pertama, "kedua": clean.kedua }),
        ),
    )
    .await?;
    Ok(clean)
}

/// The notice due `days_left` days before a certificate ends, if any.
pub fn notice(days_left: i64, d: ExpiryNoticeDays) -> Option<Peristiwa> {
    let (first, second) = (i64::from(d.pertama), i64::from(d.kedua));
    match days_left {
        0 => Some(Peristiwa::KedaluwarsaHariIni),
        n if (1..=second).contains(&n) => Some(Peristiwa::KedaluwarsaH7),
        n if (second + 1..=first).contains(&n) => Some(Peristiwa::KedaluwarsaH30),
        _ => None,
    }
}

/// Queues the notices due at `now` (the desk's offset); returns how many.
pub async fn queue_due(
    db: &DatabaseConnection,
    key: &DataKey,
    now: DateTime<FixedOffset>,
) -> Result<u32> {
    // Sending off: nothing is made (as for a case's messages).
    if !crate::notices::settings::settings(db).await?.aktif {
        return Ok(0);
    }
    let today = now.date_naive();
    let act = Acting::new(key, Actor::named(super::sender::ACTOR), now);
    let days = notice_days(db).await?;
    let ending = certificate_rows::Entity::find()
        .filter(certificate_rows::Column::Status.eq(CertStatus::Aktif.as_str()))
        .filter(certificate_rows::Column::ValidTo.gte(today))
        .filter(
            certificate_rows::Column::ValidTo
                .lte(today + chrono::Duration::days(i64::from(days.pertama))),
        )
        .all(db)
        .await?;
    let due: Vec<(Peristiwa, String, certificate_rows::Model)> = ending
        .into_iter()
        .filter_map(|c| {
            let p = notice((c.valid_to - today).num_days(), days)?;
            Some((p, format!("{}:{}:{}", p.as_str(), c.id, c.valid_to), c))
        })
        .collect();
    // The pass runs every few seconds: what was queued before is found with
    // one read, and only a new notice takes a write transaction.
    let known: Vec<Option<String>> = rows::Entity::find()
        .select_only()
        .column(rows::Column::Kunci)
        .filter(rows::Column::Kunci.is_in(due.iter().map(|d| d.1.clone())))
        .into_tuple()
        .all(db)
        .await?;
    let mut n = 0;
    for (p, kunci, c) in due {
        if known.iter().flatten().any(|k| *k == kunci) {
            continue;
        }
        let txn = store::begin_write(db).await?;
        let known = rows::Entity::find()
            .filter(rows::Column::Kunci.eq(kunci.as_str()))
            .count(&txn)
            .await?;
        if known > 0 {
            continue;
        }
        let Some(a) = applicants::Entity::find_by_id(c.applicant_id)
            .one(&txn)
            .await?
        else {
            continue;
        };
        let mut values = outbox::person_values(&txn, &a).await?;
        values.insert("berlaku_sampai", c.valid_to.format("%d/%m/%Y").to_string());
        values.insert("nomor_seri", c.serial.clone().unwrap_or_else(|| "-".into()));
        values.insert("sisa_hari", (c.valid_to - today).num_days().to_string());
        let queued = outbox::queue(
            &txn,
            &act,
            Queued {
                peristiwa: p,
                case_id: None,
                certificate_id: Some(c.id),
                letter_id: None,
                kunci: Some(kunci),
                penerima: &a.email,
                nama: &a.nama,
                values,
                lampiran: None,
            },
        )
        .await?;
        txn.commit().await?;
        n += u32::from(queued.is_some());
    }
    Ok(n)
}
