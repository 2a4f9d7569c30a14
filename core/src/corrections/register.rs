//! The register of corrections: every value the desk recorded wrongly and put
//! right, and every step taken back, with who did it, when and why, for the
//! admin and the head of office to read. A correction of a person's data is
//! kept in the person's history (see [`crate::applicants::changes`]); a
//! correction of a case's or a certificate's value, or a step taken back, in
//! the `corrections` table ([`crate::cases::values`],
//! [`crate::cases::takeback`]). This register reads both, filtered by period
//! and operator. A data change BSrE approved (perubahan data) is a service,
//! not a correction, and is not listed.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::applicants::changes::ChangeKind;
use crate::cases::forms::FieldChange;
use crate::cases::values::{self, State};
use crate::entities::{applicant_history, applicants, cases, corrections, operators};
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
    /// The row's key in the register: `p<n>` a person's data, `k<n>` a
    /// case's or certificate's value or a step taken back.
    pub key: String,
    /// The history entry's or the correction's number.
    #[ts(type = "number")]
    pub id: i64,
    /// What was corrected: `data` (a person's), `nilai` (a case's or a
    /// certificate's value) or `langkah` (a step taken back).
    pub kind: String,
    /// The case it belongs to, if any.
    pub nomor: Option<String>,
    #[ts(type = "number | null")]
    pub case_id: Option<i64>,
    /// Applied, waiting for approval, or refused.
    pub state: State,
    /// Who approved or refused it (four-eyes).
    pub decided_by: Option<String>,
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
    read(db, query, tz, None).await
}

/// The corrections of one person's data and of their cases' and
/// certificates' values (their access export), newest first.
pub async fn of_person(
    db: &impl ConnectionTrait,
    applicant_id: i64,
    tz: FixedOffset,
) -> Result<Vec<CorrectionRow>> {
    read(db, &CorrectionQuery::default(), tz, Some(applicant_id)).await
}

async fn read(
    db: &impl ConnectionTrait,
    query: &CorrectionQuery,
    tz: FixedOffset,
    person: Option<i64>,
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
    if let Some(id) = person {
        select = select.filter(applicant_history::Column::ApplicantId.eq(id));
    }
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
    // An operator is found by user name or by full name.
    let named: Vec<String> = if who.is_empty() {
        vec![]
    } else {
        operators::Entity::find()
            .all(db)
            .await?
            .into_iter()
            .filter(|o| o.nama.to_lowercase().contains(&who))
            .map(|o| o.username.to_lowercase())
            .collect()
    };
    let by = |name: &str| {
        let name = name.to_lowercase();
        who.is_empty() || name.contains(&who) || named.contains(&name)
    };
    let rows: Vec<_> = rows.into_iter().filter(|h| by(&h.actor)).collect();
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
    let mut out = rows
        .into_iter()
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
                key: format!("p{}", h.id),
                id: h.id,
                kind: "data".into(),
                nomor: None,
                case_id: None,
                state: State::Berlaku,
                decided_by: None,
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
        .collect::<Result<Vec<_>>>()?;
    let mut select = corrections::Entity::find();
    if let Some(id) = person {
        select = select.filter(corrections::Column::ApplicantId.eq(id));
    }
    if let Some((_, start)) = from {
        select = select.filter(corrections::Column::RequestedAt.gte(start));
    }
    if let Some((_, end)) = to {
        select = select.filter(corrections::Column::RequestedAt.lt(end));
    }
    let rows = select.all(db).await?;
    // The cases and people the rows name, read once.
    let case_ids: Vec<i64> = rows.iter().map(|c| c.case_id).collect();
    let people: Vec<i64> = rows.iter().map(|c| c.applicant_id).collect();
    let numbers: std::collections::HashMap<i64, String> = cases::Entity::find()
        .filter(cases::Column::Id.is_in(case_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|c| (c.id, c.nomor))
        .collect();
    let whose: std::collections::HashMap<i64, String> = applicants::Entity::find()
        .filter(applicants::Column::Id.is_in(people))
        .all(db)
        .await?
        .into_iter()
        .map(|a| (a.id, a.nama))
        .collect();
    for c in rows {
        if !by(&c.requested_by) && !c.decided_by.as_deref().is_some_and(&by) {
            continue;
        }
        let what = format!("koreksi #{}", c.id);
        let nomor = numbers.get(&c.case_id).cloned();
        let subject = whose.get(&c.applicant_id).cloned().unwrap_or_default();
        let langkah = c.target == values::Target::Langkah.as_str();
        // A step taken back keeps the statuses' stored names: the screen
        // words them in its language.
        let (lama, baru) = (c.lama.clone(), c.baru.clone());
        out.push(CorrectionRow {
            key: format!("k{}", c.id),
            id: c.id,
            kind: if langkah { "langkah" } else { "nilai" }.into(),
            case_id: nomor.is_some().then_some(c.case_id),
            nomor,
            state: State::stored(&c.state, &what)?,
            decided_by: c.decided_by.clone(),
            at: c.requested_at.with_timezone(&tz).to_rfc3339(),
            actor: c.requested_by.clone(),
            subject,
            applicant_id: c.applicant_id,
            reason: c.reason.clone(),
            changes: vec![FieldChange {
                field: values::describe(db, &c).await?,
                lama,
                baru,
            }],
        });
    }
    // Newest first, across both sources.
    out.sort_by(|a, b| b.at.cmp(&a.at).then(b.key.cmp(&a.key)));
    Ok(out)
}

/// The corrections applied in the month of `today` (the dashboard's count):
/// a person's data, a case's or a certificate's value, a step taken back.
pub async fn this_month(
    db: &impl ConnectionTrait,
    today: NaiveDate,
    tz: FixedOffset,
) -> Result<u64> {
    use chrono::Datelike;
    use sea_orm::PaginatorTrait;
    let first = today.with_day(1).unwrap_or(today);
    let start = first
        .and_hms_opt(0, 0, 0)
        .and_then(|t| t.and_local_timezone(tz).single())
        .ok_or_else(|| Error::Corrupt("awal bulan".into()))?;
    let people = applicant_history::Entity::find()
        .filter(applicant_history::Column::Kind.eq(ChangeKind::Koreksi.as_str()))
        .filter(applicant_history::Column::At.gte(start))
        .count(db)
        .await?;
    let values = corrections::Entity::find()
        .filter(corrections::Column::State.eq(State::Berlaku.as_str()))
        .filter(corrections::Column::RequestedAt.gte(start))
        .count(db)
        .await?;
    Ok(people + values)
}
