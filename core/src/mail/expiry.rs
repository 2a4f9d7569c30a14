//! Certificate expiry notices: 30 days and 7 days before a certificate ends,
//! one message each per certificate, whatever the number of passes or desks
//! (a once-only key per certificate, mark and end date; the outbox keeps it
//! unique). A certificate first seen within 7 days gets the 7-day notice only.

use chrono::{DateTime, FixedOffset};
use sea_orm::{
    ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
};

use crate::audit::{Acting, Actor};
use crate::certificates::CertStatus;
use crate::entities::{applicants, certificates as certificate_rows, outbox as rows};
use crate::notices::outbox::{self, Queued};
use crate::notices::templates::Peristiwa;
use crate::secrets::DataKey;
use crate::{Result, store};

/// The notice due `days_left` days before a certificate ends, if any.
pub fn notice(days_left: i64) -> Option<Peristiwa> {
    match days_left {
        8..=30 => Some(Peristiwa::KedaluwarsaH30),
        0..=7 => Some(Peristiwa::KedaluwarsaH7),
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
    let ending = certificate_rows::Entity::find()
        .filter(certificate_rows::Column::Status.eq(CertStatus::Aktif.as_str()))
        .filter(certificate_rows::Column::ValidTo.gte(today))
        .filter(certificate_rows::Column::ValidTo.lte(today + chrono::Duration::days(30)))
        .all(db)
        .await?;
    let due: Vec<(Peristiwa, String, certificate_rows::Model)> = ending
        .into_iter()
        .filter_map(|c| {
            let p = notice((c.valid_to - today).num_days())?;
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
