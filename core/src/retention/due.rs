//! What a retention run would destroy today: each kind of record past its
//! period, counted from when it stopped being needed. An item names its kind,
//! a reference (a case or submission number, a person's record number and
//! their case numbers) and its dates, never the data it holds.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, Months, NaiveDate};
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::periods::RetentionPeriods;
use crate::Result;
use crate::applicants::registry::ANONYMISED;
use crate::entities::{applicants, cases, certificates, documents, kiosk_inbox, outbox};
use crate::lifecycle::flow;
use crate::lifecycle::vocabulary::Status;

/// The kinds of record a retention run destroys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum RecordKind {
    /// A case's document (deleted).
    Berkas,
    /// A person's data (anonymised: the person stays as a number, so the
    /// cases and reports still count).
    Pemohon,
    /// A kiosk submission (deleted).
    Kiosk,
    /// An e-mail in the outbox (deleted).
    Surel,
}

impl RecordKind {
    /// The kind's name in the berita acara.
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Berkas => "Berkas permohonan",
            RecordKind::Pemohon => "Data pribadi pemohon",
            RecordKind::Kiosk => "Kiriman kiosk",
            RecordKind::Surel => "Surel di kotak keluar",
        }
    }

    /// What the run does to it.
    pub fn action(self) -> &'static str {
        match self {
            RecordKind::Pemohon => "dianonimkan",
            _ => "dihapus",
        }
    }
}

/// One record past its retention period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct DueItem {
    pub jenis: RecordKind,
    #[ts(type = "number")]
    pub id: i64,
    /// What the berita acara names it by.
    pub rujukan: String,
    /// The day its period started (dd/mm/yyyy).
    pub mulai: String,
    /// The day its period ended (dd/mm/yyyy).
    pub habis: String,
}

fn dmy(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `from` + `months`, when that day has come by `today`.
fn ended(from: NaiveDate, months: u32, today: NaiveDate) -> Option<NaiveDate> {
    from.checked_add_months(Months::new(months))
        .filter(|end| *end <= today)
}

fn item(jenis: RecordKind, id: i64, rujukan: String, from: NaiveDate, end: NaiveDate) -> DueItem {
    DueItem {
        jenis,
        id,
        rujukan,
        mulai: dmy(from),
        habis: dmy(end),
    }
}

/// What the periods need of a case.
struct CaseDates {
    id: i64,
    applicant_id: i64,
    nomor: String,
    status: String,
    closed_at: Option<DateTime<FixedOffset>>,
}

/// Everything due on `today` under `p`, by kind, oldest first within a kind.
pub async fn due(
    db: &impl ConnectionTrait,
    p: &RetentionPeriods,
    today: NaiveDate,
) -> Result<Vec<DueItem>> {
    // Only the columns the periods need (not the forms).
    let case_rows: Vec<CaseDates> = cases::Entity::find()
        .select_only()
        .columns([
            cases::Column::Id,
            cases::Column::ApplicantId,
            cases::Column::Nomor,
            cases::Column::Status,
            cases::Column::ClosedAt,
        ])
        .into_tuple::<(i64, i64, String, String, Option<DateTime<FixedOffset>>)>()
        .all(db)
        .await?
        .into_iter()
        .map(|(id, applicant_id, nomor, status, closed_at)| CaseDates {
            id,
            applicant_id,
            nomor,
            status,
            closed_at,
        })
        .collect();
    let by_id: HashMap<i64, &CaseDates> = case_rows.iter().map(|c| (c.id, c)).collect();
    let mut out = vec![];

    // Documents: from the day their case ended.
    let docs: Vec<(i64, i64, String)> = documents::Entity::find()
        .select_only()
        .columns([
            documents::Column::Id,
            documents::Column::CaseId,
            documents::Column::Kind,
        ])
        .into_tuple()
        .all(db)
        .await?;
    for (id, case_id, kind) in docs {
        let Some(closed) = by_id.get(&case_id).and_then(|c| c.closed_at) else {
            continue;
        };
        let from = closed.date_naive();
        if let Some(end) = ended(from, p.berkas_tahun * 12, today) {
            let nomor = &by_id[&case_id].nomor;
            out.push(item(
                RecordKind::Berkas,
                id,
                format!("{nomor}: dokumen {kind} #{id}"),
                from,
                end,
            ));
        }
    }

    // People: from the later of their last case's end and their last
    // certificate's expiry (their registration when they have neither); not
    // while a case of theirs runs.
    let mut last: HashMap<i64, (NaiveDate, bool, Vec<String>)> = HashMap::new();
    for c in &case_rows {
        let e = last
            .entry(c.applicant_id)
            .or_insert((NaiveDate::MIN, false, vec![]));
        let status = Status::stored(&c.status, format_args!("status permohonan {}", c.nomor))?;
        e.1 |= !flow::is_final(status);
        if let Some(closed) = c.closed_at {
            e.0 = e.0.max(closed.date_naive());
        }
        e.2.push(c.nomor.clone());
    }
    let certs: Vec<(i64, NaiveDate)> = certificates::Entity::find()
        .select_only()
        .columns([
            certificates::Column::ApplicantId,
            certificates::Column::ValidTo,
        ])
        .into_tuple()
        .all(db)
        .await?;
    for (applicant_id, valid_to) in certs {
        let e = last
            .entry(applicant_id)
            .or_insert((NaiveDate::MIN, false, vec![]));
        e.0 = e.0.max(valid_to);
    }
    let people: Vec<(i64, String, String, DateTime<FixedOffset>)> = applicants::Entity::find()
        .select_only()
        .columns([
            applicants::Column::Id,
            applicants::Column::NikIndex,
            applicants::Column::Instansi,
            applicants::Column::CreatedAt,
        ])
        .into_tuple()
        .all(db)
        .await?;
    for (id, index, instansi, created) in people {
        if index.starts_with(ANONYMISED) {
            continue;
        }
        let (from, running, numbers) = match last.remove(&id) {
            Some((d, running, numbers)) => (d.max(created.date_naive()), running, numbers),
            None => (created.date_naive(), false, vec![]),
        };
        if running {
            continue;
        }
        if let Some(end) = ended(from, p.pemohon_tahun * 12, today) {
            let cases = if numbers.is_empty() {
                "tanpa permohonan".to_string()
            } else {
                numbers.join(", ")
            };
            out.push(item(
                RecordKind::Pemohon,
                id,
                format!("Pemohon #{id} ({instansi}; {cases})"),
                from,
                end,
            ));
        }
    }

    // Kiosk submissions the desk has decided on: from the day they came in.
    let subs = kiosk_inbox::Entity::find()
        .filter(kiosk_inbox::Column::Status.ne("baru"))
        .select_only()
        .columns([
            kiosk_inbox::Column::Id,
            kiosk_inbox::Column::Nomor,
            kiosk_inbox::Column::ReceivedAt,
        ])
        .into_tuple::<(i64, String, DateTime<FixedOffset>)>()
        .all(db)
        .await?;
    for (id, nomor, at) in subs {
        let from = at.date_naive();
        if let Some(end) = from
            .checked_add_days(chrono::Days::new(u64::from(p.kiosk_hari)))
            .filter(|end| *end <= today)
        {
            out.push(item(
                RecordKind::Kiosk,
                id,
                format!("Kiriman kiosk {nomor}"),
                from,
                end,
            ));
        }
    }

    // E-mails no longer waiting to be sent: from the day they were made.
    let mails = outbox::Entity::find()
        .filter(outbox::Column::Status.ne("menunggu"))
        .select_only()
        .columns([
            outbox::Column::Id,
            outbox::Column::Peristiwa,
            outbox::Column::CaseId,
            outbox::Column::Dibuat,
        ])
        .into_tuple::<(i64, String, Option<i64>, DateTime<FixedOffset>)>()
        .all(db)
        .await?;
    for (id, peristiwa, case_id, at) in mails {
        let from = at.date_naive();
        if let Some(end) = ended(from, p.surel_bulan, today) {
            let about = case_id
                .and_then(|c| by_id.get(&c))
                .map(|c| format!(", {}", c.nomor))
                .unwrap_or_default();
            out.push(item(
                RecordKind::Surel,
                id,
                format!("Surel #{id} ({peristiwa}{about})"),
                from,
                end,
            ));
        }
    }
    out.sort_by_key(|i| (i.jenis, i.id));
    Ok(out)
}

/// What the retention screen shows: the periods in force and what is due today.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[ts(export)]
pub struct RetentionDue {
    pub periods: RetentionPeriods,
    pub items: Vec<DueItem>,
}

/// The periods in force and what is due on `today` under them.
pub async fn list(db: &impl ConnectionTrait, today: NaiveDate) -> Result<RetentionDue> {
    let periods = super::periods::get(db).await?;
    let items = due(db, &periods, today).await?;
    Ok(RetentionDue { periods, items })
}
