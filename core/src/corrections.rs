//! The register of corrections: every value the desk recorded wrongly and put
//! right, with who did it, when and why, for the admin and the head of
//! office to read. A correction of a person's data is kept in the person's
//! history (see [`crate::applicants::changes`]); this register reads those
//! of kind "koreksi" across every person, filtered by period and operator.
//! A data change BSrE approved (perubahan data) is a service, not a
//! correction, and is not listed.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applicants::changes::ChangeKind;
use crate::cases::forms::FieldChange;
use crate::entities::{applicant_history, applicants};
use crate::{Error, Result, calendar};

/// The register's filter, as typed: a period (dd/mm/yyyy, either end may be
/// empty) and part of an operator's name (empty: everyone).
#[derive(Debug, Clone, Default, Deserialize, Serialize, TS)]
#[ts(export)]
pub struct CorrectionQuery {
    pub dari: String,
    pub sampai: String,
    pub petugas: String,
}

/// One correction, as the register shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct CorrectionRow {
    /// The history entry's number (one per correction).
    #[ts(type = "number")]
    pub id: i64,
    /// When it was saved (RFC 3339, the desk's offset).
    pub at: String,
    /// Who corrected.
    pub actor: String,
    /// Whose record: the person's name as it stands now.
    pub subject: String,
    #[ts(type = "number")]
    pub applicant_id: i64,
    /// Why, as typed with the correction.
    pub reason: String,
    /// The fields it changed, old and new value side by side (the NIK masked).
    pub changes: Vec<FieldChange>,
}

/// The start of `typed`'s day at `tz`, plus `add_days`; `None` for empty text.
fn bound(
    field: &str,
    typed: &str,
    tz: FixedOffset,
    add_days: i64,
) -> Result<Option<(NaiveDate, DateTime<FixedOffset>)>> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    let day = calendar::days::parse_day(typed)
        .ok_or_else(|| Error::field(field, "Tanggal tidak valid (hh/bb/tttt)."))?;
    let start = (day + Duration::days(add_days))
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(tz).single())
        .ok_or_else(|| Error::field(field, "Tanggal tidak valid."))?;
    Ok(Some((day, start)))
}

/// The corrections in the period `query` names, by the operators it names,
/// newest first. Dates are read as days at `tz` (the desk's offset); a
/// period that ends before it starts is refused at its end.
pub async fn register(
    db: &impl ConnectionTrait,
    query: &CorrectionQuery,
    tz: FixedOffset,
) -> Result<Vec<CorrectionRow>> {
    let from = bound("dari", &query.dari, tz, 0)?;
    let to = bound("sampai", &query.sampai, tz, 1)?;
    if let (Some((a, _)), Some((b, _))) = (from, to)
        && b < a
    {
        return Err(Error::field(
            "sampai",
            "Tanggal akhir sebelum tanggal awal.",
        ));
    }
    let mut select = applicant_history::Entity::find()
        .filter(applicant_history::Column::Kind.eq(ChangeKind::Koreksi.as_str()));
    if let Some((_, start)) = from {
        select = select.filter(applicant_history::Column::At.gte(start));
    }
    if let Some((_, end)) = to {
        select = select.filter(applicant_history::Column::At.lt(end));
    }
    let rows = select
        .order_by_desc(applicant_history::Column::At)
        .order_by_desc(applicant_history::Column::Id)
        .all(db)
        .await?;
    let who = query.petugas.trim().to_lowercase();
    let rows: Vec<_> = rows
        .into_iter()
        .filter(|h| who.is_empty() || h.actor.to_lowercase().contains(&who))
        .collect();
    let mut ids: Vec<i64> = rows.iter().map(|h| h.applicant_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let names: std::collections::HashMap<i64, String> = applicants::Entity::find()
        .filter(applicants::Column::Id.is_in(ids))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.nama))
        .collect();
    rows.into_iter()
        .map(|h| {
            let what = format!("riwayat data pemohon #{}", h.id);
            let read = |text: &str| -> Result<std::collections::BTreeMap<String, String>> {
                serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("{what} ({e})")))
            };
            let before = read(&h.before)?;
            let after = read(&h.after)?;
            let changes = after
                .iter()
                // The earlier NIK's sealed form stays stored, never shown.
                .filter(|(field, _)| !matches!(field.as_str(), "nik_cipher" | "nik_index"))
                .map(|(field, new)| FieldChange {
                    field: field.clone(),
                    lama: before.get(field).cloned().unwrap_or_default(),
                    baru: new.clone(),
                })
                .collect();
            Ok(CorrectionRow {
                id: h.id,
                at: h.at.with_timezone(&tz).to_rfc3339(),
                actor: h.actor,
                subject: names
                    .get(&h.applicant_id)
                    .cloned()
                    .ok_or_else(|| Error::Corrupt(format!("{what}: pemohon tidak ada")))?,
                applicant_id: h.applicant_id,
                reason: h.reason,
                changes,
            })
        })
        .collect()
}
